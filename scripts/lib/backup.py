#!/usr/bin/python3
"""Backup and restore of one service's store, on either backend
(docs/operations.md "Backup and restore"). Used by scripts/backup and
scripts/restore; standard library only, plus PostgreSQL's client tools
(pg_dump, pg_restore, psql: Debian's postgresql-client-15) for PostgreSQL
stores and redis-cli (redis-tools) for the Redis flush after a restore.

  backup  SQLite: SQLite's online backup API (Python's sqlite3), a consistent
          copy taken while the service runs; the file is checked with
          PRAGMA integrity_check. PostgreSQL: pg_dump --format=custom of the
          service's schema, one consistent snapshot while the service runs.
  restore Replaces the service's store with a backup, atomically: SQLite by
          renaming a checked copy over the file (removing the old WAL);
          PostgreSQL by dropping the schema and loading the dump in one
          transaction (an error leaves the old schema as it was). Refuses
          while the service is connected (PostgreSQL: pg_stat_activity,
          application_name <service>-service) unless --force. Then deletes the
          service's keys le:<service>:* in Redis: the cache starts a new epoch
          and the deadline engine re-reads every pending deadline from the
          restored store, so nothing cached or scheduled from after the backup
          survives.

Store URLs are the services' --store URLs (common/store/open.h):
sqlite:///abs/path.db or postgres://user[:pw]@host[:port]/db?schema=..&
password_file=..&sslmode=..&sslrootcert=..&sslcert=..&sslkey=..
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    pass


def log(message):
    print("%s %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)


# ------------------------------------------------------------------ URLs

def parse_store(url, service):
    """("sqlite", path) or ("postgres", {libpq environment}, schema)."""
    if url.startswith("sqlite:"):
        rest = url[len("sqlite:"):].split("?", 1)[0]
        path = rest[2:] if rest.startswith("//") else rest
        if not path:
            raise BackupError("--store: no SQLite path in %s" % url)
        return "sqlite", urllib.parse.unquote(path), None
    if not (url.startswith("postgres://") or url.startswith("postgresql://")):
        if "://" not in url:
            return "sqlite", url, None  # a bare path, like --db
        raise BackupError("--store: not a sqlite: or postgres:// URL")
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    env = {"PGHOST": parts.hostname or "localhost", "PGPORT": str(parts.port or 5432),
           "PGDATABASE": urllib.parse.unquote(parts.path.lstrip("/")),
           "PGAPPNAME": "lawenforce-backup"}
    if parts.username:
        env["PGUSER"] = urllib.parse.unquote(parts.username)
    if parts.password:
        env["PGPASSWORD"] = urllib.parse.unquote(parts.password)
    if "password_file" in query:
        with open(query["password_file"], "r") as f:
            env["PGPASSWORD"] = f.read().rstrip("\r\n")
    for key, var in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"),
                     ("sslcert", "PGSSLCERT"), ("sslkey", "PGSSLKEY"),
                     ("connect_timeout", "PGCONNECT_TIMEOUT")):
        if key in query:
            value = query[key]
            if key == "connect_timeout":
                value = value.rstrip("s")
            env[var] = value
    if not env["PGDATABASE"]:
        raise BackupError("--store: no database name in the URL")
    return "postgres", env, query.get("schema", service)


def redact(url):
    parts = urllib.parse.urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":REDACTED@")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return url


def quote_ident(name):
    return '"%s"' % name.replace('"', '""')


def pg_tool(name):
    for directory in [os.environ.get("LAWENFORCE_POSTGRES_BINDIR", ""),
                      "/usr/lib/postgresql/15/bin", "/usr/bin"]:
        path = os.path.join(directory, name) if directory else ""
        if path and os.access(path, os.X_OK):
            return path
    found = shutil.which(name)
    if not found:
        raise BackupError("%s not found: install the Debian package postgresql-client-15" % name)
    return found


def run(cmd, env=None, input_bytes=None, stdout=None):
    merged = dict(os.environ)
    merged.update(env or {})
    result = subprocess.run(cmd, env=merged, input=input_bytes, stdout=stdout or subprocess.PIPE,
                            stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise BackupError("%s failed: %s" % (os.path.basename(cmd[0]),
                                             result.stderr.decode("utf-8", "replace").strip()))
    return result


def psql(env, sql, single_transaction=False):
    cmd = [pg_tool("psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"]
    if single_transaction:
        cmd.append("--single-transaction")
    return run(cmd + ["-f", "-"], env, sql.encode("utf-8")).stdout.decode("utf-8")


# ------------------------------------------------------------------ backup

def fsync_file(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    dfd = os.open(os.path.dirname(os.path.abspath(path)) or ".", os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def sqlite_check(path):
    con = sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(path), uri=True)
    try:
        result = con.execute("PRAGMA integrity_check").fetchall()
        tables = con.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    finally:
        con.close()
    if result != [("ok",)]:
        raise BackupError("%s fails PRAGMA integrity_check: %s" % (path, result[:5]))
    return tables[0]


def backup(service, store_url, out):
    kind, where, schema = parse_store(store_url, service)
    tmp = out + ".partial"
    if kind == "sqlite":
        if not os.path.exists(where):
            raise BackupError("--store: %s does not exist" % where)
        log("backup: SQLite online backup of %s" % where)
        source = sqlite3.connect(where, timeout=30)
        target = sqlite3.connect(tmp)
        try:
            # One step: a read transaction on one snapshot. In WAL mode it does
            # not hold up the service's writer (a stepwise backup would
            # restart at every write the service commits meanwhile).
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()
        tables = sqlite_check(tmp)
        log("backup: %d tables, integrity ok" % tables)
    else:
        log("backup: pg_dump of schema %s on %s:%s/%s" % (schema, where["PGHOST"], where["PGPORT"],
                                                          where["PGDATABASE"]))
        with open(tmp, "wb") as f:
            run([pg_tool("pg_dump"), "--format=custom", "--schema=" + schema, "--no-owner",
                 "--no-privileges"], where, stdout=f)
        listing = run([pg_tool("pg_restore"), "--list", tmp]).stdout.decode("utf-8", "replace")
        tables = sum(1 for line in listing.splitlines() if " TABLE DATA " in line)
        if tables == 0:
            raise BackupError("schema %s has no tables: wrong --store or --service?" % schema)
        log("backup: %d tables dumped" % tables)
    os.chmod(tmp, 0o600)  # records and sealed personal data: the owner only
    fsync_file(tmp)
    os.replace(tmp, out)
    fsync_file(out)
    log("backup: wrote %s (%d bytes)" % (out, os.path.getsize(out)))


# ------------------------------------------------------------------ restore

def backup_kind(path):
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgres"
    raise BackupError("%s is neither a SQLite backup nor a pg_dump archive" % path)


def connected_sessions(env, service):
    rows = psql(env, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                     "AND application_name = '%s-service';" % service.replace("'", "''"))
    return int(rows.strip() or "0")


def restore_sqlite(path, backup_file):
    sqlite_check(backup_file)
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".restore-", dir=directory)
    os.close(fd)
    shutil.copyfile(backup_file, tmp)
    fsync_file(tmp)
    # The old WAL would be replayed onto the restored file: remove it first.
    for suffix in ("-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    os.replace(tmp, path)
    fsync_file(path)


def dump_schema(backup_file):
    listing = run([pg_tool("pg_restore"), "--list", backup_file]).stdout.decode("utf-8", "replace")
    for line in listing.splitlines():
        fields = line.split()
        # "<id>; <oid> <oid> SCHEMA - <name> <owner>"
        if len(fields) >= 6 and fields[3] == "SCHEMA" and fields[4] == "-":
            return fields[5]
    raise BackupError("%s holds no schema (not a backup made by scripts/backup?)" % backup_file)


def restore_postgres(env, schema, backup_file):
    dumped = dump_schema(backup_file)
    if dumped != schema:
        raise BackupError("the backup holds schema %s, the store is schema %s (give ?schema=%s "
                          "in --store)" % (dumped, schema, dumped))
    script = run([pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-",
                  backup_file]).stdout.decode("utf-8")
    psql(env, "DROP SCHEMA IF EXISTS %s CASCADE;\n%s" % (quote_ident(schema), script),
         single_transaction=True)


def flush_redis(redis_url, service):
    cli = shutil.which("redis-cli")
    if not cli:
        raise BackupError("redis-cli not found (Debian package redis-tools); delete the keys "
                          "le:%s:* yourself before starting the service" % service)
    keys = run([cli, "-u", redis_url, "--scan", "--pattern", "le:%s:*" % service]).stdout.split()
    for i in range(0, len(keys), 500):
        run([cli, "-u", redis_url, "DEL"] + [k.decode() for k in keys[i:i + 500]])
    log("restore: deleted %d Redis keys le:%s:*" % (len(keys), service))


def restore(service, store_url, backup_file, redis_url, force=False):
    kind, where, schema = parse_store(store_url, service)
    made_by = backup_kind(backup_file)
    if made_by != kind:
        raise BackupError("%s is a %s backup; --store is %s" % (backup_file, made_by, kind))
    if kind == "sqlite":
        log("restore: %s -> %s" % (backup_file, where))
        restore_sqlite(where, backup_file)
    else:
        sessions = connected_sessions(where, service)
        if sessions and not force:
            raise BackupError("%d sessions of %s-service are connected: stop every replica "
                              "first (or --force)" % (sessions, service))
        log("restore: %s -> schema %s on %s:%s/%s" % (backup_file, schema, where["PGHOST"],
                                                     where["PGPORT"], where["PGDATABASE"]))
        restore_postgres(where, schema, backup_file)
    if redis_url:
        flush_redis(redis_url, service)
    else:
        log("restore: no --redis-url: delete the Redis keys le:%s:* before starting the service"
            % service)
    log("restore: done; start %s-service" % service)


# ------------------------------------------------------------------ CLI

def main_backup(argv):
    parser = argparse.ArgumentParser(
        prog="scripts/backup",
        description="Back up one service's store while it runs (SQLite online backup or "
                    "pg_dump). The output is written to OUT.partial, synced, then renamed.")
    parser.add_argument("--service", required=True, help="service name (services.json)")
    parser.add_argument("--store", required=True, help="the service's --store URL or SQLite path")
    parser.add_argument("--out", required=True, help="backup file to write")
    args = parser.parse_args(argv)
    try:
        backup(args.service, args.store, args.out)
    except (BackupError, OSError, sqlite3.Error) as e:
        log("backup failed: %s" % e)
        return 1
    return 0


def main_restore(argv):
    parser = argparse.ArgumentParser(
        prog="scripts/restore",
        description="Replace one service's store with a backup made by scripts/backup, then "
                    "delete the service's Redis keys. Stop the service (every replica) first.")
    parser.add_argument("--service", required=True, help="service name (services.json)")
    parser.add_argument("--store", required=True, help="the service's --store URL or SQLite path")
    parser.add_argument("--from", dest="backup_file", required=True, help="backup file")
    parser.add_argument("--redis-url", default=os.environ.get("LAWENFORCE_REDIS_URL", ""),
                        help="Redis of the service (its --redis-url); empty: print what to delete")
    parser.add_argument("--force", action="store_true",
                        help="restore even while sessions of the service are connected")
    args = parser.parse_args(argv)
    try:
        restore(args.service, args.store, args.backup_file, args.redis_url, args.force)
    except (BackupError, OSError, sqlite3.Error) as e:
        log("restore failed: %s" % e)
        return 1
    return 0
