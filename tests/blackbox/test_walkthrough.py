"""The operator walkthrough against the started binary: agency -> officer ->
certificate -> suspend / reinstate / revoke with eligibility at each step,
idempotency, authentication, jurisdiction, the error model, and /metrics."""

import re
import unittest

import harness
from harness import grpc, pb, date

COUNTY = "640104"
OTHER_COUNTY = "640302"
DOMAIN = "market_regulation"


class WalkthroughTest(harness.ServiceTestCase):

    def create_agency(self, request_id, name="兴庆区市场监督管理局", division=COUNTY):
        return self.call("CreateAgency", pb.CreateAgencyRequest(
            request_id=request_id,
            agency=pb.Agency(name=name, division_code=division,
                             domains=[DOMAIN, "food_safety"])))

    def test_walkthrough(self):
        # --- agency, idempotent on request_id
        agency = self.create_agency("wt-agency-1")
        self.assertTrue(agency.id)
        self.assertEqual(agency.division_code, COUNTY)
        self.assertEqual(agency.tier, harness.common_pb2.TIER_COUNTY)
        again = self.create_agency("wt-agency-1")
        self.assertEqual(again.id, agency.id)

        # --- officer with a valid GB 11643 number
        id_number = harness.id_number(COUNTY, "19850312", 4)
        officer = self.call("CreateOfficer", pb.CreateOfficerRequest(
            request_id="wt-officer-1",
            officer=pb.Officer(agency_id=agency.id, name="马丽", id_number=id_number,
                               roles=[pb.OFFICER_ROLE_OFFICER, pb.OFFICER_ROLE_LEGAL_REVIEWER])))
        self.assertTrue(officer.id)
        self.assertEqual(officer.division_code, COUNTY)
        self.assertEqual(officer.id_number, "", "id_number must never be returned")
        self.assertTrue(officer.id_number_masked.startswith(COUNTY), officer.id_number_masked)
        self.assertNotEqual(officer.id_number_masked, id_number)
        same = self.call("CreateOfficer", pb.CreateOfficerRequest(
            request_id="wt-officer-1",
            officer=pb.Officer(agency_id=agency.id, name="马丽", id_number=id_number,
                               roles=[pb.OFFICER_ROLE_OFFICER, pb.OFFICER_ROLE_LEGAL_REVIEWER])))
        self.assertEqual(same.id, officer.id)

        # --- certificate
        cert = self.call("IssueCertificate", pb.IssueCertificateRequest(
            request_id="wt-cert-1",
            certificate=pb.Certificate(
                number="NX-0104-WT0001", officer_id=officer.id,
                kind=pb.CERTIFICATE_KIND_ENFORCEMENT, domains=[DOMAIN],
                valid_from=date(2025, 1, 1), valid_until=date(2030, 12, 31))))
        self.assertEqual(cert.state, pb.CERTIFICATE_STATE_ACTIVE)
        self.assertVerdict(officer.id, True, pb.ELIGIBILITY_REASON_ELIGIBLE)

        # --- suspend -> not eligible (SUSPENDED)
        cert = self.call("SuspendCertificate", pb.TransitionCertificateRequest(
            id=cert.id, reason="立案调查期间暂扣", etag=cert.etag))
        self.assertEqual(cert.state, pb.CERTIFICATE_STATE_SUSPENDED)
        self.assertVerdict(officer.id, False, pb.ELIGIBILITY_REASON_SUSPENDED)

        # --- reinstate -> eligible
        cert = self.call("ReinstateCertificate", pb.TransitionCertificateRequest(
            id=cert.id, reason="调查结束"))
        self.assertEqual(cert.state, pb.CERTIFICATE_STATE_ACTIVE)
        self.assertVerdict(officer.id, True, pb.ELIGIBILITY_REASON_ELIGIBLE)

        # --- revoke -> REVOKED, final
        cert = self.call("RevokeCertificate", pb.TransitionCertificateRequest(
            id=cert.id, reason="违法行使职权"))
        self.assertEqual(cert.state, pb.CERTIFICATE_STATE_REVOKED)
        self.assertVerdict(officer.id, False, pb.ELIGIBILITY_REASON_REVOKED)
        self.assertCode(grpc.StatusCode.FAILED_PRECONDITION, self.call, "ReinstateCertificate",
                        pb.TransitionCertificateRequest(id=cert.id, reason="再议"))

        # --- history: issue, suspend, reinstate, revoke
        history = self.call("GetCertificateHistory", pb.GetCertificateHistoryRequest(id=cert.id))
        self.assertEqual([e.to_state for e in history.events], [
            pb.CERTIFICATE_STATE_ACTIVE, pb.CERTIFICATE_STATE_SUSPENDED,
            pb.CERTIFICATE_STATE_ACTIVE, pb.CERTIFICATE_STATE_REVOKED])
        self.assertEqual([e.sequence for e in history.events], [1, 2, 3, 4])
        self.assertEqual(history.events[0].from_state, pb.CERTIFICATE_STATE_UNSPECIFIED)
        self.assertEqual(history.events[1].actor, "blackbox")

        # --- authentication and jurisdiction
        err = self.assertCode(grpc.StatusCode.UNAUTHENTICATED, self.stub.GetOfficer,
                              pb.GetOfficerRequest(id=officer.id), timeout=10)
        self.assertNotIn("Bearer", err.details() or "")
        other = harness.mint_token(roles=["supervisor"], division=OTHER_COUNTY, subject="litong")
        self.assertCode(grpc.StatusCode.PERMISSION_DENIED, self.call, "GetOfficer",
                        pb.GetOfficerRequest(id=officer.id), token=other)
        forged = harness.mint_token(secret="x" * 48)
        self.assertCode(grpc.StatusCode.UNAUTHENTICATED, self.call, "GetOfficer",
                        pb.GetOfficerRequest(id=officer.id), token=forged)
        # The same county reads it fine.
        own = harness.mint_token(roles=["officer"], division=COUNTY, subject="xingqing")
        self.assertEqual(self.call("GetOfficer", pb.GetOfficerRequest(id=officer.id),
                                   token=own).id, officer.id)

        # --- error model: INVALID_ARGUMENT + google.rpc.BadRequest
        bad = id_number[:-1] + ("0" if id_number[-1] != "0" else "1")  # wrong check digit
        err = self.assertCode(grpc.StatusCode.INVALID_ARGUMENT, self.call, "CreateOfficer",
                              pb.CreateOfficerRequest(
                                  request_id="wt-officer-bad",
                                  officer=pb.Officer(agency_id=agency.id, name="张伟",
                                                     id_number=bad,
                                                     roles=[pb.OFFICER_ROLE_OFFICER])))
        status, bad_requests = harness.bad_request_of(err)
        self.assertIsNotNone(status, "no grpc-status-details-bin trailer")
        self.assertEqual(status.code, grpc.StatusCode.INVALID_ARGUMENT.value[0])
        self.assertEqual(len(bad_requests), 1, status)
        fields = [v.field for v in bad_requests[0].field_violations]
        self.assertEqual(fields, ["officer.id_number"])
        self.assertTrue(bad_requests[0].field_violations[0].description)

        # --- metrics
        self.check_metrics()

    def assertVerdict(self, officer_id, eligible, reason):
        resp = self.call("CheckEnforcementEligibility", pb.CheckEnforcementEligibilityRequest(
            officer_ids=[officer_id], domain=DOMAIN))
        self.assertEqual(len(resp.verdicts), 1)
        v = resp.verdicts[0]
        self.assertEqual(v.officer_id, officer_id)
        self.assertEqual((v.eligible, pb.EligibilityReason.Name(v.reason)),
                         (eligible, pb.EligibilityReason.Name(reason)), v.detail)

    def check_metrics(self):
        wanted = {
            "handled CreateOfficer OK": re.compile(
                r'^grpc_server_handled_total\{(?=[^}]*grpc_method="CreateOfficer")'
                r'(?=[^}]*grpc_code="OK")[^}]*\} [1-9]', re.M),
            "started": re.compile(r"^grpc_server_started_total\{", re.M),
            "latency histogram": re.compile(r"^grpc_server_handling_seconds_bucket\{", re.M),
            "officers gauge": re.compile(
                r'^lawenforce_personnel_officers\{(?=[^}]*division="640104")'
                r'(?=[^}]*tier="county")[^}]*\} [1-9]', re.M),
            "revoked certificates gauge": re.compile(
                r'^lawenforce_personnel_certificates\{(?=[^}]*division="640104")'
                r'(?=[^}]*state="REVOKED")[^}]*\} [1-9]', re.M),
        }
        state = {"text": ""}

        def all_present():
            state["text"] = harness.http_get(self.service.metrics_url)
            return all(p.search(state["text"]) for p in wanted.values())

        try:
            # The domain gauges may be cached for a few seconds.
            harness.poll(all_present, timeout=20, interval=0.5, message="metrics")
        except AssertionError:
            missing = [k for k, p in wanted.items() if not p.search(state["text"])]
            self.fail("metrics missing %s; scrape:\n%s" % (missing, state["text"][-4000:]))


if __name__ == "__main__":
    unittest.main()
