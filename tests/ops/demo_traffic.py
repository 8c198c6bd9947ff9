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
    officers, investigated, decided (served on the spot) and published, and
    an inspection visit: the clock, publicity, case and visit gauges get
    series."""
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
    # An inspection item and one on-site visit by the two officers: the
    # visit and warning gauges get series.
    inspection = stub.CreateItem(cases_pb.CreateItemRequest(
        request_id="ops-demo-inspection-item", item=cases_pb.EnforcementItem(
            agency_id=agency.id, code="SCJG-JC-001", name="食品经营监督检查",
            kind=cases_pb.ITEM_KIND_INSPECTION, legal_basis="《中华人民共和国食品安全法》第一百一十条",
            domain="food_safety", effective_from=long_ago)), metadata=md, timeout=10)
    stub.RecordInspectionVisit(cases_pb.RecordInspectionVisitRequest(
        request_id="ops-demo-visit", visit=cases_pb.InspectionVisit(
            enterprise=cases_pb.Enterprise(credit_code="91640100MA76A1B2CR", name="某食品经营部"),
            parts=[cases_pb.VisitPart(agency_id=agency.id, item_id=inspection.id)],
            officer_ids=officers, basis=cases_pb.VISIT_BASIS_PLAN, basis_ref="2025-JC-01")),
        metadata=md, timeout=10)
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
    handling-days series get data. Then a case-file review
    (supervision_review): a case closed through case-service, sampled and
    scored with a finding that opens a rectification left open (the
    rectification gauges and the score histogram get series), the region's
    and Xingqing's supervision plans for this year (the plans gauge has a
    series per region, city and county anyway), a problem list naming the
    rectification and a circular. No clock or deadline runs out here (the
    shortest limit is 1 hour), so nothing is overdue and the escalation
    counters have no series (event_only in deploy/services/supervision.json)."""
    sup_pb, _ = harness.modules("supervision")
    cases_pb, _ = harness.modules("case")
    pb = harness.pb
    md = harness.auth(token)
    agency = stack.stub("personnel").CreateAgency(pb.CreateAgencyRequest(
        request_id="ops-demo-supervision-agency", agency=pb.Agency(
            name="兴庆区综合执法局（投诉）", division_code="640104", domains=["urban_management"])),
        metadata=md, timeout=10)
    cases = [c for c in stack.stub("case").ListCases(
        cases_pb.ListCasesRequest(division_code="640104"), metadata=md, timeout=10).cases
        if c.state != cases_pb.CASE_STATE_CLOSED]  # not the one closed for the review below
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
    supervision_review(stack, md, cases[0], rated.id)
    try:  # one client error
        stub.ListComplaints(sup_pb.ListComplaintsRequest(page_size=-1), metadata=md, timeout=10)
    except harness.grpc.RpcError as err:
        assert err.code() == harness.grpc.StatusCode.INVALID_ARGUMENT, err
    else:
        raise AssertionError("ListComplaints(page_size=-1) succeeded")


def supervision_review(stack, md, model, complaint_id):
    """Xingqing's case-file review: a second case of `model`'s agency, item
    and officers filed, decided on the spot, published, paid and closed
    through case-service; a campaign over the cases closed around today
    samples it (the only candidate) and scores it with a finding to rectify
    within 10 working days (left open) and a note; the region's and
    Xingqing's supervision plans for this year; a problem list of the
    agency naming the rectification and a region-wide circular naming
    `complaint_id`. Re-runnable: replays by request_id, acts only where the
    state allows."""
    import datetime
    sup_pb, _ = harness.modules("supervision")
    cases_pb, _ = harness.modules("case")
    grpc = harness.grpc
    case_stub = stack.stub("case")
    stub = stack.stub("supervision")
    case = case_stub.FileCase(cases_pb.FileCaseRequest(
        request_id="ops-demo-review-case", case=cases_pb.Case(
            agency_id=model.agency_id, item_id=model.item_id, facts="未按规定查验供货者许可证",
            violation_time=model.violation_time, officer_ids=model.officer_ids,
            parties=[cases_pb.Party(kind=cases_pb.PARTY_KIND_ENTERPRISE, name="某超市",
                                    credit_code="91640100MA76A1B2CR")])),
        metadata=md, timeout=10)
    act = cases_pb.CaseActRequest(case_id=case.id)
    if case.state == cases_pb.CASE_STATE_FILED:
        case_stub.StartInvestigation(act, metadata=md, timeout=10)
        case_stub.NotifyParty(cases_pb.NotifyPartyRequest(act=act, hearing_waived=True),
                              metadata=md, timeout=10)
        case_stub.DecideCase(cases_pb.DecideCaseRequest(
            act=act, served_on_the_spot=True, decision=cases_pb.Decision(
                outcome=cases_pb.OUTCOME_PENALTY, circumstance="general",
                penalty_kinds=[cases_pb.PENALTY_KIND_FINE], fine_fen=100000)),
            metadata=md, timeout=10)
        case_stub.PublishDecision(act, metadata=md, timeout=10)
        case_stub.RecordExecution(cases_pb.CaseActRequest(case_id=case.id, reason="罚款已缴纳"),
                                  metadata=md, timeout=10)
        case = case_stub.CloseCase(act, metadata=md, timeout=10)
    assert case.state == cases_pb.CASE_STATE_CLOSED, case.state

    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()

    def day(d):
        return harness.date(d.year, d.month, d.day)

    campaign = stub.CreateReviewCampaign(sup_pb.CreateReviewCampaignRequest(
        request_id="ops-demo-review-campaign", division_code="640104", title="行政处罚案卷评查（演示）",
        decided_from=day(today - datetime.timedelta(days=1)),
        decided_to=day(today + datetime.timedelta(days=1)), sample_size=1,
        seed="0123456789abcdef0123456789abcdef"), metadata=md, timeout=10)
    assert [c.case_id for c in campaign.cases] == [case.id], campaign
    rubric = stub.GetReviewRubric(sup_pb.GetReviewRubricRequest(version=campaign.rubric_version),
                                  metadata=md, timeout=10)
    if not campaign.cases[0].scored:
        campaign = stub.ScoreCase(sup_pb.ScoreCaseRequest(
            campaign_id=campaign.id, etag=campaign.etag, case_id=case.id,
            scores=[sup_pb.DimensionScore(dimension=d.code, points=d.max_points - d.max_points // 5)
                    for d in rubric.dimensions],
            findings=[sup_pb.FindingDraft(
                          dimension=rubric.dimensions[0].code, text="告知书未载明陈述申辩期限",
                          rectify_within=sup_pb.Period(
                              count=10, unit=sup_pb.PERIOD_UNIT_WORKING_DAYS)),
                      sup_pb.FindingDraft(dimension=rubric.dimensions[-1].code,
                                          text="公示信息格式不统一（提醒，无需整改）")]),
            metadata=md, timeout=10)
    stub.GetReviewCampaign(sup_pb.GetReviewCampaignRequest(id=campaign.id), metadata=md,
                           timeout=10)
    stub.ListReviewCampaigns(sup_pb.ListReviewCampaignsRequest(division_code="640000"),
                             metadata=md, timeout=10)
    finding = campaign.cases[0].findings[0]
    rectification = stub.GetRectification(sup_pb.GetRectificationRequest(
        id=finding.rectification_id), metadata=md, timeout=10)
    assert rectification.state == sup_pb.RECTIFICATION_STATE_OPEN, rectification
    stub.ListRectifications(sup_pb.ListRectificationsRequest(division_code="640104"),
                            metadata=md, timeout=10)

    for division in ("640000", "640104"):
        try:
            stub.RecordSupervisionPlan(sup_pb.RecordSupervisionPlanRequest(
                division_code=division, year=today.year,
                content="%d年度行政执法监督计划：案卷评查、专项监督、投诉举报办理督办" % today.year),
                metadata=md, timeout=10)
        except grpc.RpcError as err:  # a second run: recorded already (revise with its etag)
            assert err.code() == grpc.StatusCode.ALREADY_EXISTS, err
    stub.GetSupervisionPlanStatus(sup_pb.GetSupervisionPlanStatusRequest(
        division_code="640000", year=today.year), metadata=md, timeout=10)

    problems = stub.PublishNotice(sup_pb.PublishNoticeRequest(
        request_id="ops-demo-problem-list", kind=sup_pb.NOTICE_KIND_PROBLEM_LIST,
        division_code="640104", agency_id=case.agency_id, year=today.year,
        title="%d年度突出问题清单" % today.year,
        items=[sup_pb.NoticeItem(text=finding.text, finding_id=finding.id,
                                 rectification_id=finding.rectification_id)]),
        metadata=md, timeout=10)
    stub.PublishNotice(sup_pb.PublishNoticeRequest(
        request_id="ops-demo-circular", kind=sup_pb.NOTICE_KIND_CIRCULAR, division_code="640000",
        title="关于投诉举报办理情况的通报", body="各市、县（区）：现将投诉举报办理情况通报如下。",
        items=[sup_pb.NoticeItem(text="12345热线投诉办结并获满意评价", complaint_id=complaint_id)]),
        metadata=md, timeout=10)
    stub.GetNotice(sup_pb.GetNoticeRequest(id=problems.id), metadata=md, timeout=10)
    stub.ListNotices(sup_pb.ListNoticesRequest(), metadata=md, timeout=10)


def task(stack, token):
    """The region's plan (data/plans, the 2023-2025 enforcement-quality
    plan; its period is over, so a due day is given): its tasks listed,
    task 30 (the annual enforcement report, yearly by 15 January) assigned
    in one call to the justice bureau of every county of Yinchuan (640100),
    due next 15 January; Xingqing (640104) reports 40% (in progress), Xixia
    (640105) 100% (done), the other four are not started: the gauge has
    not_started, in_progress and done series, and the county the e2e test
    picks (640104) has one not done. Then the assignments are listed
    and read, the progress rolled up for the region, and one client error.
    No due day passes here, so nothing is overdue and the overdue counter
    has no series (event_only in deploy/services/task.json). Re-runnable:
    AssignTask replays by request_id, reports only where the state allows."""
    import datetime
    tasks_pb, _ = harness.modules("task")
    md = harness.auth(token)
    stub = stack.stub("task")
    plans = stub.ListPlans(tasks_pb.ListPlansRequest(), metadata=md, timeout=10).plans
    plan = next(p for p in plans if p.id == "ningxia-2023-2025")
    stub.ListTasks(tasks_pb.ListTasksRequest(plan_id=plan.id), metadata=md, timeout=10)
    stub.GetTask(tasks_pb.GetTaskRequest(plan_id=plan.id, number=30), metadata=md, timeout=10)
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    due = datetime.date(today.year, 1, 15)
    if due < today:
        due = datetime.date(today.year + 1, 1, 15)
    assigned = stub.AssignTask(tasks_pb.AssignTaskRequest(
        request_id="ops-demo-task-30-yinchuan", plan_id=plan.id, task_number=30,
        fan_out_parent="640100", fan_out_tier=harness.common_pb2.TIER_COUNTY,
        unit="{division}司法局", owner="法治督察科", due_date=harness.date(due.year, due.month, due.day)),
        metadata=md, timeout=10).assignments
    by_division = {a.division_code: a for a in assigned}
    assert {"640104", "640105"} <= set(by_division), sorted(by_division)

    def report(a, percent, narrative):
        return stub.ReportProgress(tasks_pb.ReportProgressRequest(
            assignment_id=a.id, etag=a.etag, percent=percent, narrative=narrative,
            evidence=["银司发〔%d〕1号" % today.year]), metadata=md, timeout=10)

    if by_division["640104"].state == tasks_pb.ASSIGNMENT_STATE_NOT_STARTED:
        report(by_division["640104"], 40, "年度行政执法工作报告初稿已完成")
    if by_division["640105"].state != tasks_pb.ASSIGNMENT_STATE_DONE:
        report(by_division["640105"], 100, "年度行政执法工作报告已报送并公开")
    stub.ListAssignments(tasks_pb.ListAssignmentsRequest(division_code="640100", plan_id=plan.id),
                         metadata=md, timeout=10)
    stub.GetAssignment(tasks_pb.GetAssignmentRequest(id=by_division["640104"].id), metadata=md,
                       timeout=10)
    stub.GetPlanProgress(tasks_pb.GetPlanProgressRequest(plan_id=plan.id, division_code="640000"),
                         metadata=md, timeout=10)
    try:  # one client error: the plan has tasks 1..43
        stub.GetTask(tasks_pb.GetTaskRequest(plan_id=plan.id, number=99), metadata=md, timeout=10)
    except harness.grpc.RpcError as err:
        assert err.code() == harness.grpc.StatusCode.INVALID_ARGUMENT, err
    else:
        raise AssertionError("GetTask(number=99) succeeded")


TRAFFIC = {"personnel": personnel, "case": case, "supervision": supervision, "task": task}
