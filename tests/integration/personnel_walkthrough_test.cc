// End-to-end behaviour of personnel-service over real gRPC on loopback.

#include <map>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class PersonnelWalkthroughTest : public PersonnelFixture {
 protected:
  grpc::Status Transition(const std::string& verb, const std::string& id, pv1::Certificate* out,
                          const std::string& etag = "") {
    pv1::TransitionCertificateRequest req;
    req.set_id(id);
    req.set_reason("walkthrough: " + verb);
    req.set_etag(etag);
    auto ctx = Ctx(AdminToken());
    if (verb == "suspend") return stub_->SuspendCertificate(ctx.get(), req, out);
    if (verb == "reinstate") return stub_->ReinstateCertificate(ctx.get(), req, out);
    if (verb == "revoke") return stub_->RevokeCertificate(ctx.get(), req, out);
    return stub_->CancelCertificate(ctx.get(), req, out);
  }

  pv1::EligibilityVerdict Eligibility(const std::string& officer_id) {
    pv1::CheckEnforcementEligibilityRequest req;
    req.add_officer_ids(officer_id);
    req.set_domain("market_regulation");
    pv1::CheckEnforcementEligibilityResponse resp;
    grpc::Status s = stub_->CheckEnforcementEligibility(
        Ctx(Token({auth::Role::kSystem}, "640000")).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_THAT(resp.verdicts(), SizeIs(1));
    return resp.verdicts_size() == 1 ? resp.verdicts(0) : pv1::EligibilityVerdict();
  }
};

TEST_F(PersonnelWalkthroughTest, CertificateLifeFromIssueToRevocation) {
  pv1::Agency agency = CreateAgency("640104");
  EXPECT_EQ(agency.tier(), lawenforce::common::v1::TIER_COUNTY);
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(1));
  EXPECT_EQ(officer.division_code(), "640104");
  EXPECT_EQ(officer.id_number(), "");
  EXPECT_EQ(officer.id_number_masked().substr(0, 6), "640104");
  EXPECT_THAT(officer.id_number_masked(), HasSubstr("********"));

  EXPECT_EQ(Eligibility(officer.id()).reason(), pv1::ELIGIBILITY_REASON_NO_CERTIFICATE);
  pv1::Certificate cert = IssueCertificate(officer.id(), "NX-ZF-0001");
  EXPECT_EQ(cert.state(), pv1::CERTIFICATE_STATE_ACTIVE);
  EXPECT_TRUE(Eligibility(officer.id()).eligible());

  pv1::Certificate out;
  ASSERT_TRUE(Transition("suspend", cert.id(), &out).ok());
  EXPECT_EQ(out.state(), pv1::CERTIFICATE_STATE_SUSPENDED);
  pv1::EligibilityVerdict suspended = Eligibility(officer.id());
  EXPECT_FALSE(suspended.eligible());
  EXPECT_EQ(suspended.reason(), pv1::ELIGIBILITY_REASON_SUSPENDED);
  EXPECT_EQ(suspended.certificate_id(), cert.id());

  ASSERT_TRUE(Transition("reinstate", cert.id(), &out).ok());
  EXPECT_EQ(out.state(), pv1::CERTIFICATE_STATE_ACTIVE);
  EXPECT_TRUE(Eligibility(officer.id()).eligible());

  ASSERT_TRUE(Transition("revoke", cert.id(), &out).ok());
  EXPECT_EQ(out.state(), pv1::CERTIFICATE_STATE_REVOKED);
  EXPECT_EQ(Eligibility(officer.id()).reason(), pv1::ELIGIBILITY_REASON_REVOKED);

  // Revoked is final: every further transition is refused as an illegal state change.
  for (const char* verb : {"suspend", "reinstate", "revoke", "cancel"}) {
    grpc::Status s = Transition(verb, cert.id(), &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << verb;
  }

  pv1::GetCertificateHistoryRequest hreq;
  hreq.set_id(cert.id());
  pv1::GetCertificateHistoryResponse history;
  ASSERT_TRUE(stub_->GetCertificateHistory(Ctx(AdminToken()).get(), hreq, &history).ok());
  std::vector<pv1::CertificateState> states;
  for (const pv1::CertificateEvent& e : history.events()) {
    states.push_back(e.to_state());
    EXPECT_EQ(e.actor(), "tester-640000");
  }
  EXPECT_THAT(states, ElementsAre(pv1::CERTIFICATE_STATE_ACTIVE, pv1::CERTIFICATE_STATE_SUSPENDED,
                                  pv1::CERTIFICATE_STATE_ACTIVE, pv1::CERTIFICATE_STATE_REVOKED));
  EXPECT_EQ(history.events(3).reason(), "walkthrough: revoke");
}

TEST_F(PersonnelWalkthroughTest, CertificatePastItsValidityReadsExpiredAndIsNotEligible) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(2));
  pv1::Certificate cert = IssueCertificate(officer.id(), "NX-ZF-0002");  // until 2027-12-31
  // 2027-12-31T16:00:00Z is 2028-01-01 00:00 in China.
  clock_.SetTime(absl::FromCivil(absl::CivilSecond(2027, 12, 31, 16, 0, 0), absl::UTCTimeZone()));
  pv1::GetCertificateRequest req;
  req.set_id(cert.id());
  pv1::Certificate got;
  ASSERT_TRUE(stub_->GetCertificate(Ctx(AdminToken()).get(), req, &got).ok());
  EXPECT_EQ(got.state(), pv1::CERTIFICATE_STATE_EXPIRED);
  EXPECT_EQ(Eligibility(officer.id()).reason(), pv1::ELIGIBILITY_REASON_EXPIRED);
  pv1::Certificate out;
  EXPECT_EQ(Transition("suspend", cert.id(), &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(PersonnelWalkthroughTest, SameRequestIdCreatesOneRecord) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::CreateOfficerRequest req;
  req.set_request_id("3f1c2a9e-0000-4000-8000-000000000001");
  req.mutable_officer()->set_agency_id(agency.id());
  req.mutable_officer()->set_name("赵六");
  req.mutable_officer()->set_id_number(IdNumber(3));
  req.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
  pv1::Officer first, second;
  ASSERT_TRUE(stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &first).ok());
  ASSERT_TRUE(stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &second).ok());
  EXPECT_EQ(first.id(), second.id());
  pv1::ListOfficersRequest list;
  list.set_agency_id(agency.id());
  pv1::ListOfficersResponse officers;
  ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), list, &officers).ok());
  EXPECT_THAT(officers.officers(), SizeIs(1));

  // The same key with a different request is refused, naming request_id.
  req.mutable_officer()->set_name("赵七");
  pv1::Officer third;
  grpc::Status s = stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &third);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("request_id"));

  // Without a key, the same person cannot be registered twice.
  req.set_request_id("");
  s = stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &third);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(s.error_message(), HasSubstr("officer.id_number"));
}

TEST_F(PersonnelWalkthroughTest, StaleEtagIsAborted) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(4));
  pv1::UpdateOfficerRequest req;
  *req.mutable_officer() = officer;
  req.mutable_officer()->set_name("新名字");
  req.mutable_update_mask()->add_paths("name");
  pv1::Officer updated;
  ASSERT_TRUE(stub_->UpdateOfficer(Ctx(AdminToken()).get(), req, &updated).ok());
  EXPECT_EQ(updated.name(), "新名字");
  EXPECT_NE(updated.etag(), officer.etag());
  grpc::Status stale = stub_->UpdateOfficer(Ctx(AdminToken()).get(), req, &updated);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);

  pv1::Certificate cert = IssueCertificate(officer.id(), "NX-ZF-0004");
  pv1::Certificate out;
  ASSERT_TRUE(Transition("suspend", cert.id(), &out, cert.etag()).ok());
  EXPECT_EQ(Transition("reinstate", cert.id(), &out, cert.etag()).error_code(),
            grpc::StatusCode::ABORTED);
}

TEST_F(PersonnelWalkthroughTest, TrainingSummaryCountsYearAndExcludesPoliticalTheory) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(5));
  auto record = [&](double hours, pv1::TrainingCategory category, int year, int month, int day) {
    pv1::RecordTrainingRequest req;
    pv1::TrainingRecord* r = req.mutable_record();
    r->set_officer_id(officer.id());
    r->set_hours(hours);
    r->set_category(category);
    r->set_course("行政处罚法");
    r->mutable_date()->set_year(year);
    r->mutable_date()->set_month(month);
    r->mutable_date()->set_day(day);
    r->set_provider("司法厅");
    pv1::TrainingRecord out;
    grpc::Status s = stub_->RecordTraining(Ctx(AdminToken()).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  };
  // Registered 2025-06-01; now 2026-01-10, while 2025 still takes records.
  clock_.Advance(absl::Hours(24 * 223));
  record(8, pv1::TRAINING_CATEGORY_PUBLIC_LEGAL_KNOWLEDGE, 2025, 6, 2);
  record(8, pv1::TRAINING_CATEGORY_PUBLIC_LEGAL_KNOWLEDGE, 2025, 6, 3);
  record(8, pv1::TRAINING_CATEGORY_PUBLIC_LEGAL_KNOWLEDGE, 2025, 6, 4);
  record(8, pv1::TRAINING_CATEGORY_BUSINESS_KNOWLEDGE, 2025, 7, 1);
  record(8, pv1::TRAINING_CATEGORY_BUSINESS_KNOWLEDGE, 2025, 7, 2);
  record(8, pv1::TRAINING_CATEGORY_BUSINESS_KNOWLEDGE, 2025, 7, 3);
  record(8, pv1::TRAINING_CATEGORY_ENFORCEMENT_SKILLS, 2025, 12, 30);
  record(4, pv1::TRAINING_CATEGORY_ENFORCEMENT_SKILLS, 2025, 12, 31);
  record(4, pv1::TRAINING_CATEGORY_POLITICAL_THEORY, 2025, 12, 31);
  record(6, pv1::TRAINING_CATEGORY_POLITICAL_THEORY, 2025, 8, 1);
  record(8, pv1::TRAINING_CATEGORY_ENFORCEMENT_SKILLS, 2026, 1, 1);
  pv1::GetTrainingSummaryRequest req;
  req.set_officer_id(officer.id());
  req.set_year(2025);
  pv1::TrainingSummary summary;
  ASSERT_TRUE(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), req, &summary).ok());
  EXPECT_DOUBLE_EQ(summary.counted_hours(), 60);
  EXPECT_DOUBLE_EQ(summary.political_theory_hours(), 10);
  EXPECT_EQ(summary.compliant_officer_count(), 1);
  EXPECT_DOUBLE_EQ(summary.compliance_ratio(), 1.0);
  // The first year is pro rata: 214 of 365 days, ceil(3600 * 214 / 365) minutes.
  ASSERT_THAT(summary.officers(), SizeIs(1));
  EXPECT_DOUBLE_EQ(summary.officers(0).required_hours(), 2111 / 60.0);
  EXPECT_DOUBLE_EQ(summary.required_hours(), 60);
  req.set_year(2026);
  ASSERT_TRUE(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), req, &summary).ok());
  EXPECT_DOUBLE_EQ(summary.counted_hours(), 8);
  EXPECT_EQ(summary.compliant_officer_count(), 0);
}

TEST_F(PersonnelWalkthroughTest, AgencyTrainingPolicyMakesUntrainedOfficerIneligible) {
  pv1::CreateAgencyRequest areq;
  areq.mutable_agency()->set_name("贺兰县综合执法局");
  areq.mutable_agency()->set_division_code("640122");
  areq.mutable_agency()->add_domains("urban_management");
  areq.mutable_agency()->set_require_training_for_eligibility(true);
  pv1::Agency agency;
  ASSERT_TRUE(stub_->CreateAgency(Ctx(AdminToken()).get(), areq, &agency).ok());
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(6));
  IssueCertificate(officer.id(), "NX-ZF-0006", {"urban_management"});
  // Registered 2025-06-01 with no training in 2025: judged in 2026 against
  // the pro-rata part of the 60 hours.
  clock_.Advance(absl::Hours(24 * 250));
  pv1::CheckEnforcementEligibilityRequest req;
  req.add_officer_ids(officer.id());
  req.set_domain("urban_management");
  pv1::CheckEnforcementEligibilityResponse resp;
  ASSERT_TRUE(stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &resp).ok());
  EXPECT_EQ(resp.verdicts(0).reason(), pv1::ELIGIBILITY_REASON_TRAINING_INSUFFICIENT);
  req.set_domain("food_safety");
  ASSERT_TRUE(stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &resp).ok());
  EXPECT_EQ(resp.verdicts(0).reason(), pv1::ELIGIBILITY_REASON_DOMAIN_NOT_COVERED);
}

TEST_F(PersonnelWalkthroughTest, FailedAssessmentFlagsCertificatesForReview) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(7));
  pv1::Certificate cert = IssueCertificate(officer.id(), "NX-ZF-0007");
  EXPECT_FALSE(cert.review_required());
  pv1::RecordAssessmentRequest req;
  req.mutable_assessment()->set_officer_id(officer.id());
  req.mutable_assessment()->set_year(2024);
  req.mutable_assessment()->set_result(pv1::ASSESSMENT_RESULT_INCOMPETENT);
  pv1::Assessment out;
  ASSERT_TRUE(stub_->RecordAssessment(Ctx(AdminToken()).get(), req, &out).ok());
  pv1::GetCertificateRequest get;
  get.set_id(cert.id());
  pv1::Certificate got;
  ASSERT_TRUE(stub_->GetCertificate(Ctx(AdminToken()).get(), get, &got).ok());
  EXPECT_TRUE(got.review_required());
  pv1::ListCertificatesRequest list;
  list.set_officer_id(officer.id());
  pv1::ListCertificatesResponse listed;
  ASSERT_TRUE(stub_->ListCertificates(Ctx(AdminToken()).get(), list, &listed).ok());
  ASSERT_THAT(listed.certificates(), SizeIs(1));
  EXPECT_TRUE(listed.certificates(0).review_required());
  pv1::GetOfficerRequest oreq;
  oreq.set_id(officer.id());
  pv1::Officer o;
  ASSERT_TRUE(stub_->GetOfficer(Ctx(AdminToken()).get(), oreq, &o).ok());
  EXPECT_TRUE(o.review_required());
}

TEST_F(PersonnelWalkthroughTest, StaffingComplianceRollsUpByTier) {
  pv1::Agency small = CreateAgency("640104");
  for (int i = 0; i < 19; ++i) CreateOfficer(small.id(), IdNumber(100 + i));
  pv1::Agency staffed = CreateAgency("640105001");
  CreateOfficer(staffed.id(), IdNumber(200), {pv1::OFFICER_ROLE_LEGAL_REVIEWER});
  pv1::GetStaffingComplianceRequest req;
  req.set_division_code("640100");
  pv1::StaffingCompliance out;
  ASSERT_TRUE(stub_->GetStaffingCompliance(Ctx(AdminToken()).get(), req, &out).ok());
  EXPECT_EQ(out.total().officer_count(), 20);
  EXPECT_EQ(out.total().legal_reviewer_count(), 1);
  EXPECT_EQ(out.total().required_legal_reviewers(), 1);
  ASSERT_THAT(out.agencies(), SizeIs(2));
  bool saw_city = false;
  bool saw_township = false;
  for (const pv1::DivisionStaffing& d : out.divisions()) {
    if (d.division_code() == "640100") {
      saw_city = true;
      EXPECT_EQ(d.noncompliant_agency_count(), 1);
      EXPECT_EQ(d.compliant_agency_count(), 1);
      EXPECT_FALSE(d.figures().compliant()) << "judged per agency, not pooled";
    }
    if (d.division_code() == "640105001") {
      saw_township = true;
      EXPECT_EQ(d.tier(), lawenforce::common::v1::TIER_TOWNSHIP);
      EXPECT_TRUE(d.figures().compliant());
    }
  }
  EXPECT_TRUE(saw_city);
  EXPECT_TRUE(saw_township);
}

TEST_F(PersonnelWalkthroughTest, ListsPageThroughEveryRecordOnce) {
  pv1::Agency agency = CreateAgency("640104");
  for (int i = 0; i < 7; ++i) CreateOfficer(agency.id(), IdNumber(300 + i));
  std::set<std::string> seen;
  pv1::ListOfficersRequest req;
  req.set_page_size(3);
  int pages = 0;
  do {
    pv1::ListOfficersResponse resp;
    ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), req, &resp).ok());
    for (const pv1::Officer& o : resp.officers()) EXPECT_TRUE(seen.insert(o.id()).second);
    req.set_page_token(resp.next_page_token());
    ++pages;
  } while (!req.page_token().empty() && pages < 10);
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(pages, 3);
}

// The business gauges Prometheus scrapes, labelled by tier and division;
// townships roll up to their county.
TEST_F(PersonnelWalkthroughTest, DomainGaugesCountByDivisionAndState) {
  pv1::Agency county = CreateAgency("640104");
  pv1::Agency township = CreateAgency("640104001");
  pv1::Officer a = CreateOfficer(county.id(), IdNumber(401));
  CreateOfficer(township.id(), IdNumber(402), {pv1::OFFICER_ROLE_LEGAL_REVIEWER});
  pv1::Certificate cert = IssueCertificate(a.id(), "NX-M-1");
  pv1::Certificate out;
  ASSERT_TRUE(Transition("revoke", cert.id(), &out).ok());

  std::map<std::string, double> samples;
  for (const prometheus::MetricFamily& family : CollectBusinessMetrics()) {
    for (const prometheus::ClientMetric& m : family.metric) {
      std::string key = family.name;
      for (const auto& label : m.label) key += "|" + label.name + "=" + label.value;
      samples[key] = m.gauge.value;
    }
  }
  EXPECT_EQ(samples["lawenforce_personnel_officers|division=640104|tier=county"], 2);
  EXPECT_EQ(samples["lawenforce_personnel_legal_reviewers|division=640104|tier=county"], 1);
  EXPECT_DOUBLE_EQ(samples["lawenforce_personnel_legal_reviewer_ratio|division=640104|tier=county"],
                   0.5);
  EXPECT_EQ(samples["lawenforce_personnel_certificates|division=640104|tier=county|state=REVOKED"],
            1);
  EXPECT_EQ(samples["lawenforce_personnel_certificates|division=640104|tier=county|state=ACTIVE"],
            0);
  for (const auto& [key, value] : samples) {
    EXPECT_EQ(key.find("640104001"), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace lawenforce::testing
