#include "services/personnel/domain/id_number.h"

#include <string>

#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::Eq;
using ::testing::Optional;

constexpr char kField[] = "officer.id_number";

// Appends the GB 11643 check character to 17 digits, computed independently
// of the code under test.
std::string WithCheckCharacter(const std::string& first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    sum += (first17[i] - '0') * kWeights[i];
  }
  return first17 + "10X98765432"[sum % 11];
}

// Any other check character than the right one.
std::string WithWrongCheckCharacter(const std::string& first17) {
  const char right = WithCheckCharacter(first17).back();
  return first17 + (right == '0' ? '1' : '0');
}

void ExpectInvalid(absl::string_view id_number, absl::string_view description) {
  const absl::Status status = ValidateIdNumber(kField, id_number);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               Eq(std::string(kField) + ": " + std::string(description))))
      << id_number;
  EXPECT_THAT(FieldOf(status), Optional(Eq(kField)));
}

TEST(IdNumberTest, KnownValidNumbersPass) {
  for (const char* id : {"11010519491231002X", "64010419900101123X", "640202198511200047",
                         "640522200002290023", "440301198001013016"}) {
    EXPECT_OK(ValidateIdNumber(kField, id)) << id;
  }
}

TEST(IdNumberTest, ComputedCheckCharactersPass) {
  for (const char* first17 : {"64010419900101001", "64010420040630555", "64030219000101000",
                              "64040221001231999", "64050220240229123"}) {
    EXPECT_OK(ValidateIdNumber(kField, WithCheckCharacter(first17))) << first17;
  }
}

TEST(IdNumberTest, LowerCaseXIsAccepted) {
  EXPECT_OK(ValidateIdNumber(kField, "11010519491231002x"));
}

TEST(IdNumberTest, WrongLengthIsRefused) {
  ExpectInvalid("", "must be 18 characters");
  ExpectInvalid("11010519491231002", "must be 18 characters");
  ExpectInvalid("11010519491231002X1", "must be 18 characters");
  // 15-digit first-generation numbers are not accepted.
  ExpectInvalid("110105491231002", "must be 18 characters");
}

TEST(IdNumberTest, LettersOtherThanAFinalXAreRefused) {
  ExpectInvalid("1101051949123100XX", "must be 17 digits followed by a digit or X");
  ExpectInvalid("A1010519491231002X", "must be 17 digits followed by a digit or X");
  ExpectInvalid("11010519491231002Y", "must be 17 digits followed by a digit or X");
  ExpectInvalid("110105 9491231002X", "must be 17 digits followed by a digit or X");
  ExpectInvalid("11010519491231002-", "must be 17 digits followed by a digit or X");
}

TEST(IdNumberTest, ImpossibleBirthDateIsRefused) {
  // Month 13, day 0, day 32, 30 February, 29 February in a common year,
  // 29 February 1900 (not a leap year), years outside 1900..2100.
  for (const char* first17 : {"64010419901301001", "64010419900100001", "64010419900132001",
                              "64010419900230001", "64010420230229001", "64010419000229001",
                              "64010418991231001", "64010421010101001", "64010400000101001"}) {
    ExpectInvalid(WithCheckCharacter(first17), "birth date is not a valid date");
  }
}

TEST(IdNumberTest, BirthDateBoundsAreInclusive) {
  EXPECT_OK(ValidateIdNumber(kField, WithCheckCharacter("64010419000101001")));
  EXPECT_OK(ValidateIdNumber(kField, WithCheckCharacter("64010421001231001")));
  EXPECT_OK(ValidateIdNumber(kField, WithCheckCharacter("64010420000229001")));
}

TEST(IdNumberTest, WrongCheckCharacterIsRefused) {
  ExpectInvalid("110105194912310020", "check digit does not match");
  ExpectInvalid("640104199001011231", "check digit does not match");
  for (const char* first17 : {"64010419900101001", "64020219851120004", "11010519491231002"}) {
    ExpectInvalid(WithWrongCheckCharacter(first17), "check digit does not match");
  }
}

TEST(IdNumberTest, ChangedDigitIsCaught) {
  // A single-digit typo anywhere among the 17 changes the check character.
  const std::string valid = "640202198511200047";
  for (int i = 0; i < 17; ++i) {
    if (i >= 6 && i < 14) {
      continue;  // the birth date may become invalid first
    }
    std::string typo = valid;
    typo[i] = typo[i] == '9' ? '0' : static_cast<char>(typo[i] + 1);
    ExpectInvalid(typo, "check digit does not match");
  }
}

TEST(IdNumberTest, NormalizeUpperCasesTheX) {
  EXPECT_EQ(NormalizeIdNumber("11010519491231002x"), "11010519491231002X");
  EXPECT_EQ(NormalizeIdNumber("11010519491231002X"), "11010519491231002X");
  EXPECT_EQ(NormalizeIdNumber("640202198511200047"), "640202198511200047");
}

TEST(IdNumberTest, MaskKeepsTheFirstSixAndLastFour) {
  EXPECT_EQ(MaskIdNumber("64010419900101123X"), "640104********123X");
  EXPECT_EQ(MaskIdNumber("640202198511200047"), "640202********0047");
}

TEST(IdNumberTest, MaskShowsTheCanonicalX) {
  EXPECT_EQ(MaskIdNumber("64010419900101123x"), "640104********123X");
}

TEST(IdNumberTest, MaskHidesTheBirthDate) {
  const std::string masked = MaskIdNumber("11010519491231002X");
  EXPECT_EQ(masked.find("19491231"), std::string::npos);
  EXPECT_EQ(masked.size(), 18u);
}

TEST(IdNumberTest, MaskOfATooShortValueRevealsNothing) {
  EXPECT_EQ(MaskIdNumber("1234567890"), "**********");
  EXPECT_EQ(MaskIdNumber(""), "");
}

}  // namespace
}  // namespace lawenforce::personnel
