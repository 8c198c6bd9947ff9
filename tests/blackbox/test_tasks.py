"""task-service's real binary (with the services it calls, and Redis), on the
region's real plan file (data/plans/ningxia-2023-2025.json, found beside
--divisions): the plan listed with its period, 43 tasks and status (ENDED
once 2025 is over), every task read as written in the file, task 30 (the
annual enforcement report, yearly by 15 January); task 30 assigned in one
call to every county of Yinchuan (640100, the counties read here from
data/ningxia-divisions.tsv) with a due day in the future, replayed by its
request_id; progress reported by Xingqing's agency admin to done on time,
a stale etag, a report below the last; the assignments listed and paged;
the progress rolled up by tier, now and as of the moments of the reports;
the gauge; and what an outsider sees: a county supervisor of 640105 gets
the same PERMISSION_DENIED for an existing and a missing assignment,
INVALID_ARGUMENT names the field of a bad task number, the service is
listed by reflection (docs/api/tasks.md)."""

import datetime
import json
import os
import re
import unittest
import uuid

import harness
from harness import grpc

tasks_pb, tasks_grpc = harness.modules("task")

CST = datetime.timezone(datetime.timedelta(hours=8))
SERVICE = "lawenforce.tasks.v1.TaskService"
PLAN = "ningxia-2023-2025"
PLAN_FILE = os.path.join(harness.SOURCE_DIR, "data", "plans", PLAN + ".json")
DIVISIONS_FILE = os.path.join(harness.SOURCE_DIR, "data", "ningxia-divisions.tsv")
KINDS = {"once": tasks_pb.DEADLINE_KIND_ONCE, "yearly": tasks_pb.DEADLINE_KIND_YEARLY,
         "yearly_total": tasks_pb.DEADLINE_KIND_YEARLY_TOTAL}


def cst_today():
    return datetime.datetime.now(CST).date()


def date_msg(d):
    return harness.date(d.year, d.month, d.day)


def next_on_or_after(today, month, day):
    """The first month/day on or after today."""
    d = datetime.date(today.year, month, day)
    return d if d >= today else datetime.date(today.year + 1, month, day)


def divisions():
    """code -> (name, tier, parent) of the division table."""
    out = {}
    with open(DIVISIONS_FILE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("code\t"):
                continue
            code, name, tier, parent = (line.rstrip("\n").split("\t") + [""])[:4]
            out[code] = (name, tier, parent)
    return out


def metric(text, name, **labels):
    """The sum of the samples of `name` whose labels include `labels`."""
    total = 0.0
    for m in re.finditer(r"^%s\{([^}]*)\} (\S+)$" % re.escape(name), text, re.M):
        have = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if all(have.get(k) == v for k, v in labels.items()):
            total += float(m.group(2))
    return total


def counts(c):
    return (c.assignments, c.not_started, c.in_progress, c.done, c.overdue)


class TaskServiceTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        # task-service calls the other three for its annual report (test_reports.py).
        cls.stack = harness.Stack.started(
            ["personnel", "case", "supervision", "task"],
            extra_args={"task": ["--business-metrics-interval=0s"]})
        cls.admin = harness.mint_token()  # supervisor, agency_admin, system at 640000
        cls.stub = cls.stack.stub("task")
        with open(PLAN_FILE, encoding="utf-8") as f:
            cls.plan_file = json.load(f)
        cls.today = cst_today()
        cls.ended = cls.today > datetime.date(2025, 12, 31)

    @classmethod
    def tearDownClass(cls):
        cls.stack.cleanup()

    def call(self, method, request, token, timeout=10):
        return getattr(self.stub, method)(request, metadata=harness.auth(token),
                                          timeout=timeout * harness.SLOW_FACTOR)

    def rpc_error(self, code, method, request, token):
        with self.assertRaises(grpc.RpcError) as ctx:
            self.call(method, request, token)
        self.assertEqual(ctx.exception.code(), code, ctx.exception.details())
        return ctx.exception

    def field_error(self, field, method, request, token):
        err = self.rpc_error(grpc.StatusCode.INVALID_ARGUMENT, method, request, token)
        self.assertTrue(err.details().startswith(field + ": "), err.details())
        _, bad = harness.bad_request_of(err)
        self.assertEqual(len(bad), 1, err.details())
        self.assertEqual([v.field for v in bad[0].field_violations], [field])
        return err

    # ---------------------------------------------------------------- the plan

    def test_the_regions_plan_is_listed_with_its_period_status_and_43_tasks(self):
        # Plans are public data: any role, any division.
        officer = harness.mint_token(roles=["officer"], division="640302", subject="officer-wz")
        plans = self.call("ListPlans", tasks_pb.ListPlansRequest(), officer).plans
        self.assertEqual([p.id for p in plans], [PLAN])
        plan = plans[0]
        self.assertEqual(plan.title, self.plan_file["title"])
        self.assertEqual(plan.issuer, "宁夏回族自治区人民政府办公厅")
        self.assertEqual((plan.period_start.year, plan.period_start.month, plan.period_start.day),
                         (2023, 1, 1))
        self.assertEqual((plan.period_end.year, plan.period_end.month, plan.period_end.day),
                         (2025, 12, 31))
        self.assertEqual(plan.task_count, 43)
        # The plan's period is over (it is past 2025): ENDED, still readable.
        self.assertEqual(plan.status, tasks_pb.PLAN_STATUS_ENDED if self.ended
                         else tasks_pb.PLAN_STATUS_ACTIVE)
        self.assertEqual([(s.number, s.title) for s in plan.sections],
                         [(s["number"], s["title"]) for s in self.plan_file["sections"]])
        self.assertEqual(len(plan.sections), 14)
        self.assertEqual(self.call("GetPlan", tasks_pb.GetPlanRequest(id=PLAN), officer), plan)
        # A plan that is not there is NOT_FOUND to anyone (no jurisdiction).
        err = self.rpc_error(grpc.StatusCode.NOT_FOUND, "GetPlan",
                             tasks_pb.GetPlanRequest(id="ningxia-2026-2028"), officer)
        self.assertEqual(err.details(), "plan not found")
        self.field_error("id", "GetPlan", tasks_pb.GetPlanRequest(), officer)

    def test_every_task_reads_as_written_in_the_plan_file(self):
        listed = self.call("ListTasks", tasks_pb.ListTasksRequest(plan_id=PLAN), self.admin).tasks
        self.assertEqual([t.number for t in listed], list(range(1, 44)))
        for task, want in zip(listed, self.plan_file["tasks"]):
            self.assertEqual(task.plan_id, PLAN)
            self.assertEqual(task.section, want["section"], task.number)
            self.assertEqual(task.text, want["text"], task.number)
            self.assertEqual(list(task.responsible_units), want["responsible_units"], task.number)
            self.assertEqual([(d.kind, d.source) for d in task.deadlines],
                             [(KINDS[d["kind"]], d["source"]) for d in want["deadlines"]],
                             task.number)
            self.assertEqual(task.yearly, any(d["kind"] != "once" for d in want["deadlines"]))
        # Section 二(四): tasks 24..33.
        section = self.call("ListTasks", tasks_pb.ListTasksRequest(plan_id=PLAN, section="二(四)"),
                            self.admin).tasks
        self.assertEqual([t.number for t in section], list(range(24, 34)))
        self.field_error("section", "ListTasks",
                         tasks_pb.ListTasksRequest(plan_id=PLAN, section="四"), self.admin)

    def test_task_30_is_the_annual_report_due_every_15_january(self):
        task = self.call("GetTask", tasks_pb.GetTaskRequest(plan_id=PLAN, number=30), self.admin)
        self.assertEqual(task.number, 30)
        self.assertEqual(task.section, "二(四)")
        self.assertIn("建立行政执法工作年度报告制度", task.text)
        self.assertIn("每年1月15日前", task.text)
        self.assertEqual(list(task.responsible_units),
                         ["自治区司法厅", "自治区各行政执法机关", "各市、县〔区〕人民政府"])
        self.assertEqual(len(task.deadlines), 1)
        deadline = task.deadlines[0]
        self.assertEqual(deadline.kind, tasks_pb.DEADLINE_KIND_YEARLY)
        self.assertEqual((deadline.month, deadline.day), (1, 15))
        self.assertEqual(deadline.source, "每年1月15日前")
        self.assertFalse(deadline.HasField("date"))
        self.assertTrue(task.yearly)
        # Task 3's yearly training hours: a quantity and a one-off date.
        task = self.call("GetTask", tasks_pb.GetTaskRequest(plan_id=PLAN, number=3), self.admin)
        total, once = task.deadlines
        self.assertEqual(total.kind, tasks_pb.DEADLINE_KIND_YEARLY_TOTAL)
        self.assertEqual((total.what, total.amount, total.month, total.day),
                         ("training_hours", 60.0, 12, 31))
        self.assertEqual(once.kind, tasks_pb.DEADLINE_KIND_ONCE)
        self.assertEqual((once.date.year, once.date.month, once.date.day), (2024, 6, 30))

    # ---------------------------------------------------------------- assignments

    def test_one_call_assigns_task_30_to_every_county_of_yinchuan_and_progress_rolls_up(self):
        table = divisions()
        counties = {code for code, (_, tier, parent) in table.items()
                    if tier == "county" and parent == "640100"}
        self.assertEqual(len(counties), 6)
        city = harness.mint_token(roles=["supervisor"], division="640100", subject="yinchuan-sfj")
        due = next_on_or_after(self.today + datetime.timedelta(days=1), 1, 15)
        request = tasks_pb.AssignTaskRequest(
            plan_id=PLAN, task_number=30, fan_out_parent="640100",
            fan_out_tier=harness.common_pb2.TIER_COUNTY, unit="{division}司法局",
            owner="法治督察科", due_date=date_msg(due), request_id="yinchuan-" + uuid.uuid4().hex)
        before_assign = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=1)
        assigned = self.call("AssignTask", request, city).assignments
        self.assertEqual({a.division_code for a in assigned}, counties)
        for a in assigned:
            self.assertEqual(a.plan_id, PLAN)
            self.assertEqual(a.task_number, 30)
            self.assertEqual(a.tier, harness.common_pb2.TIER_COUNTY)
            self.assertEqual(a.unit, table[a.division_code][0] + "司法局")
            self.assertEqual(a.owner, "法治督察科")
            self.assertEqual((a.due_date.year, a.due_date.month, a.due_date.day),
                             (due.year, due.month, due.day))
            self.assertEqual(a.year, due.year)
            self.assertEqual(a.state, tasks_pb.ASSIGNMENT_STATE_NOT_STARTED)
            self.assertEqual(a.percent, 0)
            self.assertEqual(a.assigned_by, "yinchuan-sfj")
            self.assertEqual(a.etag, '"1"')
            self.assertEqual(a.previous_id, "")
        by_division = {a.division_code: a for a in assigned}
        self.assertEqual(by_division["640104"].unit, "兴庆区司法局")
        # The same call again (a retry) assigns nothing more.
        again = self.call("AssignTask", request, city).assignments
        self.assertEqual(sorted(a.id for a in again), sorted(a.id for a in assigned))

        # Xingqing's agency admin reports, then finishes before the due day.
        xingqing = harness.mint_token(roles=["agency_admin"], division="640104",
                                      subject="xingqing-sfj")
        first = self.call("ReportProgress", tasks_pb.ReportProgressRequest(
            assignment_id=by_division["640104"].id, etag=by_division["640104"].etag, percent=40,
            narrative="年度行政执法工作报告初稿已完成", evidence=["兴司发〔2026〕3号"]), xingqing)
        self.assertEqual(first.state, tasks_pb.ASSIGNMENT_STATE_IN_PROGRESS)
        self.assertEqual(first.percent, 40)
        self.assertEqual(first.etag, '"2"')
        self.assertEqual([(r.seq, r.percent, r.reported_by, list(r.evidence))
                          for r in first.reports],
                         [(1, 40, "xingqing-sfj", ["兴司发〔2026〕3号"])])
        # A stale etag: ABORTED naming it, nothing written.
        err = self.rpc_error(grpc.StatusCode.ABORTED, "ReportProgress",
                             tasks_pb.ReportProgressRequest(
                                 assignment_id=first.id, etag=by_division["640104"].etag,
                                 percent=60, narrative="重复提交"), xingqing)
        self.assertTrue(err.details().startswith("etag:"), err.details())
        done = self.call("ReportProgress", tasks_pb.ReportProgressRequest(
            assignment_id=first.id, etag=first.etag, percent=100,
            narrative="年度报告已报送并向社会公开",
            evidence=["兴司发〔2026〕5号", "https://www.xqq.gov.cn/zwgk/"]), xingqing)
        self.assertEqual(done.state, tasks_pb.ASSIGNMENT_STATE_DONE)
        self.assertTrue(done.on_time)
        self.assertTrue(done.HasField("done_time"))
        self.assertEqual([r.seq for r in done.reports], [1, 2])
        err = self.rpc_error(grpc.StatusCode.FAILED_PRECONDITION, "ReportProgress",
                             tasks_pb.ReportProgressRequest(
                                 assignment_id=done.id, percent=100, narrative="再次报告"),
                             xingqing)
        self.assertEqual(err.details(), "the assignment is done already")
        # Xixia starts; a report below its last is refused naming percent.
        xixia = by_division["640105"]
        xixia = self.call("ReportProgress", tasks_pb.ReportProgressRequest(
            assignment_id=xixia.id, percent=30, narrative="已部署"), city)
        self.field_error("percent", "ReportProgress", tasks_pb.ReportProgressRequest(
            assignment_id=xixia.id, percent=20, narrative="倒退"), city)

        # Listed in the city's subtree, filtered and paged in id order.
        listing = tasks_pb.ListAssignmentsRequest(division_code="640100", plan_id=PLAN,
                                                  task_number=30)
        page = self.call("ListAssignments", listing, city)
        self.assertEqual(sorted(a.id for a in page.assignments), sorted(a.id for a in assigned))
        self.assertEqual(page.next_page_token, "")
        ids, token = [], ""
        while True:
            listing.page_size, listing.page_token = 4, token
            page = self.call("ListAssignments", listing, city)
            ids += [a.id for a in page.assignments]
            token = page.next_page_token
            if not token:
                break
        self.assertEqual(ids, sorted(a.id for a in assigned))
        listing.page_size, listing.page_token = 0, ""
        listing.state = tasks_pb.ASSIGNMENT_STATE_DONE
        page = self.call("ListAssignments", listing, city)
        self.assertEqual([a.id for a in page.assignments], [done.id])
        self.assertEqual(self.call("GetAssignment", tasks_pb.GetAssignmentRequest(id=done.id),
                                   xingqing), done)

        # The roll-up: task 30 in Yinchuan's subtree, all at county tier.
        progress = self.call("GetPlanProgress", tasks_pb.GetPlanProgressRequest(
            plan_id=PLAN, division_code="640100"), city)
        self.assertEqual(progress.plan_id, PLAN)
        self.assertEqual(progress.division_code, "640100")
        self.assertEqual(progress.plan_status, tasks_pb.PLAN_STATUS_ENDED if self.ended
                         else tasks_pb.PLAN_STATUS_ACTIVE)
        self.assertEqual([t.task_number for t in progress.tasks], list(range(1, 44)))
        report = progress.tasks[29]
        self.assertEqual(counts(report.total), (6, 4, 1, 1, 0))
        self.assertEqual([(t.tier, counts(t.counts)) for t in report.by_tier],
                         [(harness.common_pb2.TIER_COUNTY, (6, 4, 1, 1, 0))])
        # Xingqing's own view: its subtree only (the city's own supervisor
        # token is not needed: its agency admin reads it too).
        own = self.call("GetPlanProgress", tasks_pb.GetPlanProgressRequest(plan_id=PLAN), xingqing)
        self.assertEqual(own.division_code, "640104")
        self.assertEqual(counts(own.tasks[29].total), (1, 0, 0, 1, 0))
        # As of a moment: what was recorded up to and including it.
        at = lambda t: tasks_pb.GetPlanProgressRequest(  # noqa: E731
            plan_id=PLAN, division_code="640104", as_of=t)
        before = harness.timestamp_pb2.Timestamp()
        before.FromDatetime(before_assign)
        self.assertEqual(counts(self.call("GetPlanProgress", at(before), city).tasks[29].total),
                         (0, 0, 0, 0, 0))
        self.assertEqual(counts(self.call("GetPlanProgress", at(first.reports[0].report_time),
                                          city).tasks[29].total), (1, 0, 1, 0, 0))
        self.assertEqual(counts(self.call("GetPlanProgress", at(done.reports[1].report_time),
                                          city).tasks[29].total), (1, 0, 0, 1, 0))
        just_before = harness.timestamp_pb2.Timestamp()
        just_before.FromMicroseconds(done.reports[1].report_time.ToMicroseconds() - 1)
        self.assertEqual(counts(self.call("GetPlanProgress", at(just_before), city)
                                .tasks[29].total), (1, 0, 1, 0, 0))
        future = harness.timestamp_pb2.Timestamp()
        future.FromDatetime(datetime.datetime.now(datetime.timezone.utc)
                            + datetime.timedelta(hours=1))
        self.field_error("as_of", "GetPlanProgress", at(future), city)

        # The gauge: by county and state.
        def gauge():
            text = harness.http_get(self.stack["task"].metrics_url)
            return text if metric(text, "lawenforce_assignments", division="640104",
                                  state="done") >= 1 else None
        text = harness.poll(gauge, 10, message="lawenforce_assignments of Xingqing done")
        self.assertGreaterEqual(metric(text, "lawenforce_assignments", tier="county",
                                       division="640105", state="in_progress"), 1)
        self.assertGreaterEqual(metric(text, "lawenforce_assignments", division="640181",
                                       state="not_started"), 1)

    def test_the_ended_plan_takes_no_due_day_of_its_own_and_no_one_off_task(self):
        city = harness.mint_token(roles=["supervisor"], division="640100")
        request = tasks_pb.AssignTaskRequest(plan_id=PLAN, task_number=31,
                                             division_codes=["640100"], unit="银川市司法局")
        if self.ended:
            # No 31 March is left in the plan's period: a due day must be given.
            err = self.field_error("due_date", "AssignTask", request, city)
            self.assertIn("no deadline left", err.details())
            # A one-off task's due day lies within the period, which is over.
            request.task_number = 36
            request.due_date.CopyFrom(date_msg(self.today + datetime.timedelta(days=30)))
            err = self.field_error("due_date", "AssignTask", request, city)
            self.assertIn("after the plan's period", err.details())
        request.task_number = 31
        request.due_date.CopyFrom(date_msg(self.today - datetime.timedelta(days=1)))
        err = self.field_error("due_date", "AssignTask", request, city)
        self.assertIn("in the past", err.details())

    # ---------------------------------------------------------------- outsiders

    def test_another_county_is_denied_alike_for_an_existing_and_a_missing_assignment(self):
        due = next_on_or_after(self.today + datetime.timedelta(days=1), 3, 31)
        assigned = self.call("AssignTask", tasks_pb.AssignTaskRequest(
            plan_id=PLAN, task_number=31, division_codes=["640104"], unit="兴庆区司法局",
            due_date=date_msg(due)), self.admin).assignments
        self.assertEqual(len(assigned), 1)
        existing_id, missing_id = assigned[0].id, str(uuid.uuid4())
        xixia = harness.mint_token(roles=["supervisor"], division="640105", subject="xixia-sfj")
        existing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetAssignment",
                                  tasks_pb.GetAssignmentRequest(id=existing_id), xixia)
        missing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetAssignment",
                                 tasks_pb.GetAssignmentRequest(id=missing_id), xixia)
        self.assertEqual(existing.details(), missing.details())
        self.assertEqual(existing.details(), "caller may not read this assignment")
        existing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ReportProgress",
                                  tasks_pb.ReportProgressRequest(
                                      assignment_id=existing_id, percent=50, narrative="越权"),
                                  xixia)
        missing = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ReportProgress",
                                 tasks_pb.ReportProgressRequest(
                                     assignment_id=missing_id, percent=50, narrative="越权"),
                                 xixia)
        self.assertEqual(existing.details(), missing.details())
        self.assertEqual(existing.details(), "caller may not report progress on this assignment")
        # Xingqing's lists and progress, and assigning there, are Xixia's no more.
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ListAssignments",
                       tasks_pb.ListAssignmentsRequest(division_code="640104"), xixia)
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "GetPlanProgress",
                       tasks_pb.GetPlanProgressRequest(plan_id=PLAN, division_code="640104"),
                       xixia)
        err = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "AssignTask",
                             tasks_pb.AssignTaskRequest(
                                 plan_id=PLAN, task_number=31, division_codes=["640104"],
                                 unit="兴庆区司法局", due_date=date_msg(due)), xixia)
        self.assertEqual(err.details(), "caller may not assign tasks in this division")
        # Its own list holds none of it.
        page = self.call("ListAssignments", tasks_pb.ListAssignmentsRequest(), xixia)
        self.assertNotIn(existing_id, [a.id for a in page.assignments])
        # A region-wide caller is told it does not exist.
        err = self.rpc_error(grpc.StatusCode.NOT_FOUND, "GetAssignment",
                             tasks_pb.GetAssignmentRequest(id=missing_id), self.admin)
        self.assertEqual(err.details(), "assignment not found")
        # An officer reads but neither assigns nor reports (role first).
        officer = harness.mint_token(roles=["officer"], division="640104")
        self.call("GetAssignment", tasks_pb.GetAssignmentRequest(id=existing_id), officer)
        err = self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "ReportProgress",
                             tasks_pb.ReportProgressRequest(
                                 assignment_id=existing_id, percent=50, narrative="x"), officer)
        self.assertEqual(err.details(), "caller may not report progress on this assignment")
        self.rpc_error(grpc.StatusCode.PERMISSION_DENIED, "AssignTask",
                       tasks_pb.AssignTaskRequest(plan_id=PLAN, task_number=44), officer)

    def test_a_bad_task_number_names_the_field(self):
        due = next_on_or_after(self.today + datetime.timedelta(days=1), 1, 15)
        for number in (0, 44, -1):
            err = self.field_error("task_number", "AssignTask", tasks_pb.AssignTaskRequest(
                plan_id=PLAN, task_number=number, division_codes=["640104"], unit="兴庆区司法局",
                due_date=date_msg(due)), self.admin)
            self.assertEqual(err.details(), "task_number: the plan has tasks 1..43")
        err = self.field_error("number", "GetTask",
                               tasks_pb.GetTaskRequest(plan_id=PLAN, number=44), self.admin)
        self.assertEqual(err.details(), "number: the plan has tasks 1..43")
        self.field_error("task_number", "ListAssignments",
                         tasks_pb.ListAssignmentsRequest(task_number=-1), self.admin)

    def test_reflection_lists_the_task_service(self):
        channel = self.stack.channel("task")
        stub = harness.reflection_pb2_grpc.ServerReflectionStub(channel)
        responses = stub.ServerReflectionInfo(iter([harness.reflection_pb2.ServerReflectionRequest(
            list_services="")]), timeout=10 * harness.SLOW_FACTOR)
        names = [s.name for r in responses for s in r.list_services_response.service]
        self.assertIn(SERVICE, names)


if __name__ == "__main__":
    unittest.main()
