"""Backup and restore on both backends, and the move from SQLite to
PostgreSQL, through the operator's commands (scripts/backup, scripts/restore,
<service>-service --digest-store / --import-from; docs/operations.md):

  * an online backup, a write after it, a wipe, a restore: the restored
    store digests exactly as the store did at backup time (every row of every
    table), the API shows every record as before, the later write is gone,
    idempotency keys still replay and new writes work;
  * a backup taken while writers are busy restores to a consistent store;
  * a restore refuses while the service is connected (PostgreSQL);
  * a SQLite store imported into PostgreSQL digests alike table by table and
    serves the same records.
"""

import datetime
import itertools
import json
import os
import subprocess
import sys
import threading
import unittest

import harness
from harness import grpc, pb

SCRIPTS = os.path.join(harness.SOURCE_DIR, "scripts")
COUNTY = "640104"
DOMAIN = "market_regulation"
_ID_NUMBERS = itertools.count(300000)


def today_china():
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).date()


def script(name, *args):
    result = subprocess.run([sys.executable, os.path.join(SCRIPTS, name)] + list(args),
                            capture_output=True, text=True, timeout=300 * harness.SLOW_FACTOR)
    return result


class Fixture:
    """personnel-service on one backend, with a small but complete data set."""

    def __init__(self, test, postgres):
        self.test = test
        self.stack = harness.Stack(["personnel"], postgres=postgres)
        test.addCleanup(self.stack.cleanup)
        self.svc = self.stack["personnel"]
        self.token = harness.mint_token()

    @property
    def store_url(self):
        return self.svc.store_url or "sqlite://" + self.svc.db_path

    def start(self):
        self.stack.start("personnel")
        self.stub = self.stack.stub("personnel")
        return self

    def stop(self):
        self.stack.close_channels()
        self.test.assertEqual(self.svc.terminate(), 0, self.svc.log_text()[-2000:])

    def call(self, method, request):
        return getattr(self.stub, method)(request, metadata=harness.auth(self.token),
                                          timeout=10 * harness.SLOW_FACTOR)

    def populate(self, prefix, agencies=2, officers=3):
        today = today_china()
        made = []
        for a in range(agencies):
            agency = self.call("CreateAgency", pb.CreateAgencyRequest(
                request_id="%s-agency-%d" % (prefix, a), agency=pb.Agency(
                    name="%s市场监督管理局%d" % (prefix, a), division_code=COUNTY,
                    domains=[DOMAIN])))
            made.append(agency.id)
            for o in range(officers):
                officer = self.call("CreateOfficer", pb.CreateOfficerRequest(
                    request_id="%s-officer-%d-%d" % (prefix, a, o), officer=pb.Officer(
                        agency_id=agency.id, name="%s执法人员%d-%d" % (prefix, a, o),
                        id_number=harness.unique_id_number(next(_ID_NUMBERS)),
                        roles=[pb.OFFICER_ROLE_OFFICER])))
                cert = self.call("IssueCertificate", pb.IssueCertificateRequest(
                    request_id="%s-cert-%d-%d" % (prefix, a, o), certificate=pb.Certificate(
                        number="%s-%d-%d" % (prefix.upper(), a, o), officer_id=officer.id,
                        kind=pb.CERTIFICATE_KIND_ENFORCEMENT, domains=[DOMAIN],
                        valid_from=harness.date(today.year - 1, 1, 1),
                        valid_until=harness.date(today.year + 3, 12, 31))))
                if o == 0:
                    self.call("SuspendCertificate", pb.TransitionCertificateRequest(
                        id=cert.id, reason="备份测试暂扣"))
                self.call("RecordTraining", pb.RecordTrainingRequest(
                    request_id="%s-training-%d-%d" % (prefix, a, o), record=pb.TrainingRecord(
                        officer_id=officer.id, hours=4,
                        category=pb.TRAINING_CATEGORY_BUSINESS_KNOWLEDGE,
                        course="行政执法程序", provider="自治区司法厅",
                        date=harness.date(today.year, today.month, today.day))))
        return made

    def list_all(self, method, request, field):
        items = []
        while True:
            resp = self.call(method, request)
            items.extend(getattr(resp, field))
            if not resp.next_page_token:
                return items
            request.page_token = resp.next_page_token

    def snapshot(self):
        """Every record the API shows, serialized deterministically."""
        out = {}
        agencies = self.list_all("ListAgencies", pb.ListAgenciesRequest(page_size=100),
                                 "agencies")
        out["agencies"] = sorted(a.SerializeToString(deterministic=True) for a in agencies)
        officers, certificates, trainings = [], [], []
        for agency in agencies:
            for officer in self.list_all("ListOfficers", pb.ListOfficersRequest(
                    agency_id=agency.id, page_size=100), "officers"):
                officers.append(officer.SerializeToString(deterministic=True))
                certificates += [c.SerializeToString(deterministic=True) for c in self.list_all(
                    "ListCertificates", pb.ListCertificatesRequest(officer_id=officer.id,
                                                                   page_size=100),
                    "certificates")]
                trainings += [r.SerializeToString(deterministic=True) for r in self.list_all(
                    "ListTrainingRecords", pb.ListTrainingRecordsRequest(
                        officer_id=officer.id, page_size=100), "records")]
        out["officers"] = sorted(officers)
        out["certificates"] = sorted(certificates)
        out["trainings"] = sorted(trainings)
        return out

    def maintenance(self, *flags, store_url=None):
        """Runs the service binary with its own flags plus `flags` (a
        maintenance command that exits instead of serving)."""
        args = self.svc.args()
        if store_url:
            args = [a for a in args if not a.startswith("--store=") and
                    not a.startswith("--db=")] + ["--store=" + store_url]
        result = subprocess.run(args + list(flags), capture_output=True, text=True,
                                cwd=self.svc.workdir, env=harness.devstack.child_env(),
                                timeout=300 * harness.SLOW_FACTOR)
        self.test.assertEqual(result.returncode, 0, result.stderr[-3000:])
        return result

    def digest(self, store_url=None):
        self.svc.port = self.svc.port or harness.devstack.free_port()
        self.svc.metrics_port = self.svc.metrics_port or harness.devstack.free_port()
        lines = self.maintenance("--digest-store=true", store_url=store_url).stdout.splitlines()
        return {d["table"]: (d["rows"], d["sha256"]) for d in map(json.loads, lines)}

    def wipe(self):
        if self.svc.store_url:
            self.stack.postgres.psql("DROP SCHEMA personnel CASCADE")
        else:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(self.svc.db_path + suffix):
                    os.remove(self.svc.db_path + suffix)


class BackupRestoreCases:
    POSTGRES = False

    def setUp(self):
        self.f = Fixture(self, self.POSTGRES).start()
        self.backup_file = os.path.join(self.f.stack.workdir, "personnel.backup")

    def backup(self, out=None):
        result = script("backup", "--service", "personnel", "--store", self.f.store_url,
                        "--out", out or self.backup_file)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result

    def restore(self, *extra, expect_ok=True):
        result = script("restore", "--service", "personnel", "--store", self.f.store_url,
                        "--from", self.backup_file, "--redis-url", self.f.stack.redis_url(),
                        *extra)
        if expect_ok:
            self.assertEqual(result.returncode, 0, result.stderr)
        return result

    def test_backup_wipe_restore_brings_back_every_record(self):
        self.f.populate("bk")
        before = self.f.snapshot()
        digest_before = self.f.digest()
        self.assertGreater(digest_before["officers"][0], 0)

        self.backup()  # online: the service keeps running
        self.assertEqual(os.stat(self.backup_file).st_mode & 0o777, 0o600)
        later = self.f.call("CreateAgency", pb.CreateAgencyRequest(agency=pb.Agency(
            name="备份之后的机关", division_code=COUNTY, domains=[DOMAIN])))
        self.f.stop()
        self.f.wipe()
        self.restore()

        self.assertEqual(self.f.digest(), digest_before,
                         "the restored store differs from the store at backup time")
        self.f.start()
        self.assertEqual(self.f.snapshot(), before)
        with self.assertRaises(grpc.RpcError) as err:
            self.f.call("GetAgency", pb.GetAgencyRequest(id=later.id))
        self.assertEqual(err.exception.code(), grpc.StatusCode.NOT_FOUND)
        # Idempotency keys came back: a replay returns the same record.
        first = before["agencies"]
        replay = self.f.call("CreateAgency", pb.CreateAgencyRequest(
            request_id="bk-agency-0", agency=pb.Agency(
                name="bk市场监督管理局0", division_code=COUNTY, domains=[DOMAIN])))
        self.assertIn(replay.SerializeToString(deterministic=True), first)
        # And the restored store takes new writes.
        self.f.populate("nw", agencies=1, officers=1)

    def test_a_backup_under_writes_restores_consistently(self):
        ids = self.f.populate("wr", agencies=1, officers=2)
        stop = threading.Event()
        acked = []

        def writer():
            stub = self.f.stack.stub("personnel")
            i = 0
            while not stop.is_set() and i < 2000:
                officer = stub.CreateOfficer(pb.CreateOfficerRequest(officer=pb.Officer(
                    agency_id=ids[0], name="并发%d" % i,
                    id_number=harness.unique_id_number(next(_ID_NUMBERS)),
                    roles=[pb.OFFICER_ROLE_OFFICER])), metadata=harness.auth(self.f.token),
                    timeout=10 * harness.SLOW_FACTOR)
                acked.append(officer.id)
                i += 1

        thread = threading.Thread(target=writer)
        thread.start()
        harness.poll(lambda: len(acked) >= 20, 30 * harness.SLOW_FACTOR, message="writes")
        self.backup()
        at_backup_end = len(acked)
        stop.set()
        thread.join(60)
        self.f.stop()
        self.f.wipe()
        self.restore()
        self.f.start()
        officers = {o.id for o in self.f.list_all("ListOfficers", pb.ListOfficersRequest(
            agency_id=ids[0], page_size=500), "officers")}
        restored = [i for i in acked if i in officers]
        # A prefix of the acknowledged writes: a snapshot, not a torn copy.
        self.assertEqual(restored, acked[:len(restored)])
        self.assertGreaterEqual(len(restored), 20)
        self.assertLessEqual(len(restored), at_backup_end)


class SqliteBackupRestoreTest(BackupRestoreCases, unittest.TestCase):
    POSTGRES = False

    def test_a_restore_replaces_the_old_wal(self):
        self.f.populate("wal", agencies=1, officers=1)
        self.backup()
        self.f.call("CreateAgency", pb.CreateAgencyRequest(agency=pb.Agency(
            name="只在WAL里的机关", division_code=COUNTY, domains=[DOMAIN])))
        self.f.svc.kill()  # the last write may live only in personnel.db-wal
        self.restore()
        self.assertFalse(os.path.exists(self.f.svc.db_path + "-wal"))
        self.f.start()
        names = [a.name for a in self.f.list_all("ListAgencies", pb.ListAgenciesRequest(
            page_size=100), "agencies")]
        self.assertNotIn("只在WAL里的机关", names)


class PostgresBackupRestoreTest(BackupRestoreCases, unittest.TestCase):
    POSTGRES = True

    def test_a_restore_refuses_while_the_service_is_connected(self):
        self.f.populate("busy", agencies=1, officers=1)
        self.backup()
        result = self.restore(expect_ok=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("sessions of personnel-service are connected", result.stderr)
        self.f.call("GetAgency", pb.GetAgencyRequest(
            id=self.f.list_all("ListAgencies", pb.ListAgenciesRequest(page_size=10),
                               "agencies")[0].id))


class MoveToPostgresTest(unittest.TestCase):

    def test_a_sqlite_store_imported_into_postgres_serves_the_same_records(self):
        f = Fixture(self, postgres=False).start()
        f.populate("mv")
        before = f.snapshot()
        sqlite_digest = f.digest()
        f.stop()

        pg = harness.devstack.PostgresProcess(slow_factor=harness.SLOW_FACTOR).start()
        self.addCleanup(pg.stop)
        target = pg.url("personnel")
        result = f.maintenance("--import-from=sqlite://" + f.svc.db_path, store_url=target)
        self.assertIn("event=import_done", result.stderr)
        pg_digest = f.digest(store_url=target)
        del sqlite_digest["schema_migrations"], pg_digest["schema_migrations"]
        self.assertEqual(pg_digest, sqlite_digest)

        # A second import refuses: the target is no longer empty.
        again = subprocess.run(f.svc.args()[:1] + [
            a for a in f.svc.args()[1:] if not a.startswith("--db=")] + [
            "--store=" + target, "--import-from=sqlite://" + f.svc.db_path],
            capture_output=True, text=True, env=harness.devstack.child_env())
        self.assertEqual(again.returncode, 1)
        self.assertIn("already holds", again.stderr)

        f.svc.store_url = target
        f.start()
        self.assertEqual(f.snapshot(), before)
        f.populate("after", agencies=1, officers=1)


if __name__ == "__main__":
    unittest.main()
