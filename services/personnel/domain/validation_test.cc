#include "services/personnel/domain/validation.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

using ::lawenforce::testing::ExpectInvalidField;

// --------------------------------------------------------------- domains

TEST(ValidateDomainCodeTest, LowerCaseSnakeCodesAreValid) {
  for (const char* domain : {"market_regulation", "ab", "a1", "transport_2", "food_safety"}) {
    EXPECT_OK(ValidateDomainCode("agency.domains", domain)) << domain;
  }
  EXPECT_OK(ValidateDomainCode("agency.domains", "a" + std::string(63, 'b')));
}

TEST(ValidateDomainCodeTest, MalformedCodesAreRefused) {
  ExpectInvalidField(ValidateDomainCode("d", ""), "d", "required");
  for (const std::string& domain :
       {std::string("a"), std::string("1abc"), std::string("_abc"), std::string("Market"),
        std::string("market-regulation"), std::string("market regulation"), std::string("市场"),
        "a" + std::string(64, 'b')}) {
    ExpectInvalidField(ValidateDomainCode("d", domain), "d");
  }
}

TEST(ValidateDomainsTest, BadElementIsNamedByIndex) {
  ExpectInvalidField(ValidateDomains("certificate.domains", {"market_regulation", "Bad"}),
                     "certificate.domains[1]");
}

TEST(ValidateDomainsTest, DuplicatesAreRefusedAtTheSecondOccurrence) {
  ExpectInvalidField(ValidateDomains("agency.domains", {"transport", "food_safety", "transport"}),
                     "agency.domains[2]", "duplicate domain transport");
}

TEST(ValidateDomainsTest, BetweenOneAndThirtyTwoDomains) {
  ExpectInvalidField(ValidateDomains("agency.domains", {}), "agency.domains", "at least one");
  std::vector<std::string> domains;
  for (int i = 0; i < 32; ++i) {
    domains.push_back(absl::StrCat("domain_", i));
  }
  EXPECT_OK(ValidateDomains("agency.domains", domains));
  domains.push_back("domain_32");
  ExpectInvalidField(ValidateDomains("agency.domains", domains), "agency.domains", "at most 32");
  EXPECT_OK(ValidateDomains("agency.domains", {"transport"}));
}

// ---------------------------------------------------- certificate number

TEST(ValidateCertificateNumberTest, LettersDigitsAndHyphensUpToThirtyTwo) {
  EXPECT_OK(ValidateCertificateNumber("certificate.number", "ZF-001"));
  EXPECT_OK(ValidateCertificateNumber("certificate.number", "nx640100-2024-00017"));
  EXPECT_OK(ValidateCertificateNumber("certificate.number", std::string(32, '7')));
}

TEST(ValidateCertificateNumberTest, EmptyLongOrOddCharactersAreRefused) {
  ExpectInvalidField(ValidateCertificateNumber("certificate.number", ""), "certificate.number",
                     "required");
  ExpectInvalidField(ValidateCertificateNumber("certificate.number", std::string(33, '7')),
                     "certificate.number", "at most 32");
  for (const char* number : {"ZF 001", "ZF_001", "ZF/001", "执法001", "ZF-001\n"}) {
    SCOPED_TRACE(number);
    ExpectInvalidField(ValidateCertificateNumber("certificate.number", number),
                       "certificate.number");
  }
}

// -------------------------------------------------------------- validity

constexpr char kFrom[] = "certificate.valid_from";
constexpr char kUntil[] = "certificate.valid_until";

TEST(ValidateValidityTest, OrdinarySpanIsValid) {
  EXPECT_OK(
      ValidateValidity(kFrom, absl::CivilDay(2024, 1, 1), kUntil, absl::CivilDay(2028, 12, 31)));
  EXPECT_OK(
      ValidateValidity(kFrom, absl::CivilDay(2024, 1, 1), kUntil, absl::CivilDay(2024, 1, 1)));
}

TEST(ValidateValidityTest, UntilBeforeFromNamesUntil) {
  ExpectInvalidField(
      ValidateValidity(kFrom, absl::CivilDay(2024, 1, 2), kUntil, absl::CivilDay(2024, 1, 1)),
      kUntil, "must not be before certificate.valid_from");
}

TEST(ValidateValidityTest, SpanIsAtMostTenYears) {
  const absl::CivilDay from(2024, 1, 1);
  EXPECT_OK(ValidateValidity(kFrom, from, kUntil, from + 3653));
  EXPECT_OK(ValidateValidity(kFrom, from, kUntil, absl::CivilDay(2034, 1, 1)));
  ExpectInvalidField(ValidateValidity(kFrom, from, kUntil, from + 3654), kUntil, "10 years");
  ExpectInvalidField(ValidateValidity(kFrom, from, kUntil, absl::CivilDay(2040, 1, 1)), kUntil);
}

TEST(ValidateValidityTest, YearsOutsideNineteenHundredToNineNineNineNineAreRefused) {
  ExpectInvalidField(
      ValidateValidity(kFrom, absl::CivilDay(1899, 12, 31), kUntil, absl::CivilDay(1900, 1, 1)),
      kFrom, "1900");
  EXPECT_OK(
      ValidateValidity(kFrom, absl::CivilDay(1900, 1, 1), kUntil, absl::CivilDay(1900, 1, 1)));
  ExpectInvalidField(
      ValidateValidity(kFrom, absl::CivilDay(9999, 12, 31), kUntil, absl::CivilDay(10000, 1, 1)),
      kUntil, "9999");
  EXPECT_OK(
      ValidateValidity(kFrom, absl::CivilDay(9999, 1, 1), kUntil, absl::CivilDay(9999, 12, 31)));
}

// ----------------------------------------------------------------- roles

TEST(ValidateRolesTest, OneToThreeDistinctRoles) {
  EXPECT_OK(ValidateRoles("officer.roles", {OfficerRole::kOfficer}));
  EXPECT_OK(ValidateRoles("officer.roles", {OfficerRole::kOfficer, OfficerRole::kLegalReviewer,
                                            OfficerRole::kSupervisor}));
}

TEST(ValidateRolesTest, NoRoleIsRefused) {
  ExpectInvalidField(ValidateRoles("officer.roles", {}), "officer.roles", "at least one role");
}

TEST(ValidateRolesTest, MoreThanThreeRolesAreRefused) {
  ExpectInvalidField(
      ValidateRoles("officer.roles", {OfficerRole::kOfficer, OfficerRole::kLegalReviewer,
                                      OfficerRole::kSupervisor, OfficerRole::kOfficer}),
      "officer.roles", "at most 3");
}

TEST(ValidateRolesTest, DuplicateRoleIsNamedByIndex) {
  ExpectInvalidField(
      ValidateRoles("officer.roles", {OfficerRole::kLegalReviewer, OfficerRole::kLegalReviewer}),
      "officer.roles[1]", "duplicate role");
}

TEST(ValidateRolesTest, UnknownRoleValueIsRefused) {
  ExpectInvalidField(
      ValidateRoles("officer.roles", {OfficerRole::kOfficer, static_cast<OfficerRole>(0)}),
      "officer.roles[1]", "unknown role");
  ExpectInvalidField(ValidateRoles("officer.roles", {static_cast<OfficerRole>(9)}),
                     "officer.roles[0]", "unknown role");
}

}  // namespace
}  // namespace lawenforce::personnel
