"""deploy/docker/Dockerfile, checked statically (no container engine here):
the stages and base images, every COPY source present in the build context
(after Dockerfile.dockerignore) or produced by the build stage, the binary
path of every service of services.json, a non-root runtime, and the runtime
stage's apt packages (with what they depend on) providing exactly the
shared libraries `ldd` lists for each built binary (libraries mapped to
packages with `dpkg -S`, dependencies read with `dpkg-query`, on this Debian
bookworm machine).

Packages assumed present in debian:bookworm-slim (not installed by the
Dockerfile): libc6, libgcc-s1, libstdc++6."""

import os
import re
import shlex
import unittest

import opslib

DOCKERFILE = os.path.join(opslib.ROOT, "deploy", "docker", "Dockerfile")
IGNORE = DOCKERFILE + ".dockerignore"
IN_SLIM = {"libc6", "libgcc-s1", "libstdc++6"}
# The runtimes of a sanitizer build (-DLAWENFORCE_SANITIZE=ON), never in the image.
SANITIZER_RUNTIMES = {"libasan8", "libubsan1", "liblsan0", "libtsan2"}
DATA_FILES = {"data/ningxia-divisions.tsv", "data/cn-working-calendar.tsv", "data/plans/"}


def instructions(path):
    """(stage name, INSTRUCTION, argument text) with continuation lines joined."""
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"\\\n", " ", f.read())
    out, stage = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        word = word.upper()
        if word == "FROM":
            m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", rest.strip(), re.I)
            stage = m.group(2) or m.group(1)
        out.append((stage, word, rest.strip()))
    return out


def ignore_patterns():
    with open(IGNORE, encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    rules = []
    for line in lines:
        negate = line.startswith("!")
        pattern = line[1:] if negate else line
        pattern = pattern.strip("/")
        regex = ""
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex += "(?:.*/)?"
                i += 3
            elif pattern.startswith("**", i):
                regex += ".*"
                i += 2
            elif pattern[i] == "*":
                regex += "[^/]*"
                i += 1
            elif pattern[i] == "?":
                regex += "[^/]"
                i += 1
            else:
                regex += re.escape(pattern[i])
                i += 1
        rules.append((negate, re.compile("^" + regex + "$")))
    return rules


def excluded(path, rules):
    """Docker's rule: the last pattern matching the path or a parent wins."""
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    state = False
    for negate, regex in rules:
        if any(regex.match(c) for c in candidates):
            state = not negate
    return state


_PACKAGES = {}


def ldd_packages(binary):
    """Debian packages owning the shared libraries `ldd` lists for binary."""
    if binary in _PACKAGES:
        return _PACKAGES[binary]
    result = opslib.run(["ldd", binary])
    if result.returncode != 0:
        raise AssertionError("ldd %s failed: %s" % (binary, result.stderr))
    libs = {}
    for line in result.stdout.splitlines():
        m = re.search(r"=>\s+(/\S+)", line)
        if not m:
            continue
        lib = m.group(1)
        candidates = {lib, os.path.realpath(lib)}
        for c in list(candidates):  # merged /usr: dpkg knows one spelling
            candidates.add(c[4:] if c.startswith("/usr/") else "/usr" + c)
        libs[lib] = candidates
    every = sorted(set().union(*libs.values()))
    owners = {}
    for line in opslib.run(["dpkg", "-S"] + every).stdout.splitlines():
        m = re.match(r"^([^:,]+)(?::[^:]+)?: (/\S+)$", line)
        if m:
            owners[m.group(2)] = m.group(1)
    packages, unknown = set(), []
    for lib, candidates in libs.items():
        found = [owners[c] for c in candidates if c in owners]
        if found:
            packages.add(found[0])
        else:
            unknown.append(lib)
    if unknown:
        raise AssertionError("no Debian package owns %s (dpkg -S)" % unknown)
    _PACKAGES[binary] = packages
    return packages


def depends_closure(packages):
    """packages and everything they depend on, as this (bookworm) machine's
    dpkg records it: what apt-get installs for them in the image."""
    seen, todo = set(), list(packages)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        result = opslib.run(["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", name])
        if result.returncode != 0:
            continue  # not installed here: apt resolves it in the image
        for alternative in result.stdout.split(","):
            dep = alternative.split("|")[0].strip().split(" ")[0].split(":")[0]
            if dep:
                todo.append(dep)
    return seen


class Dockerfile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ins = instructions(DOCKERFILE)
        cls.froms = [(s, rest) for s, w, rest in cls.ins if w == "FROM"]
        cls.runtime_stage = cls.froms[-1][0]

    def stage(self, name, word=None):
        return [rest for s, w, rest in self.ins if s == name and (word is None or w == word)]

    def runtime_packages(self):
        text = " ".join(self.stage(self.runtime_stage, "RUN"))
        m = re.search(r"apt-get install (.*?)(?:&&|$)", text)
        self.assertIsNotNone(m, "the runtime stage installs no packages")
        return {w for w in shlex.split(m.group(1)) if not w.startswith("-")}

    def test_multi_stage_on_bookworm_with_a_slim_runtime(self):
        self.assertEqual([f[1] for f in self.froms],
                         ["debian:bookworm AS build", "debian:bookworm-slim AS runtime"])

    def test_every_copy_source_exists_in_the_context_or_the_build_stage(self):
        rules = ignore_patterns()
        build_runs = " ".join(self.stage("build", "RUN"))
        problems = []
        for stage, word, rest in self.ins:
            if word not in ("COPY", "ADD"):
                continue
            self.assertEqual(word, "COPY", "use COPY, not ADD")
            args = shlex.split(rest)
            flags = [a for a in args if a.startswith("--")]
            paths = [a for a in args if not a.startswith("--")]
            sources = paths[:-1]
            src_stage = next((f.split("=", 1)[1] for f in flags if f.startswith("--from=")), None)
            for src in sources:
                if src_stage:
                    if src_stage not in [s for s, _ in self.froms]:
                        problems.append("COPY --from=%s: no such stage" % src_stage)
                    elif src.rstrip("/") not in build_runs:
                        problems.append("COPY --from=%s %s: the build stage never writes it" % (src_stage, src))
                    continue
                full = os.path.join(opslib.ROOT, src)
                if not os.path.exists(full):
                    problems.append("COPY %s: not in the repository" % src)
                elif excluded(src, rules):
                    problems.append("COPY %s: excluded by Dockerfile.dockerignore" % src)
        self.assertEqual(problems, [])

    def test_the_context_leaves_out_builds_state_and_node_modules(self):
        rules = ignore_patterns()
        for path in ("build/services/personnel/personnel-service", "build-ops/x", "var/personnel.db",
                     ".git/HEAD", "tools/ops/node_modules/yaml/package.json", "docs/operations.md",
                     "helm/lawenforce/values.yaml"):
            self.assertTrue(excluded(path, rules), path)
        for path in ("common/CMakeLists.txt", "services/personnel/main.cc", "data/ningxia-divisions.tsv"):
            self.assertFalse(excluded(path, rules), path)

    def test_every_service_builds_to_the_path_the_dockerfile_copies(self):
        runs = " ".join(self.stage("build", "RUN"))
        self.assertIn('--target "${SERVICE}-service"', runs)
        self.assertIn('"/build/services/${SERVICE}/${SERVICE}-service"', runs)
        for spec in opslib.SERVICES:
            self.assertEqual(spec["binary"], spec["name"] + "-service", spec["name"])
            self.assertTrue(os.path.isdir(os.path.join(opslib.ROOT, "services", spec["name"])))

    def test_runtime_has_the_data_files_and_runs_as_uid_65532(self):
        copies = " ".join(self.stage(self.runtime_stage, "COPY"))
        for f in DATA_FILES:
            self.assertIn(f, copies)
        self.assertEqual(self.stage(self.runtime_stage, "USER"), ["65532:65532"])
        self.assertIn("--uid 65532", " ".join(self.stage(self.runtime_stage, "RUN")))
        self.assertEqual(self.stage(self.runtime_stage, "ENTRYPOINT"), ['["/usr/local/bin/lawenforce-service"]'])

    def test_runtime_packages_are_exactly_the_binary_shared_libraries(self):
        build_dir = os.environ.get("LAWENFORCE_BUILD_DIR") or os.path.join(opslib.ROOT, "build")
        installed = self.runtime_packages()
        for spec in opslib.SERVICES:
            binary = opslib.devstack.binary_path(spec, build_dir)
            if not os.path.exists(binary):
                self.fail("%s is not built: %s (set LAWENFORCE_BUILD_DIR)" % (spec["name"], binary))
            needed = ldd_packages(binary) - IN_SLIM
            if needed & SANITIZER_RUNTIMES:
                # An ASan/UBSan build (scripts/test --sanitize): the image is
                # built without sanitizers, so this build says nothing of it.
                self.skipTest("%s is a sanitizer build (%s)" % (
                    binary, ", ".join(sorted(needed & SANITIZER_RUNTIMES))))
            self.assertFalse(needed - depends_closure(installed),
                             "%s needs packages the runtime stage does not install" % spec["name"])
        self.assertFalse(installed - needed_union(build_dir),
                         "the runtime stage installs packages no binary needs")


def needed_union(build_dir):
    out = set()
    for spec in opslib.SERVICES:
        out |= ldd_packages(opslib.devstack.binary_path(spec, build_dir)) - IN_SLIM
    return out


if __name__ == "__main__":
    unittest.main()
