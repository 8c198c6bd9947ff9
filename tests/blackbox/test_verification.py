"""Public certificate verification (tasks 6, 11; docs/api/personnel.md "3.8
Public verification") against the started personnel-service binary: the
code and text an agency admin prints, recomputed here with hmac from the
PII key as documented; VerifyCertificate with no metadata at all, by the
printed URL, by "<number> <code>" and by number + code, showing the
holder's name masked, the agency, the domains and nothing else (no id, no
identity-card number, no full name anywhere in the serialized answer); a
wrong code and an unknown number the same NOT_FOUND; the state read now
(revoked: valid false); a forged `authorization` header changing nothing;
a generic client built from server reflection calling it without a token;
the rate limit per client address (--verifications-per-minute=6: a burst
of 10, every call counting, then RESOURCE_EXHAUSTED "retry in N s", and
one call back after N s); and `lawenforcectl cert qr` / `cert verify` with
a token in the environment that is not even read."""

import datetime
import hashlib
import hmac
import json
import re
import subprocess
import time
import unittest

import ctl_harness
import harness
import test_reflection
from harness import grpc, pb, date

COUNTY = "640104"
DOMAINS = ["market_regulation", "food_safety"]
URL_BASE = "https://zfjd.nx.gov.cn/verify"  # the service's default --verification-url-base
NOT_FOUND_MESSAGE = "no certificate with this number and verification code"
SERVICE = "lawenforce.personnel.v1.PersonnelService"


def expected_code(number, pii_key_hex=harness.TEST_PII_KEY):
    """The documented code: the first 10 hex characters (upper case) of the
    HMAC-SHA256 blind index of the (upper-cased) number under the PII key,
    context certificate_verification_code (common/crypto/pii.cc derives the
    index key from the master key)."""
    index_key = hmac.new(bytes.fromhex(pii_key_hex), b"lawenforce/pii/blind-index/v1",
                         hashlib.sha256).digest()
    mac = hmac.new(index_key, b"certificate_verification_code\0" + number.upper().encode(),
                   hashlib.sha256).hexdigest()
    return mac[:10].upper()


def make_holder(stub, token, tag, name, n, agency=None):
    """(agency, officer, certificate, id_number): an officer `name` of a
    Xingqing agency (made unless given) holding an ACTIVE certificate."""
    md = harness.auth(token)
    timeout = 10 * harness.SLOW_FACTOR
    if agency is None:
        agency = stub.CreateAgency(pb.CreateAgencyRequest(
            request_id="vf-agency-" + tag,
            agency=pb.Agency(name="兴庆区市场监督管理局（核验%s）" % tag, division_code=COUNTY,
                             domains=DOMAINS)), metadata=md, timeout=timeout)
    id_number = harness.unique_id_number(6100 + n)
    officer = stub.CreateOfficer(pb.CreateOfficerRequest(
        request_id="vf-officer-%s-%d" % (tag, n),
        officer=pb.Officer(agency_id=agency.id, name=name, id_number=id_number,
                           roles=[pb.OFFICER_ROLE_OFFICER])), metadata=md, timeout=timeout)
    cert = stub.IssueCertificate(pb.IssueCertificateRequest(
        request_id="vf-cert-%s-%d" % (tag, n),
        certificate=pb.Certificate(
            number="NX-0104-VF%04d" % n, officer_id=officer.id,
            kind=pb.CERTIFICATE_KIND_ENFORCEMENT, domains=DOMAINS,
            valid_from=date(2025, 1, 1), valid_until=date(2030, 12, 31))),
        metadata=md, timeout=timeout)
    return agency, officer, cert, id_number


def admin_of(agency):
    """A token of the agency's own bound admin."""
    return harness.mint_token(roles=["agency_admin"], division=COUNTY, agency=agency.id,
                              subject="admin-" + agency.id[:8])


class VerificationTest(harness.ServiceTestCase):
    """The rate limit is set high here (100 a second, bursts of 10) and each
    public call waits 20 ms first, so the checks never meet it; the limit
    itself is RateLimitTest's."""

    extra_args = ("--verifications-per-minute=6000",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency, cls.officer, cls.cert, cls.id_number = make_holder(
            cls.stub, cls.token, "a", "欧阳修", 1)
        _, cls.officer2, cls.cert2, cls.id_number2 = make_holder(
            cls.stub, cls.token, "a", "马丽", 2, agency=cls.agency)
        cls.agency_admin = admin_of(cls.agency)

    def printed(self, cert):
        return self.call("GetCertificateVerificationCode",
                         pb.GetCertificateVerificationCodeRequest(id=cert.id),
                         token=self.agency_admin)

    def verify(self, metadata=None, **fields):
        """VerifyCertificate with no metadata unless given."""
        time.sleep(0.02)  # >= 2 tokens back at 100 a second: the bucket stays full
        return self.stub.VerifyCertificate(pb.VerifyCertificateRequest(**fields),
                                           metadata=metadata, timeout=10 * harness.SLOW_FACTOR)

    def verify_error(self, expected, metadata=None, **fields):
        with self.assertRaises(grpc.RpcError) as ctx:
            self.verify(metadata=metadata, **fields)
        self.assertEqual(ctx.exception.code(), expected, ctx.exception.details())
        return ctx.exception

    def assert_public_only(self, answer, officer, cert, id_number, full_name):
        raw = answer.SerializeToString()
        text = str(answer)
        for secret in (officer.id, cert.id, self.agency.id, id_number, full_name,
                       officer.id_number_masked):
            self.assertTrue(secret)
            self.assertNotIn(secret.encode(), raw, secret)
            self.assertNotIn(secret, text, secret)
        self.assertEqual(sorted(f.name for f, _ in answer.ListFields()),
                         sorted(["number", "valid", "state", "kind", "domains", "valid_from",
                                 "valid_until", "agency_name", "holder_name_masked",
                                 "checked_at"]))

    # ------------------------------------------------------------ printing

    def test_the_printed_code_and_text(self):
        printed = self.printed(self.cert)
        self.assertEqual(printed.certificate_id, self.cert.id)
        self.assertEqual(printed.number, "NX-0104-VF0001")
        self.assertRegex(printed.code, r"^[0-9A-F]{10}$")
        self.assertEqual(printed.code, expected_code(printed.number),
                         "the code is the documented keyed HMAC of the number")
        self.assertEqual(printed.text, "%s?n=%s&c=%s" % (URL_BASE, printed.number, printed.code))
        self.assertEqual(self.printed(self.cert), printed, "the same every time")
        self.assertNotEqual(self.printed(self.cert2).code, printed.code)
        # Region-wide system/supervisor/admin may print it too.
        self.assertEqual(self.call("GetCertificateVerificationCode",
                                   pb.GetCertificateVerificationCodeRequest(id=self.cert.id)),
                         printed)

    def test_printing_needs_a_printer_within_jurisdiction(self):
        request = pb.GetCertificateVerificationCodeRequest(id=self.cert.id)
        self.assertCode(grpc.StatusCode.UNAUTHENTICATED, self.stub.GetCertificateVerificationCode,
                        request, timeout=10 * harness.SLOW_FACTOR)
        officer = harness.mint_token(roles=["officer"], division=COUNTY, subject="officer-ma")
        self.assertCode(grpc.StatusCode.PERMISSION_DENIED, self.call,
                        "GetCertificateVerificationCode", request, token=officer)
        other = harness.mint_token(roles=["agency_admin", "supervisor"], division="640302",
                                   subject="litong")
        self.assertCode(grpc.StatusCode.PERMISSION_DENIED, self.call,
                        "GetCertificateVerificationCode", request, token=other)

    # ------------------------------------------------------------ verifying

    def test_verify_with_no_metadata_by_text_and_by_number_and_code(self):
        printed = self.printed(self.cert)
        before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
        by_url = self.verify(text=printed.text)
        self.assertTrue(by_url.valid)
        self.assertEqual(by_url.state, pb.CERTIFICATE_STATE_ACTIVE)
        self.assertEqual(by_url.number, "NX-0104-VF0001")
        self.assertEqual(by_url.kind, pb.CERTIFICATE_KIND_ENFORCEMENT)
        self.assertEqual(list(by_url.domains), DOMAINS)
        self.assertEqual((by_url.valid_from.year, by_url.valid_from.month, by_url.valid_from.day),
                         (2025, 1, 1))
        self.assertEqual((by_url.valid_until.year, by_url.valid_until.month,
                          by_url.valid_until.day), (2030, 12, 31))
        self.assertEqual(by_url.agency_name, self.agency.name)
        self.assertEqual(by_url.holder_name_masked, "欧**")
        checked = by_url.checked_at.ToDatetime().replace(tzinfo=datetime.timezone.utc)
        self.assertGreater(checked, before)
        self.assertLess(checked, before + datetime.timedelta(minutes=1))
        self.assert_public_only(by_url, self.officer, self.cert, self.id_number, "欧阳修")

        def same(answer):
            answer.ClearField("checked_at")
            expected = pb.CertificateVerification()
            expected.CopyFrom(by_url)
            expected.ClearField("checked_at")
            self.assertEqual(answer, expected)

        # "<number> <code>", with surrounding blanks; the number's and the
        # code's case do not matter.
        same(self.verify(text="  %s %s\n" % (printed.number, printed.code)))
        same(self.verify(text="%s %s" % (printed.number.lower(), printed.code.lower())))
        same(self.verify(number=printed.number, code=printed.code))
        same(self.verify(number=printed.number.lower(), code=printed.code.lower()))

        # One * per character after the first.
        other = self.verify(text=self.printed(self.cert2).text)
        self.assertEqual(other.holder_name_masked, "马*")
        self.assert_public_only(other, self.officer2, self.cert2, self.id_number2, "马丽")

    def test_a_wrong_code_and_an_unknown_number_are_the_same_not_found(self):
        printed = self.printed(self.cert)
        wrong = "0000000000" if printed.code != "0000000000" else "0000000001"
        errors = [
            self.verify_error(grpc.StatusCode.NOT_FOUND, number=printed.number, code=wrong),
            self.verify_error(grpc.StatusCode.NOT_FOUND, text="%s?n=%s&c=%s" % (
                URL_BASE, printed.number, wrong)),
            # Another certificate's code.
            self.verify_error(grpc.StatusCode.NOT_FOUND, number=printed.number,
                              code=self.printed(self.cert2).code),
            # A number never issued, with a code that does not match it...
            self.verify_error(grpc.StatusCode.NOT_FOUND, number="NX-0104-VF9999",
                              code=printed.code),
            # ... and with the very code it would have: the store has none.
            self.verify_error(grpc.StatusCode.NOT_FOUND, number="NX-0104-VF9999",
                              code=expected_code("NX-0104-VF9999")),
        ]
        for err in errors:
            self.assertEqual(err.details(), NOT_FOUND_MESSAGE)
            self.assertNotIn(printed.number, err.details())
            status, _ = harness.bad_request_of(err)
            self.assertTrue(status is None or not status.details, status)

    def test_field_errors_name_the_field(self):
        printed = self.printed(self.cert)
        for fields, field in (
                (dict(text=printed.text, number=printed.number), "text"),
                (dict(text=printed.text, code=printed.code), "text"),
                (dict(text="just words here"), "text"),
                (dict(text=URL_BASE + "?n=" + printed.number), "text"),
                (dict(), "number"),
                (dict(number="NX 0104", code=printed.code), "number"),
                (dict(number="N" * 33, code=printed.code), "number"),
                (dict(number=printed.number), "code"),
                (dict(number=printed.number, code="12"), "code"),
                (dict(number=printed.number, code="GGGGGGGGGG"), "code"),
                (dict(number=printed.number, code=printed.code + "0"), "code")):
            err = self.verify_error(grpc.StatusCode.INVALID_ARGUMENT, **fields)
            self.assertTrue(err.details().startswith(field + ":"), (fields, err.details()))
            _, bad_requests = harness.bad_request_of(err)
            self.assertEqual([v.field for br in bad_requests for v in br.field_violations],
                             [field], fields)

    def test_the_state_is_read_now(self):
        agency, officer, cert, _ = make_holder(self.stub, self.token, "a", "张伟", 3,
                                               agency=self.agency)
        printed = self.printed(cert)
        self.assertTrue(self.verify(text=printed.text).valid)
        suspended = self.call("SuspendCertificate", pb.TransitionCertificateRequest(
            id=cert.id, reason="立案调查期间暂扣"))
        answer = self.verify(text=printed.text)
        self.assertFalse(answer.valid)
        self.assertEqual(answer.state, pb.CERTIFICATE_STATE_SUSPENDED)
        self.call("ReinstateCertificate", pb.TransitionCertificateRequest(
            id=cert.id, reason="调查结束", etag=suspended.etag))
        self.assertTrue(self.verify(text=printed.text).valid)
        self.call("RevokeCertificate", pb.TransitionCertificateRequest(
            id=cert.id, reason="年度考核不称职"))
        self.assertEqual(self.printed(cert), printed, "a revoked certificate keeps its code")
        revoked = self.verify(number=printed.number, code=printed.code)
        self.assertFalse(revoked.valid)
        self.assertEqual(revoked.state, pb.CERTIFICATE_STATE_REVOKED)
        self.assertEqual(revoked.holder_name_masked, "张*")
        self.assertEqual(revoked.agency_name, agency.name)

    def test_a_forged_authorization_header_makes_no_difference(self):
        printed = self.printed(self.cert)
        plain = self.verify(text=printed.text)
        plain.ClearField("checked_at")
        forged_jwt = harness.mint_token(secret="x" * 48)
        expired = harness.mint_token(ttl=-3600)
        for metadata in ((("authorization", "Bearer forged"),),
                         (("authorization", "Bearer " + forged_jwt),),
                         (("authorization", "Bearer " + expired),),
                         (("authorization", "Basic dXNlcjpwYXNz"),),
                         harness.auth(self.token)):
            answer = self.verify(metadata=metadata, text=printed.text)
            answer.ClearField("checked_at")
            self.assertEqual(answer, plain, metadata)
            self.verify_error(grpc.StatusCode.NOT_FOUND, metadata=metadata,
                              number=printed.number, code="0000000000"
                              if printed.code != "0000000000" else "0000000001")
        # The neighbouring methods still want a token.
        self.assertCode(grpc.StatusCode.UNAUTHENTICATED, self.stub.GetCertificate,
                        pb.GetCertificateRequest(id=self.cert.id),
                        metadata=(("authorization", "Bearer " + forged_jwt),),
                        timeout=10 * harness.SLOW_FACTOR)

    def test_a_reflection_client_verifies_without_a_token(self):
        channel = self.service.channel()
        client = test_reflection.ReflectionClient(channel, timeout=10 * harness.SLOW_FACTOR)
        pool = client.pool_for_symbol(SERVICE)
        method = pool.FindServiceByName(SERVICE).methods_by_name["VerifyCertificate"]
        req_cls = test_reflection.message_class(pool, method.input_type.full_name)
        resp_cls = test_reflection.message_class(pool, method.output_type.full_name)
        call = channel.unary_unary("/%s/VerifyCertificate" % SERVICE,
                                   request_serializer=lambda m: m.SerializeToString(),
                                   response_deserializer=resp_cls.FromString)
        time.sleep(0.02)
        answer = call(req_cls(text=self.printed(self.cert).text),
                      timeout=10 * harness.SLOW_FACTOR)
        self.assertEqual(type(answer).DESCRIPTOR.full_name,
                         "lawenforce.personnel.v1.CertificateVerification")
        self.assertTrue(answer.valid)
        self.assertEqual(answer.holder_name_masked, "欧**")
        state = pool.FindEnumTypeByName("lawenforce.personnel.v1.CertificateState")
        self.assertEqual(state.values_by_number[answer.state].name, "CERTIFICATE_STATE_ACTIVE")


class RateLimitTest(harness.ServiceTestCase):
    """--verifications-per-minute=6: bursts of 10 per client address, then one
    call every 10 s."""

    extra_args = ("--verifications-per-minute=6",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _, _, cls.cert, _ = make_holder(cls.stub, cls.token, "r", "欧阳修", 1)

    def verify(self, **fields):
        return self.stub.VerifyCertificate(pb.VerifyCertificateRequest(**fields),
                                           timeout=10 * harness.SLOW_FACTOR)

    def exhausted(self, **fields):
        with self.assertRaises(grpc.RpcError) as ctx:
            self.verify(**fields)
        err = ctx.exception
        self.assertEqual(err.code(), grpc.StatusCode.RESOURCE_EXHAUSTED, err.details())
        match = re.fullmatch(r"too many certificate verifications from this address; "
                             r"retry in (\d+) s", err.details())
        self.assertIsNotNone(match, err.details())
        return int(match.group(1))

    def test_a_burst_of_ten_then_resource_exhausted_then_one_back(self):
        printed = self.call("GetCertificateVerificationCode",
                            pb.GetCertificateVerificationCodeRequest(id=self.cert.id))
        wrong = "0000000000" if printed.code != "0000000000" else "0000000001"
        # Every call counts, bad ones too: 5 good, 4 wrong codes, 1 field error.
        for _ in range(5):
            self.assertTrue(self.verify(text=printed.text).valid)
        for _ in range(4):
            self.assertCode(grpc.StatusCode.NOT_FOUND,
                            lambda: self.verify(number=printed.number, code=wrong))
        self.assertCode(grpc.StatusCode.INVALID_ARGUMENT, self.verify, number=printed.number)
        # The 11th, good or bad, is refused before it is looked at.
        wait = self.exhausted(text=printed.text)
        self.assertGreaterEqual(wait, 1)
        self.assertLessEqual(wait, 10)
        self.exhausted(number=printed.number, code=wrong)
        self.exhausted(number=printed.number)
        # Token-carrying methods are not limited.
        self.assertEqual(self.call("GetCertificateVerificationCode",
                                   pb.GetCertificateVerificationCodeRequest(id=self.cert.id)),
                         printed)
        # A refusal takes no token: after the wait, one call goes through.
        wait = self.exhausted(text=printed.text)
        time.sleep(wait + 0.2)
        self.assertTrue(self.verify(text=printed.text).valid)
        again = self.exhausted(text=printed.text)
        self.assertGreaterEqual(again, 9)


class CliVerificationTest(ctl_harness.CliTestCase):
    """`lawenforcectl cert qr` and `cert verify` against the real service."""

    def run_with_env_token(self, args, token):
        """The CLI with LAWENFORCE_TOKEN=token in its environment."""
        env = dict(self.env, LAWENFORCE_TOKEN=token)
        return subprocess.run([self.ctl] + list(args), capture_output=True, text=True,
                              timeout=60 * harness.SLOW_FACTOR, env=env,
                              stdin=subprocess.DEVNULL)

    def test_cert_qr_then_cert_verify(self):
        id_number = harness.unique_id_number(6200)
        self.NEVER_PRINTED = (id_number,)
        agency = self.ok("agency", "create", "--name", "兴庆区市场监督管理局（命令行核验）",
                         "--division", COUNTY, "--domain", "market_regulation")
        officer = self.ok("officer", "create", "--agency", agency["id"], "--name", "欧阳修",
                          "--role", "officer", "--id-number", "-", stdin=id_number + "\n")
        cert = self.ok("cert", "issue", "--officer", officer["id"], "--number", "NX-0104-CLI01",
                       "--kind", "enforcement", "--domain", "market_regulation",
                       "--valid-from", "2025-01-01", "--valid-until", "2030-12-31")

        # cert qr: the text first, then the number and the code.
        lines = self.text("cert", "qr", cert["id"]).splitlines()
        code = expected_code("NX-0104-CLI01")
        url = "%s?n=NX-0104-CLI01&c=%s" % (URL_BASE, code)
        self.assertEqual(lines, [url, "number: NX-0104-CLI01", "code:   " + code])
        printed = self.ok("cert", "qr", cert["id"])
        self.assertEqual(printed, {"certificate_id": cert["id"], "number": "NX-0104-CLI01",
                                   "code": code, "text": url})
        help_out = self.run_ctl(["cert", "qr", "--help"])
        self.assertEqual(help_out.returncode, 0)
        self.assertIn("any QR\ngenerator renders it", help_out.stdout)

        # cert verify reads no token: one that is not even a token in the
        # environment stops `cert get` (usage, exit 2), not `cert verify`.
        not_a_token = "not a token"
        self.assertEqual(self.run_with_env_token(["cert", "get", cert["id"]], not_a_token)
                         .returncode, 2)
        out = self.run_with_env_token(["cert", "verify", "--text", url], not_a_token)
        self.assertEqual(out.returncode, 0, out.stderr)
        listing = dict(re.split(r":\s+", line, maxsplit=1) for line in out.stdout.splitlines())
        self.assertEqual(listing["valid"], "true")
        self.assertEqual(listing["state"], "ACTIVE")
        self.assertEqual(listing["kind"], "ENFORCEMENT")
        self.assertEqual(listing["domains"], "market_regulation")
        self.assertEqual(listing["valid_from"], "2025-01-01")
        self.assertEqual(listing["valid_until"], "2030-12-31")
        self.assertEqual(listing["agency_name"], "兴庆区市场监督管理局（命令行核验）")
        self.assertEqual(listing["holder_name_masked"], "欧**")
        for secret in (officer["id"], cert["id"], agency["id"], id_number, "欧阳修"):
            self.assertNotIn(secret, out.stdout + out.stderr)

        # By number and code, no token anywhere, JSON.
        out = self.run_ctl(["cert", "verify", "--number", "nx-0104-cli01", "--code", code.lower(),
                            "--output", "json"])
        self.assertEqual(out.returncode, 0, out.stderr)
        answer = json.loads(out.stdout)
        self.assertIs(answer["valid"], True)
        self.assertEqual(answer["state"], "CERTIFICATE_STATE_ACTIVE")
        self.assertEqual(answer["number"], "NX-0104-CLI01")

        # After a revocation: valid false, exit 0 (the answer, not an error).
        self.ok("cert", "revoke", cert["id"], "--reason", "年度考核不称职")
        out = self.run_ctl(["cert", "verify", "--text", "NX-0104-CLI01 " + code, "--output",
                            "json"])
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIs(json.loads(out.stdout)["valid"], False)
        self.assertEqual(json.loads(out.stdout)["state"], "CERTIFICATE_STATE_REVOKED")

        # Refused: exit 1 with the server's message; usage errors: exit 2.
        out = self.run_ctl(["cert", "verify", "--number", "NX-0104-CLI01", "--code",
                            "0000000000" if code != "0000000000" else "0000000001"])
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertEqual(out.stderr, "error: NOT_FOUND: %s\n" % NOT_FOUND_MESSAGE)
        out = self.run_ctl(["cert", "verify", "--number", "NX-0104-CLI01", "--code", "12"])
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("error: INVALID_ARGUMENT: code:", out.stderr)
        self.assertIn("  field: code — ", out.stderr)
        for args in (["cert", "verify"],
                     ["cert", "verify", "--number", "NX-0104-CLI01"],
                     ["cert", "verify", "--text", url, "--code", code]):
            out = self.run_ctl(args)
            self.assertEqual(out.returncode, 2, (args, out.stderr))
            self.assertIn("usage: lawenforcectl cert verify", out.stderr)


if __name__ == "__main__":
    unittest.main()
