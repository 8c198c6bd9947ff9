"""SIGKILL mid-writes: every write the server acknowledged survives, and
retrying an in-flight write with its request_id creates it exactly once."""

import datetime
import threading
import time
import unittest

import harness
from harness import grpc, pb, date

COUNTY = "640104"
DOMAIN = "market_regulation"
THREADS_PER_KIND = 2
MAX_WRITES_PER_THREAD = 2000        # bound on each writer's loop
# An officer may have 8 training hours a day and one live certificate per
# domain: writes spread over holders, days and domains.
TRAINING_HOLDERS = 20               # per training writer
DOMAINS = ["market_regulation", "food_safety", "drug_regulation", "product_quality", "pricing",
           "intellectual_property", "urban_management", "ecological_environment",
           "natural_resources", "forestry_grassland", "water_resources", "agriculture",
           "fisheries", "animal_health", "transport", "road_transport", "culture_tourism",
           "cultural_heritage", "press_publication", "radio_television", "health",
           "medical_insurance", "emergency_management", "fire_safety", "mine_safety",
           "housing_construction", "human_resources", "education", "civil_affairs",
           "statistics", "audit", "commerce"]
CERTIFICATE_HOLDERS = MAX_WRITES_PER_THREAD // len(DOMAINS) + 1  # per certificate writer
KILL_AFTER_SECONDS = 1.5            # kill this long after the writers start...
KILL_AFTER_ACKS = 400               # ...or once this many writes were acknowledged,
MIN_ACKS_BEFORE_KILL = 30           # but not before this many (slow machines)
WRITE_PHASE_DEADLINE = 30.0         # hard bound on the write phase


class Writer:
    """One client thread issuing one kind of write as fast as it can."""

    def __init__(self, kind, index, service, token, make_request):
        self.kind = kind
        self.index = index
        self.token = token
        self.make_request = make_request
        self.channel = harness.grpc.insecure_channel(service.target)
        self.stub = harness.pb_grpc.PersonnelServiceStub(self.channel)
        self.method = {"officer": "CreateOfficer", "training": "RecordTraining",
                       "certificate": "IssueCertificate"}[kind]
        self.acked = []        # (request, response id)
        self.in_flight = None  # the request that failed when the server died
        self.errors = []       # unexpected errors before the kill
        self.stop = threading.Event()
        self.killed = threading.Event()

    def run(self):
        try:
            for i in range(MAX_WRITES_PER_THREAD):
                if self.stop.is_set():
                    return
                request = self.make_request(self.index, i)
                for attempt in range(3):
                    try:
                        resp = getattr(self.stub, self.method)(
                            request, metadata=harness.auth(self.token),
                            timeout=10 * harness.SLOW_FACTOR)
                        self.acked.append((request, resp.id))
                        break
                    except grpc.RpcError as err:
                        if self.killed.is_set():
                            self.in_flight = request
                            return
                        if err.code() == grpc.StatusCode.UNAVAILABLE and attempt < 2:
                            time.sleep(0.05)  # store busy: retry with the same request_id
                            continue
                        self.errors.append("%s: %s" % (err.code().name, err.details()))
                        return
        finally:
            self.channel.close()


class CrashDurabilityTest(unittest.TestCase):

    def setUp(self):
        self.service = harness.PersonnelService()
        self.addCleanup(self.service.cleanup)
        self.service.start()
        self.token = harness.mint_token()

    def call(self, method, request):
        return getattr(self.stub, method)(request, metadata=harness.auth(self.token),
                                          timeout=10 * harness.SLOW_FACTOR)

    def list_all(self, method, request, field):
        items = []
        for _ in range(1000):
            resp = self.call(method, request)
            items.extend(getattr(resp, field))
            if not resp.next_page_token:
                return items
            request.page_token = resp.next_page_token
        self.fail("%s never ran out of pages" % method)

    def test_acknowledged_writes_survive_sigkill(self):
        self.stub = self.service.stub()
        agency = self.call("CreateAgency", pb.CreateAgencyRequest(
            request_id="crash-agency", agency=pb.Agency(
                name="兴庆区市场监督管理局", division_code=COUNTY, domains=DOMAINS)))
        holders = []
        for n in range(THREADS_PER_KIND * (TRAINING_HOLDERS + CERTIFICATE_HOLDERS)):
            holders.append(self.call("CreateOfficer", pb.CreateOfficerRequest(
                request_id="crash-holder-%d" % n, officer=pb.Officer(
                    agency_id=agency.id, name="持证人%d" % n,
                    id_number=harness.unique_id_number(900000 + n),
                    roles=[pb.OFFICER_ROLE_OFFICER]))).id)

        def officer_request(t, i):
            return pb.CreateOfficerRequest(
                request_id="crash-officer-%d-%d" % (t, i), officer=pb.Officer(
                    agency_id=agency.id, name="officer-%d-%d" % (t, i),
                    id_number=harness.unique_id_number(t * MAX_WRITES_PER_THREAD + i),
                    roles=[pb.OFFICER_ROLE_OFFICER]))

        # China's today; 16 half hours a day per holder, days back from
        # yesterday: at most a week back, so always in a year still open.
        today = (datetime.datetime.now(datetime.timezone.utc)
                 + datetime.timedelta(hours=8)).date()

        def training_request(t, i):
            day = today - datetime.timedelta(days=1 + (i // TRAINING_HOLDERS) // 16)
            return pb.RecordTrainingRequest(
                request_id="crash-training-%d-%d" % (t, i), record=pb.TrainingRecord(
                    officer_id=holders[t * TRAINING_HOLDERS + i % TRAINING_HOLDERS], hours=0.5,
                    category=pb.TRAINING_CATEGORY_BUSINESS_KNOWLEDGE,
                    course="course-%d-%d" % (t, i), date=date(day.year, day.month, day.day),
                    provider="crash"))

        first_certificate_holder = THREADS_PER_KIND * TRAINING_HOLDERS

        def certificate_request(t, i):
            holder = holders[first_certificate_holder + t * CERTIFICATE_HOLDERS + i // len(DOMAINS)]
            return pb.IssueCertificateRequest(
                request_id="crash-certificate-%d-%d" % (t, i), certificate=pb.Certificate(
                    number="CR-%d-%d" % (t, i), officer_id=holder,
                    kind=pb.CERTIFICATE_KIND_ENFORCEMENT, domains=[DOMAINS[i % len(DOMAINS)]],
                    valid_from=date(2025, 1, 1), valid_until=date(2030, 12, 31)))

        writers = []
        for kind, make in (("officer", officer_request), ("training", training_request),
                           ("certificate", certificate_request)):
            for t in range(THREADS_PER_KIND):
                writers.append(Writer(kind, t, self.service, self.token, make))

        # --- write, then SIGKILL while the writers are still going
        threads = harness.run_threads([w.run for w in writers])
        started = time.monotonic()
        deadline = started + WRITE_PHASE_DEADLINE * harness.SLOW_FACTOR
        while time.monotonic() < deadline:
            acks = sum(len(w.acked) for w in writers)
            elapsed = time.monotonic() - started
            if acks >= MIN_ACKS_BEFORE_KILL and (elapsed >= KILL_AFTER_SECONDS or
                                                 acks >= KILL_AFTER_ACKS):
                break
            if not any(t.is_alive() for t in threads):
                break
            time.sleep(0.02)
        for w in writers:
            w.killed.set()
        self.service.kill()
        for w in writers:
            w.stop.set()
        for t in threads:
            t.join(30 * harness.SLOW_FACTOR)
        self.assertFalse(any(t.is_alive() for t in threads), "a writer thread hung")
        for w in writers:
            self.assertEqual(w.errors, [], "%s writer %d failed before the kill" % (w.kind,
                                                                                   w.index))
        acks = sum(len(w.acked) for w in writers)
        self.assertGreaterEqual(acks, MIN_ACKS_BEFORE_KILL)
        in_flight = [w for w in writers if w.in_flight is not None]
        print("\ncrash test: %d acknowledged writes (%s), %d in flight at SIGKILL" % (
            acks, ", ".join("%s=%d" % (w.kind, len(w.acked)) for w in writers), len(in_flight)))

        # --- restart on the same database
        self.service.start()
        self.stub = self.service.stub()

        officers = {o.id: o for o in self.list_all(
            "ListOfficers", pb.ListOfficersRequest(agency_id=agency.id, page_size=500),
            "officers")}
        certificates = {}
        trainings = {}
        for n, holder in enumerate(holders):
            for c in self.list_all("ListCertificates", pb.ListCertificatesRequest(
                    officer_id=holder, page_size=500), "certificates"):
                certificates[c.id] = c
            for r in self.list_all("ListTrainingRecords", pb.ListTrainingRecordsRequest(
                    officer_id=holder, page_size=500), "records"):
                trainings[r.id] = r

        for w in writers:
            for request, record_id in w.acked:
                if w.kind == "officer":
                    self.assertIn(record_id, officers, "acknowledged officer lost")
                    self.assertEqual(officers[record_id].name, request.officer.name)
                elif w.kind == "training":
                    self.assertIn(record_id, trainings, "acknowledged training lost")
                    self.assertEqual(trainings[record_id].course, request.record.course)
                else:
                    self.assertIn(record_id, certificates, "acknowledged certificate lost")
                    self.assertEqual(certificates[record_id].number, request.certificate.number)
        # Spot checks through Get as well.
        for w in writers:
            if w.acked and w.kind == "officer":
                self.assertEqual(self.call("GetOfficer", pb.GetOfficerRequest(
                    id=w.acked[-1][1])).id, w.acked[-1][1])
            if w.acked and w.kind == "certificate":
                self.assertEqual(self.call("GetCertificate", pb.GetCertificateRequest(
                    id=w.acked[-1][1])).id, w.acked[-1][1])

        # --- replaying acknowledged writes returns the same records
        for w in writers:
            for request, record_id in w.acked[-3:]:
                self.assertEqual(self.call(w.method, request).id, record_id,
                                 "replay of %s changed the id" % request.request_id)

        # --- retrying the in-flight writes creates each exactly once
        for w in in_flight:
            first = self.call(w.method, w.in_flight).id
            self.assertEqual(self.call(w.method, w.in_flight).id, first)
            if w.kind == "officer":
                name = w.in_flight.officer.name
                matches = [o for o in self.list_all("ListOfficers", pb.ListOfficersRequest(
                    agency_id=agency.id, page_size=500), "officers") if o.name == name]
            elif w.kind == "training":
                course = w.in_flight.record.course
                matches = [r for r in self.list_all("ListTrainingRecords",
                                                    pb.ListTrainingRecordsRequest(
                                                        officer_id=w.in_flight.record.officer_id,
                                                        page_size=500), "records")
                           if r.course == course]
            else:
                number = w.in_flight.certificate.number
                matches = [c for c in self.list_all("ListCertificates",
                                                    pb.ListCertificatesRequest(
                                                        officer_id=w.in_flight.certificate.officer_id,
                                                        page_size=500), "certificates")
                           if c.number == number]
            self.assertEqual([m.id for m in matches], [first], w.in_flight.request_id)

        code = self.service.terminate()
        self.assertEqual(code, 0, self.service.log_text()[-3000:])


if __name__ == "__main__":
    unittest.main()
