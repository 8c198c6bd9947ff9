"""lawenforcectl's case commands end to end: the built CLI binary against the
real personnel-service and case-service binaries (Redis, service tokens),
nothing but the command line in between. Tokens are minted by the CLI
itself; the agency, its certified officers and a legal reviewer are made
with the personnel commands (identity-card numbers on stdin); an item is
added and revised, a benchmark published from JSON on stdin, a case filed
with the party's identity-card number on stdin (never on the command line,
never printed back), its decision clock paused, resumed and extended, the
case reviewed, decided within the benchmark, published, executed and
closed; the clocks are explained in the readable layout, the record read,
its heads exported and the chain verified (a wrong head exits 1)."""

import datetime
import hashlib
import json
import os
import unittest

import ctl_harness
import harness

CST = datetime.timezone(datetime.timedelta(hours=8))


def rfc3339(dt):
    return dt.astimezone(CST).isoformat(timespec="seconds")


class CliCasesTest(ctl_harness.CliTestCase):

    SERVICES = ("personnel", "case")
    ADDRESSES = {"LAWENFORCE_SERVER": "personnel", "LAWENFORCE_CASE_SERVER": "case"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls.mint("--role", "officer", "--division", "640104",
                               "--subject", "officer-li")
        cls.reviewer = cls.mint("--role", "legal_reviewer", "--division", "640104",
                                "--subject", "reviewer-ma")
        cls.city = cls.mint("--role", "supervisor", "--division", "640100")

    # ------------------------------------------------------------ personnel side

    def officer_with_certificate(self, agency_id, n, role):
        officer = self.ok("officer", "create", "--agency", agency_id, "--name", "执法员%d" % n,
                          "--role", role, "--id-number", "-",
                          stdin=harness.unique_id_number(8100 + n) + "\n")
        self.ok("cert", "issue", "--officer", officer["id"], "--number", "NX-CLI-%d" % n,
                "--kind", "enforcement", "--domain", "food_safety", "--valid-from", "2020-01-01",
                "--valid-until", "2029-12-31")
        return officer["id"]

    # ------------------------------------------------------------ the walkthrough

    def test_a_case_from_item_to_verified_record_through_the_cli(self):
        agency = self.ok("agency", "create", "--name", "兴庆区市场监督管理局（命令行）",
                         "--division", "640104", "--domain", "food_safety")
        o1 = self.officer_with_certificate(agency["id"], 1, "officer")
        o2 = self.officer_with_certificate(agency["id"], 2, "officer")
        reviewer = self.officer_with_certificate(agency["id"], 3, "legal_reviewer")

        # The catalogue: an item in force since 2020, revised now.
        item = self.ok("item", "create", "--agency", agency["id"], "--code", "scjg-cli-001",
                       "--name", "销售不符合食品安全标准的食品", "--kind", "penalty",
                       "--legal-basis", "《中华人民共和国食品安全法》第一百二十四条",
                       "--domain", "food_safety", "--major",
                       "--effective-from", "2020-01-01T00:00:00+08:00")
        self.assertEqual(item["code"], "SCJG-CLI-001")
        self.assertEqual(item["kind"], "ITEM_KIND_PENALTY")
        revised = self.ok("item", "revise", item["id"], "--reason", "名称规范",
                          "--name", "销售不符合食品安全标准的食品（修订）")
        self.assertEqual([v["number"] for v in revised["versions"]], ["1", "2"])
        latest = revised["versions"][-1]
        self.assertEqual(latest["name"], "销售不符合食品安全标准的食品（修订）")
        self.assertEqual(latest["legal_basis"], "《中华人民共和国食品安全法》第一百二十四条",
                         "what was not given is kept")
        self.assertTrue(latest["major"])
        listed = self.ok("item", "list", "--division", "640104", "--agency", agency["id"],
                         "--all")
        self.assertEqual([i["id"] for i in listed["items"]], [item["id"]])
        self.assertIn("SCJG-CLI-001", self.text("item", "get", item["id"]))

        # The benchmark, its levels as JSON on stdin.
        levels = [{"code": "general", "description": "一般情节",
                   "allowed_kinds": ["PENALTY_KIND_WARNING", "PENALTY_KIND_FINE"],
                   "min_fine_fen": "50000", "max_fine_fen": "500000"}]
        self.ok("benchmark", "publish", "--item", item["id"], "--basis", "宁夏市场监管行政处罚裁量权基准",
                "--levels-file", "-", "--effective-from", "2020-01-01T00:00:00+08:00",
                stdin=json.dumps(levels, ensure_ascii=False))
        far = self.mint("--role", "auditor", "--division", "640302")
        bench = self.ok("benchmark", "get", "--item", item["id"], token=far)
        self.assertEqual(bench["levels"][0]["max_fine_fen"], "500000")
        versions = self.ok("benchmark", "versions", "--item", item["id"])
        self.assertEqual([v["number"] for v in versions["versions"]], ["1"])

        # Filing: the party's identity-card number on stdin only.
        party_number = harness.unique_id_number(9101)
        violation = rfc3339(datetime.datetime.now(CST) - datetime.timedelta(days=3))
        filing = ["case", "file", "--agency", agency["id"], "--item", item["id"],
                  "--facts", "销售超过保质期的食品", "--violation-time", violation,
                  "--officer", o1, "--officer", o2, "--party", "individual:张三",
                  "--id-number", "-", "--request-id", "cli-case-1"]
        filed = self.run_ctl(["--output", "json"] + filing, stdin=party_number + "\n",
                             token=self.officer)
        self.assertEqual(filed.returncode, 0, filed.stderr)
        self.assertNotIn(party_number, filed.stdout + filed.stderr)
        case = json.loads(filed.stdout)
        self.assertEqual(case["state"], "CASE_STATE_FILED")
        self.assertEqual(case["parties"][0]["id_number"], "")
        self.assertTrue(case["parties"][0]["id_number_masked"].startswith("640104"))
        again = self.ok(*filing, stdin=party_number + "\n", token=self.officer)
        self.assertEqual(again["id"], case["id"], "a retry with the same --request-id replays")
        cid = case["id"]

        # Investigation, evidence, and the decision clock paused, resumed, extended.
        self.ok("case", "start-investigation", cid, token=self.officer)
        photo = hashlib.sha256(b"photo of the shelf").hexdigest()
        self.ok("case", "record-evidence", cid, "--evidence", photo + ":photo:货架现场照片",
                token=self.officer)
        self.ok("case", "pause-clock", cid, "--clock", "decision", "--pause-reason",
                "testing_appraisal", "--reason", "样品送检", token=self.officer)
        paused = self.text("case", "explain", cid, "decision", token=self.officer)
        self.assertIn("state:        PAUSED\n", paused)
        self.assertIn("due:          none while paused", paused)
        self.ok("case", "resume-clock", cid, "--clock", "decision", "--reason", "检验报告已出",
                token=self.officer)
        self.ok("case", "extend-clock", cid, "--clock", "decision", "--extension", "10",
                "--reason", "案情复杂，负责人批准延长")

        # Legal review, notice, decision within the benchmark.
        self.ok("case", "submit-review", cid, "--outcome", "penalty", "--circumstance", "general",
                "--penalty", "fine", "--fine-fen", "300000", token=self.officer)
        reviewed = self.ok("case", "complete-review", cid, "--outcome", "approved", "--reviewer",
                           reviewer, "--opinion", "事实清楚，证据确凿", token=self.reviewer)
        self.assertEqual(reviewed["legal_review"]["outcome"], "REVIEW_OUTCOME_APPROVED")
        self.ok("case", "notify", cid, "--hearing-waived", token=self.officer)
        decided = self.ok("case", "decide", cid, "--outcome", "penalty", "--circumstance",
                          "general", "--penalty", "fine", "--fine-fen", "300000",
                          "--served-on-the-spot", token=self.officer)
        self.assertEqual(decided["state"], "CASE_STATE_DECIDED")
        self.assertEqual(decided["decision"]["benchmark_version"], "1")
        self.assertEqual(decided["decision"]["outside_benchmark"], "")
        self.ok("case", "publish", cid, token=self.officer)
        self.ok("case", "record-execution", cid, "--reason", "罚款已缴纳", token=self.officer)
        closed = self.ok("case", "close", cid, token=self.officer)
        self.assertEqual(closed["state"], "CASE_STATE_CLOSED")

        # The decision clock, explained for a person...
        explained = self.text("case", "explain", cid, "decision", token=self.officer)
        self.assertIn("clock:        decision: decision after filing\n", explained)
        self.assertIn("legal basis:  APL art. 60", explained)
        self.assertIn("rule:         90 calendar days from filing\n", explained)
        self.assertRegex(explained, r"started:      \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00")
        self.assertIn("state:        MET (on time)\n", explained)
        self.assertIn("provisional:  ", explained)
        self.assertIn("pause (testing_appraisal)", explained)
        self.assertIn("样品送检", explained)
        self.assertIn("resume", explained)
        self.assertIn("extend +10 calendar days", explained)
        self.assertIn("ops-zhang", explained, "who approved the extension")
        # ... and for a script.
        raw = self.ok("case", "explain", cid, "decision", token=self.officer)
        self.assertEqual([e["kind"] for e in raw["events"]],
                         ["CLOCK_EVENT_KIND_PAUSE", "CLOCK_EVENT_KIND_RESUME",
                          "CLOCK_EVENT_KIND_EXTEND"])
        self.assertEqual(raw["events"][2]["extension"], 10)
        publicity = self.ok("case", "explain", cid, "publicity", token=self.officer)
        self.assertEqual(publicity["period_count"], 7)
        self.assertEqual(publicity["period_unit"], "PERIOD_UNIT_WORKING_DAYS")
        self.assertTrue(publicity["on_time"])
        self.assertIn("118", publicity["legal_basis"])

        # Listed by the city with the main filters.
        page = self.ok("case", "list", "--division", "640100", "--officer", o1, "--state",
                       "closed", "--item", item["id"], "--overdue=false", "--all",
                       token=self.city)
        self.assertEqual([c["id"] for c in page["cases"]], [cid])
        none = self.ok("case", "list", "--division", "640100", "--enterprise-party",
                       "--agency", agency["id"], token=self.city)
        self.assertEqual(none.get("cases", []), [])

        # Its figures, as the city reads them for the agency (the period
        # open: as of now).
        today = datetime.datetime.now(CST).date()
        stats = self.ok("case", "stats", "--agency", agency["id"],
                        "--from", (today - datetime.timedelta(days=1)).isoformat(),
                        "--to", (today + datetime.timedelta(days=1)).isoformat(),
                        token=self.city)
        self.assertEqual(stats["agency_id"], agency["id"])
        self.assertEqual(stats["division_code"], "640104")
        self.assertFalse(stats.get("closed_period", False))
        self.assertEqual(stats["cases_filed"], "1")
        self.assertEqual(stats["by_state"], [{"key": "CASE_STATE_CLOSED", "count": "1"}])
        self.assertEqual(stats["cases_ended"], "1")
        self.assertEqual(stats["decisions"], "1")
        self.assertEqual(stats["decisions_review_required_reviewed"], "1")
        self.assertEqual(stats["legal_reviews"], "1")
        self.assertEqual(stats["published_on_time"], "1")

        # The record: read, heads exported, verified against the case and the head.
        record = self.ok("record", "get", cid, token=self.officer)
        self.assertEqual(int(record["head"]["length"]), len(record["entries"]))
        self.assertEqual(record["entries"][-1]["hash"], record["head"]["hash"])
        self.assertIn("CLOSE", " ".join(e["action"] for e in record["entries"]).upper())
        self.assertIn(photo, json.dumps(record))
        self.assertNotIn(party_number, json.dumps(record, ensure_ascii=False))
        self.assertNotIn(party_number, self.text("case", "get", cid, token=self.officer))
        heads = self.ok("record", "export-heads", "--division", "640104", "--all")
        head = [h for h in heads["heads"] if h["case_id"] == cid][0]["head"]
        self.assertEqual(head, record["head"])
        verified = self.ok("record", "verify", cid, token=self.officer)
        self.assertTrue(verified["intact"], verified)
        self.assertEqual(int(verified["entries_verified"]), len(record["entries"]))
        against = self.text("record", "verify", cid, "--expected-length", head["length"],
                            "--expected-hash", head["hash"], token=self.officer)
        self.assertIn("intact:", against)
        self.assertRegex(against, r"intact:\s+true")
        wrong = self.run_ctl(["record", "verify", cid, "--expected-length", head["length"],
                              "--expected-hash", "f" * 64], token=self.officer)
        self.assertEqual(wrong.returncode, 1, wrong.stdout + wrong.stderr)
        self.assertRegex(wrong.stdout, r"intact:\s+false")
        self.assertIn("error: record not intact", wrong.stderr)

        # The officer's acts on it.
        acts = self.ok("case", "officer-acts", "--officer", o1, "--division", "640104", "--all")
        self.assertIn(cid, {a["case_id"] for a in acts["acts"]})

    # ------------------------------------------------------------ edges

    def test_an_individual_party_without_its_number_is_a_usage_error_before_any_call(self):
        out = self.run_ctl(["case", "file", "--agency", "a", "--item", "i", "--facts", "f",
                            "--violation-time", "2025-03-01T09:30:00+08:00", "--officer", "o1",
                            "--officer", "o2", "--party", "individual:张三"], token=self.officer)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("--id-number - (stdin) or --id-number-file PATH", out.stderr)
        number = harness.unique_id_number(9102)
        out = self.run_ctl(["case", "file", "--agency", "a", "--item", "i", "--facts", "f",
                            "--violation-time", "2025-03-01T09:30:00+08:00", "--officer", "o1",
                            "--officer", "o2", "--party", "individual:张三", "--party",
                            "individual:李四", "--id-number", "-"],
                           stdin=number + "\n", token=self.officer)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("1 identity-card number(s) for 2 individual parties", out.stderr)
        self.assertNotIn(number, out.stderr + out.stdout)

    def test_the_number_may_come_from_a_file(self):
        # A bad request (not a UUID) proves the number was read and sent: the
        # server, not the CLI, names the field.
        path = os.path.join(self.stack.workdir, "party-id")
        with open(path, "w") as f:
            f.write(harness.unique_id_number(9103) + "\n")
        os.chmod(path, 0o600)
        out = self.run_ctl(["case", "file", "--agency", "not-a-uuid", "--item", "i", "--facts",
                            "f", "--violation-time", "2025-03-01T09:30:00+08:00", "--officer",
                            "o1", "--officer", "o2", "--party", "individual:张三",
                            "--id-number-file", path], token=self.officer)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("error: INVALID_ARGUMENT", out.stderr)
        self.assertIn("  field: case.", out.stderr)

    def test_an_unreachable_case_service_exits_three_naming_it(self):
        err = self.unreachable("case", "get", "c-1", flag="case-server", token=self.officer)
        self.assertIn("(case-service)", err)

    def test_the_default_case_address_is_case_services_port(self):
        self.assert_default_address_in_help("LAWENFORCE_CASE_SERVER", "case")


if __name__ == "__main__":
    unittest.main()
