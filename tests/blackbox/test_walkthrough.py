"""The operator walkthrough against the started binary: agency -> officer ->
certificate -> suspend / reinstate / revoke with eligibility at each step,
idempotency, authentication, jurisdiction, the error model, and /metrics;
a revocation effective in the past judged before and after it; a county
whose agencies are half compliant with the legal-reviewer ratio."""

import re
import time
import unittest

from google.protobuf import timestamp_pb2

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

    def test_revocation_effective_in_the_past(self):
        agency = self.create_agency("wt-past-agency", name="兴庆区综合执法局")
        officer = self.call("CreateOfficer", pb.CreateOfficerRequest(
            officer=pb.Officer(agency_id=agency.id, name="李明",
                               id_number=harness.id_number(COUNTY, "19790521", 31),
                               roles=[pb.OFFICER_ROLE_OFFICER])))
        cert = self.call("IssueCertificate", pb.IssueCertificateRequest(
            certificate=pb.Certificate(
                number="NX-0104-WT0031", officer_id=officer.id,
                kind=pb.CERTIFICATE_KIND_ENFORCEMENT, domains=[DOMAIN],
                valid_from=date(2021, 1, 1), valid_until=date(2030, 12, 31))))
        issued = self.call("GetCertificateHistory",
                           pb.GetCertificateHistoryRequest(id=cert.id)).events[0].time
        issued_us = issued.seconds * 1000000 + issued.nanos // 1000
        # The act before and after the revocation: 0.5 s and 1.5 s after the
        # issue; the revocation, recorded later, took effect at 1 s.
        time.sleep(2.0)

        def at(offset_us):
            t = timestamp_pb2.Timestamp()
            t.FromMicroseconds(issued_us + offset_us)
            return t

        # A certificate grants nothing before it was issued, whatever its valid_from.
        self.assertVerdict(officer.id, False, pb.ELIGIBILITY_REASON_NO_CERTIFICATE,
                           at=at(-3600 * 1000000))
        self.assertVerdict(officer.id, True, pb.ELIGIBILITY_REASON_ELIGIBLE, at=at(1500000))
        revoked = self.call("RevokeCertificate", pb.TransitionCertificateRequest(
            id=cert.id, reason="违法行使职权，追溯收回", effective_time=at(1000000)))
        self.assertEqual(revoked.state, pb.CERTIFICATE_STATE_REVOKED)
        self.assertVerdict(officer.id, True, pb.ELIGIBILITY_REASON_ELIGIBLE, at=at(500000))
        self.assertVerdict(officer.id, False, pb.ELIGIBILITY_REASON_REVOKED, at=at(1500000))
        self.assertVerdict(officer.id, False, pb.ELIGIBILITY_REASON_REVOKED)
        event = self.call("GetCertificateHistory",
                          pb.GetCertificateHistoryRequest(id=cert.id)).events[-1]
        self.assertEqual(event.time.ToMicroseconds(), issued_us + 1000000)
        self.assertGreater(event.record_time.ToMicroseconds(), issued_us + 1900000)

    def test_county_with_half_its_agencies_compliant(self):
        county = "640105"
        staffed = self.create_agency("wt-staffed", name="西夏区市场监督管理局", division=county)
        short = self.create_agency("wt-short", name="西夏区综合执法局", division=county)
        seq = 100
        for agency, reviewers in ((staffed, 2), (short, 0)):
            for i in range(20):
                roles = [pb.OFFICER_ROLE_LEGAL_REVIEWER] if i < reviewers else [
                    pb.OFFICER_ROLE_OFFICER]
                seq += 1
                self.call("CreateOfficer", pb.CreateOfficerRequest(
                    officer=pb.Officer(agency_id=agency.id, name="干部%d" % seq,
                                       id_number=harness.id_number(county, "19880808", seq),
                                       roles=roles)))
        report = self.call("GetStaffingCompliance",
                           pb.GetStaffingComplianceRequest(division_code=county))
        # Pooled, 2 reviewers among 40 officers are 5%; judged per agency,
        # one agency passes and one lacks a reviewer.
        self.assertEqual(report.total.officer_count, 40)
        self.assertEqual(report.total.legal_reviewer_count, 2)
        self.assertFalse(report.total.compliant)
        self.assertEqual((report.compliant_agency_count, report.noncompliant_agency_count,
                          report.legal_reviewer_shortfall), (1, 1, 1))
        rows = {d.division_code: d for d in report.divisions}
        self.assertIn(county, rows)
        row = rows[county]
        self.assertFalse(row.figures.compliant)
        self.assertEqual((row.compliant_agency_count, row.noncompliant_agency_count,
                          row.legal_reviewer_shortfall), (1, 1, 1))
        by_agency = {a.agency_id: a.figures.compliant for a in report.agencies}
        self.assertEqual(by_agency, {staffed.id: True, short.id: False})
        # The gauges judge agencies the same way.
        wanted = [re.compile(
            r'^lawenforce_personnel_staffing_agencies\{(?=[^}]*division="640105")'
            r'(?=[^}]*compliance="%s")[^}]*\} 1(\.0)?$' % c, re.M)
            for c in ("compliant", "noncompliant")]
        wanted.append(re.compile(
            r'^lawenforce_personnel_legal_reviewer_shortfall\{(?=[^}]*division="640105")'
            r'[^}]*\} 1(\.0)?$', re.M))
        harness.poll(lambda: all(p.search(harness.http_get(self.service.metrics_url))
                                 for p in wanted),
                     timeout=20, interval=0.5, message="staffing gauges")

    def assertVerdict(self, officer_id, eligible, reason, at=None):
        request = pb.CheckEnforcementEligibilityRequest(officer_ids=[officer_id], domain=DOMAIN)
        if at is not None:
            request.at_time.CopyFrom(at)
        resp = self.call("CheckEnforcementEligibility", request)
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
