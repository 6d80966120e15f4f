"""Backups of the cluster through pgBackRest (docs/operations.md, "Backups on the cluster (pgBackRest)").

    backup [--type full|incr|diff] [--no-verify]   a base backup now, copied from a standby, then verified
    backup list [--json]                          the backups in the repository
    backup verify                                 restore the latest backup into a scratch directory and check it
    restore --to DIR [--at TIME] [--set LABEL]    a new PostgreSQL 15 data directory from the backups

Each backup is followed by a checkpoint of its own: a named restore point made while writes to the application's
tables are held for an instant, and the exact row count of each table at that point (a snapshot taken under the
same hold), kept in <cluster dir>/backup-checkpoints/<label>.json. `verify` restores the latest backup up to that
restore point, so the restored tables must hold exactly those counts.
"""

import json
import os
import shutil
import signal
import time
from pathlib import Path

import psycopg2

import cluster as c

VERIFY_TIMEOUT = 600


def main(cluster, command, args):
    if command == "restore":
        return restore(cluster, args)
    sub = args[0] if args and not args[0].startswith("--") else "run"
    rest = args[1:] if sub != "run" else args
    if sub == "run":
        kind = option(rest, "--type", "incr")
        if kind not in ("full", "incr", "diff"):
            raise c.ClusterError(f"backup --type must be full, incr or diff, not {kind}")
        label = backup(cluster, kind)
        if "--no-verify" not in rest:
            return verify(cluster)
        print(label)
        return 0
    if sub == "list":
        return list_backups(cluster, "--json" in rest)
    if sub == "verify":
        return verify(cluster)
    raise c.ClusterError(f"unknown backup command: {sub} (backup, backup list, backup verify)")


def option(args, name, default=None):
    if name in args:
        i = args.index(name)
        if i + 1 >= len(args):
            raise c.ClusterError(f"{name} needs a value")
        return args[i + 1]
    return default


def info(cluster):
    out = c.backrest(cluster, "info", "--output=json").stdout
    stanzas = json.loads(out)
    return stanzas[0] if stanzas else {}


def checkpoints_dir(cluster):
    return cluster.root / "backup-checkpoints"


# --- backup -----------------------------------------------------------------------------------------------


def backup(cluster, kind):
    started = time.monotonic()
    c.ensure_stanza(cluster)
    c.backrest(cluster, "backup", f"--type={kind}", timeout=6 * 3600)
    backups = info(cluster).get("backup", [])
    if not backups:
        raise c.ClusterError("pgBackRest reported success but lists no backup")
    label = backups[-1]["label"]
    checkpoint(cluster, label)
    took = time.monotonic() - started
    print(f"Backup {label} ({kind}) taken in {took:.1f} s")
    return label


def leader_connection(cluster, database=c.DATABASE):
    name = c.leader(cluster)
    if name is None:
        raise c.ClusterError("no leader: the cluster cannot take a backup checkpoint now")
    port = cluster.state["pg_ports"][c.MEMBERS.index(name)]
    return psycopg2.connect(host="127.0.0.1", port=port, dbname=database, user="postgres",
                            password=cluster.secret("postgres-password"), connect_timeout=10)


def user_tables(connection):
    with connection.cursor() as cur:
        cur.execute("""select quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                       from pg_class c join pg_namespace n on n.oid = c.relnamespace
                       where c.relkind in ('r', 'p') and c.relpersistence = 'p'
                         and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_toast'
                       order by 1""")
        return [row[0] for row in cur.fetchall()]


def checkpoint(cluster, label):
    """A restore point after the backup and the row counts at exactly that point: one session holds every
    application table in SHARE mode (writers wait, for milliseconds), a second takes its snapshot, the first
    writes the restore point and lets go; the second counts at leisure from its snapshot."""
    name = f"continuum-{label}"
    hold = leader_connection(cluster)
    counter = leader_connection(cluster)
    try:
        tables = user_tables(hold)
        with hold.cursor() as cur:
            cur.execute("set lock_timeout = '10s'")
            if tables:
                cur.execute("lock table " + ", ".join(tables) + " in share mode")
        counter.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with counter.cursor() as cur:
            cur.execute("select 1")
        with hold.cursor() as cur:
            cur.execute("select pg_create_restore_point(%s)::text, pg_current_wal_lsn()::text", (name,))
            lsn = cur.fetchone()[0]
        hold.commit()
        counts = {}
        with counter.cursor() as cur:
            for table in tables:
                cur.execute(f"select count(*) from {table}")
                counts[table] = cur.fetchone()[0]
        counter.rollback()
    finally:
        hold.close()
        counter.close()
    # `check` switches to a new WAL segment and waits until the one holding the restore point is archived.
    c.backrest(cluster, "check", timeout=300)
    directory = checkpoints_dir(cluster)
    directory.mkdir(parents=True, exist_ok=True)
    record = {"label": label, "restore_point": name, "lsn": lsn, "database": c.DATABASE, "row_counts": counts,
              "taken_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (directory / f"{label}.json").write_text(json.dumps(record, indent=2) + "\n")


# --- list -------------------------------------------------------------------------------------------------


def list_backups(cluster, as_json):
    stanza = info(cluster)
    rows = []
    for b in stanza.get("backup", []):
        checkpoint_file = checkpoints_dir(cluster) / f"{b['label']}.json"
        verified = checkpoints_dir(cluster) / f"{b['label']}.verified.json"
        rows.append({
            "label": b["label"], "type": b["type"],
            "start": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(b["timestamp"]["start"])),
            "stop": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(b["timestamp"]["stop"])),
            "database_bytes": b["info"]["size"], "repository_bytes": b["info"]["repository"]["delta"],
            "wal_start": b["archive"]["start"], "wal_stop": b["archive"]["stop"],
            "prior": b.get("prior"), "checkpoint": checkpoint_file.exists(),
            "verified": json.loads(verified.read_text()) if verified.exists() else None,
        })
    archive = stanza.get("archive", [])
    wal = {"min": archive[0].get("min"), "max": archive[0].get("max")} if archive else {}
    if as_json:
        print(json.dumps({"stanza": stanza.get("name"), "status": stanza.get("status", {}).get("message"),
                          "cipher": stanza.get("cipher"), "wal": wal, "backups": rows}, indent=2))
        return 0
    print(f"Repository {cluster.repo} (cipher {stanza.get('cipher')}), WAL {wal.get('min')} .. {wal.get('max')}")
    if not rows:
        print("no backups")
    for r in rows:
        proof = "verified " + r["verified"]["verified_at"] if r["verified"] else "not verified"
        print(f"{r['label']:<36} {r['type']:<5} {r['start']} .. {r['stop']}  "
              f"{r['database_bytes'] / 1048576:8.1f} MB  repo +{r['repository_bytes'] / 1048576:.1f} MB  {proof}")
    return 0


# --- restore and verify -----------------------------------------------------------------------------------


def restore_into(cluster, target, recovery_type, recovery_target=None, backup_set=None):
    """pgBackRest restore of the repository into target (a new, empty directory given to postgres)."""
    target = Path(target).resolve()
    if target.exists() and any(target.iterdir()):
        raise c.ClusterError(f"{target} is not empty: restore writes a new data directory, never over one")
    for name in c.MEMBERS:
        if target == cluster.data_dir(name).resolve():
            raise c.ClusterError(f"{target} is a live member's data directory")
    c.give_to_postgres(target)
    os.chmod(target, 0o700)
    # pgBackRest writes this into postgresql.auto.conf between single quotes: none inside.
    restore_command = (f"PGBACKREST_REPO1_CIPHER_PASS=\"$(cat \"{cluster.key_file}\")\" pgbackrest "
                       f"--config=\"{cluster.backrest_conf}\" --stanza={c.STANZA} --pg1-path=\"{target}\" "
                       "archive-get %f \"%p\"")
    args = ["restore", f"--pg1-path={target}", f"--type={recovery_type}", "--target-action=promote",
            f"--recovery-option=restore_command={restore_command}"]
    if recovery_target is not None:
        args.append(f"--target={recovery_target}")
    if backup_set is not None:
        args.append(f"--set={backup_set}")
    c.backrest(cluster, *args, timeout=6 * 3600)
    # The restored configuration is the Patroni member's (its ports, sockets, archive_command): replace it by one
    # of the copy's own, which never archives into the cluster's repository. Recovery needs at least the
    # primary's limits, which the control file records.
    control = c.as_postgres([str(c.PG_BIN / "pg_controldata"), str(target)]).stdout
    limits = {}
    for line in control.splitlines():
        key, _, value = line.partition(":")
        setting = key.strip().removesuffix(" setting")
        if setting in ("max_connections", "max_worker_processes", "max_wal_senders", "max_prepared_xacts",
                       "max_locks_per_xact"):
            limits[setting.replace("xacts", "transactions").replace("xact", "transaction")] = value.strip()
    (target / "postgresql.conf").write_text(
        "# Written by ./continuum restore: a restored copy of the cluster's database. Set port and\n"
        "# listen_addresses before serving it; archive_mode stays off until it has a repository of its own.\n"
        "include_if_exists 'postgresql.base.conf'\n"
        "listen_addresses = ''\n"
        f"unix_socket_directories = '{target}'\n"
        "archive_mode = off\n"
        "wal_level = replica\n"
        "hot_standby = on\n"
        "synchronous_standby_names = ''\n"
        + "".join(f"{key} = {value}\n" for key, value in sorted(limits.items())))
    entry = c.pwd.getpwnam(c.POSTGRES)
    os.chown(target / "postgresql.conf", entry.pw_uid, entry.pw_gid)
    return target


def restore(cluster, args):
    target = option(args, "--to")
    if not target:
        raise c.ClusterError("restore needs --to DIR (a new directory)")
    at = option(args, "--at")
    backup_set = option(args, "--set")
    started = time.monotonic()
    if at:
        restored = restore_into(cluster, target, "time", at, backup_set)
    else:
        restored = restore_into(cluster, target, "default", None, backup_set)
    print(f"Restored into {restored} in {time.monotonic() - started:.1f} s "
          f"({'up to ' + at if at else 'up to the end of the archived WAL'}).")
    print(f"Serve it with PostgreSQL 15 as postgres, e.g.: runuser -u postgres -- {c.PG_BIN}/pg_ctl -D {restored} "
          "-o \"-p PORT -c listen_addresses=127.0.0.1\" start; recovery replays the archived WAL and then promotes it "
          "(it takes read-only connections before: it is done when select pg_is_in_recovery() answers f).")
    return 0


class ScratchServer:
    """A PostgreSQL 15 on a restored copy, on a free port and a socket in the copy, stopped on exit."""

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.port = c.free_ports(1, set())[0]

    def __enter__(self):
        c.as_postgres([str(c.PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-w", "-t", str(VERIFY_TIMEOUT),
                       "-l", str(self.data_dir / "verify.log"), "-o", f"-p {self.port}", "start"],
                      timeout=VERIFY_TIMEOUT + 30)
        # pg_ctl -w returns once connections are accepted, which is after recovery reached its target and
        # the copy was promoted.
        c.wait_for("the restored copy to leave recovery",
                   lambda: self.query("select not pg_is_in_recovery()", "postgres").strip() == "t", 120)
        return self

    def query(self, sql, database=c.DATABASE):
        return c.as_postgres([str(c.PG_BIN / "psql"), "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                              "-h", str(self.data_dir), "-p", str(self.port), "-d", database, "-c", sql]).stdout

    def check_indexes(self):
        """bt_index_check (with heapallindexed) on every valid B-tree index, in one session: the number checked
        and a line for each that failed."""
        result = c.as_postgres([str(c.PG_BIN / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                "-h", str(self.data_dir), "-p", str(self.port), "-d", c.DATABASE, "-c", AMCHECK],
                               timeout=VERIFY_TIMEOUT * 6)
        failures = [line.split("amcheck-failed ", 1)[1] for line in result.stderr.splitlines()
                    if "amcheck-failed " in line]
        checked = [line for line in result.stderr.splitlines() if "amcheck-checked " in line]
        return int(checked[-1].split("amcheck-checked ", 1)[1]) if checked else 0, failures

    def __exit__(self, *exc):
        c.as_postgres([str(c.PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"],
                      check=False, timeout=120)


AMCHECK = """do $$
declare
  r record;
  checked int := 0;
begin
  for r in select i.oid, quote_ident(n.nspname) || '.' || quote_ident(i.relname) as name
           from pg_index x join pg_class i on i.oid = x.indexrelid join pg_am a on a.oid = i.relam
           join pg_namespace n on n.oid = i.relnamespace
           where a.amname = 'btree' and i.relpersistence = 'p' and x.indisvalid and x.indisready
           order by 2 loop
    begin
      perform bt_index_check(r.oid, true);
      checked := checked + 1;
    exception when others then
      raise warning 'amcheck-failed index %: %', r.name, sqlerrm;
    end;
  end loop;
  raise warning 'amcheck-checked %', checked;
end $$"""


def compare_counts(server, expected):
    """Every table's row count on the restored copy against the checkpoint, in one query."""
    tables = ", ".join("'" + t.replace("'", "''") + "'" for t in expected)
    if not tables:
        return []
    try:
        out = server.query(f"""select t, (xpath('/row/c/text()',
                                  query_to_xml(format('select count(*) as c from %s', t), false, true, '')))[1]::text
                               from unnest(array[{tables}]) as t""")
    except c.ClusterError as error:
        return [f"row counts: {str(error)[-300:]}"]
    found = dict(line.split("\t", 1) for line in out.splitlines() if "\t" in line)
    problems = []
    for table, count in expected.items():
        if int(found.get(table, -1)) != count:
            problems.append(f"table {table}: {found.get(table, 'no')} rows restored, {count} at the checkpoint")
    return problems


def verify(cluster):
    """Restores the latest backup up to its checkpoint into a scratch directory, starts a PostgreSQL 15 on it,
    runs amcheck's bt_index_check on every B-tree index and compares every table's row count with the
    checkpoint. Exit code 0 only when all of that holds."""
    started = time.monotonic()
    backups = info(cluster).get("backup", [])
    if not backups:
        raise c.ClusterError("no backup to verify")
    label = backups[-1]["label"]
    checkpoint_file = checkpoints_dir(cluster) / f"{label}.json"
    if not checkpoint_file.exists():
        raise c.ClusterError(f"backup {label} has no checkpoint ({checkpoint_file}): take one with ./continuum "
                             "backup, which records it")
    expected = json.loads(checkpoint_file.read_text())
    scratch = cluster.root / f"verify-{label}"
    shutil.rmtree(scratch, ignore_errors=True)
    problems = []
    try:
        restore_into(cluster, scratch, "name", expected["restore_point"], label)
        restored_at = time.monotonic()
        with ScratchServer(scratch) as server:
            indexes, failures = server.check_indexes()
            problems += failures
            problems += compare_counts(server, expected["row_counts"])
    finally:
        if (scratch / "verify.log").exists():
            shutil.copy(scratch / "verify.log", cluster.root / "logs" / f"verify-{label}.log")
        shutil.rmtree(scratch, ignore_errors=True)
    took = time.monotonic() - started
    result = {"label": label, "verified_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "seconds": round(took, 1), "restore_seconds": round(restored_at - started, 1),
              "indexes_checked": indexes, "tables_counted": len(expected["row_counts"]),
              "rows": sum(expected["row_counts"].values()), "restore_point": expected["restore_point"],
              "ok": not problems, "problems": problems}
    suffix = "verified" if not problems else "failed"
    (checkpoints_dir(cluster) / f"{label}.{suffix}.json").write_text(json.dumps(result, indent=2) + "\n")
    if problems:
        print(f"Backup {label} FAILED verification in {took:.1f} s:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"Backup {label} verified in {took:.1f} s: restored to {expected['restore_point']}, "
          f"bt_index_check on {indexes} indexes, row counts of {len(expected['row_counts'])} tables "
          f"({result['rows']} rows) as at the checkpoint")
    return 0
