"""supervision-service's real binary with the personnel-service and
case-service it calls (harness.Stack: Redis, service tokens): a hotline
complaint about a street office's agency from receipt to a second, happy
rating (the same ticket sent again from another hotline node is the same
complaint; acknowledged by the agency's own admin; resolved, rated 2,
reopened, resolved again, rated 5), its resolve clock explained, a handling
limit set by a region-wide supervisor rescheduling a running clock, the
figures of the period; and what an outsider sees: the same
PERMISSION_DENIED for an existing and a missing complaint, INVALID_ARGUMENT
naming the field, the service listed by reflection (docs/api/supervision.md)."""

import datetime
import re
import unittest
import uuid

import harness
from harness import grpc

sv_pb, sv_grpc = harness.modules("supervision")

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
