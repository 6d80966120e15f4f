"""What the continuity benchmarks share: free ports, a Continuum server started from the built jar on its own data
directory, SQL through psql on the server's embedded PostgreSQL, signing in, percentiles and the machine's
conditions. Standard library only (plus psql on the PATH)."""
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

# SIGTERM ends a benchmark like Ctrl-C: its finally blocks stop the servers and nodes it started.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
PASSWORD = 'bench-password-1'
# The launcher's defaults (./continuum java_opts), so a figure holds for a server started as documented.
JAVA_OPTS = os.environ.get('CONTINUUM_JAVA_OPTS', '-Xms256m -Xmx2g -XX:+UseG1GC -XX:TieredStopAtLevel=4').split()


def jar():
    return os.path.join(ROOT, 'continuum-server', os.environ.get('CONTINUUM_BUILD_DIR', 'target-bench'),
                        'continuum-server.jar')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def utc_stamp():
    return time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())


def load():
    with open('/proc/loadavg') as f:
        return ' '.join(f.read().split()[:3])


def machine():
    mem = os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2 ** 30
    java = subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]
    commit = subprocess.run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'], capture_output=True,
                            text=True).stdout.strip()
    others = subprocess.run(['sh', '-c', "ps -eo args | grep -c '[j]ava .*\\(surefire\\|plexus-classworlds\\|-jar\\)'"],
                            capture_output=True, text=True).stdout.strip()
    return (f'# machine: {os.cpu_count()} cores, {mem:.0f} GiB, load {load()}, {java}, commit {commit}, '
            f'{others} other java processes running (builds, tests, servers)')


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(values, digits=1):
    return {'n': len(values), 'p50': round(percentile(values, 0.5), digits),
            'p99': round(percentile(values, 0.99), digits), 'max': round(max(values), digits),
            'min': round(min(values), digits)} if values else {'n': 0}


class Results:
    """One JSON line per measurement, printed and appended to the results file."""

    def __init__(self, path):
        self.path = path
        os.makedirs(os.path.dirname(path), exist_ok=True)

    def line(self, text):
        print(text, flush=True)
        with open(self.path, 'a') as f:
            f.write(text + '\n')

    def record(self, **fields):
        self.line(json.dumps(fields))


class Server:
    """A Continuum server from the built jar, on a free port bound to loopback, with its own data directory."""

    def __init__(self, data_dir, env=None, log=None, port=None):
        self.data_dir = data_dir
        self.port = port or free_port()
        self.base = f'http://127.0.0.1:{self.port}'
        self.log = log or os.path.join(ROOT, 'bench', 'results', f'server-continuity-{os.path.basename(data_dir)}.log')
        self.env = dict(os.environ, CONTINUUM_DATA_DIR=data_dir, CONTINUUM_HTTP_PORT=str(self.port),
                        CONTINUUM_HTTP_ADDRESS='127.0.0.1', CONTINUUM_HTTP_PLAIN='loopback',
                        CONTINUUM_HTTPS_PORT='0', CONTINUUM_DEMO_PASSWORD=PASSWORD,
                        CONTINUUM_SECURITY_TOKENLIFETIME='2h',
                        # One user drives the whole load: lift the per-user API limit.
                        CONTINUUM_SECURITY_RATELIMIT_APIUSER='100000000/1m', **(env or {}))
        self.process = None

    def start(self, timeout=1800):
        """Starts the server and waits for its banner (printed once the demo data are seeded); the seconds taken."""
        started = time.time()
        self.logfile = open(self.log, 'a')
        self.process = subprocess.Popen(['java', *JAVA_OPTS, '-jar', jar()], env=self.env, stdout=self.logfile,
                                        stderr=subprocess.STDOUT, cwd=ROOT)
        offset = self.logfile.tell()
        while time.time() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f'server died; see {self.log}')
            with open(self.log) as f:
                f.seek(offset)
                if 'Continuum is up' in f.read():
                    return time.time() - started
            time.sleep(1)
        raise RuntimeError('server did not come up in time')

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def pid(self):
        return self.process.pid

    def sql(self, query):
        """Rows of a query (tab-separated fields) on the server's embedded PostgreSQL, through psql."""
        with open(os.path.join(self.data_dir, 'secrets', 'db-password')) as f:
            password = f.read().strip()
        with open(os.path.join(self.data_dir, 'postgres', 'postmaster.pid')) as f:
            port = f.read().splitlines()[3].strip()
        out = subprocess.run(['psql', '-h', '127.0.0.1', '-p', port, '-U', 'continuum', '-d', 'continuum', '-At',
                              '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', query],
                             env=dict(os.environ, PGPASSWORD=password), capture_output=True, text=True, check=True)
        return [line.split('\t') for line in out.stdout.splitlines() if line]

    def token(self, username):
        data = urllib.parse.urlencode({'username': username, 'password': PASSWORD}).encode()
        return json.loads(urllib.request.urlopen(self.base + '/api/token', data).read())['access_token']

    def session(self, username):
        """A signed-in web session: an opener with its cookies, and a function giving a page's CSRF token."""
        jar_ = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar_))
        page = opener.open(self.base + '/login').read().decode()
        data = urllib.parse.urlencode({'username': username, 'password': PASSWORD, '_csrf': csrf(page)}).encode()
        opener.open(self.base + '/login', data)
        return opener


def csrf(page):
    return re.search(r'name="_csrf"[^>]*value="([^"]+)"', page).group(1)


def rss_kib(pid):
    """Resident set of a process and its children (the server's embedded PostgreSQL runs as its children)."""
    with open(f'/proc/{pid}/status') as f:
        return int(re.search(r'VmRSS:\s+(\d+)', f.read()).group(1))


def du_bytes(path):
    return int(subprocess.run(['du', '-sb', path], capture_output=True, text=True).stdout.split()[0])
