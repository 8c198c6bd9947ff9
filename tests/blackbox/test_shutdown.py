"""SIGTERM under load: the process drains and exits 0 within its shutdown
grace, health turns NOT_SERVING while it drains, calls end with OK or a
retryable code, and acknowledged writes are still there after a restart."""

import collections
import threading
import time
import unittest

import harness
from harness import grpc, pb

GRACE_S = 5
UNREADY_S = 1
BURST_THREADS = 6
BURST_BEFORE_SIGTERM_S = 0.5
MAX_CALLS_PER_THREAD = 5000
# Codes a client may see from a server that is shutting down.
ALLOWED = {"OK", "UNAVAILABLE", "CANCELLED"}


class ShutdownTest(unittest.TestCase):

    def setUp(self):
        flags = harness.service_flags()
        self.has_unready_delay = "unready-delay" in flags
        extra = ["--shutdown-grace=%ds" % GRACE_S]
        if self.has_unready_delay:
            extra.append("--unready-delay=%ds" % UNREADY_S)
        self.service = harness.PersonnelService(extra_args=extra)
        self.addCleanup(self.service.cleanup)
        self.service.start()
        self.token = harness.mint_token()

    def test_sigterm_during_a_burst(self):
        svc = self.service
        stub = svc.stub()
        agency = stub.CreateAgency(pb.CreateAgencyRequest(
            request_id="shutdown-agency", agency=pb.Agency(
                name="银川市生态环境局", division_code="640100",
                domains=["ecological_environment"])),
            metadata=harness.auth(self.token), timeout=10 * harness.SLOW_FACTOR)

        stop = threading.Event()
        codes = collections.Counter()
        acked = []
        lock = threading.Lock()

        def burst(t):
            with grpc.insecure_channel(svc.target) as channel:
                s = harness.pb_grpc.PersonnelServiceStub(channel)
                for i in range(MAX_CALLS_PER_THREAD):
                    if stop.is_set():
                        return
                    try:
                        if i % 2:
                            s.GetAgency(pb.GetAgencyRequest(id=agency.id),
                                        metadata=harness.auth(self.token),
                                        timeout=10 * harness.SLOW_FACTOR)
                        else:
                            a = s.CreateAgency(pb.CreateAgencyRequest(
                                request_id="burst-%d-%d" % (t, i), agency=pb.Agency(
                                    name="机构%d-%d" % (t, i), division_code="640104",
                                    domains=["market_regulation"])),
                                metadata=harness.auth(self.token),
                                timeout=10 * harness.SLOW_FACTOR)
                            with lock:
                                acked.append(a.id)
                        code = "OK"
                    except grpc.RpcError as err:
                        code = err.code().name
                        if code == "UNAVAILABLE" and not svc.running():
                            with lock:
                                codes[code] += 1
                            return
                        time.sleep(0.01)  # no busy loop against a draining server
                    with lock:
                        codes[code] += 1

        health_seen = []

        def watch_health():
            # Its own channel, polling Check until the process is gone.
            with grpc.insecure_channel(svc.target) as channel:
                hstub = harness.health_pb2_grpc.HealthStub(channel)
                while not stop.is_set():
                    try:
                        r = hstub.Check(harness.health_pb2.HealthCheckRequest(), timeout=1)
                        status = harness.health_pb2.HealthCheckResponse.ServingStatus.Name(
                            r.status)
                    except grpc.RpcError as err:
                        status = err.code().name
                    if not health_seen or health_seen[-1] != status:
                        health_seen.append(status)
                    time.sleep(0.02)

        threads = harness.run_threads([lambda t=t: burst(t) for t in range(BURST_THREADS)] +
                                      [watch_health])
        harness.poll(lambda: sum(codes.values()) >= 20, timeout=20, interval=0.02,
                     message="the burst to get going")
        time.sleep(BURST_BEFORE_SIGTERM_S)
        self.assertTrue(svc.running())

        sent = time.monotonic()
        code = svc.terminate(timeout=GRACE_S + UNREADY_S + 20)
        took = time.monotonic() - sent
        stop.set()
        for t in threads:
            t.join(20 * harness.SLOW_FACTOR)
        self.assertFalse(any(t.is_alive() for t in threads), "a client thread hung")
        print("\nshutdown test: exit %r after %.2fs; calls %s; health %s" % (
            code, took, dict(codes), health_seen))

        self.assertEqual(code, 0, svc.log_text()[-3000:])
        self.assertLessEqual(took, (GRACE_S + UNREADY_S + 3) * harness.SLOW_FACTOR,
                             "shutdown took longer than its grace")
        self.assertGreater(codes["OK"], 0)
        self.assertLessEqual(set(codes), ALLOWED, dict(codes))
        self.assertEqual(health_seen[0], "SERVING", health_seen)
        if self.has_unready_delay:
            self.assertIn("NOT_SERVING", health_seen,
                          "health never reported NOT_SERVING during the %ds unready delay" %
                          UNREADY_S)

        # Acknowledged writes made it to disk before the exit.
        svc.start()
        stub = svc.stub()
        for agency_id in acked:
            self.assertEqual(stub.GetAgency(pb.GetAgencyRequest(id=agency_id),
                                            metadata=harness.auth(self.token),
                                            timeout=10 * harness.SLOW_FACTOR).id, agency_id)
        self.assertEqual(svc.terminate(), 0)


if __name__ == "__main__":
    unittest.main()
