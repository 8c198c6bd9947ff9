"""What the lawenforcectl black-box tests share: the built CLI binary run
against a harness.Stack, with only the services' addresses in its
environment (the token goes per call), tokens minted by the CLI itself, and
a check that no protected value (an identity-card number, a phone) is ever
printed."""

import json
import os
import subprocess
import unittest

import harness


def ctl_binary():
    build = os.environ.get("LAWENFORCE_BUILD_DIR") or os.path.join(harness.SOURCE_DIR, "build")
    return os.path.join(build, "tools", "lawenforcectl", "lawenforcectl")


class CliTestCase(unittest.TestCase):
    """Starts SERVICES once per class; ADDRESSES maps each address variable
    the CLI reads (LAWENFORCE_SERVER...) to the service it names. ok() and
    text() fail when a value of NEVER_PRINTED shows in the output. `admin`
    is a region-wide system, supervisor and agency_admin token."""

    SERVICES = ("personnel",)
    ADDRESSES = {"LAWENFORCE_SERVER": "personnel"}
    NEVER_PRINTED = ()

    @classmethod
    def setUpClass(cls):
        cls.ctl = ctl_binary()
        if not os.path.exists(cls.ctl):
            raise AssertionError("lawenforcectl not built: " + cls.ctl)
        cls.stack = harness.Stack.started(list(cls.SERVICES))
        cls.env = harness.devstack.child_env()
        for variable, service in cls.ADDRESSES.items():
            cls.env[variable] = cls.stack[service].target
        cls.admin = cls.mint("--role", "system", "--role", "supervisor", "--role",
                             "agency_admin", "--division", "640000", "--subject", "ops-zhang")

    @classmethod
    def tearDownClass(cls):
        cls.stack.cleanup()

    @classmethod
    def run_ctl(cls, args, stdin=None, token=None):
        argv = [cls.ctl] + (["--token", token] if token else []) + list(args)
        return subprocess.run(argv, input=stdin, capture_output=True, text=True,
                              timeout=60 * harness.SLOW_FACTOR, env=cls.env,
                              stdin=None if stdin is not None else subprocess.DEVNULL)

    @classmethod
    def mint(cls, *args):
        out = cls.run_ctl(["token", "mint", "--key-file", cls.stack.jwt_secret_file] + list(args))
        if out.returncode != 0:
            raise AssertionError("token mint: " + out.stderr)
        return out.stdout.strip()

    def assert_nothing_protected(self, out):
        for value in self.NEVER_PRINTED:
            self.assertNotIn(value, out.stdout + out.stderr)

    def ok(self, *args, token=None, stdin=None):
        """Runs a command that must succeed; its --output json response."""
        out = self.run_ctl(["--output", "json"] + list(args), stdin=stdin,
                           token=token or self.admin)
        self.assertEqual(out.returncode, 0, "%s\n%s" % (" ".join(args[:3]), out.stderr))
        self.assert_nothing_protected(out)
        return json.loads(out.stdout)

    def text(self, *args, token=None):
        """Runs a command that must succeed; its table output."""
        out = self.run_ctl(list(args), token=token or self.admin)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assert_nothing_protected(out)
        return out.stdout

    def unreachable(self, *args, flag, token=None):
        """Runs a command against a closed port given with --<flag>; exits 3."""
        port = harness.free_port()
        out = self.run_ctl(list(args) + ["--" + flag, "127.0.0.1:%d" % port, "--timeout", "3s"],
                           token=token or self.admin)
        self.assertEqual(out.returncode, 3, out.stderr)
        return out.stderr

    def assert_default_address_in_help(self, variable, service):
        """The help names `variable` with services.json's port as its default."""
        port = harness.devstack.service_spec(service, harness.SERVICES)["grpc_port"]
        out = self.run_ctl(["help"])
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("%s, default localhost:%d" % (variable, port), out.stdout)
