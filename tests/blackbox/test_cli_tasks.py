"""lawenforcectl's task commands end to end: the built CLI binary against
the real task-service binary (Redis) on the region's real plan file
(data/plans/ningxia-2023-2025.json), nothing but the command line in
between. Tokens are minted by the CLI itself. The plan is listed with its
43 tasks and status (ENDED once 2025 is over), task 30 (the annual
enforcement report, yearly by 15 January) read; task 30 assigned with one
`assignment create` to every county of Yinchuan (640100) with a due day in
the future (a yearly task may be due after the plan's period), replayed by
its --request-id; Xingqing's agency admin reports 40% (then a stale etag)
and 100%, done on time; the assignments listed by the city, filtered by
state and paged with --all; the plan's progress rolled up for the city,
now and as of a moment before the assignments; the annual report of last
year generated twice, listed, published, exported as HTML and Markdown,
the due-day status of the city's subtree, this year's report refused
publication; usage, server and unreachable errors."""

import datetime
import unittest
import uuid

import ctl_harness

CST = datetime.timezone(datetime.timedelta(hours=8))
PLAN = "ningxia-2023-2025"
# The counties of Yinchuan in data/ningxia-divisions.tsv.
YINCHUAN_COUNTIES = {"640104", "640105", "640106", "640121", "640122", "640181"}


def counts(c):
    return (c["assignments"], c["not_started"], c["in_progress"], c["done"], c["overdue"])


def next_on_or_after(day, month, dom):
    d = datetime.date(day.year, month, dom)
    return d if d >= day else datetime.date(day.year + 1, month, dom)


def rfc3339(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class CliTasksTest(ctl_harness.CliTestCase):

    SERVICES = ("personnel", "case", "supervision", "task")
    ADDRESSES = {"LAWENFORCE_TASK_SERVER": "task"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.city = cls.mint("--role", "supervisor", "--division", "640100",
                            "--subject", "yinchuan-sfj")
        cls.xingqing = cls.mint("--role", "agency_admin", "--division", "640104",
                                "--subject", "xingqing-sfj")
        cls.today = datetime.datetime.now(CST).date()
        cls.ended = cls.today > datetime.date(2025, 12, 31)

    # ------------------------------------------------------------ the plan

    def test_the_plan_and_task_30_through_the_cli(self):
        officer = self.mint("--role", "officer", "--division", "640302")
        plans = self.ok("plan", "list", token=officer)["plans"]
        self.assertEqual([p["id"] for p in plans], [PLAN])
        plan = plans[0]
        self.assertEqual(plan["task_count"], 43)
        self.assertEqual(plan["status"], "PLAN_STATUS_ENDED" if self.ended
                         else "PLAN_STATUS_ACTIVE")
        self.assertEqual(plan["period_end"], {"year": 2025, "month": 12, "day": 31})
        table = self.text("plan", "list", token=officer)
        self.assertIn(PLAN, table)
        self.assertIn("ENDED" if self.ended else "ACTIVE", table)
        self.assertEqual(self.ok("plan", "get", PLAN, token=officer)["task_count"], 43)

        task = self.ok("task", "get", "30", "--plan", PLAN, token=officer)
        self.assertEqual(task["number"], 30)
        self.assertEqual(task["section"], "二(四)")
        self.assertIn("建立行政执法工作年度报告制度", task["text"])
        self.assertTrue(task["yearly"])
        self.assertEqual([(d["kind"], d["month"], d["day"], d["source"])
                          for d in task["deadlines"]],
                         [("DEADLINE_KIND_YEARLY", 1, 15, "每年1月15日前")])
        self.assertIn("每年1月15日前", self.text("task", "get", "30", "--plan", PLAN))
        section = self.ok("task", "list", "--plan", PLAN, "--section", "二(四)")
        self.assertEqual([t["number"] for t in section["tasks"]], list(range(24, 34)))

    # ------------------------------------------------------------ assignments

    def test_task_30_to_every_county_of_yinchuan_reported_listed_and_rolled_up(self):
        before = rfc3339(datetime.datetime.now(datetime.timezone.utc)
                         - datetime.timedelta(seconds=1))
        # Yearly: may be due after the plan's period, so a future 15 January.
        due = next_on_or_after(self.today + datetime.timedelta(days=1), 1, 15)
        request_id = "cli-yinchuan-" + uuid.uuid4().hex
        create = ["assignment", "create", "--plan", PLAN, "--task", "30",
                  "--fan-out-parent", "640100", "--fan-out-tier", "county",
                  "--unit", "{division}司法局", "--owner", "法治督察科",
                  "--due", due.isoformat(), "--request-id", request_id]
        assigned = self.ok(*create, token=self.city)["assignments"]
        self.assertEqual({a["division_code"] for a in assigned}, YINCHUAN_COUNTIES)
        for a in assigned:
            self.assertEqual(a["task_number"], 30)
            self.assertEqual(a["tier"], "TIER_COUNTY")
            self.assertEqual(a["due_date"], {"year": due.year, "month": due.month,
                                             "day": due.day})
            self.assertEqual(a["state"], "ASSIGNMENT_STATE_NOT_STARTED")
            self.assertEqual(a["owner"], "法治督察科")
            self.assertEqual(a["assigned_by"], "yinchuan-sfj")
        by_division = {a["division_code"]: a for a in assigned}
        self.assertEqual(by_division["640104"]["unit"], "兴庆区司法局")
        # The same --request-id again: the same assignments, nothing more.
        again = self.ok(*create, token=self.city)["assignments"]
        self.assertEqual(sorted(a["id"] for a in again), sorted(a["id"] for a in assigned))

        # Xingqing reports 40%, a stale etag is refused, then 100%: done on time.
        mine = by_division["640104"]
        first = self.ok("assignment", "report", mine["id"], "--percent", "40",
                        "--narrative", "年度行政执法工作报告初稿已完成",
                        "--evidence", "兴司发〔2026〕3号", "--etag", mine["etag"],
                        token=self.xingqing)
        self.assertEqual(first["state"], "ASSIGNMENT_STATE_IN_PROGRESS")
        self.assertEqual(first["percent"], 40)
        stale = self.run_ctl(["assignment", "report", mine["id"], "--percent", "60",
                              "--narrative", "重复提交", "--etag", mine["etag"]],
                             token=self.xingqing)
        self.assertEqual(stale.returncode, 1, stale.stderr)
        self.assertIn("error: ABORTED", stale.stderr)
        done = self.ok("assignment", "report", mine["id"], "--percent", "100",
                       "--narrative", "年度报告已报送并向社会公开\n已在政府网站公开",
                       "--evidence", "兴司发〔2026〕5号",
                       "--evidence", "https://www.xqq.gov.cn/zwgk/", "--etag", first["etag"],
                       token=self.xingqing)
        self.assertEqual(done["state"], "ASSIGNMENT_STATE_DONE")
        self.assertTrue(done["on_time"])
        self.assertEqual([(r["seq"], r["percent"], r["evidence"]) for r in done["reports"]],
                         [("1", 40, ["兴司发〔2026〕3号"]),
                          ("2", 100, ["兴司发〔2026〕5号", "https://www.xqq.gov.cn/zwgk/"])])
        shown = self.text("assignment", "get", mine["id"], token=self.xingqing)
        self.assertRegex(shown, r"state:\s+DONE\n")
        self.assertIn("兴庆区司法局", shown)

        # Listed by the city: every county, paged with --all; the done one by state.
        paged = self.ok("assignment", "list", "--division", "640100", "--plan", PLAN,
                        "--task", "30", "--page-size", "4", "--all", token=self.city)
        self.assertEqual(sorted(a["id"] for a in paged["assignments"]),
                         sorted(a["id"] for a in assigned))
        self.assertEqual(paged["next_page_token"], "")
        one = self.ok("assignment", "list", "--division", "640100", "--plan", PLAN,
                      "--task", "30", "--state", "done", token=self.city)
        self.assertEqual([a["id"] for a in one["assignments"]], [mine["id"]])
        self.assertIn(mine["id"], self.text("assignment", "list", "--state", "done",
                                            token=self.xingqing))

        # The roll-up for the city, now and before the assignments.
        progress = self.ok("plan", "progress", "--plan", PLAN, "--division", "640100",
                           token=self.city)
        self.assertEqual(progress["division_code"], "640100")
        self.assertEqual(progress["plan_status"], "PLAN_STATUS_ENDED" if self.ended
                         else "PLAN_STATUS_ACTIVE")
        self.assertEqual([t["task_number"] for t in progress["tasks"]], list(range(1, 44)))
        task30 = progress["tasks"][29]
        self.assertEqual(counts(task30["total"]), (6, 5, 0, 1, 0))
        self.assertEqual([(t["tier"], counts(t["counts"])) for t in task30["by_tier"]],
                         [("TIER_COUNTY", (6, 5, 0, 1, 0))])
        then = self.ok("plan", "progress", "--plan", PLAN, "--division", "640104",
                       "--as-of", before, token=self.city)
        self.assertEqual(counts(then["tasks"][29]["total"]), (0, 0, 0, 0, 0))
        at_first = self.ok("plan", "progress", "--plan", PLAN, "--division", "640104",
                           "--as-of", done["reports"][0]["report_time"], token=self.city)
        self.assertEqual(counts(at_first["tasks"][29]["total"]), (1, 0, 1, 0, 0))
        self.assertIn("640100", self.text("plan", "progress", "--plan", PLAN, "--division",
                                          "640100", token=self.city))

    # ------------------------------------------------------------ edges

    # ------------------------------------------------------------ the annual report

    def test_the_annual_report_generated_published_exported_and_its_status(self):
        county = self.mint("--role", "supervisor", "--division", "640106",
                           "--subject", "jinfeng-sfj")
        last_year = self.today.year - 1
        first = self.ok("report", "generate", "--division", "640106", "--year",
                        str(last_year), token=county)
        self.assertEqual(first["state"], "REPORT_STATE_DRAFT")
        self.assertTrue(first["closed_period"])
        self.assertEqual(first["scope_name"], "金凤区")
        again = self.ok("report", "generate", "--division", "640106", "--year",
                        str(last_year), token=county)
        self.assertEqual(int(again["version"]), int(first["version"]) + 1)
        listed = self.ok("report", "list", "--division", "640106", "--year", str(last_year),
                         token=county)["reports"]
        self.assertEqual([r["id"] for r in listed], [again["id"], first["id"]])
        published = self.ok("report", "publish", again["id"], token=county)
        self.assertEqual(published["state"], "REPORT_STATE_PUBLISHED")
        # The export is the document itself on stdout.
        html = self.text("report", "export", again["id"], "--format", "html", token=county)
        self.assertTrue(html.startswith("<!DOCTYPE html>"), html[:80])
        self.assertTrue(html.rstrip().endswith("</html>"), html[-80:])
        self.assertIn("<figure>", html)
        md = self.text("report", "export", again["id"], "--format", "markdown", token=county)
        self.assertIn("%d年度行政执法工作报告" % last_year, md)
        # Published after 15 January: late; the city's own report is missing.
        status = self.ok("report", "status", "--division", "640100", "--year", str(last_year),
                         token=self.city)
        states = {d["division_code"]: d["state"] for d in status["divisions"]}
        late = self.today > datetime.date(self.today.year, 1, 15)
        self.assertEqual(states["640106"],
                         "REPORT_DUE_STATE_LATE" if late else "REPORT_DUE_STATE_ON_TIME")
        self.assertEqual(states["640100"],
                         "REPORT_DUE_STATE_OVERDUE" if late else "REPORT_DUE_STATE_PENDING")
        # This year's report cannot be published while the year lasts.
        current = self.ok("report", "generate", "--division", "640106", "--year",
                          str(self.today.year), token=county)
        out = self.run_ctl(["report", "publish", current["id"]], token=county)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("FAILED_PRECONDITION", out.stderr)
        both = self.run_ctl(["report", "generate", "--division", "640106", "--agency", "x",
                             "--year", "2025"], token=county)
        self.assertEqual(both.returncode, 2, both.stderr)

    def test_a_fan_out_without_its_tier_is_a_usage_error(self):
        out = self.run_ctl(["assignment", "create", "--plan", PLAN, "--task", "30",
                            "--fan-out-parent", "640100", "--unit", "银川市司法局"],
                           token=self.city)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("--fan-out-parent needs --fan-out-tier", out.stderr)

    def test_the_server_names_a_bad_field(self):
        out = self.run_ctl(["task", "get", "44", "--plan", PLAN], token=self.city)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("error: INVALID_ARGUMENT", out.stderr)
        self.assertIn("  field: number", out.stderr)
        past = self.run_ctl(["assignment", "create", "--plan", PLAN, "--task", "31",
                             "--division", "640100", "--unit", "银川市司法局", "--due",
                             (self.today - datetime.timedelta(days=1)).isoformat()],
                            token=self.city)
        self.assertEqual(past.returncode, 1, past.stderr)
        self.assertIn("  field: due_date", past.stderr)

    def test_an_unreachable_task_service_exits_three_naming_it(self):
        err = self.unreachable("plan", "list", flag="task-server", token=self.city)
        self.assertIn("(task-service)", err)

    def test_the_default_task_address_is_task_services_port(self):
        self.assert_default_address_in_help("LAWENFORCE_TASK_SERVER", "task")


if __name__ == "__main__":
    unittest.main()
