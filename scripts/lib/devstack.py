#!/usr/bin/python3
"""The local stack in one module: the service list (services/services.json),
Python stubs, gRPC health, HS256 tokens, secrets, and the processes of a
stack (redis-server and any set of the suite's services).

Used by scripts/up and scripts/down (as a small CLI), by demo_data.py and by
the black-box tests (tests/blackbox/harness.py), so that the three start
services the same way. Standard library + Debian's python3-grpcio and
python3-protobuf only.

  devstack.py services                 one TSV line per service (see cmd_services)
  devstack.py gen-stubs OUT_DIR
  devstack.py wait-health HOST:PORT [--timeout S] [--pid PID] [--tls-dir DIR]
  devstack.py mint-token --secret-file F --role R... --division D [--subject S] [--ttl 12h]
  devstack.py new-secrets DIR          (jwt-secret and pii-key, only when missing)
  devstack.py service-tokens --secret-file F --dir D --name N... [--ttl 24h] [--every 8h]
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVICES_FILE = os.path.join(SOURCE_DIR, "services", "services.json")
DIVISIONS_FILE = os.path.join(SOURCE_DIR, "data", "ningxia-divisions.tsv")

# Protos every client needs besides the services' own.
BASE_PROTOS = [
    "google/rpc/status.proto",
    "google/rpc/error_details.proto",
    "lawenforce/common/v1/common.proto",
]

# ------------------------------------------------------------------ services


def load_services(path=SERVICES_FILE):
    """The services of the suite, in start order (dicts as in services.json)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)["services"]


def service_spec(name, services=None):
    for spec in services or load_services():
        if spec["name"] == name:
            return spec
    raise KeyError("no service %r in %s" % (name, SERVICES_FILE))


def proto_files(services=None):
    return BASE_PROTOS + [s["proto"] for s in services or load_services()]


def binary_path(spec, build_dir=None):
    """Where the build puts a service's binary. LAWENFORCE_<NAME>_BIN wins."""
    override = os.environ.get("LAWENFORCE_%s_BIN" % spec["name"].upper())
    if override:
        return override
    build_dir = build_dir or os.environ.get("LAWENFORCE_BUILD_DIR") or os.path.join(
        SOURCE_DIR, "build")
    return os.path.join(build_dir, "services", spec["name"], spec["binary"])


def cmd_services(build_dir):
    # name binary_path grpc_port metrics_port health_port calls(comma list or -)
    for s in load_services():
        print("\t".join([s["name"], binary_path(s, build_dir), str(s["grpc_port"]),
                         str(s["metrics_port"]), str(s["health_port"]),
                         ",".join(s["calls"]) or "-"]))


# ------------------------------------------------------------------ stubs


def gen_stubs(out_dir, source_dir=SOURCE_DIR, extra_includes=(), extra_protos=()):
    """Runs protoc + grpc_python_plugin into out_dir and puts it on sys.path."""
    os.makedirs(out_dir, exist_ok=True)
    cmd = ["protoc",
           "-I", os.path.join(source_dir, "proto"),
           "-I", os.path.join(source_dir, "proto", "third_party")]
    for inc in extra_includes:
        cmd += ["-I", inc]
    cmd += ["-I", "/usr/include",
            "--python_out=" + out_dir,
            "--grpc_out=" + out_dir,
            "--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin"]
    cmd += proto_files() + list(extra_protos)
    result = subprocess.run(cmd, cwd=source_dir, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("protoc failed (%d): %s" % (result.returncode, result.stderr))
    if out_dir not in sys.path:
        sys.path.insert(0, out_dir)
    return out_dir


# ------------------------------------------------------------------ channels


def channel_credentials(tls_dir):
    """grpc credentials for a stack whose services speak TLS with the files
    of `tls_dir` (ca.pem, client.pem, client-key.pem), or None: plaintext."""
    if not tls_dir:
        return None
    import grpc

    def read(name):
        path = os.path.join(tls_dir, name)
        return open(path, "rb").read() if os.path.exists(path) else None

    return grpc.ssl_channel_credentials(read("ca.pem"), read("client-key.pem"),
                                        read("client.pem"))


def open_channel(target, tls_dir=None):
    import grpc
    creds = channel_credentials(tls_dir)
    if creds is None:
        return grpc.insecure_channel(target)
    # The test certificates name "localhost"; targets are 127.0.0.1:port.
    return grpc.secure_channel(target, creds,
                               options=(("grpc.ssl_target_name_override", "localhost"),))


# ------------------------------------------------------------------ health

_HEALTH = None


def _health_classes():
    """HealthCheckRequest/Response built from a descriptor made here, so no
    grpc_health package or vendored proto is needed."""
    global _HEALTH
    if _HEALTH is not None:
        return _HEALTH
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    fdp = descriptor_pb2.FileDescriptorProto(
        name="lawenforce_devstack/health.proto", package="grpc.health.v1", syntax="proto3")
    req = fdp.message_type.add(name="HealthCheckRequest")
    req.field.add(name="service", number=1, type=descriptor_pb2.FieldDescriptorProto.TYPE_STRING,
                  label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
    resp = fdp.message_type.add(name="HealthCheckResponse")
    enum = resp.enum_type.add(name="ServingStatus")
    for number, name in enumerate(["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"]):
        enum.value.add(name=name, number=number)
    resp.field.add(name="status", number=1, type=descriptor_pb2.FieldDescriptorProto.TYPE_ENUM,
                   type_name=".grpc.health.v1.HealthCheckResponse.ServingStatus",
                   label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fdp)
    fd = pool.FindFileByName(fdp.name)
    classes = []
    for name in ("HealthCheckRequest", "HealthCheckResponse"):
        desc = fd.message_types_by_name[name]
        if hasattr(message_factory, "GetMessageClass"):
            classes.append(message_factory.GetMessageClass(desc))
        else:
            classes.append(message_factory.MessageFactory(pool).GetPrototype(desc))
    _HEALTH = tuple(classes)
    return _HEALTH


def health_status(target, service="", timeout=2.0, tls_dir=None):
    """"SERVING", "NOT_SERVING", ... or the gRPC error code name."""
    import grpc

    req_cls, resp_cls = _health_classes()
    with open_channel(target, tls_dir) as channel:
        check = channel.unary_unary(
            "/grpc.health.v1.Health/Check",
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=resp_cls.FromString)
        try:
            resp = check(req_cls(service=service), timeout=timeout)
        except grpc.RpcError as err:  # UNAVAILABLE while starting, etc.
            return err.code().name
    return resp_cls.DESCRIPTOR.enum_types_by_name["ServingStatus"].values_by_number[
        resp.status].name


def wait_health(target, timeout=30.0, pid=None, tls_dir=None):
    """Polls until SERVING; False on timeout or when process `pid` exits."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if pid is not None and not alive(pid):
            print("devstack: process %d exited before it was healthy" % pid, file=sys.stderr)
            return False
        last = health_status(target, timeout=1.0, tls_dir=tls_dir)
        if last == "SERVING":
            return True
        time.sleep(0.1)
    print("devstack: %s not SERVING after %.0fs (last: %s)" % (target, timeout, last),
          file=sys.stderr)
    return False


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of someone else still answers kill(0); look closer.
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def free_port():
    """A loopback port that was free a moment ago (bind to 0, release)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------ tokens

def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def mint_token(secret, roles, division, subject="operator", ttl_seconds=12 * 3600, agency=None,
               now=None, kid=None):
    """A compact HS256 JWT as the services expect (common/auth/token.h)."""
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    now = int(time.time() if now is None else now)
    header = {"alg": "HS256", "typ": "JWT"}
    if kid:
        header["kid"] = kid
    claims = {"sub": subject, "roles": list(roles), "division": division, "iat": now,
              "exp": now + int(ttl_seconds)}
    if agency:
        claims["agency"] = agency
    signing_input = (_b64url(json.dumps(header, separators=(",", ":")).encode()) + "." +
                     _b64url(json.dumps(claims, separators=(",", ":"),
                                        ensure_ascii=False).encode("utf-8")))
    sig = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + _b64url(sig)


def read_secret(path):
    """As the service reads "@path": the file minus one trailing newline."""
    with open(path, "rb") as f:
        data = f.read()
    if data.endswith(b"\r\n"):
        data = data[:-2]
    elif data.endswith(b"\n"):
        data = data[:-1]
    return data


def new_secrets(directory):
    """Creates jwt-secret (48 random bytes, base64) and pii-key (64 hex) with
    mode 600 unless they exist. Prints what it did."""
    os.makedirs(directory, mode=0o700, exist_ok=True)
    os.chmod(directory, 0o700)
    made = {
        "jwt-secret": lambda: base64.b64encode(secrets.token_bytes(48)).decode() + "\n",
        "pii-key": lambda: secrets.token_hex(32) + "\n",
    }
    for name, make in made.items():
        path = os.path.join(directory, name)
        if os.path.exists(path) and os.path.getsize(path) > 0:
            os.chmod(path, 0o600)
            print("secrets: keeping %s" % path)
            continue
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(make())
        os.chmod(path, 0o600)
        print("secrets: created %s" % path)


# ------------------------------------------------------------------ processes

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def child_env():
    """The services read LAWENFORCE_<FLAG> from the environment: keep the
    caller's own settings (e.g. LAWENFORCE_PERSONNEL_BIN) and any developer
    configuration away from them. Everything they need is passed as flags."""
    return {k: v for k, v in os.environ.items() if not k.startswith("LAWENFORCE_")}


class RedisProcess:
    """A private redis-server on a loopback port (a free one unless given)."""

    def __init__(self, workdir, port=None, appendonly=False, slow_factor=1.0):
        self.workdir = workdir
        self.port = port
        self.appendonly = appendonly
        self.slow_factor = slow_factor
        self.proc = None

    @property
    def url(self):
        return "redis://127.0.0.1:%d" % self.port

    def start(self):
        for _ in range(3):
            port = self.port or free_port()
            log = open(os.path.join(self.workdir, "redis-%d.log" % port), "wb")
            self.proc = subprocess.Popen(
                [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port),
                 "--dir", self.workdir, "--save", "",
                 "--appendonly", "yes" if self.appendonly else "no",
                 "--maxmemory-policy", "noeviction", "--daemonize", "no"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.workdir)
            log.close()
            self.port = port
            if self._wait_ping(10.0):
                return self
            self.stop()
            self.port = None
        raise RuntimeError("redis-server did not start")

    def _wait_ping(self, timeout):
        deadline = time.monotonic() + timeout * self.slow_factor
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def postgres_bindir():
    """Where the PostgreSQL server binaries are: $LAWENFORCE_POSTGRES_BINDIR,
    else /usr/lib/postgresql/15/bin, else the newest /usr/lib/postgresql/*/bin
    (as common/testing/postgres_server.cc looks)."""
    env = os.environ.get("LAWENFORCE_POSTGRES_BINDIR")
    candidates = [env] if env else []
    candidates.append("/usr/lib/postgresql/15/bin")
    try:
        versions = sorted((d for d in os.listdir("/usr/lib/postgresql") if d.isdigit()),
                          key=int, reverse=True)
    except OSError:
        versions = []
    candidates += ["/usr/lib/postgresql/%s/bin" % v for v in versions]
    for c in candidates:
        if os.access(os.path.join(c, "initdb"), os.X_OK) and \
                os.access(os.path.join(c, "postgres"), os.X_OK):
            return c
    raise FileNotFoundError("PostgreSQL server binaries (initdb, postgres) not found in %s: "
                            "install the Debian package postgresql-15" % candidates)


def _die_with_parent(then=None):
    """A preexec_fn: the child gets SIGKILL when this process dies (so that a
    test killed midway leaves no server behind), then runs `then`."""
    def preexec():
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if then:
            then()
    return preexec


class PostgresProcess:
    """A throwaway PostgreSQL on a free loopback port: initdb into a new
    directory (C locale, UTF8, trust authentication for loopback), fsync on,
    a database `lawenforce` owned by the superuser `postgres`. As root the
    server runs as `nobody` (PostgreSQL refuses root), in a directory under
    /tmp that nobody can reach. Stop removes the directory."""

    USER = "postgres"
    DATABASE = "lawenforce"

    def __init__(self, slow_factor=1.0):
        self.slow_factor = slow_factor
        self.bindir = postgres_bindir()
        self.dir = None
        self.port = None
        self.proc = None

    def _demote(self):
        if os.geteuid() != 0:
            return None
        import pwd
        nobody = pwd.getpwnam("nobody")

        def drop():
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
        return drop, nobody

    def url(self, schema=None):
        url = "postgres://%s@127.0.0.1:%d/%s" % (self.USER, self.port, self.DATABASE)
        return url + ("?schema=%s" % schema if schema else "")

    def client_env(self):
        env = dict(os.environ)
        env.update({"PGHOST": "127.0.0.1", "PGPORT": str(self.port), "PGUSER": self.USER,
                    "PGDATABASE": self.DATABASE})
        return env

    def psql(self, sql, database=None):
        """Runs sql as the superuser on `database` (DATABASE); the rows
        unaligned, '|' between columns."""
        env = self.client_env()
        env["PGDATABASE"] = database or self.DATABASE
        result = subprocess.run([os.path.join(self.bindir, "psql"), "-X", "-v", "ON_ERROR_STOP=1",
                                 "-At", "-c", sql], env=env, capture_output=True,
                                text=True, timeout=60 * self.slow_factor)
        if result.returncode != 0:
            raise RuntimeError("psql failed: %s" % result.stderr.strip())
        return result.stdout

    def start(self):
        import tempfile
        self.dir = tempfile.mkdtemp(prefix="lawenforce-pg-")
        demote = self._demote()
        if demote:
            os.chown(self.dir, demote[1].pw_uid, demote[1].pw_gid)
        os.chmod(self.dir, 0o700)
        data = os.path.join(self.dir, "data")
        initdb = subprocess.run([os.path.join(self.bindir, "initdb"), "-D", data, "--locale=C",
                                 "--encoding=UTF8", "--auth=trust", "-U", self.USER],
                                capture_output=True, text=True, cwd=self.dir,
                                preexec_fn=demote[0] if demote else None,
                                timeout=120 * self.slow_factor)
        if initdb.returncode != 0:
            raise RuntimeError("initdb failed: %s" % (initdb.stdout + initdb.stderr)[-2000:])
        self.port = free_port()
        self._launch(demote)
        self.psql("CREATE DATABASE %s" % self.DATABASE, database="postgres")
        return self

    def _launch(self, demote=None):
        demote = demote or self._demote()
        log = open(os.path.join(self.dir, "postgres.log"), "ab")
        self.proc = subprocess.Popen(
            [os.path.join(self.bindir, "postgres"), "-D", os.path.join(self.dir, "data"),
             "-c", "listen_addresses=127.0.0.1", "-c", "port=%d" % self.port,
             "-c", "unix_socket_directories=" + self.dir, "-c", "fsync=on",
             "-c", "max_connections=200"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.dir,
            preexec_fn=_die_with_parent(demote[0] if demote else None))
        log.close()
        deadline = time.monotonic() + 30 * self.slow_factor
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            ready = subprocess.run([os.path.join(self.bindir, "pg_isready"), "-q", "-h",
                                    "127.0.0.1", "-p", str(self.port)])
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("postgres did not start; log:\n%s" % self.log_text()[-3000:])

    def log_text(self):
        try:
            with open(os.path.join(self.dir, "postgres.log"), "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


class ServiceProcess:
    """One of the suite's services as a process on loopback: its own ports,
    its SQLite file in `workdir`, the shared secrets, Redis when given, and
    the addresses of the services it calls (`targets`: name -> host:port)."""

    def __init__(self, spec, workdir, jwt_secret_file, pii_key_file, redis_url="",
                 db_path=None, targets=None, extra_args=(), tls_dir=None, binary=None,
                 slow_factor=1.0, store_url=None):
        self.spec = spec
        self.name = spec["name"]
        self.workdir = workdir
        self.binary = binary or binary_path(spec)
        self.jwt_secret_file = jwt_secret_file
        self.pii_key_file = pii_key_file
        self.redis_url = redis_url
        self.db_path = db_path or os.path.join(workdir, "%s.db" % self.name)
        # A --store URL (e.g. PostgresProcess.url()) instead of the SQLite file.
        self.store_url = store_url
        self.targets = dict(targets or {})
        self.extra_args = list(extra_args)
        self.tls_dir = tls_dir
        self.slow_factor = slow_factor
        # A test may rewrite the command line (e.g. swap --jwt-key for --jwks-file).
        self.args_override = None
        self.proc = None
        self.port = None
        self.metrics_port = None
        self.health_port = None
        self.log_path = None
        self._starts = 0

    @property
    def target(self):
        return "127.0.0.1:%d" % self.port

    @property
    def metrics_url(self):
        return "http://127.0.0.1:%d/metrics" % self.metrics_port

    def args(self):
        args = [
            self.binary,
            "--listen=127.0.0.1:%d" % self.port,
            "--metrics-listen=127.0.0.1:%d" % self.metrics_port,
            "--store=" + self.store_url if self.store_url else "--db=" + self.db_path,
            "--divisions=" + DIVISIONS_FILE,
            "--jwt-alg=HS256",
            "--jwt-key=@" + self.jwt_secret_file,
            "--pii-key=@" + self.pii_key_file,
            "--redis-url=" + self.redis_url,
        ]
        for name, target in sorted(self.targets.items()):
            args.append("--%s-target=%s" % (name, target))
        if self.spec["calls"]:
            args.append("--service-token-file=" + self.service_token_file())
        if self.tls_dir:
            args += ["--tls-cert=" + os.path.join(self.tls_dir, "server.pem"),
                     "--tls-key=" + os.path.join(self.tls_dir, "server-key.pem"),
                     "--tls-client-ca=" + os.path.join(self.tls_dir, "ca.pem"),
                     "--health-listen=127.0.0.1:%d" % self.health_port]
        args += self.extra_args
        return self.args_override(args) if self.args_override else args

    def service_token_file(self):
        """The token this service presents to the services it calls: a
        region-wide `system` account named after it, minted with the stack's
        JWT secret (ops issue these in production; docs/security.md)."""
        path = os.path.join(self.workdir, "%s-service-token" % self.name)
        token = mint_token(read_secret(self.jwt_secret_file), ["system"], "640000",
                           subject="%s-service" % self.name, ttl_seconds=24 * 3600)
        with open(path, "w") as f:
            f.write(token + "\n")
        return path

    def start(self, timeout=30.0):
        """Starts the process and waits until health says SERVING. Retries on
        a port taken between picking and binding."""
        if not os.path.exists(self.binary):
            raise FileNotFoundError("%s not built: %s" % (self.name, self.binary))
        last = ""
        for _ in range(3):
            self._starts += 1
            ports = set()
            while len(ports) < 3:
                ports.add(free_port())
            self.port, self.metrics_port, self.health_port = sorted(ports)
            self.log_path = os.path.join(self.workdir, "%s-%d.log" % (self.name, self._starts))
            with open(self.log_path, "wb") as log:
                self.proc = subprocess.Popen(self.args(), cwd=self.workdir, stdout=log,
                                             stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL, env=child_env())
            if wait_health(self.target, timeout * self.slow_factor, self.proc.pid, self.tls_dir):
                return self
            last = self.log_text()
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(10)
            if "in use" not in last and "bind" not in last.lower():
                break
        raise RuntimeError("%s did not become SERVING; log:\n%s" % (self.name, last[-4000:]))

    def health(self, service="", timeout=1.0):
        return health_status(self.target, service, timeout, self.tls_dir)

    def log_text(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except (OSError, TypeError):
            return ""

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def terminate(self, timeout=30.0):
        """SIGTERM and wait; returns the exit code (None if it did not exit)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout * self.slow_factor)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        """SIGKILL and reap."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(30)


def write_service_tokens(secret_file, directory, names, ttl_seconds):
    """<directory>/<name>-service-token for each name: the region-wide system
    account that service presents to those it calls, written atomically
    (mode 600) so that the service, which re-reads the file when it changes,
    never sees half a token. Tokens live at most --jwt-max-lifetime (24 h by
    default), so a long-running stack re-mints them (scripts/up)."""
    secret = read_secret(secret_file)
    for name in names:
        path = os.path.join(directory, "%s-service-token" % name)
        tmp = path + ".tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(mint_token(secret, ["system"], "640000", subject="%s-service" % name,
                               ttl_seconds=ttl_seconds) + "\n")
        os.replace(tmp, path)


def _parse_ttl(text):
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main(argv):
    parser = argparse.ArgumentParser(prog="devstack.py")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("services")
    p.add_argument("--build-dir")
    p = sub.add_parser("gen-stubs")
    p.add_argument("out_dir")
    p = sub.add_parser("wait-health")
    p.add_argument("target")
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--pid", type=int)
    p.add_argument("--tls-dir")
    p = sub.add_parser("health")
    p.add_argument("target")
    p.add_argument("--tls-dir")
    p = sub.add_parser("mint-token")
    p.add_argument("--secret-file", required=True)
    p.add_argument("--role", action="append", required=True)
    p.add_argument("--division", required=True)
    p.add_argument("--subject", default="operator")
    p.add_argument("--agency")
    p.add_argument("--ttl", default="12h", help="e.g. 12h, 30m, 3600")
    p = sub.add_parser("new-secrets")
    p.add_argument("directory")
    p = sub.add_parser("service-tokens")
    p.add_argument("--secret-file", required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--name", action="append", required=True)
    p.add_argument("--ttl", default="24h")
    p.add_argument("--every", default="", help="keep re-minting at this period (e.g. 8h)")
    args = parser.parse_args(argv)

    if args.cmd == "services":
        cmd_services(args.build_dir)
        return 0
    if args.cmd == "gen-stubs":
        gen_stubs(os.path.abspath(args.out_dir))
        return 0
    if args.cmd == "wait-health":
        return 0 if wait_health(args.target, args.timeout, args.pid, args.tls_dir) else 1
    if args.cmd == "health":
        status = health_status(args.target, tls_dir=args.tls_dir)
        print(status)
        return 0 if status == "SERVING" else 1
    if args.cmd == "mint-token":
        print(mint_token(read_secret(args.secret_file), args.role, args.division, args.subject,
                         _parse_ttl(args.ttl), args.agency))
        return 0
    if args.cmd == "new-secrets":
        new_secrets(args.directory)
        return 0
    if args.cmd == "service-tokens":
        every = _parse_ttl(args.every) if args.every else 0
        while True:
            write_service_tokens(args.secret_file, args.dir, args.name, _parse_ttl(args.ttl))
            if not every:
                return 0
            time.sleep(every)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
