#!/usr/bin/env python3
"""Measures patient search latency against a running Continuum: the web search page (htmx results fragment, signed in
through the login form) and FHIR Patient?name=, with the queries staff type. Prints one JSON line per query kind.

usage: search_bench.py BASE_URL PASSWORD [seconds-per-kind] [clients] [web,fhir]
"""
import http.cookiejar
import json
import re
import sys
import threading
import time
import urllib.parse
import urllib.request

BASE, PASSWORD = sys.argv[1].rstrip('/'), sys.argv[2]
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 20
CLIENTS = int(sys.argv[4]) if len(sys.argv) > 4 else 4

QUERIES = {
    'two-fragments': ['dubois marie', 'peeters jan', 'janssens els', 'lefevre chloe', 'maes lotte', 'dupont jean',
                      'goossens noor', 'claes koen', 'martin lea', 'wouters finn'],
    'particle-prefix': ['vande', 'van de velde', 'vandenb', 'dhondt', "d'hondt", 'de sm', 'op de beeck', 'vanderl'],
    'accent-fold': ['lefevre', 'lemaitre', 'muller', 'gerard', 'marechal', 'noel', 'stevenart', 'francois'],
    'short-prefix': ['ma', 'de', 'va', 'le', 'du', 'pe', 'ja', 'go'],
    'any-order': ['marie dubois', 'jan peeters', 'els janssens', 'hugo lambert', 'emma mertens'],
    'birth-date': ['30/07/1985', '1962-03-14', '01/01/1950', '12.12.2001'],
}


def session():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(BASE + '/login').read().decode()
    csrf = re.search(r'name="_csrf"[^>]*value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({'username': 'physician', 'password': PASSWORD, '_csrf': csrf}).encode()
    opener.open(BASE + '/login', data)
    return opener


def token():
    data = urllib.parse.urlencode({'username': 'physician', 'password': PASSWORD}).encode()
    return json.loads(urllib.request.urlopen(BASE + '/api/token', data).read())['access_token']


def run(kind, target, queries):
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.time() + SECONDS

    def client(n):
        try:
            opener = session() if target == 'web' else None
            bearer = token() if target == 'fhir' else None
        except Exception as ex:
            with lock:
                errors[0] += 1
            print(json.dumps({'target': target, 'kind': kind, 'sign_in_failed': str(ex)}), file=sys.stderr)
            return
        i = n
        while time.time() < deadline:
            q = queries[i % len(queries)]
            i += 1
            if target == 'web':
                request = urllib.request.Request(BASE + '/patients?' + urllib.parse.urlencode({'q': q}),
                                                 headers={'HX-Request': 'true'})
                send = opener.open
            else:
                request = urllib.request.Request(BASE + '/fhir/Patient?' + urllib.parse.urlencode({'name': q, '_count': 20}),
                                                 headers={'Authorization': 'Bearer ' + bearer,
                                                          'Accept': 'application/fhir+json'})
                send = urllib.request.urlopen
            start = time.perf_counter()
            try:
                with send(request) as response:
                    response.read()
                    ok = response.status == 200
            except Exception:
                ok = False
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()

    def pct(p):
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 1) if latencies else None

    print(json.dumps({'target': target, 'kind': kind, 'clients': CLIENTS, 'requests': len(latencies),
                      'errors': errors[0], 'per_second': round(len(latencies) / SECONDS, 1),
                      'p50_ms': pct(50), 'p95_ms': pct(95), 'p99_ms': pct(99), 'max_ms': pct(100)}), flush=True)


def warm_up(target):
    """Every query a few times first: JIT, connection pool and PostgreSQL's cache are then warm for every kind."""
    opener = session() if target == 'web' else None
    bearer = token() if target == 'fhir' else None
    for _ in range(3):
        for queries in QUERIES.values():
            for q in queries:
                if target == 'web':
                    opener.open(urllib.request.Request(BASE + '/patients?' + urllib.parse.urlencode({'q': q}),
                                                       headers={'HX-Request': 'true'})).read()
                elif not re.match(r'^[\d./-]+$', q):
                    urllib.request.urlopen(urllib.request.Request(
                        BASE + '/fhir/Patient?' + urllib.parse.urlencode({'name': q, '_count': 20}),
                        headers={'Authorization': 'Bearer ' + bearer, 'Accept': 'application/fhir+json'})).read()


for target in (sys.argv[5].split(',') if len(sys.argv) > 5 else ('web', 'fhir')):
    for kind, queries in QUERIES.items():
        if target == 'fhir' and kind == 'birth-date':
            continue
        if kind == 'two-fragments':
            warm_up(target)
        run(kind, target, queries)
