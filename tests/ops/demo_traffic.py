"""Demo data and demo traffic per service, for the Prometheus end-to-end
test (test_prometheus_e2e.py): enough calls that every panel and recording
rule has series to show, including a client error. A service added to
services/services.json adds its function to TRAFFIC; the test fails for a
service without one.
"""

import demo_data  # scripts/lib (on sys.path through the harness)
import harness


def personnel(stack, token):
    target = stack["personnel"].target
    _, officers = demo_data.load(target, token, out=lambda *_: None)
    pb = harness.pb
    stub = stack.stub("personnel")
    md = harness.auth(token)
    ids = [o.id for o in officers.values()]
    stub.ListAgencies(pb.ListAgenciesRequest(division_code="640000"), metadata=md, timeout=10)
    stub.ListOfficers(pb.ListOfficersRequest(division_code="640000"), metadata=md, timeout=10)
    for _ in range(3):  # a miss, then hits, in the eligibility cache
        stub.CheckEnforcementEligibility(
            pb.CheckEnforcementEligibilityRequest(officer_ids=ids, domain="market_regulation"),
            metadata=md, timeout=10)
    stub.GetStaffingCompliance(pb.GetStaffingComplianceRequest(division_code="640000"),
                               metadata=md, timeout=10)
    # One client error (INVALID_ARGUMENT: negative page size).
    try:
        stub.ListAgencies(pb.ListAgenciesRequest(page_size=-1), metadata=md, timeout=10)
    except harness.grpc.RpcError as err:
        assert err.code() == harness.grpc.StatusCode.INVALID_ARGUMENT, err
    else:
        raise AssertionError("ListAgencies(page_size=-1) succeeded")


def case(stack, token):
    cases_pb, _ = harness.modules("case")
    personnel_stub = stack.stub("personnel")
    md = harness.auth(token)
    agency = personnel_stub.CreateAgency(harness.pb.CreateAgencyRequest(
        request_id="ops-demo-case-agency", agency=harness.pb.Agency(
            name="兴庆区市场监督管理局（目录）", division_code="640104", domains=["food_safety"])),
        metadata=md, timeout=10)
    stub = stack.stub("case")
    item = stub.CreateItem(cases_pb.CreateItemRequest(
        request_id="ops-demo-item", item=cases_pb.EnforcementItem(
            agency_id=agency.id, code="SCJG-CF-001", name="销售不符合食品安全标准的食品",
            kind=cases_pb.ITEM_KIND_PENALTY, legal_basis="《中华人民共和国食品安全法》第一百二十四条",
            domain="food_safety", major=True)), metadata=md, timeout=10)
    stub.GetItem(cases_pb.GetItemRequest(id=item.id), metadata=md, timeout=10)
    stub.ListItems(cases_pb.ListItemsRequest(division_code="640000"), metadata=md, timeout=10)
    try:  # one client error
        stub.ListItems(cases_pb.ListItemsRequest(page_size=-1), metadata=md, timeout=10)
    except harness.grpc.RpcError as err:
        assert err.code() == harness.grpc.StatusCode.INVALID_ARGUMENT, err
    else:
        raise AssertionError("ListItems(page_size=-1) succeeded")


TRAFFIC = {"personnel": personnel, "case": case}
