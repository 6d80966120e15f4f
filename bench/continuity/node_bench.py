#!/usr/bin/env python3
"""Downtime node benchmarks against a real server, both started from the built jars on free loopback ports with
their own data directories (and the node's key file in its own directory, outside the node's data directory).

usage: node_bench.py RESULTS_FILE lag [writes/s] [seconds] [sync interval]
       node_bench.py RESULTS_FILE catchup [changes] [runs]
       node_bench.py RESULTS_FILE size

lag      The standard demo hospital (bench-data/continuity-demo). A node loads it and follows; then clinical writes
         (FHIR creates of Condition, AllergyIntolerance and MedicationStatement for random demo patients, as the
         `physician` demo account) are sent at a fixed rate, open loop (each at its planned time, never waiting for
         the previous answer). The node's GET /status is read every 50 ms. Afterwards each write's change in the
         server's feed (its position, and the time its position was assigned after commit) is matched with the
         first /status reading whose feedPosition covers it: lag = that reading's time - the commit. A first pass of
         20 s at the same rate warms both JVMs and is recorded as a warm-up, not counted.
catchup  A node follows the demo hospital, is stopped (SIGTERM), N changes are made through FHIR with 8 clients as
         fast as the server takes them, and the node is started again: time from its start to feedPosition = the
         feed's head (also from its first /status answer, which leaves its JVM's start out).
size     The 100,000-patient demo (bench-data/patients-100000, made by `./continuum demo --patients 100000` if
         missing). A fresh node loads it: time to loaded and current, the store's size, the data directory's size,
         and the node's resident memory (now and peak), after loading and after a minute of following.
"""
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import urllib.request

from bench_common import (JAVA_OPTS, PASSWORD, ROOT, Results, Server, du_bytes, free_port, load, machine, percentile,
                          summary)

OUT, MODE = sys.argv[1], sys.argv[2]
ARGS = sys.argv[3:]
NODE_JAVA_OPTS = os.environ.get('CONTINUUM_DOWNTIME_JAVA_OPTS', '-Xms64m -Xmx512m').split()


def node_jar():
    if os.environ.get('CONTINUUM_DOWNTIME_JAR'):
        return os.environ['CONTINUUM_DOWNTIME_JAR']
    return os.path.join(ROOT, 'continuum-downtime', os.environ.get('CONTINUUM_BUILD_DIR', 'target-bench'),
                        'continuum-downtime.jar')


class Node:
    """A downtime node following `server`, with its data directory and its key file under bench-data."""

    def __init__(self, server, name, env=None):
        self.server = server
        self.data_dir = os.path.join(ROOT, 'bench-data', name)
        self.key_file = os.path.join(ROOT, 'bench-data', name + '-key', 'store.key')
        self.port = free_port()
        self.base = f'http://127.0.0.1:{self.port}'
        self.log = os.path.join(ROOT, 'bench', 'results', f'node-continuity-{name}.log')
        self.env = dict(os.environ, CONTINUUM_DOWNTIME_SERVER=server.base, CONTINUUM_DOWNTIME_PORT=str(self.port),
                        CONTINUUM_DOWNTIME_DATA_DIR=self.data_dir, CONTINUUM_DOWNTIME_KEY_FILE=self.key_file,
                        CONTINUUM_DOWNTIME_USERNAME='interface', CONTINUUM_DOWNTIME_PASSWORD=PASSWORD,
                        CONTINUUM_DOWNTIME_PUBLIC_URL=self.base, SERVER_ADDRESS='127.0.0.1', **(env or {}))
        self.process = None

    def wipe(self):
        shutil.rmtree(self.data_dir, ignore_errors=True)
        shutil.rmtree(os.path.dirname(self.key_file), ignore_errors=True)

    def start(self):
        self.logfile = open(self.log, 'a')
        self.process = subprocess.Popen(['java', *NODE_JAVA_OPTS, '-jar', node_jar()], env=self.env,
                                        stdout=self.logfile, stderr=subprocess.STDOUT, cwd=ROOT)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(120)
        self.process = None

    def status(self):
        try:
            return json.loads(urllib.request.urlopen(self.base + '/status', timeout=5).read())
        except OSError:
            if self.process.poll() is not None:
                raise RuntimeError(f'node died; see {self.log}')
            return None

    def wait_current(self, head, timeout=3600, every=0.05):
        """Waits until the node is loaded and has applied position `head`; (first /status answer, current) times."""
        answered = None
        deadline = time.time() + timeout
        while time.time() < deadline:
            status = self.status()
            if status is not None:
                answered = answered or time.time()
                if status.get('loaded') and (status.get('feedPosition') or 0) >= head:
                    return answered, time.time()
            time.sleep(every)
        raise RuntimeError('node not current in time')


def head(server):
    return int(server.sql('select coalesce(max(seq), 0) from change_feed')[0][0])


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            with open(f'/proc/{pid}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


def postgres_pids(server):
    with open(os.path.join(server.data_dir, 'postgres', 'postmaster.pid')) as f:
        master = f.readline().strip()
    pids = [master]
    for pid in os.listdir('/proc'):
        if pid.isdigit():
            try:
                with open(f'/proc/{pid}/stat') as f:
                    if f.read().rsplit(')', 1)[1].split()[1] == master:
                        pids.append(pid)
            except OSError:
                pass
    return pids


def memory(pid):
    with open(f'/proc/{pid}/status') as f:
        text = f.read()
    value = {}
    for key in ('VmRSS', 'VmHWM'):
        line = next(l for l in text.splitlines() if l.startswith(key + ':'))
        value[key] = int(line.split()[1]) // 1024
    return {'rss_mib': value['VmRSS'], 'peak_rss_mib': value['VmHWM']}


class Writer:
    """Clinical writes through FHIR: one persistent connection per client thread."""

    BODIES = [
        lambda p: {'resourceType': 'Condition', 'subject': {'reference': f'Patient/{p}'},
                   'code': {'coding': [{'system': 'http://hl7.org/fhir/sid/icd-10', 'code': 'I10'}],
                            'text': 'Essential hypertension'},
                   'clinicalStatus': {'coding': [{'system': 'http://terminology.hl7.org/CodeSystem/condition-clinical',
                                                  'code': 'active'}]},
                   'onsetDateTime': '2020-01-01'},
        lambda p: {'resourceType': 'AllergyIntolerance', 'patient': {'reference': f'Patient/{p}'},
                   'code': {'coding': [{'system': 'http://snomed.info/sct', 'code': '764146007'}], 'text': 'Penicillin'},
                   'clinicalStatus': {'coding': [{
                       'system': 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
                       'code': 'active'}]},
                   'verificationStatus': {'coding': [{
                       'system': 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
                       'code': 'confirmed'}]},
                   'category': ['medication'], 'criticality': 'high'},
        lambda p: {'resourceType': 'MedicationStatement', 'subject': {'reference': f'Patient/{p}'},
                   'status': 'active',
                   'medicationCodeableConcept': {'coding': [{'system': 'http://www.whocc.no/atc', 'code': 'A10BA02'}],
                                                 'text': 'Metformin 500 mg'},
                   'dosage': [{'text': '500 mg twice a day'}]},
    ]

    def __init__(self, server, patients):
        self.server = server
        self.patients = patients
        self.token = server.token('physician')
        self.lock = threading.Lock()
        self.latencies, self.errors, self.sent = [], 0, 0
        self.error_samples = []

    def connection(self):
        return http.client.HTTPConnection('127.0.0.1', self.server.port, timeout=30)

    def write(self, conn, rng):
        body = rng.choice(self.BODIES)(rng.choice(self.patients))
        started = time.perf_counter()
        try:
            conn.request('POST', '/fhir/' + body['resourceType'], json.dumps(body),
                         {'Authorization': 'Bearer ' + self.token, 'Content-Type': 'application/fhir+json',
                          'Accept': 'application/fhir+json'})
            response = conn.getresponse()
            answer = response.read()
            ok = response.status == 201
        except (OSError, http.client.HTTPException) as ex:
            ok, answer = False, str(ex).encode()
            conn.close()
        with self.lock:
            self.sent += 1
            if ok:
                self.latencies.append((time.perf_counter() - started) * 1000)
            else:
                self.errors += 1
                if len(self.error_samples) < 3:
                    self.error_samples.append(answer[:300].decode(errors='replace'))

    def paced(self, rate, seconds, clients=24):
        """Open loop: write i is due at start + i/rate, sent by the next free client at that moment or late."""
        start = time.time() + 0.2
        total = int(rate * seconds)
        next_index = [0]

        def client(n):
            conn, rng = self.connection(), random.Random(n)
            while True:
                with self.lock:
                    i = next_index[0]
                    next_index[0] += 1
                if i >= total:
                    return
                delay = start + i / rate - time.time()
                if delay > 0:
                    time.sleep(delay)
                self.write(conn, rng)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        return time.time() - start

    def flat_out(self, total, clients=8):
        remaining = [total]

        def client(n):
            conn, rng = self.connection(), random.Random(1000 + n)
            while True:
                with self.lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                self.write(conn, rng)

        started = time.time()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        return time.time() - started


def demo_server(results):
    data = os.path.join(ROOT, 'bench-data', 'continuity-demo')
    fresh = not os.path.isdir(os.path.join(data, 'postgres'))
    server = Server(data)
    seconds = server.start()
    results.record(phase='server_start_and_seed' if fresh else 'server_start', seconds=round(seconds, 1),
                   data=os.path.basename(data))
    return server


def patient_ids(server):
    return [row[0] for row in server.sql('select id from patient order by id limit 2000')]


def request_times(server, token):
    """Per URI the server's own count and total seconds of the requests a node makes (its Prometheus histogram)."""
    request = urllib.request.Request(server.base + '/actuator/prometheus', headers={'Authorization': 'Bearer ' + token})
    times = {}
    for line in urllib.request.urlopen(request, timeout=30).read().decode().splitlines():
        if line.startswith('http_server_requests_seconds_count') or line.startswith('http_server_requests_seconds_sum'):
            uri = line.split('uri="', 1)[1].split('"', 1)[0]
            if uri.startswith('/api/changes') or uri.startswith('/api/downtime'):
                kind = 'count' if '_count' in line.split('{', 1)[0] else 'sum'
                entry = times.setdefault(uri, {'count': 0, 'sum': 0.0})
                entry[kind] += float(line.rsplit(' ', 1)[1])
    return times


def server_side(before, after):
    """Mean server time (ms) and count per URI between two readings of request_times."""
    out = {}
    for uri, entry in after.items():
        count = entry['count'] - before.get(uri, {}).get('count', 0)
        if count:
            out[uri] = {'requests': int(count),
                        'mean_ms': round((entry['sum'] - before.get(uri, {}).get('sum', 0)) * 1000 / count, 1)}
    return out


def lag():
    rate = float(ARGS[0]) if ARGS else 200
    seconds = float(ARGS[1]) if len(ARGS) > 1 else 60
    interval = ARGS[2] if len(ARGS) > 2 else None
    results = Results(OUT)
    results.line(machine())
    server = demo_server(results)
    node = Node(server, 'continuity-node-lag',
                env={'CONTINUUM_DOWNTIME_SYNC_INTERVAL': interval} if interval else None)
    try:
        node.wipe()
        node.start()
        _, current = node.wait_current(head(server))
        results.record(phase='node_loaded', sync_interval=interval or '2s (default)')
        writer = Writer(server, patient_ids(server))
        metrics_token = server.token('itops')
        for label, length in (('warmup', 20), ('run', seconds)):
            samples, stop = [], threading.Event()

            def sample():
                while not stop.is_set():
                    status = node.status()
                    if status:
                        samples.append((time.time(), status.get('feedPosition') or 0, status.get('lagSeconds')))
                    time.sleep(0.05)

            first = head(server) + 1
            pids_server, pids_pg, pid_node = [server.pid()], postgres_pids(server), node.process.pid
            before = (cpu_ticks(pids_server), cpu_ticks(pids_pg), cpu_ticks([pid_node]), os.times())
            load_start = load()
            requests_before = request_times(server, metrics_token)
            sampler = threading.Thread(target=sample)
            sampler.start()
            writer.latencies, writer.errors, writer.sent = [], 0, 0
            took = writer.paced(rate, length)
            after = (cpu_ticks(pids_server), cpu_ticks(pids_pg), cpu_ticks([pid_node]), os.times())
            last = head(server)
            node.wait_current(last, timeout=120)
            time.sleep(0.2)
            stop.set()
            sampler.join()
            node_requests = server_side(requests_before, request_times(server, metrics_token))
            rows = server.sql('select seq, extract(epoch from changed_at), extract(epoch from sequenced_at) '
                              f'from change_feed where seq between {first} and {last} order by seq')
            lags_commit, lags_change, missing = [], [], 0
            k = 0
            for seq, changed, sequenced in rows:
                seq = int(seq)
                while k < len(samples) and samples[k][1] < seq:
                    k += 1
                if k == len(samples):
                    missing += 1
                    continue
                lags_commit.append((samples[k][0] - float(sequenced)) * 1000)
                lags_change.append((samples[k][0] - float(changed)) * 1000)
            hz = os.sysconf('SC_CLK_TCK')
            n = max(1, writer.sent - writer.errors)
            client_cpu = (after[3].user + after[3].system) - (before[3].user + before[3].system)
            reported = [s[2] for s in samples if s[2] is not None]
            results.record(
                phase=label, target_rate=rate, seconds=round(took, 1), writes=writer.sent, errors=writer.errors,
                achieved_rate=round(writer.sent / took, 1), changes=len(rows), unmatched=missing,
                write_ms=summary(writer.latencies), lag_from_commit_ms=summary(lags_commit, 0),
                lag_from_change_ms=summary(lags_change, 0),
                node_reported_lag_seconds={'p50': percentile(reported, 0.5), 'max': max(reported)} if reported else None,
                cpu_ms_per_write={'server_jvm': round((after[0] - before[0]) / hz * 1000 / n, 2),
                                  'postgres': round((after[1] - before[1]) / hz * 1000 / n, 2),
                                  'node': round((after[2] - before[2]) / hz * 1000 / n, 2),
                                  'load_generator': round(client_cpu * 1000 / n, 2)},
                node_requests_server_side=node_requests, status_samples=len(samples), load_start=load_start, load_end=load(),
                error_samples=writer.error_samples)
        results.record(phase='node_memory', **memory(node.process.pid))
    finally:
        node.stop()
        server.stop()


def catchup():
    changes = int(ARGS[0]) if ARGS else 100000
    runs = int(ARGS[1]) if len(ARGS) > 1 else 2
    results = Results(OUT)
    results.line(machine())
    server = demo_server(results)
    node = Node(server, 'continuity-node-catchup')
    try:
        node.wipe()
        node.start()
        node.wait_current(head(server))
        writer = Writer(server, patient_ids(server))
        for run in range(1, runs + 1):
            node.stop()
            from_position = head(server)
            writer.latencies, writer.errors, writer.sent = [], 0, 0
            took = writer.flat_out(changes)
            to_position = head(server)
            results.record(phase='changes_made', run=run, changes=to_position - from_position, seconds=round(took, 1),
                           rate=round((to_position - from_position) / took, 1), errors=writer.errors,
                           error_samples=writer.error_samples, load=load())
            load_start = load()
            metrics_token = server.token('itops')
            requests_before = request_times(server, metrics_token)
            pids_pg = postgres_pids(server)
            hz = os.sysconf('SC_CLK_TCK')
            cpu_before = (cpu_ticks([server.pid()]), cpu_ticks(pids_pg))
            started = time.time()
            node.start()
            answered, current = node.wait_current(to_position, timeout=1800, every=0.1)
            cpu = {'server_jvm_s': round((cpu_ticks([server.pid()]) - cpu_before[0]) / hz, 1),
                   'postgres_s': round((cpu_ticks(pids_pg) - cpu_before[1]) / hz, 1),
                   'node_s': round(cpu_ticks([node.process.pid]) / hz, 1)}
            node_requests = server_side(requests_before, request_times(server, metrics_token))
            status = node.status()
            results.record(phase='run', run=run, queued=to_position - from_position,
                           start_to_current_s=round(current - started, 1),
                           first_status_to_current_s=round(current - answered, 1),
                           changes_per_s_after_first_status=round((to_position - from_position) / (current - answered)),
                           store_bytes=status.get('storeBytes'), load_start=load_start, load_end=load(),
                           cpu_seconds=cpu, node_requests_server_side=node_requests, **memory(node.process.pid))
        results.record(phase='summary', target_s=60, changes=changes)
    finally:
        node.stop()
        server.stop()


def size():
    results = Results(OUT)
    data = os.path.join(ROOT, 'bench-data', 'patients-100000')
    if not os.path.isdir(os.path.join(data, 'postgres')):
        started = time.time()
        subprocess.run([os.path.join(ROOT, 'continuum'), 'demo', '--patients', '100000'], check=True,
                       env=dict(os.environ, CONTINUUM_DATA_DIR=data, CONTINUUM_DEMO_PASSWORD=PASSWORD))
        results.record(phase='generate_100k', seconds=round(time.time() - started))
    results.line(machine())
    server = Server(data)
    node = Node(server, 'continuity-node-100k')
    try:
        results.record(phase='server_start', seconds=round(server.start(), 1))
        counts = {t: int(server.sql(f'select count(*) from {t}')[0][0]) for t in ('patient', 'sched_appointment')}
        results.record(phase='server_data', rows=counts, feed_head=head(server),
                       server_data_dir_bytes=du_bytes(data))
        node.wipe()
        load_start = load()
        started = time.time()
        node.start()
        answered, current = node.wait_current(head(server), timeout=3600, every=0.5)
        status = node.status()
        results.record(phase='initial_load', start_to_current_s=round(current - started, 1),
                       first_status_to_current_s=round(current - answered, 1), load_start=load_start, load_end=load(),
                       store_bytes=status.get('storeBytes'), data_dir_bytes=du_bytes(node.data_dir),
                       **memory(node.process.pid))
        time.sleep(60)
        status = node.status()
        results.record(phase='after_a_minute_following', store_bytes=status.get('storeBytes'),
                       data_dir_bytes=du_bytes(node.data_dir), load=load(), **memory(node.process.pid))
    finally:
        node.stop()
        server.stop()
    # The same store opened again without loading: what a restarted node holds in memory.
    node.start()
    try:
        node.status_wait = node.wait_current(0, timeout=600)
        time.sleep(30)
        results.record(phase='restarted_node_idle', **memory(node.process.pid),
                       data_dir_bytes=du_bytes(node.data_dir))
    finally:
        node.stop()


if __name__ == '__main__':
    {'lag': lag, 'catchup': catchup, 'size': size}[MODE]()
