#!/usr/bin/python3
"""Helpers for scripts/up: Python stubs, gRPC health, HS256 tokens, secrets.

Standard library + Debian's python3-grpcio/python3-protobuf only. Used as a
module by demo_data.py and as a small CLI by the shell scripts:

  devstack.py gen-stubs OUT_DIR
  devstack.py wait-health HOST:PORT [--timeout S] [--pid PID]
  devstack.py mint-token --secret-file F --role R... --division D [--subject S] [--ttl-hours H]
  devstack.py new-secrets DIR          (jwt-secret and pii-key, only when missing)
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import secrets
import subprocess
import sys
import time

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

PROTO_FILES = [
    "google/rpc/status.proto",
    "google/rpc/error_details.proto",
    "lawenforce/common/v1/common.proto",
    "lawenforce/personnel/v1/personnel.proto",
]


def gen_stubs(out_dir, source_dir=SOURCE_DIR):
    """Runs protoc + grpc_python_plugin into out_dir and puts it on sys.path."""
    os.makedirs(out_dir, exist_ok=True)
    cmd = [
        "protoc",
        "-I", os.path.join(source_dir, "proto"),
        "-I", os.path.join(source_dir, "proto", "third_party"),
        "-I", "/usr/include",
        "--python_out=" + out_dir,
        "--grpc_out=" + out_dir,
        "--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin",
    ] + PROTO_FILES
    subprocess.run(cmd, check=True, cwd=source_dir)
    if out_dir not in sys.path:
        sys.path.insert(0, out_dir)
    return out_dir


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
    fd = pool.Add(fdp)
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


def health_status(target, service="", timeout=2.0):
    """"SERVING", "NOT_SERVING", ... or the gRPC error code name."""
    import grpc

    req_cls, resp_cls = _health_classes()
    with grpc.insecure_channel(target) as channel:
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


def wait_health(target, timeout=30.0, pid=None):
    """Polls until SERVING; False on timeout or when process `pid` exits."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if pid is not None and not _alive(pid):
            print("devstack: process %d exited before it was healthy" % pid, file=sys.stderr)
            return False
        last = health_status(target, timeout=1.0)
        if last == "SERVING":
            return True
        time.sleep(0.2)
    print("devstack: %s not SERVING after %.0fs (last: %s)" % (target, timeout, last),
          file=sys.stderr)
    return False


def _alive(pid):
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


# ------------------------------------------------------------------ tokens

def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def mint_token(secret, roles, division, subject="operator", ttl_seconds=12 * 3600, agency=None,
               now=None):
    """A compact HS256 JWT as personnel-service expects (common/auth/token.h)."""
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    now = int(time.time() if now is None else now)
    header = {"alg": "HS256", "typ": "JWT"}
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


def _parse_ttl(text):
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main(argv):
    parser = argparse.ArgumentParser(prog="devstack.py")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("gen-stubs")
    p.add_argument("out_dir")
    p = sub.add_parser("wait-health")
    p.add_argument("target")
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--pid", type=int)
    p = sub.add_parser("health")
    p.add_argument("target")
    p = sub.add_parser("mint-token")
    p.add_argument("--secret-file", required=True)
    p.add_argument("--role", action="append", required=True)
    p.add_argument("--division", required=True)
    p.add_argument("--subject", default="operator")
    p.add_argument("--agency")
    p.add_argument("--ttl", default="12h", help="e.g. 12h, 30m, 3600")
    p = sub.add_parser("new-secrets")
    p.add_argument("directory")
    args = parser.parse_args(argv)

    if args.cmd == "gen-stubs":
        gen_stubs(os.path.abspath(args.out_dir))
        return 0
    if args.cmd == "wait-health":
        return 0 if wait_health(args.target, args.timeout, args.pid) else 1
    if args.cmd == "health":
        status = health_status(args.target)
        print(status)
        return 0 if status == "SERVING" else 1
    if args.cmd == "mint-token":
        print(mint_token(read_secret(args.secret_file), args.role, args.division, args.subject,
                         _parse_ttl(args.ttl), args.agency))
        return 0
    if args.cmd == "new-secrets":
        new_secrets(args.directory)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
