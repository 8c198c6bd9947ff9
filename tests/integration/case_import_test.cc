// Ingestion from departmental systems end to end with the real
// personnel-service, Redis and store (SQLite; PostgreSQL as
// case_import_test_postgres): a batch imported twice changes nothing the
// second time, the record with a new act converges on the same case whose
// record still verifies, a bad record is its own result naming its field,
// a caller from another county is refused the whole call; imported visits
// are judged against the cap as recorded up to their moment.

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/testing/id_numbers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

class CaseImportTest : public CaseFixture {
 protected:
  void SetUp() override {
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    scene_ = StandardScene();
    // Everything imported happened after the officers were certified here.
    start_ = clock_.Now();
    clock_.Advance(absl::Hours(8));
  }
  std::string System() { return Token({auth::Role::kSystem}, "640104"); }
  store::Database& db() { return *service_->runtime().env().db; }

  cv1::ImportedCase Record(const std::string& source_id, int acts) {
    cv1::ImportedCase r;
    r.set_source_id(source_id);
    cv1::Case* c = r.mutable_case_();
    c->set_agency_id(scene_.agency);
    c->set_item_id(scene_.item);
    cv1::Party* p = c->add_parties();
    p->set_kind(cv1::PARTY_KIND_INDIVIDUAL);
    p->set_name("李四");
    p->set_id_number("640104198503121231");
    c->set_facts("在兴庆区某市场销售过期食品（部门系统立案）");
    *c->mutable_violation_time() = protoconv::ToTimestamp(start_ - absl::Hours(48));
    c->add_officer_ids(scene_.o1);
    c->add_officer_ids(scene_.o2);
    *c->mutable_file_time() = protoconv::ToTimestamp(start_ + absl::Hours(1));
    if (acts >= 1) {
      cv1::ImportedAct* a = r.add_acts();
      *a->mutable_act_time() = protoconv::ToTimestamp(start_ + absl::Hours(2));
      a->mutable_start_investigation();
    }
    if (acts >= 2) {
      cv1::ImportedAct* a = r.add_acts();
      *a->mutable_act_time() = protoconv::ToTimestamp(start_ + absl::Hours(3));
      cv1::EvidenceRef* e = a->mutable_record_evidence()->add_evidence();
      e->set_sha256(std::string(64, 'c'));
      e->set_kind("photo");
      e->set_description("现场照片");
    }
    return r;
  }
  cv1::ImportCasesResponse ImportOk(const cv1::ImportCasesRequest& req) {
    cv1::ImportCasesResponse out;
    grpc::Status s = stub_->ImportCases(Ctx(System()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }

  Scene scene_;
  absl::Time start_;
};

TEST_F(CaseImportTest, TheSameBatchTwiceChangesNothingAndANewActConverges) {
  cv1::ImportCasesRequest req;
  req.set_source_system("nx-amr-cms");
  *req.add_cases() = Record("AJ-2025-001", 2);
  *req.add_cases() = Record("AJ-2025-002", 0);
  cv1::ImportCasesResponse first = ImportOk(req);
  ASSERT_EQ(first.results_size(), 2);
  EXPECT_EQ(first.created(), 2) << first.DebugString();
  EXPECT_EQ(first.results(0).outcome(), cv1::IMPORT_OUTCOME_CREATED);
  EXPECT_EQ(first.results(0).acts_applied(), 2);
  const std::string id = first.results(0).resource_id();

  cv1::GetCaseRequest get;
  get.set_id(id);
  cv1::Case c;
  ASSERT_TRUE(stub_->GetCase(Ctx(System()).get(), get, &c).ok());
  EXPECT_EQ(c.state(), cv1::CASE_STATE_INVESTIGATING);
  EXPECT_EQ(c.source().source_system(), "nx-amr-cms");
  EXPECT_EQ(c.source().source_id(), "AJ-2025-001");
  EXPECT_EQ(protoconv::FromTimestamp("t", c.file_time()).value(), start_ + absl::Hours(1));
  EXPECT_EQ(c.record_length(), 3);
  EXPECT_EQ(c.parties(0).id_number(), "") << "the number never comes out";

  clock_.Advance(absl::Minutes(10));
  cv1::ImportCasesResponse again = ImportOk(req);
  EXPECT_EQ(again.unchanged(), 2) << again.DebugString();
  EXPECT_EQ(again.results(0).resource_id(), id);
  cv1::Case same;
  ASSERT_TRUE(stub_->GetCase(Ctx(System()).get(), get, &same).ok());
  EXPECT_EQ(same.etag(), c.etag());

  // The source's case moved on: the new act only.
  cv1::ImportCasesRequest later;
  later.set_source_system("nx-amr-cms");
  cv1::ImportedCase* moved = later.add_cases();
  *moved = Record("AJ-2025-001", 2);
  cv1::ImportedAct* notify = moved->add_acts();
  *notify->mutable_act_time() = protoconv::ToTimestamp(start_ + absl::Hours(4));
  notify->mutable_notify_party()->set_hearing_waived(true);
  cv1::ImportCasesResponse updated = ImportOk(later);
  EXPECT_EQ(updated.updated(), 1) << updated.DebugString();
  EXPECT_EQ(updated.results(0).acts_applied(), 1);
  EXPECT_EQ(updated.results(0).resource_id(), id);
  ASSERT_TRUE(stub_->GetCase(Ctx(System()).get(), get, &c).ok());
  EXPECT_EQ(c.state(), cv1::CASE_STATE_NOTIFIED);
  cv1::VerifyCaseRecordRequest verify;
  verify.set_case_id(id);
  cv1::RecordVerification v;
  ASSERT_TRUE(stub_->VerifyCaseRecord(Ctx(System()).get(), verify, &v).ok());
  EXPECT_TRUE(v.intact()) << v.DebugString();
  EXPECT_EQ(v.entries_verified(), 4);

  cv1::ListCasesRequest list;
  list.set_division_code("640104");
  cv1::ListCasesResponse cases;
  ASSERT_TRUE(stub_->ListCases(Ctx(System()).get(), list, &cases).ok());
  EXPECT_EQ(cases.cases_size(), 2);
}

TEST_F(CaseImportTest, ABadRecordIsItsOwnResultNamingItsField) {
  cv1::ImportCasesRequest req;
  req.set_source_system("nx-amr-cms");
  cv1::ImportedCase* bad = req.add_cases();
  *bad = Record("AJ-1", 0);
  bad->mutable_case_()->mutable_parties(0)->set_id_number("640104198503121232");
  cv1::ImportedCase* no_act = req.add_cases();
  *no_act = Record("AJ-2", 0);
  *no_act->add_acts()->mutable_act_time() = protoconv::ToTimestamp(start_ + absl::Hours(2));
  cv1::ImportedCase* bad_fine = req.add_cases();
  *bad_fine = Record("AJ-3", 1);
  cv1::ImportedAct* decide = bad_fine->add_acts();
  *decide->mutable_act_time() = protoconv::ToTimestamp(start_ + absl::Hours(3));
  decide->mutable_decide_case();
  *req.add_cases() = Record("AJ-4", 1);
  req.set_validate_only(true);
  cv1::ImportCasesResponse out = ImportOk(req);
  ASSERT_EQ(out.results_size(), 4);
  EXPECT_EQ(out.failed(), 3);
  EXPECT_EQ(out.results(0).outcome(), cv1::IMPORT_OUTCOME_FAILED);
  EXPECT_EQ(out.results(0).error_code(), "INVALID_ARGUMENT");
  EXPECT_EQ(out.results(0).error_field(), "case.parties[0].id_number");
  EXPECT_THAT(out.results(0).error_message(), ::testing::Not(HasSubstr("640104198503121232")));
  EXPECT_EQ(out.results(1).error_field(), "acts[0].act");
  EXPECT_EQ(out.results(2).error_field(), "acts[1].decide_case.decision");
  EXPECT_EQ(out.results(3).outcome(), cv1::IMPORT_OUTCOME_CREATED);
  EXPECT_EQ(out.results(3).resource_id(), "") << "validate_only creates nothing";
  cv1::ListCasesRequest list;
  list.set_division_code("640104");
  cv1::ListCasesResponse cases;
  ASSERT_TRUE(stub_->ListCases(Ctx(System()).get(), list, &cases).ok());
  EXPECT_EQ(cases.cases_size(), 0);
}

TEST_F(CaseImportTest, ACallerFromAnotherCountyIsRefusedTheWholeCall) {
  cv1::ImportCasesRequest req;
  req.set_source_system("nx-amr-cms");
  *req.add_cases() = Record("AJ-1", 1);
  cv1::ImportCasesResponse out;
  grpc::Status s = stub_->ImportCases(Ctx(Token({auth::Role::kSystem}, "640302")).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("cases[0]"));
  s = stub_->ImportCases(Ctx(Token({auth::Role::kOfficer}, "640104")).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  req.set_source_system("NX CMS");
  s = stub_->ImportCases(Ctx(System()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("source_system"));
}

TEST_F(CaseImportTest, ImportedVisitsMeetTheCapAsRecordedUpToTheirMoment) {
  const std::string item = CreateInspectionItem(scene_.agency, "JC-SC-001").id();
  cv1::SetInspectionCapRequest cap;
  cap.mutable_cap()->set_agency_id(scene_.agency);
  cap.mutable_cap()->set_year(2025);
  cap.mutable_cap()->set_max_visits(1);
  cap.mutable_cap()->set_basis("2025年度涉企行政检查计划");
  cv1::InspectionCap published;
  ASSERT_TRUE(stub_->SetInspectionCap(Ctx(System()).get(), cap, &published).ok());
  clock_.Advance(absl::Hours(4));
  const absl::Time t = clock_.Now();
  auto visit = [&](const std::string& id, absl::Duration ago, cv1::VisitBasis basis) {
    cv1::ImportedVisit v;
    v.set_source_id(id);
    cv1::InspectionVisit* x = v.mutable_visit();
    x->mutable_enterprise()->set_credit_code(TestCreditCode(1));
    x->mutable_enterprise()->set_name("兴庆区某食品厂");
    cv1::VisitPart* p = x->add_parts();
    p->set_agency_id(scene_.agency);
    p->set_item_id(item);
    x->add_officer_ids(scene_.o1);
    x->add_officer_ids(scene_.o2);
    x->set_basis(basis);
    x->set_basis_ref(basis == cv1::VISIT_BASIS_COMPLAINT ? "12345-2025-000123" : "2025-JC-07");
    *x->mutable_visit_time() = protoconv::ToTimestamp(t - ago);
    return v;
  };
  cv1::ImportInspectionsRequest req;
  req.set_source_system("nx-amr-inspect");
  *req.add_visits() = visit("JC-1", absl::Hours(3), cv1::VISIT_BASIS_PLAN);
  *req.add_visits() = visit("JC-2", absl::Hours(2), cv1::VISIT_BASIS_PLAN);
  *req.add_visits() = visit("JC-3", absl::Hours(1), cv1::VISIT_BASIS_COMPLAINT);
  cv1::ImportInspectionsResponse out;
  grpc::Status s = stub_->ImportInspections(Ctx(System()).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(out.results_size(), 3);
  EXPECT_EQ(out.results(0).outcome(), cv1::IMPORT_OUTCOME_CREATED);
  EXPECT_EQ(out.results(1).error_code(), "FAILED_PRECONDITION") << out.DebugString();
  EXPECT_THAT(out.results(1).error_message(), HasSubstr("its cap is 1"));
  EXPECT_EQ(out.results(2).outcome(), cv1::IMPORT_OUTCOME_CREATED);

  // Again: the two imported are unchanged; a changed one is refused.
  req.mutable_visits(1)->mutable_visit()->set_basis(cv1::VISIT_BASIS_CLUE);
  req.mutable_visits(1)->mutable_visit()->set_basis_ref("XS-2025-009");
  req.mutable_visits(0)->mutable_visit()->set_summary("补录说明");
  req.set_validate_only(true);
  s = stub_->ImportInspections(Ctx(System()).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.results(0).error_code(), "FAILED_PRECONDITION") << out.DebugString();
  EXPECT_EQ(out.results(1).outcome(), cv1::IMPORT_OUTCOME_CREATED) << out.DebugString();
  EXPECT_EQ(out.results(2).outcome(), cv1::IMPORT_OUTCOME_UNCHANGED);

  // The call's own refusals: role, source_system, another county; a record
  // without its moment is its own result naming the field.
  cv1::ImportInspectionsRequest whole;
  whole.set_source_system("nx-amr-inspect");
  *whole.add_visits() = visit("JC-9", absl::Hours(1), cv1::VISIT_BASIS_PLAN);
  s = stub_->ImportInspections(Ctx(Token({auth::Role::kOfficer}, "640104")).get(), whole, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  s = stub_->ImportInspections(Ctx(Token({auth::Role::kSystem}, "640302")).get(), whole, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("visits[0]"));
  whole.set_source_system("NX INSPECT");
  s = stub_->ImportInspections(Ctx(System()).get(), whole, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("source_system"));
  whole.set_source_system("nx-amr-inspect");
  whole.mutable_visits(0)->mutable_visit()->clear_visit_time();
  whole.set_validate_only(true);
  ASSERT_TRUE(stub_->ImportInspections(Ctx(System()).get(), whole, &out).ok());
  EXPECT_EQ(out.results(0).error_code(), "INVALID_ARGUMENT");
  EXPECT_EQ(out.results(0).error_field(), "visit.visit_time");

  cv1::GetEnterpriseInspectionHistoryRequest history;
  history.set_credit_code(TestCreditCode(1));
  history.set_division_code("640104");
  cv1::GetEnterpriseInspectionHistoryResponse visits;
  ASSERT_TRUE(stub_->GetEnterpriseInspectionHistory(Ctx(System()).get(), history, &visits).ok());
  ASSERT_EQ(visits.visits_size(), 2) << "validate_only wrote nothing";
  for (const cv1::InspectionVisit& v : visits.visits()) {
    EXPECT_EQ(v.source().source_system(), "nx-amr-inspect");
    EXPECT_EQ(protoconv::FromTimestamp("t", v.record_time()).value(), t);
    EXPECT_LT(protoconv::FromTimestamp("t", v.visit_time()).value(), t);
  }
}

// Every act rewrites its case's handling officers; the delete must find
// them by the case, not scan every case's (found by the import bench: an
// act's cost grew with the table).
TEST_F(CaseImportTest, AnActFindsItsCasesOfficersByIndex) {
  if (db().dialect() != "sqlite") GTEST_SKIP() << "the plan is SQLite's";
  std::string plan;
  ASSERT_TRUE(db().Read([&](store::Transaction& tx) -> absl::Status {
                    absl::StatusOr<std::vector<store::Row>> rows =
                        tx.Query("EXPLAIN QUERY PLAN DELETE FROM case_officers WHERE case_id = ?",
                                 {store::Text("x")});
                    if (!rows.ok()) return rows.status();
                    for (const store::Row& r : *rows) absl::StrAppend(&plan, r.Text(3), "\n");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_THAT(plan, HasSubstr("case_officers_by_case")) << plan;
  EXPECT_THAT(plan, ::testing::Not(HasSubstr("SCAN"))) << plan;
}

}  // namespace
}  // namespace lawenforce::testing
