// Enterprise inspection control end to end with the real personnel-service,
// Redis and store (SQLite; PostgreSQL as case_visit_test_postgres): a
// published cap refuses the visit beyond it and lets the same visit
// through when it answers a complaint; a joint visit counts once for each
// agency; white-listed enterprises are left out of draws while listed;
// the third visit within the window raises one warning to the city; the
// history shows an enterprise's visits within the caller's jurisdiction.

#include <map>

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/testing/id_numbers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

// case-service's own token for personnel-service lives a day (the
// fixture's), so the fake clock moves by hours: the warning window is 6
// hours, a white listing lasts 10.
class CaseVisitTest : public CaseFixture {
 protected:
  std::vector<std::string> ExtraFlags() override {
    std::vector<std::string> flags = CaseFixture::ExtraFlags();
    flags.push_back("--inspection-warning-window=6h");
    return flags;
  }
  void SetUp() override {
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    market_ = CreateAgency("640104");
    market_item_ = CreateInspectionItem(market_, "JC-SC-001").id();
    pv1::CreateAgencyRequest create;
    create.mutable_agency()->set_name("兴庆区卫生健康局");
    create.mutable_agency()->set_division_code("640104");
    create.mutable_agency()->add_domains("food_safety");
    pv1::Agency health;
    ASSERT_TRUE(personnel_stub_->CreateAgency(Ctx(AdminToken()).get(), create, &health).ok());
    health_ = health.id();
    health_item_ = CreateInspectionItem(health_, "JC-WS-001").id();
    o1_ = CreateOfficer(market_);
    o2_ = CreateOfficer(market_);
    o3_ = CreateOfficer(health_);
  }
  std::string Officer() { return Token({auth::Role::kOfficer}, "640104"); }

  void SetCap(const std::string& agency, int max) {
    cv1::SetInspectionCapRequest req;
    req.mutable_cap()->set_agency_id(agency);
    req.mutable_cap()->set_year(2025);
    req.mutable_cap()->set_max_visits(max);
    req.mutable_cap()->set_basis("2025年度涉企行政检查计划");
    cv1::InspectionCap out;
    grpc::Status s = stub_->SetInspectionCap(
        Ctx(Token({auth::Role::kAgencyAdmin}, "640104", agency)).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.division_code(), "640104");
  }
  cv1::InspectionVisit Draft(const std::string& code, cv1::VisitBasis basis, bool joint = false) {
    cv1::InspectionVisit v;
    v.mutable_enterprise()->set_credit_code(code);
    v.mutable_enterprise()->set_name("兴庆区某食品厂");
    cv1::VisitPart* p = v.add_parts();
    p->set_agency_id(market_);
    p->set_item_id(market_item_);
    if (joint) {
      cv1::VisitPart* q = v.add_parts();
      q->set_agency_id(health_);
      q->set_item_id(health_item_);
    }
    v.add_officer_ids(o1_);
    v.add_officer_ids(joint ? o3_ : o2_);
    v.set_basis(basis);
    v.set_basis_ref(basis == cv1::VISIT_BASIS_COMPLAINT ? "12345-2025-000123" : "2025-JC-07");
    return v;
  }
  grpc::Status Visit(const cv1::InspectionVisit& draft, cv1::InspectionVisit* out,
                     const std::string& request_id = "") {
    cv1::RecordInspectionVisitRequest req;
    *req.mutable_visit() = draft;
    req.set_request_id(request_id);
    clock_.Advance(absl::Hours(1));
    return stub_->RecordInspectionVisit(Ctx(Officer()).get(), req, out);
  }

  std::string market_, market_item_, health_, health_item_, o1_, o2_, o3_;
};

TEST_F(CaseVisitTest, TheCapRefusesTheVisitBeyondItUnlessItAnswersAComplaint) {
  SetCap(market_, 2);
  const std::string code = TestCreditCode(11);
  cv1::InspectionVisit v;
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_PLAN), &v).ok());
  EXPECT_EQ(v.year(), 2025);
  EXPECT_EQ(v.division_code(), "640104");
  EXPECT_FALSE(v.beyond_cap());
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_PLAN), &v).ok());
  grpc::Status s = Visit(Draft(code, cv1::VISIT_BASIS_PLAN), &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("visit.parts[0]"));
  EXPECT_THAT(s.error_message(), HasSubstr("its cap is 2 (2025年度涉企行政检查计划)"));
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_COMPLAINT), &v).ok());
  EXPECT_TRUE(v.beyond_cap());
  // Another enterprise has its own count; the cap reads back to anyone.
  ASSERT_TRUE(Visit(Draft(TestCreditCode(12), cv1::VISIT_BASIS_PLAN), &v).ok());
  cv1::GetInspectionCapRequest get;
  get.set_agency_id(market_);
  get.set_year(2025);
  cv1::InspectionCap cap;
  ASSERT_TRUE(
      stub_->GetInspectionCap(Ctx(Token({auth::Role::kOfficer}, "640302")).get(), get, &cap).ok());
  EXPECT_EQ(cap.max_visits(), 2);
  get.set_year(2026);
  EXPECT_EQ(stub_->GetInspectionCap(Ctx(Officer()).get(), get, &cap).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CaseVisitTest, AJointVisitCountsOnceForEachAgency) {
  SetCap(market_, 1);
  SetCap(health_, 1);
  const std::string code = TestCreditCode(13);
  cv1::InspectionVisit v;
  grpc::Status s = Visit(Draft(code, cv1::VISIT_BASIS_PLAN, true), &v);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(v.parts_size(), 2);
  // Each agency has used its one visit: alone, each is refused.
  s = Visit(Draft(code, cv1::VISIT_BASIS_PLAN), &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  cv1::InspectionVisit health_alone = Draft(code, cv1::VISIT_BASIS_PLAN);
  health_alone.mutable_parts(0)->set_agency_id(health_);
  health_alone.mutable_parts(0)->set_item_id(health_item_);
  health_alone.set_officer_ids(1, o3_);
  s = Visit(health_alone, &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr(health_));
}

TEST_F(CaseVisitTest, TheThirdVisitWithinTheWindowWarnsTheCityOnce) {
  const std::string code = TestCreditCode(14);
  cv1::InspectionVisit a, b, c, d;
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_PLAN), &a).ok());
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_PLAN, true), &b).ok());
  EXPECT_EQ(b.warning_id(), "");
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_COMPLAINT), &c).ok());
  ASSERT_NE(c.warning_id(), "");
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_PLAN), &d).ok());
  EXPECT_EQ(d.warning_id(), "") << "one warning per window";
  cv1::ListInspectionWarningsRequest list;
  list.set_division_code("640100");
  cv1::ListInspectionWarningsResponse warnings;
  const std::string city = Token({auth::Role::kSupervisor}, "640100");
  ASSERT_TRUE(stub_->ListInspectionWarnings(Ctx(city).get(), list, &warnings).ok());
  ASSERT_EQ(warnings.warnings_size(), 1);
  const cv1::InspectionWarning& w = warnings.warnings(0);
  EXPECT_EQ(w.id(), c.warning_id());
  EXPECT_EQ(w.division_code(), "640100");
  EXPECT_EQ(w.count(), 3);
  EXPECT_EQ(w.window_seconds(), 6 * 3600);
  EXPECT_EQ(std::vector<std::string>(w.visit_ids().begin(), w.visit_ids().end()),
            (std::vector<std::string>{a.id(), b.id(), c.id()}));
  EXPECT_EQ(std::vector<std::string>(w.agency_ids().begin(), w.agency_ids().end()),
            (std::vector<std::string>{market_, health_}));
  // Not the county's to read (it is for the tier above), nor an officer's.
  list.set_division_code("640104");
  ASSERT_TRUE(stub_
                  ->ListInspectionWarnings(Ctx(Token({auth::Role::kSupervisor}, "640104")).get(),
                                           list, &warnings)
                  .ok());
  EXPECT_EQ(warnings.warnings_size(), 0);
  EXPECT_EQ(stub_->ListInspectionWarnings(Ctx(Officer()).get(), list, &warnings).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The county's figures of the day count the visits (GetCaseStatistics).
  // (Figures stand before as_of, which is now: a moment later.)
  clock_.Advance(absl::Minutes(1));
  cv1::GetCaseStatisticsRequest stats;
  stats.set_division_code("640104");
  *stats.mutable_start_date() = protoconv::ToDate(absl::CivilDay(2025, 6, 1));
  *stats.mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 6, 1));
  cv1::CaseStatistics figures;
  ASSERT_TRUE(stub_->GetCaseStatistics(Ctx(city).get(), stats, &figures).ok());
  const cv1::InspectionFigures& in = figures.inspections();
  EXPECT_EQ(in.visits(), 4);
  EXPECT_EQ(in.joint_visits(), 1);
  EXPECT_EQ(in.warnings(), 1);
  EXPECT_EQ(in.visits_beyond_cap(), 0);
  ASSERT_EQ(in.visits_by_basis_size(), 2);
  EXPECT_EQ(in.visits_by_basis(0).key(), "VISIT_BASIS_COMPLAINT");
  EXPECT_EQ(in.visits_by_basis(0).count(), 1);
  EXPECT_EQ(in.visits_by_basis(1).key(), "VISIT_BASIS_PLAN");
  EXPECT_EQ(in.visits_by_basis(1).count(), 3);
  // The health bureau's own figures count only the joint visit.
  stats.clear_division_code();
  stats.set_agency_id(health_);
  ASSERT_TRUE(stub_->GetCaseStatistics(Ctx(city).get(), stats, &figures).ok());
  EXPECT_EQ(figures.inspections().visits(), 1);
  EXPECT_EQ(figures.inspections().joint_visits(), 1);
  // The gauges, by the lead agency's division (the county).
  std::map<std::string, double> gauges;
  for (const auto& family : module().Collectables()[0]->Collect()) {
    for (const auto& m : family.metric) {
      std::string key = family.name;
      for (const auto& l : m.label) absl::StrAppend(&key, ",", l.name, "=", l.value);
      gauges[key] = m.gauge.value;
    }
  }
  EXPECT_EQ(gauges["lawenforce_inspection_visits,tier=county,division=640104,basis=plan"], 3);
  EXPECT_EQ(gauges["lawenforce_inspection_visits,tier=county,division=640104,basis=complaint"], 1);
  EXPECT_EQ(gauges["lawenforce_inspection_warnings,tier=county,division=640104"], 1);
  // A window later the count starts again.
  clock_.Advance(absl::Hours(7));
  cv1::InspectionVisit e;
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_PLAN), &e).ok());
  EXPECT_EQ(e.warning_id(), "");
}

TEST_F(CaseVisitTest, WhiteListedEnterprisesAreLeftOutOfDrawsWhileListed) {
  const std::string o4 = CreateOfficer(market_);
  cv1::CreateInspectionPlanRequest create;
  *create.mutable_plan() = PlanDraft(market_, market_item_, {o1_, o2_, o4}, 4, 4);
  cv1::InspectionPlan plan;
  ASSERT_TRUE(stub_->CreateInspectionPlan(Ctx(AdminToken()).get(), create, &plan).ok());
  cv1::AddToInspectionWhitelistRequest add;
  cv1::WhitelistEntry* e = add.mutable_entry();
  e->set_agency_id(market_);
  e->mutable_enterprise()->set_credit_code(TestCreditCode(2));
  e->mutable_enterprise()->set_name("银川市兴庆区食品店2");
  *e->mutable_start_time() = protoconv::ToTimestamp(clock_.Now());
  *e->mutable_end_time() = protoconv::ToTimestamp(clock_.Now() + absl::Hours(10));
  e->set_reason("信用A级，无事不扰");
  add.set_request_id("white-1");
  cv1::WhitelistEntry entry, replay;
  ASSERT_TRUE(stub_->AddToInspectionWhitelist(Ctx(AdminToken()).get(), add, &entry).ok());
  ASSERT_TRUE(stub_->AddToInspectionWhitelist(Ctx(AdminToken()).get(), add, &replay).ok());
  EXPECT_EQ(replay.id(), entry.id());
  cv1::DrawInspectionRequest draw;
  draw.set_plan_id(plan.id());
  cv1::InspectionDraw d;
  ASSERT_TRUE(stub_->DrawInspection(Ctx(AdminToken()).get(), draw, &d).ok());
  EXPECT_EQ(d.targets_size(), 3);
  EXPECT_EQ(d.enterprise_candidates_size(), 3);
  ASSERT_EQ(d.enterprises_whitelisted_size(), 1);
  EXPECT_EQ(d.enterprises_whitelisted(0), TestCreditCode(2));
  for (const auto& t : d.targets()) EXPECT_NE(t.enterprise().credit_code(), TestCreditCode(2));
  // After the listing ends it is drawn again.
  clock_.Advance(absl::Hours(11));
  ASSERT_TRUE(stub_->DrawInspection(Ctx(AdminToken()).get(), draw, &d).ok());
  EXPECT_EQ(d.targets_size(), 4);
  EXPECT_EQ(d.enterprises_whitelisted_size(), 0);
  cv1::ListInspectionWhitelistRequest list;
  list.set_agency_id(market_);
  cv1::ListInspectionWhitelistResponse listed;
  ASSERT_TRUE(stub_->ListInspectionWhitelist(Ctx(Officer()).get(), list, &listed).ok());
  EXPECT_EQ(listed.entries_size(), 1);
}

TEST_F(CaseVisitTest, HistoryAcrossAgenciesWithinTheCallersJurisdictionAndFieldErrors) {
  const std::string code = TestCreditCode(15);
  cv1::InspectionVisit v;
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_PLAN), &v).ok());
  ASSERT_TRUE(Visit(Draft(code, cv1::VISIT_BASIS_PLAN, true), &v).ok());
  cv1::GetEnterpriseInspectionHistoryRequest req;
  req.set_credit_code(code);
  cv1::GetEnterpriseInspectionHistoryResponse history;
  ASSERT_TRUE(stub_->GetEnterpriseInspectionHistory(Ctx(Officer()).get(), req, &history).ok());
  EXPECT_EQ(history.visits_size(), 2);
  // Another county sees none of them.
  ASSERT_TRUE(stub_
                  ->GetEnterpriseInspectionHistory(
                      Ctx(Token({auth::Role::kSupervisor}, "640106")).get(), req, &history)
                  .ok());
  EXPECT_EQ(history.visits_size(), 0);
  req.set_credit_code("91640100MA76A1B2CQ");
  grpc::Status s = stub_->GetEnterpriseInspectionHistory(Ctx(Officer()).get(), req, &history);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("credit_code"));
  // Field errors of a visit.
  cv1::InspectionVisit bad = Draft(code, cv1::VISIT_BASIS_UNSPECIFIED);
  s = Visit(bad, &v);
  EXPECT_THAT(s.error_message(), HasSubstr("visit.basis"));
  bad = Draft(code, cv1::VISIT_BASIS_PLAN);
  bad.mutable_parts(0)->set_item_id(CreateItem(market_, "CF-9").id());
  s = Visit(bad, &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("visit.parts[0].item_id"));
  bad = Draft(code, cv1::VISIT_BASIS_DRAW);
  bad.set_basis_ref("00000000-0000-4000-8000-00000000dead");
  s = Visit(bad, &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("visit.basis_ref"));
  RevokeCertificate(o2_);
  s = Visit(Draft(code, cv1::VISIT_BASIS_PLAN), &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("visit.officer_ids[1]"));
  // Another county's agency admin may not record for Xingqing's agencies.
  cv1::RecordInspectionVisitRequest req2;
  *req2.mutable_visit() = Draft(code, cv1::VISIT_BASIS_COMPLAINT);
  EXPECT_EQ(
      stub_->RecordInspectionVisit(Ctx(Token({auth::Role::kOfficer}, "640106")).get(), req2, &v)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace lawenforce::testing
