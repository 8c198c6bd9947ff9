// case-service end to end with the personnel-service it calls: the
// catalogue through real gRPC, the authorization walk over every method,
// and personnel-service stopped and started again.

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/testing/auth_walk.h"
#include "common/testing/id_numbers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kUnknownId[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ab";

// A request per method naming `agency`, `item`, `case_id`, `officer`, the
// inspection plan `plan` (of `inspection_item`) and its draw `draw`.
RequestMap Requests(const std::string& agency, const std::string& item, const std::string& case_id,
                    const std::string& officer, const std::string& inspection_item,
                    const std::string& plan, const std::string& draw) {
  RequestMap r;
  auto* create = new cv1::CreateItemRequest;
  create->mutable_item()->set_agency_id(agency);
  create->mutable_item()->set_code("AUTH-1");
  create->mutable_item()->set_name("x");
  create->mutable_item()->set_kind(cv1::ITEM_KIND_INSPECTION);
  create->mutable_item()->set_legal_basis("y");
  create->mutable_item()->set_domain("food_safety");
  r["CreateItem"].reset(create);
  auto* get = new cv1::GetItemRequest;
  get->set_id(item);
  r["GetItem"].reset(get);
  auto* list = new cv1::ListItemsRequest;
  list->set_division_code("640104");
  r["ListItems"].reset(list);
  auto* revise = new cv1::ReviseItemRequest;
  revise->set_id(item);
  revise->mutable_version()->set_name("x");
  revise->mutable_version()->set_legal_basis("y");
  revise->mutable_version()->set_reason("z");
  r["ReviseItem"].reset(revise);
  auto* publish = new cv1::PublishBenchmarkRequest;
  publish->set_item_id(item);
  r["PublishBenchmark"].reset(publish);
  auto* bench = new cv1::GetBenchmarkRequest;
  bench->set_item_id(item);
  r["GetBenchmark"].reset(bench);
  auto* versions = new cv1::ListBenchmarkVersionsRequest;
  versions->set_item_id(item);
  r["ListBenchmarkVersions"].reset(versions);
  auto* file = new cv1::FileCaseRequest;
  file->mutable_case_()->set_agency_id(agency);
  file->mutable_case_()->set_item_id(item);
  file->mutable_case_()->set_facts("x");
  cv1::Party* party = file->mutable_case_()->add_parties();
  party->set_kind(cv1::PARTY_KIND_ENTERPRISE);
  party->set_name("某公司");
  party->set_credit_code("91640100MA76A1B2CR");
  *file->mutable_case_()->mutable_violation_time() =
      protoconv::ToTimestamp(absl::FromUnixSeconds(1748000000));
  file->mutable_case_()->add_officer_ids(officer);
  file->mutable_case_()->add_officer_ids("00000000-0000-4000-8000-000000000002");
  r["FileCase"].reset(file);
  auto* get_case = new cv1::GetCaseRequest;
  get_case->set_id(case_id);
  r["GetCase"].reset(get_case);
  auto* list_cases = new cv1::ListCasesRequest;
  list_cases->set_division_code("640104");
  r["ListCases"].reset(list_cases);
  const cv1::CaseActRequest act = CaseFixture::Act(case_id, "auth walk");
  auto with_act = [&](auto* req) {
    *req->mutable_act() = act;
    return req;
  };
  for (const char* plain : {"StartInvestigation", "ServeDecision", "PublishDecision",
                            "WithdrawPublication", "RecordExecution", "CloseCase", "WithdrawCase",
                            "HandOverCase", "ReportCoercion", "ReleaseCoercion"}) {
    r[plain].reset(new cv1::CaseActRequest(act));
  }
  r["RecordEvidence"].reset(with_act(new cv1::RecordEvidenceRequest));
  cv1::Decision warning;
  warning.set_outcome(cv1::OUTCOME_PENALTY);
  warning.add_penalty_kinds(cv1::PENALTY_KIND_WARNING);
  auto* submit = with_act(new cv1::SubmitForLegalReviewRequest);
  *submit->mutable_proposal() = warning;
  r["SubmitForLegalReview"].reset(submit);
  auto* review = with_act(new cv1::CompleteLegalReviewRequest);
  review->set_outcome(cv1::REVIEW_OUTCOME_APPROVED);
  review->set_reviewer_officer_id(officer);
  review->set_opinion("同意");
  r["CompleteLegalReview"].reset(review);
  r["NotifyParty"].reset(with_act(new cv1::NotifyPartyRequest));
  r["ScheduleHearing"].reset(with_act(new cv1::ScheduleHearingRequest));
  auto* decide = with_act(new cv1::DecideCaseRequest);
  *decide->mutable_decision() = warning;
  r["DecideCase"].reset(decide);
  r["ChangeDecision"].reset(with_act(new cv1::ChangeDecisionRequest));
  r["ReportSuspectedCrime"].reset(with_act(new cv1::ReportSuspectedCrimeRequest));
  r["DecideTransfer"].reset(with_act(new cv1::DecideTransferRequest));
  r["RecordTransferReceipt"].reset(with_act(new cv1::RecordTransferReceiptRequest));
  r["ReplaceHandlingOfficers"].reset(with_act(new cv1::ReplaceHandlingOfficersRequest));
  auto* pause = with_act(new cv1::PauseClockRequest);
  pause->set_clock(cv1::CLOCK_KIND_DECISION);
  r["PauseClock"].reset(pause);
  auto* resume = with_act(new cv1::ResumeClockRequest);
  resume->set_clock(cv1::CLOCK_KIND_DECISION);
  r["ResumeClock"].reset(resume);
  auto* extend = with_act(new cv1::ExtendClockRequest);
  extend->set_clock(cv1::CLOCK_KIND_DECISION);
  r["ExtendClock"].reset(extend);
  r["ApplyCoercion"].reset(with_act(new cv1::ApplyCoercionRequest));
  auto* explain = new cv1::ExplainDeadlineRequest;
  explain->set_case_id(case_id);
  explain->set_clock(cv1::CLOCK_KIND_DECISION);
  r["ExplainDeadline"].reset(explain);
  auto* record = new cv1::GetCaseRecordRequest;
  record->set_case_id(case_id);
  r["GetCaseRecord"].reset(record);
  auto* verify = new cv1::VerifyCaseRecordRequest;
  verify->set_case_id(case_id);
  r["VerifyCaseRecord"].reset(verify);
  auto* heads = new cv1::ExportRecordHeadsRequest;
  heads->set_division_code("640104");
  r["ExportRecordHeads"].reset(heads);
  auto* acts = new cv1::ListOfficerActsRequest;
  acts->set_officer_id(officer);
  acts->set_division_code("640104");
  r["ListOfficerActs"].reset(acts);
  auto* stats = new cv1::GetCaseStatisticsRequest;
  stats->set_agency_id(agency);
  *stats->mutable_start_date() = protoconv::ToDate(absl::CivilDay(2025, 1, 1));
  *stats->mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 12, 31));
  r["GetCaseStatistics"].reset(stats);
  auto* create_plan = new cv1::CreateInspectionPlanRequest;
  *create_plan->mutable_plan() = CaseFixture::PlanDraft(
      agency, inspection_item, {officer, "00000000-0000-4000-8000-000000000002"});
  r["CreateInspectionPlan"].reset(create_plan);
  auto* get_plan = new cv1::GetInspectionPlanRequest;
  get_plan->set_id(plan);
  r["GetInspectionPlan"].reset(get_plan);
  auto* list_plans = new cv1::ListInspectionPlansRequest;
  list_plans->set_division_code("640104");
  r["ListInspectionPlans"].reset(list_plans);
  auto* draw_req = new cv1::DrawInspectionRequest;
  draw_req->set_plan_id(plan);
  r["DrawInspection"].reset(draw_req);
  auto* get_draw = new cv1::GetInspectionDrawRequest;
  get_draw->set_id(draw);
  r["GetInspectionDraw"].reset(get_draw);
  auto* list_draws = new cv1::ListInspectionDrawsRequest;
  list_draws->set_plan_id(plan);
  r["ListInspectionDraws"].reset(list_draws);
  auto* result = new cv1::RecordInspectionResultRequest;
  result->set_draw_id(draw);
  result->set_credit_code(TestCreditCode(1));
  result->set_outcome(cv1::INSPECTION_OUTCOME_NO_ISSUE);
  result->set_summary("未发现问题");
  r["RecordInspectionResult"].reset(result);
  auto* set_cap = new cv1::SetInspectionCapRequest;
  set_cap->mutable_cap()->set_agency_id(agency);
  set_cap->mutable_cap()->set_year(2025);
  set_cap->mutable_cap()->set_max_visits(2);
  set_cap->mutable_cap()->set_basis("涉企检查计划");
  r["SetInspectionCap"].reset(set_cap);
  auto* get_cap = new cv1::GetInspectionCapRequest;
  get_cap->set_agency_id(agency);
  get_cap->set_year(2025);
  r["GetInspectionCap"].reset(get_cap);
  auto* visit = new cv1::RecordInspectionVisitRequest;
  visit->mutable_visit()->mutable_enterprise()->set_credit_code(TestCreditCode(1));
  visit->mutable_visit()->mutable_enterprise()->set_name("某食品店");
  cv1::VisitPart* part = visit->mutable_visit()->add_parts();
  part->set_agency_id(agency);
  part->set_item_id(inspection_item);
  visit->mutable_visit()->add_officer_ids(officer);
  visit->mutable_visit()->add_officer_ids("00000000-0000-4000-8000-000000000002");
  visit->mutable_visit()->set_basis(cv1::VISIT_BASIS_PLAN);
  visit->mutable_visit()->set_basis_ref("2025-JC-01");
  r["RecordInspectionVisit"].reset(visit);
  auto* history = new cv1::GetEnterpriseInspectionHistoryRequest;
  history->set_credit_code(TestCreditCode(1));
  history->set_division_code("640104");
  r["GetEnterpriseInspectionHistory"].reset(history);
  auto* whitelist = new cv1::AddToInspectionWhitelistRequest;
  whitelist->mutable_entry()->set_agency_id(agency);
  whitelist->mutable_entry()->mutable_enterprise()->set_credit_code(TestCreditCode(2));
  whitelist->mutable_entry()->mutable_enterprise()->set_name("某诚信企业");
  *whitelist->mutable_entry()->mutable_start_time() =
      protoconv::ToTimestamp(absl::FromUnixSeconds(1748736000));
  *whitelist->mutable_entry()->mutable_end_time() =
      protoconv::ToTimestamp(absl::FromUnixSeconds(1780272000));
  whitelist->mutable_entry()->set_reason("信用A级");
  r["AddToInspectionWhitelist"].reset(whitelist);
  auto* list_white = new cv1::ListInspectionWhitelistRequest;
  list_white->set_agency_id(agency);
  r["ListInspectionWhitelist"].reset(list_white);
  auto* warnings = new cv1::ListInspectionWarningsRequest;
  warnings->set_division_code("640104");
  r["ListInspectionWarnings"].reset(warnings);
  auto* import_cases = new cv1::ImportCasesRequest;
  import_cases->set_source_system("nx-amr-cms");
  cv1::ImportedCase* imported = import_cases->add_cases();
  imported->set_source_id("AJ-2025-001");
  *imported->mutable_case_() = file->case_();
  *imported->mutable_case_()->mutable_file_time() =
      protoconv::ToTimestamp(absl::FromUnixSeconds(1748736000));
  r["ImportCases"].reset(import_cases);
  auto* import_visits = new cv1::ImportInspectionsRequest;
  import_visits->set_source_system("nx-amr-cms");
  cv1::ImportedVisit* imported_visit = import_visits->add_visits();
  imported_visit->set_source_id("JC-2025-001");
  *imported_visit->mutable_visit() = visit->visit();
  *imported_visit->mutable_visit()->mutable_visit_time() =
      protoconv::ToTimestamp(absl::FromUnixSeconds(1748736000));
  r["ImportInspections"].reset(import_visits);
  return r;
}

class CaseIntegrationTest : public CaseFixture {};

TEST_F(CaseIntegrationTest, AnItemIsAddedToAnAgencysCatalogueAndListedInItsSubtree) {
  const std::string agency = CreateAgency("640104");
  cv1::EnforcementItem item = CreateItem(agency, "scjg-cf-001");
  EXPECT_EQ(item.division_code(), "640104");
  EXPECT_EQ(item.code(), "SCJG-CF-001");
  EXPECT_EQ(item.etag(), "\"1\"");
  ASSERT_EQ(item.versions_size(), 1);
  EXPECT_EQ(item.versions(0).number(), 1);

  cv1::ListItemsRequest list;
  list.set_division_code("640100");
  cv1::ListItemsResponse page;
  ASSERT_TRUE(
      stub_->ListItems(Ctx(Token({auth::Role::kOfficer}, "640100")).get(), list, &page).ok());
  ASSERT_EQ(page.items_size(), 1);
  EXPECT_EQ(page.items(0).id(), item.id());

  cv1::CreateItemRequest again;
  *again.mutable_item() = item;
  again.mutable_item()->set_code("scjg-CF-001");
  cv1::EnforcementItem out;
  grpc::Status clash = stub_->CreateItem(Ctx(AdminToken()).get(), again, &out);
  EXPECT_EQ(clash.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(clash.error_message(), HasSubstr("item.code"));
}

TEST_F(CaseIntegrationTest, ARevisionTakesEffectNowOrLaterAndKeepsTheEarlierVersion) {
  const std::string agency = CreateAgency("640104");
  cv1::EnforcementItem item = CreateItem(agency, "R-1");
  cv1::ReviseItemRequest req;
  req.set_id(item.id());
  req.set_etag(item.etag());
  req.mutable_version()->set_name("销售不符合食品安全标准的食品（修订）");
  req.mutable_version()->set_legal_basis("《食品安全法》（2021修正）第一百二十四条");
  req.mutable_version()->set_reason("法律修正");
  *req.mutable_version()->mutable_effective_from() =
      protoconv::ToTimestamp(clock_.Now() - absl::Hours(1));
  cv1::EnforcementItem out;
  grpc::Status past = stub_->ReviseItem(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(past.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(past.error_message(), HasSubstr("version.effective_from"));
  *req.mutable_version()->mutable_effective_from() =
      protoconv::ToTimestamp(clock_.Now() + absl::Hours(24));
  ASSERT_TRUE(stub_->ReviseItem(Ctx(AdminToken()).get(), req, &out).ok());
  EXPECT_EQ(out.versions_size(), 2);
  EXPECT_EQ(out.etag(), "\"2\"");
  EXPECT_EQ(stub_->ReviseItem(Ctx(AdminToken()).get(), req, &out).error_code(),
            grpc::StatusCode::ABORTED);
}

TEST_F(CaseIntegrationTest, TheItemsDomainMustBeOneOfTheAgencysAsPersonnelServiceKnowsIt) {
  const std::string agency = CreateAgency("640104", {"market_regulation"});
  cv1::CreateItemRequest req;
  req.mutable_item()->set_agency_id(agency);
  req.mutable_item()->set_code("A-1");
  req.mutable_item()->set_name("x");
  req.mutable_item()->set_kind(cv1::ITEM_KIND_PENALTY);
  req.mutable_item()->set_legal_basis("y");
  req.mutable_item()->set_domain("food_safety");
  cv1::EnforcementItem out;
  grpc::Status s = stub_->CreateItem(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("item.domain"));
}

TEST_F(CaseIntegrationTest, EveryMethodIsGuardedAndOutsidersAreDeniedAlike) {
  const std::string agency = CreateAgency("640104");
  cv1::EnforcementItem item = CreateItem(agency, "W-1");
  PublishBenchmark(item.id());
  const std::string o1 = CreateOfficer(agency);
  const std::string o2 = CreateOfficer(agency);
  cv1::Case c = FileCase(agency, item.id(), {o1, o2});
  const cv1::EnforcementItem inspection = CreateInspectionItem(agency, "JC-1");
  cv1::CreateInspectionPlanRequest create;
  *create.mutable_plan() = PlanDraft(agency, inspection.id(), {o1, o2});
  cv1::InspectionPlan plan;
  ASSERT_TRUE(stub_->CreateInspectionPlan(Ctx(AdminToken()).get(), create, &plan).ok());
  cv1::DrawInspectionRequest draw_req;
  draw_req.set_plan_id(plan.id());
  cv1::InspectionDraw draw;
  ASSERT_TRUE(stub_->DrawInspection(Ctx(AdminToken()).get(), draw_req, &draw).ok());
  cv1::SetInspectionCapRequest cap_req;
  cap_req.mutable_cap()->set_agency_id(agency);
  cap_req.mutable_cap()->set_year(2025);
  cap_req.mutable_cap()->set_max_visits(3);
  cap_req.mutable_cap()->set_basis("涉企检查计划");
  cv1::InspectionCap cap;
  ASSERT_TRUE(stub_->SetInspectionCap(Ctx(AdminToken()).get(), cap_req, &cap).ok());
  AuthWalk walk{"lawenforce.cases.v1.CaseService",
                channel_,
                Requests(agency, item.id(), c.id(), o1, inspection.id(), plan.id(), draw.id()),
                {},
                {"GetBenchmark", "ListBenchmarkVersions", "GetInspectionCap"}};
  ExpectEveryMethodHasARequest(walk);
  const std::string expired = Token({auth::Role::kSystem}, "640000", "", absl::Minutes(1));
  ExpectEveryMethodRefusesBadTokens(walk, expired, [&] { clock_.Advance(absl::Minutes(5)); });
  const std::string outsider = Token({auth::Role::kSupervisor, auth::Role::kSystem}, "640302");
  ExpectOutsidersDeniedAlike(
      walk, outsider,
      Requests(kUnknownId, kUnknownId, kUnknownId, kUnknownId, kUnknownId, kUnknownId, kUnknownId));
}

TEST_F(CaseIntegrationTest, PersonnelServiceDownIsUnavailableNamingItAndRecovers) {
  const std::string agency = CreateAgency("640104");
  cv1::EnforcementItem item = CreateItem(agency, "D-1");
  const std::string o1 = CreateOfficer(agency);
  const std::string o2 = CreateOfficer(agency);
  cv1::Case c = FileCase(agency, item.id(), {o1, o2});
  personnel_->Shutdown();
  cv1::Case out;
  const absl::Time started = absl::Now();
  grpc::Status s = stub_->StartInvestigation(Ctx(Token({auth::Role::kOfficer}, "640104")).get(),
                                             Act(c.id()), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(s.error_message(), HasSubstr("personnel-service unavailable"));
  EXPECT_LT(absl::Now() - started, absl::Seconds(5)) << "the outbound call has a deadline";
  RestartPersonnel();
  // The channel reconnects by itself (gRPC backs off; allow it a few tries).
  grpc::Status again;
  for (int i = 0; i < 50; ++i) {
    again = stub_->StartInvestigation(Ctx(Token({auth::Role::kOfficer}, "640104")).get(),
                                      Act(c.id()), &out);
    if (again.error_code() != grpc::StatusCode::UNAVAILABLE) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_TRUE(again.ok()) << again.error_message();
  EXPECT_EQ(out.state(), cv1::CASE_STATE_INVESTIGATING);
}

}  // namespace
}  // namespace lawenforce::testing
