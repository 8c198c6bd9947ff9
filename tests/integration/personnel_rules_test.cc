// personnel-service's rules as an outside caller meets them (issue 14):
// eligibility at a moment uses what was recorded as true then, one live
// certificate per officer, kind and domain, training judged only while in
// service and bounded per day, per-agency staffing, reproducible figures of
// a closed year, strict etags and page tokens, caller-scoped idempotency,
// audited denials, and the smaller input rules.

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/test_service.h"
#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

google::protobuf::Timestamp At(int64_t unix_seconds) {
  google::protobuf::Timestamp t;
  t.set_seconds(unix_seconds);
  return t;
}

// 2025-06-01T00:00:00Z, the fixture's start.
constexpr int64_t kStart = 1748736000;
constexpr int64_t kDay = 86400;

class PersonnelRulesTest : public PersonnelFixture {
 protected:
  pv1::EligibilityVerdict Verdict(const std::string& officer_id, const std::string& domain,
                                  std::optional<int64_t> at = std::nullopt) {
    pv1::CheckEnforcementEligibilityRequest req;
    req.add_officer_ids(officer_id);
    req.set_domain(domain);
    if (at.has_value()) *req.mutable_at_time() = At(*at);
    pv1::CheckEnforcementEligibilityResponse resp;
    grpc::Status s = stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.verdicts_size() == 1 ? resp.verdicts(0) : pv1::EligibilityVerdict();
  }

  grpc::Status Issue(const std::string& officer_id, const std::string& number,
                     pv1::CertificateKind kind = pv1::CERTIFICATE_KIND_ENFORCEMENT,
                     const std::string& domain = "market_regulation", int from_year = 2024,
                     pv1::Certificate* out = nullptr) {
    pv1::IssueCertificateRequest req;
    pv1::Certificate* c = req.mutable_certificate();
    c->set_officer_id(officer_id);
    c->set_number(number);
    c->set_kind(kind);
    c->add_domains(domain);
    c->mutable_valid_from()->set_year(from_year);
    c->mutable_valid_from()->set_month(1);
    c->mutable_valid_from()->set_day(1);
    c->mutable_valid_until()->set_year(2028);
    c->mutable_valid_until()->set_month(12);
    c->mutable_valid_until()->set_day(31);
    pv1::Certificate ignored;
    return stub_->IssueCertificate(Ctx(AdminToken()).get(), req, out != nullptr ? out : &ignored);
  }

  grpc::Status Train(const std::string& officer_id, double hours, int year, int month, int day,
                     const std::string& course = "行政处罚法解读", const std::string& token = "") {
    pv1::RecordTrainingRequest req;
    req.mutable_record()->set_officer_id(officer_id);
    req.mutable_record()->set_hours(hours);
    req.mutable_record()->set_category(pv1::TRAINING_CATEGORY_PUBLIC_LEGAL_KNOWLEDGE);
    req.mutable_record()->set_course(course);
    req.mutable_record()->mutable_date()->set_year(year);
    req.mutable_record()->mutable_date()->set_month(month);
    req.mutable_record()->mutable_date()->set_day(day);
    req.mutable_record()->set_provider("自治区司法厅");
    pv1::TrainingRecord out;
    return stub_->RecordTraining(Ctx(token.empty() ? AdminToken() : token).get(), req, &out);
  }

  pv1::Agency TrainingAgency(const std::string& division = "640122") {
    pv1::CreateAgencyRequest areq;
    areq.mutable_agency()->set_name(absl::StrCat("贺兰县综合执法局 ", division, " ", ++agencies_));
    areq.mutable_agency()->set_division_code(division);
    areq.mutable_agency()->add_domains("market_regulation");
    areq.mutable_agency()->set_require_training_for_eligibility(true);
    pv1::Agency agency;
    grpc::Status s = stub_->CreateAgency(Ctx(AdminToken()).get(), areq, &agency);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return agency;
  }

  // Every audit row of the service's database, as "actor|action|resource|detail".
  std::vector<std::string> AuditRows() {
    std::vector<std::string> out;
    EXPECT_TRUE(service_->runtime()
                    .env()
                    .db
                    ->Read([&](store::Transaction& tx) -> absl::Status {
                      absl::StatusOr<std::vector<store::Row>> rows = tx.Query(
                          "SELECT actor, action, resource_id, detail, event_time FROM audit_log "
                          "ORDER BY event_time");
                      if (!rows.ok()) return rows.status();
                      for (const store::Row& r : *rows) {
                        out.push_back(absl::StrCat(r.Text(0), "|", r.Text(1), "|", r.Text(2), "|",
                                                   r.Text(3), "|", r.Text(4)));
                      }
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  int agencies_ = 0;
};

// --------------------------------------------------------- eligibility at T

TEST_F(PersonnelRulesTest, ACertificateIssuedTodayGrantsNothingBeforeItsIssue) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(101));
  // valid_from 2024-01-01, issued 2025-06-01.
  ASSERT_TRUE(Issue(officer.id(), "NX-T-101").ok());
  EXPECT_EQ(Verdict(officer.id(), "market_regulation", kStart - 30 * kDay).reason(),
            pv1::ELIGIBILITY_REASON_NO_CERTIFICATE);
  EXPECT_TRUE(Verdict(officer.id(), "market_regulation", kStart + 60).eligible());
}

TEST_F(PersonnelRulesTest, ARevocationEffectiveInThePastMakesLaterActsIneligible) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(102));
  pv1::Certificate cert;
  ASSERT_TRUE(Issue(officer.id(), "NX-T-102", pv1::CERTIFICATE_KIND_ENFORCEMENT,
                    "market_regulation", 2024, &cert)
                  .ok());
  clock_.Advance(absl::Hours(24 * 20));  // 2025-06-21
  pv1::TransitionCertificateRequest req;
  req.set_id(cert.id());
  req.set_reason("违法行使职权，自6月11日起收回");
  *req.mutable_effective_time() = At(kStart + 10 * kDay);
  pv1::Certificate revoked;
  grpc::Status s = stub_->RevokeCertificate(Ctx(AdminToken()).get(), req, &revoked);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(Verdict(officer.id(), "market_regulation", kStart + 5 * kDay).eligible());
  EXPECT_EQ(Verdict(officer.id(), "market_regulation", kStart + 15 * kDay).reason(),
            pv1::ELIGIBILITY_REASON_REVOKED);
  pv1::GetCertificateHistoryRequest hreq;
  hreq.set_id(cert.id());
  pv1::GetCertificateHistoryResponse history;
  ASSERT_TRUE(stub_->GetCertificateHistory(Ctx(AdminToken()).get(), hreq, &history).ok());
  ASSERT_EQ(history.events_size(), 2);
  EXPECT_EQ(history.events(1).time().seconds(), kStart + 10 * kDay);
  EXPECT_EQ(history.events(1).record_time().seconds(), kStart + 20 * kDay);
}

TEST_F(PersonnelRulesTest, EffectiveTimesInTheFutureOrBeforeTheIssueAreRefused) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(103));
  pv1::Certificate cert;
  ASSERT_TRUE(Issue(officer.id(), "NX-T-103", pv1::CERTIFICATE_KIND_ENFORCEMENT,
                    "market_regulation", 2024, &cert)
                  .ok());
  pv1::TransitionCertificateRequest req;
  req.set_id(cert.id());
  req.set_reason("暂扣");
  pv1::Certificate out;
  *req.mutable_effective_time() = At(kStart + kDay);
  grpc::Status future = stub_->SuspendCertificate(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(future.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(future.error_message(), HasSubstr("effective_time"));
  *req.mutable_effective_time() = At(kStart - kDay);
  grpc::Status before = stub_->SuspendCertificate(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(before.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(before.error_message(), HasSubstr("effective_time"));
}

// ------------------------------------------------ one live certificate per domain

TEST_F(PersonnelRulesTest, ASecondLiveEnforcementCertificateForTheSameDomainIsRefused) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(104));
  ASSERT_TRUE(Issue(officer.id(), "NX-T-104A").ok());
  grpc::Status second = Issue(officer.id(), "NX-T-104B");
  EXPECT_EQ(second.error_code(), grpc::StatusCode::ALREADY_EXISTS) << second.error_message();
  EXPECT_THAT(second.error_message(), HasSubstr("certificate.domains[0]"));
}

TEST_F(PersonnelRulesTest, CertificateNumbersAreCaseInsensitive) {
  pv1::Agency agency = CreateAgency("640104", {"market_regulation", "food_safety"});
  pv1::Officer a = CreateOfficer(agency.id(), IdNumber(105));
  pv1::Officer b = CreateOfficer(agency.id(), IdNumber(106));
  pv1::Certificate first;
  ASSERT_TRUE(Issue(a.id(), "nx-t-105", pv1::CERTIFICATE_KIND_ENFORCEMENT, "market_regulation",
                    2024, &first)
                  .ok());
  EXPECT_EQ(first.number(), "NX-T-105");
  EXPECT_EQ(Issue(b.id(), "NX-T-105").error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(PersonnelRulesTest, ASupervisionCertificateNeedsTheSupervisorRole) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer plain = CreateOfficer(agency.id(), IdNumber(107));
  pv1::Officer supervisor =
      CreateOfficer(agency.id(), IdNumber(108), {pv1::OFFICER_ROLE_SUPERVISOR});
  grpc::Status refused = Issue(plain.id(), "NX-JD-107", pv1::CERTIFICATE_KIND_SUPERVISION);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_TRUE(Issue(supervisor.id(), "NX-JD-108", pv1::CERTIFICATE_KIND_SUPERVISION).ok());
}

// ------------------------------------------------------------------ training

TEST_F(PersonnelRulesTest, AnOfficerRegisteredThisYearIsNotBlockedByLastYearsHours) {
  pv1::Agency agency = TrainingAgency();
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(109));
  ASSERT_TRUE(Issue(officer.id(), "NX-T-109").ok());
  EXPECT_TRUE(Verdict(officer.id(), "market_regulation").eligible());
}

TEST_F(PersonnelRulesTest, TrainingHoursAreBoundedPerDayAndIdenticalRecordsRefused) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(110));
  ASSERT_TRUE(Train(officer.id(), 6, 2025, 5, 12, "行政处罚法").ok());
  grpc::Status identical = Train(officer.id(), 6, 2025, 5, 12, "行政处罚法");
  EXPECT_EQ(identical.error_code(), grpc::StatusCode::ALREADY_EXISTS) << identical.error_message();
  grpc::Status over = Train(officer.id(), 3, 2025, 5, 12, "执法技能");
  EXPECT_EQ(over.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << over.error_message();
  EXPECT_THAT(over.error_message(), HasSubstr("record.hours"));
  EXPECT_TRUE(Train(officer.id(), 2, 2025, 5, 12, "执法技能").ok());
}

TEST_F(PersonnelRulesTest, FiguresOfAClosedYearDoNotChangeWhenOfficersAreAddedLater) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::GetTrainingSummaryRequest req;
  req.set_agency_id(agency.id());
  req.set_year(2024);
  pv1::TrainingSummary before;
  ASSERT_TRUE(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), req, &before).ok());
  CreateOfficer(agency.id(), IdNumber(111));
  pv1::TrainingSummary after;
  ASSERT_TRUE(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), req, &after).ok());
  EXPECT_EQ(after.officer_count(), before.officer_count());
  EXPECT_EQ(after.compliance_ratio(), before.compliance_ratio());
}

// ------------------------------------------------------------------ staffing

TEST_F(PersonnelRulesTest, StaffingJudgesEachAgencyAndCountsThemAtEveryTier) {
  // Two agencies in township 640104001: one with 20 officers and no
  // reviewer, one with 20 officers and 2 reviewers. Pooled: 2 of 40 = 5%.
  pv1::Agency short_of = CreateAgency("640104001");
  pv1::Agency staffed = CreateAgency("640104001");
  int serial = 200;
  for (int i = 0; i < 20; ++i) CreateOfficer(short_of.id(), IdNumber(serial++));
  for (int i = 0; i < 18; ++i) CreateOfficer(staffed.id(), IdNumber(serial++));
  for (int i = 0; i < 2; ++i) {
    CreateOfficer(staffed.id(), IdNumber(serial++), {pv1::OFFICER_ROLE_LEGAL_REVIEWER});
  }
  pv1::GetStaffingComplianceRequest req;
  req.set_division_code("640100");
  pv1::StaffingCompliance resp;
  ASSERT_TRUE(stub_->GetStaffingCompliance(Ctx(AdminToken()).get(), req, &resp).ok());
  EXPECT_FALSE(resp.total().compliant());
  std::set<std::string> rows;
  for (const pv1::DivisionStaffing& d : resp.divisions()) {
    rows.insert(d.division_code());
    EXPECT_FALSE(d.figures().compliant()) << d.division_code();
    EXPECT_EQ(d.compliant_agency_count(), 1) << d.division_code();
    EXPECT_EQ(d.noncompliant_agency_count(), 1) << d.division_code();
    EXPECT_EQ(d.legal_reviewer_shortfall(), 1) << d.division_code();
  }
  EXPECT_EQ(rows, (std::set<std::string>{"640100", "640104", "640104001"}));
}

// -------------------------------------------------------- etags, tokens, keys

TEST_F(PersonnelRulesTest, EtagsAreComparedExactlyAsIssued) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(112));
  for (const char* etag : {"\"01\"", "\"+1\"", "\" 1\"", "\"1 \""}) {
    pv1::UpdateOfficerRequest req;
    req.mutable_officer()->set_id(officer.id());
    req.mutable_officer()->set_etag(etag);
    req.mutable_officer()->set_name("王六");
    req.mutable_update_mask()->add_paths("name");
    pv1::Officer out;
    grpc::Status s = stub_->UpdateOfficer(Ctx(AdminToken()).get(), req, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << etag;
  }
}

TEST_F(PersonnelRulesTest, ATamperedPageTokenIsRefused) {
  pv1::Agency agency = CreateAgency("640104");
  for (int i = 0; i < 3; ++i) CreateOfficer(agency.id(), IdNumber(120 + i));
  pv1::ListOfficersRequest req;
  req.set_division_code("640104");
  req.set_page_size(1);
  pv1::ListOfficersResponse page;
  ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), req, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(page.next_page_token(), &raw));
  // Point the token at the start of the id space, keeping its layout.
  raw.back() = raw.back() == '0' ? '1' : '0';
  req.set_page_token(absl::WebSafeBase64Escape(raw));
  pv1::ListOfficersResponse tampered;
  grpc::Status s = stub_->ListOfficers(Ctx(AdminToken()).get(), req, &tampered);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("page_token"));
}

TEST_F(PersonnelRulesTest, TokensLivingLongerThanTheCapAreRefused) {
  const std::string long_lived =
      Token({auth::Role::kSupervisor}, "640000", "", absl::Hours(24 * 30));
  pv1::ListAgenciesRequest req;
  pv1::ListAgenciesResponse resp;
  EXPECT_EQ(stub_->ListAgencies(Ctx(long_lived).get(), req, &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const std::string day = Token({auth::Role::kSupervisor}, "640000", "", absl::Hours(24));
  EXPECT_TRUE(stub_->ListAgencies(Ctx(day).get(), req, &resp).ok());
}

// The cap is the kit's --jwt-max-lifetime: a deployment whose identity
// provider issues week-long tokens raises it.
class LongerTokenCapTest : public PersonnelFixture {
 protected:
  std::vector<std::string> ExtraFlags() override {
    std::vector<std::string> flags = PersonnelFixture::ExtraFlags();
    flags.push_back("--jwt-max-lifetime=168h");
    return flags;
  }
};

TEST_F(LongerTokenCapTest, TheCapIsConfigured) {
  pv1::ListAgenciesRequest req;
  pv1::ListAgenciesResponse resp;
  const std::string week = Token({auth::Role::kSupervisor}, "640000", "", absl::Hours(24 * 7));
  EXPECT_TRUE(stub_->ListAgencies(Ctx(week).get(), req, &resp).ok());
  const std::string month = Token({auth::Role::kSupervisor}, "640000", "", absl::Hours(24 * 30));
  EXPECT_EQ(stub_->ListAgencies(Ctx(month).get(), req, &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(PersonnelRulesTest, ThePersonSubjectSystemIsReserved) {
  const std::string token =
      MintTestToken(clock_, {auth::Role::kSupervisor}, "640000", "", absl::Hours(1), "system");
  pv1::ListAgenciesRequest req;
  pv1::ListAgenciesResponse resp;
  grpc::Status s = stub_->ListAgencies(Ctx(token).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(s.error_message(), HasSubstr("reserved"));
}

TEST_F(PersonnelRulesTest, IdempotencyKeysBelongToTheirCaller) {
  const std::string zhang =
      MintTestToken(clock_, {auth::Role::kSupervisor}, "640000", "", absl::Hours(1), "ops-zhang");
  const std::string li =
      MintTestToken(clock_, {auth::Role::kSupervisor}, "640000", "", absl::Hours(1), "ops-li");
  pv1::CreateAgencyRequest req;
  req.set_request_id("shared-key-1");
  req.mutable_agency()->set_name("兴庆区市场监督管理局");
  req.mutable_agency()->set_division_code("640104");
  req.mutable_agency()->add_domains("market_regulation");
  pv1::Agency first;
  ASSERT_TRUE(stub_->CreateAgency(Ctx(zhang).get(), req, &first).ok());
  req.mutable_agency()->set_name("金凤区市场监督管理局");
  req.mutable_agency()->set_division_code("640106");
  pv1::Agency second;
  grpc::Status s = stub_->CreateAgency(Ctx(li).get(), req, &second);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_NE(first.id(), second.id());
}

// ------------------------------------------------------------- input rules

TEST_F(PersonnelRulesTest, DuplicateAgenciesAndUnknownDomainsAreRefused) {
  pv1::CreateAgencyRequest req;
  req.mutable_agency()->set_name("兴庆区市场监督管理局");
  req.mutable_agency()->set_division_code("640104");
  req.mutable_agency()->add_domains("market_regulation");
  pv1::Agency out;
  ASSERT_TRUE(stub_->CreateAgency(Ctx(AdminToken()).get(), req, &out).ok());
  EXPECT_EQ(stub_->CreateAgency(Ctx(AdminToken()).get(), req, &out).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  req.mutable_agency()->set_name("兴庆区卫生健康局");
  req.mutable_agency()->set_domains(0, "market_regulaton");
  grpc::Status misspelt = stub_->CreateAgency(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(misspelt.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(misspelt.error_message(), HasSubstr("agency.domains[0]"));
}

TEST_F(PersonnelRulesTest, ImplausibleBirthDatesAreRefused) {
  pv1::Agency agency = CreateAgency("640104");
  auto with_birth = [](const std::string& yyyymmdd) {
    std::string body = absl::StrCat("640104", yyyymmdd, "123");
    static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
    return body + "10X98765432"[sum % 11];
  };
  for (const char* birth : {"20300101", "20240101"}) {
    pv1::CreateOfficerRequest req;
    req.mutable_officer()->set_agency_id(agency.id());
    req.mutable_officer()->set_name("赵七");
    req.mutable_officer()->set_id_number(with_birth(birth));
    req.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
    pv1::Officer out;
    grpc::Status s = stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << birth;
    EXPECT_THAT(s.error_message(), HasSubstr("officer.id_number: birth date")) << birth;
  }
}

// ------------------------------------------------------------------ audit

TEST_F(PersonnelRulesTest, EveryDenialIsAudited) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(113));
  const std::string other_county =
      MintTestToken(clock_, {auth::Role::kSupervisor}, "640106", "", absl::Hours(1), "ops-jinfeng");
  pv1::GetOfficerRequest req;
  req.set_id(officer.id());
  pv1::Officer out;
  grpc::Status denied = stub_->GetOfficer(Ctx(other_county).get(), req, &out);
  ASSERT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  const std::string auditor =
      MintTestToken(clock_, {auth::Role::kAuditor}, "640000", "", absl::Hours(1), "auditor-ma");
  pv1::TransitionCertificateRequest treq;
  treq.set_id("00000000-0000-4000-8000-000000000001");
  treq.set_reason("试探");
  pv1::Certificate cout;
  ASSERT_EQ(stub_->RevokeCertificate(Ctx(auditor).get(), treq, &cout).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  std::vector<std::string> rows = AuditRows();
  EXPECT_THAT(rows, ::testing::Contains(
                        HasSubstr(absl::StrCat("ops-jinfeng|denied.GetOfficer|", officer.id()))));
  EXPECT_THAT(rows,
              ::testing::Contains(HasSubstr(
                  "auditor-ma|denied.RevokeCertificate|00000000-0000-4000-8000-000000000001")));
}

// ADR 0008: a batch check judges each officer. One the caller may not
// read gets NOT_VISIBLE, the same for an officer of another county and for
// an id that names no one; the others get their own verdicts; each hidden
// officer is an audited denial shown in the log of the officer's county.
TEST_F(PersonnelRulesTest, EligibilityJudgesEachOfficerAndHidesThoseOutOfScope) {
  pv1::Agency xingqing = CreateAgency("640104");
  pv1::Agency jinfeng = CreateAgency("640106");
  pv1::Officer own = CreateOfficer(xingqing.id(), IdNumber(117));
  pv1::Officer other = CreateOfficer(jinfeng.id(), IdNumber(118));
  IssueCertificate(own.id(), "PV-1");
  IssueCertificate(other.id(), "PV-2");
  const std::string missing = "00000000-0000-4000-8000-0000000000aa";
  pv1::CheckEnforcementEligibilityRequest req;
  for (const std::string& id : {own.id(), other.id(), missing}) req.add_officer_ids(id);
  req.set_domain("market_regulation");
  const std::string county =
      MintTestToken(clock_, {auth::Role::kOfficer}, "640104", "", absl::Hours(1), "desk-xq");
  pv1::CheckEnforcementEligibilityResponse resp;
  grpc::Status s = stub_->CheckEnforcementEligibility(Ctx(county).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(resp.verdicts_size(), 3);
  EXPECT_TRUE(resp.verdicts(0).eligible());
  EXPECT_EQ(resp.verdicts(0).reason(), pv1::ELIGIBILITY_REASON_ELIGIBLE);
  for (int i : {1, 2}) {
    const pv1::EligibilityVerdict& v = resp.verdicts(i);
    EXPECT_EQ(v.officer_id(), req.officer_ids(i));
    EXPECT_FALSE(v.eligible());
    EXPECT_EQ(v.reason(), pv1::ELIGIBILITY_REASON_NOT_VISIBLE);
    EXPECT_TRUE(v.certificate_id().empty());
    EXPECT_TRUE(v.agency_id().empty());
    EXPECT_EQ(v.detail(), resp.verdicts(1).detail());
  }
  EXPECT_THAT(resp.verdicts(1).detail(), HasSubstr("may not"));
  // The region sees the missing officer as missing, the other as it is.
  ASSERT_TRUE(stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &resp).ok());
  EXPECT_EQ(resp.verdicts(1).reason(), pv1::ELIGIBILITY_REASON_ELIGIBLE);
  EXPECT_EQ(resp.verdicts(2).reason(), pv1::ELIGIBILITY_REASON_OFFICER_NOT_FOUND);
  // Both hidden officers were audited; the existing one in Jinfeng's log.
  std::vector<std::string> rows = AuditRows();
  EXPECT_THAT(rows, ::testing::Contains(HasSubstr(
                        absl::StrCat("desk-xq|denied.CheckEnforcementEligibility|", other.id()))));
  EXPECT_THAT(rows, ::testing::Contains(HasSubstr(
                        absl::StrCat("desk-xq|denied.CheckEnforcementEligibility|", missing))));
  const std::string jinfeng_auditor =
      MintTestToken(clock_, {auth::Role::kAuditor}, "640106", "", absl::Hours(1), "auditor-jf");
  pv1::ListAuditEntriesRequest lreq;
  lreq.set_actor("desk-xq");
  pv1::ListAuditEntriesResponse lresp;
  ASSERT_TRUE(stub_->ListAuditEntries(Ctx(jinfeng_auditor).get(), lreq, &lresp).ok());
  ASSERT_EQ(lresp.entries_size(), 1);
  EXPECT_EQ(lresp.entries(0).resource_id(), other.id());
  EXPECT_EQ(lresp.entries(0).outcome(), pv1::AUDIT_OUTCOME_DENIED);
}

TEST_F(PersonnelRulesTest, UpdateAuditRowsSayWhatChanged) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(114));
  pv1::UpdateOfficerRequest req;
  req.mutable_officer()->set_id(officer.id());
  req.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
  req.mutable_officer()->add_roles(pv1::OFFICER_ROLE_LEGAL_REVIEWER);
  req.mutable_update_mask()->add_paths("roles");
  pv1::Officer out;
  ASSERT_TRUE(stub_->UpdateOfficer(Ctx(AdminToken()).get(), req, &out).ok());
  EXPECT_THAT(AuditRows(),
              ::testing::Contains(HasSubstr("officer.update|" + officer.id() +
                                            "|roles: OFFICER -> OFFICER,LEGAL_REVIEWER")));
}

// ------------------------------------------------------ cancelled calls

// A call whose client gives up (or whose deadline passes) while its request
// is still arriving: headers sent, the message never.
grpc::StatusCode CutShort(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
                          bool cancel) {
  grpc::GenericStub generic(channel);
  grpc::CompletionQueue cq;
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + token);
  ctx.set_deadline(
      absl::ToChronoTime(absl::Now() + (cancel ? absl::Seconds(10) : absl::Milliseconds(300))));
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      generic.PrepareCall(&ctx, "/lawenforce.personnel.v1.PersonnelService/ListAgencies", &cq);
  void* tag = nullptr;
  bool ok = false;
  call->StartCall(reinterpret_cast<void*>(1));
  cq.Next(&tag, &ok);
  if (cancel) {
    absl::SleepFor(absl::Milliseconds(200));  // let the headers reach the server
    ctx.TryCancel();
  }
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(2));
  while (cq.Next(&tag, &ok)) {
    if (tag == reinterpret_cast<void*>(2)) break;
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  return status.error_code();
}

TEST_F(PersonnelRulesTest, CallsCutShortWhileTheRequestArrivesAreNotClientErrors) {
  const std::string token = AdminToken();
  CutShort(channel_, token, /*cancel=*/true);
  CutShort(channel_, token, /*cancel=*/false);
  CutShort(channel_, "not-a-token", /*cancel=*/true);
  prometheus::Registry& registry = *service_->runtime().registry();
  auto handled = [&](const std::string& code) {
    return grpc_edge::testing::CounterValue(
        registry, "grpc_server_handled_total",
        {{"grpc_service", "lawenforce.personnel.v1.PersonnelService"},
         {"grpc_method", "ListAgencies"},
         {"grpc_type", "unary"},
         {"grpc_code", code}});
  };
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (handled("Canceled") + handled("DeadlineExceeded") + handled("InvalidArgument") < 3 &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(handled("InvalidArgument"), 0);
  // The two cancelled calls are Canceled. The call whose deadline passed is
  // DeadlineExceeded when the server's own timer fires first, Canceled when
  // the client's RST_STREAM (sent at the same deadline) arrives first: under
  // load either wins, and neither is a client error.
  EXPECT_GE(handled("Canceled"), 2);
  EXPECT_EQ(handled("Canceled") + handled("DeadlineExceeded"), 3);
}

}  // namespace
}  // namespace lawenforce::testing
