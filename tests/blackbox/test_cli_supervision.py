"""lawenforcectl's supervision commands end to end: the built CLI binary
against the real personnel-service, case-service and supervision-service
binaries (Redis, service tokens), nothing but the command line in between.
Tokens are minted by the CLI itself; a street office's agency is made with
`agency create`. A 12345 hotline complaint is submitted with the
complainant's phone on stdin (never on the command line, never printed
back), sent again with the same ticket (the same complaint), got and listed
by the county, acknowledged and resolved by the agency's admin, rated by the
hotline, its resolve clock explained; the handling limits are listed and the
figures of the days around now read. The review rubric, a campaign drawn
from a window without closed cases, and the (empty) rectifications are read
through the review and rectification commands."""

import datetime
import unittest
import uuid

import ctl_harness

CST = datetime.timezone(datetime.timedelta(hours=8))
PHONE = "13909512468"


def clock_of(complaint, kind):
    return [c for c in complaint["clocks"] if c["kind"] == kind][0]


class CliSupervisionTest(ctl_harness.CliTestCase):

    SERVICES = ("personnel", "case", "supervision")
    ADDRESSES = {"LAWENFORCE_SERVER": "personnel",
                 "LAWENFORCE_SUPERVISION_SERVER": "supervision"}
    NEVER_PRINTED = (PHONE,)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The 12345 hotline's intake system: a region-wide system account.
        cls.hotline = cls.mint("--role", "system", "--division", "640000",
                               "--subject", "hotline-12345-node-a")
        cls.county = cls.mint("--role", "supervisor", "--division", "640104")

    # ------------------------------------------------------------ complaints

    def test_a_hotline_complaint_from_receipt_to_its_rating_through_the_cli(self):
        street = "640104002"
        agency = self.ok("agency", "create", "--name", "街道综合行政执法队（命令行）",
                         "--division", street, "--domain", "urban_management")
        office = self.mint("--role", "agency_admin", "--division", street, "--agency",
                           agency["id"], "--subject", "street-office-admin")

        # Submitted by the hotline, the phone on stdin only.
        ticket = "NX12345-CLI-%s" % uuid.uuid4().hex[:12]
        submit = ["complaint", "submit", "--channel", "hotline_12345", "--ticket", ticket,
                  "--category", "inaction", "--content", "小区门口长期占道经营，多次反映无人处理",
                  "--complainant-kind", "person", "--name", "王小明", "--phone", "-",
                  "--agency", agency["id"]]
        first = self.ok(*submit, stdin=PHONE + "\n", token=self.hotline)
        self.assertEqual(first["state"], "COMPLAINT_STATE_RECEIVED")
        self.assertEqual(first["channel"], "CHANNEL_HOTLINE_12345")
        self.assertEqual(first["ticket_id"], ticket)
        self.assertEqual(first["agency_id"], agency["id"])
        self.assertEqual(first["queue_division_code"], street)
        self.assertEqual(first["complainant"]["phone"], "")
        self.assertEqual(first["complainant"]["phone_masked"], "139****2468")
        self.assertEqual(first["complainant"]["name_masked"], "王**")
        resolve = clock_of(first, "CLOCK_KIND_RESOLVE")
        self.assertEqual(resolve["limit_source"], "hotline_12345 default")
        self.assertEqual(resolve["period"], {"count": 5, "unit": "PERIOD_UNIT_WORKING_DAYS"})
        cid = first["id"]
        # The same ticket again (another request id): the same complaint.
        again = self.ok(*submit, stdin=PHONE + "\n", token=self.hotline)
        self.assertEqual(again["id"], cid)

        # Read and listed by the county.
        shown = self.text("complaint", "get", cid, token=self.county)
        self.assertRegex(shown, r"state:\s+RECEIVED\n")
        self.assertIn("139****2468", shown)
        self.assertIn("hotline_12345 default", shown)
        page = self.ok("complaint", "list", "--division", "640104", "--queue-division", street,
                       "--state", "received", "--channel", "hotline_12345", "--overdue=false",
                       "--all", token=self.county)
        self.assertEqual([c["id"] for c in page["complaints"]], [cid])
        none = self.ok("complaint", "list", "--division", "640104", "--escalated",
                       "--agency", agency["id"], token=self.county)
        self.assertEqual(none.get("complaints", []), [])
        table = self.text("complaint", "list", "--agency", agency["id"], token=office)
        self.assertIn(cid, table)

        # Acknowledged and answered by the agency's admin, rated by the hotline.
        acked = self.ok("complaint", "ack", cid, "--etag", first["etag"], token=office)
        self.assertEqual(acked["state"], "COMPLAINT_STATE_IN_HANDLING")
        self.assertEqual(clock_of(acked, "CLOCK_KIND_ACKNOWLEDGE")["state"], "CLOCK_STATE_MET")
        stale = self.run_ctl(["complaint", "ack", cid, "--etag", first["etag"]], token=office)
        self.assertEqual(stale.returncode, 1, stale.stderr)
        self.assertIn("error: ABORTED", stale.stderr)
        resolved = self.ok("complaint", "resolve", cid, "--resolution", "已清理占道摊点",
                           token=office)
        self.assertEqual(resolved["state"], "COMPLAINT_STATE_RESOLVED")
        self.assertTrue(clock_of(resolved, "CLOCK_KIND_RESOLVE")["on_time"])
        rated = self.ok("complaint", "rate", cid, "--satisfaction", "5", "--comment", "满意",
                        token=self.hotline)
        self.assertEqual(rated["state"], "COMPLAINT_STATE_CLOSED")
        self.assertEqual(rated["satisfaction"], 5)
        self.assertEqual([e["type"] for e in rated["history"]],
                         ["submitted", "acknowledged", "resolved", "rated"])
        self.assertEqual(rated["history"][1]["actor"], "street-office-admin")
        # A rating of 5 does not reopen.
        reopen = self.run_ctl(["complaint", "reopen", cid, "--reason", "再次投诉"],
                              token=self.hotline)
        self.assertEqual(reopen.returncode, 1, reopen.stderr)
        self.assertIn("error: FAILED_PRECONDITION", reopen.stderr)

        # The resolve clock, explained for a person and for a script.
        explained = self.text("complaint", "explain", cid, "resolve", token=self.county)
        self.assertRegex(explained, r"state:\s+MET\n")
        self.assertRegex(explained, r"limit_source:\s+hotline_12345 default\n")
        self.assertIn("started at receipt", explained)
        self.assertIn("met: resolved", explained)
        raw = self.ok("complaint", "explain", cid, "resolve", token=self.county)
        self.assertEqual(raw["clock"], "CLOCK_KIND_RESOLVE")
        self.assertEqual([s["what"] for s in raw["steps"]], ["started at receipt", "met: resolved"])
        self.assertEqual(raw["due_time"], clock_of(rated, "CLOCK_KIND_RESOLVE")["due_time"])

        # The limits in force: the hotline's resolve default among them.
        limits = self.ok("complaint-limit", "list", token=office)
        hotline_resolve = [l for l in limits["limits"]
                           if l["channel"] == "CHANNEL_HOTLINE_12345"
                           and l["clock"] == "CLOCK_KIND_RESOLVE" and l["version"] == "0"]
        self.assertEqual([l["period"] for l in hotline_resolve],
                         [{"count": 5, "unit": "PERIOD_UNIT_WORKING_DAYS"}])
        self.assertIn("HOTLINE_12345", self.text("complaint-limit", "list", token=office))

        # The figures of the days around now.
        today = datetime.datetime.now(CST).date()
        period = ["--division", street,
                  "--start-date", (today - datetime.timedelta(days=1)).isoformat(),
                  "--end-date", (today + datetime.timedelta(days=1)).isoformat()]
        stats = self.ok("supervision", "stats", *period, token=self.county)
        self.assertEqual(stats["division_code"], street)
        self.assertFalse(stats["closed_period"])
        self.assertEqual(stats["complaints_received"], "1")
        self.assertEqual(stats["by_channel"], [{"key": "CHANNEL_HOTLINE_12345", "count": "1"}])
        self.assertEqual(stats["by_state"], [{"key": "COMPLAINT_STATE_CLOSED", "count": "1"}])
        self.assertEqual(stats["resolved_on_time"], "1")
        self.assertEqual(stats["average_satisfaction"], 5)
        figures = self.text("supervision", "stats", *period, token=self.county)
        self.assertRegex(figures, r"complaints_received:\s+1\n")

    # ------------------------------------------------------------ reviews

    def test_the_rubric_a_campaign_and_rectifications_through_the_cli(self):
        rubric = self.ok("review", "rubric", token=self.county)
        self.assertEqual(rubric["version"], "1")
        self.assertEqual(sum(d["max_points"] for d in rubric["dimensions"]), 100)
        self.assertIn("procedure", self.text("review", "rubric", "--version", "1"))

        # A window without closed cases: the draw is recorded, with no cases.
        seed = "0123456789abcdef0123456789abcdef"
        campaign = self.ok("review", "campaign", "create", "--division", "640104", "--title",
                           "2020年案卷评查（命令行）", "--decided-from", "2020-01-01",
                           "--decided-to", "2020-12-31", "--sample-size", "5", "--seed", seed)
        self.assertEqual(campaign["seed"], seed)
        self.assertEqual(campaign["candidates"], 0)
        self.assertEqual(campaign["rubric_version"], "1")
        got = self.ok("review", "campaign", "get", campaign["id"], token=self.county)
        self.assertEqual(got["id"], campaign["id"])
        listed = self.ok("review", "campaign", "list", "--division", "640104", "--all",
                         token=self.county)
        self.assertIn(campaign["id"], [c["id"] for c in listed["campaigns"]])

        none = self.ok("rectification", "list", "--division", "640104", "--state", "open",
                       token=self.county)
        self.assertEqual(none.get("rectifications", []), [])

    # ------------------------------------------------------------ edges

    def test_the_phone_and_the_name_cannot_both_come_from_stdin(self):
        out = self.run_ctl(["complaint", "submit", "--channel", "web", "--category", "conduct",
                            "--content", "c", "--complainant-kind", "person", "--name", "-",
                            "--phone", "-", "--agency", str(uuid.uuid4())],
                           stdin=PHONE + "\n", token=self.hotline)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("only one of them can read standard input", out.stderr)
        self.assert_nothing_protected(out)

    def test_the_server_names_a_bad_field(self):
        out = self.run_ctl(["complaint", "rate", "not-a-uuid", "--satisfaction", "3"],
                           token=self.hotline)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("error: INVALID_ARGUMENT", out.stderr)
        self.assertIn("  field: complaint_id", out.stderr)

    def test_an_unreachable_supervision_service_exits_three_naming_it(self):
        err = self.unreachable("complaint", "get", str(uuid.uuid4()), flag="supervision-server",
                               token=self.county)
        self.assertIn("(supervision-service)", err)

    def test_the_default_supervision_address_is_supervision_services_port(self):
        self.assert_default_address_in_help("LAWENFORCE_SUPERVISION_SERVER", "supervision")


if __name__ == "__main__":
    unittest.main()
