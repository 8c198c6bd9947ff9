"""`lawenforcectl import cases` and `import inspections` end to end: the
built CLI against the real personnel-service and case-service binaries. An
agency with a penalty and an inspection item and two certified officers,
made with the CLI; an NDJSON file of three cases (one with two acts) sent
in batches of two: created, then the same file again unchanged, then the
file with an act added to one record: one updated; a file with a bad
record: exit 1, that record named on standard error with its position and
field, the others imported; a line that is not JSON: exit 2 and nothing
sent; --validate-only; visits from NDJSON on standard input, twice. No
identity-card number is ever printed."""

import datetime
import json
import os
import tempfile
import time
import unittest

import ctl_harness
import harness
from test_inspections import credit_code

CST = datetime.timezone(datetime.timedelta(hours=8))
PARTY_NUMBERS = [harness.unique_id_number(9900 + i) for i in range(6)]


def rfc3339(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class CliImportTest(ctl_harness.CliTestCase):

    SERVICES = ("personnel", "case")
    ADDRESSES = {"LAWENFORCE_SERVER": "personnel", "LAWENFORCE_CASE_SERVER": "case"}
    NEVER_PRINTED = tuple(PARTY_NUMBERS)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.system = cls.mint("--role", "system", "--division", "640104", "--subject", "amr-sync")

    def scene(self, n):
        agency = self.ok("agency", "create", "--name", "兴庆区市场监督管理局（导入%d）" % n,
                         "--division", "640104", "--domain", "food_safety")["id"]
        officers = []
        for i in range(2):
            officer = self.ok("officer", "create", "--agency", agency, "--name", "执法员%d%d" % (n, i),
                              "--role", "officer", "--id-number", "-",
                              stdin=harness.unique_id_number(9300 + 10 * n + i) + "\n")["id"]
            self.ok("cert", "issue", "--officer", officer, "--number", "NX-CLI-DR-%d-%d" % (n, i),
                    "--kind", "enforcement", "--domain", "food_safety",
                    "--valid-from", "2020-01-01", "--valid-until", "2029-12-31")
            officers.append(officer)
        items = {}
        for kind, code in (("penalty", "CF-%d" % n), ("inspection", "JC-%d" % n)):
            items[kind] = self.ok("item", "create", "--agency", agency, "--code", code,
                                  "--name", "销售过期食品", "--kind", kind,
                                  "--legal-basis", "《中华人民共和国食品安全法》第一百二十四条",
                                  "--domain", "food_safety",
                                  "--effective-from", "2020-01-01T00:00:00+08:00")["id"]
        time.sleep(1.0)  # what is imported happened after the officers were certified
        return agency, officers, items

    def record(self, source_id, agency, item, officers, number, at, acts=()):
        case = {"agencyId": agency, "itemId": item,
                "parties": [{"kind": "PARTY_KIND_INDIVIDUAL", "name": "赵六", "idNumber": number}],
                "facts": "销售超过保质期的食品（部门系统案卷）",
                "violationTime": rfc3339(at[0] - datetime.timedelta(days=2)),
                "officerIds": officers, "fileTime": rfc3339(at[0])}
        out = {"sourceId": source_id, "case": case, "acts": []}
        for kind, t in zip(acts, at[1:]):
            act = {"actTime": rfc3339(t)}
            if kind == "start":
                act["startInvestigation"] = {}
            else:
                act["recordEvidence"] = {"evidence": [
                    {"sha256": "f" * 64, "kind": "photo", "description": "现场照片"}]}
            out["acts"].append(act)
        return json.dumps(out, ensure_ascii=False)

    def write(self, lines):
        f = tempfile.NamedTemporaryFile("w", suffix=".ndjson", delete=False, encoding="utf-8")
        f.write("# exported from nx-amr-cms\n" + "\n".join(lines) + "\n")
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def import_file(self, path, *flags):
        return self.run_ctl(["import", "cases", "--source-system", "nx-amr-cms", "--file", path,
                             "--batch", "2"] + list(flags), token=self.system)

    def test_a_file_twice_changes_nothing_and_an_added_act_updates(self):
        agency, officers, items = self.scene(1)
        start = datetime.datetime.now(CST) - datetime.timedelta(seconds=0.9)
        at = [start + datetime.timedelta(seconds=0.2 * i) for i in range(3)]
        lines = [self.record("AJ-%d" % i, agency, items["penalty"], officers, PARTY_NUMBERS[i], at,
                             ["start", "evidence"] if i == 0 else []) for i in range(3)]
        path = self.write(lines)
        out = self.import_file(path)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(),
                         "created 3, updated 0, unchanged 0, failed 0 (of 3 records)")
        self.assertIn("sent 2 records (1 of 2 calls)", out.stderr)
        self.assertIn("sent 3 records (2 of 2 calls)", out.stderr)
        self.assert_nothing_protected(out)
        again = self.import_file(path)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("unchanged 3", again.stdout)
        # One record moved on in the source: its new act only.
        lines[1] = self.record("AJ-1", agency, items["penalty"], officers, PARTY_NUMBERS[1], at,
                               ["start"])
        later = self.run_ctl(["--output", "json", "import", "cases", "--source-system",
                              "nx-amr-cms", "--file", self.write(lines)], token=self.system)
        self.assertEqual(later.returncode, 0, later.stderr)
        response = json.loads(later.stdout)
        self.assertEqual((response["updated"], response["unchanged"]), (1, 2), response)
        self.assertEqual([r["index"] for r in response["results"]], [0, 1, 2])
        case_id = response["results"][1]["resource_id"]
        case = self.ok("case", "get", case_id)
        self.assertEqual(case["state"], "CASE_STATE_INVESTIGATING")
        self.assertEqual(case["source"]["source_id"], "AJ-1")

    def test_a_bad_record_is_named_and_a_bad_line_sends_nothing(self):
        agency, officers, items = self.scene(2)
        at = [datetime.datetime.now(CST) - datetime.timedelta(seconds=0.5)]
        bad = PARTY_NUMBERS[4][:-1] + ("0" if PARTY_NUMBERS[4][-1] != "0" else "1")
        lines = [self.record("B-1", agency, items["penalty"], officers, PARTY_NUMBERS[3], at),
                 self.record("B-2", agency, items["penalty"], officers, bad, at)]
        out = self.import_file(self.write(lines))
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("record 2 (B-2): INVALID_ARGUMENT: case.parties[0].id_number", out.stderr)
        self.assertNotIn(bad, out.stdout + out.stderr)
        self.assertIn("created 1", out.stdout)
        broken = self.import_file(self.write([lines[0], "{not json"]))
        self.assertEqual(broken.returncode, 2, broken.stderr)
        self.assertIn("--file line 3", broken.stderr)
        check = self.import_file(self.write([self.record(
            "B-3", agency, items["penalty"], officers, PARTY_NUMBERS[5], at)]), "--validate-only")
        self.assertEqual(check.returncode, 0, check.stderr)
        self.assertEqual(check.stdout.strip(),
                         "would be: created 1, updated 0, unchanged 0, failed 0 (of 1 records)")
        listed = self.ok("case", "list", "--division", "640104", "--agency", agency)
        self.assertEqual(len(listed["cases"]), 1, "only B-1 was written")

    def test_visits_from_standard_input_twice(self):
        agency, officers, items = self.scene(3)
        t = datetime.datetime.now(CST) - datetime.timedelta(seconds=0.5)
        visit = {"sourceId": "JC-1", "visit": {
            "enterprise": {"creditCode": credit_code(800001), "name": "兴庆区某食品店"},
            "parts": [{"agencyId": agency, "itemId": items["inspection"]}],
            "officerIds": officers, "basis": "VISIT_BASIS_PLAN", "basisRef": "2025-JC-01",
            "visitTime": rfc3339(t)}}
        text = json.dumps(visit, ensure_ascii=False) + "\n"
        argv = ["import", "inspections", "--source-system", "nx-amr-inspect", "--file", "-"]
        first = self.run_ctl(argv, stdin=text, token=self.system)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn("created 1", first.stdout)
        second = self.run_ctl(argv, stdin=text, token=self.system)
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertIn("unchanged 1", second.stdout)


if __name__ == "__main__":
    unittest.main()
