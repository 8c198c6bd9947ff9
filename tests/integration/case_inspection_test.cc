// Random inspections (双随机、一公开) end to end with the real
// personnel-service, Redis and store (SQLite; PostgreSQL as
// case_inspection_test_postgres): a plan over six enterprises and five
// officers, one with a revoked certificate; a draw whose targets and
// teams are recomputed here from the published seed and candidate lists
// alone; a caller's seed; idempotent draws; results recorded once with
// etags; the period, the item and the pool checked; other counties denied.

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/draw/seeded_draw.h"
#include "common/protoconv/protoconv.h"
#include "common/testing/id_numbers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kSeed[] = "5eed5eed5eed5eed5eed5eed5eed5eed";
constexpr char kUnknownDraw[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ab";

class CaseInspectionTest : public CaseFixture {
 protected:
  void SetUp() override {
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    agency_ = CreateAgency("640104");
    item_ = CreateInspectionItem(agency_, "JC-SP-001").id();
    for (int i = 0; i < 5; ++i) officers_.push_back(CreateOfficer(agency_));
    RevokeCertificate(officers_[3]);
  }
  std::string Head() { return Token({auth::Role::kAgencyAdmin}, "640104", agency_); }
  std::string Officer() { return Token({auth::Role::kOfficer}, "640104"); }

  grpc::Status CreatePlan(const cv1::InspectionPlan& draft, cv1::InspectionPlan* out,
                          const std::string& request_id = "") {
    cv1::CreateInspectionPlanRequest req;
    *req.mutable_plan() = draft;
    req.set_request_id(request_id);
    return stub_->CreateInspectionPlan(Ctx(Head()).get(), req, out);
  }
  cv1::InspectionPlan Plan() {
    cv1::InspectionPlan out;
    grpc::Status s = CreatePlan(PlanDraft(agency_, item_, officers_), &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }
  grpc::Status Draw(const std::string& plan_id, cv1::InspectionDraw* out,
                    const std::string& seed = "", const std::string& request_id = "",
                    const std::string& token = "") {
    cv1::DrawInspectionRequest req;
    req.set_plan_id(plan_id);
    req.set_seed(seed);
    req.set_request_id(request_id);
    return stub_->DrawInspection(Ctx(token.empty() ? Head() : token).get(), req, out);
  }
  grpc::Status Record(const cv1::InspectionDraw& d, const std::string& code,
                      cv1::InspectionOutcome outcome, cv1::InspectionDraw* out,
                      const std::string& etag = "") {
    cv1::RecordInspectionResultRequest req;
    req.set_draw_id(d.id());
    req.set_credit_code(code);
    req.set_outcome(outcome);
    req.set_summary("现场检查：进货查验记录不全");
    req.set_etag(etag);
    return stub_->RecordInspectionResult(Ctx(Officer()).get(), req, out);
  }

  std::string agency_, item_;
  std::vector<std::string> officers_;
};

// The published rule, applied to the published lists only.
std::vector<std::string> FirstByKey(const std::string& seed, const std::vector<std::string>& ids,
                                    const std::string& prefix, size_t n) {
  std::vector<std::pair<std::string, std::string>> keyed;
  for (const std::string& id : ids) keyed.emplace_back(draw::SampleKey(seed, prefix + id), id);
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < keyed.size() && i < n; ++i) out.push_back(keyed[i].second);
  return out;
}

TEST_F(CaseInspectionTest, ADrawIsReproducibleFromItsPublishedSeedAndCandidates) {
  const cv1::InspectionPlan plan = Plan();
  EXPECT_EQ(plan.division_code(), "640104");
  EXPECT_EQ(plan.domain(), "food_safety");
  EXPECT_EQ(plan.enterprise_count(), 6);
  EXPECT_EQ(plan.inspector_count(), 5);
  cv1::InspectionDraw d;
  ASSERT_TRUE(Draw(plan.id(), &d).ok());
  EXPECT_EQ(d.algorithm(), "sha256-rank-v1");
  EXPECT_FALSE(d.seed_chosen());
  EXPECT_EQ(d.seed().size(), 32u);
  // The revoked officer is left out, with personnel-service's reason.
  ASSERT_EQ(d.inspectors_excluded_size(), 1);
  EXPECT_EQ(d.inspectors_excluded(0).officer_id(), officers_[3]);
  EXPECT_EQ(d.inspectors_excluded(0).reason(), "REVOKED");
  EXPECT_EQ(d.inspector_candidates_size(), 4);
  EXPECT_EQ(d.enterprise_candidates_size(), 6);
  const std::vector<std::string> codes(d.enterprise_candidates().begin(),
                                       d.enterprise_candidates().end());
  const std::vector<std::string> eligible(d.inspector_candidates().begin(),
                                          d.inspector_candidates().end());
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  const std::vector<std::string> targets = FirstByKey(d.seed(), codes, "", 3);
  ASSERT_EQ(d.targets_size(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(d.targets(i).enterprise().credit_code(), targets[i]);
    EXPECT_THAT(d.targets(i).enterprise().name(), HasSubstr("食品店"));
    const std::vector<std::string> team = FirstByKey(d.seed(), eligible, targets[i] + ":", 2);
    EXPECT_EQ(std::vector<std::string>(d.targets(i).inspector_ids().begin(),
                                       d.targets(i).inspector_ids().end()),
              team);
    EXPECT_FALSE(d.targets(i).has_result());
  }
  // Read back as drawn; listed without the candidate lists.
  cv1::GetInspectionDrawRequest get;
  get.set_id(d.id());
  cv1::InspectionDraw read;
  ASSERT_TRUE(stub_->GetInspectionDraw(Ctx(Officer()).get(), get, &read).ok());
  EXPECT_EQ(read.SerializeAsString(), d.SerializeAsString());
  cv1::ListInspectionDrawsRequest list;
  list.set_plan_id(plan.id());
  cv1::ListInspectionDrawsResponse listed;
  ASSERT_TRUE(stub_->ListInspectionDraws(Ctx(Officer()).get(), list, &listed).ok());
  ASSERT_EQ(listed.draws_size(), 1);
  EXPECT_EQ(listed.draws(0).seed(), d.seed());
  EXPECT_EQ(listed.draws(0).enterprise_candidates_size(), 0);
  EXPECT_EQ(listed.draws(0).targets_size(), 3);
}

TEST_F(CaseInspectionTest, AChosenSeedGivesTheSameDrawAndARequestIdReplaysIt) {
  const cv1::InspectionPlan plan = Plan();
  cv1::InspectionDraw a, b, replay;
  ASSERT_TRUE(Draw(plan.id(), &a, kSeed).ok());
  ASSERT_TRUE(Draw(plan.id(), &b, kSeed).ok());
  EXPECT_TRUE(a.seed_chosen());
  EXPECT_EQ(a.seed(), kSeed);
  EXPECT_NE(a.id(), b.id());
  ASSERT_EQ(a.targets_size(), b.targets_size());
  for (int i = 0; i < a.targets_size(); ++i) {
    EXPECT_EQ(a.targets(i).SerializeAsString(), b.targets(i).SerializeAsString());
  }
  cv1::InspectionDraw first;
  ASSERT_TRUE(Draw(plan.id(), &first, "", "draw-2025-06").ok());
  ASSERT_TRUE(Draw(plan.id(), &replay, "", "draw-2025-06").ok());
  EXPECT_EQ(replay.id(), first.id());
  EXPECT_EQ(replay.seed(), first.seed());
  grpc::Status bad = Draw(plan.id(), &replay, "5EED");
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("seed"));
}

TEST_F(CaseInspectionTest, ResultsAreRecordedOnceAgainstTheDrawsEtag) {
  const cv1::InspectionPlan plan = Plan();
  cv1::InspectionDraw d, after, stale;
  ASSERT_TRUE(Draw(plan.id(), &d).ok());
  const std::string code = d.targets(0).enterprise().credit_code();
  ASSERT_TRUE(Record(d, code, cv1::INSPECTION_OUTCOME_FINDING, &after, d.etag()).ok());
  ASSERT_TRUE(after.targets(0).has_result());
  EXPECT_EQ(after.targets(0).result().outcome(), cv1::INSPECTION_OUTCOME_FINDING);
  EXPECT_NE(after.targets(0).result().recorded_by(), "");
  EXPECT_NE(after.etag(), d.etag());
  grpc::Status s = Record(d, d.targets(1).enterprise().credit_code(),
                          cv1::INSPECTION_OUTCOME_NO_ISSUE, &stale, d.etag());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_THAT(s.error_message(), HasSubstr("etag"));
  s = Record(d, code, cv1::INSPECTION_OUTCOME_NO_ISSUE, &stale);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("already recorded"));
  s = Record(d, TestCreditCode(99), cv1::INSPECTION_OUTCOME_NO_ISSUE, &stale);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("credit_code"));
  s = Record(d, d.targets(1).enterprise().credit_code(), cv1::INSPECTION_OUTCOME_UNSPECIFIED,
             &stale);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("outcome"));
  // Lower case is the same code.
  std::string lower = d.targets(1).enterprise().credit_code();
  for (char& ch : lower) ch = static_cast<char>(std::tolower(ch));
  ASSERT_TRUE(Record(d, lower, cv1::INSPECTION_OUTCOME_NO_ISSUE, &after).ok());
  EXPECT_TRUE(after.targets(1).has_result());
  // The agency's figures of the day: one draw of three targets, two results.
  // (Figures stand before as_of, which is now: a moment later.)
  clock_.Advance(absl::Minutes(1));
  cv1::GetCaseStatisticsRequest stats;
  stats.set_agency_id(agency_);
  *stats.mutable_start_date() = protoconv::ToDate(absl::CivilDay(2025, 6, 1));
  *stats.mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 6, 1));
  cv1::CaseStatistics figures;
  ASSERT_TRUE(stub_->GetCaseStatistics(Ctx(Officer()).get(), stats, &figures).ok());
  EXPECT_EQ(figures.inspections().draws(), 1);
  EXPECT_EQ(figures.inspections().targets_drawn(), 3);
  ASSERT_EQ(figures.inspections().results_by_outcome_size(), 2);
  EXPECT_EQ(figures.inspections().results_by_outcome(0).key(), "INSPECTION_OUTCOME_NO_ISSUE");
  EXPECT_EQ(figures.inspections().results_by_outcome(1).key(), "INSPECTION_OUTCOME_FINDING");
  // The day before: nothing.
  *stats.mutable_start_date() = protoconv::ToDate(absl::CivilDay(2025, 5, 31));
  *stats.mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 5, 31));
  ASSERT_TRUE(stub_->GetCaseStatistics(Ctx(Officer()).get(), stats, &figures).ok());
  EXPECT_EQ(figures.inspections().draws(), 0);
  EXPECT_EQ(figures.inspections().results_by_outcome_size(), 0);
}

TEST_F(CaseInspectionTest, AFindingOpensOneCaseLinkedBothWays) {
  const cv1::InspectionPlan plan = Plan();
  cv1::InspectionDraw d, after;
  ASSERT_TRUE(Draw(plan.id(), &d).ok());
  const std::string found = d.targets(0).enterprise().credit_code();
  const std::string clean = d.targets(1).enterprise().credit_code();
  ASSERT_TRUE(Record(d, found, cv1::INSPECTION_OUTCOME_FINDING, &after).ok());
  ASSERT_TRUE(Record(after, clean, cv1::INSPECTION_OUTCOME_NO_ISSUE, &after).ok());
  const std::string penalty_item = CreateItem(agency_, "CF-JC-1").id();
  auto file = [&](const std::string& party_code, const std::string& target_code,
                  const std::string& request_id, cv1::Case* out) {
    cv1::FileCaseRequest req;
    req.set_request_id(request_id);
    cv1::Case* c = req.mutable_case_();
    c->set_agency_id(agency_);
    c->set_item_id(penalty_item);
    cv1::Party* p = c->add_parties();
    p->set_kind(cv1::PARTY_KIND_ENTERPRISE);
    p->set_name("银川市兴庆区食品店");
    p->set_credit_code(party_code);
    c->set_facts("双随机抽查发现进货查验记录不全");
    *c->mutable_violation_time() = protoconv::ToTimestamp(clock_.Now() - absl::Hours(24));
    c->add_officer_ids(d.targets(0).inspector_ids(0));
    c->add_officer_ids(d.targets(0).inspector_ids(1));
    c->mutable_inspection()->set_draw_id(d.id());
    c->mutable_inspection()->set_credit_code(target_code);
    return stub_->FileCase(Ctx(Officer()).get(), req, out);
  };
  cv1::Case c, again, other;
  grpc::Status s = file(found, found, "finding-1", &c);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(c.inspection().draw_id(), d.id());
  EXPECT_EQ(c.inspection().credit_code(), found);
  cv1::GetInspectionDrawRequest get;
  get.set_id(d.id());
  cv1::InspectionDraw read;
  ASSERT_TRUE(stub_->GetInspectionDraw(Ctx(Officer()).get(), get, &read).ok());
  EXPECT_EQ(read.targets(0).case_id(), c.id());
  EXPECT_EQ(read.targets(1).case_id(), "");
  // The same request replays; another is refused: one case per finding.
  ASSERT_TRUE(file(found, found, "finding-1", &again).ok());
  EXPECT_EQ(again.id(), c.id());
  s = file(found, found, "finding-2", &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("already filed from this finding"));
  s = file(clean, clean, "", &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("found NO_ISSUE, not a finding"));
  s = file(clean, found, "", &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("case.inspection.credit_code"));
  const std::string pending = d.targets(2).enterprise().credit_code();
  s = file(pending, pending, "", &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("no result is recorded"));
  s = file(TestCreditCode(77), TestCreditCode(77), "", &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("not a target of the draw"));
}

TEST_F(CaseInspectionTest, ThePlanItemPoolAndPeriodAreChecked) {
  cv1::InspectionPlan out;
  const std::string penalty_item = CreateItem(agency_, "CF-1").id();
  grpc::Status s = CreatePlan(PlanDraft(agency_, penalty_item, officers_), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("plan.item_id"));
  std::vector<std::string> pool = officers_;
  pool.push_back("00000000-0000-4000-8000-00000000abcd");
  s = CreatePlan(PlanDraft(agency_, item_, pool), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("plan.inspector_ids[5]: no such officer"));
  cv1::InspectionPlan draft = PlanDraft(agency_, item_, officers_);
  draft.mutable_enterprises(2)->set_credit_code("91640100MA76A1B2CQ");
  s = CreatePlan(draft, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("plan.enterprises[2].credit_code"));
  // Two of the pool revoked: fewer eligible than a team needs.
  const cv1::InspectionPlan small = [&] {
    cv1::InspectionPlan p;
    EXPECT_TRUE(CreatePlan(PlanDraft(agency_, item_, {officers_[0], officers_[3]}), &p).ok());
    return p;
  }();
  cv1::InspectionDraw d;
  s = Draw(small.id(), &d);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("plan.inspector_ids"));
  // After the period (1 January 2026 CST) no draw is made; a replay of one
  // made within it still returns it.
  const cv1::InspectionPlan plan = Plan();
  cv1::InspectionDraw made;
  ASSERT_TRUE(Draw(plan.id(), &made, "", "last-draw").ok());
  clock_.SetTime(absl::FromUnixSeconds(1767196800));
  cv1::InspectionDraw replayed;
  s = Draw(plan.id(), &replayed, "", "last-draw",
           Token({auth::Role::kAgencyAdmin}, "640104", agency_));
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(replayed.id(), made.id());
  s = Draw(plan.id(), &d, "", "", Token({auth::Role::kAgencyAdmin}, "640104", agency_));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("the plan draws within"));
}

// Each new RPC of inspections and inspection control names the malformed
// field it was sent (the auth walk of case_integration_test covers roles
// and jurisdiction).
TEST_F(CaseInspectionTest, MalformedIdsCodesAndValuesNameTheirField) {
  const std::string admin = AdminToken();
  auto expect_field = [&](const grpc::Status& s, const std::string& field) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << field << ": " << s.error_message();
    EXPECT_THAT(s.error_message(), ::testing::StartsWith(field + ": ")) << s.error_message();
  };
  cv1::InspectionPlan plan;
  cv1::InspectionDraw draw;
  cv1::GetInspectionPlanRequest get_plan;
  get_plan.set_id("x");
  expect_field(stub_->GetInspectionPlan(Ctx(admin).get(), get_plan, &plan), "id");
  cv1::ListInspectionPlansRequest list_plans;
  cv1::ListInspectionPlansResponse plans;
  list_plans.set_agency_id("x");
  expect_field(stub_->ListInspectionPlans(Ctx(admin).get(), list_plans, &plans), "agency_id");
  list_plans.clear_agency_id();
  list_plans.set_division_code("99");
  expect_field(stub_->ListInspectionPlans(Ctx(admin).get(), list_plans, &plans), "division_code");
  cv1::DrawInspectionRequest draw_req;
  draw_req.set_plan_id("x");
  expect_field(stub_->DrawInspection(Ctx(admin).get(), draw_req, &draw), "plan_id");
  cv1::GetInspectionDrawRequest get_draw;
  get_draw.set_id("x");
  expect_field(stub_->GetInspectionDraw(Ctx(admin).get(), get_draw, &draw), "id");
  cv1::ListInspectionDrawsRequest list_draws;
  cv1::ListInspectionDrawsResponse draws;
  list_draws.set_plan_id("x");
  expect_field(stub_->ListInspectionDraws(Ctx(admin).get(), list_draws, &draws), "plan_id");
  cv1::RecordInspectionResultRequest result;
  result.set_draw_id("x");
  expect_field(stub_->RecordInspectionResult(Ctx(admin).get(), result, &draw), "draw_id");
  result.set_draw_id(kUnknownDraw);
  result.set_etag("v1");
  expect_field(stub_->RecordInspectionResult(Ctx(admin).get(), result, &draw), "etag");
  cv1::InspectionCap cap;
  cv1::GetInspectionCapRequest get_cap;
  get_cap.set_agency_id("x");
  get_cap.set_year(2025);
  expect_field(stub_->GetInspectionCap(Ctx(admin).get(), get_cap, &cap), "agency_id");
  get_cap.set_agency_id(agency_);
  get_cap.set_year(1999);
  expect_field(stub_->GetInspectionCap(Ctx(admin).get(), get_cap, &cap), "year");
  cv1::SetInspectionCapRequest set_cap;
  set_cap.mutable_cap()->set_agency_id(agency_);
  set_cap.mutable_cap()->set_year(2025);
  set_cap.mutable_cap()->set_basis("计划");
  expect_field(stub_->SetInspectionCap(Ctx(admin).get(), set_cap, &cap), "cap.max_visits");
  cv1::AddToInspectionWhitelistRequest white;
  cv1::WhitelistEntry entry;
  white.mutable_entry()->set_agency_id(agency_);
  white.mutable_entry()->mutable_enterprise()->set_credit_code(TestCreditCode(3));
  white.mutable_entry()->mutable_enterprise()->set_name("某企业");
  expect_field(stub_->AddToInspectionWhitelist(Ctx(admin).get(), white, &entry),
               "entry.start_time");
  cv1::ListInspectionWhitelistRequest list_white;
  cv1::ListInspectionWhitelistResponse entries;
  list_white.set_agency_id("x");
  expect_field(stub_->ListInspectionWhitelist(Ctx(admin).get(), list_white, &entries), "agency_id");
  cv1::ListInspectionWarningsRequest warnings_req;
  cv1::ListInspectionWarningsResponse warnings;
  warnings_req.set_division_code("99");
  expect_field(stub_->ListInspectionWarnings(Ctx(admin).get(), warnings_req, &warnings),
               "division_code");
  cv1::GetEnterpriseInspectionHistoryRequest history;
  cv1::GetEnterpriseInspectionHistoryResponse visits;
  history.set_credit_code("x");
  expect_field(stub_->GetEnterpriseInspectionHistory(Ctx(admin).get(), history, &visits),
               "credit_code");
  cv1::RecordInspectionVisitRequest visit;
  cv1::InspectionVisit recorded;
  visit.mutable_visit()->set_basis(cv1::VISIT_BASIS_PLAN);
  visit.mutable_visit()->mutable_enterprise()->set_credit_code("x");
  expect_field(stub_->RecordInspectionVisit(Ctx(admin).get(), visit, &recorded),
               "visit.enterprise.credit_code");
}

TEST_F(CaseInspectionTest, OtherCountiesAndOtherAgenciesAreDenied) {
  const cv1::InspectionPlan plan = Plan();
  cv1::InspectionDraw d;
  ASSERT_TRUE(Draw(plan.id(), &d).ok());
  const std::string outsider = Token({auth::Role::kSupervisor}, "640302");
  cv1::GetInspectionPlanRequest get;
  get.set_id(plan.id());
  cv1::InspectionPlan read;
  EXPECT_EQ(stub_->GetInspectionPlan(Ctx(outsider).get(), get, &read).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Draw(plan.id(), &d, "", "", outsider).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Another agency's head in the same county may read, not draw.
  pv1::CreateAgencyRequest create;
  create.mutable_agency()->set_name("兴庆区卫生健康局");
  create.mutable_agency()->set_division_code("640104");
  create.mutable_agency()->add_domains("food_safety");
  pv1::Agency created;
  ASSERT_TRUE(personnel_stub_->CreateAgency(Ctx(AdminToken()).get(), create, &created).ok());
  const std::string other = created.id();
  const std::string other_head = Token({auth::Role::kAgencyAdmin}, "640104", other);
  EXPECT_TRUE(stub_->GetInspectionPlan(Ctx(other_head).get(), get, &read).ok());
  EXPECT_EQ(Draw(plan.id(), &d, "", "", other_head).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The county lists the plan; Yinchuan's other county lists nothing.
  cv1::ListInspectionPlansRequest list;
  list.set_division_code("640104");
  cv1::ListInspectionPlansResponse listed;
  ASSERT_TRUE(stub_->ListInspectionPlans(Ctx(Officer()).get(), list, &listed).ok());
  ASSERT_EQ(listed.plans_size(), 1);
  EXPECT_EQ(listed.plans(0).enterprises_size(), 0);
  EXPECT_EQ(listed.plans(0).enterprise_count(), 6);
  list.set_division_code("640106");
  EXPECT_EQ(stub_->ListInspectionPlans(Ctx(Officer()).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace lawenforce::testing
