"""Bulk import from HR systems end to end (issue 22, task 36): the built
lawenforcectl and Python grpcio against the real personnel-service binary.

- `import agencies` and `import officers` from CSV: 1,000 officers in two
  calls, then the same file again: nothing changes (every record
  UNCHANGED, the officers' etags as they were), and no identity-card
  number is ever printed.
- An officer of the file is found by its ID number (ListOfficers through
  the blind index, from grpcio and from the CLI).
- `import training` by the officers' source ids, twice.
- From grpcio: a bad record is named (error_field) and the others are
  written; validate_only writes nothing; a caller of another county is
  refused the whole call.
"""

import datetime
import os
import tempfile
import unittest

import ctl_harness
import harness
from harness import grpc, pb

CST = datetime.timezone(datetime.timedelta(hours=8))
COUNT = 1000
NUMBERS = [harness.unique_id_number(40000 + i) for i in range(COUNT)]


class PersonnelImportTest(ctl_harness.CliTestCase):

    NEVER_PRINTED = tuple(NUMBERS[:50])

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr = cls.mint("--role", "system", "--division", "640104", "--subject", "hr-sync")
        cls.stub = cls.stack.stub("personnel")

    def write(self, text, suffix=".csv"):
        f = tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8")
        f.write(text)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def run_import(self, kind, path, *flags):
        return self.run_ctl(["import", kind, "--source-system", "nx-hr", "--file", path] +
                            list(flags), token=self.hr)

    def officer_ids(self, agency):
        ids, token = {}, ""
        while True:
            page = self.stub.ListOfficers(
                pb.ListOfficersRequest(division_code="640104", agency_id=agency, page_size=500,
                                       page_token=token),
                metadata=harness.auth(self.hr))
            for o in page.officers:
                ids[o.id] = o.etag
            token = page.next_page_token
            if not token:
                return ids

    def test_a_thousand_officers_twice_the_second_time_changes_nothing(self):
        agencies = self.write("source_id,name,division_code,domains,require_training\n"
                              "ORG-1,\"兴庆区市场监督管理局（人事导入）\",640104,"
                              "market_regulation;food_safety,false\n")
        out = self.run_import("agencies", agencies)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("created 1", out.stdout)

        rows = ["source_id,name,id_number,roles,agency_source_id"]
        for i, number in enumerate(NUMBERS):
            roles = "officer;legal_reviewer" if i % 20 == 0 else "officer"
            rows.append("HR-%04d,执法员%04d,%s,%s,ORG-1" % (i, i, number, roles))
        officers = self.write("\r\n".join(rows) + "\r\n")
        first = self.run_import("officers", officers)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertEqual(first.stdout.strip(),
                         "created %d, updated 0, unchanged 0, failed 0 (of %d records)" %
                         (COUNT, COUNT))
        self.assertIn("sent 1000 records (2 of 2 calls)", first.stderr)
        self.assert_nothing_protected(first)

        listed = self.ok("agency", "list", "--division", "640104")
        agency = [a for a in listed["agencies"] if "人事导入" in a["name"]][0]["id"]
        before = self.officer_ids(agency)
        self.assertEqual(len(before), COUNT)

        second = self.run_import("officers", officers)
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertEqual(second.stdout.strip(),
                         "created 0, updated 0, unchanged %d, failed 0 (of %d records)" %
                         (COUNT, COUNT))
        self.assertEqual(self.officer_ids(agency), before, "no officer changed, etags included")
        self.assertIn("unchanged 1", self.run_import("agencies", agencies).stdout)

        # Search by the identity-card number: one officer, found by its blind index.
        found = self.stub.ListOfficers(
            pb.ListOfficersRequest(division_code="640104", id_number=NUMBERS[437]),
            metadata=harness.auth(self.hr))
        self.assertEqual([o.name for o in found.officers], ["执法员0437"])
        self.assertNotIn(NUMBERS[437], str(found))
        cli = self.ok("officer", "list", "--division", "640104", "--id-number", "-",
                      stdin=NUMBERS[438] + "\n", token=self.hr)
        self.assertEqual([o["name"] for o in cli["officers"]], ["执法员0438"])

        # Training by the officers' source ids, twice.
        day = (datetime.datetime.now(CST) - datetime.timedelta(days=1)).date().isoformat()
        training = self.write(
            "source_id,officer_source_id,date,hours,category,course,provider\n"
            "TR-1,HR-0001,%s,8,public_legal,行政处罚法,自治区司法厅\n"
            "TR-2,HR-0002,%s,4.5,business,\"食品安全法, 第二讲\",市场监管局\n" % (day, day))
        self.assertIn("created 2", self.run_import("training", training).stdout)
        self.assertIn("unchanged 2", self.run_import("training", training).stdout)

    def test_from_grpcio_errors_are_named_per_record_and_a_dry_run_writes_nothing(self):
        agency = self.stub.CreateAgency(
            pb.CreateAgencyRequest(agency=pb.Agency(name="金凤区市场监督管理局（导入）",
                                                    division_code="640106",
                                                    domains=["market_regulation"])),
            metadata=harness.auth(self.admin_token()))

        def record(source_id, number, name="李四"):
            return pb.ImportedOfficer(source_id=source_id, officer=pb.Officer(
                agency_id=agency.id, name=name, id_number=number,
                roles=[pb.OFFICER_ROLE_OFFICER]))

        good, bad_number = harness.unique_id_number(48000), harness.unique_id_number(48001)
        bad_number = bad_number[:-1] + ("0" if bad_number[-1] != "0" else "1")
        request = pb.ImportOfficersRequest(source_system="nx-hr-2", officers=[
            record("A-1", good), record("A-2", bad_number), record("A-3", good, "王五")])
        dry = self.stub.ImportOfficers(pb.ImportOfficersRequest(
            source_system="nx-hr-2", officers=request.officers, validate_only=True),
            metadata=harness.auth(self.admin_token()))
        self.assertEqual([r.outcome for r in dry.results],
                         [pb.IMPORT_OUTCOME_CREATED, pb.IMPORT_OUTCOME_FAILED,
                          pb.IMPORT_OUTCOME_FAILED])
        self.assertEqual(dry.results[0].resource_id, "")
        self.assertEqual(len(self.officer_ids_in(agency.id)), 0, "a dry run writes nothing")

        out = self.stub.ImportOfficers(request, metadata=harness.auth(self.admin_token()))
        self.assertEqual((out.created, out.failed), (1, 2), out)
        self.assertEqual((out.results[1].error_code, out.results[1].error_field),
                         ("INVALID_ARGUMENT", "officer.id_number"))
        self.assertNotIn(bad_number, out.results[1].error_message)
        self.assertEqual((out.results[2].error_code, out.results[2].error_field),
                         ("ALREADY_EXISTS", "officer.id_number"), "the same person twice")
        self.assertEqual(len(self.officer_ids_in(agency.id)), 1)

        # A county admin of Xingqing may not import into Jinfeng: the whole call.
        outsider = harness.mint_token(roles=("agency_admin",), division="640104")
        with self.assertRaises(grpc.RpcError) as err:
            self.stub.ImportOfficers(request, metadata=harness.auth(outsider))
        self.assertEqual(err.exception.code(), grpc.StatusCode.PERMISSION_DENIED)
        self.assertIn("officers[0]", err.exception.details())

    def admin_token(self):
        return harness.mint_token()

    def officer_ids_in(self, agency_id):
        page = self.stub.ListOfficers(
            pb.ListOfficersRequest(division_code="640106", agency_id=agency_id),
            metadata=harness.auth(self.admin_token()))
        return [o.id for o in page.officers]


if __name__ == "__main__":
    unittest.main()
