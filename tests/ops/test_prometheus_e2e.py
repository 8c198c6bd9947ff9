"""End to end: a real Prometheus scrapes the real services (every service of
services/services.json, started by tests/blackbox/harness.py with Redis),
loaded with demo data and demo traffic; then every recording rule and every
dashboard panel query (template variables substituted for each tier) runs
through the HTTP API. Fails on any query that errors or returns no series,
listing them all; a query on event-only series alone (`event_only` in
deploy/services/<name>.json: they appear after an event no demo traffic can
cause) must not error but may return none."""

import os
import shutil
import tempfile
import time
import unittest

import opslib
import harness  # after opslib: it puts tests/blackbox on sys.path
import demo_traffic
import promapi

WAIT_S = 45.0
TIERS = ("region", "city", "county")


class PrometheusEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = tempfile.mkdtemp(prefix="lawenforce-ops-prom-")
        names = [s["name"] for s in opslib.SERVICES]
        missing = [n for n in names if n not in demo_traffic.TRAFFIC]
        if missing:
            raise AssertionError("no demo traffic for %s: add it to tests/ops/demo_traffic.py" % missing)
        os.makedirs(os.path.join(cls.workdir, "stack"))
        cls.stack = harness.Stack(names, workdir=os.path.join(cls.workdir, "stack"))
        cls.prom = None
        try:
            for svc in cls.stack.services.values():
                if not os.path.exists(svc.binary):
                    raise AssertionError("%s is not built: %s (LAWENFORCE_BUILD_DIR=%s)" % (
                        svc.name, svc.binary, os.environ.get("LAWENFORCE_BUILD_DIR")))
            cls.stack.start()
            token = harness.mint_token()
            for name in names:
                demo_traffic.TRAFFIC[name](cls.stack, token)
            config = opslib.generate.prometheus_config(
                [(name, ["127.0.0.1:%d" % cls.stack[name].metrics_port]) for name in names],
                opslib.RULE_FILES, scrape_interval="1s", evaluation_interval="1s",
                comment="tests/ops/test_prometheus_e2e.py")
            cls.prom = promapi.Prometheus(cls.workdir, config, harness.free_port()).start()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.prom is not None:
            cls.prom.stop()
        cls.stack.cleanup()
        if os.environ.get("LAWENFORCE_KEEP_TMP") != "1":
            shutil.rmtree(cls.workdir, ignore_errors=True)

    # ------------------------------------------------------------------ helpers

    def wait_for(self, checks):
        """Runs `checks` (name -> zero-argument callable returning a problem
        string or None) until none reports a problem or WAIT_S pass; returns
        the problems left. A query the API refuses is final, not retried."""
        deadline = time.monotonic() + WAIT_S
        pending, failed = dict(checks), {}
        while True:
            problems = {}
            for name, check in list(pending.items()):
                try:
                    problem = check()
                except RuntimeError as err:
                    failed[name] = "error: %s" % err
                    del pending[name]
                    continue
                if problem:
                    problems[name] = problem
                else:
                    del pending[name]
            if not problems or time.monotonic() >= deadline:
                problems.update(failed)
                return problems
            time.sleep(1.0)

    def has_series(self, expr):
        return lambda: None if self.prom.query(expr) else "no series"

    def assertNoProblems(self, problems, what):
        if problems:
            lines = ["%d of the %s failed:" % (len(problems), what)]
            lines += ["  %s\n      -> %s" % (k, v) for k, v in sorted(problems.items())]
            lines.append("prometheus log tail:\n" + self.prom.log())
            self.fail("\n".join(lines))

    # ------------------------------------------------------------------ tests

    def test_01_every_service_is_scraped(self):
        checks = {"up{job=%s}" % opslib.generate.job_name(s["name"]):
                  self.has_series('up{job="%s"} == 1' % opslib.generate.job_name(s["name"]))
                  for s in opslib.SERVICES}
        self.assertNoProblems(self.wait_for(checks), "scrape targets")

    def test_02_every_rule_loads_and_every_recording_rule_returns_series(self):
        groups = self.prom.api("rules")["groups"]
        files = {os.path.basename(g["file"]) for g in groups}
        self.assertEqual(files, {os.path.basename(p) for p in opslib.RULE_FILES})
        checks = {}
        for g in groups:
            for rule in g["rules"]:
                key = "%s: %s %s" % (g["name"], rule["type"], rule["name"])
                if rule["type"] == "recording":
                    labels = ",".join('%s="%s"' % kv for kv in sorted(rule.get("labels", {}).items()))
                    key += "{%s}" % labels if labels else ""
                    checks[key] = self._recording_check(rule)
        self.assertGreater(len(checks), 20)
        self.assertNoProblems(self.wait_for(checks), "recording rules")
        # Every rule (alerts too) evaluated without error.
        bad = {}
        for g in self.prom.api("rules")["groups"]:
            for rule in g["rules"]:
                if rule.get("health") not in ("ok",) or rule.get("lastError"):
                    bad["%s: %s" % (g["name"], rule["name"])] = "health=%s %s" % (
                        rule.get("health"), rule.get("lastError", ""))
        self.assertNoProblems(bad, "rule evaluations")

    def _recording_check(self, rule):
        def check():
            if not self.prom.query(rule["query"]):
                return "expression returns no series: " + rule["query"]
            # The recorded series itself exists too.
            selector = rule["name"] + "{%s}" % ",".join(
                '%s="%s"' % kv for kv in sorted(rule.get("labels", {}).items()))
            if not self.prom.query(selector):
                return "no recorded series " + selector
            return None
        return check

    def _divisions(self):
        """tier -> a division of that tier with data (the first one listed by
        the dashboards' division variable)."""
        chosen = {}

        def check():
            for tier in TIERS:
                rows = self.prom.series('lawenforce:divisions:count{tier="%s"}' % tier)
                codes = sorted({r["division"] for r in rows if "division" in r})
                if not codes:
                    return "no division of tier %s" % tier
                # The city with counties below it shows the most; prefer it.
                chosen[tier] = "640100" if "640100" in codes else codes[0]
            return None
        problems = self.wait_for({"division variable": check})
        self.assertNoProblems(problems, "division lookups")
        return chosen

    def test_03_every_dashboard_query_returns_series_at_every_tier(self):
        divisions = self._divisions()
        self.assertEqual(divisions["region"], "640000")
        event_only = opslib.generate.event_only_metrics(
            {s["name"]: opslib.generate.load_service_data(s["name"]) for s in opslib.SERVICES})
        checks = {}
        for path in opslib.DASHBOARDS:
            dashboard = opslib.load_dashboard(path)
            uid = dashboard["uid"]
            job_var = opslib.variable(dashboard, "job")
            job_regex = job_var.get("allValue", ".*")
            for tier in TIERS:
                division = divisions[tier]
                sub = lambda e: opslib.substitute(e, tier, division, job_regex=job_regex)  # noqa: E731
                for v in dashboard["templating"]["list"]:
                    if v["type"] != "query":
                        continue
                    m = opslib.LABEL_VALUES.match(v["definition"])
                    self.assertIsNotNone(m, "%s: variable %s: %s" % (uid, v["name"], v["definition"]))
                    selector, label = sub(m.group(1)), m.group(2)
                    if v["name"] == "namespace":
                        continue  # no namespace label outside Kubernetes: "All" (.*) applies
                    checks["%s [%s %s] variable %s: %s" % (uid, tier, division, v["name"], selector)] = \
                        self._label_check(selector, label)
                for panel in opslib.panels_of(dashboard):
                    for target in panel["targets"]:
                        expr = sub(target["expr"])
                        # A county has no division below it: those panels may be empty there.
                        may_be_empty = (tier == "county" and "${prefix}.+" in target["expr"]) or \
                            opslib.generate.event_only_target(target["expr"], event_only)
                        key = "%s [%s %s] panel %r %s" % (uid, tier, division, panel["title"],
                                                           target["refId"])
                        checks[key] = self._panel_check(expr, may_be_empty)
        self.assertGreater(len(checks), 100)
        self.assertNoProblems(self.wait_for(checks), "dashboard queries")

    def _label_check(self, selector, label):
        def check():
            rows = self.prom.series(selector)
            if not any(label in r for r in rows):
                return "no series with label %s for %s" % (label, selector)
            return None
        return check

    def _panel_check(self, expr, may_be_empty):
        def check():
            result = self.prom.query(expr)  # raises RuntimeError on a bad query
            if not result and not may_be_empty:
                return "no series: " + expr
            return None
        return check


if __name__ == "__main__":
    unittest.main()
