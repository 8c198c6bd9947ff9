"""Officer lifecycles and suspensions for a term (issue 22) from Python
grpcio against the real personnel-service binary:

- a transfer keeps one officer record and one history
  (ListOfficerServicePeriods), cancels the certificate of the agency left
  (its public verification reads CANCELLED, valid false), and the old
  certificate no longer covers acts (NO_CERTIFICATE, verdict agency_id the
  new agency);
- a retirement takes the officer out of the staffing count and out of
  eligibility (NOT_IN_SERVICE); a second end of service is
  FAILED_PRECONDITION naming officer_id; a future effective_time is
  INVALID_ARGUMENT naming it;
- a suspension for a term shows its end and decision document, and reads
  SUSPENDED until then.
"""

import time
import unittest

import harness
from harness import grpc, pb, date
from google.protobuf import timestamp_pb2

COUNTY = "640104"


def ts(seconds):
    t = timestamp_pb2.Timestamp()
    t.seconds = int(seconds)
    return t


class LifecycleTest(harness.ServiceTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.n = 0

    def agency(self, tag):
        return self.call("CreateAgency", pb.CreateAgencyRequest(agency=pb.Agency(
            name="兴庆区市场监督管理局（生命周期%s）" % tag, division_code=COUNTY,
            domains=["market_regulation"])))

    def holder(self, agency, number):
        LifecycleTest.n += 1
        officer = self.call("CreateOfficer", pb.CreateOfficerRequest(officer=pb.Officer(
            agency_id=agency.id, name="执法员", id_number=harness.unique_id_number(7300 + self.n),
            roles=[pb.OFFICER_ROLE_OFFICER])))
        cert = self.call("IssueCertificate", pb.IssueCertificateRequest(
            certificate=pb.Certificate(number=number, officer_id=officer.id,
                                       kind=pb.CERTIFICATE_KIND_ENFORCEMENT,
                                       domains=["market_regulation"],
                                       valid_from=date(2025, 1, 1),
                                       valid_until=date(2030, 12, 31))))
        return officer, cert

    def verdict(self, officer):
        return self.call("CheckEnforcementEligibility", pb.CheckEnforcementEligibilityRequest(
            officer_ids=[officer.id], domain="market_regulation")).verdicts[0]

    def test_a_transfer_cancels_the_old_certificate_publicly_too(self):
        a, b = self.agency("A"), self.agency("B")
        officer, cert = self.holder(a, "NX-LC-0001")
        self.assertTrue(self.verdict(officer).eligible)
        moved = self.call("TransferOfficer", pb.TransferOfficerRequest(
            officer_id=officer.id, agency_id=b.id, note="组织调动", etag=officer.etag))
        self.assertEqual(moved.id, officer.id)
        self.assertEqual(moved.agency_id, b.id)
        self.assertTrue(moved.in_service)
        periods = self.call("ListOfficerServicePeriods", pb.ListOfficerServicePeriodsRequest(
            officer_id=officer.id)).periods
        self.assertEqual([p.agency_id for p in periods], [a.id, b.id])
        self.assertEqual(periods[0].end_reason, pb.SERVICE_END_REASON_TRANSFERRED)
        self.assertFalse(periods[1].HasField("end_time"))

        old = self.call("GetCertificate", pb.GetCertificateRequest(id=cert.id))
        self.assertEqual(old.state, pb.CERTIFICATE_STATE_CANCELLED)
        self.assertIn(b.id, old.state_reason)
        printed = self.call("GetCertificateVerificationCode",
                            pb.GetCertificateVerificationCodeRequest(id=cert.id))
        public = self.stub.VerifyCertificate(
            pb.VerifyCertificateRequest(number=printed.number, code=printed.code), timeout=10)
        self.assertFalse(public.valid)
        self.assertEqual(public.state, pb.CERTIFICATE_STATE_CANCELLED)

        v = self.verdict(officer)
        self.assertFalse(v.eligible)
        self.assertEqual(v.reason, pb.ELIGIBILITY_REASON_NO_CERTIFICATE)
        self.assertEqual(v.agency_id, b.id)

    def test_a_retired_officer_counts_nowhere_and_may_not_enforce(self):
        a = self.agency("R")
        officer, _ = self.holder(a, "NX-LC-0002")
        staffing = lambda: self.call("GetStaffingCompliance", pb.GetStaffingComplianceRequest(
            agency_id=a.id)).total.officer_count
        self.assertEqual(staffing(), 1)
        with self.assertRaises(grpc.RpcError) as ctx:
            self.call("EndOfficerService", pb.EndOfficerServiceRequest(
                officer_id=officer.id, reason=pb.SERVICE_END_REASON_RETIRED,
                effective_time=ts(time.time() + 3600)))
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("effective_time", ctx.exception.details())

        retired = self.call("EndOfficerService", pb.EndOfficerServiceRequest(
            officer_id=officer.id, reason=pb.SERVICE_END_REASON_RETIRED, note="到龄退休"))
        self.assertFalse(retired.in_service)
        self.assertEqual(retired.service_end_reason, pb.SERVICE_END_REASON_RETIRED)
        self.assertEqual(staffing(), 0)
        self.assertEqual(self.verdict(officer).reason, pb.ELIGIBILITY_REASON_NOT_IN_SERVICE)
        with self.assertRaises(grpc.RpcError) as ctx:
            self.call("EndOfficerService", pb.EndOfficerServiceRequest(
                officer_id=officer.id, reason=pb.SERVICE_END_REASON_LEFT_POST))
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.FAILED_PRECONDITION)
        self.assertTrue(ctx.exception.details().startswith("officer_id:"),
                        ctx.exception.details())

    def test_a_suspension_for_a_term_shows_its_end_and_decision(self):
        a = self.agency("S")
        officer, cert = self.holder(a, "NX-LC-0003")
        ends = int(time.time()) + 30 * 86400
        suspended = self.call("SuspendCertificate", pb.TransitionCertificateRequest(
            id=cert.id, reason="涉嫌违规", decision_document="宁市监暂扣字〔2026〕1号",
            suspended_until=ts(ends)))
        self.assertEqual(suspended.state, pb.CERTIFICATE_STATE_SUSPENDED)
        self.assertEqual(suspended.suspended_until.seconds, ends)
        self.assertEqual(suspended.state_decision_document, "宁市监暂扣字〔2026〕1号")
        self.assertEqual(self.verdict(officer).reason, pb.ELIGIBILITY_REASON_SUSPENDED)
        later = self.call("CheckEnforcementEligibility", pb.CheckEnforcementEligibilityRequest(
            officer_ids=[officer.id], domain="market_regulation", at_time=ts(ends + 1)))
        # A moment after the end is judged from what is recorded: the term.
        self.assertTrue(later.verdicts[0].eligible, later.verdicts[0].detail)
        history = self.call("GetCertificateHistory",
                            pb.GetCertificateHistoryRequest(id=cert.id)).events
        self.assertEqual(history[-1].suspended_until.seconds, ends)
        self.assertEqual(history[-1].decision_document, "宁市监暂扣字〔2026〕1号")


if __name__ == "__main__":
    unittest.main()
