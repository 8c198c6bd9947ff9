"""The black-box harness: start any set of the suite's real binaries on
loopback (scripts/lib/devstack.py does the process handling, as for
scripts/up), talk to them with Python grpcio, stop them.

Standard library + Debian's python3-grpcio / python3-protobuf only. Stubs for
every service in services/services.json are generated at import time (once
per process) with protoc and grpc_python_plugin into a temporary directory.

Environment (set by tests/blackbox/CMakeLists.txt under CTest):
  LAWENFORCE_BUILD_DIR       the CMake build directory (binaries are found
                             there, services/<name>/<binary>)
  LAWENFORCE_<NAME>_BIN      overrides one service's binary
  LAWENFORCE_SOURCE_DIR      the repository root (proto/, data/)
  LAWENFORCE_KEEP_TMP=1      keep the work directories (logs, databases)
"""

import atexit
import importlib
import os
import shutil
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
sys.path.insert(0, os.path.join(SOURCE_DIR, "scripts", "lib"))
import devstack  # noqa: E402

SERVICES = devstack.load_services()
PERSONNEL_BIN = devstack.binary_path(devstack.service_spec("personnel", SERVICES))

# A sanitizer build starts and answers slower: stretch every deadline.
SLOW_FACTOR = 3.0 if os.environ.get("ASAN_OPTIONS") or "asan" in PERSONNEL_BIN else 1.0

TEST_JWT_SECRET = "blackbox-test-secret-0123456789-abcdefghijklmnop"  # >= 32 bytes
TEST_PII_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

# ----------------------------------------------------------------- stubs

_STUB_DIR = tempfile.mkdtemp(prefix="lawenforce-blackbox-stubs-")
atexit.register(shutil.rmtree, _STUB_DIR, True)

# Our vendored grpc.* protos are generated under the virtual directory
# "bbvendor/": a top-level Python package named "grpc" would shadow grpcio.
devstack.gen_stubs(_STUB_DIR, SOURCE_DIR, extra_includes=["bbvendor=" + os.path.join(HERE, "proto")],
                   extra_protos=["bbvendor/grpc/health/v1/health.proto",
                                 "bbvendor/grpc/reflection/v1alpha/reflection.proto"])

import grpc  # noqa: E402
from google.protobuf import timestamp_pb2  # noqa: E402,F401
from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from lawenforce.common.v1 import common_pb2  # noqa: E402
from bbvendor.grpc.health.v1 import health_pb2, health_pb2_grpc  # noqa: E402
from bbvendor.grpc.reflection.v1alpha import reflection_pb2, reflection_pb2_grpc  # noqa: E402


def modules(name):
    """(messages module, grpc module) of a service's proto, e.g. "personnel"."""
    base = devstack.service_spec(name, SERVICES)["proto"][:-len(".proto")].replace("/", ".")
    return importlib.import_module(base + "_pb2"), importlib.import_module(base + "_pb2_grpc")


def stub_class(name):
    spec = devstack.service_spec(name, SERVICES)
    return getattr(modules(name)[1], spec["grpc_service"].rsplit(".", 1)[1] + "Stub")


pb, pb_grpc = modules("personnel")

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


free_port = devstack.free_port

# ----------------------------------------------------------------- tokens


def mint_token(roles=("supervisor", "agency_admin", "system"), division="640000",
               subject="blackbox", agency=None, ttl=3600, secret=TEST_JWT_SECRET, kid=None):
    """HS256 JWT with the claims the services read (docs/api.md)."""
    return devstack.mint_token(secret, roles, division, subject, ttl, agency, kid=kid)


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


def details_of(err, message_class):
    """The details of type `message_class` (error_details_pb2.ErrorInfo...)
    in an RpcError's grpc-status-details-bin trailer."""
    found = []
    for key, value in err.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        for any_msg in status_pb2.Status.FromString(value).details:
            msg = message_class()
            if any_msg.Is(msg.DESCRIPTOR):
                any_msg.Unpack(msg)
                found.append(msg)
    return found


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

# ----------------------------------------------------------------- the stack


def service_flags(name="personnel"):
    """The flag names a service's --help lists."""
    binary = devstack.binary_path(devstack.service_spec(name, SERVICES))
    out = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30,
                         env=devstack.child_env(), stdin=subprocess.DEVNULL)
    text = out.stdout + out.stderr
    return {tok[2:].split("=")[0] for tok in text.split() if tok.startswith("--")}


class Stack:
    """Any set of the suite's services (in services.json order, each given
    the addresses of the services it calls), one private redis-server kept
    across restarts, shared secrets, all in one temporary directory.

      stack = Stack(["personnel"]).start()
      stub = stack.stub("personnel")
      ...
      stack.cleanup()
    """

    def __init__(self, names=("personnel",), with_redis=True, extra_args=None, workdir=None,
                 tls_dir=None, postgres=False):
        """postgres=True: one throwaway PostgreSQL for the stack, each service
        on a schema of its own (--store=postgres://...?schema=<name>) instead
        of its SQLite file."""
        wanted = set(names)
        unknown = wanted - {s["name"] for s in SERVICES}
        if unknown:
            raise KeyError("unknown services: %s" % sorted(unknown))
        self._own_workdir = workdir is None
        self.workdir = workdir or tempfile.mkdtemp(prefix="lawenforce-blackbox-")
        self.with_redis = with_redis
        self.tls_dir = tls_dir
        self.redis = None
        self.postgres = None
        if postgres:
            self.postgres = devstack.PostgresProcess(slow_factor=SLOW_FACTOR).start()
        self.jwt_secret_file = os.path.join(self.workdir, "jwt-secret")
        self.pii_key_file = os.path.join(self.workdir, "pii-key")
        with open(self.jwt_secret_file, "w") as f:
            f.write(TEST_JWT_SECRET + "\n")
        with open(self.pii_key_file, "w") as f:
            f.write(TEST_PII_KEY + "\n")
        extra_args = extra_args or {}
        self.services = {}
        for spec in SERVICES:
            if spec["name"] in wanted:
                self.services[spec["name"]] = devstack.ServiceProcess(
                    spec, self.workdir, self.jwt_secret_file, self.pii_key_file,
                    extra_args=extra_args.get(spec["name"], ()), tls_dir=tls_dir,
                    slow_factor=SLOW_FACTOR,
                    store_url=self.postgres.url(spec["name"]) if self.postgres else None)
        self._channels = []

    def __getitem__(self, name):
        return self.services[name]

    def redis_url(self):
        if not self.with_redis or not os.path.exists(devstack.REDIS_SERVER):
            return ""
        if self.redis is None:  # kept across restarts, like a real deployment
            self.redis = devstack.RedisProcess(self.workdir, slow_factor=SLOW_FACTOR).start()
        return self.redis.url

    def start(self, name=None, timeout=30.0):
        """Starts one service (again), or all of them in order."""
        for svc in ([self.services[name]] if name else self.services.values()):
            if not os.path.exists(svc.binary):
                raise unittest.SkipTest("%s not built: %s" % (svc.name, svc.binary))
            svc.redis_url = self.redis_url()
            svc.targets = {dep: self.services[dep].target for dep in svc.spec["calls"]
                           if dep in self.services and self.services[dep].port}
            svc.start(timeout)
        return self

    @classmethod
    def started(cls, names=("personnel",), **kwargs):
        """Stack(names, **kwargs).start(), cleaned up if the start fails
        (for setUpClass, where tearDownClass does not run after an error)."""
        stack = cls(names, **kwargs)
        try:
            return stack.start()
        except BaseException:
            stack.cleanup()
            raise

    def channel(self, name):
        ch = devstack.open_channel(self.services[name].target, self.tls_dir)
        self._channels.append(ch)
        return ch

    def stub(self, name):
        return stub_class(name)(self.channel(name))

    def close_channels(self):
        for ch in self._channels:
            ch.close()
        self._channels = []

    def cleanup(self):
        self.close_channels()
        for svc in self.services.values():
            if svc.running():
                svc.kill()
        if self.redis is not None:
            self.redis.stop()
        if self.postgres is not None:
            self.postgres.stop()
        if self._own_workdir and os.environ.get("LAWENFORCE_KEEP_TMP") != "1":
            shutil.rmtree(self.workdir, ignore_errors=True)


class Service:
    """One service of its own Stack: the shape most tests want."""

    def __init__(self, name="personnel", extra_args=(), with_redis=True, workdir=None,
                 db_path=None, tls_dir=None):
        self.name = name
        self.stack = Stack([name], with_redis=with_redis, extra_args={name: extra_args},
                           workdir=workdir, tls_dir=tls_dir)
        self.process = self.stack[name]
        if db_path:
            self.process.db_path = db_path

    workdir = property(lambda self: self.stack.workdir)
    db_path = property(lambda self: self.process.db_path)
    target = property(lambda self: self.process.target)
    metrics_url = property(lambda self: self.process.metrics_url)
    proc = property(lambda self: self.process.proc)

    def start(self, timeout=30.0):
        self.stack.start(self.name, timeout)
        return self

    def stub(self):
        return self.stack.stub(self.name)

    def channel(self):
        return self.stack.channel(self.name)

    def health(self, service="", timeout=1.0):
        return self.process.health(service, timeout)

    def log_text(self):
        return self.process.log_text()

    def running(self):
        return self.process.running()

    def terminate(self, timeout=30.0):
        self.stack.close_channels()
        return self.process.terminate(timeout)

    def kill(self):
        self.stack.close_channels()
        self.process.kill()

    def cleanup(self):
        self.stack.cleanup()


def PersonnelService(**kwargs):  # noqa: N802 - kept for the personnel tests
    return Service("personnel", **kwargs)


def http_get(url, timeout=5.0):
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return resp.read().decode("utf-8", "replace")


class ServiceTestCase(unittest.TestCase):
    """Starts one service for the class; stops it with SIGTERM at the end and
    asserts a clean exit (code 0)."""

    service_name = "personnel"
    service = None
    extra_args = ()

    @classmethod
    def setUpClass(cls):
        cls.service = Service(cls.service_name, extra_args=cls.extra_args)
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
                raise AssertionError("%s exited with %r on SIGTERM; log tail:\n%s" %
                                     (svc.name, code, svc.log_text()[-3000:]))
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
