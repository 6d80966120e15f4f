#!/usr/bin/env python3
"""Time from the first failed probe to the incident being open, with the default probe settings (interval 15 s,
2 failures to open, 2 good probes to resolve, 5 s timeout), on a real server whose SMTP gateway is a peer this script
controls. Each run stops the peer at a random moment of the probe's cycle, waits for the outage on /api/status, reads
the incident and the probe results from the database, starts the peer again and waits for the resolution.

usage: probe_bench.py RESULTS_FILE [runs] [refused|hung]
  refused: the peer stops listening (connection refused at once); hung: it accepts and never answers (the probe's
  5 s timeout decides). The first run is a warm-up and is recorded as such, not counted.
"""
import json
import os
import random
import shutil
import socket
import sys
import threading
import time
import urllib.request

from bench_common import ROOT, Results, Server, free_port, load, machine, summary

OUT = sys.argv[1]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 6
MODE = sys.argv[3] if len(sys.argv) > 3 else 'refused'
COMPONENT = 'smtp-gateway'


class SmtpPeer:
    """Enough of an SMTP server for the probe (EHLO, NOOP, QUIT) and for messages the demo might send."""

    def __init__(self, port):
        self.port = port
        self.listener = None
        self.hung = False

    def start(self):
        self.hung = False
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(('127.0.0.1', self.port))
        self.listener.listen(16)
        threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def resume(self, mode):
        if mode == 'hung':
            self.hung = False
        else:
            self.start()

    def stop(self, mode):
        if mode == 'hung':
            self.hung = True
        else:
            # shutdown first: a close alone leaves the socket listening until the accepting thread's call returns,
            # so one more connection would still be answered.
            self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()

    def accept(self, listener):
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        with conn:
            if self.hung:
                time.sleep(60)
                return
            f = conn.makefile('rwb')
            f.write(b'220 bench ESMTP\r\n')
            f.flush()
            data = False
            for raw in f:
                line = raw.decode(errors='replace').strip()
                if data:
                    if line == '.':
                        data = False
                        f.write(b'250 queued\r\n')
                        f.flush()
                    continue
                verb = line[:4].upper()
                if verb == 'EHLO':
                    f.write(b'250-bench\r\n250 8BITMIME\r\n')
                elif verb == 'DATA':
                    data = True
                    f.write(b'354 go on\r\n')
                elif verb == 'QUIT':
                    f.write(b'221 bye\r\n')
                    f.flush()
                    return
                else:
                    f.write(b'250 ok\r\n')
                f.flush()


def api_incident(server):
    """The outage on /api/status that names the component, if any."""
    status = json.loads(urllib.request.urlopen(server.base + '/api/status', timeout=10).read())
    for incident in status.get('incidents', []):
        if COMPONENT in json.dumps(incident.get('components', [])):
            return incident
    return None


def epoch(server, query):
    rows = server.sql(query)
    return [float(v) if v not in ('', None) else None for v in rows[0]] if rows else None


def main():
    results = Results(OUT)
    results.line(machine())
    peer = SmtpPeer(free_port())
    peer.start()
    data = os.path.join(ROOT, 'bench-data', 'continuity-probe')
    shutil.rmtree(data, ignore_errors=True)
    server = Server(data, env={'CONTINUUM_NOTIFICATIONS_SMTP_HOST': '127.0.0.1',
                               'CONTINUUM_NOTIFICATIONS_SMTP_PORT': str(peer.port)})
    try:
        # The standard demo hospital (2,000 patients, 21 resources): its appointments are the volume that the impact
        # benchmark multiplies by ten.
        results.record(phase='server_start_and_seed', seconds=round(server.start(), 1), failure_mode=MODE)
        counts = dict(server.sql('select status, count(*) from sched_appointment group by status'))
        results.record(phase='demo_appointments', total=sum(int(v) for v in counts.values()), by_status=counts)
        # Two good probes of the gateway before the first stop: it is operational and the prober runs.
        while int(server.sql(f"select count(*) from continuity_probe_result where component_code = '{COMPONENT}' "
                             "and outcome = 'ok'")[0][0]) < 2:
            time.sleep(1)
        opened, api_seen, detection = [], [], []
        for run in range(RUNS + 1):
            time.sleep(random.uniform(0, 15))  # a random phase of the 15 s probe cycle
            stopped = time.time()
            peer.stop(MODE)
            while (incident := api_incident(server)) is None:
                if time.time() - stopped > 180:
                    raise RuntimeError('no incident after 180 s')
                time.sleep(0.2)
            seen = time.time()
            iid = int(incident['id'])
            started, detected = epoch(server, 'select extract(epoch from started_at), extract(epoch from detected_at) '
                                              f'from continuity_incident_version where incident_id = {iid} and version = 1')
            first_failed = epoch(server, 'select extract(epoch from min(probed_at)) from continuity_probe_result '
                                         f"where component_code = '{COMPONENT}' and outcome <> 'ok' "
                                         f'and probed_at >= to_timestamp({stopped})')[0]
            peer.resume(MODE)
            restarted = time.time()
            while not server.sql('select 1 from continuity_incident_version where incident_id = '
                                 f"{iid} and status = 'resolved'"):
                if time.time() - restarted > 180:
                    raise RuntimeError('not resolved after 180 s')
                time.sleep(0.5)
            ended, resolved = epoch(server, 'select extract(epoch from ended_at), extract(epoch from changed_at) '
                                            f'from continuity_incident_version where incident_id = {iid} '
                                            "and status = 'resolved' order by version limit 1")
            row = {'phase': 'warmup' if run == 0 else 'run', 'run': run, 'incident': iid, 'load': load(),
                   'first_failed_probe_to_open_s': round(detected - started, 2),
                   'start_is_first_failed_probe': abs(started - first_failed) < 0.001 if first_failed else None,
                   'peer_stop_to_first_failed_probe_s': round(started - stopped, 2),
                   'peer_stop_to_open_s': round(detected - stopped, 2),
                   'open_to_api_status_s': round(seen - detected, 2),
                   'peer_back_to_resolved_s': round(resolved - restarted, 2),
                   'first_good_probe_to_resolved_s': round(resolved - ended, 2)}
            results.record(**row)
            if run > 0:
                opened.append(row['first_failed_probe_to_open_s'])
                api_seen.append(row['peer_stop_to_open_s'])
                detection.append(row['peer_back_to_resolved_s'])
            # Let the gateway show two good probes again before the next stop.
            time.sleep(1)
        results.record(phase='summary', failure_mode=MODE, target_s=30,
                       first_failed_probe_to_open_s=summary(opened), peer_stop_to_open_s=summary(api_seen),
                       peer_back_to_resolved_s=summary(detection), load_after=load())
    finally:
        server.stop()


if __name__ == '__main__':
    main()
