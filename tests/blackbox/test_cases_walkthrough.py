"""A whole penalty case through the real binaries (personnel-service and
case-service, Redis, service tokens) with a grpcio client: agency,
certified officers and a legal reviewer in personnel-service; an item and
its benchmark; a case filed, investigated with evidence, submitted for
legal review and approved, the party notified, decided within the
benchmark and served on the spot, published, executed and closed; its
clocks explained and its full-process record verified, also by
recomputing the hash chain here, outside the service, as a third party
would."""

import datetime
import hashlib
import unittest

import harness
from harness import grpc
from google.protobuf import timestamp_pb2

from test_cases import cases_pb

pb = harness.pb


def ts(dt):
    t = timestamp_pb2.Timestamp()
    t.FromDatetime(dt)
    return t


def entry_hash(case_id, e):
    """docs/api/cases.md "Verifying a record", recomputed independently."""
    def field(x):
        data = x.encode("utf-8")
        return str(len(data)).encode() + b":" + data + b"\n"
    micros = e.time.seconds * 1000000 + e.time.nanos // 1000
    evidence = "\n".join("%s|%s|%s" % (r.sha256, r.kind, r.description) for r in e.evidence)
    canonical = (b"lawenforce.case-record.v1" + field(case_id) + field(str(e.sequence)) +
                 field(str(micros)) + field(e.actor) + field(e.action) +
                 field(",".join(e.officer_ids)) + field(e.summary) + field(evidence) +
                 field(e.prev_hash))
    return hashlib.sha256(canonical).hexdigest()


class CaseWalkthroughTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stack = harness.Stack.started(["personnel", "case"])
        cls.admin = harness.auth(harness.mint_token())
        cls.officer = harness.auth(harness.mint_token(roles=["officer"], division="640104"))
        cls.reviewer_md = harness.auth(harness.mint_token(roles=["legal_reviewer"],
                                                          division="640104"))
        cls.personnel = cls.stack.stub("personnel")
        cls.cases = cls.stack.stub("case")

    @classmethod
    def tearDownClass(cls):
        cls.stack.cleanup()

    def person(self, agency_id, n, roles):
        officer = self.personnel.CreateOfficer(pb.CreateOfficerRequest(officer=pb.Officer(
            agency_id=agency_id, name="执法员%d" % n, id_number=harness.unique_id_number(7000 + n),
            roles=roles)), metadata=self.admin, timeout=10)
        self.personnel.IssueCertificate(pb.IssueCertificateRequest(certificate=pb.Certificate(
            officer_id=officer.id, number="NX-BB-%d" % n, kind=pb.CERTIFICATE_KIND_ENFORCEMENT,
            domains=["food_safety"], valid_from=harness.date(2020, 1, 1),
            valid_until=harness.date(2029, 12, 31))), metadata=self.admin, timeout=10)
        return officer.id

    def act(self, case_id, reason=""):
        return cases_pb.CaseActRequest(case_id=case_id, reason=reason)

    def test_a_penalty_case_from_filing_to_archive(self):
        agency = self.personnel.CreateAgency(pb.CreateAgencyRequest(agency=pb.Agency(
            name="兴庆区市场监督管理局", division_code="640104", domains=["food_safety"])),
            metadata=self.admin, timeout=10)
        o1 = self.person(agency.id, 1, [pb.OFFICER_ROLE_OFFICER])
        o2 = self.person(agency.id, 2, [pb.OFFICER_ROLE_OFFICER])
        reviewer = self.person(agency.id, 3, [pb.OFFICER_ROLE_LEGAL_REVIEWER])
        long_ago = ts(datetime.datetime(2020, 1, 1))
        item = self.cases.CreateItem(cases_pb.CreateItemRequest(item=cases_pb.EnforcementItem(
            agency_id=agency.id, code="SCJG-CF-101", name="销售不符合食品安全标准的食品",
            kind=cases_pb.ITEM_KIND_PENALTY, legal_basis="《中华人民共和国食品安全法》第一百二十四条",
            domain="food_safety", major=True, effective_from=long_ago)),
            metadata=self.admin, timeout=10)
        self.cases.PublishBenchmark(cases_pb.PublishBenchmarkRequest(
            item_id=item.id, benchmark=cases_pb.Benchmark(
                effective_from=long_ago, basis="宁夏市场监管行政处罚裁量权基准",
                levels=[cases_pb.BenchmarkLevel(
                    code="general", description="一般", min_fine_fen=50000, max_fine_fen=500000,
                    allowed_kinds=[cases_pb.PENALTY_KIND_WARNING, cases_pb.PENALTY_KIND_FINE])])),
            metadata=self.admin, timeout=10)
        # Any authenticated caller reads the benchmark, whatever its division.
        far = harness.auth(harness.mint_token(roles=["auditor"], division="640302"))
        bench = self.cases.GetBenchmark(cases_pb.GetBenchmarkRequest(item_id=item.id),
                                        metadata=far, timeout=10)
        self.assertEqual(bench.levels[0].max_fine_fen, 500000)

        violation = datetime.datetime.utcnow() - datetime.timedelta(days=3)
        case = self.cases.FileCase(cases_pb.FileCaseRequest(request_id="bb-case-1", case=cases_pb.Case(
            agency_id=agency.id, item_id=item.id, facts="销售超过保质期的食品", violation_time=ts(violation),
            officer_ids=[o1, o2], parties=[cases_pb.Party(
                kind=cases_pb.PARTY_KIND_INDIVIDUAL, name="张三",
                id_number=harness.unique_id_number(9001))])),
            metadata=self.officer, timeout=10)
        self.assertEqual(case.state, cases_pb.CASE_STATE_FILED)
        self.assertEqual(case.parties[0].id_number, "")
        self.assertTrue(case.parties[0].id_number_masked.startswith("640104"))
        self.assertIn("*", case.parties[0].id_number_masked)
        again = self.cases.FileCase(cases_pb.FileCaseRequest(request_id="bb-case-1", case=cases_pb.Case(
            agency_id=agency.id, item_id=item.id, facts="销售超过保质期的食品", violation_time=ts(violation),
            officer_ids=[o1, o2], parties=[cases_pb.Party(
                kind=cases_pb.PARTY_KIND_INDIVIDUAL, name="张三",
                id_number=harness.unique_id_number(9001))])),
            metadata=self.officer, timeout=10)
        self.assertEqual(again.id, case.id, "a retry with the same request_id replays")

        self.cases.StartInvestigation(self.act(case.id), metadata=self.officer, timeout=10)
        self.cases.RecordEvidence(cases_pb.RecordEvidenceRequest(act=self.act(case.id), evidence=[
            cases_pb.EvidenceRef(sha256=hashlib.sha256(b"photo").hexdigest(), kind="photo",
                                 description="现场照片")]), metadata=self.officer, timeout=10)
        with self.assertRaises(grpc.RpcError) as ctx:
            self.cases.NotifyParty(cases_pb.NotifyPartyRequest(act=self.act(case.id)),
                                   metadata=self.officer, timeout=10)
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.FAILED_PRECONDITION)
        proposal = cases_pb.Decision(outcome=cases_pb.OUTCOME_PENALTY, circumstance="general",
                                     penalty_kinds=[cases_pb.PENALTY_KIND_FINE], fine_fen=300000)
        self.cases.SubmitForLegalReview(cases_pb.SubmitForLegalReviewRequest(
            act=self.act(case.id), proposal=proposal), metadata=self.officer, timeout=10)
        self.cases.CompleteLegalReview(cases_pb.CompleteLegalReviewRequest(
            act=self.act(case.id), outcome=cases_pb.REVIEW_OUTCOME_APPROVED,
            reviewer_officer_id=reviewer, opinion="事实清楚，证据确凿"),
            metadata=self.reviewer_md, timeout=10)
        self.cases.NotifyParty(cases_pb.NotifyPartyRequest(act=self.act(case.id), hearing_waived=True),
                               metadata=self.officer, timeout=10)
        decided = self.cases.DecideCase(cases_pb.DecideCaseRequest(
            act=self.act(case.id), decision=proposal, served_on_the_spot=True),
            metadata=self.officer, timeout=10)
        self.assertEqual(decided.state, cases_pb.CASE_STATE_DECIDED)
        self.assertEqual(decided.decision.benchmark_version, 1)
        self.cases.PublishDecision(self.act(case.id), metadata=self.officer, timeout=10)
        self.cases.RecordExecution(self.act(case.id, "罚款已缴纳"), metadata=self.officer, timeout=10)
        closed = self.cases.CloseCase(self.act(case.id), metadata=self.officer, timeout=10)
        self.assertEqual(closed.state, cases_pb.CASE_STATE_CLOSED)

        explained = self.cases.ExplainDeadline(cases_pb.ExplainDeadlineRequest(
            case_id=case.id, clock=cases_pb.CLOCK_KIND_PUBLICITY), metadata=self.officer, timeout=10)
        self.assertEqual(explained.period_count, 7)
        self.assertEqual(explained.state, cases_pb.CLOCK_STATE_MET)
        self.assertTrue(explained.on_time)
        self.assertIn("118", explained.legal_basis)

        record = self.cases.GetCaseRecord(cases_pb.GetCaseRecordRequest(case_id=case.id),
                                          metadata=self.officer, timeout=10)
        prev = "0" * 64
        for e in record.entries:
            self.assertEqual(e.prev_hash, prev)
            self.assertEqual(entry_hash(case.id, e), e.hash, "entry %d" % e.sequence)
            prev = e.hash
        self.assertEqual(record.head.hash, prev)
        self.assertEqual(record.head.length, len(record.entries))
        verdict = self.cases.VerifyCaseRecord(cases_pb.VerifyCaseRecordRequest(
            case_id=case.id, expected_head=record.head), metadata=self.officer, timeout=10)
        self.assertTrue(verdict.intact, verdict.problem)
        for e in record.entries:
            self.assertNotIn(harness.unique_id_number(9001), e.summary)

        page = self.cases.ListCases(cases_pb.ListCasesRequest(
            division_code="640100", officer_id=o1, state=cases_pb.CASE_STATE_CLOSED),
            metadata=harness.auth(harness.mint_token(roles=["supervisor"], division="640100")),
            timeout=10)
        self.assertEqual([c.id for c in page.cases], [case.id])


if __name__ == "__main__":
    unittest.main()
