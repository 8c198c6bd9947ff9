#include "common/idnumber/id_number.h"

#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"

namespace lawenforce::idnumber {
namespace {

using ::lawenforce::testing::ExpectInvalidField;

TEST(IdNumberTest, AWellFormedNumberIsValidAndItsCheckDigitIsChecked) {
  EXPECT_OK(ValidateIdNumber("party.id_number", "640104198503121231"));
  ExpectInvalidField(ValidateIdNumber("party.id_number", "640104198503121232"), "party.id_number",
                     "check digit");
  ExpectInvalidField(ValidateIdNumber("party.id_number", "64010419850312123"), "party.id_number",
                     "18 characters");
  ExpectInvalidField(ValidateIdNumber("party.id_number", "6401041985031212A1"), "party.id_number",
                     "17 digits");
  ExpectInvalidField(ValidateIdNumber("party.id_number", "640104198502301231"), "party.id_number",
                     "birth date");
  ExpectInvalidField(
      ValidateIdNumber("party.id_number", "640104201001010018", absl::CivilDay(2009, 1, 1)),
      "party.id_number", "future");
  EXPECT_OK(ValidateIdNumber("party.id_number", "640104201001010018", absl::CivilDay(2025, 1, 1)))
      << "a minor may be a party";
}

TEST(IdNumberTest, TheMessageNeverRepeatsTheNumber) {
  absl::Status s = ValidateIdNumber("party.id_number", "640104198503121232");
  EXPECT_EQ(std::string(s.message()).find("640104198503121232"), std::string::npos);
}

TEST(IdNumberTest, MaskKeepsSixAndFour) {
  EXPECT_EQ(MaskIdNumber("64010419850312123x"), "640104********123X");
  EXPECT_EQ(MaskIdNumber("1234567890"), "**********");
  EXPECT_EQ(NormalizeIdNumber("64010419850312123x"), "64010419850312123X");
}

TEST(CreditCodeTest, TheCheckCharacterAndAlphabetOfGb32100AreChecked) {
  EXPECT_OK(ValidateCreditCode("party.credit_code", "91640100MA76A1B2CR"));
  EXPECT_OK(ValidateCreditCode("party.credit_code", "91640100ma76a1b2cr"));
  ExpectInvalidField(ValidateCreditCode("party.credit_code", "91640100MA76A1B2CQ"),
                     "party.credit_code", "check character");
  ExpectInvalidField(ValidateCreditCode("party.credit_code", "91640100MA76I1B2CR"),
                     "party.credit_code", "GB 32100");
  ExpectInvalidField(ValidateCreditCode("party.credit_code", "9164"), "party.credit_code", "18");
  EXPECT_EQ(NormalizeCreditCode("91640100ma76a1b2cr"), "91640100MA76A1B2CR");
}

}  // namespace
}  // namespace lawenforce::idnumber
