"""lawenforcectl's inspection commands end to end: the built CLI binary
against the real personnel-service and case-service binaries (Redis,
service tokens). An agency of Xingqing district, its officers certified for
food_safety (one certificate revoked) and an ITEM_KIND_INSPECTION item, all
made with the CLI; a plan for the current year (CST days, the last
included) from a CSV file of enterprises; a draw re-run here with hashlib
from what `inspection draw-get` prints; a result recorded with the draw's
etag, then refused as already recorded; a bad credit code in the file named
by the service (exit 1) and bad flags by the CLI (exit 2). Inspection
control (〔2024〕54): a cap published and read, visits up to it, the one
beyond it refused and the same visit answering a complaint recorded beyond
it, replayed by --request-id, the enterprise's history, the warning the
third visit raises for the city, a white listing of CST days left out of a
draw."""

import datetime
import hashlib
import os
import unittest

import ctl_harness
import harness
from test_inspections import credit_code, rerun

CST = datetime.timezone(datetime.timedelta(hours=8))


class CliInspectionsTest(ctl_harness.CliTestCase):

    SERVICES = ("personnel", "case")
    ADDRESSES = {"LAWENFORCE_SERVER": "personnel", "LAWENFORCE_CASE_SERVER": "case"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls.mint("--role", "officer", "--division", "640104",
                               "--subject", "inspector-li")

    n = 0

    def next_n(self):
        CliInspectionsTest.n += 1
        return CliInspectionsTest.n

    def certified_officer(self, agency_id):
        """(officer id, certificate id)."""
        n = self.next_n()
        officer = self.ok("officer", "create", "--agency", agency_id, "--name", "检查员%d" % n,
                          "--role", "officer", "--id-number", "-",
                          stdin=harness.unique_id_number(8300 + n) + "\n")
        cert = self.ok("cert", "issue", "--officer", officer["id"], "--number",
                       "NX-CLI-JC-%d" % n, "--kind", "enforcement", "--domain", "food_safety",
                       "--valid-from", "2020-01-01", "--valid-until", "2029-12-31")
        return officer["id"], cert["id"]

    def scene(self):
        """A fresh agency with an inspection item and four certified officers."""
        agency = self.ok("agency", "create", "--name",
                         "兴庆区市场监督管理局（抽查%d）" % self.next_n(),
                         "--division", "640104", "--domain", "food_safety")
        item = self.ok("item", "create", "--agency", agency["id"], "--code",
                       "scjg-jc-%03d" % self.next_n(), "--name", "食品经营日常监督检查",
                       "--kind", "inspection", "--legal-basis",
                       "《中华人民共和国食品安全法》第一百一十条", "--domain", "food_safety",
                       "--effective-from", "2020-01-01T00:00:00+08:00")
        self.assertEqual(item["kind"], "ITEM_KIND_INSPECTION")
        return agency, item, [self.certified_officer(agency["id"]) for _ in range(4)]

    def enterprises_file(self, rows, header=True):
        path = os.path.join(self.stack.workdir, "enterprises-%d.csv" % self.next_n())
        with open(path, "w", encoding="utf-8") as f:
            if header:
                f.write("credit_code,name\n")
            for code, name in rows:
                f.write("%s,%s\n" % (code, name))
        return path

    @staticmethod
    def year_flags():
        year = datetime.datetime.now(CST).year
        return ["--start", "%d-01-01" % year, "--end", "%d-12-31" % year]

    def test_a_plan_drawn_reproduced_and_its_result_recorded_through_the_cli(self):
        agency, item, pool = self.scene()
        officers = [o for o, _ in pool]
        revoked = pool[3][0]
        cert = self.ok("cert", "revoke", pool[3][1], "--reason", "违法行使职权，收回执法证")
        self.assertEqual(cert["state"], "CERTIFICATE_STATE_REVOKED")
        base = self.next_n() * 1000
        rows = [(credit_code(base + i), "银川市兴庆区食品经营户%d" % i) for i in range(8)]
        rows[0] = (rows[0][0], "宁夏某某餐饮有限公司,兴庆分店")  # a comma in the name
        path = self.enterprises_file(rows)

        plan = self.ok("inspection", "plan-create", "--agency", agency["id"], "--item",
                       item["id"], "--name", "年度食品经营双随机抽查", *self.year_flags(),
                       "--enterprises-file", path, "--inspector", ",".join(officers[:3]),
                       "--inspector", officers[3], "--targets", "3",
                       "--request-id", "cli-plan-1")
        self.assertEqual(plan["division_code"], "640104")
        self.assertEqual(plan["domain"], "food_safety")
        self.assertEqual([e["credit_code"] for e in plan["enterprises"]], [c for c, _ in rows])
        self.assertEqual(plan["enterprises"][0]["name"], "宁夏某某餐饮有限公司,兴庆分店")
        self.assertEqual(plan["inspector_ids"], officers)
        self.assertEqual((plan["targets_per_draw"], plan["inspectors_per_target"]), (3, 2))
        # The year in CST: from 1 January 00:00 to the next 1 January 00:00.
        year = datetime.datetime.now(CST).year
        start = datetime.datetime(year, 1, 1, tzinfo=CST).astimezone(datetime.timezone.utc)
        end = datetime.datetime(year + 1, 1, 1, tzinfo=CST).astimezone(datetime.timezone.utc)
        self.assertEqual(plan["period_start"], start.strftime("%Y-%m-%dT%H:%M:%SZ"))
        self.assertEqual(plan["period_end"], end.strftime("%Y-%m-%dT%H:%M:%SZ"))
        listed = self.ok("inspection", "plan-list", "--division", "640104", "--agency",
                         agency["id"], "--all", token=self.officer)
        self.assertEqual([p["id"] for p in listed["plans"]], [plan["id"]])
        self.assertEqual(listed["plans"][0]["enterprise_count"], 8)
        self.assertIn("年度食品经营双随机抽查", self.text("inspection", "plan-get", plan["id"]))

        # The draw, and what anyone can do with what draw-get prints.
        draw = self.ok("inspection", "draw", plan["id"], "--request-id", "cli-draw-1")
        self.assertRegex(draw["seed"], r"^[0-9a-f]{32}$")
        self.assertFalse(draw["seed_chosen"])
        self.assertEqual(draw["inspectors_excluded"], [{"officer_id": revoked,
                                                        "reason": "REVOKED"}])
        got = self.ok("inspection", "draw-get", draw["id"], token=self.officer)
        self.assertEqual(got, draw)
        self.assertEqual(got["algorithm"], "sha256-rank-v1")
        self.assertEqual(got["enterprise_candidates"], sorted(c for c, _ in rows))
        self.assertEqual(got["inspector_candidates"], sorted(officers[:3]))
        expected = rerun(got["seed"], got["enterprise_candidates"], got["inspector_candidates"],
                         3, 2)
        self.assertEqual([(t["enterprise"]["credit_code"], t["inspector_ids"])
                          for t in got["targets"]], expected)
        again = self.ok("inspection", "draw", plan["id"], "--request-id", "cli-draw-1")
        self.assertEqual(again["id"], draw["id"], "the same --request-id replays the draw")
        table = self.text("inspection", "draw-get", draw["id"], token=self.officer)
        self.assertIn(draw["seed"], table)
        self.assertIn(",".join(expected[0][1]), table)
        draws = self.ok("inspection", "draw-list", plan["id"], "--all")
        self.assertEqual([d["id"] for d in draws["draws"]], [draw["id"]])
        self.assertEqual(draws["draws"][0].get("enterprise_candidates", []), [])

        # A public lottery's seed gives the draw hashlib gives.
        seed = hashlib.sha256(b"2025 lottery").hexdigest()[:32]
        chosen = self.ok("inspection", "draw", plan["id"], "--seed", seed)
        self.assertTrue(chosen["seed_chosen"])
        self.assertEqual([(t["enterprise"]["credit_code"], t["inspector_ids"])
                          for t in chosen["targets"]],
                         rerun(seed, sorted(c for c, _ in rows), sorted(officers[:3]), 3, 2))
        bad_seed = self.run_ctl(["inspection", "draw", plan["id"], "--seed", seed.upper()],
                                token=self.admin)
        self.assertEqual(bad_seed.returncode, 1, bad_seed.stderr)
        self.assertIn("  field: seed", bad_seed.stderr)

        # A result, recorded once, with the draw's etag.
        target = draw["targets"][0]["enterprise"]["credit_code"]
        recorded = self.ok("inspection", "result", draw["id"], "--credit-code", target.lower(),
                           "--outcome", "finding", "--summary", "发现超过保质期的食品",
                           "--etag", draw["etag"], token=self.officer)
        result = recorded["targets"][0]["result"]
        self.assertEqual(result["outcome"], "INSPECTION_OUTCOME_FINDING")
        self.assertEqual(result["recorded_by"], "inspector-li")
        self.assertNotEqual(recorded["etag"], draw["etag"])
        twice = self.run_ctl(["inspection", "result", draw["id"], "--credit-code", target,
                              "--outcome", "no_issue", "--summary", "复查",
                              "--etag", recorded["etag"]], token=self.officer)
        self.assertEqual(twice.returncode, 1, twice.stderr)
        self.assertIn("error: FAILED_PRECONDITION", twice.stderr)
        self.assertIn("already recorded", twice.stderr)
        stale = self.run_ctl(["inspection", "result", draw["id"], "--credit-code",
                              draw["targets"][1]["enterprise"]["credit_code"], "--outcome",
                              "no_issue", "--summary", "未发现问题", "--etag", draw["etag"]],
                             token=self.officer)
        self.assertEqual(stale.returncode, 1, stale.stderr)
        self.assertIn("error: ABORTED: etag:", stale.stderr)

    def test_caps_visits_history_white_list_and_warnings_through_the_cli(self):
        agency, item, pool = self.scene()
        officers = [o for o, _ in pool]
        year = datetime.datetime.now(CST).year
        basis = "兴庆区年度涉企行政检查计划"
        cap = self.ok("inspection", "cap-set", "--agency", agency["id"], "--year", str(year),
                      "--max", "2", "--basis", basis)
        self.assertEqual((cap["agency_id"], cap["division_code"], cap["year"], cap["max_visits"],
                          cap["basis"], cap["set_by"]),
                         (agency["id"], "640104", year, 2, basis, "ops-zhang"))
        got = self.ok("inspection", "cap-get", "--agency", agency["id"], "--year", str(year),
                      token=self.officer)
        self.assertEqual(got, cap)
        none = self.run_ctl(["inspection", "cap-get", "--agency", agency["id"], "--year",
                             str(year + 1)], token=self.officer)
        self.assertEqual(none.returncode, 1, none.stderr)
        self.assertEqual(none.stderr, "error: NOT_FOUND: inspection cap not found\n")

        code = credit_code(self.next_n() * 1000)
        visit = ["inspection", "visit", "--credit-code", code, "--name", "银川市兴庆区某食品厂",
                 "--part", "%s:%s" % (agency["id"], item["id"]), "--officer", officers[0],
                 "--officer", officers[1]]
        first = self.ok(*visit, "--basis", "plan", "--basis-ref", "2025-JC-01", "--summary",
                        "检查进货查验记录", "--request-id", "cli-visit-1", token=self.officer)
        self.assertEqual((first["basis"], first["basis_ref"], first["year"],
                          first["division_code"], first["recorded_by"], first["beyond_cap"]),
                         ("VISIT_BASIS_PLAN", "2025-JC-01", year, "640104", "inspector-li", False))
        self.assertEqual(first["officer_ids"], officers[:2])
        self.assertEqual(first["parts"], [{"agency_id": agency["id"], "item_id": item["id"],
                                           "division_code": "640104"}])
        second = self.ok(*visit, "--basis", "plan", "--basis-ref", "2025-JC-02",
                         token=self.officer)
        # The third PLAN visit is beyond the cap: refused, naming the part and the cap.
        third = self.run_ctl(visit + ["--basis", "plan", "--basis-ref", "2025-JC-03"],
                             token=self.officer)
        self.assertEqual(third.returncode, 1, third.stderr)
        self.assertTrue(third.stderr.startswith(
            "error: FAILED_PRECONDITION: visit.parts[0]: agency %s has visited %s 2 times in %d"
            % (agency["id"], code, year)), third.stderr)
        self.assertIn("its cap is 2 (%s)" % basis, third.stderr)
        # Answering a complaint it is recorded beyond the cap; the third
        # visit within the window (default: 3 in 720h) raises a warning.
        table = self.text(*visit, "--basis", "complaint", "--basis-ref", "12345-2025-000123",
                          token=self.officer)
        self.assertRegex(table, r"(?m)^beyond_cap: +true$")
        self.assertRegex(table, r"(?m)^basis: +COMPLAINT$")
        warning_id = [line.split()[-1] for line in table.splitlines()
                      if line.startswith("warning_id:")]
        self.assertEqual(len(warning_id), 1, table)
        complaint_id = [line.split()[-1] for line in table.splitlines()
                        if line.startswith("id:")][0]
        # The same --request-id returns the visit recorded, cap or not.
        replay = self.ok(*visit, "--basis", "plan", "--basis-ref", "2025-JC-01", "--summary",
                         "检查进货查验记录", "--request-id", "cli-visit-1", token=self.officer)
        self.assertEqual(replay, first)

        history = self.ok("inspection", "history", code.lower(), "--page-size", "1", "--all",
                          token=self.officer)
        self.assertEqual(sorted(v["id"] for v in history["visits"]),
                         sorted([first["id"], second["id"], complaint_id]))
        self.assertEqual(history["next_page_token"], "")
        jinfeng = self.ok("inspection", "history", code, "--division", "640106")
        self.assertEqual(jinfeng.get("visits", []), [])
        listing = self.text("inspection", "history", code, "--page-size", "1",
                            token=self.officer)
        self.assertIn("next page: --page-token ", listing)

        # The city's supervisors see the warning; the county's do not.
        city = self.mint("--role", "supervisor", "--division", "640100")
        warnings = self.ok("inspection", "warnings", "--division", "640100", "--all",
                           token=city)
        mine = [w for w in warnings["warnings"] if w["id"] == warning_id[0]]
        self.assertEqual(len(mine), 1, warnings)
        self.assertEqual((mine[0]["credit_code"], mine[0]["division_code"], mine[0]["count"],
                          mine[0]["visit_id"], mine[0]["window_seconds"]),
                         (code, "640100", 3, complaint_id, str(720 * 3600)))
        self.assertEqual(mine[0]["visit_ids"], [first["id"], second["id"], complaint_id])
        county = self.mint("--role", "supervisor", "--division", "640104")
        own = self.ok("inspection", "warnings", token=county)
        self.assertNotIn(warning_id[0], [w["id"] for w in own.get("warnings", [])])
        denied = self.run_ctl(["inspection", "warnings"], token=self.officer)
        self.assertEqual(denied.returncode, 1, denied.stderr)
        self.assertIn("error: PERMISSION_DENIED", denied.stderr)

        # A white listing for CST days, the last included, left out of a draw.
        listed_code = credit_code(self.next_n() * 1000)
        start = datetime.datetime.now(CST).date()
        end = start + datetime.timedelta(days=29)
        entry = self.ok("inspection", "whitelist-add", "--agency", agency["id"], "--credit-code",
                        listed_code.lower(), "--name", "银川市兴庆区某诚信食品店", "--start",
                        start.isoformat(), "--end", end.isoformat(), "--reason",
                        "信用A级，无事不扰", "--request-id", "cli-white-1")
        self.assertEqual((entry["division_code"], entry["enterprise"]["credit_code"],
                          entry["added_by"]), ("640104", listed_code, "ops-zhang"))
        utc = datetime.timezone.utc
        midnight = lambda d: datetime.datetime(d.year, d.month, d.day, tzinfo=CST)  # noqa: E731
        self.assertEqual(entry["start_time"],
                         midnight(start).astimezone(utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        self.assertEqual(entry["end_time"],
                         midnight(end + datetime.timedelta(days=1)).astimezone(utc).strftime(
                             "%Y-%m-%dT%H:%M:%SZ"))
        again = self.ok("inspection", "whitelist-add", "--agency", agency["id"], "--credit-code",
                        listed_code.lower(), "--name", "银川市兴庆区某诚信食品店", "--start",
                        start.isoformat(), "--end", end.isoformat(), "--reason",
                        "信用A级，无事不扰", "--request-id", "cli-white-1")
        self.assertEqual(again["id"], entry["id"])
        entries = self.ok("inspection", "whitelist-list", "--agency", agency["id"], "--all",
                          token=self.officer)
        self.assertEqual([x["id"] for x in entries["entries"]], [entry["id"]])
        self.assertIn("信用A级，无事不扰",
                      self.text("inspection", "whitelist-list", "--agency", agency["id"]))
        rows = [(listed_code, "银川市兴庆区某诚信食品店"), (code, "银川市兴庆区某食品厂"),
                (credit_code(self.next_n() * 1000), "银川市兴庆区食品经营户")]
        plan = self.ok("inspection", "plan-create", "--agency", agency["id"], "--item",
                       item["id"], "--name", "年度食品经营双随机抽查", *self.year_flags(),
                       "--enterprises-file", self.enterprises_file(rows), "--inspector",
                       ",".join(officers), "--targets", "3")
        draw = self.ok("inspection", "draw", plan["id"])
        self.assertEqual(draw["enterprises_whitelisted"], [listed_code])
        self.assertEqual(draw["enterprise_candidates"], sorted(c for c, _ in rows[1:]))

        # Usage errors before any call; the service's field errors.
        out = self.run_ctl(["inspection", "visit", "--credit-code", code, "--name", "店",
                            "--part", agency["id"], "--officer", ",".join(officers[:2]),
                            "--basis", "plan", "--basis-ref", "r"], token=self.officer)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("--part: want AGENCY:ITEM", out.stderr)
        out = self.run_ctl(visit + ["--basis", "inspection", "--basis-ref", "r"],
                           token=self.officer)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("--basis: want one of draw|complaint|clue|plan", out.stderr)
        out = self.run_ctl(["inspection", "whitelist-add", "--agency", agency["id"],
                            "--credit-code", listed_code, "--name", "店", "--start",
                            end.isoformat(), "--end", start.isoformat(), "--reason", "r"],
                           token=self.admin)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("--end: want a day on or after --start", out.stderr)
        bad = visit[:]
        bad[3] = code[:-1] + ("1" if code[-1] == "0" else "0")
        out = self.run_ctl(bad + ["--basis", "clue", "--basis-ref", "XS-1"], token=self.officer)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("  field: visit.enterprise.credit_code", out.stderr)

    def test_a_bad_credit_code_in_the_file_is_named_by_the_service(self):
        agency, item, pool = self.scene()
        base = self.next_n() * 1000
        rows = [(credit_code(base + i), "食品经营户%d" % i) for i in range(3)]
        code = rows[2][0]
        rows[2] = (code[:-1] + ("1" if code[-1] == "0" else "0"), rows[2][1])
        out = self.run_ctl(["inspection", "plan-create", "--agency", agency["id"], "--item",
                            item["id"], "--name", "抽查", *self.year_flags(),
                            "--enterprises-file", self.enterprises_file(rows, header=False),
                            "--inspector", ",".join(o for o, _ in pool), "--targets", "1"],
                           token=self.admin)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("error: INVALID_ARGUMENT", out.stderr)
        self.assertIn("  field: plan.enterprises[2].credit_code", out.stderr)

    def test_bad_flags_are_usage_errors_before_any_call(self):
        common = ["inspection", "plan-create", "--agency", "a", "--item", "i", "--name", "n",
                  "--inspector", "o1,o2", "--targets", "1"]
        path = self.enterprises_file([(credit_code(1), "店")])
        out = self.run_ctl(common + ["--start", "2025-12-31", "--end", "2025-01-01",
                                     "--enterprises-file", path], token=self.admin)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("--end: want a day on or after --start", out.stderr)
        out = self.run_ctl(common + self.year_flags() + ["--enterprises-file", "-"],
                           stdin="%s\n" % credit_code(1), token=self.admin)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("--enterprises-file: line 1: want CREDIT_CODE,NAME", out.stderr)
        out = self.run_ctl(["inspection", "result", "d", "--credit-code", "c", "--outcome",
                            "ok", "--summary", "s"], token=self.officer)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("--outcome: want one of no_issue|finding|not_inspected", out.stderr)


if __name__ == "__main__":
    unittest.main()
