"""Random inspections (双随机、一公开) through case-service's real binary with
the personnel-service it asks (Redis, service tokens), with a grpcio client:
a county agency of Yinchuan with an ITEM_KIND_INSPECTION item, officers
holding food_safety enforcement certificates (one revoked), a plan for the
current year (CST); a draw whose targets and teams are recomputed here with
hashlib alone from the seed and the candidate lists the draw publishes
(docs/api/cases.md "Random inspections"), the revoked officer excluded with
personnel-service's reason; a caller's seed giving the same draw twice; a
result recorded once per target, with etags; another city's supervisor
denied; INVALID_ARGUMENT naming the field of a bad plan, seed, outcome or
credit code."""

import datetime
import hashlib
import unittest
import uuid

import harness
from harness import grpc

cases_pb, cases_grpc = harness.modules("case")
pb = harness.pb

CST = datetime.timezone(datetime.timedelta(hours=8))
ALGORITHM = "sha256-rank-v1"

# GB 32100 unified social credit codes.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_check(first17):
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code(n, area="640104"):
    """The n-th of a family of distinct valid codes: 9 (market regulation
    registration), 1 (enterprise), the area, "MA" and 7 characters of n
    in base 31 (the code's own alphabet), the check character."""
    digits = ""
    for _ in range(7):
        n, r = divmod(n, 31)
        digits = CREDIT_ALPHABET[r] + digits
    first17 = "91" + area + "MA" + digits
    assert len(first17) == 17, first17
    return first17 + credit_check(first17)


def key(seed, x):
    return hashlib.sha256(("%s:%s" % (seed, x)).encode("utf-8")).hexdigest()


def first(seed, ids, n, prefix=""):
    """sha256-rank-v1, recomputed independently: the n ids whose key, the
    lower-case hex SHA-256 of "<seed>:<prefix><id>", sorts first (ties by
    id), in that order."""
    return sorted(ids, key=lambda x: (key(seed, prefix + x), x))[:n]


def rerun(seed, enterprise_candidates, inspector_candidates, targets_per_draw,
          inspectors_per_target):
    """[(credit code, [officer id...])...] of a draw, from what it publishes."""
    return [(t, first(seed, inspector_candidates, inspectors_per_target, t + ":"))
            for t in first(seed, enterprise_candidates, targets_per_draw)]


def ts(dt):
    return harness.timestamp_pb2.Timestamp(seconds=int(dt.timestamp()))


def this_year():
    """[1 January, next 1 January) of the current year, China Standard Time."""
    year = datetime.datetime.now(CST).year
    return (datetime.datetime(year, 1, 1, tzinfo=CST),
            datetime.datetime(year + 1, 1, 1, tzinfo=CST))


class CaseCalls:
    """Calls of case-service (`self.cases`) and personnel-service
    (`self.personnel`) as `self.admin` unless told, and their errors; for
    unittest.TestCase classes (test_visits.py shares it)."""

    def call(self, method, request, token=None):
        return getattr(self.cases, method)(request, metadata=harness.auth(token or self.admin),
                                           timeout=10 * harness.SLOW_FACTOR)

    def personnel_call(self, method, request):
        return getattr(self.personnel, method)(request, metadata=harness.auth(self.admin),
                                               timeout=10 * harness.SLOW_FACTOR)

    def rpc_error(self, code, method, request, token=None):
        with self.assertRaises(grpc.RpcError) as ctx:
            self.call(method, request, token)
        self.assertEqual(ctx.exception.code(), code, ctx.exception.details())
        return ctx.exception

    def field_error(self, field, method, request, token=None):
        """INVALID_ARGUMENT whose BadRequest names `field`; the details."""
        err = self.rpc_error(grpc.StatusCode.INVALID_ARGUMENT, method, request, token)
        _, bad = harness.bad_request_of(err)
        self.assertTrue(bad, "no BadRequest detail: %s" % err.details())
        self.assertEqual(bad[0].field_violations[0].field, field, err.details())
        return err.details()


class InspectionTest(CaseCalls, unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stack = harness.Stack.started(["personnel", "case"])
        cls.admin = harness.mint_token()  # supervisor, agency_admin, system at 640000
        cls.officer = harness.mint_token(roles=["officer"], division="640104",
                                         subject="inspector-wang")
        cls.personnel = cls.stack.stub("personnel")
        cls.cases = cls.stack.stub("case")

    @classmethod
    def tearDownClass(cls):
        cls.stack.cleanup()

    # ------------------------------------------------------------ the scene

    counter = 0

    @classmethod
    def next_n(cls):
        InspectionTest.counter += 1
        return InspectionTest.counter

    def agency(self, division="640104"):
        # Agency names are unique per division.
        return self.personnel_call("CreateAgency", pb.CreateAgencyRequest(agency=pb.Agency(
            name="兴庆区市场监督管理局（%d）" % self.next_n(), division_code=division,
            domains=["food_safety"])))

    def item(self, agency_id, kind=cases_pb.ITEM_KIND_INSPECTION):
        return self.call("CreateItem", cases_pb.CreateItemRequest(item=cases_pb.EnforcementItem(
            agency_id=agency_id, code="SCJG-JC-%03d" % self.next_n(),
            name="食品生产经营日常监督检查", kind=kind,
            legal_basis="《中华人民共和国食品安全法》第一百一十条", domain="food_safety",
            effective_from=ts(datetime.datetime(2020, 1, 1, tzinfo=CST)))))

    def certified_officer(self, agency_id):
        """(officer id, certificate id): an active food_safety enforcement
        certificate valid 2020..2029."""
        n = self.next_n()
        officer = self.personnel_call("CreateOfficer", pb.CreateOfficerRequest(officer=pb.Officer(
            agency_id=agency_id, name="检查员%d" % n, id_number=harness.unique_id_number(6300 + n),
            roles=[pb.OFFICER_ROLE_OFFICER])))
        cert = self.personnel_call("IssueCertificate", pb.IssueCertificateRequest(
            certificate=pb.Certificate(
                officer_id=officer.id, number="NX-JC-%d" % n,
                kind=pb.CERTIFICATE_KIND_ENFORCEMENT, domains=["food_safety"],
                valid_from=harness.date(2020, 1, 1), valid_until=harness.date(2029, 12, 31))))
        self.assertEqual(cert.state, pb.CERTIFICATE_STATE_ACTIVE)
        return officer.id, cert.id

    def enterprises(self, count):
        return [cases_pb.Enterprise(credit_code=credit_code(self.next_n() * 1000 + i),
                                    name="银川市兴庆区食品经营户%d" % i) for i in range(count)]

    def plan_draft(self, agency_id, item_id, officers, enterprises, targets=3, per_target=2,
                   period=None):
        start, end = period or this_year()
        return cases_pb.InspectionPlan(
            agency_id=agency_id, item_id=item_id, name="%d年度食品经营双随机抽查" % start.year,
            period_start=ts(start), period_end=ts(end), enterprises=enterprises,
            inspector_ids=officers, targets_per_draw=targets, inspectors_per_target=per_target)

    def scene(self, officers=4, enterprises=10, targets=3, per_target=2):
        """A plan of a fresh agency of Xingqing district for this year; (plan,
        officer ids)."""
        agency = self.agency()
        item = self.item(agency.id)
        ids = [self.certified_officer(agency.id)[0] for _ in range(officers)]
        plan = self.call("CreateInspectionPlan", cases_pb.CreateInspectionPlanRequest(
            plan=self.plan_draft(agency.id, item.id, ids, self.enterprises(enterprises),
                                 targets, per_target)))
        return plan, ids

    def assert_reproduced(self, draw, plan):
        """The draw's targets and teams are what hashlib makes of its seed and
        candidate lists, and the targets carry the plan's names."""
        self.assertEqual(draw.algorithm, ALGORITHM)
        expected = rerun(draw.seed, list(draw.enterprise_candidates),
                         list(draw.inspector_candidates), plan.targets_per_draw,
                         plan.inspectors_per_target)
        got = [(t.enterprise.credit_code, list(t.inspector_ids)) for t in draw.targets]
        self.assertEqual(got, expected)
        names = {e.credit_code: e.name for e in plan.enterprises}
        for t in draw.targets:
            self.assertEqual(t.enterprise.name, names[t.enterprise.credit_code])
            self.assertFalse(t.HasField("result"))

    # ------------------------------------------------------------ tests

    def test_a_draw_is_reproduced_with_hashlib_alone(self):
        agency = self.agency("640104")
        item = self.item(agency.id)
        pool = [self.certified_officer(agency.id) for _ in range(5)]
        officers = [o for o, _ in pool]
        revoked_officer, revoked_cert = pool[2]
        cert = self.personnel_call("RevokeCertificate", pb.TransitionCertificateRequest(
            id=revoked_cert, reason="违法行使职权，收回执法证"))
        self.assertEqual(cert.state, pb.CERTIFICATE_STATE_REVOKED)
        enterprises = self.enterprises(12)
        # A code in lower case is stored upper-case.
        enterprises[5].credit_code = enterprises[5].credit_code.lower()
        codes = [e.credit_code.upper() for e in enterprises]

        plan = self.call("CreateInspectionPlan", cases_pb.CreateInspectionPlanRequest(
            plan=self.plan_draft(agency.id, item.id, officers, enterprises, targets=4,
                                 per_target=2),
            request_id="bb-plan-" + uuid.uuid4().hex))
        self.assertEqual(plan.agency_id, agency.id)
        self.assertEqual(plan.division_code, "640104")
        self.assertEqual(plan.item_id, item.id)
        self.assertEqual(plan.domain, "food_safety")
        self.assertEqual([e.credit_code for e in plan.enterprises], codes)
        self.assertEqual(list(plan.inspector_ids), officers)
        self.assertEqual((plan.enterprise_count, plan.inspector_count), (12, 5))
        self.assertEqual((plan.targets_per_draw, plan.inspectors_per_target), (4, 2))
        self.assertEqual(plan.created_by, "blackbox")
        start, end = this_year()
        self.assertEqual((plan.period_start.seconds, plan.period_end.seconds),
                         (int(start.timestamp()), int(end.timestamp())))
        got = self.call("GetInspectionPlan", cases_pb.GetInspectionPlanRequest(id=plan.id),
                        self.officer)
        self.assertEqual(got, plan)
        listed = self.call("ListInspectionPlans", cases_pb.ListInspectionPlansRequest(
            division_code="640104", agency_id=agency.id), self.officer)
        self.assertEqual([p.id for p in listed.plans], [plan.id])
        self.assertEqual(len(listed.plans[0].enterprises), 0, "lists carry counts only")
        self.assertEqual(listed.plans[0].enterprise_count, 12)

        request_id = "bb-draw-" + uuid.uuid4().hex
        draw = self.call("DrawInspection", cases_pb.DrawInspectionRequest(
            plan_id=plan.id, request_id=request_id))
        self.assertRegex(draw.seed, r"^[0-9a-f]{32}$")
        self.assertFalse(draw.seed_chosen)
        self.assertEqual((draw.plan_id, draw.agency_id, draw.division_code, draw.item_id,
                          draw.domain), (plan.id, agency.id, "640104", item.id, "food_safety"))
        self.assertEqual(draw.drawn_by, "blackbox")
        # What was ranked, known here independently of the draw.
        self.assertEqual(list(draw.enterprise_candidates), sorted(codes))
        eligible = sorted(o for o in officers if o != revoked_officer)
        self.assertEqual(list(draw.inspector_candidates), eligible)
        self.assertEqual([(x.officer_id, x.reason) for x in draw.inspectors_excluded],
                         [(revoked_officer, "REVOKED")])
        # The draw itself, re-run from the seed with hashlib alone.
        expected = rerun(draw.seed, sorted(codes), eligible, 4, 2)
        self.assertEqual([(t.enterprise.credit_code, list(t.inspector_ids)) for t in draw.targets],
                         expected)
        self.assert_reproduced(draw, plan)
        for t in draw.targets:
            self.assertEqual(len(set(t.inspector_ids)), 2)
            self.assertNotIn(revoked_officer, t.inspector_ids)

        # A replay of the request returns the stored draw.
        again = self.call("DrawInspection", cases_pb.DrawInspectionRequest(
            plan_id=plan.id, request_id=request_id))
        self.assertEqual(again, draw)
        # Read back by an officer of the county; listed without the candidates.
        read = self.call("GetInspectionDraw", cases_pb.GetInspectionDrawRequest(id=draw.id),
                         self.officer)
        self.assertEqual(read, draw)
        page = self.call("ListInspectionDraws", cases_pb.ListInspectionDrawsRequest(
            plan_id=plan.id), self.officer)
        self.assertEqual([d.id for d in page.draws], [draw.id])
        self.assertEqual(len(page.draws[0].enterprise_candidates), 0)
        self.assertEqual(len(page.draws[0].inspector_candidates), 0)
        self.assertEqual(page.draws[0].seed, draw.seed)
        self.assertEqual(len(page.draws[0].targets), 4)

        # Shizuishan's supervisor sees neither the draw nor the plan.
        shizuishan = harness.mint_token(roles=["supervisor"], division="640200")
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetInspectionDraw",
                       cases_pb.GetInspectionDrawRequest(id=draw.id), shizuishan)
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetInspectionPlan",
                       cases_pb.GetInspectionPlanRequest(id=plan.id), shizuishan)
        # Yinchuan's supervisor reads it.
        yinchuan = harness.mint_token(roles=["supervisor"], division="640100")
        self.assertEqual(self.call("GetInspectionDraw",
                                   cases_pb.GetInspectionDrawRequest(id=draw.id), yinchuan).id,
                         draw.id)

    def test_a_chosen_seed_gives_the_same_draw_twice(self):
        plan, _ = self.scene(officers=4, enterprises=10, targets=3, per_target=2)
        seed = "5eed" * 8
        one = self.call("DrawInspection", cases_pb.DrawInspectionRequest(plan_id=plan.id,
                                                                          seed=seed))
        two = self.call("DrawInspection", cases_pb.DrawInspectionRequest(plan_id=plan.id,
                                                                          seed=seed))
        self.assertNotEqual(one.id, two.id, "two draws, not a replay")
        for d in (one, two):
            self.assertEqual(d.seed, seed)
            self.assertTrue(d.seed_chosen)
            self.assert_reproduced(d, plan)
        self.assertEqual([(t.enterprise.credit_code, list(t.inspector_ids)) for t in one.targets],
                         [(t.enterprise.credit_code, list(t.inspector_ids)) for t in two.targets])
        # Another seed: its own draw, as reproducible.
        other = self.call("DrawInspection", cases_pb.DrawInspectionRequest(
            plan_id=plan.id, seed="0123456789abcdef" * 2))
        self.assertEqual(other.seed, "0123456789abcdef" * 2)
        self.assert_reproduced(other, plan)
        page = self.call("ListInspectionDraws", cases_pb.ListInspectionDrawsRequest(
            plan_id=plan.id))
        self.assertEqual(sorted(d.id for d in page.draws), sorted([one.id, two.id, other.id]))

        for bad in ("5EED" * 8, "5eed" * 7 + "5ee", "5eed" * 8 + "0", "g" * 32, "5eed-" * 6 + "5e"):
            details = self.field_error("seed", "DrawInspection",
                                       cases_pb.DrawInspectionRequest(plan_id=plan.id, seed=bad))
            self.assertTrue(details.startswith("seed:"), details)

    def test_a_result_is_recorded_once_per_target(self):
        plan, _ = self.scene(officers=3, enterprises=6, targets=3, per_target=2)
        draw = self.call("DrawInspection", cases_pb.DrawInspectionRequest(plan_id=plan.id))
        first_code = draw.targets[0].enterprise.credit_code
        second_code = draw.targets[1].enterprise.credit_code

        recorded = self.call("RecordInspectionResult", cases_pb.RecordInspectionResultRequest(
            draw_id=draw.id, credit_code=first_code, outcome=cases_pb.INSPECTION_OUTCOME_NO_ISSUE,
            summary="现场检查：证照齐全，\n进货查验记录完整", etag=draw.etag), self.officer)
        self.assertNotEqual(recorded.etag, draw.etag)
        result = recorded.targets[0].result
        self.assertEqual(result.outcome, cases_pb.INSPECTION_OUTCOME_NO_ISSUE)
        self.assertEqual(result.summary, "现场检查：证照齐全，\n进货查验记录完整")
        self.assertEqual(result.recorded_by, "inspector-wang")
        self.assertTrue(result.HasField("record_time"))
        self.assertFalse(recorded.targets[1].HasField("result"))
        # Nothing else of the draw changed.
        self.assertEqual([(t.enterprise.credit_code, list(t.inspector_ids))
                          for t in recorded.targets],
                         [(t.enterprise.credit_code, list(t.inspector_ids)) for t in draw.targets])
        self.assertEqual(recorded.seed, draw.seed)

        # Once: again with the current etag, or without one.
        for etag in (recorded.etag, ""):
            err = self.rpc_error(grpc.StatusCode.FAILED_PRECONDITION, "RecordInspectionResult",
                                 cases_pb.RecordInspectionResultRequest(
                                     draw_id=draw.id, credit_code=first_code,
                                     outcome=cases_pb.INSPECTION_OUTCOME_FINDING,
                                     summary="再次检查", etag=etag), self.officer)
            self.assertIn("already recorded", err.details())
        # The etag read before the first result is stale.
        err = self.rpc_error(grpc.StatusCode.ABORTED, "RecordInspectionResult",
                             cases_pb.RecordInspectionResultRequest(
                                 draw_id=draw.id, credit_code=second_code,
                                 outcome=cases_pb.INSPECTION_OUTCOME_FINDING,
                                 summary="发现过期食品", etag=draw.etag), self.officer)
        self.assertTrue(err.details().startswith("etag:"), err.details())
        # The second target, its code in lower case, with the current etag.
        second = self.call("RecordInspectionResult", cases_pb.RecordInspectionResultRequest(
            draw_id=draw.id, credit_code=second_code.lower(),
            outcome=cases_pb.INSPECTION_OUTCOME_FINDING, summary="发现过期食品",
            etag=recorded.etag), self.officer)
        self.assertEqual(second.targets[1].result.outcome, cases_pb.INSPECTION_OUTCOME_FINDING)
        self.assertEqual(second.targets[0].result, result)
        read = self.call("GetInspectionDraw", cases_pb.GetInspectionDrawRequest(id=draw.id))
        self.assertEqual(read, second)

        # Field errors.
        third_code = draw.targets[2].enterprise.credit_code
        not_drawn = [c for c in draw.enterprise_candidates
                     if c not in {t.enterprise.credit_code for t in draw.targets}][0]

        def record(**fields):
            values = dict(draw_id=draw.id, credit_code=third_code,
                          outcome=cases_pb.INSPECTION_OUTCOME_NOT_INSPECTED, summary="经营场所已关闭")
            values.update(fields)
            return cases_pb.RecordInspectionResultRequest(**values)

        self.field_error("outcome", "RecordInspectionResult",
                         record(outcome=cases_pb.INSPECTION_OUTCOME_UNSPECIFIED), self.officer)
        self.field_error("outcome", "RecordInspectionResult", record(outcome=9), self.officer)
        self.field_error("credit_code", "RecordInspectionResult",
                         record(credit_code=third_code[:-1] + ("0" if third_code[-1] != "0"
                                                               else "1")), self.officer)
        self.field_error("credit_code", "RecordInspectionResult", record(credit_code=not_drawn),
                         self.officer)
        self.field_error("summary", "RecordInspectionResult", record(summary=""), self.officer)
        # The third target is still open.
        done = self.call("RecordInspectionResult", record(), self.officer)
        self.assertEqual(done.targets[2].result.outcome, cases_pb.INSPECTION_OUTCOME_NOT_INSPECTED)
        # Another city's officer may not record.
        shizuishan = harness.mint_token(roles=["officer"], division="640202")
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "RecordInspectionResult", record(),
                       shizuishan)

    def test_a_bad_plan_names_its_field(self):
        agency = self.agency()
        item = self.item(agency.id)
        officers = [self.certified_officer(agency.id)[0] for _ in range(3)]

        def create(**changes):
            enterprises = changes.pop("enterprises", None) or self.enterprises(4)
            draft = self.plan_draft(agency.id, item.id, officers, enterprises)
            for name, value in changes.items():
                if name in ("inspector_ids",):
                    del draft.inspector_ids[:]
                    draft.inspector_ids.extend(value)
                else:
                    setattr(draft, name, value)
            return cases_pb.CreateInspectionPlanRequest(plan=draft)

        # A wrong check character at enterprises[2].
        bad = self.enterprises(4)
        code = bad[2].credit_code
        bad[2].credit_code = code[:-1] + CREDIT_ALPHABET[(CREDIT_ALPHABET.index(code[-1]) + 1) % 31]
        details = self.field_error("plan.enterprises[2].credit_code", "CreateInspectionPlan",
                                   create(enterprises=bad))
        self.assertIn("check character", details)
        # A letter GB 32100 does not use.
        bad = self.enterprises(4)
        bad[1].credit_code = "O" + bad[1].credit_code[1:]
        self.field_error("plan.enterprises[1].credit_code", "CreateInspectionPlan",
                         create(enterprises=bad))
        # The same code twice, once in lower case.
        twice = self.enterprises(4)
        twice[3].credit_code = twice[0].credit_code.lower()
        details = self.field_error("plan.enterprises[3].credit_code", "CreateInspectionPlan",
                                   create(enterprises=twice))
        self.assertIn("repeated", details)
        nameless = self.enterprises(4)
        nameless[1].name = ""
        self.field_error("plan.enterprises[1].name", "CreateInspectionPlan",
                         create(enterprises=nameless))
        # An officer personnel-service does not know.
        details = self.field_error("plan.inspector_ids[1]", "CreateInspectionPlan",
                                   create(inspector_ids=[officers[0], str(uuid.uuid4()),
                                                         officers[1]]))
        self.assertIn("no such officer", details)
        self.field_error("plan.inspector_ids[2]", "CreateInspectionPlan",
                         create(inspector_ids=[officers[0], officers[1], officers[0]]))
        self.field_error("plan.inspector_ids", "CreateInspectionPlan",
                         create(inspector_ids=[officers[0]]))
        self.field_error("plan.inspectors_per_target", "CreateInspectionPlan",
                         create(inspectors_per_target=1))
        self.field_error("plan.inspectors_per_target", "CreateInspectionPlan",
                         create(inspectors_per_target=4))
        self.field_error("plan.targets_per_draw", "CreateInspectionPlan",
                         create(targets_per_draw=0))
        self.field_error("plan.name", "CreateInspectionPlan", create(name=""))
        # A penalty item is not an inspection item.
        penalty = self.item(agency.id, kind=cases_pb.ITEM_KIND_PENALTY)
        details = self.field_error("plan.item_id", "CreateInspectionPlan",
                                   create(item_id=penalty.id))
        self.assertIn("ITEM_KIND_INSPECTION", details)
        # Another agency's inspection item.
        other = self.item(self.agency().id)
        self.field_error("plan.item_id", "CreateInspectionPlan", create(item_id=other.id))
        # Periods: last year is over; more than 366 days; backwards.
        start, end = this_year()
        year = start.year
        last_year = (datetime.datetime(year - 1, 1, 1, tzinfo=CST), start)
        self.field_error("plan.period_end", "CreateInspectionPlan",
                         cases_pb.CreateInspectionPlanRequest(plan=self.plan_draft(
                             agency.id, item.id, officers, self.enterprises(4),
                             period=last_year)))
        self.field_error("plan.period_end", "CreateInspectionPlan",
                         cases_pb.CreateInspectionPlanRequest(plan=self.plan_draft(
                             agency.id, item.id, officers, self.enterprises(4),
                             period=(start, end + datetime.timedelta(days=2)))))
        self.field_error("plan.period_end", "CreateInspectionPlan",
                         cases_pb.CreateInspectionPlanRequest(plan=self.plan_draft(
                             agency.id, item.id, officers, self.enterprises(4),
                             period=(end, start))))
        # Nothing was created.
        listed = self.call("ListInspectionPlans", cases_pb.ListInspectionPlansRequest(
            division_code="640104", agency_id=agency.id))
        self.assertEqual(list(listed.plans), [])

    def test_draws_happen_within_the_period_and_with_enough_eligible_officers(self):
        agency = self.agency()
        item = self.item(agency.id)
        pool = [self.certified_officer(agency.id) for _ in range(3)]
        officers = [o for o, _ in pool]
        # A plan starting tomorrow (CST): no draw yet.
        tomorrow = datetime.datetime.combine(
            datetime.datetime.now(CST).date() + datetime.timedelta(days=1), datetime.time(),
            tzinfo=CST)
        later = self.call("CreateInspectionPlan", cases_pb.CreateInspectionPlanRequest(
            plan=self.plan_draft(agency.id, item.id, officers, self.enterprises(3),
                                 period=(tomorrow, tomorrow + datetime.timedelta(days=30)))))
        err = self.rpc_error(grpc.StatusCode.FAILED_PRECONDITION, "DrawInspection",
                             cases_pb.DrawInspectionRequest(plan_id=later.id))
        self.assertIn("the plan draws within [", err.details())
        # Three officers per target, one of them suspended: two may inspect.
        plan = self.call("CreateInspectionPlan", cases_pb.CreateInspectionPlanRequest(
            plan=self.plan_draft(agency.id, item.id, officers, self.enterprises(3),
                                 per_target=3)))
        self.personnel_call("SuspendCertificate", pb.TransitionCertificateRequest(
            id=pool[0][1], reason="立案调查期间暂扣"))
        err = self.rpc_error(grpc.StatusCode.FAILED_PRECONDITION, "DrawInspection",
                             cases_pb.DrawInspectionRequest(plan_id=plan.id))
        self.assertTrue(err.details().startswith("plan.inspector_ids: 2 of"), err.details())
        page = self.call("ListInspectionDraws", cases_pb.ListInspectionDrawsRequest(
            plan_id=plan.id))
        self.assertEqual(list(page.draws), [])
        # Reinstated: the draw goes ahead, with every officer on each team.
        self.personnel_call("ReinstateCertificate", pb.TransitionCertificateRequest(
            id=pool[0][1], reason="调查结束"))
        draw = self.call("DrawInspection", cases_pb.DrawInspectionRequest(plan_id=plan.id))
        self.assertEqual(list(draw.inspectors_excluded), [])
        self.assert_reproduced(draw, plan)
        for t in draw.targets:
            self.assertEqual(sorted(t.inspector_ids), sorted(officers))

    def test_the_credit_codes_here_are_valid_gb_32100(self):
        # The check character of GB 32100's own example, 91350100M000100Y43.
        self.assertEqual(credit_check("91350100M000100Y4"), "3")
        codes = {credit_code(n) for n in range(200)}
        self.assertEqual(len(codes), 200)
        for c in codes:
            self.assertRegex(c, r"^91640104MA[0-9A-HJ-NP-RTUW-Y]{8}$")


if __name__ == "__main__":
    unittest.main()
