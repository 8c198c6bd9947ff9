"""case-service's real binary with the personnel-service it calls: an item
added to an agency's catalogue (the agency asked of personnel-service with
case-service's own token), read and listed; a generic client by reflection
only; personnel-service stopped gives UNAVAILABLE naming it, within the call
timeout."""

import time
import unittest

import harness
from harness import grpc

cases_pb, cases_grpc = harness.modules("case")


class CaseServiceTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stack = harness.Stack.started(["personnel", "case"])
        cls.token = harness.mint_token()
        cls.personnel = cls.stack.stub("personnel")
        cls.cases = cls.stack.stub("case")

    @classmethod
    def tearDownClass(cls):
        cls.stack.cleanup()

    agencies = 0

    def agency(self, domains=("food_safety",)):
        # Agency names are unique per division.
        CaseServiceTest.agencies += 1
        return self.personnel.CreateAgency(harness.pb.CreateAgencyRequest(agency=harness.pb.Agency(
            name="兴庆区市场监督管理局（%d）" % self.agencies, division_code="640104",
            domains=list(domains))),
            metadata=harness.auth(self.token), timeout=10 * harness.SLOW_FACTOR)

    def item_request(self, agency_id, code):
        return cases_pb.CreateItemRequest(item=cases_pb.EnforcementItem(
            agency_id=agency_id, code=code, name="销售不符合食品安全标准的食品",
            kind=cases_pb.ITEM_KIND_PENALTY, legal_basis="《中华人民共和国食品安全法》第一百二十四条",
            domain="food_safety", major=True))

    def test_an_item_is_added_read_and_listed_within_jurisdiction(self):
        agency = self.agency()
        item = self.cases.CreateItem(self.item_request(agency.id, "scjg-cf-001"),
                                     metadata=harness.auth(self.token), timeout=10)
        self.assertEqual(item.code, "SCJG-CF-001")
        self.assertEqual(item.division_code, "640104")
        got = self.cases.GetItem(cases_pb.GetItemRequest(id=item.id),
                                 metadata=harness.auth(harness.mint_token(
                                     roles=["officer"], division="640100")), timeout=10)
        self.assertEqual(got.id, item.id)
        with self.assertRaises(grpc.RpcError) as ctx:
            self.cases.GetItem(cases_pb.GetItemRequest(id=item.id), metadata=harness.auth(
                harness.mint_token(roles=["officer"], division="640302")), timeout=10)
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.PERMISSION_DENIED)
        page = self.cases.ListItems(cases_pb.ListItemsRequest(division_code="640104"),
                                    metadata=harness.auth(self.token), timeout=10)
        self.assertIn(item.id, [i.id for i in page.items])

    def test_an_unknown_field_value_names_the_field(self):
        agency = self.agency()
        req = self.item_request(agency.id, "bad code!")
        with self.assertRaises(grpc.RpcError) as ctx:
            self.cases.CreateItem(req, metadata=harness.auth(self.token), timeout=10)
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        _, bad = harness.bad_request_of(ctx.exception)
        self.assertEqual(bad[0].field_violations[0].field, "item.code")

    def test_reflection_lists_the_case_service(self):
        channel = self.stack.channel("case")
        stub = harness.reflection_pb2_grpc.ServerReflectionStub(channel)
        responses = stub.ServerReflectionInfo(iter([harness.reflection_pb2.ServerReflectionRequest(
            list_services="")]), timeout=10)
        names = [s.name for r in responses for s in r.list_services_response.service]
        self.assertIn("lawenforce.cases.v1.CaseService", names)

    def test_zz_personnel_stopped_is_unavailable_naming_it(self):
        agency = self.agency()
        self.assertEqual(self.stack["personnel"].terminate(), 0)
        started = time.monotonic()
        with self.assertRaises(grpc.RpcError) as ctx:
            self.cases.CreateItem(self.item_request(agency.id, "down-1"),
                                  metadata=harness.auth(self.token), timeout=20)
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.UNAVAILABLE)
        self.assertIn("personnel-service unavailable", ctx.exception.details())
        self.assertLess(time.monotonic() - started, 10 * harness.SLOW_FACTOR)
        # Reads that need no personnel-service still work.
        self.cases.ListItems(cases_pb.ListItemsRequest(division_code="640104"),
                             metadata=harness.auth(self.token), timeout=10)


if __name__ == "__main__":
    unittest.main()
