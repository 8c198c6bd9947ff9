#include "services/personnel/domain/service_periods.h"

#include "common/status/errors.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/personnel/domain/eligibility.h"

namespace lawenforce::personnel {
namespace {

using ::testing::HasSubstr;

absl::Time China(int y, int mo, int d, int h = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, 0, 0), ChinaTimeZone());
}

ServicePeriod Period(int64_t sequence, std::string agency, absl::Time start,
                     absl::Time end = absl::InfiniteFuture(),
                     std::optional<ServiceEndReason> reason = std::nullopt) {
  ServicePeriod p;
  p.sequence = sequence;
  p.agency_id = std::move(agency);
  p.start = start;
  p.end = end;
  p.end_reason = reason;
  return p;
}

TEST(ServicePeriodsTest, ThePeriodInForceIsHalfOpen) {
  const std::vector<ServicePeriod> periods = {
      Period(1, "a", China(2024, 1, 1), China(2025, 3, 1), ServiceEndReason::kTransferred),
      Period(2, "b", China(2025, 3, 1))};
  EXPECT_EQ(PeriodAt(periods, China(2023, 12, 31)), nullptr);
  EXPECT_EQ(PeriodAt(periods, China(2024, 1, 1))->agency_id, "a");
  EXPECT_EQ(PeriodAt(periods, China(2025, 3, 1) - absl::Seconds(1))->agency_id, "a");
  EXPECT_EQ(PeriodAt(periods, China(2025, 3, 1))->agency_id, "b");
  EXPECT_EQ(PeriodAt(periods, China(2030, 1, 1))->agency_id, "b");
}

TEST(ServicePeriodsTest, AChangeTakesEffectAfterTheCurrentStandingAndNotInTheFuture) {
  const PersonnelPolicy policy;
  const absl::Time now = China(2025, 6, 1, 10);
  const absl::Time start = China(2025, 2, 1);
  EXPECT_EQ(*ServiceChangeTime("effective_time", std::nullopt, now, start, policy), now);
  EXPECT_EQ(*ServiceChangeTime("effective_time", China(2025, 5, 1), now, start, policy),
            China(2025, 5, 1));
  absl::Status future =
      ServiceChangeTime("effective_time", now + absl::Seconds(1), now, start, policy).status();
  EXPECT_EQ(FieldOf(future), "effective_time");
  EXPECT_THAT(future.message(), HasSubstr("future"));
  absl::Status before = ServiceChangeTime("effective_time", start, now, start, policy).status();
  EXPECT_EQ(FieldOf(before), "effective_time");
  EXPECT_THAT(before.message(), HasSubstr("must be after"));
}

TEST(ServicePeriodsTest, AChangeCannotReachIntoAClosedYear) {
  const PersonnelPolicy policy;  // 2024 closes 2025-01-16 00:00
  const absl::Time start = China(2020, 1, 1);
  EXPECT_TRUE(
      ServiceChangeTime("effective_time", China(2024, 12, 20), China(2025, 1, 10), start, policy)
          .ok());
  absl::Status closed =
      ServiceChangeTime("effective_time", China(2024, 12, 20), China(2025, 1, 16), start, policy)
          .status();
  EXPECT_EQ(FieldOf(closed), "effective_time");
  EXPECT_THAT(closed.message(), HasSubstr("2024, which is closed"));
}

EligibilityInput Holder(std::vector<ServicePeriod> service) {
  EligibilityInput input;
  input.officer_id = "officer-1";
  CertificateWithHistory held;
  held.certificate.id = "c1";
  held.certificate.number = "N1";
  held.certificate.kind = CertificateKind::kEnforcement;
  held.certificate.agency_id = "a";
  held.certificate.domains = {"food_safety"};
  held.certificate.valid_from = absl::CivilDay(2020, 1, 1);
  held.certificate.valid_until = absl::CivilDay(2029, 12, 31);
  held.certificate.create_time = China(2020, 1, 1);
  input.certificates.push_back(held);
  input.service = std::move(service);
  return input;
}

TEST(ServicePeriodsTest, AnOfficerOutOfServiceIsNotEligibleWhateverTheCertificates) {
  const EligibilityInput input =
      Holder({Period(1, "a", China(2020, 1, 1), China(2025, 7, 1), ServiceEndReason::kRetired)});
  EXPECT_TRUE(JudgeEligibility(input, "food_safety", China(2025, 6, 30, 12)).eligible);
  const EligibilityVerdict after = JudgeEligibility(input, "food_safety", China(2025, 7, 1, 9));
  EXPECT_FALSE(after.eligible);
  EXPECT_EQ(after.reason, EligibilityReason::kNotInService);
  EXPECT_THAT(after.detail, HasSubstr("RETIRED 2025-07-01T00:00:00+08:00"));
  // Before the first period the certificates decide (registration may
  // follow the act).
  EXPECT_TRUE(JudgeEligibility(input, "food_safety", China(2019, 12, 31)).reason !=
              EligibilityReason::kNotInService);
}

TEST(ServicePeriodsTest, AGapBetweenPeriodsIsOutOfService) {
  const EligibilityInput input =
      Holder({Period(1, "a", China(2020, 1, 1), China(2024, 1, 1), ServiceEndReason::kLeftPost),
              Period(2, "a", China(2024, 6, 1))});
  EXPECT_EQ(JudgeEligibility(input, "food_safety", China(2024, 3, 1)).reason,
            EligibilityReason::kNotInService);
  const EligibilityVerdict back = JudgeEligibility(input, "food_safety", China(2024, 6, 2));
  EXPECT_TRUE(back.eligible);
  EXPECT_EQ(back.agency_id, "a");
}

TEST(ServicePeriodsTest, ACertificateOfTheAgencyLeftCoversNothingAfterTheTransfer) {
  // Live still (a back-dated transfer, or one racing an issue): the
  // certificate names agency a, the officer served b.
  const EligibilityInput input =
      Holder({Period(1, "a", China(2020, 1, 1), China(2024, 1, 1), ServiceEndReason::kTransferred),
              Period(2, "b", China(2024, 1, 1))});
  EXPECT_TRUE(JudgeEligibility(input, "food_safety", China(2023, 12, 31)).eligible);
  const EligibilityVerdict after = JudgeEligibility(input, "food_safety", China(2024, 2, 1));
  EXPECT_FALSE(after.eligible);
  EXPECT_EQ(after.reason, EligibilityReason::kNoCertificate);
  EXPECT_EQ(after.agency_id, "b");
  EXPECT_THAT(after.detail, HasSubstr("of agency b"));
}

TEST(SupervisionTest, TheAgencyServedAtTheMomentBoundsTheDivisions) {
  EligibilityInput input =
      Holder({Period(1, "a", China(2020, 1, 1), China(2024, 1, 1), ServiceEndReason::kTransferred),
              Period(2, "b", China(2024, 1, 1))});
  input.service[0].division_code = "640100";
  input.service[1].division_code = "640302";
  input.certificates[0].certificate.kind = CertificateKind::kSupervision;
  // Agency a (Yinchuan) at the time: Xingqing is within, Litong is not.
  EXPECT_TRUE(JudgeSupervision(input, true, "640104", "", China(2023, 6, 1), "640302").eligible);
  EXPECT_EQ(JudgeSupervision(input, true, "640302", "", China(2023, 6, 1), "640302").reason,
            EligibilityReason::kOutsideJurisdiction);
  // After the transfer agency a's certificate covers nothing.
  EXPECT_EQ(JudgeSupervision(input, true, "640302", "", China(2024, 6, 1), "640302").reason,
            EligibilityReason::kNoCertificate);
  EXPECT_EQ(JudgeSupervision(input, false, "640104", "", China(2023, 6, 1), "640302").reason,
            EligibilityReason::kNotASupervisor);
  // A domain the certificate does not list.
  EXPECT_EQ(JudgeSupervision(input, true, "640104", "water", China(2023, 6, 1), "640302").reason,
            EligibilityReason::kDomainNotCovered);
}

}  // namespace
}  // namespace lawenforce::personnel
