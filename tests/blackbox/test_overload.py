"""Sustained overload (registered only with LAWENFORCE_SLOW_TESTS=ON): h2load
(Debian's nghttp2-client, an outside load generator) keeps 1,536 calls with
1 s deadlines in flight, eligibility checks and fsync-bound writes, far
beyond what the server can do. The server must stay bounded and responsive:

  - threads stay bounded (the handler pool plus gRPC's own, never one per
    call);
  - excess calls are refused at once (RESOURCE_EXHAUSTED) or dropped
    unrun when their deadline passed (DEADLINE_EXCEEDED), never queued
    without bound;
  - health answers within 1 s throughout;
  - after the load, memory comes back near the idle figure and normal
    calls are served at once.

Prints the measurements (threads, RSS, calls by code, health latency) so a
run doubles as the measurement behind docs/adr/0006.
"""

import asyncio
import collections
import subprocess
import os
import threading
import time
import unittest

import harness
from harness import grpc, pb

LOAD_SECONDS = float(os.environ.get("OVERLOAD_SECONDS", "20"))
MAX_THREADS = 64               # handler pool (16) + gRPC's threads, with room


def proc_status(pid):
    fields = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["Threads"]), int(fields["VmRSS"].split()[0]) // 1024


H2LOAD = "/usr/bin/h2load"


def grpc_frame(message):
    body = message.SerializeToString()
    return b"\x00" + len(body).to_bytes(4, "big") + body


def h2load(workdir, target, token, method, request, clients, streams, seconds):
    """An outside load generator speaking gRPC over h2: `clients`
    connections with `streams` calls in flight each, every call with a 1 s
    deadline (grpc-timeout), for `seconds`."""
    body = os.path.join(workdir, method + ".bin")
    with open(body, "wb") as f:
        f.write(grpc_frame(request))
    return subprocess.Popen(
        [H2LOAD, "-c", str(clients), "-m", str(streams), "-t", "1", "-D", str(int(seconds)),
         "-d", body, "-H", "content-type: application/grpc", "-H", "te: trailers",
         "-H", "grpc-timeout: 1S", "-H", "authorization: Bearer " + token,
         "http://%s/lawenforce.personnel.v1.PersonnelService/%s" % (target, method)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def handled_by_code(metrics_url):
    """grpc_server_handled_total of the personnel methods, summed by code."""
    counts = collections.Counter()
    for line in harness.http_get(metrics_url).splitlines():
        if line.startswith("grpc_server_handled_total{") and "PersonnelService" in line:
            labels, value = line.rsplit(" ", 1)
            code = labels.split('grpc_code="', 1)[1].split('"', 1)[0]
            counts[code] += float(value)
    return counts


class OverloadTest(unittest.TestCase):

    def setUp(self):
        self.service = harness.Service("personnel")
        self.addCleanup(self.service.cleanup)
        self.service.start()
        self.token = harness.mint_token()
        stub = self.service.stub()
        meta = harness.auth(self.token)
        agency = stub.CreateAgency(pb.CreateAgencyRequest(agency=pb.Agency(
            name="兴庆区市场监督管理局", division_code="640104", domains=["market_regulation"])),
            metadata=meta, timeout=10)
        officer = stub.CreateOfficer(pb.CreateOfficerRequest(officer=pb.Officer(
            agency_id=agency.id, name="张三", id_number=harness.unique_id_number(1),
            roles=[pb.OFFICER_ROLE_OFFICER])), metadata=meta, timeout=10)
        stub.IssueCertificate(pb.IssueCertificateRequest(certificate=pb.Certificate(
            officer_id=officer.id, number="NX-OVERLOAD-1", kind=pb.CERTIFICATE_KIND_ENFORCEMENT,
            domains=["market_regulation"], valid_from=harness.date(2025, 1, 1),
            valid_until=harness.date(2030, 12, 31))), metadata=meta, timeout=10)
        self.officer_id, self.agency_id = officer.id, agency.id

    def test_overload_is_shed_early_and_the_server_stays_bounded_and_healthy(self):
        pid = self.service.proc.pid
        time.sleep(1)
        idle_threads, idle_rss = proc_status(pid)

        health_latencies = []
        health_failures = []
        peak = {"threads": idle_threads, "rss": idle_rss}
        stop = threading.Event()

        def watch():
            while not stop.is_set():
                t0 = time.monotonic()
                status = self.service.health(timeout=1.0)
                took = time.monotonic() - t0
                health_latencies.append(took)
                if status != "SERVING":
                    health_failures.append(status)
                threads, rss = proc_status(pid)
                peak["threads"] = max(peak["threads"], threads)
                peak["rss"] = max(peak["rss"], rss)
                time.sleep(0.1)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        before = handled_by_code(self.service.metrics_url)
        started = time.monotonic()
        loads = [
            h2load(self.service.workdir, self.service.target, self.token,
                   "CheckEnforcementEligibility", pb.CheckEnforcementEligibilityRequest(
                       officer_ids=[self.officer_id], domain="market_regulation"),
                   clients=16, streams=64, seconds=LOAD_SECONDS),
            h2load(self.service.workdir, self.service.target, self.token, "RecordTraining",
                   pb.RecordTrainingRequest(record=pb.TrainingRecord(
                       officer_id=self.officer_id, hours=0.5,
                       category=pb.TRAINING_CATEGORY_BUSINESS_KNOWLEDGE, course="overload",
                       provider="h2load", date=harness.date(2025, 3, 1))),
                   clients=8, streams=64, seconds=LOAD_SECONDS),
        ]
        for load in loads:
            out, _ = load.communicate(timeout=LOAD_SECONDS + 120)
            self.assertEqual(load.returncode, 0, out)
        load_took = time.monotonic() - started
        after = handled_by_code(self.service.metrics_url)
        counts = collections.Counter({code: after[code] - before.get(code, 0) for code in after})

        # Recovery: a normal call is served at once after the load.
        t0 = time.monotonic()
        harness.poll(lambda: self.service.stub().CheckEnforcementEligibility(
            pb.CheckEnforcementEligibilityRequest(officer_ids=[self.officer_id],
                                                  domain="market_regulation"),
            metadata=harness.auth(self.token), timeout=2).verdicts, timeout=30,
            message="a call served after the load")
        recovery = time.monotonic() - t0
        time.sleep(12)  # the idle trim runs every 10 s
        stop.set()
        watcher.join(5)
        after_threads, after_rss = proc_status(pid)

        total = sum(counts.values())
        health_latencies.sort()
        p99 = health_latencies[int(len(health_latencies) * 0.99) - 1] if health_latencies else 0
        print("\noverload: %d calls in %.1fs (%.0f/s) by code %s" % (
            total, load_took, total / load_took, {c: int(n) for c, n in counts.items() if n}))
        print("overload: threads idle %d, peak %d, after %d; RSS MiB idle %d, peak %d, after %d" %
              (idle_threads, peak["threads"], after_threads, idle_rss, peak["rss"], after_rss))
        print("overload: health checks %d, failures %d, max %.3fs, p99 %.3fs; recovery %.3fs" %
              (len(health_latencies), len(health_failures), max(health_latencies or [0]), p99,
               recovery))

        self.assertGreater(total, 10000)
        self.assertLessEqual(peak["threads"], MAX_THREADS)
        self.assertEqual(health_failures, [], "health failed under load")
        self.assertLess(max(health_latencies), 1.0)
        # grpc-ecosystem code names (server_metrics.h).
        shed = counts["ResourceExhausted"] + counts["DeadlineExceeded"]
        self.assertGreater(shed, 0, "nothing was shed: the load was not an overload")
        self.assertGreater(counts["OK"], 1000, "the server did no useful work under overload")
        self.assertEqual(counts["Internal"] + counts["Unknown"] + counts["Unavailable"], 0)
        self.assertLess(recovery, 2.0)
        self.assertLessEqual(after_rss, max(idle_rss * 1.5, idle_rss + 24))


if __name__ == "__main__":
    unittest.main()
