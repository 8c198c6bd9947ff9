"""Static checks of deploy/prometheus and deploy/grafana: generated files up
to date, every service of services.json covered (data file, scrape job,
dashboard), promtool check config / check rules / test rules, every alert
with severity, summary, description, a runbook anchor that exists in
docs/operations.md and unit tests that see it fire and stay quiet, the
dashboards' structure (variables, uids, one-line panel descriptions), and
every metric a dashboard query or a rule names either defined in the C++
sources (common/, services/) or recorded by a rule."""

import glob
import json
import os
import re
import shutil
import tempfile
import unittest

import opslib

PROMTOOL = "/usr/bin/promtool"
PROM_DIR = os.path.join(opslib.ROOT, "deploy", "prometheus")
TEST_FILES = sorted(glob.glob(os.path.join(PROM_DIR, "tests", "*.test.yml")))
OPERATIONS = os.path.join(opslib.ROOT, "docs", "operations.md")
PROVISIONING = os.path.join(opslib.ROOT, "deploy", "grafana", "provisioning")
SOURCE_DIRS = [os.path.join(opslib.ROOT, d) for d in ("common", "services")]
# A string literal named like one of the suite's metric families.
METRIC_LITERAL = re.compile(r'"((?:lawenforce|grpc_server)_[a-z0-9_]+)"')
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
# Prometheus' own series.
BUILTIN_SERIES = {"up", "scrape_duration_seconds", "scrape_samples_scraped", "ALERTS", "ALERTS_FOR_STATE"}
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
                "unless", "offset", "inf", "nan", "Inf", "NaN"}


def promtool(*args, cwd=None):
    if not os.path.exists(PROMTOOL):
        raise AssertionError("%s is missing: install the Debian package prometheus" % PROMTOOL)
    return opslib.run([PROMTOOL] + list(args), cwd=cwd)


def github_anchors(markdown):
    """Anchors GitHub makes of a Markdown file's headings."""
    anchors = set()
    for line in markdown.splitlines():
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            text = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower())
            anchors.add(text.replace(" ", "-"))
    return anchors


def defined_metrics():
    """Metric families defined by the services' C++ code (non-test sources
    under common/ and services/): every string literal named like one."""
    names = set()
    for top in SOURCE_DIRS:
        for directory, _, files in os.walk(top):
            for fname in files:
                if not fname.endswith((".cc", ".h")) or fname.endswith("_test.cc"):
                    continue
                with open(os.path.join(directory, fname), encoding="utf-8") as f:
                    names.update(METRIC_LITERAL.findall(f.read()))
    return names


def recorded_metrics():
    return {rule["record"] for path in opslib.RULE_FILES for doc in opslib.yaml_load(path)
            for group in doc["groups"] for rule in group["rules"] if "record" in rule}


def metric_names(expr):
    """The series names a PromQL expression selects: identifiers that are
    neither functions, keywords, label names (matchers, by/on lists) nor
    inside strings or ranges."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    text = re.sub(r"\{[^{}]*\}", "{}", text)
    text = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", " ", text)
    text = re.sub(r"\[[^\]]*\]", "", text)
    names = set()
    for m in re.finditer(r"(?<![\w.$])([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?", text):
        name, call = m.group(1), m.group(2)
        if call or name in PROMQL_WORDS or re.match(r"^\d", name):
            continue
        names.add(name)
    return names


def alert_rules():
    alerts = []
    for path in opslib.RULE_FILES:
        for doc in opslib.yaml_load(path):
            for group in doc["groups"]:
                for rule in group["rules"]:
                    if "alert" in rule:
                        alerts.append((os.path.basename(path), rule))
    return alerts


class GeneratedFiles(unittest.TestCase):
    def test_regenerating_changes_nothing(self):
        result = opslib.run(["/usr/bin/python3", os.path.join(opslib.ROOT, "deploy", "generate.py"), "--check"])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_every_service_has_data_a_scrape_job_and_a_dashboard(self):
        config = opslib.yaml_load(os.path.join(PROM_DIR, "prometheus.yml"))[0]
        jobs = {j["job_name"]: j for j in config["scrape_configs"]}
        uids = {opslib.load_dashboard(p)["uid"] for p in opslib.DASHBOARDS}
        for spec in opslib.SERVICES:
            name = spec["name"]
            self.assertTrue(os.path.exists(os.path.join(opslib.ROOT, "deploy", "services", name + ".json")),
                            "deploy/services/%s.json is missing" % name)
            job = jobs.get("lawenforce-" + name)
            self.assertIsNotNone(job, "deploy/prometheus/prometheus.yml has no job lawenforce-%s" % name)
            self.assertEqual(job["static_configs"][0]["targets"], ["127.0.0.1:%d" % spec["metrics_port"]])
            self.assertIn("lawenforce-svc-" + name, uids, "no dashboard for %s" % name)


class Promtool(unittest.TestCase):
    def test_check_config(self):
        result = promtool("check", "config", "prometheus.yml", cwd=PROM_DIR)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_check_config_of_a_generated_test_config(self):
        with tempfile.TemporaryDirectory() as tmp:
            text = opslib.generate.prometheus_config(
                [(s["name"], ["127.0.0.1:1"]) for s in opslib.SERVICES], opslib.RULE_FILES, "1s")
            path = os.path.join(tmp, "prometheus.yml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            result = promtool("check", "config", path)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_check_rules(self):
        result = promtool("check", "rules", *opslib.RULE_FILES)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_rule_unit_tests_pass(self):
        self.assertTrue(TEST_FILES)
        result = promtool("test", "rules", *TEST_FILES)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_every_alert_has_a_firing_and_a_quiet_unit_test(self):
        fires, quiet = set(), set()
        for path in TEST_FILES:
            for test in opslib.yaml_load(path)[0]["tests"]:
                for case in test.get("alert_rule_test", []):
                    (fires if case.get("exp_alerts") else quiet).add(case["alertname"])
        names = {rule["alert"] for _, rule in alert_rules()}
        self.assertFalse(names - fires, "alerts without a test where they fire")
        self.assertFalse(names - quiet, "alerts without a test where they stay quiet")


class AlertMetadata(unittest.TestCase):
    def test_every_alert_has_severity_summary_description_and_an_existing_runbook(self):
        with open(OPERATIONS, encoding="utf-8") as f:
            anchors = github_anchors(f.read())
        problems = []
        alerts = alert_rules()
        self.assertGreaterEqual(len(alerts), 10)
        for fname, rule in alerts:
            where = "%s: %s" % (fname, rule["alert"])
            if rule.get("labels", {}).get("severity") not in ("critical", "warning", "info"):
                problems.append(where + ": labels.severity must be critical, warning or info")
            ann = rule.get("annotations", {})
            for key in ("summary", "description", "runbook_url"):
                if not ann.get(key):
                    problems.append("%s: annotations.%s missing" % (where, key))
            m = re.match(r"^docs/operations\.md#(.+)$", ann.get("runbook_url", ""))
            if not m:
                problems.append(where + ": runbook_url must be docs/operations.md#<anchor>")
            elif m.group(1) not in anchors:
                problems.append("%s: docs/operations.md has no section #%s" % (where, m.group(1)))
            elif m.group(1) != rule["alert"].lower():
                problems.append("%s: runbook anchor should be #%s" % (where, rule["alert"].lower()))
        self.assertEqual(problems, [])


class Dashboards(unittest.TestCase):
    def test_structure(self):
        problems = []
        uids = set()
        self.assertGreaterEqual(len(opslib.DASHBOARDS), 4)
        for path in opslib.DASHBOARDS:
            d = opslib.load_dashboard(path)
            name = os.path.basename(path)
            if d.get("uid") != name[:-len(".json")] or not re.match(r"^[a-z0-9-]{1,40}$", d["uid"]):
                problems.append("%s: uid must be the file name (<= 40 characters)" % name)
            if d["uid"] in uids:
                problems.append("%s: duplicate uid" % name)
            uids.add(d["uid"])
            variables = {v["name"]: v for v in d["templating"]["list"]}
            for var in ("datasource", "tier", "division", "job", "namespace"):
                if var not in variables:
                    problems.append("%s: no $%s variable" % (name, var))
            if variables.get("datasource", {}).get("type") != "datasource" or \
                    variables["datasource"].get("query") != "prometheus":
                problems.append("%s: $datasource must be a Prometheus datasource variable" % name)
            if [o["value"] for o in variables["tier"]["options"]] != ["region", "city", "county"]:
                problems.append("%s: $tier must offer region, city, county" % name)
            ids = set()
            for p in opslib.panels_of(d):
                where = "%s panel %r" % (name, p.get("title"))
                desc = p.get("description", "")
                if not desc or "\n" in desc or len(desc) > 300:
                    problems.append(where + ": needs a one-line description")
                if p.get("datasource") != {"type": "prometheus", "uid": "${datasource}"}:
                    problems.append(where + ": datasource must be ${datasource}")
                if not p.get("targets") or any(not t.get("expr") for t in p["targets"]):
                    problems.append(where + ": every target needs an expr")
                if p["id"] in ids:
                    problems.append(where + ": duplicate panel id")
                ids.add(p["id"])
                g = p.get("gridPos", {})
                if not (0 <= g.get("x", -1) and g.get("x", 0) + g.get("w", 0) <= 24 and g.get("h", 0) > 0):
                    problems.append(where + ": bad gridPos %r" % g)
        self.assertEqual(problems, [])

    def test_every_query_names_a_metric_that_exists(self):
        """Every series a dashboard panel or variable, or a rule, selects is
        defined in the C++ code (common/, services/), recorded by a rule, or
        Prometheus' own (up): a renamed or misspelt metric fails here, not
        only in the end-to-end test."""
        defined = defined_metrics()
        # The metrics the handler-pool panels and the shed alert rely on.
        for name in ("lawenforce_grpc_shed_total", "lawenforce_grpc_executor_threads",
                     "lawenforce_grpc_executor_queued", "lawenforce_grpc_executor_busy"):
            self.assertIn(name, defined, "common/grpc/call_executor.cc no longer defines " + name)
        known = defined | {n + s for n in defined for s in HISTOGRAM_SUFFIXES} | recorded_metrics() | BUILTIN_SERIES
        problems, seen = [], set()
        self.assertEqual(metric_names('sum by (job, le) (rate(a_total{x="y:z"}[5m])) / on (job) b:c:d > 0'),
                         {"a_total", "b:c:d"})
        for path in opslib.DASHBOARDS:
            d = opslib.load_dashboard(path)
            name = os.path.basename(path)
            exprs = [("panel %r" % p["title"], t["expr"]) for p in opslib.panels_of(d) for t in p["targets"]]
            for v in d["templating"]["list"]:
                if v["type"] == "query":
                    m = opslib.LABEL_VALUES.match(v["definition"])
                    if not m:
                        problems.append("%s: variable %s is not label_values(selector, label)" % (name, v["name"]))
                        continue
                    exprs.append(("variable %s" % v["name"], m.group(1)))
            for where, expr in exprs:
                for metric in metric_names(expr):
                    seen.add(metric)
                    if metric not in known:
                        problems.append("%s %s: no metric %s (not in common/ or services/, not recorded)"
                                        % (name, where, metric))
        for path in opslib.RULE_FILES:
            for doc in opslib.yaml_load(path):
                for group in doc["groups"]:
                    for rule in group["rules"]:
                        for metric in metric_names(rule["expr"]):
                            seen.add(metric)
                            if metric not in known:
                                problems.append("%s: %s: no metric %s" % (
                                    os.path.basename(path), rule.get("record") or rule.get("alert"), metric))
        self.assertEqual(problems, [])
        self.assertGreater(len(seen), 20, "the expression parser found too few metrics")
        self.assertIn("lawenforce_grpc_shed_total", seen)
        self.assertIn("lawenforce_grpc_executor_busy", seen)

    def test_event_only_metrics_exist_and_say_why(self):
        """`event_only` (panels that may be empty in the end-to-end test)
        names metrics the C++ code defines, each with its reason, and no
        rule reads them (a recording rule must return series)."""
        for spec in opslib.SERVICES:
            data = opslib.generate.load_service_data(spec["name"])
            for metric, why in data.get("event_only", {}).items():
                self.assertIn(metric, defined_metrics(), "%s: event_only %s" % (spec["name"], metric))
                self.assertTrue(why.strip(), "%s: event_only %s needs its reason" % (spec["name"], metric))
                for path in opslib.RULE_FILES:
                    with open(path, encoding="utf-8") as f:
                        self.assertNotIn(metric, f.read(), os.path.basename(path))

    def test_the_handler_pool_has_panels_on_every_service_dashboard(self):
        for spec in opslib.SERVICES:
            d = opslib.load_dashboard(os.path.join(opslib.ROOT, "deploy", "grafana", "dashboards",
                                                   "lawenforce-svc-%s.json" % spec["name"]))
            exprs = " ".join(t["expr"] for p in opslib.panels_of(d) for t in p["targets"])
            for metric in ("lawenforce_grpc_shed_total", "lawenforce_grpc_executor_threads",
                           "lawenforce_grpc_executor_queued", "lawenforce_grpc_executor_busy"):
                self.assertIn(metric, exprs, "lawenforce-svc-%s has no panel on %s" % (spec["name"], metric))
            self.assertIn("sum by (job, reason) (rate(lawenforce_grpc_shed_total{", exprs)

    def test_no_query_uses_namespace_as_the_cache_label(self):
        """The cache metrics name their cache with the label cache: namespace
        is the Kubernetes namespace of the target (a ServiceMonitor would
        rename an exported namespace label to exported_namespace)."""
        texts = []
        for path in opslib.DASHBOARDS + opslib.RULE_FILES:
            with open(path, encoding="utf-8") as f:
                texts.append((os.path.basename(path), f.read()))
        for name, text in texts:
            self.assertNotIn("exported_namespace", text, name)
            self.assertNotRegex(text, r"namespace=\\?\"[a-z]+:v\d", name)
        with open(os.path.join(opslib.ROOT, "common", "cache", "versioned_cache.h"), encoding="utf-8") as f:
            self.assertIn('kMetricLabel[] = "cache"', f.read())

    def test_provisioning_loads_the_dashboards_unchanged(self):
        docs = {os.path.basename(p): opslib.yaml_load(p)[0]
                for p in glob.glob(os.path.join(PROVISIONING, "*", "*.yaml"))}
        ds = docs["prometheus.yaml"]
        self.assertEqual(ds["apiVersion"], 1)
        self.assertEqual(ds["datasources"][0]["type"], "prometheus")
        dash = docs["lawenforce.yaml"]
        self.assertEqual(dash["apiVersion"], 1)
        provider = dash["providers"][0]
        self.assertEqual(provider["type"], "file")
        self.assertTrue(provider["options"]["path"])


if __name__ == "__main__":
    unittest.main()
