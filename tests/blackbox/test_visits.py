"""Enterprise inspection control (State Council Office 〔2024〕54) through
case-service's real binary with the personnel-service it asks (Redis,
service tokens), with a grpcio client and the real clock. case-service runs
with --inspection-warning-window=6h (the count stays at its default, 3).

Agencies of Xingqing district (640104) and of Jinfeng district (640106)
with ITEM_KIND_INSPECTION items, officers holding food_safety enforcement
certificates: a published cap of 2 refusing the third PLAN visit with
FAILED_PRECONDITION naming `visit.parts[0]` and the cap, the same visit
answering a complaint let through beyond it, a replay by `request_id`
returning the visit recorded; a joint visit of two agencies counting once
for each; the third visit to one enterprise within the window raising one
warning for the city's supervisors (640100), not the county's; a
white-listed enterprise left out of a draw, a visit answering a draw of one
of its targets; a region-level agency's warning for the region's own
supervisors; an enterprise's history within the caller's subtree; the visit
figures of GetCaseStatistics; INVALID_ARGUMENT naming the field of a bad
visit, cap or listing; another county's PERMISSION_DENIED
(docs/api/cases.md "Inspection control")."""

import datetime
import unittest
import uuid

import harness
from harness import grpc
from test_inspections import CREDIT_ALPHABET, CaseCalls, credit_code

cases_pb, cases_grpc = harness.modules("case")
pb = harness.pb

CST = datetime.timezone(datetime.timedelta(hours=8))
WINDOW_HOURS = 6
CAP_BASIS = "银川市兴庆区2025年度涉企行政检查计划"


def ts(dt):
    return harness.timestamp_pb2.Timestamp(seconds=int(dt.timestamp()))


def this_year():
    return datetime.datetime.now(CST).year


def today():
    return datetime.datetime.now(CST).date()


def wrong_check(code):
    """The code with another check character: no longer GB 32100."""
    return code[:-1] + CREDIT_ALPHABET[(CREDIT_ALPHABET.index(code[-1]) + 1) % 31]


class VisitTest(CaseCalls, unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stack = harness.Stack.started(
            ["personnel", "case"],
            extra_args={"case": ["--inspection-warning-window=%dh" % WINDOW_HOURS]})
        cls.admin = harness.mint_token()  # supervisor, agency_admin, system at 640000
        cls.officer = harness.mint_token(roles=["officer"], division="640104",
                                         subject="inspector-ma")
        cls.city = harness.mint_token(roles=["supervisor"], division="640100",
                                      subject="yinchuan-sfj")
        cls.county = harness.mint_token(roles=["supervisor"], division="640104",
                                        subject="xingqing-sfj")
        cls.personnel = cls.stack.stub("personnel")
        cls.cases = cls.stack.stub("case")

    @classmethod
    def tearDownClass(cls):
        cls.stack.cleanup()

    # ------------------------------------------------------------ calls

    def all_pages(self, method, request, field, token=None):
        """Every element of a paged list, following next_page_token."""
        out = []
        while True:
            page = self.call(method, request, token)
            out.extend(getattr(page, field))
            if not page.next_page_token:
                return out
            request.page_token = page.next_page_token

    # ------------------------------------------------------------ the scene

    counter = 0

    @classmethod
    def next_n(cls):
        VisitTest.counter += 1
        return VisitTest.counter

    def agency(self, division="640104", name="兴庆区市场监督管理局"):
        """An agency with an inspection item; (agency id, item id)."""
        n = self.next_n()
        agency = self.personnel_call("CreateAgency", pb.CreateAgencyRequest(agency=pb.Agency(
            name="%s（%d）" % (name, n), division_code=division, domains=["food_safety"])))
        item = self.item(agency.id)
        return agency.id, item.id

    def item(self, agency_id, kind=cases_pb.ITEM_KIND_INSPECTION):
        return self.call("CreateItem", cases_pb.CreateItemRequest(item=cases_pb.EnforcementItem(
            agency_id=agency_id, code="JC-%03d" % self.next_n(), name="食品生产经营日常监督检查",
            kind=kind, legal_basis="《中华人民共和国食品安全法》第一百一十条",
            domain="food_safety", effective_from=ts(datetime.datetime(2020, 1, 1, tzinfo=CST)))))

    def certified_officer(self, agency_id, area="640104"):
        """(officer id, certificate id): an active food_safety enforcement
        certificate valid 2020..2029."""
        n = self.next_n()
        officer = self.personnel_call("CreateOfficer", pb.CreateOfficerRequest(officer=pb.Officer(
            agency_id=agency_id, name="检查员%d" % n,
            id_number=harness.unique_id_number(9100 + n, area),
            roles=[pb.OFFICER_ROLE_OFFICER])))
        cert = self.personnel_call("IssueCertificate", pb.IssueCertificateRequest(
            certificate=pb.Certificate(
                officer_id=officer.id, number="NX-XF-%d" % n,
                kind=pb.CERTIFICATE_KIND_ENFORCEMENT, domains=["food_safety"],
                valid_from=harness.date(2020, 1, 1), valid_until=harness.date(2029, 12, 31))))
        self.assertEqual(cert.state, pb.CERTIFICATE_STATE_ACTIVE)
        return officer.id, cert.id

    def enterprise(self, name="银川市兴庆区某食品厂"):
        return cases_pb.Enterprise(credit_code=credit_code(500000 + self.next_n()), name=name)

    def draft(self, enterprise, parts, officers, basis=cases_pb.VISIT_BASIS_PLAN, ref=None,
              summary=""):
        """A visit of `parts` [(agency id, item id)...] by `officers`."""
        return cases_pb.InspectionVisit(
            enterprise=enterprise,
            parts=[cases_pb.VisitPart(agency_id=a, item_id=i) for a, i in parts],
            officer_ids=officers, basis=basis,
            basis_ref=ref or ("12345-%d" % self.next_n() if basis == cases_pb.VISIT_BASIS_COMPLAINT
                              else "2025-JC-%02d" % self.next_n()),
            summary=summary)

    def visit(self, draft, token=None, request_id=""):
        return self.call("RecordInspectionVisit", cases_pb.RecordInspectionVisitRequest(
            visit=draft, request_id=request_id), token or self.officer)

    def visit_refused(self, code, draft, token=None):
        return self.rpc_error(code, "RecordInspectionVisit",
                              cases_pb.RecordInspectionVisitRequest(visit=draft),
                              token or self.officer)

    def set_cap(self, agency_id, max_visits, year=None):
        return self.call("SetInspectionCap", cases_pb.SetInspectionCapRequest(
            cap=cases_pb.InspectionCap(agency_id=agency_id, year=year or this_year(),
                                       max_visits=max_visits, basis=CAP_BASIS)))

    def statistics(self, **scope):
        day = today()
        request = cases_pb.GetCaseStatisticsRequest(
            start_date=harness.date(day.year, day.month, day.day),
            end_date=harness.date(day.year, day.month, day.day), **scope)
        return self.call("GetCaseStatistics", request, self.city).inspections

    # ------------------------------------------------------------ tests

    def test_a_cap_refuses_the_visit_beyond_it_unless_it_answers_a_complaint(self):
        market, item = self.agency()
        o1, o2 = (self.certified_officer(market)[0] for _ in range(2))
        year = this_year()
        cap = self.set_cap(market, 2)
        self.assertEqual((cap.agency_id, cap.division_code, cap.year, cap.max_visits, cap.basis,
                          cap.set_by), (market, "640104", year, 2, CAP_BASIS, "blackbox"))
        self.assertTrue(cap.HasField("set_time"))
        # A published figure: read by another city's officer; none next year.
        shizuishan = harness.mint_token(roles=["officer"], division="640202")
        got = self.call("GetInspectionCap", cases_pb.GetInspectionCapRequest(
            agency_id=market, year=year), shizuishan)
        self.assertEqual(got, cap)
        err = self.rpc_error(grpc.StatusCode.NOT_FOUND, "GetInspectionCap",
                             cases_pb.GetInspectionCapRequest(agency_id=market, year=year + 1))
        self.assertEqual(err.details(), "inspection cap not found")

        e = self.enterprise()
        request_id = "bb-visit-" + uuid.uuid4().hex
        first_draft = self.draft(e, [(market, item)], [o1, o2], summary="检查进货查验记录")
        first = self.visit(first_draft, request_id=request_id)
        self.assertRegex(first.id, r"^[0-9a-f-]{36}$")
        self.assertEqual(first.enterprise, e)
        self.assertEqual([(p.agency_id, p.item_id, p.division_code) for p in first.parts],
                         [(market, item, "640104")])
        self.assertEqual(list(first.officer_ids), [o1, o2])
        self.assertEqual((first.basis, first.year, first.division_code, first.recorded_by),
                         (cases_pb.VISIT_BASIS_PLAN, year, "640104", "inspector-ma"))
        self.assertEqual(first.summary, "检查进货查验记录")
        self.assertTrue(first.HasField("visit_time"))
        self.assertFalse(first.beyond_cap)
        second = self.visit(self.draft(e, [(market, item)], [o1, o2]))
        self.assertFalse(second.beyond_cap)

        # The third: beyond the cap of 2, and nothing is written.
        err = self.visit_refused(grpc.StatusCode.FAILED_PRECONDITION,
                                 self.draft(e, [(market, item)], [o1, o2]))
        details = err.details()
        self.assertTrue(details.startswith("visit.parts[0]: agency %s" % market), details)
        self.assertIn("has visited %s 2 times in %d" % (e.credit_code, year), details)
        self.assertIn("its cap is 2 (%s)" % CAP_BASIS, details)
        # The same visit answering a complaint goes through, beyond the cap.
        complaint = self.visit(self.draft(e, [(market, item)], [o1, o2],
                                          basis=cases_pb.VISIT_BASIS_COMPLAINT,
                                          ref="12345-2025-000123"))
        self.assertTrue(complaint.beyond_cap)
        self.assertEqual(complaint.basis_ref, "12345-2025-000123")
        # A replay of the first returns it, though the cap is reached now.
        again = self.visit(first_draft, request_id=request_id)
        self.assertEqual(again, first)
        # The key with another visit is refused.
        self.field_error("request_id", "RecordInspectionVisit",
                         cases_pb.RecordInspectionVisitRequest(
                             visit=self.draft(e, [(market, item)], [o1, o2]),
                             request_id=request_id), self.officer)
        # Another enterprise has its own count; a clue may exceed a cap too.
        other = self.enterprise()
        self.assertFalse(self.visit(self.draft(other, [(market, item)], [o1, o2])).beyond_cap)
        history = self.all_pages("GetEnterpriseInspectionHistory",
                                 cases_pb.GetEnterpriseInspectionHistoryRequest(
                                     credit_code=e.credit_code), "visits", self.officer)
        self.assertEqual(sorted(v.id for v in history),
                         sorted([first.id, second.id, complaint.id]))

        # A lower cap published later counts the visits already made.
        self.set_cap(market, 1)
        err = self.visit_refused(grpc.StatusCode.FAILED_PRECONDITION,
                                 self.draft(other, [(market, item)], [o1, o2]))
        self.assertIn("its cap is 1", err.details())
        clue = self.visit(self.draft(other, [(market, item)], [o1, o2],
                                     basis=cases_pb.VISIT_BASIS_CLUE, ref="XS-2025-0042"))
        self.assertTrue(clue.beyond_cap)

    def test_a_joint_visit_counts_once_for_each_agency(self):
        market, market_item = self.agency()
        health, health_item = self.agency(name="兴庆区卫生健康局")
        m1, m2 = (self.certified_officer(market)[0] for _ in range(2))
        h1, h2 = (self.certified_officer(health)[0] for _ in range(2))
        self.set_cap(market, 1)
        self.set_cap(health, 1)
        e = self.enterprise()
        joint = self.visit(self.draft(e, [(market, market_item), (health, health_item)],
                                      [m1, h1], summary="综合查一次：食品安全与卫生"))
        self.assertEqual([(p.agency_id, p.division_code) for p in joint.parts],
                         [(market, "640104"), (health, "640104")])
        self.assertFalse(joint.beyond_cap)
        # Each agency has used its one visit: alone, each is refused.
        err = self.visit_refused(grpc.StatusCode.FAILED_PRECONDITION,
                                 self.draft(e, [(market, market_item)], [m1, m2]))
        self.assertTrue(err.details().startswith("visit.parts[0]: agency %s has visited %s 1 "
                                                 "times" % (market, e.credit_code)), err.details())
        err = self.visit_refused(grpc.StatusCode.FAILED_PRECONDITION,
                                 self.draft(e, [(health, health_item)], [h1, h2]))
        self.assertTrue(err.details().startswith("visit.parts[0]: agency %s" % health),
                        err.details())
        # Together again: refused as well.
        err = self.visit_refused(grpc.StatusCode.FAILED_PRECONDITION,
                                 self.draft(e, [(market, market_item), (health, health_item)],
                                            [m1, h1]))
        self.assertIn("its cap is 1", err.details())
        # Led by an agency without a cap, the capped second part is still
        # judged and named; alone, the agency without a cap is not limited.
        free, free_item = self.agency(name="兴庆区综合执法局")
        f1 = self.certified_officer(free)[0]
        err = self.visit_refused(grpc.StatusCode.FAILED_PRECONDITION,
                                 self.draft(e, [(free, free_item), (health, health_item)],
                                            [f1, h1]))
        self.assertTrue(err.details().startswith("visit.parts[1]: agency %s" % health),
                        err.details())
        alone = self.visit(self.draft(e, [(free, free_item)], [f1, m1]))
        self.assertFalse(alone.beyond_cap)

    def test_the_third_visit_within_the_window_warns_the_city_once(self):
        market, market_item = self.agency()
        health, health_item = self.agency(name="兴庆区卫生健康局")
        m1, m2 = (self.certified_officer(market)[0] for _ in range(2))
        h1 = self.certified_officer(health)[0]
        e = self.enterprise("银川市兴庆区某餐饮店")
        before = self.statistics(division_code="640104")

        a = self.visit(self.draft(e, [(market, market_item)], [m1, m2]))
        b = self.visit(self.draft(e, [(market, market_item), (health, health_item)], [m1, h1]))
        self.assertEqual((a.warning_id, b.warning_id), ("", ""))
        c = self.visit(self.draft(e, [(market, market_item)], [m1, m2],
                                  basis=cases_pb.VISIT_BASIS_COMPLAINT))
        self.assertNotEqual(c.warning_id, "")
        d = self.visit(self.draft(e, [(market, market_item)], [m1, m2]))
        self.assertEqual(d.warning_id, "", "one warning per window")

        # For the city's supervisors: the county's lead agency's tier above.
        warnings = self.all_pages("ListInspectionWarnings", cases_pb.ListInspectionWarningsRequest(
            division_code="640100", page_size=1), "warnings", self.city)
        mine = [w for w in warnings if w.credit_code == e.credit_code]
        self.assertEqual(len(mine), 1, warnings)
        w = mine[0]
        self.assertEqual(w.id, c.warning_id)
        self.assertEqual((w.enterprise_name, w.division_code, w.visit_id, w.count,
                          w.window_seconds), (e.name, "640100", c.id, 3, WINDOW_HOURS * 3600))
        self.assertEqual(list(w.visit_ids), [a.id, b.id, c.id])
        self.assertEqual(list(w.agency_ids), [market, health])
        self.assertEqual(w.raise_time, c.visit_time)
        # The city's own subtree by default; the region's supervisors too.
        self.assertIn(w.id, [x.id for x in self.all_pages(
            "ListInspectionWarnings", cases_pb.ListInspectionWarningsRequest(), "warnings",
            self.city)])
        self.assertIn(w.id, [x.id for x in self.all_pages(
            "ListInspectionWarnings", cases_pb.ListInspectionWarningsRequest(
                division_code="640000"), "warnings")])
        # Not the county's own supervisors', nor an officer's to read.
        county = self.all_pages("ListInspectionWarnings", cases_pb.ListInspectionWarningsRequest(
            division_code="640104"), "warnings", self.county)
        self.assertNotIn(w.id, [x.id for x in county])
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ListInspectionWarnings",
                       cases_pb.ListInspectionWarningsRequest(division_code="640104"),
                       self.officer)
        # Another city's supervisor may not read Yinchuan's.
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ListInspectionWarnings",
                       cases_pb.ListInspectionWarningsRequest(division_code="640100"),
                       harness.mint_token(roles=["supervisor"], division="640200"))

        # The county's figures of today (CST): the four visits more than
        # before them (figures count what was recorded before the call).
        after = self.statistics(division_code="640104")
        self.assertEqual(after.visits - before.visits, 4)
        self.assertEqual(after.joint_visits - before.joint_visits, 1)
        self.assertEqual(after.warnings - before.warnings, 1)
        self.assertEqual(after.visits_beyond_cap - before.visits_beyond_cap, 0)
        by_basis = lambda f: {c.key: c.count for c in f.visits_by_basis}  # noqa: E731
        grown = {k: n - by_basis(before).get(k, 0) for k, n in by_basis(after).items()}
        self.assertEqual({k: n for k, n in grown.items() if n}, {"VISIT_BASIS_PLAN": 3,
                                                                 "VISIT_BASIS_COMPLAINT": 1})
        # The health bureau's own figures: only the joint visit.
        health_figures = self.statistics(agency_id=health)
        self.assertEqual((health_figures.visits, health_figures.joint_visits,
                          health_figures.warnings), (1, 1, 0))
        self.assertEqual([(c.key, c.count) for c in health_figures.visits_by_basis],
                         [("VISIT_BASIS_PLAN", 1)])
        market_figures = self.statistics(agency_id=market)
        self.assertEqual((market_figures.visits, market_figures.joint_visits,
                          market_figures.warnings), (4, 1, 1))

    def test_a_region_agencys_visits_warn_the_regions_own_supervisors(self):
        region, item = self.agency("640000", name="宁夏回族自治区市场监督管理厅")
        r1, r2 = (self.certified_officer(region, "640000")[0] for _ in range(2))
        e = self.enterprise()
        visits = [self.visit(self.draft(e, [(region, item)], [r1, r2]), self.admin)
                  for _ in range(3)]
        self.assertEqual([v.division_code for v in visits], ["640000"] * 3)
        self.assertEqual([bool(v.warning_id) for v in visits], [False, False, True])
        region_supervisor = harness.mint_token(roles=["supervisor"], division="640000")
        warnings = self.all_pages("ListInspectionWarnings",
                                  cases_pb.ListInspectionWarningsRequest(), "warnings",
                                  region_supervisor)
        mine = [w for w in warnings if w.id == visits[2].warning_id]
        self.assertEqual([(w.division_code, w.count) for w in mine], [("640000", 3)])
        # Not below the region.
        self.assertNotIn(visits[2].warning_id, [w.id for w in self.all_pages(
            "ListInspectionWarnings", cases_pb.ListInspectionWarningsRequest(), "warnings",
            self.city)])

    def test_a_white_listed_enterprise_is_left_out_of_draws(self):
        market, item = self.agency()
        officers = [self.certified_officer(market)[0] for _ in range(2)]
        enterprises = [self.enterprise("银川市兴庆区食品经营户%d" % i) for i in range(4)]
        listed = enterprises[1]
        now = datetime.datetime.now(CST)
        request = cases_pb.AddToInspectionWhitelistRequest(
            entry=cases_pb.WhitelistEntry(
                agency_id=market,
                enterprise=cases_pb.Enterprise(credit_code=listed.credit_code.lower(),
                                               name=listed.name),
                start_time=ts(now - datetime.timedelta(minutes=1)),
                end_time=ts(now + datetime.timedelta(days=30)), reason="信用A级，无事不扰"),
            request_id="bb-white-" + uuid.uuid4().hex)
        entry = self.call("AddToInspectionWhitelist", request)
        self.assertEqual((entry.agency_id, entry.division_code, entry.enterprise.credit_code,
                          entry.added_by), (market, "640104", listed.credit_code, "blackbox"))
        self.assertEqual(entry.reason, "信用A级，无事不扰")
        self.assertEqual(self.call("AddToInspectionWhitelist", request).id, entry.id,
                         "a replay returns the entry")
        entries = self.all_pages("ListInspectionWhitelist", cases_pb.ListInspectionWhitelistRequest(
            agency_id=market), "entries", self.officer)
        self.assertEqual([x.id for x in entries], [entry.id])
        self.assertEqual(entries[0], entry)

        plan = self.call("CreateInspectionPlan", cases_pb.CreateInspectionPlanRequest(
            plan=cases_pb.InspectionPlan(
                agency_id=market, item_id=item, name="年度食品经营双随机抽查",
                period_start=ts(datetime.datetime(now.year, 1, 1, tzinfo=CST)),
                period_end=ts(datetime.datetime(now.year + 1, 1, 1, tzinfo=CST)),
                enterprises=enterprises, inspector_ids=officers, targets_per_draw=4,
                inspectors_per_target=2)))
        draw = self.call("DrawInspection", cases_pb.DrawInspectionRequest(plan_id=plan.id))
        others = sorted(x.credit_code for x in enterprises if x is not listed)
        self.assertEqual(list(draw.enterprise_candidates), others)
        self.assertEqual(list(draw.enterprises_whitelisted), [listed.credit_code])
        self.assertEqual(sorted(t.enterprise.credit_code for t in draw.targets), others)
        # Read back: the listing is part of the published draw.
        read = self.call("GetInspectionDraw", cases_pb.GetInspectionDrawRequest(id=draw.id))
        self.assertEqual(list(read.enterprises_whitelisted), [listed.credit_code])
        # Another agency's draws are not affected by this agency's list.
        other, other_item = self.agency(name="兴庆区卫生健康局")
        other_officers = [self.certified_officer(other)[0] for _ in range(2)]
        other_plan = self.call("CreateInspectionPlan", cases_pb.CreateInspectionPlanRequest(
            plan=cases_pb.InspectionPlan(
                agency_id=other, item_id=other_item, name="年度卫生双随机抽查",
                period_start=plan.period_start, period_end=plan.period_end,
                enterprises=enterprises, inspector_ids=other_officers, targets_per_draw=4,
                inspectors_per_target=2)))
        other_draw = self.call("DrawInspection", cases_pb.DrawInspectionRequest(
            plan_id=other_plan.id))
        self.assertEqual(len(other_draw.enterprise_candidates), 4)
        self.assertEqual(list(other_draw.enterprises_whitelisted), [])
        # A visit answering the draw: of one of its targets, not of another.
        target = draw.targets[0]
        drawn = self.visit(self.draft(target.enterprise, [(market, item)],
                                      list(target.inspector_ids), basis=cases_pb.VISIT_BASIS_DRAW,
                                      ref=draw.id))
        self.assertEqual((drawn.basis, drawn.basis_ref), (cases_pb.VISIT_BASIS_DRAW, draw.id))
        details = self.field_error("visit.basis_ref", "RecordInspectionVisit",
                                   cases_pb.RecordInspectionVisitRequest(visit=self.draft(
                                       listed, [(market, item)], officers,
                                       basis=cases_pb.VISIT_BASIS_DRAW, ref=draw.id)),
                                   self.officer)
        self.assertIn("not a target of the draw", details)
        # A visit to the listed enterprise is not refused (a complaint may call for one).
        self.assertEqual(self.visit(self.draft(listed, [(market, item)], officers,
                                               basis=cases_pb.VISIT_BASIS_COMPLAINT)).enterprise,
                         listed)

        # Field errors and another city's supervisor.
        def entry_request(**changes):
            fields = dict(agency_id=market, enterprise=listed,
                          start_time=ts(now), end_time=ts(now + datetime.timedelta(days=1)),
                          reason="信用A级")
            fields.update(changes)
            return cases_pb.AddToInspectionWhitelistRequest(
                entry=cases_pb.WhitelistEntry(**fields))

        self.field_error("entry.end_time", "AddToInspectionWhitelist",
                         entry_request(end_time=ts(now)))
        self.field_error("entry.end_time", "AddToInspectionWhitelist",
                         entry_request(end_time=ts(now + datetime.timedelta(days=3 * 366 + 1))))
        self.field_error("entry.reason", "AddToInspectionWhitelist", entry_request(reason=""))
        self.field_error("entry.enterprise.credit_code", "AddToInspectionWhitelist",
                         entry_request(enterprise=cases_pb.Enterprise(
                             credit_code=wrong_check(listed.credit_code), name=listed.name)))
        shizuishan = harness.mint_token(roles=["supervisor"], division="640200")
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ListInspectionWhitelist",
                       cases_pb.ListInspectionWhitelistRequest(agency_id=market), shizuishan)
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "AddToInspectionWhitelist",
                       entry_request(), shizuishan)

    def test_the_history_shows_the_visits_within_the_callers_subtree(self):
        market, market_item = self.agency()
        health, health_item = self.agency(name="兴庆区卫生健康局")
        jinfeng, jinfeng_item = self.agency("640106", name="金凤区市场监督管理局")
        m1, m2 = (self.certified_officer(market)[0] for _ in range(2))
        h1 = self.certified_officer(health)[0]
        j1, j2 = (self.certified_officer(jinfeng, "640106")[0] for _ in range(2))
        e = self.enterprise("宁夏某某连锁超市有限公司")
        v1 = self.visit(self.draft(e, [(market, market_item)], [m1, m2]))
        v2 = self.visit(self.draft(e, [(market, market_item), (health, health_item)], [m1, h1]))

        def history(division="", token=None, code=e.credit_code, page_size=0):
            return self.all_pages("GetEnterpriseInspectionHistory",
                                  cases_pb.GetEnterpriseInspectionHistoryRequest(
                                      credit_code=code, division_code=division,
                                      page_size=page_size), "visits", token)

        # The county's officer (its own subtree by default), one a page too.
        county = history(token=self.officer)
        self.assertEqual(sorted(v.id for v in county), sorted([v1.id, v2.id]))
        self.assertEqual(sorted(v.id for v in history("640104", self.officer, page_size=1)),
                         sorted([v1.id, v2.id]))
        self.assertEqual({v.id: v for v in county}[v2.id], v2)
        # In lower case, the same enterprise.
        self.assertEqual(sorted(v.id for v in history(code=e.credit_code.lower(),
                                                      token=self.officer)),
                         sorted([v1.id, v2.id]))
        # None to Jinfeng district, until its own agency visits.
        self.assertEqual(history("640106"), [])
        jinfeng_officer = harness.mint_token(roles=["officer"], division="640106")
        self.assertEqual(history(token=jinfeng_officer), [])
        v3 = self.visit(self.draft(e, [(jinfeng, jinfeng_item)], [j1, j2]), jinfeng_officer)
        self.assertEqual(v3.division_code, "640106")
        self.assertEqual([v.id for v in history("640106")], [v3.id])
        self.assertEqual(sorted(v.id for v in history(token=self.officer)),
                         sorted([v1.id, v2.id]))
        # The city sees all three.
        self.assertEqual(sorted(v.id for v in history(token=self.city)),
                         sorted([v1.id, v2.id, v3.id]))
        # Another enterprise has none; a bad code names the field; another
        # county's subtree is not the officer's to read.
        self.assertEqual(history(code=self.enterprise().credit_code, token=self.officer), [])
        self.field_error("credit_code", "GetEnterpriseInspectionHistory",
                         cases_pb.GetEnterpriseInspectionHistoryRequest(
                             credit_code=wrong_check(e.credit_code)), self.officer)
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetEnterpriseInspectionHistory",
                       cases_pb.GetEnterpriseInspectionHistoryRequest(
                           credit_code=e.credit_code, division_code="640106"), self.officer)

    def test_a_bad_visit_names_its_field_and_another_county_is_denied(self):
        market, item = self.agency()
        pool = [self.certified_officer(market) for _ in range(3)]
        o1, o2, o3 = (o for o, _ in pool)
        e = self.enterprise()

        def refused_field(field, draft, token=None):
            return self.field_error(field, "RecordInspectionVisit",
                                    cases_pb.RecordInspectionVisitRequest(visit=draft),
                                    token or self.officer)

        no_basis = self.draft(e, [(market, item)], [o1, o2])
        no_basis.basis = cases_pb.VISIT_BASIS_UNSPECIFIED
        details = refused_field("visit.basis", no_basis)
        self.assertTrue(details.startswith("visit.basis:"), details)
        unknown = self.draft(e, [(market, item)], [o1, o2])
        unknown.basis = 9
        refused_field("visit.basis", unknown)
        bad_code = self.draft(cases_pb.Enterprise(credit_code=wrong_check(e.credit_code),
                                                  name=e.name), [(market, item)], [o1, o2])
        details = refused_field("visit.enterprise.credit_code", bad_code)
        self.assertIn("check character", details)
        refused_field("visit.enterprise.name",
                      self.draft(cases_pb.Enterprise(credit_code=e.credit_code, name=""),
                                 [(market, item)], [o1, o2]))
        refused_field("visit.parts", self.draft(e, [], [o1, o2]))
        refused_field("visit.parts[1].agency_id",
                      self.draft(e, [(market, item), (market, item)], [o1, o2]))
        refused_field("visit.officer_ids", self.draft(e, [(market, item)], [o1]))
        refused_field("visit.officer_ids[1]", self.draft(e, [(market, item)], [o1, o1]))
        details = refused_field("visit.officer_ids[1]",
                                self.draft(e, [(market, item)], [o1, str(uuid.uuid4())]))
        self.assertIn("no such officer", details)
        refused_field("visit.basis_ref", self.draft(e, [(market, item)], [o1, o2], ref="x" * 65))
        penalty = self.item(market, kind=cases_pb.ITEM_KIND_PENALTY)
        details = refused_field("visit.parts[0].item_id",
                                self.draft(e, [(market, penalty.id)], [o1, o2]))
        self.assertIn("ITEM_KIND_INSPECTION", details)
        other, other_item = self.agency(name="兴庆区卫生健康局")
        refused_field("visit.parts[0].item_id", self.draft(e, [(market, other_item)], [o1, o2]))
        refused_field("visit.basis_ref", self.draft(e, [(market, item)], [o1, o2],
                                                    basis=cases_pb.VISIT_BASIS_DRAW,
                                                    ref=str(uuid.uuid4())))
        # A revoked certificate: the officer may not inspect now.
        self.personnel_call("RevokeCertificate", pb.TransitionCertificateRequest(
            id=pool[2][1], reason="违法行使职权，收回执法证"))
        err = self.visit_refused(grpc.StatusCode.FAILED_PRECONDITION,
                                 self.draft(e, [(market, item)], [o1, o3]))
        self.assertTrue(err.details().startswith("visit.officer_ids[1]: officer %s" % o3),
                        err.details())
        self.assertIn("REVOKED", err.details())

        # Another county's officer, and another agency's bound admin, may not
        # record for the county's agency.
        jinfeng = harness.mint_token(roles=["officer"], division="640106")
        err = self.visit_refused(grpc.StatusCode.PERMISSION_DENIED,
                                 self.draft(e, [(market, item)], [o1, o2]), jinfeng)
        self.assertIn("record inspection visits for this agency", err.details())
        bound = harness.mint_token(roles=["agency_admin"], division="640104", agency=other)
        self.visit_refused(grpc.StatusCode.PERMISSION_DENIED,
                           self.draft(e, [(market, item)], [o1, o2]), bound)
        # Nothing of these was recorded.
        self.assertEqual(self.all_pages("GetEnterpriseInspectionHistory",
                                        cases_pb.GetEnterpriseInspectionHistoryRequest(
                                            credit_code=e.credit_code), "visits"), [])

        # Caps: field errors, and only a publisher within may set one.
        def cap(**changes):
            fields = dict(agency_id=market, year=this_year(), max_visits=2, basis=CAP_BASIS)
            fields.update(changes)
            return cases_pb.SetInspectionCapRequest(cap=cases_pb.InspectionCap(**fields))

        self.field_error("cap.max_visits", "SetInspectionCap", cap(max_visits=0))
        self.field_error("cap.max_visits", "SetInspectionCap", cap(max_visits=101))
        self.field_error("cap.year", "SetInspectionCap", cap(year=1999))
        self.field_error("cap.basis", "SetInspectionCap", cap(basis=""))
        self.field_error("cap.agency_id", "SetInspectionCap", cap(agency_id="not-a-uuid"))
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "SetInspectionCap", cap(),
                       self.officer)
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "SetInspectionCap", cap(),
                       harness.mint_token(roles=["supervisor"], division="640106"))
        self.rpc_error(grpc.StatusCode.NOT_FOUND, "GetInspectionCap",
                       cases_pb.GetInspectionCapRequest(agency_id=market, year=this_year()))


if __name__ == "__main__":
    unittest.main()
