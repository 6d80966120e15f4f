#!/usr/bin/env python3
"""Measures scheduling against a running Continuum through FHIR: free-slot search latency (p50/p95/p99) for the
searches a booking clerk makes, then booking throughput with RACERS concurrent clients that all try to book each of
SLOTS free slots (in their own shuffled order). Checks that every slot was won exactly once, that every other attempt
was answered 409 with an OperationOutcome, and that every slot reads busy afterwards. One JSON line per measurement.

usage: slot_bench.py BASE_URL PASSWORD [seconds-per-kind] [search-clients] [racers] [slots]
"""
import datetime
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BASE, PASSWORD = sys.argv[1].rstrip('/'), sys.argv[2]
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 20
CLIENTS = int(sys.argv[4]) if len(sys.argv) > 4 else 4
RACERS = int(sys.argv[5]) if len(sys.argv) > 5 else 50
SLOTS = int(sys.argv[6]) if len(sys.argv) > 6 else 1000
TYPES = 'urn:continuum:appointment-type|'


def token(user):
    data = urllib.parse.urlencode({'username': user, 'password': PASSWORD}).encode()
    return json.loads(urllib.request.urlopen(BASE + '/api/token', data).read())['access_token']


def get(bearer, path):
    request = urllib.request.Request(BASE + '/fhir/' + path, headers={'Authorization': 'Bearer ' + bearer,
                                                                     'Accept': 'application/fhir+json'})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def iso(moment):
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


NOW = datetime.datetime.now(datetime.timezone.utc)
bearer = token('physician')
schedules = [e['resource']['id'] for e in get(bearer, 'Schedule?_count=1000').get('entry', [])]
print(json.dumps({'phase': 'setup', 'schedules': len(schedules)}), flush=True)


def by_resource_week(rnd):
    start = NOW + datetime.timedelta(days=rnd.randint(0, 84))
    return 'Slot?' + urllib.parse.urlencode([('schedule', 'Schedule/' + rnd.choice(schedules)), ('status', 'free'),
                                             ('start', 'ge' + iso(start)),
                                             ('start', 'lt' + iso(start + datetime.timedelta(days=7))),
                                             ('_count', 20)])


def by_type_three_months(rnd):
    return 'Slot?' + urllib.parse.urlencode([('service-type', TYPES + rnd.choice(['ultrasound', 'blood-sampling',
                                                                                   'follow-up', 'ct', 'mri'])),
                                             ('status', 'free'), ('start', 'ge' + iso(NOW)),
                                             ('start', 'lt' + iso(NOW + datetime.timedelta(days=92))),
                                             ('_count', 20)])


def by_type_from_earliest_date(rnd):
    earliest = NOW + datetime.timedelta(days=rnd.randint(1, 80))
    return 'Slot?' + urllib.parse.urlencode([('service-type', TYPES + rnd.choice(['ultrasound', 'blood-sampling'])),
                                             ('status', 'free'), ('start', 'ge' + earliest.strftime('%Y-%m-%d')),
                                             ('start', 'lt' + iso(NOW + datetime.timedelta(days=92))),
                                             ('_count', 20)])


def any_resource_one_day(rnd):
    day = (NOW + datetime.timedelta(days=rnd.randint(1, 88))).strftime('%Y-%m-%d')
    return 'Slot?' + urllib.parse.urlencode([('status', 'free'), ('start', day), ('_count', 20)])


def measure(kind, make):
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.time() + SECONDS

    def client(n):
        rnd = random.Random(n)
        own = token('scheduler')
        while time.time() < deadline:
            path = make(rnd)
            started = time.perf_counter()
            try:
                get(own, path)
                ok = True
            except Exception:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
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

    print(json.dumps({'kind': kind, 'clients': CLIENTS, 'requests': len(latencies), 'errors': errors[0],
                      'per_second': round(len(latencies) / SECONDS, 1), 'p50_ms': pct(50), 'p95_ms': pct(95),
                      'p99_ms': pct(99), 'max_ms': pct(100)}), flush=True)


# Warm-up: JIT, connection pool and PostgreSQL's cache, 500 requests of every kind before any is measured.
warm = random.Random(99)
for make in (by_resource_week, by_type_three_months, by_type_from_earliest_date, any_resource_one_day):
    for _ in range(500):
        get(bearer, make(warm))
for kind, make in (('by-resource-one-week', by_resource_week), ('by-type-three-months', by_type_three_months),
                   ('by-type-from-earliest-date', by_type_from_earliest_date),
                   ('any-resource-one-day', any_resource_one_day)):
    measure(kind, make)

# The race: SLOTS free blood-sampling slots (one resource each) a month from now, RACERS clients, every client tries
# every slot.
scheduler = token('scheduler')
race_slots, offset = [], 0
start = NOW + datetime.timedelta(days=30)
while len(race_slots) < SLOTS:
    page = get(scheduler, 'Slot?' + urllib.parse.urlencode([('service-type', TYPES + 'blood-sampling'),
                                                            ('status', 'free'), ('start', 'ge' + iso(start)),
                                                            ('_count', 100), ('_offset', offset)]))
    found = [e['resource']['id'] for e in page.get('entry', [])]
    if not found:
        break
    race_slots.extend(found)
    offset += len(found)
race_slots = race_slots[:SLOTS]
patients = [e['resource']['id'] for e in get(scheduler, 'Patient?_count=%d' % RACERS).get('entry', [])]
wins, conflicts, errors, lock = {}, [0], [], threading.Lock()
barrier = threading.Barrier(RACERS)


def racer(n):
    own = token('scheduler')
    order = list(race_slots)
    random.Random(1000 + n).shuffle(order)
    patient = patients[n % len(patients)]
    barrier.wait()
    for slot in order:
        body = json.dumps({'resourceType': 'Appointment', 'status': 'booked',
                           'participant': [{'actor': {'reference': 'Patient/' + patient}, 'status': 'accepted'}],
                           'slot': [{'reference': 'Slot/' + slot}]}).encode()
        request = urllib.request.Request(BASE + '/fhir/Appointment', data=body, method='POST',
                                         headers={'Authorization': 'Bearer ' + own,
                                                  'Content-Type': 'application/fhir+json',
                                                  'Accept': 'application/fhir+json'})
        try:
            with urllib.request.urlopen(request) as response:
                outcome = ('won', response.status)
        except urllib.error.HTTPError as ex:
            text = ex.read().decode(errors='replace')
            outcome = ('conflict', 409) if ex.code == 409 and 'OperationOutcome' in text else ('error', ex.code)
        except Exception as ex:
            outcome = ('error', str(ex))
        with lock:
            if outcome[0] == 'won':
                wins[slot] = wins.get(slot, 0) + 1
            elif outcome[0] == 'conflict':
                conflicts[0] += 1
            else:
                errors.append(outcome[1])


threads = [threading.Thread(target=racer, args=(n,)) for n in range(RACERS)]
began = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - began
attempts = sum(wins.values()) + conflicts[0] + len(errors)
busy = sum(1 for slot in race_slots if get(scheduler, 'Slot/' + slot)['status'] == 'busy')
print(json.dumps({'kind': 'booking-race', 'racers': RACERS, 'slots': len(race_slots), 'attempts': attempts,
                  'seconds': round(elapsed, 1), 'attempts_per_second': round(attempts / elapsed, 1),
                  'bookings_per_second': round(sum(wins.values()) / elapsed, 1),
                  'slots_won': len(wins), 'double_bookings': sum(c - 1 for c in wins.values() if c > 1),
                  'conflicts_409': conflicts[0], 'errors': len(errors), 'error_sample': errors[:5],
                  'slots_busy_after': busy}), flush=True)
