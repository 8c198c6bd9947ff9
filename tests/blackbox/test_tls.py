"""TLS and mTLS on the real binary: certificates made by openssl here; a
client with a certificate is served, one without (or a plaintext one) is
refused; probes speak plaintext to the health-only port; lawenforcectl
speaks mTLS."""

import os
import subprocess
import tempfile
import unittest

import harness
from harness import grpc, pb


def openssl(directory, *args):
    subprocess.run(["openssl"] + list(args), cwd=directory, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_certs(directory):
    """ca.pem; server.pem/server-key.pem (localhost, 127.0.0.1);
    client.pem/client-key.pem, all signed by the CA."""
    openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem",
            "-out", "ca.pem", "-days", "2", "-subj", "/CN=blackbox-ca")
    for name, usage in (("server", "serverAuth"), ("client", "clientAuth")):
        with open(os.path.join(directory, name + ".ext"), "w") as f:
            f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=%s\n" % usage)
        openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-key.pem",
                "-out", name + ".csr", "-subj", "/CN=" + name)
        openssl(directory, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey",
                "ca-key.pem", "-CAcreateserial", "-out", name + ".pem", "-days", "2",
                "-extfile", name + ".ext")


class TlsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.certs = tempfile.mkdtemp(prefix="lawenforce-blackbox-tls-")
        make_certs(cls.certs)
        cls.service = harness.Service("personnel", tls_dir=cls.certs)
        try:
            cls.service.start()
        except BaseException:
            cls.service.cleanup()
            raise
        cls.token = harness.mint_token()

    @classmethod
    def tearDownClass(cls):
        code = cls.service.terminate()
        cls.service.cleanup()
        if code != 0:
            raise AssertionError("personnel-service exited with %r" % code)

    def create_agency(self, channel, request_id):
        stub = harness.pb_grpc.PersonnelServiceStub(channel)
        return stub.CreateAgency(pb.CreateAgencyRequest(
            request_id=request_id, agency=pb.Agency(
                name="兴庆区市场监督管理局", division_code="640104",
                domains=["market_regulation"])),
            metadata=harness.auth(self.token), timeout=10 * harness.SLOW_FACTOR)

    def test_a_client_with_a_certificate_is_served(self):
        agency = self.create_agency(self.service.channel(), "tls-1")
        self.assertTrue(agency.id)

    def test_a_client_without_a_certificate_is_refused(self):
        def read(name):
            with open(os.path.join(self.certs, name), "rb") as f:
                return f.read()
        creds = grpc.ssl_channel_credentials(read("ca.pem"))
        with grpc.secure_channel(self.service.target, creds, options=(
                ("grpc.ssl_target_name_override", "localhost"),)) as channel:
            with self.assertRaises(grpc.RpcError) as ctx:
                self.create_agency(channel, "tls-2")
            self.assertEqual(ctx.exception.code(), grpc.StatusCode.UNAVAILABLE)

    def test_a_plaintext_client_is_refused(self):
        with grpc.insecure_channel(self.service.target) as channel:
            with self.assertRaises(grpc.RpcError) as ctx:
                self.create_agency(channel, "tls-3")
            self.assertEqual(ctx.exception.code(), grpc.StatusCode.UNAVAILABLE)

    def test_probes_speak_plaintext_to_the_health_port_which_serves_nothing_else(self):
        health_target = "127.0.0.1:%d" % self.service.process.health_port
        self.assertEqual(harness.devstack.health_status(health_target), "SERVING")
        with grpc.insecure_channel(health_target) as channel:
            with self.assertRaises(grpc.RpcError) as ctx:
                self.create_agency(channel, "tls-4")
            self.assertEqual(ctx.exception.code(), grpc.StatusCode.UNIMPLEMENTED)

    def test_lawenforcectl_speaks_mtls(self):
        ctl = os.path.join(os.environ.get("LAWENFORCE_BUILD_DIR") or
                           os.path.join(harness.SOURCE_DIR, "build"),
                           "tools", "lawenforcectl", "lawenforcectl")
        if not os.path.exists(ctl):
            self.fail("lawenforcectl not built: " + ctl)
        c = self.certs
        args = [ctl, "--server", self.service.target, "--token", self.token,
                "--tls-ca", os.path.join(c, "ca.pem"), "--tls-cert", os.path.join(c, "client.pem"),
                "--tls-key", os.path.join(c, "client-key.pem"), "--tls-server-name", "localhost",
                "--output", "json", "agency", "list", "--division", "640000"]
        out = subprocess.run(args, capture_output=True, text=True, timeout=30,
                             env=harness.devstack.child_env(), stdin=subprocess.DEVNULL)
        self.assertEqual(out.returncode, 0, out.stderr)
        without_cert = [a for a in args if a not in (
            "--tls-cert", os.path.join(c, "client.pem"), "--tls-key",
            os.path.join(c, "client-key.pem"))]
        out = subprocess.run(without_cert, capture_output=True, text=True, timeout=30,
                             env=harness.devstack.child_env(), stdin=subprocess.DEVNULL)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("UNAVAILABLE", out.stderr)


if __name__ == "__main__":
    unittest.main()
