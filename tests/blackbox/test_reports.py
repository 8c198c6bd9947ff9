"""The annual enforcement report (task 30) over the four real binaries
(harness.Stack of personnel, case, supervision and task, with Redis),
driven by grpcio: an agency of Helan (640122) with three officers and a
hotline complaint registered now; this year's report of the county counts
them (personnel-service's staffing, supervision-service's complaint),
names its five sources and cannot be published while the year lasts; last
year's report is closed at 00:00 CST of 1 January, regenerates to the same
figures as version 2, is published and reads the same to a supervisor of
another city, and its exports parse: the JSON export is the API's report,
the HTML one a well-formed page with the scope's name escaped whose
charts say "无数据" (this year's draft, with figures, draws SVG bars), the Markdown one with its six Chinese sections; the due-day
status of Yinchuan's subtree and the gauge; an agency's own report without
complaint figures; a stopped supervision-service fails generation with
UNAVAILABLE naming it and nothing is stored; field errors
(docs/api/tasks.md "Annual report")."""

import datetime
import html.parser
import json
import re
import unittest

import harness
from harness import grpc

tasks_pb, tasks_grpc = harness.modules("task")
sv_pb, sv_grpc = harness.modules("supervision")

CST = datetime.timezone(datetime.timedelta(hours=8))
COUNTY = "640122"  # 贺兰县


class Page(html.parser.HTMLParser):
    """Checks that every element opened is closed in order (void elements
    aside) and collects the text."""

    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack = []
        self.errors = []
        self.text = []
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unexpected </%s> (open: %s)" % (tag, self.stack[-3:]))
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def metric(text, name, **labels):
    total = 0.0
    for m in re.finditer(r"^%s\{([^}]*)\} (\S+)$" % re.escape(name), text, re.M):
        have = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if all(have.get(k) == v for k, v in labels.items()):
            total += float(m.group(2))
    return total


class AnnualReportTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stack = harness.Stack.started(
            ["personnel", "case", "supervision", "task"],
            extra_args={"task": ["--business-metrics-interval=0s"]})
        cls.admin = harness.mint_token()
        cls.county = harness.mint_token(roles=["supervisor"], division=COUNTY,
                                        subject="helan-sfj")
        cls.personnel = cls.stack.stub("personnel")
        cls.supervision = cls.stack.stub("supervision")
        cls.stub = cls.stack.stub("task")
        cls.today = datetime.datetime.now(CST).date()
        # An agency of the county whose name needs escaping in HTML, three
        # officers, one hotline complaint.
        cls.agency = cls.personnel.CreateAgency(harness.pb.CreateAgencyRequest(
            agency=harness.pb.Agency(name="贺兰县<综合>执法局 & \"队\"", division_code=COUNTY,
                                     domains=["urban_management"])),
            metadata=harness.auth(cls.admin), timeout=10 * harness.SLOW_FACTOR)
        for n in range(3):
            cls.personnel.CreateOfficer(harness.pb.CreateOfficerRequest(
                officer=harness.pb.Officer(agency_id=cls.agency.id, name="执法员%d" % n,
                                           id_number=harness.unique_id_number(7300 + n, "640122"),
                                           roles=[harness.pb.OFFICER_ROLE_OFFICER])),
                metadata=harness.auth(cls.admin), timeout=10 * harness.SLOW_FACTOR)
        hotline = harness.mint_token(roles=["system"], subject="hotline-12345")
        cls.supervision.SubmitComplaint(sv_pb.SubmitComplaintRequest(
            complaint=sv_pb.ComplaintDraft(
                channel=sv_pb.CHANNEL_HOTLINE_12345, ticket_id="12345-RPT-0001",
                category=sv_pb.CATEGORY_INACTION, content="占道经营长期无人处理",
                complainant=sv_pb.Complainant(kind=sv_pb.COMPLAINANT_KIND_PERSON,
                                              name="李四", phone="13909510000"),
                agency_id=cls.agency.id)),
            metadata=harness.auth(hotline), timeout=10 * harness.SLOW_FACTOR)

    @classmethod
    def tearDownClass(cls):
        cls.stack.cleanup()

    def call(self, method, request, token, timeout=20):
        return getattr(self.stub, method)(request, metadata=harness.auth(token),
                                          timeout=timeout * harness.SLOW_FACTOR)

    def rpc_error(self, code, method, request, token):
        with self.assertRaises(grpc.RpcError) as ctx:
            self.call(method, request, token)
        self.assertEqual(ctx.exception.code(), code, ctx.exception.details())
        return ctx.exception

    def generate(self, year, token=None, **scope):
        scope = scope or {"division_code": COUNTY}
        return self.call("GenerateAnnualReport",
                         tasks_pb.GenerateAnnualReportRequest(year=year, **scope),
                         token or self.county)

    @staticmethod
    def figures(r):
        out = tasks_pb.AnnualReport()
        for field in ("personnel", "cases", "complaints"):
            getattr(out, field).CopyFrom(getattr(r, field))
        out.plans.extend(r.plans)
        out.indicators.extend(r.indicators)
        return out.SerializeToString(deterministic=True)

    def test_this_years_report_counts_what_was_registered_and_waits_for_the_years_end(self):
        r = self.generate(self.today.year)
        self.assertFalse(r.closed_period)
        self.assertEqual(r.scope_name, "贺兰县")
        self.assertEqual(r.personnel.officers, 3)
        self.assertEqual(r.personnel.required_legal_reviewers, 1)
        self.assertEqual(r.personnel.agencies_noncompliant, 1)
        self.assertTrue(r.complaints.available)
        self.assertEqual(r.complaints.complaints_received, 1)
        self.assertEqual({c.key: c.count for c in r.complaints.by_channel},
                         {"CHANNEL_HOTLINE_12345": 1})
        self.assertEqual(len(r.sources), 4 + len(r.plans))
        self.assertEqual({s.service for s in r.sources} - {"task-service"},
                         {"personnel-service", "case-service", "supervision-service"})
        training = [i for i in r.indicators if i.code == "officers_meeting_training"]
        self.assertEqual((training[0].numerator, training[0].denominator), (0, 3))
        # This year has figures, so the HTML export draws them as SVG bars.
        doc = self.call("ExportAnnualReport", tasks_pb.ExportAnnualReportRequest(
            id=r.id, format=tasks_pb.REPORT_FORMAT_HTML), self.county)
        page = Page()
        page.feed(doc.content.decode("utf-8"))
        page.close()
        self.assertEqual(page.errors, [])
        self.assertEqual(page.stack, [])
        self.assertIn("svg", page.tags)
        self.assertIn("rect", page.tags)
        self.assertIn("执法人员", "".join(page.text))
        err = self.rpc_error(grpc.StatusCode.FAILED_PRECONDITION, "PublishAnnualReport",
                             tasks_pb.PublishAnnualReportRequest(id=r.id), self.county)
        self.assertIn("in progress", err.details())

    def test_last_years_report_is_closed_regenerates_the_same_and_is_published(self):
        year = self.today.year - 1
        first = self.generate(year)
        self.assertTrue(first.closed_period)
        end = datetime.datetime(year + 1, 1, 1, tzinfo=CST)
        self.assertEqual(first.as_of.seconds, int(end.timestamp()))
        # Nothing registered now counts in a closed year.
        self.assertEqual(first.personnel.officers, 0)
        self.assertEqual(first.complaints.complaints_received, 0)
        again = self.generate(year)
        self.assertEqual(again.version, first.version + 1)
        self.assertEqual(self.figures(again), self.figures(first))
        published = self.call("PublishAnnualReport",
                              tasks_pb.PublishAnnualReportRequest(id=again.id), self.county)
        self.assertEqual(published.state, tasks_pb.REPORT_STATE_PUBLISHED)
        self.assertEqual(self.figures(published), self.figures(again))
        # Public: another city's supervisor reads it; not the draft.
        outsider = harness.mint_token(roles=["supervisor"], division="640200", subject="szs")
        read = self.call("GetAnnualReport", tasks_pb.GetAnnualReportRequest(id=again.id), outsider)
        self.assertEqual(read, published)
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetAnnualReport",
                       tasks_pb.GetAnnualReportRequest(id=first.id), outsider)

        # The JSON export is the API's report.
        doc = self.call("ExportAnnualReport", tasks_pb.ExportAnnualReportRequest(
            id=again.id, format=tasks_pb.REPORT_FORMAT_JSON), outsider)
        self.assertEqual(doc.content_type, "application/json")
        self.assertEqual(doc.filename, "%s-%d-v%d.json" % (COUNTY, year, again.version))
        body = json.loads(doc.content.decode("utf-8"))
        self.assertEqual(body["id"], again.id)
        self.assertEqual(body["state"], "REPORT_STATE_PUBLISHED")
        self.assertEqual(int(body["cases"]["cases_filed"]), published.cases.cases_filed)
        self.assertEqual(len(body["indicators"]), len(published.indicators))
        # The HTML export: a well-formed page with charts.
        doc = self.call("ExportAnnualReport", tasks_pb.ExportAnnualReportRequest(
            id=again.id, format=tasks_pb.REPORT_FORMAT_HTML), outsider)
        page = Page()
        page.feed(doc.content.decode("utf-8"))
        page.close()
        self.assertEqual(page.errors, [])
        self.assertEqual(page.stack, [])
        self.assertNotIn("script", page.tags)
        text = "".join(page.text)
        self.assertIn("%d年度行政执法工作报告" % year, text)
        self.assertIn("贺兰县", text)
        # Nothing was registered before this year: every chart says so
        # instead of drawing empty bars.
        self.assertNotIn("svg", page.tags)
        self.assertIn("无数据", text)
        # The Markdown export: the six sections.
        doc = self.call("ExportAnnualReport", tasks_pb.ExportAnnualReportRequest(
            id=again.id, format=tasks_pb.REPORT_FORMAT_MARKDOWN), outsider)
        md = doc.content.decode("utf-8")
        for heading in ("一、", "二、", "三、", "四、", "五、", "六、"):
            self.assertRegex(md, r"(?m)^#+ %s" % heading)

        # Published now, after 15 January (or on time before it).
        status = self.call("GetAnnualReportStatus", tasks_pb.GetAnnualReportStatusRequest(
            division_code="640100", year=year), harness.mint_token(
                roles=["supervisor"], division="640100", subject="yinchuan-sfj"))
        by = {d.division_code: d for d in status.divisions}
        late = self.today > datetime.date(self.today.year, 1, 15)
        self.assertEqual(by[COUNTY].state, tasks_pb.REPORT_DUE_STATE_LATE if late
                         else tasks_pb.REPORT_DUE_STATE_ON_TIME)
        self.assertEqual(by[COUNTY].report_id, again.id)
        self.assertEqual(by["640100"].state, tasks_pb.REPORT_DUE_STATE_OVERDUE if late
                         else tasks_pb.REPORT_DUE_STATE_PENDING)
        self.assertNotIn("640122001", by)  # townships publish none
        self.assertEqual(status.on_time + status.late + status.pending + status.overdue,
                         len(status.divisions))
        metrics = harness.http_get(self.stack["task"].metrics_url)
        self.assertEqual(metric(metrics, "lawenforce_annual_reports", division=COUNTY,
                                year=str(year), state="late" if late else "on_time"), 1.0)
        self.assertEqual(metric(metrics, "lawenforce_annual_reports", division="640100",
                                year=str(year), state="overdue" if late else "pending"), 1.0)

    def test_an_agencys_report_has_no_complaint_figures(self):
        admin = harness.mint_token(roles=["agency_admin"], division=COUNTY, agency=self.agency.id,
                                   subject="helan-agency")
        r = self.generate(self.today.year, token=admin, agency_id=self.agency.id)
        self.assertEqual(r.agency_id, self.agency.id)
        self.assertEqual(r.division_code, COUNTY)
        self.assertEqual(r.scope_name, self.agency.name)
        self.assertEqual(r.personnel.officers, 3)
        self.assertFalse(r.complaints.available)
        self.assertNotIn("complaint_satisfaction", [i.code for i in r.indicators])
        # Not the county's report.
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GenerateAnnualReport",
                       tasks_pb.GenerateAnnualReportRequest(division_code=COUNTY,
                                                            year=self.today.year), admin)

    def test_bad_input_names_the_field(self):
        for req, field in [
                (tasks_pb.GenerateAnnualReportRequest(year=2025), "division_code"),
                (tasks_pb.GenerateAnnualReportRequest(division_code=COUNTY, year=1999), "year"),
                (tasks_pb.GenerateAnnualReportRequest(division_code=COUNTY,
                                                      year=self.today.year + 1), "year"),
                (tasks_pb.GenerateAnnualReportRequest(agency_id="nope", year=2025), "agency_id")]:
            err = self.rpc_error(grpc.StatusCode.INVALID_ARGUMENT, "GenerateAnnualReport", req,
                                 self.admin)
            self.assertTrue(err.details().startswith(field + ": "), err.details())
        err = self.rpc_error(grpc.StatusCode.INVALID_ARGUMENT, "ExportAnnualReport",
                             tasks_pb.ExportAnnualReportRequest(
                                 id="00000000-0000-4000-8000-000000000000"), self.admin)
        self.assertIn("format", err.details())


class AStoppedDependencyTest(unittest.TestCase):
    """A separate stack: supervision-service is stopped."""

    def test_generation_fails_unavailable_naming_it_and_stores_nothing(self):
        stack = harness.Stack.started(["personnel", "case", "supervision", "task"],
                                      extra_args={"task": ["--call-timeout=2s"]})
        try:
            token = harness.mint_token()
            stub = stack.stub("task")
            stack["supervision"].terminate()
            with self.assertRaises(grpc.RpcError) as ctx:
                stub.GenerateAnnualReport(
                    tasks_pb.GenerateAnnualReportRequest(division_code=COUNTY, year=2025),
                    metadata=harness.auth(token), timeout=20 * harness.SLOW_FACTOR)
            self.assertEqual(ctx.exception.code(), grpc.StatusCode.UNAVAILABLE)
            self.assertIn("supervision-service", ctx.exception.details())
            listed = stub.ListAnnualReports(
                tasks_pb.ListAnnualReportsRequest(division_code=COUNTY),
                metadata=harness.auth(token), timeout=10 * harness.SLOW_FACTOR)
            self.assertEqual(list(listed.reports), [])
        finally:
            stack.cleanup()


if __name__ == "__main__":
    unittest.main()
