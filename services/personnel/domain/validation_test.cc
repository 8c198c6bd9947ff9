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

using ::lawenforce::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::StartsWith;

// INVALID_ARGUMENT naming `field` in the message and the payload.
void ExpectInvalid(const absl::Status& status, absl::string_view field,
                   absl::string_view description = "") {
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               AllOf(StartsWith(absl::StrCat(field, ": ")),
                                     HasSubstr(std::string(description)))));
  EXPECT_THAT(FieldOf(status), Optional(Eq(std::string(field))));
}

// ------------------------------------------------------------------ text

TEST(ValidateTextTest, ChineseNameIsCountedByCharacterNotByte) {
  // 三个字 = 9 bytes, 3 characters.
  EXPECT_OK(ValidateText("officer.name", "马晓燕", 3));
  ExpectInvalid(ValidateText("officer.name", "马晓燕", 2), "officer.name", "at most 2 characters");
  // 128 CJK characters fit a 128-character limit although they are 384 bytes.
  std::string long_name;
  for (int i = 0; i < 128; ++i) {
    long_name += "宁";
  }
  EXPECT_OK(ValidateText("agency.name", long_name, 128));
  ExpectInvalid(ValidateText("agency.name", long_name + "夏", 128), "agency.name",
                "at most 128 characters");
}

TEST(ValidateTextTest, FourByteCharactersCountAsOne) {
  EXPECT_OK(ValidateText("officer.name", "𠀀𠀁", 2));  // CJK Extension B
  ExpectInvalid(ValidateText("officer.name", "𠀀𠀁𠀂", 2), "officer.name");
}

TEST(ValidateTextTest, EmptyOrBlankTextIsRequired) {
  ExpectInvalid(ValidateText("officer.name", "", 64), "officer.name", "required");
  ExpectInvalid(ValidateText("officer.name", "   ", 64), "officer.name", "required");
  ExpectInvalid(ValidateText("officer.name", " \t\r\n", 64), "officer.name", "required");
}

TEST(ValidateTextTest, SurroundingSpacesAreAllowed) {
  EXPECT_OK(ValidateText("officer.name", " 张三 ", 64));
}

TEST(ValidateTextTest, ControlCharactersAreRefused) {
  for (const std::string& value :
       {std::string("a\nb"), std::string("a\tb"), std::string("a\x7f"), std::string("a\x01"),
        std::string("a\0b", 3), std::string("a\xc2\x85"), std::string("\x1b[31mred")}) {
    ExpectInvalid(ValidateText("certificate.reason", value, 500), "certificate.reason",
                  "control characters");
  }
}

TEST(ValidateTextTest, InvalidUtf8IsRefused) {
  for (const std::string& value : {
           std::string("\xff"),              // never a UTF-8 byte
           std::string("\x80"),              // lone continuation byte
           std::string("\xe5\xae"),          // truncated 3-byte sequence
           std::string("a\xe5\xae"),         // truncated at the end
           std::string("\xc0\xaf"),          // overlong '/'
           std::string("\xe0\x80\xaf"),      // overlong '/'
           std::string("\xed\xa0\x80"),      // surrogate U+D800
           std::string("\xf4\x90\x80\x80"),  // above U+10FFFF
           std::string("\xe5\x41\x41"),      // bad continuation
           std::string("\xf8\x88\x80\x80\x80"),
       }) {
    ExpectInvalid(ValidateText("officer.name", value, 64), "officer.name", "valid UTF-8");
  }
}

TEST(ValidateTextTest, BoundaryCodePointsAreValid) {
  EXPECT_OK(ValidateText("f", "\xc2\xa0x", 8));         // U+00A0
  EXPECT_OK(ValidateText("f", "\xef\xbf\xbd", 8));      // U+FFFD
  EXPECT_OK(ValidateText("f", "\xf4\x8f\xbf\xbf", 8));  // U+10FFFF
  EXPECT_OK(ValidateText("f", "\xed\x9f\xbf", 8));      // U+D7FF
}

TEST(ValidateOptionalTextTest, EmptyIsAllowedButOtherRulesStillApply) {
  EXPECT_OK(ValidateOptionalText("assessment.remarks", "", 500));
  EXPECT_OK(ValidateOptionalText("assessment.remarks", "表现良好", 500));
  ExpectInvalid(ValidateOptionalText("assessment.remarks", "   ", 500), "assessment.remarks",
                "whitespace");
  ExpectInvalid(ValidateOptionalText("assessment.remarks", "a\x01", 500), "assessment.remarks",
                "control characters");
  ExpectInvalid(ValidateOptionalText("assessment.remarks", "\xff", 500), "assessment.remarks",
                "valid UTF-8");
  ExpectInvalid(ValidateOptionalText("assessment.remarks", "好好", 1), "assessment.remarks",
                "at most 1 characters");
}

// --------------------------------------------------------------- domains

TEST(ValidateDomainCodeTest, LowerCaseSnakeCodesAreValid) {
  for (const char* domain : {"market_regulation", "ab", "a1", "transport_2", "food_safety"}) {
    EXPECT_OK(ValidateDomainCode("agency.domains", domain)) << domain;
  }
  EXPECT_OK(ValidateDomainCode("agency.domains", "a" + std::string(63, 'b')));
}

TEST(ValidateDomainCodeTest, MalformedCodesAreRefused) {
  ExpectInvalid(ValidateDomainCode("d", ""), "d", "required");
  for (const std::string& domain :
       {std::string("a"), std::string("1abc"), std::string("_abc"), std::string("Market"),
        std::string("market-regulation"), std::string("market regulation"), std::string("市场"),
        "a" + std::string(64, 'b')}) {
    ExpectInvalid(ValidateDomainCode("d", domain), "d");
  }
}

TEST(ValidateDomainsTest, BadElementIsNamedByIndex) {
  ExpectInvalid(ValidateDomains("certificate.domains", {"market_regulation", "Bad"}),
                "certificate.domains[1]");
}

TEST(ValidateDomainsTest, DuplicatesAreRefusedAtTheSecondOccurrence) {
  ExpectInvalid(ValidateDomains("agency.domains", {"transport", "food_safety", "transport"}),
                "agency.domains[2]", "duplicate domain transport");
}

TEST(ValidateDomainsTest, BetweenOneAndThirtyTwoDomains) {
  ExpectInvalid(ValidateDomains("agency.domains", {}), "agency.domains", "at least one");
  std::vector<std::string> domains;
  for (int i = 0; i < 32; ++i) {
    domains.push_back(absl::StrCat("domain_", i));
  }
  EXPECT_OK(ValidateDomains("agency.domains", domains));
  domains.push_back("domain_32");
  ExpectInvalid(ValidateDomains("agency.domains", domains), "agency.domains", "at most 32");
  EXPECT_OK(ValidateDomains("agency.domains", {"transport"}));
}

// ---------------------------------------------------- certificate number

TEST(ValidateCertificateNumberTest, LettersDigitsAndHyphensUpToThirtyTwo) {
  EXPECT_OK(ValidateCertificateNumber("certificate.number", "ZF-001"));
  EXPECT_OK(ValidateCertificateNumber("certificate.number", "nx640100-2024-00017"));
  EXPECT_OK(ValidateCertificateNumber("certificate.number", std::string(32, '7')));
}

TEST(ValidateCertificateNumberTest, EmptyLongOrOddCharactersAreRefused) {
  ExpectInvalid(ValidateCertificateNumber("certificate.number", ""), "certificate.number",
                "required");
  ExpectInvalid(ValidateCertificateNumber("certificate.number", std::string(33, '7')),
                "certificate.number", "at most 32");
  for (const char* number : {"ZF 001", "ZF_001", "ZF/001", "执法001", "ZF-001\n"}) {
    SCOPED_TRACE(number);
    ExpectInvalid(ValidateCertificateNumber("certificate.number", number), "certificate.number");
  }
}

// ------------------------------------------------------------ request id

TEST(ValidateRequestIdTest, EmptyOrUpToSixtyFourSafeCharacters) {
  EXPECT_OK(ValidateRequestId("request_id", ""));
  EXPECT_OK(ValidateRequestId("request_id", "a"));
  EXPECT_OK(ValidateRequestId("request_id", "2f1c0e9a-7b7d-4e0b-9a57-3b1f1f3f2c11"));
  EXPECT_OK(ValidateRequestId("request_id", "batch_2024-06_01"));
  EXPECT_OK(ValidateRequestId("request_id", std::string(64, 'k')));
}

TEST(ValidateRequestIdTest, LongOrOddCharactersAreRefused) {
  ExpectInvalid(ValidateRequestId("request_id", std::string(65, 'k')), "request_id", "at most 64");
  for (const char* id : {"a b", "a.b", "a/b", "a:b", "请求"}) {
    SCOPED_TRACE(id);
    ExpectInvalid(ValidateRequestId("request_id", id), "request_id");
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
  ExpectInvalid(
      ValidateValidity(kFrom, absl::CivilDay(2024, 1, 2), kUntil, absl::CivilDay(2024, 1, 1)),
      kUntil, "must not be before certificate.valid_from");
}

TEST(ValidateValidityTest, SpanIsAtMostTenYears) {
  const absl::CivilDay from(2024, 1, 1);
  EXPECT_OK(ValidateValidity(kFrom, from, kUntil, from + 3653));
  EXPECT_OK(ValidateValidity(kFrom, from, kUntil, absl::CivilDay(2034, 1, 1)));
  ExpectInvalid(ValidateValidity(kFrom, from, kUntil, from + 3654), kUntil, "10 years");
  ExpectInvalid(ValidateValidity(kFrom, from, kUntil, absl::CivilDay(2040, 1, 1)), kUntil);
}

TEST(ValidateValidityTest, YearsOutsideNineteenHundredToNineNineNineNineAreRefused) {
  ExpectInvalid(
      ValidateValidity(kFrom, absl::CivilDay(1899, 12, 31), kUntil, absl::CivilDay(1900, 1, 1)),
      kFrom, "1900");
  EXPECT_OK(
      ValidateValidity(kFrom, absl::CivilDay(1900, 1, 1), kUntil, absl::CivilDay(1900, 1, 1)));
  ExpectInvalid(
      ValidateValidity(kFrom, absl::CivilDay(9999, 12, 31), kUntil, absl::CivilDay(10000, 1, 1)),
      kUntil, "9999");
  EXPECT_OK(
      ValidateValidity(kFrom, absl::CivilDay(9999, 1, 1), kUntil, absl::CivilDay(9999, 12, 31)));
}

// ------------------------------------------------------------------ year

TEST(ValidateYearTest, TwoThousandToTwentyOneHundred) {
  EXPECT_OK(ValidateYear("year", 2000));
  EXPECT_OK(ValidateYear("year", 2024));
  EXPECT_OK(ValidateYear("year", 2100));
  ExpectInvalid(ValidateYear("year", 1999), "year", "between 2000 and 2100");
  ExpectInvalid(ValidateYear("year", 2101), "year", "between 2000 and 2100");
  ExpectInvalid(ValidateYear("assessment.year", 0), "assessment.year");
}

// ----------------------------------------------------------------- roles

TEST(ValidateRolesTest, OneToThreeDistinctRoles) {
  EXPECT_OK(ValidateRoles("officer.roles", {OfficerRole::kOfficer}));
  EXPECT_OK(ValidateRoles("officer.roles", {OfficerRole::kOfficer, OfficerRole::kLegalReviewer,
                                            OfficerRole::kSupervisor}));
}

TEST(ValidateRolesTest, NoRoleIsRefused) {
  ExpectInvalid(ValidateRoles("officer.roles", {}), "officer.roles", "at least one role");
}

TEST(ValidateRolesTest, MoreThanThreeRolesAreRefused) {
  ExpectInvalid(ValidateRoles("officer.roles", {OfficerRole::kOfficer, OfficerRole::kLegalReviewer,
                                                OfficerRole::kSupervisor, OfficerRole::kOfficer}),
                "officer.roles", "at most 3");
}

TEST(ValidateRolesTest, DuplicateRoleIsNamedByIndex) {
  ExpectInvalid(
      ValidateRoles("officer.roles", {OfficerRole::kLegalReviewer, OfficerRole::kLegalReviewer}),
      "officer.roles[1]", "duplicate role");
}

TEST(ValidateRolesTest, UnknownRoleValueIsRefused) {
  ExpectInvalid(
      ValidateRoles("officer.roles", {OfficerRole::kOfficer, static_cast<OfficerRole>(0)}),
      "officer.roles[1]", "unknown role");
  ExpectInvalid(ValidateRoles("officer.roles", {static_cast<OfficerRole>(9)}), "officer.roles[0]",
                "unknown role");
}

}  // namespace
}  // namespace lawenforce::personnel
