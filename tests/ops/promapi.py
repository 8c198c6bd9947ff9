"""A real Prometheus for the ops tests: /usr/bin/prometheus (Debian package
`prometheus`) in a temporary directory on a free loopback port, and a few
calls of its HTTP API."""

import json
import os
import subprocess
import time
import urllib.parse
import urllib.request

PROMETHEUS = "/usr/bin/prometheus"


class Prometheus:
    def __init__(self, workdir, config_text, port):
        self.workdir = workdir
        self.port = port
        self.config = os.path.join(workdir, "prometheus.yml")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(config_text)
        self.log_path = os.path.join(workdir, "prometheus.log")
        self.proc = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self, timeout=30.0):
        if not os.path.exists(PROMETHEUS):
            raise AssertionError("%s is missing: install the Debian package prometheus "
                                 "(scripts/lib/deps.sh lists it)" % PROMETHEUS)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [PROMETHEUS, "--config.file=" + self.config,
                 "--storage.tsdb.path=" + os.path.join(self.workdir, "data"),
                 "--web.listen-address=127.0.0.1:%d" % self.port,
                 "--storage.tsdb.retention.time=1h", "--log.level=warn"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.workdir)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("prometheus exited (%s):\n%s" % (self.proc.returncode, self.log()))
            try:
                with urllib.request.urlopen(self.url + "/-/ready", timeout=1) as resp:
                    if resp.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("prometheus not ready after %.0fs:\n%s" % (timeout, self.log()))

    def log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(15)

    def api(self, path, **params):
        """GET /api/v1/<path>; returns `data`, raises RuntimeError with the
        API's error message otherwise."""
        query = urllib.parse.urlencode(params, doseq=True)
        url = "%s/api/v1/%s%s" % (self.url, path, "?" + query if query else "")
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                body = json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as err:
            try:
                body = json.loads(err.read().decode("utf-8"))
            except ValueError:
                raise RuntimeError("HTTP %d" % err.code) from None
        if body.get("status") != "success":
            raise RuntimeError("%s: %s" % (body.get("errorType"), body.get("error")))
        return body["data"]

    def query(self, expr):
        """Instant query: the result vector (list of samples)."""
        data = self.api("query", query=expr)
        if data["resultType"] not in ("vector", "matrix"):
            return [{"metric": {}, "value": data["result"]}]
        return data["result"]

    def series(self, selector):
        return self.api("series", **{"match[]": selector})
