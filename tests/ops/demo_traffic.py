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


TRAFFIC = {"personnel": personnel}
