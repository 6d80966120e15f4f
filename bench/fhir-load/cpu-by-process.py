#!/usr/bin/env python3
"""CPU time by process kind during a benchmark, phase by phase.

Sample while a benchmark runs (every 0.5 s, until killed):
    bench/fhir-load/cpu-by-process.py sample SAMPLES 'bench/results/fhir-load-small-*.jsonl' &
    bench/fhir-load/run.sh small; kill %1
Then sum the samples taken while the newest results file had N lines, that is while the phase that writes line
N+1 was running (its load generator's start and warm-up included):
    bench/fhir-load/cpu-by-process.py phase SAMPLES N
or get one JSON line per phase of a results file (run.sh appends these to its results):
    bench/fhir-load/cpu-by-process.py phases SAMPLES RESULTS

Kinds: loadgen (the workload's JVM), server (Continuum's JVM), pg-backend (PostgreSQL connections), pg-autovac,
pg-ckpt, pg-walw, pg-other, other. Figures are clock ticks (1/100 s) of user plus system time, from /proc.
"""
import collections
import glob
import json
import os
import sys
import time


def kind(cmd):
    if 'LoadGen' in cmd or 'Interactions' in cmd:
        return 'loadgen'
    # Continuum's JVM, or the reference's (the HAPI FHIR JPA starter runs as ROOT.war).
    if 'continuum-server' in cmd or 'ROOT.war' in cmd:
        return 'server'
    if cmd.startswith('postgres: autovacuum worker'):
        return 'pg-autovac'
    if cmd.startswith('postgres: checkpointer'):
        return 'pg-ckpt'
    if cmd.startswith('postgres: walwriter'):
        return 'pg-walw'
    if cmd.startswith('postgres: continuum') or cmd.startswith('postgres: hapi'):
        return 'pg-backend'
    if cmd.startswith('postgres:') or 'bin/postgres' in cmd:
        return 'pg-other'
    return 'other'


def command(pid):
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as f:
            return f.read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        return None


def ticks(pid):
    try:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return None


def sample(out_path, results_glob):
    previous = {}
    kinds = {}
    with open(out_path, 'w') as out:
        while True:
            files = sorted(glob.glob(results_glob), key=os.path.getmtime)
            lines = sum(1 for _ in open(files[-1])) if files else 0
            totals = collections.Counter()
            for pid in filter(str.isdigit, os.listdir('/proc')):
                if kinds.get(pid, 'other') in ('other', 'pg-other'):
                    # Only these can still change: a launcher script that execs its JVM,
                    # a PostgreSQL child that names itself just after the fork.
                    cmd = command(pid)
                    if not cmd:
                        continue
                    kinds[pid] = kind(cmd)
                t = ticks(pid)
                if t is None:
                    continue
                if pid in previous:
                    totals[kinds[pid]] += t - previous[pid]
                previous[pid] = t
            out.write(f"{time.time():.1f} {lines} " + " ".join(f"{k}={v}" for k, v in sorted(totals.items()) if v)
                      + "\n")
            out.flush()
            time.sleep(0.5)


def phase(samples_path, line):
    totals = collections.Counter()
    seconds = 0.0
    for row in open(samples_path):
        parts = row.split()
        if int(parts[1]) == line:
            seconds += 0.5
            totals.update({k: int(v) for k, v in (p.split('=') for p in parts[2:])})
    print(f"{seconds:.1f} s: " + " ".join(f"{k}={v}" for k, v in totals.most_common()))


def phases(samples_path, results_path):
    by_lines = collections.defaultdict(collections.Counter)
    seconds = collections.Counter()
    for row in open(samples_path):
        parts = row.split()
        lines = int(parts[1])
        seconds[lines] += 0.5
        by_lines[lines].update({k: int(v) for k, v in (p.split('=') for p in parts[2:])})
    current_pass = None
    current_server = None
    for number, line in enumerate(open(results_path), start=1):
        if line.startswith('# pass'):
            current_pass = int(line.split()[2])
        if line.startswith('# server'):
            current_server = line.split()[2]
        if not line.startswith('{'):
            continue
        result = json.loads(line)
        if 'concurrency' not in result:
            continue
        ticks = by_lines[number - 1]
        pg = sum(v for k, v in ticks.items() if k.startswith('pg-'))
        ops = max(result.get('ops', 0), 1)
        print(json.dumps({'phase': 'cpu', 'of': result['phase'], 'server': current_server, 'pass': current_pass,
                          'concurrency': result['concurrency'], 'window_s': seconds[number - 1],
                          'loadgen_cpu_s': ticks['loadgen'] / 100, 'server_cpu_s': ticks['server'] / 100,
                          'postgres_cpu_s': pg / 100, 'other_cpu_s': ticks['other'] / 100,
                          'ms_per_op': {'loadgen': round(ticks['loadgen'] * 10 / ops, 3),
                                        'server': round(ticks['server'] * 10 / ops, 3),
                                        'postgres': round(pg * 10 / ops, 3)}}))


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'sample':
        sample(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == 'phase':
        phase(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == 'phases':
        phases(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
