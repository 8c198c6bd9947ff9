"""Token keys rotate without a restart: the service reads a JSON Web Key
Set (--jwks-file) and re-reads it when it changes; a token signed with a
retired key is refused with a clear reason, one signed with the new key is
accepted, and the process never restarts."""

import base64
import json
import os
import unittest

import harness
from harness import grpc, pb

OLD = "old-key-secret-0123456789abcdef-0123456789"
NEW = "new-key-secret-0123456789abcdef-0123456789"


def jwk(kid, secret):
    k = base64.urlsafe_b64encode(secret.encode()).rstrip(b"=").decode()
    return {"kty": "oct", "kid": kid, "alg": "HS256", "use": "sig", "k": k}


class KeyRotationTest(unittest.TestCase):

    def setUp(self):
        self.service = harness.Service("personnel")
        self.addCleanup(self.service.cleanup)
        self.jwks = os.path.join(self.service.workdir, "jwks.json")
        self.write({"keys": [jwk("k-old", OLD)]})
        # The stack passes --jwt-key; a JWKS replaces it (the two exclude each other).
        self.service.process.args_override = lambda args: [
            a for a in args if not a.startswith(("--jwt-key=", "--jwt-alg="))] + [
            "--jwks-file=" + self.jwks, "--jwks-refresh=1s"]
        self.service.start()
        self.stub = self.service.stub()

    def write(self, doc):
        with open(self.jwks + ".new", "w") as f:
            json.dump(doc, f)
        os.replace(self.jwks + ".new", self.jwks)

    def list_agencies(self, secret, kid):
        token = harness.mint_token(secret=secret, kid=kid)
        return self.stub.ListAgencies(pb.ListAgenciesRequest(division_code="640000"),
                                      metadata=harness.auth(token),
                                      timeout=10 * harness.SLOW_FACTOR)

    def test_a_retired_key_is_refused_and_the_new_one_accepted_without_a_restart(self):
        pid = self.service.proc.pid
        self.list_agencies(OLD, "k-old")
        with self.assertRaises(grpc.RpcError) as ctx:
            self.list_agencies(NEW, "k-new")
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.UNAUTHENTICATED)

        self.write({"keys": [jwk("k-new", NEW)]})

        def rotated():
            try:
                self.list_agencies(NEW, "k-new")
                return True
            except grpc.RpcError:
                return False
        harness.poll(rotated, timeout=15, interval=0.2, message="the new key to be accepted")
        with self.assertRaises(grpc.RpcError) as ctx:
            self.list_agencies(OLD, "k-old")
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.UNAUTHENTICATED)
        self.assertIn("not a current verification key", ctx.exception.details())
        self.assertEqual(self.service.proc.pid, pid)
        self.assertTrue(self.service.running())


if __name__ == "__main__":
    unittest.main()
