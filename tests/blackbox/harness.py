"""Shared helpers of the black-box tests: start the real personnel-service
binary on loopback, talk to it with Python grpcio, stop it.

Standard library + Debian's python3-grpcio / python3-protobuf only. Stubs are
generated at import time (once per process) with protoc and
grpc_python_plugin into a temporary directory.

Environment (set by tests/blackbox/CMakeLists.txt under CTest):
  LAWENFORCE_PERSONNEL_BIN   the personnel-service executable
  LAWENFORCE_SOURCE_DIR      the repository root (proto/, data/)
"""

import atexit
import base64
import hashlib
import hmac
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("LAWENFORCE_SOURCE_DIR") or os.path.abspath(
    os.path.join(HERE, "..", ".."))
PERSONNEL_BIN = os.environ.get("LAWENFORCE_PERSONNEL_BIN") or os.path.join(
    SOURCE_DIR, "build", "services", "personnel", "personnel-service")
DIVISIONS = os.path.join(SOURCE_DIR, "data", "ningxia-divisions.tsv")

# A sanitizer build starts and answers slower: stretch every deadline.
SLOW_FACTOR = 3.0 if os.environ.get("ASAN_OPTIONS") or "asan" in PERSONNEL_BIN else 1.0

TEST_JWT_SECRET = "blackbox-test-secret-0123456789-abcdefghijklmnop"  # >= 32 bytes
TEST_PII_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

# ----------------------------------------------------------------- stubs

_STUB_DIR = tempfile.mkdtemp(prefix="lawenforce-blackbox-stubs-")
atexit.register(shutil.rmtree, _STUB_DIR, True)

# Our vendored grpc.* protos are generated under the virtual directory
# "bbvendor/": a top-level Python package named "grpc" would shadow grpcio.
_PROJECT_PROTOS = [
    "google/rpc/status.proto",
    "google/rpc/error_details.proto",
    "lawenforce/common/v1/common.proto",
    "lawenforce/personnel/v1/personnel.proto",
]
_VENDORED_PROTOS = [
    "bbvendor/grpc/health/v1/health.proto",
    "bbvendor/grpc/reflection/v1alpha/reflection.proto",
]


def _generate_stubs():
    cmd = [
        "protoc",
        "-I", os.path.join(SOURCE_DIR, "proto"),
        "-I", os.path.join(SOURCE_DIR, "proto", "third_party"),
        "-I", "bbvendor=" + os.path.join(HERE, "proto"),
        "-I", "/usr/include",
        "--python_out=" + _STUB_DIR,
        "--grpc_out=" + _STUB_DIR,
        "--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin",
    ] + _PROJECT_PROTOS + _VENDORED_PROTOS
    result = subprocess.run(cmd, cwd=SOURCE_DIR, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("protoc failed (%d): %s" % (result.returncode, result.stderr))
    sys.path.insert(0, _STUB_DIR)


_generate_stubs()

import grpc  # noqa: E402
from google.protobuf import timestamp_pb2  # noqa: E402,F401
from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from lawenforce.common.v1 import common_pb2  # noqa: E402
from lawenforce.personnel.v1 import personnel_pb2 as pb  # noqa: E402
from lawenforce.personnel.v1 import personnel_pb2_grpc as pb_grpc  # noqa: E402
from bbvendor.grpc.health.v1 import health_pb2, health_pb2_grpc  # noqa: E402
from bbvendor.grpc.reflection.v1alpha import reflection_pb2, reflection_pb2_grpc  # noqa: E402

__all__ = ["grpc", "pb", "pb_grpc", "common_pb2", "status_pb2", "error_details_pb2",
           "health_pb2", "health_pb2_grpc", "reflection_pb2", "reflection_pb2_grpc"]

# ----------------------------------------------------------------- polling


def poll(predicate, timeout, interval=0.1, message="condition"):
    """Calls predicate() until it returns a truthy value or `timeout` seconds
    pass; returns the value or raises AssertionError."""
    deadline = time.monotonic() + timeout * SLOW_FACTOR
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except Exception as err:  # noqa: BLE001 - reported on timeout
            last_error = err
        if time.monotonic() >= deadline:
            raise AssertionError("timed out after %.1fs waiting for %s (last error: %r)" %
                                 (timeout * SLOW_FACTOR, message, last_error))
        time.sleep(interval)


def free_port():
    """A loopback port that was free a moment ago (bind to 0, release)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

# ----------------------------------------------------------------- tokens


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def mint_token(roles=("supervisor", "agency_admin", "system"), division="640000",
               subject="blackbox", agency=None, ttl=3600, secret=TEST_JWT_SECRET):
    """HS256 JWT with the claims personnel-service reads (docs/api.md 1.1)."""
    now = int(time.time())
    claims = {"sub": subject, "roles": list(roles), "division": division, "iat": now,
              "exp": now + ttl}
    if agency:
        claims["agency"] = agency
    head = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    body = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    sig = hmac.new(secret.encode(), (head + "." + body).encode(), hashlib.sha256).digest()
    return head + "." + body + "." + _b64url(sig)


def auth(token):
    return (("authorization", "Bearer " + token),)

# ----------------------------------------------------------------- domain data

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"


def id_number(area, birth_yyyymmdd, seq):
    """A valid GB 11643 identity-card number: area (6) + birth date (8) +
    sequence (3) + check character."""
    first17 = "%s%s%03d" % (area, birth_yyyymmdd, seq % 1000)
    assert len(first17) == 17, first17
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return first17 + _CHECK[total % 11]


def unique_id_number(n, area="640104"):
    """The n-th of a family of distinct valid identity-card numbers."""
    import datetime
    day = datetime.date(1960, 1, 1) + datetime.timedelta(days=n // 900)
    return id_number(area, day.strftime("%Y%m%d"), 100 + n % 900)


def date(y, m, d):
    return common_pb2.Date(year=y, month=m, day=d)


def bad_request_of(err):
    """(google.rpc.Status, [BadRequest...]) from an RpcError's trailers."""
    raw = None
    for key, value in err.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            raw = value
    if raw is None:
        return None, []
    status = status_pb2.Status.FromString(raw)
    found = []
    for any_msg in status.details:
        br = error_details_pb2.BadRequest()
        if any_msg.Is(br.DESCRIPTOR):
            any_msg.Unpack(br)
            found.append(br)
    return status, found

# ----------------------------------------------------------------- the service


def service_flags():
    """The flag names the binary's --help lists (flags differ between versions)."""
    out = subprocess.run([PERSONNEL_BIN, "--help"], capture_output=True, text=True, timeout=30,
                         env=_child_env(), stdin=subprocess.DEVNULL)
    text = out.stdout + out.stderr
    return {tok[2:].split("=")[0] for tok in text.split() if tok.startswith("--")}


_FLAGS = None


def supports_flag(name):
    global _FLAGS
    if _FLAGS is None:
        _FLAGS = service_flags()
    return name in _FLAGS


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class RedisServer:
    """A private, throw-away redis-server on a free loopback port (no
    persistence), so that services under test never share cache keys or
    deadline sets with each other or with a developer's scripts/up stack."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.proc = None
        self.port = None

    @property
    def url(self):
        return "redis://127.0.0.1:%d" % self.port

    def start(self):
        for _ in range(3):
            self.port = free_port()
            log = open(os.path.join(self.workdir, "redis-%d.log" % self.port), "wb")
            self.proc = subprocess.Popen(
                [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port),
                 "--dir", self.workdir, "--save", "", "--appendonly", "no",
                 "--maxmemory-policy", "noeviction", "--daemonize", "no"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.workdir)
            log.close()
            if self._wait_ping(10.0):
                return self
            self.stop()
        raise AssertionError("redis-server did not start")

    def _wait_ping(self, timeout):
        deadline = time.monotonic() + timeout * SLOW_FACTOR
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


def _child_env():
    # The service reads LAWENFORCE_<FLAG> from the environment: keep the
    # test's own settings (e.g. LAWENFORCE_PERSONNEL_BIN) and any developer
    # configuration away from it. Everything it needs is passed as flags.
    return {k: v for k, v in os.environ.items() if not k.startswith("LAWENFORCE_")}


class PersonnelService:
    """One personnel-service process on loopback with its own temp dir and,
    when the binary has --redis-url, its own redis-server (with_redis=False
    runs it without Redis)."""

    def __init__(self, workdir=None, db_path=None, extra_args=(), with_redis=True):
        self._own_workdir = workdir is None
        self.with_redis = with_redis
        self.redis = None
        self.workdir = workdir or tempfile.mkdtemp(prefix="lawenforce-blackbox-")
        self.db_path = db_path or os.path.join(self.workdir, "personnel.db")
        self.extra_args = list(extra_args)
        self.proc = None
        self.port = None
        self.metrics_port = None
        self.log_path = None
        self._starts = 0
        self._channels = []
        with open(os.path.join(self.workdir, "jwt-secret"), "w") as f:
            f.write(TEST_JWT_SECRET + "\n")
        with open(os.path.join(self.workdir, "pii-key"), "w") as f:
            f.write(TEST_PII_KEY + "\n")

    @property
    def target(self):
        return "127.0.0.1:%d" % self.port

    @property
    def metrics_url(self):
        return "http://127.0.0.1:%d/metrics" % self.metrics_port

    def start(self, timeout=30.0):
        if not os.path.exists(PERSONNEL_BIN):
            raise unittest.SkipTest("personnel-service not built: " + PERSONNEL_BIN)
        last = None
        for _ in range(3):  # a picked port can be taken between pick and bind
            self._starts += 1
            self.port, self.metrics_port = free_port(), free_port()
            while self.metrics_port == self.port:
                self.metrics_port = free_port()
            self.log_path = os.path.join(self.workdir, "personnel-%d.log" % self._starts)
            args = [
                PERSONNEL_BIN,
                "--listen=127.0.0.1:%d" % self.port,
                "--metrics-listen=127.0.0.1:%d" % self.metrics_port,
                "--db=" + self.db_path,
                "--divisions=" + DIVISIONS,
                "--jwt-alg=HS256",
                "--jwt-key=@" + os.path.join(self.workdir, "jwt-secret"),
                "--pii-key=@" + os.path.join(self.workdir, "pii-key"),
            ] + self._redis_args() + self.extra_args
            with open(self.log_path, "wb") as log:
                self.proc = subprocess.Popen(args, cwd=self.workdir, stdout=log,
                                             stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL, env=_child_env())
            if self._wait_serving(timeout):
                return self
            last = self.log_text()
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(10)
            if "in use" not in last and "bind" not in last.lower():
                break
        raise AssertionError("personnel-service did not become SERVING; log:\n" + last[-4000:])

    def _redis_args(self):
        if not supports_flag("redis-url"):
            return []
        if not self.with_redis or not os.path.exists(REDIS_SERVER):
            return ["--redis-url="]
        if self.redis is None:  # kept across restarts, like a real deployment
            self.redis = RedisServer(self.workdir).start()
        return ["--redis-url=" + self.redis.url]

    def _wait_serving(self, timeout):
        deadline = time.monotonic() + timeout * SLOW_FACTOR
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if self.health() == "SERVING":
                return True
            time.sleep(0.1)
        return False

    def health(self, service="", timeout=1.0):
        """The serving status name, or the gRPC code name of the failure."""
        with grpc.insecure_channel(self.target) as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            try:
                resp = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
            except grpc.RpcError as err:
                return err.code().name
        return health_pb2.HealthCheckResponse.ServingStatus.Name(resp.status)

    def channel(self):
        ch = grpc.insecure_channel(self.target)
        self._channels.append(ch)
        return ch

    def stub(self):
        return pb_grpc.PersonnelServiceStub(self.channel())

    def close_channels(self):
        for ch in self._channels:
            ch.close()
        self._channels = []

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
        self.close_channels()
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout * SLOW_FACTOR)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        """SIGKILL and reap."""
        self.close_channels()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(30)

    def cleanup(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)
        if self.redis is not None:
            self.redis.stop()
        if self._own_workdir and os.environ.get("LAWENFORCE_KEEP_TMP") != "1":
            shutil.rmtree(self.workdir, ignore_errors=True)


def http_get(url, timeout=5.0):
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return resp.read().decode("utf-8", "replace")


class ServiceTestCase(unittest.TestCase):
    """Starts one service for the class; stops it with SIGTERM at the end and
    asserts a clean exit (code 0)."""

    service = None
    extra_args = ()

    @classmethod
    def setUpClass(cls):
        cls.service = PersonnelService(extra_args=cls.extra_args)
        try:
            cls.service.start()
        except BaseException:
            cls.service.cleanup()
            raise
        cls.token = mint_token()
        cls.stub = cls.service.stub()

    @classmethod
    def tearDownClass(cls):
        svc = cls.service
        try:
            code = svc.terminate()
            if code != 0:
                raise AssertionError("personnel-service exited with %r on SIGTERM; log tail:\n%s" %
                                     (code, svc.log_text()[-3000:]))
        finally:
            svc.cleanup()

    def call(self, method, request, token=None, timeout=10):
        return getattr(self.stub, method)(request, metadata=auth(token or self.token),
                                          timeout=timeout * SLOW_FACTOR)

    def assertCode(self, code, fn, *args, **kwargs):
        with self.assertRaises(grpc.RpcError) as ctx:
            fn(*args, **kwargs)
        self.assertEqual(ctx.exception.code(), code, ctx.exception.details())
        return ctx.exception


def run_threads(targets):
    """Starts one thread per callable and returns them."""
    threads = [threading.Thread(target=t, daemon=True) for t in targets]
    for t in threads:
        t.start()
    return threads
