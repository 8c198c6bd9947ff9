#include "services/personnel/domain/eligibility.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

using ::testing::HasSubstr;

constexpr char kDomain[] = "market_regulation";

absl::Time China(int y, int mo, int d, int h = 12, int mi = 0, int s = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), ChinaTimeZone());
}

CertificateEvent Event(int64_t sequence, std::optional<CertificateState> from, CertificateState to,
                       absl::Time time, std::string reason) {
  CertificateEvent event;
  event.sequence = sequence;
  event.from_state = from;
  event.to_state = to;
  event.time = time;
  event.reason = std::move(reason);
  event.actor = "tester";
  return event;
}

// An enforcement certificate for kDomain, valid 2021-01-01..2025-12-31,
// issued (history event 1) on its first day.
CertificateWithHistory Held(std::string id, std::string number) {
  CertificateWithHistory held;
  Certificate& c = held.certificate;
  c.id = std::move(id);
  c.number = std::move(number);
  c.officer_id = "officer-1";
  c.kind = CertificateKind::kEnforcement;
  c.domains = {kDomain, "food_safety"};
  c.valid_from = absl::CivilDay(2021, 1, 1);
  c.valid_until = absl::CivilDay(2025, 12, 31);
  c.state = CertificateState::kActive;
  held.history.push_back(
      Event(1, std::nullopt, CertificateState::kActive, China(2021, 1, 1, 0), "issued"));
  return held;
}

// Appends a change to the history and makes it the stored state.
void Change(CertificateWithHistory& held, CertificateState to, absl::Time time,
            std::string reason) {
  const CertificateState from = held.history.back().to_state;
  held.history.push_back(
      Event(static_cast<int64_t>(held.history.size()) + 1, from, to, time, reason));
  held.certificate.state = to;
  held.certificate.state_reason = std::move(reason);
}

EligibilityInput Officer(std::vector<CertificateWithHistory> certificates) {
  EligibilityInput input;
  input.officer_id = "officer-1";
  input.certificates = std::move(certificates);
  return input;
}

const absl::Time kAct = China(2024, 6, 1);

TEST(EligibilityTest, ActiveCoveringCertificateMakesTheOfficerEligible) {
  const EligibilityVerdict verdict =
      JudgeEligibility(Officer({Held("cert-1", "ZF-001")}), kDomain, kAct);
  EXPECT_TRUE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kEligible);
  EXPECT_EQ(verdict.officer_id, "officer-1");
  EXPECT_EQ(verdict.certificate_id, "cert-1");
  EXPECT_THAT(verdict.detail, HasSubstr("ZF-001"));
}

TEST(EligibilityTest, UnknownOfficerIsNotFound) {
  EligibilityInput input = Officer({Held("cert-1", "ZF-001")});
  input.officer_found = false;
  const EligibilityVerdict verdict = JudgeEligibility(input, kDomain, kAct);
  EXPECT_FALSE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kOfficerNotFound);
  EXPECT_EQ(verdict.officer_id, "officer-1");
  EXPECT_EQ(verdict.certificate_id, "");
  EXPECT_THAT(verdict.detail, HasSubstr("not found"));
}

TEST(EligibilityTest, OfficerWithoutCertificatesHasNoCertificate) {
  const EligibilityVerdict verdict = JudgeEligibility(Officer({}), kDomain, kAct);
  EXPECT_FALSE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kNoCertificate);
  EXPECT_EQ(verdict.certificate_id, "");
}

TEST(EligibilityTest, SupervisionCertificateNeverMakesAnOfficerEligible) {
  CertificateWithHistory supervision = Held("cert-s", "JD-001");
  supervision.certificate.kind = CertificateKind::kSupervision;
  const EligibilityVerdict verdict = JudgeEligibility(Officer({supervision}), kDomain, kAct);
  EXPECT_FALSE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kNoCertificate);
  EXPECT_THAT(verdict.detail, HasSubstr("no enforcement certificate"));
}

TEST(EligibilityTest, SupervisionCertificateCoveringTheDomainDoesNotCoverIt) {
  CertificateWithHistory supervision = Held("cert-s", "JD-001");
  supervision.certificate.kind = CertificateKind::kSupervision;
  CertificateWithHistory other = Held("cert-2", "ZF-002");
  other.certificate.domains = {"transport"};
  const EligibilityVerdict verdict = JudgeEligibility(Officer({supervision, other}), kDomain, kAct);
  EXPECT_FALSE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kDomainNotCovered);
  EXPECT_EQ(verdict.detail, "no enforcement certificate covers domain market_regulation");
}

TEST(EligibilityTest, CertificateForAnotherDomainDoesNotCoverIt) {
  const EligibilityVerdict verdict =
      JudgeEligibility(Officer({Held("cert-1", "ZF-001")}), "transport", kAct);
  EXPECT_FALSE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kDomainNotCovered);
  EXPECT_EQ(verdict.certificate_id, "");
  EXPECT_EQ(verdict.detail, "no enforcement certificate covers domain transport");
}

TEST(EligibilityTest, SuspendedCertificateIsNotEligibleAndSaysWhy) {
  CertificateWithHistory held = Held("cert-1", "ZF-001");
  Change(held, CertificateState::kSuspended, China(2024, 5, 1), "complaint under review");
  const EligibilityVerdict verdict = JudgeEligibility(Officer({held}), kDomain, kAct);
  EXPECT_FALSE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kSuspended);
  EXPECT_EQ(verdict.certificate_id, "cert-1");
  EXPECT_EQ(verdict.detail, "certificate ZF-001 suspended: complaint under review");
}

TEST(EligibilityTest, RevokedCertificateIsNeverEligible) {
  CertificateWithHistory held = Held("cert-1", "ZF-001");
  Change(held, CertificateState::kRevoked, China(2024, 5, 1), "misconduct");
  for (absl::Time at : {China(2024, 5, 2), China(2025, 12, 31), China(2030, 1, 1)}) {
    const EligibilityVerdict verdict = JudgeEligibility(Officer({held}), kDomain, at);
    EXPECT_FALSE(verdict.eligible);
    EXPECT_EQ(verdict.reason, EligibilityReason::kRevoked);
    EXPECT_EQ(verdict.detail, "certificate ZF-001 revoked: misconduct");
  }
}

TEST(EligibilityTest, CancelledCertificateIsNotEligible) {
  CertificateWithHistory held = Held("cert-1", "ZF-001");
  Change(held, CertificateState::kCancelled, China(2024, 5, 1), "retired");
  const EligibilityVerdict verdict = JudgeEligibility(Officer({held}), kDomain, kAct);
  EXPECT_FALSE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kCancelled);
  EXPECT_EQ(verdict.detail, "certificate ZF-001 cancelled: retired");
}

TEST(EligibilityTest, CertificatePastItsDateIsExpiredFromMidnightChinaTime) {
  const EligibilityInput input = Officer({Held("cert-1", "ZF-001")});
  EXPECT_TRUE(JudgeEligibility(input, kDomain, China(2025, 12, 31, 23, 59, 59)).eligible);
  const EligibilityVerdict verdict = JudgeEligibility(input, kDomain, China(2026, 1, 1, 0, 0, 0));
  EXPECT_FALSE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kExpired);
  EXPECT_EQ(verdict.certificate_id, "cert-1");
  EXPECT_THAT(verdict.detail, HasSubstr("2025-12-31"));
}

TEST(EligibilityTest, CertificateBeforeItsFirstDayIsNotYetValid) {
  CertificateWithHistory held = Held("cert-1", "ZF-001");
  held.certificate.valid_from = absl::CivilDay(2024, 7, 1);
  EXPECT_EQ(JudgeEligibility(Officer({held}), kDomain, China(2024, 6, 30, 23, 59, 59)).reason,
            EligibilityReason::kNotYetValid);
  EXPECT_TRUE(JudgeEligibility(Officer({held}), kDomain, China(2024, 7, 1, 0, 0, 0)).eligible);
  const EligibilityVerdict verdict = JudgeEligibility(Officer({held}), kDomain, kAct);
  EXPECT_EQ(verdict.certificate_id, "cert-1");
  EXPECT_THAT(verdict.detail, HasSubstr("2024-07-01"));
}

TEST(EligibilityTest, ActInsideAPastSuspensionIsNotEligibleThoughReinstatedLater) {
  CertificateWithHistory held = Held("cert-1", "ZF-001");
  Change(held, CertificateState::kSuspended, China(2024, 3, 1), "assessment failed");
  Change(held, CertificateState::kActive, China(2024, 4, 1), "retrained");
  // The stored state is ACTIVE again, but the act happened in between.
  const EligibilityVerdict during = JudgeEligibility(Officer({held}), kDomain, China(2024, 3, 15));
  EXPECT_FALSE(during.eligible);
  EXPECT_EQ(during.reason, EligibilityReason::kSuspended);
  EXPECT_EQ(during.detail, "certificate ZF-001 suspended: assessment failed");
  EXPECT_TRUE(JudgeEligibility(Officer({held}), kDomain, China(2024, 2, 28)).eligible);
  EXPECT_TRUE(JudgeEligibility(Officer({held}), kDomain, China(2024, 4, 2)).eligible);
}

TEST(EligibilityTest, ActBeforeARevocationStaysEligible) {
  CertificateWithHistory held = Held("cert-1", "ZF-001");
  Change(held, CertificateState::kRevoked, China(2024, 5, 1), "misconduct");
  EXPECT_TRUE(JudgeEligibility(Officer({held}), kDomain, China(2024, 4, 30)).eligible);
}

TEST(EligibilityTest, AnyActiveCoveringCertificateIsEnough) {
  CertificateWithHistory suspended = Held("cert-1", "ZF-001");
  Change(suspended, CertificateState::kSuspended, China(2024, 5, 1), "complaint");
  const CertificateWithHistory active = Held("cert-2", "ZF-002");
  const EligibilityVerdict verdict = JudgeEligibility(Officer({suspended, active}), kDomain, kAct);
  EXPECT_TRUE(verdict.eligible);
  EXPECT_EQ(verdict.certificate_id, "cert-2");
}

// The preference among failing covering certificates, pairwise: the first
// argument's reason wins over the second's, whatever their order.
struct PreferenceCase {
  EligibilityReason preferred;
  EligibilityReason other;
};

CertificateWithHistory Failing(EligibilityReason reason, std::string id) {
  CertificateWithHistory held = Held(id, "N-" + id);
  switch (reason) {
    case EligibilityReason::kNotYetValid:
      held.certificate.valid_from = absl::CivilDay(2024, 12, 1);
      break;
    case EligibilityReason::kSuspended:
      Change(held, CertificateState::kSuspended, China(2024, 1, 1), "x");
      break;
    case EligibilityReason::kExpired:
      held.certificate.valid_until = absl::CivilDay(2024, 1, 1);
      break;
    case EligibilityReason::kRevoked:
      Change(held, CertificateState::kRevoked, China(2024, 1, 1), "x");
      break;
    case EligibilityReason::kCancelled:
      Change(held, CertificateState::kCancelled, China(2024, 1, 1), "x");
      break;
    default:
      ADD_FAILURE() << "not a failing reason";
  }
  return held;
}

class EligibilityPreferenceTest : public ::testing::TestWithParam<PreferenceCase> {};

TEST_P(EligibilityPreferenceTest, MostTellingCertificateDecidesTheReason) {
  const PreferenceCase& c = GetParam();
  const CertificateWithHistory preferred = Failing(c.preferred, "p");
  const CertificateWithHistory other = Failing(c.other, "o");
  for (const EligibilityInput& input : {Officer({preferred, other}), Officer({other, preferred})}) {
    const EligibilityVerdict verdict = JudgeEligibility(input, kDomain, kAct);
    EXPECT_FALSE(verdict.eligible);
    EXPECT_EQ(verdict.reason, c.preferred) << EligibilityReasonName(verdict.reason);
    EXPECT_EQ(verdict.certificate_id, "p");
  }
}

INSTANTIATE_TEST_SUITE_P(
    PreferenceOrder, EligibilityPreferenceTest,
    ::testing::Values(
        PreferenceCase{EligibilityReason::kNotYetValid, EligibilityReason::kSuspended},
        PreferenceCase{EligibilityReason::kNotYetValid, EligibilityReason::kCancelled},
        PreferenceCase{EligibilityReason::kSuspended, EligibilityReason::kExpired},
        PreferenceCase{EligibilityReason::kSuspended, EligibilityReason::kRevoked},
        PreferenceCase{EligibilityReason::kExpired, EligibilityReason::kRevoked},
        PreferenceCase{EligibilityReason::kExpired, EligibilityReason::kCancelled},
        PreferenceCase{EligibilityReason::kRevoked, EligibilityReason::kCancelled}));

TEST(EligibilityTest, TooFewTrainingHoursLastYearBlocksWhenTheAgencyRequiresThem) {
  EligibilityInput input = Officer({Held("cert-1", "ZF-001")});
  input.agency_requires_training = true;
  input.previous_year_counted_minutes = 3599;
  const EligibilityVerdict verdict = JudgeEligibility(input, kDomain, kAct);
  EXPECT_FALSE(verdict.eligible);
  EXPECT_EQ(verdict.reason, EligibilityReason::kTrainingInsufficient);
  EXPECT_EQ(verdict.certificate_id, "cert-1");
  EXPECT_EQ(verdict.detail,
            "agency requires 60 counted training hours in 2023 of officer officer-1, who had "
            "59.9833");
}

TEST(EligibilityTest, TrainingIsJudgedAgainstWhatTheYearRequiredOfTheOfficer) {
  EligibilityInput input = Officer({Held("cert-1", "ZF-001")});
  input.agency_requires_training = true;
  input.previous_year_counted_minutes = 0;
  input.previous_year_required_minutes = 0;  // registered after that year
  EXPECT_TRUE(JudgeEligibility(input, kDomain, kAct).eligible);
  input.previous_year_required_minutes = 600;  // pro rata: 10 hours
  input.previous_year_counted_minutes = 600;
  EXPECT_TRUE(JudgeEligibility(input, kDomain, kAct).eligible);
}

TEST(EligibilityTest, ACertificateIssuedAfterTheMomentGrantsNothingThen) {
  CertificateWithHistory late = Held("cert-1", "ZF-001");
  late.certificate.create_time = kAct + absl::Hours(1);
  EXPECT_EQ(JudgeEligibility(Officer({late}), kDomain, kAct).reason,
            EligibilityReason::kNoCertificate);
  EXPECT_TRUE(JudgeEligibility(Officer({late}), kDomain, kAct + absl::Hours(2)).eligible);
}

TEST(EligibilityTest, SixtyTrainingHoursLastYearAreEnough) {
  EligibilityInput input = Officer({Held("cert-1", "ZF-001")});
  input.agency_requires_training = true;
  input.previous_year_counted_minutes = 3600;
  EXPECT_TRUE(JudgeEligibility(input, kDomain, kAct).eligible);
}

TEST(EligibilityTest, TrainingIsIgnoredWhenTheAgencyDoesNotRequireIt) {
  EligibilityInput input = Officer({Held("cert-1", "ZF-001")});
  input.agency_requires_training = false;
  input.previous_year_counted_minutes = 0;
  EXPECT_TRUE(JudgeEligibility(input, kDomain, kAct).eligible);
}

TEST(EligibilityTest, CertificateReasonComesBeforeTraining) {
  CertificateWithHistory held = Held("cert-1", "ZF-001");
  Change(held, CertificateState::kSuspended, China(2024, 5, 1), "complaint");
  EligibilityInput input = Officer({held});
  input.agency_requires_training = true;
  input.previous_year_counted_minutes = 0;
  EXPECT_EQ(JudgeEligibility(input, kDomain, kAct).reason, EligibilityReason::kSuspended);
}

TEST(EligibilityTest, ReasonNamesMatchTheWireEnum) {
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kEligible), "ELIGIBLE");
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kOfficerNotFound), "OFFICER_NOT_FOUND");
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kNoCertificate), "NO_CERTIFICATE");
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kDomainNotCovered), "DOMAIN_NOT_COVERED");
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kSuspended), "SUSPENDED");
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kRevoked), "REVOKED");
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kCancelled), "CANCELLED");
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kExpired), "EXPIRED");
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kNotYetValid), "NOT_YET_VALID");
  EXPECT_EQ(EligibilityReasonName(EligibilityReason::kTrainingInsufficient),
            "TRAINING_INSUFFICIENT");
}

}  // namespace
}  // namespace lawenforce::personnel
