#!/usr/bin/env python3
"""Time from an incident's resolution to its stored impact report, at ten times the demo hospital's appointment
volume (20,000 patients and 210 bookable resources instead of 2,000 and 21; generated once into
bench-data/continuity-x10 and reused).

The demo's past appointments are all checked in (fulfilled, no-show or cancelled), which is not what an outage leaves
behind: nobody could check the patients in. So before the runs of a window the script sets the window's fulfilled,
arrived and no-show appointments back to BOOKED in the database (psql), as the outage would have left them; the
analysis then finds them. Each run, as the demo's `itops` account through the web pages: declares an outage of the
database starting the window's length ago (minute precision), resolves it now, and polls the database every 0.1 s for
the stored impact. The resolution's time is the resolving version's changed_at (server clock, same machine).

usage: impact_bench.py RESULTS_FILE [runs per window] [windows in hours, comma-separated]
The first run is a warm-up (JIT, caches) and is recorded as such, not counted.
"""
import os
import re
import sys
import time
import urllib.parse
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bench_common import ROOT, Results, Server, csrf, load, machine, summary

OUT = sys.argv[1]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
WINDOWS = [float(h) for h in (sys.argv[3] if len(sys.argv) > 3 else '1,8,72').split(',')]
PATIENTS, RESOURCES = 20000, 210
ZONE = ZoneInfo('Europe/Brussels')


def declare(server, opener, hours):
    start = (datetime.now(ZONE) - timedelta(hours=hours)).strftime('%Y-%m-%dT%H:%M')
    page = opener.open(server.base + '/continuity/incidents').read().decode()
    data = urllib.parse.urlencode({'title': f'Bench outage {hours:g} h', 'impact': 'critical',
                                   'components': 'database', 'start': start, 'reason': 'benchmark',
                                   '_csrf': csrf(page)}).encode()
    with opener.open(server.base + '/continuity/incidents', data) as response:
        match = re.search(r'/continuity/incidents/(\d+)$', response.geturl())
        if not match:
            raise RuntimeError('declaring the outage failed: ' + response.geturl())
        return int(match.group(1))


def resolve(server, opener, iid):
    page = opener.open(f'{server.base}/continuity/incidents/{iid}').read().decode()
    data = urllib.parse.urlencode({'version': '1', 'reason': 'benchmark', '_csrf': csrf(page)}).encode()
    with opener.open(f'{server.base}/continuity/incidents/{iid}/resolve', data) as response:
        response.read()


def main():
    results = Results(OUT)
    data = os.path.join(ROOT, 'bench-data', 'continuity-x10')
    fresh = not os.path.isdir(os.path.join(data, 'postgres'))
    server = Server(data, env={'CONTINUUM_DEMO_PATIENTS': str(PATIENTS),
                               'CONTINUUM_SCHEDULING_DEMO_RESOURCES': str(RESOURCES)})
    try:
        results.line(machine())
        seconds = server.start()
        results.record(phase='server_start' if not fresh else 'server_start_and_seed', seconds=round(seconds, 1),
                       patients=PATIENTS, resources=RESOURCES)
        counts = dict(server.sql('select status, count(*) from sched_appointment group by status'))
        results.record(phase='appointments', total=sum(int(v) for v in counts.values()), by_status=counts)
        opener = server.session('itops')
        for hours in WINDOWS:
            set_back = server.sql(
                "with w as (update sched_appointment set status = 'BOOKED' where status in "
                "('FULFILLED', 'ARRIVED', 'NOSHOW') and starts_at >= now() - "
                f"interval '{hours * 3600 + 120:.0f} seconds' and starts_at < now() returning 1) select count(*) from w")
            results.record(phase='set_back_to_booked', window_hours=hours, appointments=int(set_back[0][0]))
            stored = []
            for run in range(RUNS + 1):
                iid = declare(server, opener, hours)
                before = time.time()
                resolve(server, opener, iid)
                answered = time.time()
                while not (row := server.sql(
                        'select extract(epoch from computed_at), appointments, late_arrivals, messages '
                        f'from continuity_impact where incident_id = {iid}')):
                    if time.time() - before > 600:
                        raise RuntimeError('no impact after 600 s')
                    time.sleep(0.1)
                seen = time.time()
                computed, booked, late, messages = float(row[0][0]), *map(int, row[0][1:])
                resolved, start, end = map(float, server.sql(
                    'select extract(epoch from changed_at), extract(epoch from started_at), extract(epoch from ended_at) '
                    f"from continuity_incident_version where incident_id = {iid} and status = 'resolved'")[0])
                line = {'phase': 'warmup' if run == 0 else 'run', 'run': run, 'window_hours': hours,
                        'incident': iid, 'load': load(), 'window_s': round(end - start),
                        'appointments': booked, 'late_arrivals': late, 'messages': messages,
                        'resolve_request_ms': round((answered - before) * 1000),
                        'resolved_to_analysis_start_s': round(computed - resolved, 3),
                        'resolved_to_stored_s': round(seen - resolved, 2)}
                results.record(**line)
                if run > 0:
                    stored.append(line['resolved_to_stored_s'])
            results.record(phase='summary', window_hours=hours, target_s=60, resolved_to_stored_s=summary(stored, 2),
                           load_after=load())
    finally:
        server.stop()


if __name__ == '__main__':
    main()
