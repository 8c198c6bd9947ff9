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
    """An item with its benchmark, and a case filed by two certified
    officers, investigated, decided (served on the spot) and published: the
    clock and publicity gauges get series."""
    from google.protobuf import timestamp_pb2
    import datetime
    cases_pb, _ = harness.modules("case")
    pb = harness.pb
    personnel_stub = stack.stub("personnel")
    md = harness.auth(token)
    agency = personnel_stub.CreateAgency(pb.CreateAgencyRequest(
        request_id="ops-demo-case-agency", agency=pb.Agency(
            name="兴庆区市场监督管理局（目录）", division_code="640104", domains=["food_safety"])),
        metadata=md, timeout=10)
    officers = []
    for n in (1, 2):
        officer = personnel_stub.CreateOfficer(pb.CreateOfficerRequest(
            request_id="ops-demo-case-officer-%d" % n, officer=pb.Officer(
                agency_id=agency.id, name="办案人员%d" % n, roles=[pb.OFFICER_ROLE_OFFICER],
                id_number=harness.unique_id_number(8800 + n))), metadata=md, timeout=10)
        personnel_stub.IssueCertificate(pb.IssueCertificateRequest(
            request_id="ops-demo-case-cert-%d" % n, certificate=pb.Certificate(
                officer_id=officer.id, number="NX-OPS-%d" % n, kind=pb.CERTIFICATE_KIND_ENFORCEMENT,
                domains=["food_safety"], valid_from=harness.date(2020, 1, 1),
                valid_until=harness.date(2029, 12, 31))), metadata=md, timeout=10)
        officers.append(officer.id)

    def ts(dt):
        t = timestamp_pb2.Timestamp()
        t.FromDatetime(dt)
        return t

    long_ago = ts(datetime.datetime(2020, 1, 1))
    stub = stack.stub("case")
    item = stub.CreateItem(cases_pb.CreateItemRequest(
        request_id="ops-demo-item", item=cases_pb.EnforcementItem(
            agency_id=agency.id, code="SCJG-CF-001", name="销售不符合食品安全标准的食品",
            kind=cases_pb.ITEM_KIND_PENALTY, legal_basis="《中华人民共和国食品安全法》第一百二十四条",
            domain="food_safety", effective_from=long_ago)), metadata=md, timeout=10)
    stub.GetItem(cases_pb.GetItemRequest(id=item.id), metadata=md, timeout=10)
    stub.ListItems(cases_pb.ListItemsRequest(division_code="640000"), metadata=md, timeout=10)
    if not stub.ListBenchmarkVersions(cases_pb.ListBenchmarkVersionsRequest(item_id=item.id),
                                      metadata=md, timeout=10).versions:
        stub.PublishBenchmark(cases_pb.PublishBenchmarkRequest(
            item_id=item.id, benchmark=cases_pb.Benchmark(
                effective_from=long_ago, basis="宁夏市场监管行政处罚裁量权基准",
                levels=[cases_pb.BenchmarkLevel(
                    code="general", description="一般", min_fine_fen=50000, max_fine_fen=500000,
                    allowed_kinds=[cases_pb.PENALTY_KIND_FINE])])), metadata=md, timeout=10)
    case = stub.FileCase(cases_pb.FileCaseRequest(request_id="ops-demo-case", case=cases_pb.Case(
        agency_id=agency.id, item_id=item.id, facts="销售超过保质期的食品",
        violation_time=ts(datetime.datetime.utcnow() - datetime.timedelta(days=2)),
        officer_ids=officers, parties=[cases_pb.Party(
            kind=cases_pb.PARTY_KIND_ENTERPRISE, name="某食品经营部",
            credit_code="91640100MA76A1B2CR")])), metadata=md, timeout=10)
    if case.state == cases_pb.CASE_STATE_FILED:  # a second run replays the filing only
        act = cases_pb.CaseActRequest(case_id=case.id)
        stub.StartInvestigation(act, metadata=md, timeout=10)
        stub.NotifyParty(cases_pb.NotifyPartyRequest(act=act, hearing_waived=True),
                         metadata=md, timeout=10)
        stub.DecideCase(cases_pb.DecideCaseRequest(act=act, served_on_the_spot=True,
                                                   decision=cases_pb.Decision(
            outcome=cases_pb.OUTCOME_PENALTY, circumstance="general",
            penalty_kinds=[cases_pb.PENALTY_KIND_FINE], fine_fen=200000)), metadata=md, timeout=10)
        stub.PublishDecision(act, metadata=md, timeout=10)
    stub.ListCases(cases_pb.ListCasesRequest(division_code="640000"), metadata=md, timeout=10)
    stub.ExplainDeadline(cases_pb.ExplainDeadlineRequest(
        case_id=case.id, clock=cases_pb.CLOCK_KIND_PAYMENT), metadata=md, timeout=10)
    try:  # one client error
        stub.ListItems(cases_pb.ListItemsRequest(page_size=-1), metadata=md, timeout=10)
    except harness.grpc.RpcError as err:
        assert err.code() == harness.grpc.StatusCode.INVALID_ARGUMENT, err
    else:
        raise AssertionError("ListItems(page_size=-1) succeeded")


def supervision(stack, token):
    """Four complaints to agencies of Xingqing district (640104): one per
    open state (received, in handling, answered awaiting the rating) and one
    closed by its rating, from four channels, one routed through a case
    (asked of case-service): the open gauge, the received, resolved and
    handling-days series get data. No clock runs out here (the shortest
    limit is 1 hour), so nothing is overdue and the escalation counter has
    no series (event_only in deploy/services/supervision.json)."""
    sup_pb, _ = harness.modules("supervision")
    cases_pb, _ = harness.modules("case")
    pb = harness.pb
    md = harness.auth(token)
    agency = stack.stub("personnel").CreateAgency(pb.CreateAgencyRequest(
        request_id="ops-demo-supervision-agency", agency=pb.Agency(
            name="兴庆区综合执法局（投诉）", division_code="640104", domains=["urban_management"])),
        metadata=md, timeout=10)
    cases = stack.stub("case").ListCases(cases_pb.ListCasesRequest(division_code="640104"),
                                         metadata=md, timeout=10).cases
    assert cases, "no case in 640104 to complain about (the case traffic runs first)"
    stub = stack.stub("supervision")
    person = sup_pb.Complainant(kind=sup_pb.COMPLAINANT_KIND_PERSON, name="王某",
                                phone="13800138000")

    def submit(key, **draft):
        return stub.SubmitComplaint(sup_pb.SubmitComplaintRequest(
            request_id="ops-demo-complaint-" + key, complaint=sup_pb.ComplaintDraft(**draft)),
            metadata=md, timeout=10)

    def acknowledge(c):
        return stub.AcknowledgeComplaint(sup_pb.ComplaintActRequest(
            complaint_id=c.id, etag=c.etag), metadata=md, timeout=10)

    def resolve(c, resolution):
        return stub.RecordResolution(sup_pb.RecordResolutionRequest(
            complaint_id=c.id, etag=c.etag, resolution=resolution), metadata=md, timeout=10)

    # Closed: acknowledged, answered, rated (a second run replays the submit only).
    rated = submit("hotline", channel=sup_pb.CHANNEL_HOTLINE_12345, ticket_id="OPS-12345-0001",
                   category=sup_pb.CATEGORY_INACTION, content="占道经营多次反映无人处理",
                   complainant=person, agency_id=agency.id)
    if rated.state == sup_pb.COMPLAINT_STATE_RECEIVED:
        rated = resolve(acknowledge(rated), "已现场核查并责令整改")
        stub.RecordFeedback(sup_pb.RecordFeedbackRequest(
            complaint_id=rated.id, etag=rated.etag, satisfaction=5, comment="处理及时"),
            metadata=md, timeout=10)
    # Answered, awaiting the rating (resolved without acknowledging first).
    answered = submit("web", channel=sup_pb.CHANNEL_WEB, category=sup_pb.CATEGORY_CONDUCT,
                      content="执法人员态度粗暴", complainant=person, agency_id=agency.id)
    if answered.state == sup_pb.COMPLAINT_STATE_RECEIVED:
        resolve(answered, "已约谈相关执法人员")
    # In handling: about a case, routed through case-service, from an enterprise.
    handling = submit("case", channel=sup_pb.CHANNEL_LETTER, category=sup_pb.CATEGORY_PROCEDURE,
                      content="处罚前未告知陈述申辩权利", case_id=cases[0].id,
                      complainant=sup_pb.Complainant(
                          kind=sup_pb.COMPLAINANT_KIND_PRIVATE_ENTERPRISE, name="李某",
                          phone="0951-5012345", organization_name="某食品经营部"))
    if handling.state == sup_pb.COMPLAINT_STATE_RECEIVED:
        handling = acknowledge(handling)
    # Received, not yet acknowledged: anonymous, no contacts.
    submit("visit", channel=sup_pb.CHANNEL_VISIT, category=sup_pb.CATEGORY_INSPECTION_BURDEN,
           content="同一企业一个月内被检查五次", agency_id=agency.id,
           complainant=sup_pb.Complainant(kind=sup_pb.COMPLAINANT_KIND_ANONYMOUS))
    stub.GetComplaint(sup_pb.GetComplaintRequest(id=handling.id), metadata=md, timeout=10)
    stub.ListComplaints(sup_pb.ListComplaintsRequest(division_code="640000"), metadata=md,
                        timeout=10)
    stub.ExplainDeadline(sup_pb.ExplainDeadlineRequest(
        complaint_id=handling.id, clock=sup_pb.CLOCK_KIND_RESOLVE), metadata=md, timeout=10)
    stub.ListComplaintLimits(sup_pb.ListComplaintLimitsRequest(), metadata=md, timeout=10)
    try:  # one client error
        stub.ListComplaints(sup_pb.ListComplaintsRequest(page_size=-1), metadata=md, timeout=10)
    except harness.grpc.RpcError as err:
        assert err.code() == harness.grpc.StatusCode.INVALID_ARGUMENT, err
    else:
        raise AssertionError("ListComplaints(page_size=-1) succeeded")


TRAFFIC = {"personnel": personnel, "case": case, "supervision": supervision}
