"""The Helm chart (helm/lawenforce) with the real tools: helm lint, helm
template with the default values, with every service on SQLite, with
values-production.yaml and with examples/external-postgres.yaml, every
rendered object validated against the Kubernetes schemas
(tools/ops/validate-k8s.mjs), and the properties operators rely on: every
service of services.json deployed with probes, resources and a hardened
securityContext, PostgreSQL with replicas by default and SQLite as a
single-replica StatefulSet, the --store URL of each, a missing password
Secret refused or warned about, the monitoring objects only with the
prometheus-operator API, and the chart's rules and dashboards the same as
deploy/."""

import json
import os
import re
import shutil
import tempfile
import unittest

import opslib

PROD_VALUES = os.path.join(opslib.CHART, "values-production.yaml")
EXTERNAL_PG = os.path.join(opslib.CHART, "examples", "external-postgres.yaml")
EXTERNAL_PG_SERVICE = os.path.join(opslib.CHART, "examples", "external-postgres-service.yaml")
ALL_SQLITE = ["--set", ",".join("services.%s.store.backend=sqlite" % s["name"] for s in opslib.SERVICES)]
MONITORING = ["--api-versions", "monitoring.coreos.com/v1"]
KUBE = ["--kube-version", "1.31.0"]
RELEASE = "t"


def render(*args, chart=None):
    result = opslib.run([opslib.helm(), "template", RELEASE, chart or opslib.CHART, "--namespace", "ops"]
                        + KUBE + list(args))
    if result.returncode != 0:
        raise AssertionError("helm template %s failed:\n%s" % (" ".join(args), result.stderr))
    return result.stdout


def render_fails(*args):
    """helm template's stderr, asserting that it fails."""
    result = opslib.run([opslib.helm(), "template", RELEASE, opslib.CHART, "--namespace", "ops"]
                        + KUBE + list(args))
    if result.returncode == 0:
        raise AssertionError("helm template %s succeeded; expected a failure" % " ".join(args))
    return result.stderr


def notes(*args):
    """NOTES.txt as rendered for an install (helm template leaves it out):
    a copy of the chart with a ConfigMap template that includes it."""
    with tempfile.TemporaryDirectory() as tmp:
        chart = os.path.join(tmp, "lawenforce")
        shutil.copytree(opslib.CHART, chart)
        with open(os.path.join(chart, "templates", "zz-notes.yaml"), "w", encoding="utf-8") as f:
            f.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n"
                    "  notes: {{ include (print $.Template.BasePath \"/NOTES.txt\") . | quote }}\n")
        text = render("--show-only", "templates/zz-notes.yaml", *args, chart=chart)
    return objects(text)[0]["data"]["notes"]


def objects(text):
    return [o for o in opslib.yaml_load(text=text) if o]


def by_kind(objs, kind):
    return [o for o in objs if o["kind"] == kind]


def pod_specs(objs):
    for o in objs:
        if o["kind"] in ("Deployment", "StatefulSet"):
            yield o, o["spec"]["template"]["spec"]


def component(o):
    return o["metadata"]["labels"].get("app.kubernetes.io/component")


class HelmChart(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.default_text = render()
        cls.default = objects(cls.default_text)
        cls.sqlite_text = render(*ALL_SQLITE)
        cls.sqlite = objects(cls.sqlite_text)
        cls.external_text = render("-f", EXTERNAL_PG)
        cls.external = objects(cls.external_text)
        cls.prod_text = render("-f", PROD_VALUES, *MONITORING)
        cls.prod = objects(cls.prod_text)
        cls.values = opslib.yaml_load(os.path.join(opslib.CHART, "values.yaml"))[0]

    # ------------------------------------------------------------------ tools

    def test_helm_lint_passes_with_default_production_sqlite_and_example_values(self):
        for extra in ([], ["-f", PROD_VALUES], ALL_SQLITE, ["-f", EXTERNAL_PG]):
            result = opslib.run([opslib.helm(), "lint", "--strict", opslib.CHART] + extra)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_every_rendered_object_is_valid_against_the_kubernetes_schemas(self):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for name, text in (("default", self.default_text), ("production", self.prod_text),
                               ("sqlite", self.sqlite_text), ("external-postgres", self.external_text),
                               ("default-monitoring", render(*MONITORING, "--set",
                                "metrics.serviceMonitor.enabled=true,metrics.prometheusRule.enabled=true"))):
                path = os.path.join(tmp, name + ".yaml")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                paths.append(path)
            paths.append(EXTERNAL_PG_SERVICE)  # the example's ExternalName Service
            result = opslib.run(["node", opslib.node_script("validate-k8s.mjs")] + paths)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_values_schema_rejects_an_unknown_store_backend(self):
        result = opslib.run([opslib.helm(), "template", RELEASE, opslib.CHART, "--set",
                             "services.personnel.store.backend=mysql"])
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("store.backend", result.stderr)

    # ------------------------------------------------------------------ services

    def test_every_service_has_a_values_block_matching_services_json(self):
        blocks = self.values["services"]
        for spec in opslib.SERVICES:
            name = spec["name"]
            self.assertIn(name, blocks, "helm/lawenforce/values.yaml has no services.%s block" % name)
            block = blocks[name]
            self.assertEqual(block["ports"], {"grpc": spec["grpc_port"], "metrics": spec["metrics_port"],
                                              "health": spec["health_port"]}, name)
            self.assertEqual(block["calls"], spec["calls"], name)
            self.assertEqual(block["store"]["backend"], "postgres", "%s: default store is postgres" % name)
            self.assertEqual(block["replicaCount"], 2, name)
            self.assertGreaterEqual(block["autoscaling"]["minReplicas"], 2, name)
            self.assertEqual(block["store"]["postgres"]["database"], "lawenforce_%s" % name.replace("-", "_"),
                             "%s: one database per service, named lawenforce_<name>" % name)
        self.assertEqual(set(blocks), {s["name"] for s in opslib.SERVICES},
                         "values.yaml has blocks for services not in services.json")

    def test_every_service_renders_its_objects(self):
        for objs, workload, flavour in ((self.default, "Deployment", "default"),
                                        (self.sqlite, "StatefulSet", "sqlite"),
                                        (self.prod, "Deployment", "production")):
            for spec in opslib.SERVICES:
                name = spec["name"]
                kinds = {o["kind"] for o in objs if component(o) == name}
                want = {workload, "Service", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy"}
                if workload == "Deployment":
                    want.add("HorizontalPodAutoscaler")
                if flavour == "production":
                    want.add("ServiceMonitor")
                self.assertLessEqual(want, kinds, "%s (%s values)" % (name, flavour))
            uids = {json.loads(next(iter(cm["data"].values())))["uid"]
                    for cm in by_kind(objs, "ConfigMap")
                    if cm["metadata"]["labels"].get("grafana_dashboard") == "1"}
            for spec in opslib.SERVICES:
                self.assertIn("lawenforce-svc-%s" % spec["name"], uids)
            self.assertIn("lawenforce-overview", uids)

    def test_defaults_are_postgres_deployments_with_two_replicas(self):
        self.assertEqual(by_kind(self.default, "StatefulSet"), [])
        deployments = {component(d): d for d in by_kind(self.default, "Deployment")}
        hpas = {component(h): h for h in by_kind(self.default, "HorizontalPodAutoscaler")}
        pdbs = {component(p): p for p in by_kind(self.default, "PodDisruptionBudget")}
        # Autoscaling off: the Deployment itself says 2 replicas.
        fixed = objects(render("--set", ",".join("services.%s.autoscaling.enabled=false" % s["name"]
                                                  for s in opslib.SERVICES)))
        fixed_deployments = {component(d): d for d in by_kind(fixed, "Deployment")}
        self.assertEqual(by_kind(fixed, "HorizontalPodAutoscaler"), [])
        for spec in opslib.SERVICES:
            name = spec["name"]
            self.assertIn(name, deployments, "%s: no Deployment with the default values" % name)
            d = deployments[name]
            self.assertNotIn("replicas", d["spec"], "%s: the HPA owns the replica count" % name)
            self.assertEqual(hpas[name]["spec"]["scaleTargetRef"]["name"], d["metadata"]["name"])
            self.assertEqual(hpas[name]["spec"]["minReplicas"], 2, name)
            self.assertEqual(fixed_deployments[name]["spec"]["replicas"], 2, name)
            self.assertEqual(pdbs[name]["spec"]["minAvailable"], 1, name)
            self.assertEqual(d["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"], 0, name)
            store = self._configmap(self.default, name)["data"]["LAWENFORCE_STORE"]
            self.assertEqual(store, "postgres://lawenforce@lawenforce-postgres:5432/lawenforce_%s"
                             "?sslmode=require&password_file=/var/run/secrets/lawenforce/db/password"
                             % name.replace("-", "_"), name)
            self.assertNotIn("LAWENFORCE_DB", self._configmap(self.default, name)["data"])
            pod = d["spec"]["template"]["spec"]
            volumes = {v["name"]: v for v in pod["volumes"]}
            # Only the password key is projected, not the whole Secret.
            self.assertEqual(volumes["db-password"]["secret"]["secretName"], "lawenforce-postgres")
            self.assertEqual(volumes["db-password"]["secret"]["items"], [{"key": "password", "path": "password"}])
            self.assertNotIn("data", volumes, "%s: a PostgreSQL service has no data volume" % name)
            mounts = {m["name"]: m for m in pod["containers"][0]["volumeMounts"]}
            self.assertEqual(mounts["db-password"]["mountPath"], "/var/run/secrets/lawenforce/db")
        np = {component(n): n for n in by_kind(self.default, "NetworkPolicy")}
        for spec in opslib.SERVICES:
            egress = {p["port"] for rule in np[spec["name"]]["spec"]["egress"] for p in rule["ports"]}
            self.assertIn(5432, egress, "%s: egress to PostgreSQL" % spec["name"])

    def test_sqlite_is_a_single_replica_statefulset_with_a_volume_claim(self):
        statefulsets = by_kind(self.sqlite, "StatefulSet")
        self.assertEqual(sorted(component(s) for s in statefulsets), sorted(s["name"] for s in opslib.SERVICES))
        for sts in statefulsets:
            name = component(sts)
            self.assertEqual(sts["spec"]["replicas"], 1)
            claims = sts["spec"]["volumeClaimTemplates"]
            self.assertEqual([c["metadata"]["name"] for c in claims], ["data"])
            mounts = sts["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]
            self.assertIn({"name": "data", "mountPath": "/var/lib/lawenforce"}, mounts)
            self.assertNotIn("db-password", {v["name"] for v in sts["spec"]["template"]["spec"]["volumes"]})
            cm = self._configmap(self.sqlite, name)
            self.assertEqual(cm["data"]["LAWENFORCE_STORE"], "sqlite:///var/lib/lawenforce/%s.db" % name)
            self.assertNotIn("LAWENFORCE_DB", cm["data"])
            pdb = [p for p in by_kind(self.sqlite, "PodDisruptionBudget") if component(p) == name][0]
            self.assertEqual(pdb["spec"]["maxUnavailable"], 1)
            self.assertNotIn("minAvailable", pdb["spec"])
        self.assertEqual(by_kind(self.sqlite, "Deployment"), [])
        self.assertEqual(by_kind(self.sqlite, "HorizontalPodAutoscaler"), [],
                         "a single-replica SQLite service must not autoscale")
        # replicaCount does not apply to sqlite; one service on SQLite, the other stays on PostgreSQL.
        objs = objects(render("--set", "services.personnel.store.backend=sqlite,services.personnel.replicaCount=5"))
        personnel = [d for d in by_kind(objs, "StatefulSet") if component(d) == "personnel"]
        self.assertEqual(len(personnel), 1)
        self.assertEqual(personnel[0]["spec"]["replicas"], 1)
        self.assertEqual({component(d) for d in by_kind(objs, "Deployment")},
                         {s["name"] for s in opslib.SERVICES} - {"personnel"})

    def test_a_missing_postgres_password_secret_is_refused_and_warned_about(self):
        # No Secret named: the render fails and says what to set.
        err = render_fails("--set", "postgres.existingSecret=")
        self.assertIn("postgres.existingSecret is required", err)
        self.assertRegex(err, r"services\.[a-z-]+\.store\.backend is postgres")
        err = render_fails("--set", "postgres.host=")
        self.assertIn("postgres.host is required", err)
        # ...unless no service uses PostgreSQL.
        objs = objects(render("--set", "postgres.existingSecret=,postgres.host=", *ALL_SQLITE))
        self.assertEqual(len(by_kind(objs, "StatefulSet")), len(opslib.SERVICES))
        # verify-ca / verify-full without a CA: refused by the schema.
        err = render_fails("--set", "postgres.sslmode=verify-full")
        self.assertIn("postgres.ca.existingSecret", err)
        # A Secret named but not there yet: NOTES says so and how to create it
        # (helm template sees no cluster, so every Secret is missing here).
        text = notes()
        self.assertIn("WARNING: Secret lawenforce-postgres (PostgreSQL password) is not in namespace ops", text)
        self.assertIn("kubectl -n ops create secret generic lawenforce-postgres --from-literal=password=...", text)
        for spec in opslib.SERVICES:
            self.assertRegex(text, r"%s-service .*\n\s+store: PostgreSQL database lawenforce_%s on lawenforce-postgres:5432"
                             % (re.escape(spec["name"]), spec["name"].replace("-", "_")))
        text = notes(*ALL_SQLITE)
        self.assertNotIn("lawenforce-postgres", text)
        self.assertIn("exactly ONE replica", text)

    def test_external_postgres_example_one_database_and_role_per_service_verified_tls(self):
        values = opslib.yaml_load(EXTERNAL_PG)[0]
        self.assertEqual(set(values["services"]), {s["name"] for s in opslib.SERVICES},
                         "examples/external-postgres.yaml needs a block per service of services.json")
        with open(EXTERNAL_PG, encoding="utf-8") as f:
            comments = f.read()
        deployments = {component(d): d for d in by_kind(self.external, "Deployment")}
        for spec in opslib.SERVICES:
            name = spec["name"]
            own = values["services"][name]["store"]["postgres"]
            self.assertIn("CREATE ROLE %s LOGIN;" % own["user"], comments)
            self.assertIn("CREATE DATABASE %s OWNER %s" % (own["database"], own["user"]), comments)
            self.assertIn("--from-literal=%s=" % own["passwordKey"], comments)
            store = self._configmap(self.external, name)["data"]["LAWENFORCE_STORE"]
            self.assertTrue(store.startswith("postgres://%s@pg.db.example.internal:5432/%s?sslmode=verify-full&"
                                             % (own["user"], own["database"])), store)
            self.assertIn("password_file=/var/run/secrets/lawenforce/db/%s" % own["passwordKey"], store)
            self.assertIn("sslrootcert=/var/run/secrets/lawenforce/db-ca/ca.crt", store)
            self.assertIn("application_name=%s-service" % name, store)
            pod = deployments[name]["spec"]["template"]["spec"]
            volumes = {v["name"]: v["secret"] for v in pod["volumes"] if "secret" in v}
            self.assertEqual(volumes["db-password"]["items"], [{"key": own["passwordKey"], "path": own["passwordKey"]}])
            self.assertEqual(volumes["db-ca"]["secretName"], "lawenforce-postgres-ca")
            mounts = {m["name"]: m["mountPath"] for m in pod["containers"][0]["volumeMounts"]}
            self.assertEqual(mounts["db-ca"], "/var/run/secrets/lawenforce/db-ca")
        svc = opslib.yaml_load(EXTERNAL_PG_SERVICE)[0]
        self.assertEqual(svc["spec"]["type"], "ExternalName")
        self.assertEqual(svc["metadata"]["name"], self.values["postgres"]["host"],
                         "the ExternalName Service is the chart's default postgres.host")

    def test_production_is_postgres_deployments_with_hpa_and_a_password_file(self):
        deployments = by_kind(self.prod, "Deployment")
        self.assertEqual(len(deployments), len(opslib.SERVICES))
        self.assertEqual(by_kind(self.prod, "StatefulSet"), [])
        for d in deployments:
            name = component(d)
            self.assertNotIn("replicas", d["spec"], "the HPA owns the replica count")
            hpa = [h for h in by_kind(self.prod, "HorizontalPodAutoscaler") if component(h) == name][0]
            self.assertEqual(hpa["spec"]["scaleTargetRef"]["name"], d["metadata"]["name"])
            store = self._configmap(self.prod, name)["data"]["LAWENFORCE_STORE"]
            self.assertRegex(store, r"^postgres://[^:@/]+@[^/]+/[a-z_]+\?sslmode=verify-full&"
                             r"password_file=/var/run/secrets/lawenforce/db/[^&]+&sslrootcert=/var/run/secrets/lawenforce/db-ca/")
            volumes = {v["name"]: v for v in d["spec"]["template"]["spec"]["volumes"]}
            self.assertEqual(volumes["db-password"]["secret"]["secretName"], "lawenforce-postgres")
        objs = objects(render("-f", PROD_VALUES, "--set", "services.personnel.autoscaling.enabled=false"))
        personnel = [d for d in by_kind(objs, "Deployment") if component(d) == "personnel"][0]
        self.assertEqual(personnel["spec"]["replicas"], 3)

    def _configmap(self, objs, name):
        return [c for c in by_kind(objs, "ConfigMap") if component(c) == name][0]

    # ------------------------------------------------------------------ pods

    def test_every_container_has_grpc_probes_resources_and_a_hardened_security_context(self):
        for flavour, objs in (("default", self.default), ("sqlite", self.sqlite), ("production", self.prod)):
            for workload, pod in pod_specs(objs):
                where = "%s %s/%s" % (flavour, workload["kind"], workload["metadata"]["name"])
                psc = pod["securityContext"]
                self.assertTrue(psc["runAsNonRoot"], where)
                self.assertEqual(psc["runAsUser"], 65532, where)
                self.assertEqual(psc["seccompProfile"]["type"], "RuntimeDefault", where)
                self.assertFalse(pod["automountServiceAccountToken"], where)
                volumes = {v["name"]: v for v in pod["volumes"]}
                for c in pod["containers"] + pod.get("initContainers", []):
                    cwhere = "%s container %s" % (where, c["name"])
                    for probe in ("livenessProbe", "readinessProbe"):
                        self.assertIn(probe, c, cwhere)
                        self.assertIn("grpc", c[probe], "%s: %s is not a gRPC probe" % (cwhere, probe))
                    for part in ("requests", "limits"):
                        self.assertIn("cpu", c["resources"][part], cwhere)
                        self.assertIn("memory", c["resources"][part], cwhere)
                    sc = c["securityContext"]
                    self.assertTrue(sc["runAsNonRoot"], cwhere)
                    self.assertEqual(sc["runAsUser"], 65532, cwhere)
                    self.assertTrue(sc["readOnlyRootFilesystem"], cwhere)
                    self.assertFalse(sc["allowPrivilegeEscalation"], cwhere)
                    self.assertEqual(sc["capabilities"]["drop"], ["ALL"], cwhere)
                    self.assertNotIn("add", sc["capabilities"], cwhere)
                    self.assertEqual(sc["seccompProfile"]["type"], "RuntimeDefault", cwhere)
                    # Writable places are volumes: /tmp always, the data PVC for SQLite.
                    mounts = {m["mountPath"]: m for m in c["volumeMounts"]}
                    self.assertIn("emptyDir", volumes[mounts["/tmp"]["name"]], cwhere)
                    if workload["kind"] == "StatefulSet":
                        self.assertIn("/var/lib/lawenforce", mounts, cwhere)

    def test_probes_use_the_grpc_port_without_tls_and_the_health_port_with_tls(self):
        ports = {s["name"]: s for s in opslib.SERVICES}
        for flavour, objs, key in (("default", self.default, "grpc_port"),
                                   ("production (TLS)", self.prod, "health_port")):
            for workload, pod in pod_specs(objs):
                c = pod["containers"][0]
                want = ports[component(workload)][key]
                self.assertEqual(c["livenessProbe"]["grpc"]["port"], want, flavour)
                self.assertEqual(c["readinessProbe"]["grpc"]["port"], want, flavour)
        for spec in opslib.SERVICES:
            data = self._configmap(self.prod, spec["name"])["data"]
            self.assertEqual(data["LAWENFORCE_HEALTH_LISTEN"], "0.0.0.0:%d" % spec["health_port"])
            self.assertEqual(data["LAWENFORCE_TLS_CLIENT_CA"], "/var/run/secrets/lawenforce/tls/ca.crt")

    def test_no_secret_values_are_rendered_only_references(self):
        for objs in (self.default, self.sqlite, self.prod, self.external):
            self.assertEqual(by_kind(objs, "Secret"), [])
            for cm in by_kind(objs, "ConfigMap"):
                for key, value in cm.get("data", {}).items():
                    if key.startswith("LAWENFORCE_"):
                        self.assertNotRegex(value, r"redis://[^@]*:[^@]+@", key)
                        self.assertNotRegex(value, r"postgres(ql)?://[^@/]*:[^@/]*@", key)
                        self.assertNotIn("password=", value, key)
        d = by_kind(self.prod, "Deployment")[0]
        env = {e["name"]: e for e in d["spec"]["template"]["spec"]["containers"][0]["env"]}
        self.assertEqual(env["REDIS_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"], "lawenforce-redis")
        self.assertIn("$(REDIS_PASSWORD)", env["LAWENFORCE_REDIS_URL"]["value"])

    def test_network_policy_allows_only_what_must_talk(self):
        for objs in (self.default, self.sqlite, self.prod):
            for np in by_kind(objs, "NetworkPolicy"):
                spec = np["spec"]
                self.assertEqual(spec["policyTypes"], ["Ingress", "Egress"])
                ports = [p["port"] for rule in spec["ingress"] for p in rule["ports"]]
                self.assertEqual(sorted(ports, key=str), ["grpc", "metrics"])
                egress_ports = sorted({p["port"] for rule in spec["egress"] for p in rule["ports"]})
                self.assertIn(53, egress_ports)
        grpc_ports = {s["name"]: s["grpc_port"] for s in opslib.SERVICES}
        for np in by_kind(self.prod, "NetworkPolicy"):
            spec = [s for s in opslib.SERVICES if s["name"] == component(np)][0]
            egress = {p["port"] for rule in np["spec"]["egress"] for p in rule["ports"]}
            # DNS, Redis, PostgreSQL, and the services it calls: nothing else.
            self.assertEqual(egress, {53, 6379, 5432} | {grpc_ports[c] for c in spec["calls"]},
                             spec["name"])
        callers = [s for s in opslib.SERVICES if s["calls"]]
        for s in callers:  # each callee's gRPC port is reachable from its caller
            np = [n for n in by_kind(self.default, "NetworkPolicy") if component(n) == s["name"]][0]
            for callee in s["calls"]:
                port = [x for x in opslib.SERVICES if x["name"] == callee][0]["grpc_port"]
                self.assertIn(port, {p["port"] for r in np["spec"]["egress"] for p in r["ports"]})

    def test_a_service_that_calls_another_gets_its_target_and_network_paths(self):
        # services.json has no calls yet: a made-up caller of the first service.
        callee = opslib.SERVICES[0]["name"]
        block = json.loads(json.dumps(self.values["services"][callee]))
        block.update({"calls": [callee], "ports": {"grpc": 50999, "metrics": 9999, "health": 50998}})
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            json.dump({"services": {"caller": block}}, f)  # JSON is YAML
        try:
            objs = objects(render("-f", f.name, "--set", "tls.enabled=true,tls.existingSecret=tls"))
        finally:
            os.unlink(f.name)
        data = self._configmap(objs, "caller")["data"]
        callee_port = self.values["services"][callee]["ports"]["grpc"]
        self.assertEqual(data["LAWENFORCE_%s_TARGET" % callee.upper().replace("-", "_")],
                         "%s-lawenforce-%s:%d" % (RELEASE, callee, callee_port))
        self.assertEqual(data["LAWENFORCE_TLS_CA"], "/var/run/secrets/lawenforce/tls/ca.crt")
        nps = {component(n): n["spec"] for n in by_kind(objs, "NetworkPolicy")}
        egress = [r for r in nps["caller"]["egress"] if r["ports"][0]["port"] == callee_port]
        self.assertEqual(egress[0]["to"][0]["podSelector"]["matchLabels"]["app.kubernetes.io/component"], callee)
        peers = nps[callee]["ingress"][0]["from"]
        self.assertIn("caller", [p.get("podSelector", {}).get("matchLabels", {}).get(
            "app.kubernetes.io/component") for p in peers])

    # ------------------------------------------------------------------ monitoring

    def test_monitoring_objects_need_the_operator_api_and_the_value(self):
        enabled = "metrics.serviceMonitor.enabled=true,metrics.prometheusRule.enabled=true"
        without_api = objects(render("--set", enabled))
        self.assertEqual(by_kind(without_api, "ServiceMonitor") + by_kind(without_api, "PrometheusRule"), [])
        without_value = objects(render(*MONITORING))
        self.assertEqual(by_kind(without_value, "ServiceMonitor") + by_kind(without_value, "PrometheusRule"), [])
        both = objects(render(*MONITORING, "--set", enabled))
        self.assertEqual(len(by_kind(both, "ServiceMonitor")), len(opslib.SERVICES))
        self.assertEqual(len(by_kind(both, "PrometheusRule")), 1)
        for sm in by_kind(both, "ServiceMonitor"):
            self.assertEqual(sm["spec"]["jobLabel"], "lawenforce.gov.cn/job")
            svc = [s for s in by_kind(both, "Service") if component(s) == component(sm)
                   and s["spec"].get("clusterIP") != "None"][0]
            self.assertEqual(svc["metadata"]["labels"]["lawenforce.gov.cn/job"],
                             "lawenforce-" + component(sm))

    def test_prometheus_rule_has_the_same_rules_as_deploy_prometheus(self):
        rule = by_kind(self.prod, "PrometheusRule")[0]
        base = "https://git.example.internal/lawenforce/lawenforce/-/blob/main/"
        rendered = json.loads(json.dumps(rule["spec"]["groups"]).replace(base, ""))
        expected = []
        for path in opslib.RULE_FILES:
            if not path.endswith("services-absent.rules.yml"):
                expected += opslib.yaml_load(path)[0]["groups"]
        absent = [g for g in rendered if g["name"] == "lawenforce-services-absent"]
        self.assertEqual(sorted([g for g in rendered if g["name"] != "lawenforce-services-absent"],
                                key=lambda g: g["name"]),
                         sorted(expected, key=lambda g: g["name"]))
        self.assertEqual(len(absent), 1)
        self.assertEqual(sorted(r["labels"]["service"] for r in absent[0]["rules"]),
                         sorted(s["name"] for s in opslib.SERVICES))

    def test_dashboard_configmaps_hold_the_deploy_grafana_json(self):
        rendered = {}
        for cm in by_kind(self.default, "ConfigMap"):
            if cm["metadata"]["labels"].get("grafana_dashboard") == "1":
                for fname, text in cm["data"].items():
                    rendered[fname] = text
        expected = {}
        for p in opslib.DASHBOARDS:
            with open(p, encoding="utf-8") as f:
                expected[os.path.basename(p)] = f.read()
        self.assertEqual(sorted(rendered), sorted(expected))
        for fname, text in expected.items():
            self.assertEqual(json.loads(rendered[fname]), json.loads(text), fname)


if __name__ == "__main__":
    unittest.main()
