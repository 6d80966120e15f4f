#!/usr/bin/python3
"""Continuum's cluster on one machine: etcd, three PostgreSQL 15 members under Patroni, pgBackRest, and
Continuum nodes, all on loopback (docs/operations.md, "Cluster").

    cluster.py up | down | status [--json]
    cluster.py member stop|start NAME        stop or start one member (its supervisor, Patroni and PostgreSQL)
    cluster.py node stop|start N             stop or start Continuum node N (start waits until it is ready)
    cluster.py backup [full|incr|diff]       a base backup through pgBackRest, from a standby
    cluster.py backup list | backup verify
    cluster.py restore --to DIR [--at TIME]
    cluster.py env [--test]                  the JDBC URL and credentials as shell exports (CONTINUUM_DB_*, or
                                             with --test the test suite's CONTINUUM_TEST_DB_*)

Everything lives in CONTINUUM_CLUSTER_DIR (default ./cluster-data). Ports are chosen free at the first `up` and
kept in cluster.json; CONTINUUM_CLUSTER_ETCD_PORTS (client,peer), CONTINUUM_CLUSTER_PG_PORTS (three),
CONTINUUM_CLUSTER_REST_PORTS (three) and CONTINUUM_CLUSTER_NODE_PORTS (one per node) choose them instead.
CONTINUUM_CLUSTER_NODES is the number of Continuum nodes (default 2; 0 for the database alone),
CONTINUUM_CLUSTER_JAR the server's jar (or CONTINUUM_CLUSTER_NODE_COMMAND a whole command line that starts a node,
as the tests do from their class path), CONTINUUM_CLUSTER_BACKUP_KEY_FILE the repository's passphrase file
(default <cluster dir>/backup.key, generated on first use).
"""

import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
PG_BIN = Path(os.environ.get("CONTINUUM_CLUSTER_PG_BIN", "/usr/lib/postgresql/15/bin"))
MEMBERS = ("pg1", "pg2", "pg3")
STANZA = "continuum"
DATABASE = "continuum"
APP_USER = "continuum"
POSTGRES = "postgres"
# A member's supervisor restarts a Patroni that died after this pause.
RESTART_PAUSE = 0.5


class ClusterError(Exception):
    """A step that failed, said for the operator; exit code 1."""


# --- layout and state -------------------------------------------------------------------------------------


class Cluster:

    def __init__(self, root):
        self.root = Path(root).resolve()
        self.state_file = self.root / "cluster.json"
        self.secrets = self.root / "secrets"
        self.key_file = Path(os.environ.get("CONTINUUM_CLUSTER_BACKUP_KEY_FILE") or self.root / "backup.key")
        self.backrest = self.root / "pgbackrest"
        self.backrest_conf = self.root / "pgbackrest.conf"
        self.repo = self.root / "backups"
        self.etcd_dir = self.root / "etcd"
        self.state = json.loads(self.state_file.read_text()) if self.state_file.exists() else None

    def member_dir(self, name):
        return self.root / name

    def data_dir(self, name):
        return self.member_dir(name) / "data"

    def node_dir(self, index):
        return self.root / "nodes" / f"node{index}"

    def jdbc_url(self):
        hosts = ",".join(f"127.0.0.1:{p}" for p in self.state["pg_ports"])
        return f"jdbc:postgresql://{hosts}/{DATABASE}?targetServerType=primary"

    def secret(self, name):
        file = self.secrets / name
        if not file.exists():
            self.secrets.mkdir(parents=True, exist_ok=True)
            os.chmod(self.secrets, 0o700)
            file.write_text(secrets.token_urlsafe(24) + "\n")
            os.chmod(file, 0o600)
        return file.read_text().strip()

    def save(self):
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=2) + "\n")
        tmp.replace(self.state_file)


def env_ports(name, count):
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    ports = [int(p) for p in value.split(",") if p.strip()]
    if len(ports) != count:
        raise ClusterError(f"{name} needs {count} ports, got {value!r}")
    return ports


def free_ports(count, taken):
    """Ports the kernel hands out as free now, none of them in taken."""
    ports, sockets = [], []
    try:
        while len(ports) < count:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
            port = s.getsockname()[1]
            if port not in taken:
                ports.append(port)
    finally:
        for s in sockets:
            s.close()
    return ports


def plan(cluster):
    """The cluster's ports, names and size: from cluster.json once written, else from the environment or free."""
    if cluster.state is not None:
        return
    nodes = int(os.environ.get("CONTINUUM_CLUSTER_NODES", "2"))
    taken = set()
    chosen = {}
    for key, env, count in (("etcd_ports", "CONTINUUM_CLUSTER_ETCD_PORTS", 2),
                            ("pg_ports", "CONTINUUM_CLUSTER_PG_PORTS", 3),
                            ("rest_ports", "CONTINUUM_CLUSTER_REST_PORTS", 3),
                            ("node_ports", "CONTINUUM_CLUSTER_NODE_PORTS", nodes)):
        ports = env_ports(env, count) or free_ports(count, taken)
        taken.update(ports)
        chosen[key] = ports
    cluster.state = {
        # A name of its own, so that two clusters on one etcd (or two test runs) never share keys.
        "scope": "continuum-" + secrets.token_hex(4),
        "nodes": nodes,
        **chosen,
    }
    cluster.root.mkdir(parents=True, exist_ok=True)
    cluster.save()


# --- processes --------------------------------------------------------------------------------------------


def pid_alive(pid):
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1].split()[0] != "Z"
    except OSError:
        return False


def read_pid(file):
    try:
        return int(Path(file).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def postgres_pid(cluster, name):
    return read_pid(cluster.data_dir(name) / "postmaster.pid")


def spawn(args, log, env=None, user=None, cwd=None):
    """Starts a process in a session of its own, detached from this command, its output appended to log."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        kwargs = {}
        if user:
            entry = pwd.getpwnam(user)
            kwargs = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=cwd, start_new_session=True, close_fds=True, **kwargs)


def stop_pid(pid, timeout, sig=signal.SIGTERM):
    """Signals pid and waits until it is gone; SIGKILL after timeout seconds. True if it had to be killed."""
    if not pid_alive(pid):
        return False
    os.kill(pid, sig)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return False
        time.sleep(0.1)
    if pid_alive(pid):
        os.kill(pid, signal.SIGKILL)
        return True
    return False


def http(url, data=None, headers=None, timeout=5.0, method=None):
    """(status, body) of a request; status 0 when nothing answered."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as ex:
        return ex.code, ex.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return 0, ""


def wait_for(what, check, timeout, interval=0.25):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise ClusterError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def as_postgres(args, check=True, env=None, capture=True, timeout=None):
    entry = pwd.getpwnam(POSTGRES)
    full_env = {"PATH": f"{PG_BIN}:/usr/bin:/bin", "HOME": entry.pw_dir, "LANG": "C.UTF-8"}
    full_env.update(env or {})
    result = subprocess.run(args, user=entry.pw_uid, group=entry.pw_gid, extra_groups=[], env=full_env,
                            capture_output=capture, text=True, check=False, timeout=timeout, cwd="/")
    if check and result.returncode != 0:
        raise ClusterError(f"{' '.join(str(a) for a in args[:3])} ... failed ({result.returncode}): "
                           f"{(result.stderr or result.stdout or '').strip()[-2000:]}")
    return result


def give_to_postgres(path):
    entry = pwd.getpwnam(POSTGRES)
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, entry.pw_uid, entry.pw_gid)


def check_root():
    if os.geteuid() != 0:
        raise ClusterError("the cluster runs PostgreSQL and Patroni as the OS user postgres: start it as root "
                           "(sudo ./continuum cluster up)")


def check_reachable_by_postgres(cluster):
    """Patroni and PostgreSQL run as postgres: every folder above the cluster directory must let it through."""
    probe = as_postgres(["test", "-x", str(cluster.root)], check=False)
    if probe.returncode != 0:
        raise ClusterError(f"the OS user postgres cannot reach {cluster.root}: choose a CONTINUUM_CLUSTER_DIR "
                           "whose parent folders it may enter (chmod o+x), e.g. under /tmp or /srv")


# --- etcd -------------------------------------------------------------------------------------------------


def etcd_client_url(cluster):
    return f"http://127.0.0.1:{cluster.state['etcd_ports'][0]}"


def etcd_healthy(cluster):
    status, body = http(etcd_client_url(cluster) + "/health", timeout=1)
    return status == 200 and '"true"' in body


def start_etcd(cluster):
    pid = read_pid(cluster.root / "etcd.pid")
    if pid_alive(pid):
        return
    client, peer = cluster.state["etcd_ports"]
    cluster.etcd_dir.mkdir(parents=True, exist_ok=True)
    process = spawn(["etcd", "--name", "etcd1", "--data-dir", str(cluster.etcd_dir / "data"),
                     "--listen-client-urls", f"http://127.0.0.1:{client}",
                     "--advertise-client-urls", f"http://127.0.0.1:{client}",
                     "--listen-peer-urls", f"http://127.0.0.1:{peer}",
                     "--initial-advertise-peer-urls", f"http://127.0.0.1:{peer}",
                     "--initial-cluster", f"etcd1=http://127.0.0.1:{peer}",
                     "--initial-cluster-token", cluster.state["scope"],
                     "--initial-cluster-state", "new"],
                    cluster.root / "logs" / "etcd.log")
    (cluster.root / "etcd.pid").write_text(f"{process.pid}\n")
    wait_for("etcd", lambda: etcd_healthy(cluster), 30)


# --- pgBackRest -------------------------------------------------------------------------------------------


def ensure_backup_key(cluster):
    key = cluster.key_file
    if key.exists():
        return
    key.parent.mkdir(parents=True, exist_ok=True)
    key.write_text(secrets.token_urlsafe(48) + "\n")
    entry = pwd.getpwnam(POSTGRES)
    os.chown(key, entry.pw_uid, entry.pw_gid)
    os.chmod(key, 0o600)
    print(f"WARNING: generated the backup repository's passphrase in {key}. Keep a copy somewhere else: "
          "without it no backup can be restored.", file=sys.stderr)


def archive_command(cluster, name):
    return (f"PGBACKREST_REPO1_CIPHER_PASS=\"$(cat '{cluster.key_file}')\" pgbackrest "
            f"--config='{cluster.backrest_conf}' --stanza={STANZA} --pg1-path='{cluster.data_dir(name)}' "
            "archive-push \"%p\"")


def write_backrest_conf(cluster):
    for sub in ("log", "lock", "spool"):
        give_to_postgres(cluster.backrest / sub)
    give_to_postgres(cluster.repo)
    sections = []
    for i, name in enumerate(MEMBERS, start=1):
        sections += [f"pg{i}-path={cluster.data_dir(name)}", f"pg{i}-port={cluster.state['pg_ports'][i - 1]}",
                     f"pg{i}-socket-path={cluster.member_dir(name)}", f"pg{i}-user={POSTGRES}"]
    text = string.Template((HERE / "pgbackrest.conf.template").read_text()).substitute(
        repo_path=cluster.repo, retention_full=os.environ.get("CONTINUUM_CLUSTER_RETENTION_FULL", "2"),
        retention_diff=os.environ.get("CONTINUUM_CLUSTER_RETENTION_DIFF", "6"),
        log_path=cluster.backrest / "log", lock_path=cluster.backrest / "lock",
        spool_path=cluster.backrest / "spool", stanza=STANZA, pg_sections="\n".join(sections))
    cluster.backrest_conf.write_text(text)
    os.chmod(cluster.backrest_conf, 0o644)


def backrest(cluster, *args, check=True, timeout=None, capture=True):
    passphrase = cluster.key_file.read_text().strip()
    return as_postgres(["pgbackrest", f"--config={cluster.backrest_conf}", f"--stanza={STANZA}", *args],
                       env={"PGBACKREST_REPO1_CIPHER_PASS": passphrase}, check=check, timeout=timeout,
                       capture=capture)


# --- Patroni members --------------------------------------------------------------------------------------


def yaml_quoted(value):
    return "'" + str(value).replace("'", "''") + "'"


def write_patroni_conf(cluster, index, name):
    member = cluster.member_dir(name)
    give_to_postgres(member)
    os.chmod(member, 0o700)
    text = string.Template((HERE / "patroni.yml.template").read_text()).substitute(
        scope=cluster.state["scope"], name=name, rest_port=cluster.state["rest_ports"][index],
        etcd_hosts=f"127.0.0.1:{cluster.state['etcd_ports'][0]}", pg_port=cluster.state["pg_ports"][index],
        data_dir=cluster.data_dir(name), pg_bin_dir=PG_BIN, member_dir=member,
        superuser_password=yaml_quoted(cluster.secret("postgres-password")),
        replication_password=yaml_quoted(cluster.secret("replication-password")),
        archive_command=yaml_quoted(archive_command(cluster, name)),
        watchdog_mode=os.environ.get("CONTINUUM_CLUSTER_WATCHDOG", "off"))
    conf = member / "patroni.yml"
    conf.write_text(text)
    entry = pwd.getpwnam(POSTGRES)
    os.chown(conf, entry.pw_uid, entry.pw_gid)
    os.chmod(conf, 0o600)


def supervise(cluster, name):
    """The supervisor of one member (runs detached): keeps its Patroni running, restarting it at once when it
    dies, so that a PostgreSQL never goes on without the Patroni that would demote it. SIGTERM stops Patroni
    (and with it PostgreSQL) and then the supervisor."""
    member = cluster.member_dir(name)
    entry = pwd.getpwnam(POSTGRES)
    env = {"PATH": f"{PG_BIN}:/usr/bin:/bin", "HOME": entry.pw_dir, "LANG": "C.UTF-8"}
    stopping = False
    child = None

    def on_term(signum, frame):
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.terminate()

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    log = cluster.root / "logs" / f"{name}-patroni.log"
    while not stopping:
        child = spawn(["/usr/bin/patroni", str(member / "patroni.yml")], log, env=env, user=POSTGRES,
                      cwd=str(member))
        (member / "patroni.pid").write_text(f"{child.pid}\n")
        while True:
            try:
                code = child.wait()
                break
            except InterruptedError:
                continue
        if not stopping:
            with open(log, "a") as out:
                out.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} supervisor: patroni exited ({code}), "
                          "restarting\n")
            time.sleep(RESTART_PAUSE)
    (member / "patroni.pid").unlink(missing_ok=True)


def start_member(cluster, name):
    member = cluster.member_dir(name)
    if pid_alive(read_pid(member / "supervisor.pid")):
        return
    env = dict(os.environ)
    env["CONTINUUM_CLUSTER_DIR"] = str(cluster.root)
    process = spawn([sys.executable, str(Path(__file__).resolve()), "supervise", name],
                    cluster.root / "logs" / f"{name}-supervisor.log", env=env)
    (member / "supervisor.pid").write_text(f"{process.pid}\n")


def stop_member(cluster, name):
    member = cluster.member_dir(name)
    supervisor = read_pid(member / "supervisor.pid")
    stop_pid(supervisor, 60)
    # A Patroni or PostgreSQL left behind by a killed supervisor.
    stop_pid(read_pid(member / "patroni.pid"), 30)
    stop_pid(postgres_pid(cluster, name), 30, sig=signal.SIGINT)
    (member / "supervisor.pid").unlink(missing_ok=True)


def patroni_cluster(cluster):
    """Patroni's view of the cluster (GET /cluster) from the first member that answers, or None."""
    for port in cluster.state["rest_ports"]:
        status, body = http(f"http://127.0.0.1:{port}/cluster", timeout=2)
        if status == 200:
            return json.loads(body)
    return None


def members_by_role(cluster):
    view = patroni_cluster(cluster) or {"members": []}
    return {m["name"]: m for m in view.get("members", [])}


def leader(cluster):
    for name, m in members_by_role(cluster).items():
        if m.get("role") == "leader" and m.get("state") == "running":
            return name
    return None


def cluster_ready(cluster):
    """A running leader and a streaming synchronous standby: writes can commit."""
    members = members_by_role(cluster).values()
    has_leader = any(m.get("role") == "leader" and m.get("state") == "running" for m in members)
    has_sync = any(m.get("role") == "sync_standby" and m.get("state") in ("running", "streaming")
                   for m in members)
    return has_leader and has_sync


def psql(cluster, name, sql, database="postgres"):
    port = cluster.state["pg_ports"][MEMBERS.index(name)]
    return as_postgres([str(PG_BIN / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                        "-h", str(cluster.member_dir(name)), "-p", str(port), "-d", database, "-c", sql]).stdout


def ensure_database(cluster):
    """The application's role and database on the leader (idempotent)."""
    name = leader(cluster)
    password = cluster.secret("continuum-password").replace("'", "''")
    psql(cluster, name, f"""do $$ begin
        if not exists (select 1 from pg_roles where rolname = '{APP_USER}') then
          create role {APP_USER} login password '{password}';
        end if; end $$;""")
    if not psql(cluster, name, f"select 1 from pg_database where datname = '{DATABASE}'").strip():
        psql(cluster, name, f"create database {DATABASE} owner {APP_USER}")
    # amcheck for `backup verify` on restored copies, created once here so that it is in every backup.
    psql(cluster, name, "create extension if not exists amcheck", database=DATABASE)


def ensure_stanza(cluster):
    if backrest(cluster, "info", "--output=json", check=False).stdout.strip().startswith("[{\"archive\":[{"):
        return
    backrest(cluster, "stanza-create", timeout=120)


# --- Continuum nodes --------------------------------------------------------------------------------------


def server_jar():
    jar = Path(os.environ.get("CONTINUUM_CLUSTER_JAR") or REPOSITORY / "continuum-server/target/continuum-server.jar")
    if not jar.exists():
        raise ClusterError(f"no server jar at {jar}: run ./continuum build first (or set CONTINUUM_CLUSTER_JAR)")
    return jar


def node_env(cluster, index):
    env = dict(os.environ)
    for key in list(env):
        if key.startswith("CONTINUUM_CLUSTER_"):
            del env[key]
    env.update({
        "CONTINUUM_DATA_DIR": str(cluster.node_dir(index)),
        "CONTINUUM_HTTP_PORT": str(cluster.state["node_ports"][index - 1]),
        "CONTINUUM_HTTP_ADDRESS": "127.0.0.1",
        # The load balancer and the tools reach the nodes over plain HTTP on loopback; each node's HTTPS takes a free
        # port (printed in its banner).
        "CONTINUUM_HTTP_PLAIN": "loopback",
        "CONTINUUM_HTTPS_PORT": "0",
        # The nodes share one machine here: each takes a free loopback MLLP port and DICOM port (printed in its
        # banner).
        "CONTINUUM_MLLP_PORT": "0",
        "CONTINUUM_MLLP_ADDRESS": "127.0.0.1",
        "CONTINUUM_DICOM_PORT": "0",
        "CONTINUUM_DICOM_ADDRESS": "127.0.0.1",
        "CONTINUUM_DB_URL": cluster.jdbc_url(),
        "CONTINUUM_DB_USER": APP_USER,
        "CONTINUUM_DB_PASSWORD": cluster.secret("continuum-password"),
        # Every node signs demo users in with the same password.
        "CONTINUUM_DEMO_PASSWORD": os.environ.get("CONTINUUM_DEMO_PASSWORD") or cluster.secret("demo-password"),
        # Any node may chain the audit log: all hold the same audit key (docs/security.md, "Keyed chain and
        # checkpoints").
        "CONTINUUM_AUDIT_KEY_FILE": str(ensure_audit_key(cluster)),
    })
    return env


def ensure_audit_key(cluster):
    key = cluster.root / "audit-key"
    if not key.exists():
        fd = os.open(str(key), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32) + "\n")
    return key


def node_url(cluster, index):
    return f"http://127.0.0.1:{cluster.state['node_ports'][index - 1]}"


def node_ready(cluster, index):
    status, _ = http(node_url(cluster, index) + "/actuator/health/readiness", timeout=2)
    return status == 200


def start_node(cluster, index, jar):
    directory = cluster.node_dir(index)
    directory.mkdir(parents=True, exist_ok=True)
    pid = read_pid(directory / "node.pid")
    if pid_alive(pid):
        return pid
    command = cluster.state.get("node_command")
    if command:
        args = command.split()
    else:
        opts = os.environ.get("CONTINUUM_CLUSTER_JAVA_OPTS", "-Xms128m -Xmx1g -XX:+UseG1GC")
        args = ["java", *opts.split(), "-jar", str(jar)]
    process = spawn(args, directory / "console.log", env=node_env(cluster, index), cwd=str(directory))
    (directory / "node.pid").write_text(f"{process.pid}\n")
    return process.pid


def wait_node(cluster, index, timeout):
    pid = read_pid(cluster.node_dir(index) / "node.pid")

    def ready():
        if not pid_alive(pid):
            raise ClusterError(f"node{index} exited while starting: see {cluster.node_dir(index) / 'console.log'}")
        return node_ready(cluster, index)

    wait_for(f"node{index} to be ready", ready, timeout, interval=0.5)


def write_through(cluster, index):
    """A real write through a node: a token for the demo physician, then a Patient created over FHIR (the
    commit waits for the synchronous standby). Answers the new patient's id."""
    base = node_url(cluster, index)
    password = os.environ.get("CONTINUUM_DEMO_PASSWORD") or cluster.secret("demo-password")
    form = f"username=physician&password={urllib.request.quote(password)}".encode()
    status, body = http(base + "/api/token", data=form,
                        headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    if status != 200:
        raise ClusterError(f"node{index}: no token ({status})")
    token = json.loads(body)["access_token"]
    patient = {"resourceType": "Patient", "name": [{"family": "Clusterprobe", "given": ["Node"]}],
               "gender": "unknown", "birthDate": "2000-01-01"}
    status, body = http(base + "/fhir/Patient", data=json.dumps(patient).encode(), timeout=60,
                        headers={"Content-Type": "application/fhir+json", "Accept": "application/fhir+json",
                                 "Authorization": "Bearer " + token})
    if status != 201:
        raise ClusterError(f"node{index}: a write was refused ({status}): {body[:300]}")
    return json.loads(body)["id"]


# --- commands ---------------------------------------------------------------------------------------------


def up(cluster):
    started = time.monotonic()
    check_root()
    plan(cluster)
    check_reachable_by_postgres(cluster)
    for sub in ("logs",):
        (cluster.root / sub).mkdir(parents=True, exist_ok=True)
    # Kept, so that `node start` later starts a node the same way.
    cluster.state["node_command"] = os.environ.get("CONTINUUM_CLUSTER_NODE_COMMAND") or None
    cluster.save()
    jar = server_jar() if cluster.state["nodes"] > 0 and not cluster.state["node_command"] else None
    start_etcd(cluster)
    ensure_backup_key(cluster)
    write_backrest_conf(cluster)
    for index, name in enumerate(MEMBERS):
        write_patroni_conf(cluster, index, name)
        start_member(cluster, name)
    wait_for("a leader and a synchronous standby", lambda: cluster_ready(cluster), 180, interval=0.5)
    ensure_database(cluster)
    ensure_stanza(cluster)
    db_ready = time.monotonic() - started
    if cluster.state["nodes"] > 0:
        # One node at a time: the first migrates the database and seeds the demo hospital, the others find it done.
        for index in range(1, cluster.state["nodes"] + 1):
            start_node(cluster, index, jar)
            wait_node(cluster, index, 600)
        for index in range(1, cluster.state["nodes"] + 1):
            write_through(cluster, index)
    took = time.monotonic() - started
    print(f"Cluster up in {took:.1f} s (database ready after {db_ready:.1f} s), directory {cluster.root}")
    print(f"  JDBC URL: {cluster.jdbc_url()}  (user {APP_USER}, password in {cluster.secrets / 'continuum-password'})")
    print(f"  etcd:     {etcd_client_url(cluster)}")
    for index, name in enumerate(MEMBERS):
        print(f"  {name}:      postgres 127.0.0.1:{cluster.state['pg_ports'][index]}, "
              f"patroni http://127.0.0.1:{cluster.state['rest_ports'][index]}")
    for index in range(1, cluster.state["nodes"] + 1):
        print(f"  node{index}:    {node_url(cluster, index)}")
    if cluster.state["nodes"]:
        print(f"  demo password in {cluster.secrets / 'demo-password'}")


def down(cluster):
    if cluster.state is None:
        print(f"No cluster in {cluster.root}")
        return
    for index in range(1, cluster.state["nodes"] + 1):
        stop_pid(read_pid(cluster.node_dir(index) / "node.pid"), 40)
    # Replicas first, the leader last: with strict synchronous mode the leader would otherwise wait for a standby.
    current = leader(cluster)
    for name in [m for m in MEMBERS if m != current] + ([current] if current else []):
        stop_member(cluster, name)
    stop_pid(read_pid(cluster.root / "etcd.pid"), 20)
    print(f"Cluster in {cluster.root} stopped")


def status_data(cluster):
    members = members_by_role(cluster)
    out = {"directory": str(cluster.root), "scope": cluster.state["scope"], "jdbc_url": cluster.jdbc_url(),
           "etcd": {"pid": read_pid(cluster.root / "etcd.pid"), "client_port": cluster.state["etcd_ports"][0],
                    "peer_port": cluster.state["etcd_ports"][1], "healthy": etcd_healthy(cluster)},
           "members": [], "nodes": []}
    if not pid_alive(out["etcd"]["pid"]):
        out["etcd"]["pid"] = None
    for index, name in enumerate(MEMBERS):
        m = members.get(name, {})
        member = cluster.member_dir(name)
        pids = {key: read_pid(member / f"{key}.pid") for key in ("supervisor", "patroni")}
        pids["postgres"] = postgres_pid(cluster, name)
        out["members"].append({
            "name": name, "role": m.get("role"), "state": m.get("state"), "timeline": m.get("timeline"),
            "lag": m.get("lag"),
            "pg_port": cluster.state["pg_ports"][index], "rest_port": cluster.state["rest_ports"][index],
            "data_dir": str(cluster.data_dir(name)),
            **{f"{key}_pid": (pid if pid_alive(pid) else None) for key, pid in pids.items()},
        })
    for index in range(1, cluster.state["nodes"] + 1):
        pid = read_pid(cluster.node_dir(index) / "node.pid")
        alive = pid_alive(pid)
        out["nodes"].append({"name": f"node{index}", "pid": pid if alive else None,
                             "port": cluster.state["node_ports"][index - 1], "url": node_url(cluster, index),
                             "data_dir": str(cluster.node_dir(index)),
                             "ready": alive and node_ready(cluster, index)})
    return out


def status(cluster, as_json):
    if cluster.state is None:
        if as_json:
            print(json.dumps({"directory": str(cluster.root), "members": [], "nodes": []}))
        else:
            print(f"No cluster in {cluster.root}")
        return 3
    data = status_data(cluster)
    if as_json:
        print(json.dumps(data, indent=2))
    else:
        etcd = data["etcd"]
        print(f"Cluster {data['scope']} in {data['directory']}")
        print(f"etcd  pid {etcd['pid'] or '-'}  127.0.0.1:{etcd['client_port']}  "
              f"{'healthy' if etcd['healthy'] else 'NOT HEALTHY'}")
        print(f"{'member':<7}{'role':<14}{'state':<12}{'TL':>4}{'lag MB':>8}  {'port':<6}{'postgres':>9}{'patroni':>9}")
        for m in data["members"]:
            lag = m["lag"]
            lag = "-" if lag in (None, "") else (f"{lag / 1048576:.1f}" if isinstance(lag, (int, float)) else lag)
            role = {"leader": "leader", "sync_standby": "sync standby", "replica": "replica"}.get(m["role"],
                                                                                              m["role"] or "-")
            print(f"{m['name']:<7}{role:<14}{m['state'] or 'down':<12}{m['timeline'] or '-':>4}{lag:>8}  "
                  f"{m['pg_port']:<6}{m['postgres_pid'] or '-':>9}{m['patroni_pid'] or '-':>9}")
        for n in data["nodes"]:
            health = "ready" if n["ready"] else ("running, not ready" if n["pid"] else "down")
            print(f"{n['name']:<7}{n['url']:<28} pid {n['pid'] or '-':<8} {health}")
        print(f"JDBC URL: {data['jdbc_url']}")
    healthy = all(m["state"] in ("running", "streaming") for m in data["members"]) and \
        all(n["ready"] for n in data["nodes"])
    return 0 if healthy else 1


def main(argv):
    root = os.environ.get("CONTINUUM_CLUSTER_DIR") or "./cluster-data"
    cluster = Cluster(root)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__.strip())
        return 0
    command, args = argv[0], argv[1:]
    if command == "up":
        up(cluster)
        return 0
    if command == "down":
        down(cluster)
        return 0
    if command == "status":
        return status(cluster, "--json" in args)
    if command == "supervise":
        supervise(cluster, args[0])
        return 0
    if command == "env":
        require_state(cluster)
        # The server's settings, and the tests' (continuum.ExternalTestDatabase: a database per test context,
        # created by the superuser).
        prefixes = ("CONTINUUM_TEST_",) if "--test" in args else ("CONTINUUM_",)
        for prefix in prefixes:
            print(f"export {prefix}DB_URL='{cluster.jdbc_url()}'")
            print(f"export {prefix}DB_USER={APP_USER}")
            print(f"export {prefix}DB_PASSWORD='{cluster.secret('continuum-password')}'")
        if "--test" in args:
            print("export CONTINUUM_TEST_DB_ADMIN_USER=postgres")
            print(f"export CONTINUUM_TEST_DB_ADMIN_PASSWORD='{cluster.secret('postgres-password')}'")
        return 0
    if command in ("member", "node"):
        require_state(cluster)
    if command == "member" and len(args) == 2 and args[1] in MEMBERS:
        if args[0] == "stop":
            stop_member(cluster, args[1])
            return 0
        if args[0] == "start":
            start_member(cluster, args[1])
            return 0
    if command == "node" and len(args) == 2 and args[1].isdigit() and 1 <= int(args[1]) <= cluster.state["nodes"]:
        index = int(args[1])
        if args[0] == "stop":
            stop_pid(read_pid(cluster.node_dir(index) / "node.pid"), 40)
            return 0
        if args[0] == "start":
            start_node(cluster, index, None if cluster.state.get("node_command") else server_jar())
            wait_node(cluster, index, 600)
            return 0
    if command in ("backup", "restore"):
        import backups
        require_state(cluster)
        return backups.main(cluster, command, args)
    print(f"unknown cluster command: {' '.join(argv)} (try: cluster.py help)", file=sys.stderr)
    return 2


def require_state(cluster):
    if cluster.state is None:
        raise ClusterError(f"no cluster in {cluster.root} (./continuum cluster up first)")


if __name__ == "__main__":
    # backups.py imports this file as `cluster`: one module, one ClusterError.
    sys.modules.setdefault("cluster", sys.modules["__main__"])
    try:
        sys.exit(main(sys.argv[1:]))
    except ClusterError as error:
        print(f"cluster: {error}", file=sys.stderr)
        sys.exit(1)
