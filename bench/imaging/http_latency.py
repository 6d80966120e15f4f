#!/usr/bin/env python3
"""Benchmark client (not a test) for bench/imaging/pacs.sh: GETs a list of URLs in turn over one keep-alive HTTP
connection and writes the latency of each request, summarised, to a file.

Usage: http_latency.py URL_FILE REPEAT OUT_JSON [HEADER ...]
  URL_FILE  one absolute http://host:port/path?query per line, all on the same host and port
  REPEAT    how many requests in all (the list is walked round and round)
  OUT_JSON  {"requests", "mean_ms", "p50_ms", "p90_ms", "p99_ms", "max_ms", "bytes_per_request", "status"}
  HEADER    "Name: value" sent with every request (e.g. Authorization, Accept)
Every response must be 200 with a body; anything else stops the run with exit status 1.
"""
import http.client
import json
import sys
import time
import urllib.parse


def percentile(sorted_values, p):
    # nearest rank: the smallest value with at least p % of the values at or below it
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def main():
    url_file, repeat, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    headers = dict(h.split(': ', 1) for h in sys.argv[4:])
    with open(url_file) as f:
        urls = [u.strip() for u in f if u.strip()]
    first = urllib.parse.urlsplit(urls[0])
    connection = http.client.HTTPConnection(first.hostname, first.port, timeout=120)
    latencies, total_bytes = [], 0
    for n in range(repeat):
        parts = urllib.parse.urlsplit(urls[n % len(urls)])
        target = parts.path + ('?' + parts.query if parts.query else '')
        t0 = time.perf_counter()
        connection.request('GET', target, headers=headers)
        response = connection.getresponse()
        body = response.read()
        latencies.append(time.perf_counter() - t0)
        if response.status != 200 or not body:
            sys.stderr.write(f'{target}: HTTP {response.status}, {len(body)} bytes: {body[:300]!r}\n')
            sys.exit(1)
        if response.getheader('Connection', '').lower() == 'close':
            connection.close()
            connection = http.client.HTTPConnection(first.hostname, first.port, timeout=120)
        total_bytes += len(body)
    connection.close()
    ms = sorted(x * 1000 for x in latencies)
    summary = {
        'requests': len(ms),
        'mean_ms': round(sum(ms) / len(ms), 3),
        'p50_ms': round(percentile(ms, 50), 3),
        'p90_ms': round(percentile(ms, 90), 3),
        'p99_ms': round(percentile(ms, 99), 3),
        'max_ms': round(ms[-1], 3),
        'bytes_per_request': total_bytes // len(ms),
        'status': 200,
    }
    with open(out, 'w') as f:
        json.dump(summary, f)


if __name__ == '__main__':
    main()
