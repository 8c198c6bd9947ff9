"""supervision-service's real binary with the personnel-service and
case-service it calls (harness.Stack: Redis, service tokens): a hotline
complaint about a street office's agency from receipt to a second, happy
rating (the same ticket sent again from another hotline node is the same
complaint; acknowledged by the agency's own admin; resolved, rated 2,
reopened, resolved again, rated 5), its resolve clock explained, a handling
limit set by a region-wide supervisor rescheduling a running clock, the
figures of the period; a case-file review of cases closed through
case-service's API (the sample and the candidates' digest recomputed here
from the seed with hashlib, as anyone holding the seed would; a score with a
finding that opens a rectification, completed by the agency's admin; the
review figures); and what an outsider sees: the same PERMISSION_DENIED for
an existing and a missing complaint or review campaign, INVALID_ARGUMENT
naming the field, the service listed by reflection (docs/api/supervision.md)."""

import datetime
import hashlib
import re
import unittest
import uuid

import harness
from harness import grpc

sv_pb, sv_grpc = harness.modules("supervision")
cases_pb, cases_grpc = harness.modules("case")

CST = datetime.timezone(datetime.timedelta(hours=8))
SERVICE = "lawenforce.supervision.v1.SupervisionService"


def cst_today():
    return datetime.datetime.now(CST).date()


def date_msg(d):
    return harness.date(d.year, d.month, d.day)


def counts(entries):
    return {c.key: c.count for c in entries}


def metric(text, name, **labels):
    """The sum of the samples of `name` whose labels include `labels`."""
    total = 0.0
    for m in re.finditer(r"^%s\{([^}]*)\} (\S+)$" % re.escape(name), text, re.M):
        have = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if all(have.get(k) == v for k, v in labels.items()):
            total += float(m.group(2))
    return total


def ts(dt):
    t = harness.timestamp_pb2.Timestamp()
    t.FromDatetime(dt)
    return t


def sample_of(seed, case_ids, n):
    """docs/api/supervision.md "Sampling", recomputed independently: each
    candidate keyed by the lower-case hex SHA-256 of "<seed>:<case id>", the
    n smallest keys (ties by case id) in key order."""
    keyed = sorted((hashlib.sha256(("%s:%s" % (seed, i)).encode("utf-8")).hexdigest(), i)
                   for i in case_ids)
    return [i for _, i in keyed[:n]]


def candidates_digest(case_ids):
    """SHA-256 (hex) of the candidates' ids, sorted, joined by "\n"."""
    return hashlib.sha256("\n".join(sorted(case_ids)).encode("utf-8")).hexdigest()


def clock_of(complaint, kind):
    for c in complaint.clocks:
        if c.kind == kind:
            return c
    raise AssertionError("complaint %s has no clock %s" % (complaint.id, kind))


class SupervisionServiceTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stack = harness.Stack.started(["personnel", "case", "supervision"])
        cls.admin = harness.mint_token()  # supervisor, agency_admin, system at 640000
        cls.personnel = cls.stack.stub("personnel")
        cls.sv = cls.stack.stub("supervision")
        cls.cases = cls.stack.stub("case")
        # Two nodes of the 12345 hotline's intake system: region-wide system accounts.
        cls.hotline_a = harness.mint_token(roles=["system"], subject="hotline-12345-node-a")
        cls.hotline_b = harness.mint_token(roles=["system"], subject="hotline-12345-node-b")

    @classmethod
    def tearDownClass(cls):
        cls.stack.cleanup()

    def call(self, method, request, token, timeout=10):
        return getattr(self.sv, method)(request, metadata=harness.auth(token),
                                        timeout=timeout * harness.SLOW_FACTOR)

    def rpc_error(self, code, method, request, token):
        with self.assertRaises(grpc.RpcError) as ctx:
            self.call(method, request, token)
        self.assertEqual(ctx.exception.code(), code, ctx.exception.details())
        return ctx.exception

    agencies = 0

    def agency(self, division):
        # Agency names are unique per division.
        SupervisionServiceTest.agencies += 1
        return self.personnel.CreateAgency(harness.pb.CreateAgencyRequest(agency=harness.pb.Agency(
            name="街道综合行政执法队（%d）" % self.agencies, division_code=division,
            domains=["urban_management"])),
            metadata=harness.auth(self.admin), timeout=10 * harness.SLOW_FACTOR)

    @staticmethod
    def draft(agency_id, ticket, channel=None, category=None):
        return sv_pb.ComplaintDraft(
            channel=channel or sv_pb.CHANNEL_HOTLINE_12345, ticket_id=ticket,
            category=category or sv_pb.CATEGORY_INACTION,
            content="小区门口长期占道经营，多次反映无人处理",
            complainant=sv_pb.Complainant(kind=sv_pb.COMPLAINANT_KIND_PERSON, name="王小明",
                                          phone="13909512468"),
            agency_id=agency_id)

    def submit(self, draft, token, request_id=""):
        return self.call("SubmitComplaint",
                         sv_pb.SubmitComplaintRequest(complaint=draft, request_id=request_id),
                         token)

    def test_a_hotline_complaint_from_receipt_to_a_second_rating(self):
        # A street office of Xingqing district (township tier).
        street = "640104002"
        agency = self.agency(street)
        ticket = "NX12345-%s" % uuid.uuid4().hex[:12]
        metrics_url = self.stack["supervision"].metrics_url
        before = harness.http_get(metrics_url)
        first = self.submit(self.draft(agency.id, ticket), self.hotline_a,
                            request_id="node-a-" + uuid.uuid4().hex)
        self.assertEqual(first.state, sv_pb.COMPLAINT_STATE_RECEIVED)
        self.assertEqual(first.agency_id, agency.id)
        self.assertEqual(first.division_code, street)
        self.assertEqual(first.tier, harness.common_pb2.TIER_TOWNSHIP)
        self.assertEqual(first.queue_division_code, street)
        self.assertEqual(first.ticket_id, ticket)
        # The contacts come back masked only.
        self.assertEqual(first.complainant.name_masked, "王**")
        self.assertEqual(first.complainant.phone_masked, "139****2468")
        self.assertEqual(first.complainant.name, "")
        self.assertEqual(first.complainant.phone, "")
        ack = clock_of(first, sv_pb.CLOCK_KIND_ACKNOWLEDGE)
        resolve = clock_of(first, sv_pb.CLOCK_KIND_RESOLVE)
        self.assertEqual(ack.state, sv_pb.CLOCK_STATE_RUNNING)
        self.assertEqual(ack.limit_source, "default")
        self.assertEqual((ack.period.count, ack.period.unit), (1, sv_pb.PERIOD_UNIT_WORKING_DAYS))
        self.assertEqual(resolve.limit_source, "hotline_12345 default")
        self.assertEqual((resolve.period.count, resolve.period.unit),
                         (5, sv_pb.PERIOD_UNIT_WORKING_DAYS))
        self.assertEqual(resolve.division_code, street)
        self.assertEqual([e.type for e in first.history], ["submitted"])

        # The same ticket from the hotline's other node (its own token and
        # request_id): the complaint already recorded, not a second one.
        again = self.submit(self.draft(agency.id, ticket), self.hotline_b,
                            request_id="node-b-" + uuid.uuid4().hex)
        self.assertEqual(again.id, first.id)
        self.assertEqual(again.etag, first.etag)

        # Listed once in the county's subtree and in the street office's queue.
        county = harness.mint_token(roles=["supervisor"], division="640104")
        page = self.call("ListComplaints", sv_pb.ListComplaintsRequest(
            division_code="640104", queue_division_code=street), county)
        self.assertEqual([c.id for c in page.complaints], [first.id])
        self.assertEqual(page.next_page_token, "")
        # The agency's own admin lists its agency's complaints.
        office = harness.mint_token(roles=["agency_admin"], division=street, agency=agency.id,
                                    subject="street-office-admin")
        page = self.call("ListComplaints", sv_pb.ListComplaintsRequest(), office)
        self.assertEqual([c.id for c in page.complaints], [first.id])

        # Acknowledged by the agency's admin, then answered.
        c = self.call("AcknowledgeComplaint",
                      sv_pb.ComplaintActRequest(complaint_id=first.id, etag=first.etag), office)
        self.assertEqual(c.state, sv_pb.COMPLAINT_STATE_IN_HANDLING)
        ack = clock_of(c, sv_pb.CLOCK_KIND_ACKNOWLEDGE)
        self.assertEqual(ack.state, sv_pb.CLOCK_STATE_MET)
        self.assertTrue(ack.on_time)
        self.assertTrue(c.HasField("acknowledge_time"))
        c = self.call("RecordResolution", sv_pb.RecordResolutionRequest(
            complaint_id=c.id, etag=c.etag, resolution="已清理占道摊点"), office)
        self.assertEqual(c.state, sv_pb.COMPLAINT_STATE_RESOLVED)
        self.assertEqual(clock_of(c, sv_pb.CLOCK_KIND_RESOLVE).state, sv_pb.CLOCK_STATE_MET)
        self.assertTrue(clock_of(c, sv_pb.CLOCK_KIND_RESOLVE).on_time)

        # The complainant, through the hotline, is dissatisfied and reopens once.
        c = self.call("RecordFeedback", sv_pb.RecordFeedbackRequest(
            complaint_id=c.id, etag=c.etag, satisfaction=2, comment="摊点仍在"), self.hotline_a)
        self.assertEqual(c.state, sv_pb.COMPLAINT_STATE_CLOSED)
        self.assertEqual(c.satisfaction, 2)
        c = self.call("ReopenComplaint", sv_pb.ReopenComplaintRequest(
            complaint_id=c.id, etag=c.etag, reason="摊点又回来了"), self.hotline_a)
        self.assertEqual(c.state, sv_pb.COMPLAINT_STATE_IN_HANDLING)
        self.assertTrue(c.reopened)
        resolve = clock_of(c, sv_pb.CLOCK_KIND_RESOLVE)
        self.assertEqual(resolve.state, sv_pb.CLOCK_STATE_RUNNING)
        self.assertEqual(resolve.division_code, street)
        c = self.call("RecordResolution", sv_pb.RecordResolutionRequest(
            complaint_id=c.id, etag=c.etag, resolution="已设置隔离设施"), office)
        self.assertEqual(c.state, sv_pb.COMPLAINT_STATE_RESOLVED)
        c = self.call("RecordFeedback", sv_pb.RecordFeedbackRequest(
            complaint_id=c.id, etag=c.etag, satisfaction=5), self.hotline_a)
        self.assertEqual(c.state, sv_pb.COMPLAINT_STATE_CLOSED)
        self.assertEqual(c.satisfaction, 5)
        self.assertEqual([e.type for e in c.history],
                         ["submitted", "acknowledged", "resolved", "rated", "reopened",
                          "resolved", "rated"])
        self.assertEqual(c.history[1].actor, "street-office-admin")
        self.assertEqual(c.history[3].actor, "hotline-12345-node-a")
        # Reopened once: not again.
        err = self.rpc_error(grpc.StatusCode.FAILED_PRECONDITION, "ReopenComplaint",
                             sv_pb.ReopenComplaintRequest(complaint_id=c.id, reason="再次投诉"),
                             self.hotline_a)
        self.assertIn("reopened once already", err.details())
        # A stale etag is ABORTED naming etag.
        err = self.rpc_error(grpc.StatusCode.ABORTED, "AcknowledgeComplaint",
                             sv_pb.ComplaintActRequest(complaint_id=c.id, etag=first.etag),
                             office)
        self.assertTrue(err.details().startswith("etag:"), err.details())

        # The resolve clock explained: receipt, the answer, the reopening, the answer.
        e = self.call("ExplainDeadline", sv_pb.ExplainDeadlineRequest(
            complaint_id=c.id, clock=sv_pb.CLOCK_KIND_RESOLVE), county)
        self.assertEqual(e.complaint_id, c.id)
        self.assertEqual(e.state, sv_pb.CLOCK_STATE_MET)
        self.assertEqual(e.limit_source, "hotline_12345 default")
        self.assertEqual([s.what for s in e.steps],
                         ["started at receipt", "met: resolved",
                          "started again: reopened: 摊点又回来了", "met: resolved"])
        self.assertEqual(e.steps[0].detail,
                         "5 working days (hotline_12345 default) at %s" % street)
        self.assertEqual(e.steps[1].detail, "in time")
        # 5 working days after the start day; the due moment is 00:00 CST
        # after the last day, which is the day before it.
        self.assertEqual(e.working_days, 5)
        due = datetime.datetime.fromtimestamp(e.due_time.seconds, CST)
        self.assertEqual((due.hour, due.minute, due.second), (0, 0, 0))
        last_day = due.date() - datetime.timedelta(days=1)
        self.assertEqual((e.last_day.year, e.last_day.month, e.last_day.day),
                         (last_day.year, last_day.month, last_day.day))
        self.assertEqual(e.due_time, clock_of(c, sv_pb.CLOCK_KIND_RESOLVE).due_time)

        # The figures of the days around now (an open period, as of now).
        today = cst_today()
        stats = self.call("GetSupervisionStatistics", sv_pb.GetSupervisionStatisticsRequest(
            division_code=street, start_date=date_msg(today - datetime.timedelta(days=1)),
            end_date=date_msg(today + datetime.timedelta(days=1))), county)
        self.assertEqual(stats.division_code, street)
        self.assertFalse(stats.closed_period)
        self.assertEqual(stats.complaints_received, 1)
        self.assertEqual(counts(stats.by_channel), {"CHANNEL_HOTLINE_12345": 1})
        self.assertEqual(counts(stats.by_category), {"CATEGORY_INACTION": 1})
        self.assertEqual(counts(stats.by_state), {"COMPLAINT_STATE_CLOSED": 1})
        self.assertEqual(stats.resolved, 1)
        self.assertEqual(stats.resolved_on_time, 1)
        self.assertEqual(stats.rated, 1)
        self.assertAlmostEqual(stats.average_satisfaction, 5.0)
        self.assertAlmostEqual(stats.satisfied_share, 1.0)
        self.assertEqual(stats.reopened, 1)
        self.assertEqual(stats.declined, 0)
        self.assertEqual(len(stats.escalations_by_tier), 0)
        self.assertGreater(stats.median_handling_days, 0)
        self.assertLess(stats.median_handling_days, 1)
        # A period long over is closed, its figures as of its end.
        closed = self.call("GetSupervisionStatistics", sv_pb.GetSupervisionStatisticsRequest(
            division_code=street, start_date=harness.date(2025, 1, 1),
            end_date=harness.date(2025, 12, 31)), county)
        self.assertTrue(closed.closed_period)
        self.assertEqual(closed.complaints_received, 0)
        end = datetime.datetime(2026, 1, 1, tzinfo=CST)
        self.assertEqual(closed.as_of.seconds, int(end.timestamp()))

        # The counters of the walk (townships are labelled with their county):
        # one complaint received (the ticket sent again is not counted), two
        # answers in time, each observed in the handling-days histogram.
        after = harness.http_get(metrics_url)
        where = {"tier": "county", "division": "640104"}

        def grew(name, **labels):
            return metric(after, name, **where, **labels) - metric(before, name, **where, **labels)

        self.assertEqual(grew("lawenforce_complaints_received_total", channel="hotline_12345"), 1)
        self.assertEqual(grew("lawenforce_complaints_resolved_total", timeliness="on_time"), 2)
        self.assertEqual(grew("lawenforce_complaint_handling_days_count"), 2)

    def test_a_region_wide_supervisor_sets_a_limit_that_reschedules_running_clocks(self):
        # A letter about officers' conduct: its own category, so no other
        # test's complaint is governed by the limit set here.
        agency = self.agency("640104003")
        letter = self.submit(self.draft(agency.id, "", channel=sv_pb.CHANNEL_LETTER,
                                        category=sv_pb.CATEGORY_CONDUCT), self.hotline_a)
        before = clock_of(letter, sv_pb.CLOCK_KIND_RESOLVE)
        self.assertEqual(before.limit_source, "letter default")
        self.assertEqual((before.period.count, before.period.unit),
                         (60, sv_pb.PERIOD_UNIT_CALENDAR_DAYS))
        request = sv_pb.SetComplaintLimitRequest(
            channel=sv_pb.CHANNEL_LETTER, category=sv_pb.CATEGORY_CONDUCT,
            clock=sv_pb.CLOCK_KIND_RESOLVE,
            period=sv_pb.Period(count=30, unit=sv_pb.PERIOD_UNIT_CALENDAR_DAYS),
            reason="作风类来信办理提速")
        # Only a region-wide caller sets limits: a city's supervisor may not.
        err = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "SetComplaintLimit", request,
                             harness.mint_token(roles=["supervisor"], division="640100"))
        self.assertEqual(err.details(),
                         "caller may not set complaint handling limits (region-wide callers only)")
        region = harness.mint_token(roles=["supervisor"], division="640000",
                                    subject="region-supervisor")
        limit = self.call("SetComplaintLimit", request, region)
        self.assertEqual(limit.version, 1)
        self.assertEqual(limit.rescheduled, 1)
        self.assertEqual(limit.set_by, "region-supervisor")
        self.assertEqual(limit.reason, "作风类来信办理提速")
        got = self.call("GetComplaint", sv_pb.GetComplaintRequest(id=letter.id), region)
        after = clock_of(got, sv_pb.CLOCK_KIND_RESOLVE)
        self.assertEqual(after.limit_source, "letter/conduct v1")
        self.assertEqual((after.period.count, after.period.unit),
                         (30, sv_pb.PERIOD_UNIT_CALENDAR_DAYS))
        self.assertEqual(after.start_time, before.start_time)
        self.assertEqual(after.due_time.seconds - before.due_time.seconds, -30 * 86400)
        self.assertEqual(got.history[-1].type, "limit_changed")
        self.assertEqual(got.etag, '"2"')
        listed = self.call("ListComplaintLimits", sv_pb.ListComplaintLimitsRequest(), region)
        overrides = [(l.channel, l.category, l.clock, l.version, l.period.count)
                     for l in listed.limits if l.version > 0]
        self.assertIn((sv_pb.CHANNEL_LETTER, sv_pb.CATEGORY_CONDUCT, sv_pb.CLOCK_KIND_RESOLVE,
                       1, 30), overrides)
        defaults = [l for l in listed.limits if l.version == 0]
        self.assertTrue(any(l.channel == sv_pb.CHANNEL_HOTLINE_12345 and
                            l.clock == sv_pb.CLOCK_KIND_RESOLVE and l.period.count == 5
                            for l in defaults))

    def test_another_county_is_denied_alike_for_an_existing_and_a_missing_complaint(self):
        agency = self.agency("640104004")
        c = self.submit(self.draft(agency.id, "NX12345-%s" % uuid.uuid4().hex[:12]),
                        self.hotline_a)
        xixia = harness.mint_token(roles=["supervisor"], division="640105")
        existing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetComplaint",
                                  sv_pb.GetComplaintRequest(id=c.id), xixia)
        missing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetComplaint",
                                 sv_pb.GetComplaintRequest(id=str(uuid.uuid4())), xixia)
        self.assertEqual(existing.details(), missing.details())
        self.assertEqual(existing.details(), "caller may not read this complaint")
        # The same for an act.
        existing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "AcknowledgeComplaint",
                                  sv_pb.ComplaintActRequest(complaint_id=c.id), xixia)
        missing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "AcknowledgeComplaint",
                                 sv_pb.ComplaintActRequest(complaint_id=str(uuid.uuid4())),
                                 xixia)
        self.assertEqual(existing.details(), missing.details())
        # A region-wide caller is told it does not exist.
        self.rpc_error(grpc.StatusCode.NOT_FOUND, "GetComplaint",
                       sv_pb.GetComplaintRequest(id=str(uuid.uuid4())), self.admin)
        # Another agency's admin in the same street sees nothing of it.
        other = self.agency("640104004")
        other_admin = harness.mint_token(roles=["agency_admin"], division="640104004",
                                         agency=other.id)
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetComplaint",
                       sv_pb.GetComplaintRequest(id=c.id), other_admin)
        page = self.call("ListComplaints", sv_pb.ListComplaintsRequest(), other_admin)
        self.assertEqual(list(page.complaints), [])

    # ---------------------------------------------------------- case-file reviews

    officers = 0

    def case_call(self, method, request, token=None):
        return getattr(self.cases, method)(request, metadata=harness.auth(token or self.admin),
                                           timeout=10 * harness.SLOW_FACTOR)

    def certified_officer(self, agency_id):
        SupervisionServiceTest.officers += 1
        n = self.officers
        officer = self.personnel.CreateOfficer(harness.pb.CreateOfficerRequest(
            officer=harness.pb.Officer(agency_id=agency_id, name="执法员%d" % n,
                                       id_number=harness.unique_id_number(5100 + n),
                                       roles=[harness.pb.OFFICER_ROLE_OFFICER])),
            metadata=harness.auth(self.admin), timeout=10 * harness.SLOW_FACTOR)
        self.personnel.IssueCertificate(harness.pb.IssueCertificateRequest(
            certificate=harness.pb.Certificate(
                officer_id=officer.id, number="NX-SV-%d" % n,
                kind=harness.pb.CERTIFICATE_KIND_ENFORCEMENT, domains=["food_safety"],
                valid_from=harness.date(2020, 1, 1), valid_until=harness.date(2029, 12, 31))),
            metadata=harness.auth(self.admin), timeout=10 * harness.SLOW_FACTOR)
        return officer.id

    def enforcement_scene(self, division):
        """A market-regulation agency of `division` with a (non-major) penalty
        item, its benchmark and two certified officers."""
        SupervisionServiceTest.agencies += 1
        agency = self.personnel.CreateAgency(harness.pb.CreateAgencyRequest(
            agency=harness.pb.Agency(name="市场监督管理局（%d）" % self.agencies,
                                     division_code=division, domains=["food_safety"])),
            metadata=harness.auth(self.admin), timeout=10 * harness.SLOW_FACTOR)
        long_ago = ts(datetime.datetime(2020, 1, 1))
        item = self.case_call("CreateItem", cases_pb.CreateItemRequest(
            item=cases_pb.EnforcementItem(
                agency_id=agency.id, code="SCJG-CF-%03d" % self.agencies,
                name="销售不符合食品安全标准的食品", kind=cases_pb.ITEM_KIND_PENALTY,
                legal_basis="《中华人民共和国食品安全法》第一百二十四条",
                domain="food_safety", major=False, effective_from=long_ago)))
        self.case_call("PublishBenchmark", cases_pb.PublishBenchmarkRequest(
            item_id=item.id, benchmark=cases_pb.Benchmark(
                effective_from=long_ago, basis="宁夏市场监管行政处罚裁量权基准",
                levels=[cases_pb.BenchmarkLevel(
                    code="general", description="一般", min_fine_fen=50000, max_fine_fen=500000,
                    allowed_kinds=[cases_pb.PENALTY_KIND_WARNING,
                                   cases_pb.PENALTY_KIND_FINE])])))
        officers = [self.certified_officer(agency.id), self.certified_officer(agency.id)]
        return agency, item, officers, harness.mint_token(roles=["officer"], division=division)

    def file_case(self, scene):
        agency, item, officers, officer = scene
        return self.case_call("FileCase", cases_pb.FileCaseRequest(
            request_id="sv-case-" + uuid.uuid4().hex, case=cases_pb.Case(
                agency_id=agency.id, item_id=item.id, facts="销售超过保质期的食品",
                violation_time=ts(datetime.datetime.utcnow() - datetime.timedelta(days=3)),
                officer_ids=officers, parties=[cases_pb.Party(
                    kind=cases_pb.PARTY_KIND_INDIVIDUAL, name="张三",
                    id_number=harness.unique_id_number(9001))])), officer)

    def closed_case(self, scene):
        """A fine case filed, investigated, decided, served, published, paid
        and closed through case-service's API; its id."""
        officer = scene[3]
        case = self.file_case(scene)

        def act(reason=""):
            return cases_pb.CaseActRequest(case_id=case.id, reason=reason)

        self.case_call("StartInvestigation", act(), officer)
        self.case_call("RecordEvidence", cases_pb.RecordEvidenceRequest(act=act(), evidence=[
            cases_pb.EvidenceRef(sha256=hashlib.sha256(case.id.encode()).hexdigest(),
                                 kind="photo", description="现场照片")]), officer)
        self.case_call("NotifyParty", cases_pb.NotifyPartyRequest(act=act(), hearing_waived=True),
                       officer)
        self.case_call("DecideCase", cases_pb.DecideCaseRequest(act=act(), decision=cases_pb.Decision(
            outcome=cases_pb.OUTCOME_PENALTY, circumstance="general",
            penalty_kinds=[cases_pb.PENALTY_KIND_FINE], fine_fen=100000)), officer)
        self.case_call("ServeDecision", act(), officer)
        self.case_call("PublishDecision", act(), officer)
        self.case_call("RecordExecution", act("罚款已缴纳"), officer)
        closed = self.case_call("CloseCase", act(), officer)
        self.assertEqual(closed.state, cases_pb.CASE_STATE_CLOSED)
        return case.id

    def test_a_county_reviews_a_sample_of_closed_cases_and_the_agency_rectifies(self):
        xingqing = self.enforcement_scene("640104")
        closed = [self.closed_case(xingqing) for _ in range(5)]
        # No candidates: an open case of the county, a closed case of another county.
        self.file_case(xingqing)
        self.closed_case(self.enforcement_scene("640105"))

        # The built-in rubric, readable by any role (a legal reviewer too).
        rubric = self.call("GetReviewRubric", sv_pb.GetReviewRubricRequest(),
                           harness.mint_token(roles=["legal_reviewer"], division="640104"))
        self.assertEqual(rubric.version, 1)
        self.assertEqual([(d.code, d.max_points) for d in rubric.dimensions],
                         [("procedure", 25), ("evidence", 20), ("application_of_law", 20),
                          ("discretion", 15), ("documents", 10), ("publicity", 10)])

        # Xingqing's supervision office draws 3 of the cases decided around today.
        county = harness.mint_token(roles=["supervisor"], division="640104",
                                    subject="xingqing-supervisor")
        seed = uuid.uuid4().hex  # 32 lower-case hex characters
        today = cst_today()
        request = sv_pb.CreateReviewCampaignRequest(
            division_code="640104", title="行政处罚案卷评查（黑盒）",
            decided_from=date_msg(today - datetime.timedelta(days=1)),
            decided_to=date_msg(today + datetime.timedelta(days=1)), sample_size=3, seed=seed)
        campaign = self.call("CreateReviewCampaign", request, county)
        self.assertEqual(campaign.division_code, "640104")
        self.assertEqual(campaign.tier, harness.common_pb2.TIER_COUNTY)
        self.assertEqual(campaign.seed, seed)
        self.assertEqual(campaign.rubric_version, 1)
        self.assertEqual(campaign.sample_size, 3)
        self.assertEqual(campaign.created_by, "xingqing-supervisor")
        self.assertEqual(campaign.etag, '"1"')
        # The draw re-run here from the published seed over the candidates
        # (the five closed cases of the county's subtree).
        self.assertEqual(campaign.candidates, 5)
        self.assertEqual(campaign.candidates_digest, candidates_digest(closed))
        sampled = [c.case_id for c in campaign.cases]
        self.assertEqual(sampled, sample_of(seed, closed, 3))
        for c in campaign.cases:
            self.assertEqual(c.agency_id, xingqing[0].id)
            self.assertEqual(c.division_code, "640104")
            self.assertFalse(c.scored)
        # The same seed over the same cases draws the same sample again; a
        # sample larger than the candidates takes them all, in key order.
        again = self.call("CreateReviewCampaign", request, county)
        self.assertNotEqual(again.id, campaign.id)
        self.assertEqual([c.case_id for c in again.cases], sampled)
        request.sample_size = 50
        request.seed = ""
        everything = self.call("CreateReviewCampaign", request, county)
        self.assertRegex(everything.seed, r"^[0-9a-f]{32}$")
        self.assertEqual([c.case_id for c in everything.cases],
                         sample_of(everything.seed, closed, 5))
        listed = self.call("ListReviewCampaigns", sv_pb.ListReviewCampaignsRequest(), county)
        self.assertEqual(sorted(c.id for c in listed.campaigns),
                         sorted([campaign.id, again.id, everything.id]))

        # The first sampled case scored: 85 points, a finding to rectify
        # within 10 working days and a note without rectification.
        target = sampled[0]
        scores = {"procedure": 22, "evidence": 15, "application_of_law": 18, "discretion": 12,
                  "documents": 8, "publicity": 10}
        score = sv_pb.ScoreCaseRequest(
            campaign_id=campaign.id, etag=campaign.etag, case_id=target,
            scores=[sv_pb.DimensionScore(dimension=k, points=v) for k, v in scores.items()],
            findings=[sv_pb.FindingDraft(dimension="evidence", text="现场检查笔录缺少当事人签字",
                                         rectify_within=sv_pb.Period(
                                             count=10, unit=sv_pb.PERIOD_UNIT_WORKING_DAYS)),
                      sv_pb.FindingDraft(dimension="documents", text="文书编号不连续（提醒，无需整改）")])
        scored = self.call("ScoreCase", score, county)
        self.assertEqual(scored.etag, '"2"')
        self.assertEqual(scored.scored, 1)
        self.assertAlmostEqual(scored.average_total, 85.0)
        reviewed = {c.case_id: c for c in scored.cases}[target]
        self.assertTrue(reviewed.scored)
        self.assertEqual(reviewed.total, 85)
        self.assertEqual(reviewed.scored_by, "xingqing-supervisor")
        self.assertEqual([(s.dimension, s.points) for s in reviewed.scores],
                         [(d.code, scores[d.code]) for d in rubric.dimensions])
        self.assertEqual([f.dimension for f in reviewed.findings], ["evidence", "documents"])
        rect_id = reviewed.findings[0].rectification_id
        self.assertRegex(rect_id, r"^[0-9a-f-]{36}$")
        self.assertEqual(reviewed.findings[1].rectification_id, "")
        # Once per case; a case outside the sample is NOT_FOUND naming case_id.
        err = self.rpc_error(grpc.StatusCode.FAILED_PRECONDITION, "ScoreCase",
                             sv_pb.ScoreCaseRequest(campaign_id=campaign.id, case_id=target,
                                                    scores=score.scores), county)
        self.assertIn("scored already", err.details())
        unsampled = [i for i in closed if i not in sampled][0]
        err = self.rpc_error(grpc.StatusCode.NOT_FOUND, "ScoreCase", sv_pb.ScoreCaseRequest(
            campaign_id=campaign.id, case_id=unsampled, scores=score.scores), county)
        self.assertTrue(err.details().startswith("case_id: "), err.details())

        # The agency's admin lists its rectification and completes it in time.
        office = harness.mint_token(roles=["agency_admin"], division="640104",
                                    agency=xingqing[0].id, subject="xingqing-scjg-admin")
        page = self.call("ListRectifications", sv_pb.ListRectificationsRequest(), office)
        self.assertEqual([r.id for r in page.rectifications], [rect_id])
        r = page.rectifications[0]
        self.assertEqual((r.campaign_id, r.case_id, r.finding_id),
                         (campaign.id, target, reviewed.findings[0].id))
        self.assertEqual(r.finding, "现场检查笔录缺少当事人签字")
        self.assertEqual((r.agency_id, r.division_code, r.queue_division_code),
                         (xingqing[0].id, "640104", "640104"))
        self.assertEqual(r.state, sv_pb.RECTIFICATION_STATE_OPEN)
        self.assertEqual(r.clock.kind, sv_pb.CLOCK_KIND_RECTIFY)
        self.assertEqual(r.clock.state, sv_pb.CLOCK_STATE_RUNNING)
        self.assertEqual((r.clock.period.count, r.clock.period.unit),
                         (10, sv_pb.PERIOD_UNIT_WORKING_DAYS))
        self.assertEqual(r.clock.limit_source, "finding")
        due = datetime.datetime.fromtimestamp(r.clock.due_time.seconds, CST)
        self.assertEqual((due.hour, due.minute, due.second), (0, 0, 0))
        self.assertGreaterEqual((due.date() - today).days, 14)  # 10 working days
        last_day = due.date() - datetime.timedelta(days=1)
        self.assertEqual((r.clock.last_day.year, r.clock.last_day.month, r.clock.last_day.day),
                         (last_day.year, last_day.month, last_day.day))
        self.assertEqual([e.type for e in r.history], ["opened"])
        self.assertEqual(list(r.escalations), [])
        page = self.call("ListRectifications", sv_pb.ListRectificationsRequest(overdue=True),
                         office)
        self.assertEqual(list(page.rectifications), [])
        # Another agency's admin of the county neither reads nor completes it.
        other = self.agency("640104")
        other_admin = harness.mint_token(roles=["agency_admin"], division="640104",
                                         agency=other.id)
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetRectification",
                       sv_pb.GetRectificationRequest(id=rect_id), other_admin)
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "CompleteRectification",
                       sv_pb.CompleteRectificationRequest(id=rect_id, evidence="x"), other_admin)
        self.assertEqual(list(self.call("ListRectifications", sv_pb.ListRectificationsRequest(),
                                        other_admin).rectifications), [])
        done = self.call("CompleteRectification", sv_pb.CompleteRectificationRequest(
            id=rect_id, etag=r.etag, evidence="已组织补签并开展执法文书培训，见培训签到表"), office)
        self.assertEqual(done.state, sv_pb.RECTIFICATION_STATE_COMPLETED)
        self.assertTrue(done.on_time)
        self.assertTrue(done.HasField("complete_time"))
        self.assertEqual(done.clock.state, sv_pb.CLOCK_STATE_MET)
        self.assertTrue(done.clock.on_time)
        self.assertEqual(done.evidence, "已组织补签并开展执法文书培训，见培训签到表")
        self.assertEqual([(e.type, e.actor) for e in done.history],
                         [("opened", "xingqing-supervisor"), ("completed", "xingqing-scjg-admin")])
        self.assertEqual(done.etag, '"2"')
        err = self.rpc_error(grpc.StatusCode.FAILED_PRECONDITION, "CompleteRectification",
                             sv_pb.CompleteRectificationRequest(id=rect_id, evidence="再次提交"),
                             office)
        self.assertIn("completed already", err.details())

        # The review figures of the county for the days around now.
        stats = self.call("GetSupervisionStatistics", sv_pb.GetSupervisionStatisticsRequest(
            division_code="640104", start_date=date_msg(today - datetime.timedelta(days=1)),
            end_date=date_msg(today + datetime.timedelta(days=1))), county)
        self.assertEqual(stats.cases_reviewed, 1)
        self.assertAlmostEqual(stats.average_review_score, 85.0)
        self.assertEqual(stats.rectifications_opened, 1)
        self.assertEqual(stats.rectifications_completed, 1)
        self.assertEqual(stats.rectifications_completed_on_time, 1)
        self.assertEqual(stats.rectifications_overdue, 0)
        # Another county's figures have none of it.
        west = self.call("GetSupervisionStatistics", sv_pb.GetSupervisionStatisticsRequest(
            division_code="640105", start_date=date_msg(today - datetime.timedelta(days=1)),
            end_date=date_msg(today + datetime.timedelta(days=1))), self.admin)
        self.assertEqual((west.cases_reviewed, west.rectifications_opened), (0, 0))

        # Xixia's supervisor: the same PERMISSION_DENIED for an existing and
        # a missing campaign (and rectification); its own list is empty.
        xixia = harness.mint_token(roles=["supervisor"], division="640105")
        existing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetReviewCampaign",
                                  sv_pb.GetReviewCampaignRequest(id=campaign.id), xixia)
        missing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetReviewCampaign",
                                 sv_pb.GetReviewCampaignRequest(id=str(uuid.uuid4())), xixia)
        self.assertEqual(existing.details(), missing.details())
        self.assertEqual(existing.details(), "caller may not read this review campaign")
        existing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ScoreCase",
                                  sv_pb.ScoreCaseRequest(campaign_id=campaign.id,
                                                         case_id=sampled[1],
                                                         scores=score.scores), xixia)
        missing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ScoreCase",
                                 sv_pb.ScoreCaseRequest(campaign_id=str(uuid.uuid4()),
                                                        case_id=sampled[1],
                                                        scores=score.scores), xixia)
        self.assertEqual(existing.details(), missing.details())
        existing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetRectification",
                                  sv_pb.GetRectificationRequest(id=rect_id), xixia)
        missing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetRectification",
                                 sv_pb.GetRectificationRequest(id=str(uuid.uuid4())), xixia)
        self.assertEqual(existing.details(), missing.details())
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ListReviewCampaigns",
                       sv_pb.ListReviewCampaignsRequest(division_code="640104"), xixia)
        self.assertEqual(list(self.call("ListReviewCampaigns", sv_pb.ListReviewCampaignsRequest(),
                                        xixia).campaigns), [])
        # A region-wide caller is told the campaign does not exist.
        self.rpc_error(grpc.StatusCode.NOT_FOUND, "GetReviewCampaign",
                       sv_pb.GetReviewCampaignRequest(id=str(uuid.uuid4())), self.admin)
        # Xixia may not draw from Xingqing either (its cases stay unasked).
        request.seed = seed
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "CreateReviewCampaign", request, xixia)
        # A malformed seed names the field.
        request.seed = seed.upper()
        err = self.rpc_error(grpc.StatusCode.INVALID_ARGUMENT, "CreateReviewCampaign", request,
                             county)
        self.assertTrue(err.details().startswith("seed: "), err.details())

    def test_a_hotline_complaint_without_its_ticket_names_the_field(self):
        agency = self.agency("640104005")
        err = self.rpc_error(grpc.StatusCode.INVALID_ARGUMENT, "SubmitComplaint",
                             sv_pb.SubmitComplaintRequest(complaint=self.draft(agency.id, "")),
                             self.hotline_a)
        self.assertTrue(err.details().startswith("complaint.ticket_id: "), err.details())
        _, bad = harness.bad_request_of(err)
        self.assertEqual(len(bad), 1)
        self.assertEqual(bad[0].field_violations[0].field, "complaint.ticket_id")
        # An officer may not submit at all (role first: no field error).
        officer = harness.mint_token(roles=["officer"], division="640104005", agency=agency.id)
        err = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "SubmitComplaint",
                             sv_pb.SubmitComplaintRequest(complaint=self.draft(agency.id, "")),
                             officer)
        self.assertEqual(err.details(), "caller may not submit complaints here")

    def test_reflection_lists_the_supervision_service(self):
        channel = self.stack.channel("supervision")
        stub = harness.reflection_pb2_grpc.ServerReflectionStub(channel)
        responses = stub.ServerReflectionInfo(iter([harness.reflection_pb2.ServerReflectionRequest(
            list_services="")]), timeout=10 * harness.SLOW_FACTOR)
        names = [s.name for r in responses for s in r.list_services_response.service]
        self.assertIn(SERVICE, names)


if __name__ == "__main__":
    unittest.main()
