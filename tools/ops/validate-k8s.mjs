// Validates every object of a rendered manifest (helm template output: a
// multi-document YAML file) against the Kubernetes JSON schemas of the
// pinned kubernetes-models package (schemas of Kubernetes 1.33, a superset
// of 1.31: no build for 1.31 itself is published) and the prometheus-operator
// CRD schemas. Only apiVersion/kind pairs that Kubernetes 1.31 (or the
// prometheus-operator CRDs) serve are accepted, so an API removed or not yet
// GA in 1.31 fails too. Prints one line per problem; exits 1 on any.
//
//   node tools/ops/validate-k8s.mjs rendered.yaml...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// apiVersion/kind -> module exporting the model class (named like the kind).
const SERVED_BY_1_31 = {
  "v1/ConfigMap": "kubernetes-models/v1/ConfigMap",
  "v1/Secret": "kubernetes-models/v1/Secret",
  "v1/Service": "kubernetes-models/v1/Service",
  "v1/ServiceAccount": "kubernetes-models/v1/ServiceAccount",
  "v1/PersistentVolumeClaim": "kubernetes-models/v1/PersistentVolumeClaim",
  "v1/Pod": "kubernetes-models/v1/Pod",
  "apps/v1/Deployment": "kubernetes-models/apps/v1/Deployment",
  "apps/v1/StatefulSet": "kubernetes-models/apps/v1/StatefulSet",
  "batch/v1/Job": "kubernetes-models/batch/v1/Job",
  "policy/v1/PodDisruptionBudget": "kubernetes-models/policy/v1/PodDisruptionBudget",
  "autoscaling/v2/HorizontalPodAutoscaler": "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
  "networking.k8s.io/v1/NetworkPolicy": "kubernetes-models/networking.k8s.io/v1/NetworkPolicy",
  "monitoring.coreos.com/v1/ServiceMonitor":
    "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor",
  "monitoring.coreos.com/v1/PrometheusRule":
    "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule",
};

const problems = [];
let count = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  for (const doc of parseAllDocuments(text, { uniqueKeys: true })) {
    if (doc.errors.length) {
      problems.push(`${file}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    count++;
    const where = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    const key = `${obj.apiVersion}/${obj.kind}`;
    const path = SERVED_BY_1_31[key];
    if (!path) {
      problems.push(`${where}: ${key} is not an API this check knows Kubernetes 1.31 serves`);
      continue;
    }
    const mod = await import(path);
    const Model = mod[obj.kind];
    try {
      new Model(obj).validate();
    } catch (err) {
      problems.push(`${where}: ${err.message}`);
    }
  }
}
for (const p of problems) console.log(p);
console.log(`validate-k8s: ${count} objects, ${problems.length} problems`);
process.exit(problems.length || count === 0 ? 1 : 0);
