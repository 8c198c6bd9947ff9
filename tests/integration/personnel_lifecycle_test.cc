// Officer lifecycles (issue 22) on the real store (SQLite; PostgreSQL as
// ..._postgres): a transfer keeps one record and one history and cancels
// the certificates of the agency left; leaving a post or retiring takes
// the officer out of every figure and out of eligibility from that moment;
// a closed year's figures do not move; bad input names its field; the
// caller must reach both agencies.

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

class LifecycleTest : public PersonnelFixture {
 protected:
  grpc::Status Transfer(const std::string& officer, const std::string& agency, pv1::Officer* out,
                        std::optional<absl::Time> at = std::nullopt,
                        const std::string& token = "") {
    pv1::TransferOfficerRequest req;
    req.set_officer_id(officer);
    req.set_agency_id(agency);
    req.set_note("组织调动");
    if (at.has_value()) req.mutable_effective_time()->set_seconds(absl::ToUnixSeconds(*at));
    return stub_->TransferOfficer(Ctx(token.empty() ? AdminToken() : token).get(), req, out);
  }
  grpc::Status End(const std::string& officer, pv1::ServiceEndReason reason, pv1::Officer* out,
                   std::optional<absl::Time> at = std::nullopt, const std::string& etag = "") {
    pv1::EndOfficerServiceRequest req;
    req.set_officer_id(officer);
    req.set_reason(reason);
    req.set_etag(etag);
    if (at.has_value()) req.mutable_effective_time()->set_seconds(absl::ToUnixSeconds(*at));
    return stub_->EndOfficerService(Ctx(AdminToken()).get(), req, out);
  }
  int Headcount(const std::string& agency, int year = 0) {
    pv1::GetStaffingComplianceRequest req;
    req.set_agency_id(agency);
    req.set_year(year);
    pv1::StaffingCompliance out;
    grpc::Status s = stub_->GetStaffingCompliance(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.total().officer_count();
  }
  pv1::Certificate Certificate(const std::string& id) {
    pv1::GetCertificateRequest req;
    req.set_id(id);
    pv1::Certificate out;
    EXPECT_TRUE(stub_->GetCertificate(Ctx(AdminToken()).get(), req, &out).ok());
    return out;
  }
  std::vector<pv1::ServicePeriod> Periods(const std::string& officer) {
    pv1::ListOfficerServicePeriodsRequest req;
    req.set_officer_id(officer);
    pv1::ListOfficerServicePeriodsResponse out;
    grpc::Status s = stub_->ListOfficerServicePeriods(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {out.periods().begin(), out.periods().end()};
  }
  static absl::Time TimeOf(const google::protobuf::Timestamp& t) {
    return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
  }
};

TEST_F(LifecycleTest, ATransferKeepsOneRecordAndCancelsTheCertificatesOfTheAgencyLeft) {
  const pv1::Agency from = CreateAgency("640104");
  const pv1::Agency to = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(from.id(), IdNumber(701));
  const pv1::Certificate cert = IssueCertificate(officer.id(), "LC-701");
  clock_.Advance(absl::Hours(24 * 10));
  const absl::Time moved = clock_.Now() - absl::Hours(2);

  pv1::Officer out;
  grpc::Status s = Transfer(officer.id(), to.id(), &out, moved);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.id(), officer.id());
  EXPECT_EQ(out.agency_id(), to.id());
  EXPECT_TRUE(out.in_service());
  EXPECT_EQ(TimeOf(out.service_start_time()), moved);
  EXPECT_NE(out.etag(), officer.etag());

  // The certificate of the agency left is cancelled as of the transfer.
  const pv1::Certificate after = Certificate(cert.id());
  EXPECT_EQ(after.state(), pv1::CERTIFICATE_STATE_CANCELLED);
  EXPECT_THAT(after.state_reason(), HasSubstr(absl::StrCat("transferred to agency ", to.id())));
  EXPECT_EQ(VerdictAt(officer.id(), moved - absl::Minutes(1)).reason(),
            pv1::ELIGIBILITY_REASON_ELIGIBLE);
  // After it, a certificate of the agency left covers nothing.
  const pv1::EligibilityVerdict before_move = VerdictAt(officer.id(), moved - absl::Minutes(1));
  EXPECT_EQ(before_move.agency_id(), from.id());
  const pv1::EligibilityVerdict after_move = VerdictAt(officer.id(), moved + absl::Minutes(1));
  EXPECT_EQ(after_move.reason(), pv1::ELIGIBILITY_REASON_NO_CERTIFICATE);
  EXPECT_EQ(after_move.agency_id(), to.id());

  const std::vector<pv1::ServicePeriod> periods = Periods(officer.id());
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].agency_id(), from.id());
  EXPECT_EQ(periods[0].end_reason(), pv1::SERVICE_END_REASON_TRANSFERRED);
  EXPECT_EQ(TimeOf(periods[0].end_time()), moved);
  EXPECT_EQ(periods[0].end_note(), "组织调动");
  EXPECT_EQ(periods[1].agency_id(), to.id());
  EXPECT_FALSE(periods[1].has_end_time());

  // Counted where the officer serves now.
  EXPECT_EQ(Headcount(from.id()), 0);
  EXPECT_EQ(Headcount(to.id()), 1);
  pv1::ListOfficersRequest lreq;
  lreq.set_agency_id(to.id());
  pv1::ListOfficersResponse list;
  ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), lreq, &list).ok());
  ASSERT_EQ(list.officers_size(), 1);
  EXPECT_EQ(list.officers(0).id(), officer.id());

  // A new certificate from the new agency makes the officer eligible again.
  IssueCertificate(officer.id(), "LC-701-B");
  EXPECT_EQ(VerdictAt(officer.id(), clock_.Now()).reason(), pv1::ELIGIBILITY_REASON_ELIGIBLE);
}

TEST_F(LifecycleTest, ARetiredOfficerCountsInNoFigureAndMayNotEnforce) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Agency other = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(702));
  const pv1::Officer stays = CreateOfficer(agency.id(), IdNumber(703));
  IssueCertificate(officer.id(), "LC-702");
  clock_.Advance(absl::Hours(24 * 30));
  const absl::Time retired = clock_.Now() - absl::Hours(24);
  const absl::Time act = retired + absl::Hours(1);
  EXPECT_EQ(Headcount(agency.id()), 2);

  pv1::Officer out;
  grpc::Status s = End(officer.id(), pv1::SERVICE_END_REASON_RETIRED, &out, retired);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(out.in_service());
  EXPECT_EQ(out.service_end_reason(), pv1::SERVICE_END_REASON_RETIRED);
  EXPECT_EQ(TimeOf(out.service_end_time()), retired);
  EXPECT_EQ(Headcount(agency.id()), 1);

  // An act after retirement is not covered, whatever the certificate said.
  const pv1::EligibilityVerdict verdict = VerdictAt(officer.id(), act);
  EXPECT_FALSE(verdict.eligible());
  EXPECT_EQ(verdict.reason(), pv1::ELIGIBILITY_REASON_NOT_IN_SERVICE);
  EXPECT_THAT(verdict.detail(), HasSubstr("RETIRED"));
  EXPECT_TRUE(VerdictAt(officer.id(), retired - absl::Hours(1)).eligible());

  // Listed as having left; not on the worklist of those lacking a
  // certificate.
  pv1::ListOfficersRequest left;
  left.set_division_code("640104");
  left.set_in_service(false);
  pv1::ListOfficersResponse list;
  ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), left, &list).ok());
  ASSERT_EQ(list.officers_size(), 1);
  EXPECT_EQ(list.officers(0).id(), officer.id());
  pv1::ListOfficersRequest uncertified;
  uncertified.set_division_code("640104");
  uncertified.set_without_valid_certificate(true);
  ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), uncertified, &list).ok());
  ASSERT_EQ(list.officers_size(), 1);
  EXPECT_EQ(list.officers(0).id(), stays.id());

  // The training requirement of the year is pro rata to the days served:
  // 2025-06-01 .. 2025-06-30, 30 of 365 days.
  pv1::GetTrainingSummaryRequest treq;
  treq.set_officer_id(officer.id());
  treq.set_year(2025);
  pv1::TrainingSummary summary;
  ASSERT_TRUE(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), treq, &summary).ok());
  ASSERT_EQ(summary.officers_size(), 1);
  EXPECT_DOUBLE_EQ(summary.officers(0).required_hours(), ((3600 * 30 + 364) / 365) / 60.0);

  // No training after the day of leaving, no new certificate.
  pv1::RecordTrainingRequest train;
  train.mutable_record()->set_officer_id(officer.id());
  train.mutable_record()->set_hours(2);
  train.mutable_record()->set_category(pv1::TRAINING_CATEGORY_BUSINESS_KNOWLEDGE);
  train.mutable_record()->set_course("c");
  train.mutable_record()->set_provider("p");
  const absl::CivilDay today = absl::ToCivilDay(clock_.Now(), absl::FixedTimeZone(8 * 3600));
  train.mutable_record()->mutable_date()->set_year(static_cast<int>(today.year()));
  train.mutable_record()->mutable_date()->set_month(today.month());
  train.mutable_record()->mutable_date()->set_day(today.day());
  pv1::TrainingRecord recorded;
  s = stub_->RecordTraining(Ctx(AdminToken()).get(), train, &recorded);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("record.date: after the officer left service"));
  const absl::CivilDay left_on = today - 1;  // the day of leaving
  train.mutable_record()->mutable_date()->set_month(left_on.month());
  train.mutable_record()->mutable_date()->set_day(left_on.day());
  s = stub_->RecordTraining(Ctx(AdminToken()).get(), train, &recorded);
  EXPECT_TRUE(s.ok()) << s.error_message();
  pv1::IssueCertificateRequest issue;
  issue.mutable_certificate()->set_officer_id(officer.id());
  issue.mutable_certificate()->set_number("LC-702-B");
  issue.mutable_certificate()->set_kind(pv1::CERTIFICATE_KIND_ENFORCEMENT);
  issue.mutable_certificate()->add_domains("market_regulation");
  issue.mutable_certificate()->mutable_valid_from()->set_year(2025);
  issue.mutable_certificate()->mutable_valid_from()->set_month(1);
  issue.mutable_certificate()->mutable_valid_from()->set_day(1);
  issue.mutable_certificate()->mutable_valid_until()->set_year(2027);
  issue.mutable_certificate()->mutable_valid_until()->set_month(1);
  issue.mutable_certificate()->mutable_valid_until()->set_day(1);
  pv1::Certificate issued;
  s = stub_->IssueCertificate(Ctx(AdminToken()).get(), issue, &issued);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("certificate.officer_id: the officer left service"));

  // Leaving twice is refused; a transfer brings the officer back.
  EXPECT_EQ(End(officer.id(), pv1::SERVICE_END_REASON_LEFT_POST, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  s = Transfer(officer.id(), other.id(), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(out.in_service());
  EXPECT_EQ(out.agency_id(), other.id());
  const std::vector<pv1::ServicePeriod> periods = Periods(officer.id());
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].end_reason(), pv1::SERVICE_END_REASON_RETIRED);
  EXPECT_EQ(TimeOf(periods[1].start_time()), clock_.Now());
  // Between leaving and coming back the officer was out of service.
  EXPECT_EQ(VerdictAt(officer.id(), act).reason(), pv1::ELIGIBILITY_REASON_NOT_IN_SERVICE);
}

TEST_F(LifecycleTest, BadInputNamesItsField) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(704));
  clock_.Advance(absl::Hours(24));
  pv1::Officer out;
  grpc::Status s =
      End(officer.id(), pv1::SERVICE_END_REASON_RETIRED, &out, clock_.Now() + absl::Hours(1));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("effective_time"));
  s = End(officer.id(), pv1::SERVICE_END_REASON_RETIRED, &out, clock_.Now() - absl::Hours(48));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("effective_time: must be after"));
  s = End(officer.id(), pv1::SERVICE_END_REASON_UNSPECIFIED, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("reason"));
  s = End(officer.id(), pv1::SERVICE_END_REASON_TRANSFERRED, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("reason"));
  s = End(officer.id(), pv1::SERVICE_END_REASON_RETIRED, &out, std::nullopt, "\"99\"");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_THAT(s.error_message(), HasSubstr("etag"));
  s = Transfer(officer.id(), agency.id(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("agency_id"));
  s = Transfer(officer.id(), "not-an-id", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("agency_id"));
  s = Transfer("not-an-id", agency.id(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("officer_id"));
  pv1::EndOfficerServiceRequest long_note;
  long_note.set_officer_id(officer.id());
  long_note.set_reason(pv1::SERVICE_END_REASON_RETIRED);
  long_note.set_note(std::string(501, 'x'));
  s = stub_->EndOfficerService(Ctx(AdminToken()).get(), long_note, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("note"));
  pv1::ListOfficerServicePeriodsRequest periods;
  periods.set_officer_id("not-an-id");
  pv1::ListOfficerServicePeriodsResponse listed;
  s = stub_->ListOfficerServicePeriods(Ctx(AdminToken()).get(), periods, &listed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("officer_id"));
  // Nothing was changed by any of them.
  EXPECT_EQ(Periods(officer.id()).size(), 1u);
}

TEST_F(LifecycleTest, TheCallerMustReachBothAgencies) {
  const pv1::Agency xingqing = CreateAgency("640104");
  const pv1::Agency jinfeng = CreateAgency("640106");
  const pv1::Agency other_county = CreateAgency("640302");
  const pv1::Officer officer = CreateOfficer(xingqing.id(), IdNumber(705));
  clock_.Advance(absl::Hours(1));
  pv1::Officer out;
  // A county supervisor cannot send an officer out of its county.
  const std::string county = Token({auth::Role::kSupervisor}, "640104");
  EXPECT_EQ(Transfer(officer.id(), jinfeng.id(), &out, std::nullopt, county).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // An administrator bound to the agency cannot move its officers away.
  const std::string admin = Token({auth::Role::kAgencyAdmin}, "640104", xingqing.id());
  EXPECT_EQ(Transfer(officer.id(), jinfeng.id(), &out, std::nullopt, admin).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The city above both can; the other county's agency stays beyond it.
  const std::string city = Token({auth::Role::kSupervisor}, "640100");
  EXPECT_EQ(Transfer(officer.id(), other_county.id(), &out, std::nullopt, city).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status s = Transfer(officer.id(), jinfeng.id(), &out, std::nullopt, city);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.division_code(), "640106");
  // Now beyond the county that registered the officer.
  pv1::GetOfficerRequest get;
  get.set_id(officer.id());
  pv1::Officer read;
  EXPECT_EQ(stub_->GetOfficer(Ctx(county).get(), get, &read).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(LifecycleTest, AClosedYearsFiguresDoNotMove) {
  const pv1::Agency from = CreateAgency("640104");
  const pv1::Agency to = CreateAgency("640106");
  const pv1::Officer officer = CreateOfficer(from.id(), IdNumber(706));
  // 2026-01-20: 2025 closed on 2026-01-16.
  clock_.Advance(absl::FromUnixSeconds(1768838400) - clock_.Now());
  pv1::Officer out;
  grpc::Status s = End(officer.id(), pv1::SERVICE_END_REASON_RETIRED, &out,
                       absl::FromUnixSeconds(1767110400));  // 2025-12-31
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("2025, which is closed"));
  s = Transfer(officer.id(), to.id(), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Headcount(from.id(), 2025), 1);
  EXPECT_EQ(Headcount(to.id(), 2025), 0);
  EXPECT_EQ(Headcount(from.id()), 0);
  EXPECT_EQ(Headcount(to.id()), 1);
  pv1::GetTrainingSummaryRequest treq;
  treq.set_agency_id(from.id());
  treq.set_year(2025);
  pv1::TrainingSummary summary;
  ASSERT_TRUE(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), treq, &summary).ok());
  EXPECT_EQ(summary.officer_count(), 1);
  treq.set_agency_id(to.id());
  ASSERT_TRUE(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), treq, &summary).ok());
  EXPECT_EQ(summary.officer_count(), 0);
  // The county's worklist for 2025 still names the officer, under the
  // agency of that year, though the officer now serves another county.
  pv1::ListTrainingShortfallsRequest lreq;
  lreq.set_division_code("640104");
  lreq.set_year(2025);
  pv1::ListTrainingShortfallsResponse list;
  s = stub_->ListTrainingShortfalls(Ctx(Token({auth::Role::kAuditor}, "640104")).get(), lreq,
                                    &list);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(list.shortfalls_size(), 1);
  EXPECT_EQ(list.shortfalls(0).officer_id(), officer.id());
  EXPECT_EQ(list.shortfalls(0).agency_id(), from.id());
  EXPECT_EQ(list.shortfalls(0).division_code(), "640104");
}

}  // namespace
}  // namespace lawenforce::testing
