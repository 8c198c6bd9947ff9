"""Ingestion from departmental systems (task 36) through case-service's real
binary with the personnel-service it asks (Redis, service tokens), with a
grpcio client and the real clock (docs/api/cases.md "Ingestion").

A batch of cases from a departmental case system imported twice: CREATED,
then UNCHANGED with nothing written; the record with a new act UPDATED onto
the same case, whose full-process record still verifies and says where
each entry came from; a record with a bad identity-card number its own
result naming `case.parties[0].id_number` without echoing the number; an
act of an officer revoked before it refused with the record left out
whole; validate_only writing nothing; another county's system refused the
whole call; visits imported twice, the second UNCHANGED, a changed one
FAILED_PRECONDITION. Everything imported happened after the officers were
certified (eligibility at a moment counts only what was recorded by
then), so the records' moments lie in the seconds before each call."""

import datetime
import time
import unittest

import harness
from harness import grpc
from test_inspections import CaseCalls, credit_code

cases_pb, cases_grpc = harness.modules("case")
pb = harness.pb

CST = datetime.timezone(datetime.timedelta(hours=8))
SOURCE = "nx-amr-cms"


def ts(dt):
    return harness.timestamp_pb2.Timestamp(seconds=int(dt.timestamp()),
                                           nanos=dt.microsecond * 1000)


class ImportTest(CaseCalls, unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stack = harness.Stack.started(["personnel", "case"])
        cls.admin = harness.mint_token()  # supervisor, agency_admin, system at 640000
        cls.system = harness.mint_token(roles=["system"], division="640104", subject="amr-sync")
        cls.personnel = cls.stack.stub("personnel")
        cls.cases = cls.stack.stub("case")
        cls.scene = cls.make_scene()

    @classmethod
    def tearDownClass(cls):
        cls.stack.cleanup()

    n = 0

    @classmethod
    def next_n(cls):
        ImportTest.n += 1
        return ImportTest.n

    @classmethod
    def make_scene(cls):
        call = lambda m, r: getattr(cls.personnel, m)(r, metadata=harness.auth(cls.admin),
                                                       timeout=10 * harness.SLOW_FACTOR)
        agency = call("CreateAgency", pb.CreateAgencyRequest(agency=pb.Agency(
            name="兴庆区市场监督管理局（导入）", division_code="640104",
            domains=["food_safety"])))
        officers = []
        for i in range(3):
            n = cls.next_n()
            officer = call("CreateOfficer", pb.CreateOfficerRequest(officer=pb.Officer(
                agency_id=agency.id, name="执法员%d" % n,
                id_number=harness.unique_id_number(9600 + n), roles=[pb.OFFICER_ROLE_OFFICER])))
            cert = call("IssueCertificate", pb.IssueCertificateRequest(certificate=pb.Certificate(
                officer_id=officer.id, number="NX-DR-%d" % n,
                kind=pb.CERTIFICATE_KIND_ENFORCEMENT, domains=["food_safety"],
                valid_from=harness.date(2020, 1, 1), valid_until=harness.date(2029, 12, 31))))
            officers.append((officer.id, cert.id))
        items = {}
        for kind, code in ((cases_pb.ITEM_KIND_PENALTY, "CF-001"),
                           (cases_pb.ITEM_KIND_INSPECTION, "JC-001")):
            items[kind] = getattr(cls.cases, "CreateItem")(cases_pb.CreateItemRequest(
                item=cases_pb.EnforcementItem(
                    agency_id=agency.id, code=code, name="销售过期食品" if code == "CF-001"
                    else "食品经营日常监督检查", kind=kind,
                    legal_basis="《中华人民共和国食品安全法》第一百二十四条", domain="food_safety",
                    effective_from=ts(datetime.datetime(2020, 1, 1, tzinfo=CST)))),
                metadata=harness.auth(cls.admin), timeout=10 * harness.SLOW_FACTOR).id
        return {"agency": agency.id, "officers": officers,
                "penalty": items[cases_pb.ITEM_KIND_PENALTY],
                "inspection": items[cases_pb.ITEM_KIND_INSPECTION]}

    # ------------------------------------------------------------ records

    def moments(self, count):
        """`count` moments, in order, after everything made so far and
        before now."""
        start = datetime.datetime.now(CST)
        time.sleep(0.2 * (count + 1))
        return [start + datetime.timedelta(seconds=0.2 * (i + 1)) for i in range(count)]

    def record(self, source_id, at, acts=(), officers=None, id_number=None):
        """An ImportedCase filed at at[0], its acts at at[1:]."""
        o = officers or [self.scene["officers"][0][0], self.scene["officers"][1][0]]
        case = cases_pb.Case(
            agency_id=self.scene["agency"], item_id=self.scene["penalty"],
            parties=[cases_pb.Party(kind=cases_pb.PARTY_KIND_INDIVIDUAL, name="王五",
                                    id_number=id_number or harness.unique_id_number(9700))],
            facts="在兴庆区某市场销售超过保质期的食品（部门系统案卷）",
            violation_time=ts(at[0] - datetime.timedelta(days=3)),
            officer_ids=o, file_time=ts(at[0]))
        out = cases_pb.ImportedCase(source_id=source_id, case=case)
        for kind, t in zip(acts, at[1:]):
            act = cases_pb.ImportedAct(act_time=ts(t))
            if kind == "start":
                act.start_investigation.SetInParent()
            elif kind == "evidence":
                act.record_evidence.evidence.add(sha256="e" * 64, kind="photo",
                                                 description="现场照片")
            elif kind == "notify":
                act.notify_party.hearing_waived = True
            out.acts.append(act)
        return out

    def import_cases(self, records, token=None, validate_only=False):
        return self.call("ImportCases", cases_pb.ImportCasesRequest(
            source_system=SOURCE, cases=records, validate_only=validate_only),
            token or self.system)

    # ------------------------------------------------------------ tests

    def test_the_same_batch_twice_changes_nothing_and_a_new_act_converges(self):
        at = self.moments(4)
        n = self.next_n()
        batch = [self.record("AJ-%d-1" % n, at, ["start", "evidence"]),
                 self.record("AJ-%d-2" % n, at[:1])]
        first = self.import_cases(batch)
        self.assertEqual((first.created, first.updated, first.unchanged, first.failed),
                         (2, 0, 0, 0), first)
        self.assertEqual([r.index for r in first.results], [0, 1])
        self.assertEqual(first.results[0].acts_applied, 2)
        case_id = first.results[0].resource_id
        case = self.call("GetCase", cases_pb.GetCaseRequest(id=case_id))
        self.assertEqual(case.state, cases_pb.CASE_STATE_INVESTIGATING)
        self.assertEqual((case.source.source_system, case.source.source_id),
                         (SOURCE, "AJ-%d-1" % n))
        self.assertEqual(case.file_time, ts(at[0]))
        self.assertEqual(case.parties[0].id_number, "")

        again = self.import_cases(batch)
        self.assertEqual((again.created, again.unchanged), (0, 2), again)
        self.assertEqual(again.results[0].resource_id, case_id)
        self.assertEqual(self.call("GetCase", cases_pb.GetCaseRequest(id=case_id)).etag,
                         case.etag)

        # The source's case moved on: only the new act is applied.
        moved = self.record("AJ-%d-1" % n, at, ["start", "evidence", "notify"])
        later = self.import_cases([moved])
        self.assertEqual((later.updated, later.results[0].acts_applied), (1, 1), later)
        self.assertEqual(later.results[0].resource_id, case_id)
        record = self.call("GetCaseRecord", cases_pb.GetCaseRecordRequest(case_id=case_id))
        self.assertEqual([e.action for e in record.entries],
                         ["file", "start_investigation", "record_evidence", "notify_party"])
        for e in record.entries:
            self.assertIn("imported from %s/AJ-%d-1" % (SOURCE, n), e.summary)
        self.assertEqual(record.entries[3].time, ts(at[3]))
        verified = self.call("VerifyCaseRecord", cases_pb.VerifyCaseRecordRequest(case_id=case_id))
        self.assertTrue(verified.intact, verified)

    def test_a_bad_record_is_its_own_result_and_the_rest_are_imported(self):
        at = self.moments(2)
        n = self.next_n()
        bad_number = harness.unique_id_number(9800)[:-1] + "X"
        if bad_number == harness.unique_id_number(9800):
            bad_number = bad_number[:-1] + "0"
        out = self.import_cases([self.record("AJ-%d-1" % n, at[:1], id_number=bad_number),
                                 self.record("AJ-%d-2" % n, at, ["start"])])
        self.assertEqual((out.created, out.failed), (1, 1), out)
        bad = out.results[0]
        self.assertEqual((bad.outcome, bad.error_code, bad.error_field),
                         (cases_pb.IMPORT_OUTCOME_FAILED, "INVALID_ARGUMENT",
                          "case.parties[0].id_number"))
        self.assertNotIn(bad_number, bad.error_message)
        self.assertEqual(bad.resource_id, "")
        self.assertEqual(out.results[1].outcome, cases_pb.IMPORT_OUTCOME_CREATED)

    def test_an_officer_revoked_before_an_act_leaves_the_record_out_whole(self):
        o1, c1 = self.scene["officers"][2]
        o2 = self.scene["officers"][0][0]
        at = self.moments(3)
        self.personnel_call("RevokeCertificate", pb.TransitionCertificateRequest(
            id=c1, reason="执法资格复核不合格", effective_time=ts(at[1] +
                                                                   datetime.timedelta(
                                                                       milliseconds=50))))
        n = self.next_n()
        out = self.import_cases([self.record("AJ-%d-1" % n, at, ["start", "evidence"],
                                             officers=[o1, o2])])
        result = out.results[0]
        self.assertEqual(result.error_code, "FAILED_PRECONDITION", out)
        self.assertIn("acts[1].record_evidence", result.error_message)
        self.assertIn("REVOKED", result.error_message)
        listed = self.call("ListCases", cases_pb.ListCasesRequest(
            division_code="640104", officer_id=o1))
        self.assertEqual(len(listed.cases), 0, "nothing of the record was written")

    def test_validate_only_writes_nothing(self):
        at = self.moments(2)
        n = self.next_n()
        out = self.import_cases([self.record("AJ-%d-1" % n, at, ["start"])], validate_only=True)
        self.assertEqual((out.created, out.results[0].resource_id), (1, ""), out)
        real = self.import_cases([self.record("AJ-%d-1" % n, at, ["start"])])
        self.assertEqual(real.results[0].outcome, cases_pb.IMPORT_OUTCOME_CREATED, real)

    def test_another_countys_system_is_refused_the_whole_call(self):
        at = self.moments(1)
        jinfeng = harness.mint_token(roles=["system"], division="640106")
        err = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ImportCases",
                             cases_pb.ImportCasesRequest(source_system=SOURCE, cases=[
                                 self.record("AJ-X", at)]), jinfeng)
        self.assertIn("cases[0]", err.details())
        self.field_error("source_system", "ImportCases", cases_pb.ImportCasesRequest(
            source_system="NX CMS", cases=[self.record("AJ-Y", at)]), self.system)

    def test_every_answer_names_its_request_id_in_the_trailers(self):
        at = self.moments(1)
        request = cases_pb.ImportCasesRequest(source_system=SOURCE, cases=[
            self.record("AJ-R-%d" % self.next_n(), at)], validate_only=True)
        metadata = harness.auth(self.system) + (("x-request-id", "sync-2025-05-22-01"),)
        _, call = self.cases.ImportCases.with_call(request, metadata=metadata,
                                                   timeout=10 * harness.SLOW_FACTOR)
        self.assertIn(("x-request-id", "sync-2025-05-22-01"), tuple(call.trailing_metadata()))
        with self.assertRaises(grpc.RpcError) as ctx:
            self.cases.ImportCases(cases_pb.ImportCasesRequest(source_system="NX"),
                                   metadata=harness.auth(self.system),
                                   timeout=10 * harness.SLOW_FACTOR)
        generated = dict(ctx.exception.trailing_metadata()).get("x-request-id", "")
        self.assertRegex(generated, "^[0-9a-f]{16}$")

    def test_a_stale_etag_and_a_refused_act_carry_error_info(self):
        at = self.moments(1)
        out = self.import_cases([self.record("AJ-E-%d" % self.next_n(), at)])
        case_id = out.results[0].resource_id
        case = self.call("GetCase", cases_pb.GetCaseRequest(id=case_id))
        self.call("StartInvestigation", cases_pb.CaseActRequest(case_id=case_id, etag=case.etag))
        err = self.rpc_error(grpc.StatusCode.ABORTED, "RecordEvidence",
                             cases_pb.RecordEvidenceRequest(act=cases_pb.CaseActRequest(
                                 case_id=case_id, etag=case.etag), evidence=[
                                     cases_pb.EvidenceRef(sha256="a" * 64, kind="photo",
                                                          description="现场照片")]))
        info = harness.details_of(err, harness.error_details_pb2.ErrorInfo)
        self.assertEqual([(i.reason, i.domain, i.metadata["subject"]) for i in info],
                         [("STALE_ETAG", "lawenforce.nx.gov.cn", "etag")])
        # Publishing before a decision: a rule, with its PreconditionFailure.
        err = self.rpc_error(grpc.StatusCode.FAILED_PRECONDITION, "PublishDecision",
                             cases_pb.CaseActRequest(case_id=case_id))
        info = harness.details_of(err, harness.error_details_pb2.ErrorInfo)
        self.assertEqual([i.reason for i in info], ["PRECONDITION_FAILED"], err.details())
        failures = harness.details_of(err, harness.error_details_pb2.PreconditionFailure)
        self.assertEqual(len(failures), 1)
        self.assertEqual(failures[0].violations[0].type, "RULE")

    def test_visits_imported_twice_are_unchanged_and_a_changed_one_refused(self):
        at = self.moments(2)
        o1, o2 = self.scene["officers"][0][0], self.scene["officers"][1][0]
        n = self.next_n()

        def visit(source_id, t, summary=""):
            return cases_pb.ImportedVisit(source_id=source_id, visit=cases_pb.InspectionVisit(
                enterprise=cases_pb.Enterprise(credit_code=credit_code(700000 + n),
                                               name="兴庆区某食品店"),
                parts=[cases_pb.VisitPart(agency_id=self.scene["agency"],
                                          item_id=self.scene["inspection"])],
                officer_ids=[o1, o2], basis=cases_pb.VISIT_BASIS_PLAN, basis_ref="2025-JC-01",
                summary=summary, visit_time=ts(t)))

        batch = [visit("JC-%d-1" % n, at[0]), visit("JC-%d-2" % n, at[1])]
        request = cases_pb.ImportInspectionsRequest(source_system="nx-amr-inspect", visits=batch)
        first = self.call("ImportInspections", request, self.system)
        self.assertEqual((first.created, first.failed), (2, 0), first)
        again = self.call("ImportInspections", request, self.system)
        self.assertEqual((again.created, again.unchanged), (0, 2), again)
        changed = cases_pb.ImportInspectionsRequest(
            source_system="nx-amr-inspect", visits=[visit("JC-%d-1" % n, at[0], "补录")])
        refused = self.call("ImportInspections", changed, self.system)
        self.assertEqual(refused.results[0].error_code, "FAILED_PRECONDITION", refused)
        history = self.call("GetEnterpriseInspectionHistory",
                            cases_pb.GetEnterpriseInspectionHistoryRequest(
                                credit_code=credit_code(700000 + n), division_code="640104"))
        self.assertEqual(len(history.visits), 2)
        for v in history.visits:
            self.assertEqual(v.source.source_system, "nx-amr-inspect")
            self.assertGreater(v.record_time.seconds * 10**9 + v.record_time.nanos,
                               v.visit_time.seconds * 10**9 + v.visit_time.nanos)


if __name__ == "__main__":
    unittest.main()
