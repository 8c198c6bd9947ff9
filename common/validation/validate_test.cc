#include "common/validation/validate.h"

#include <string>

#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"

namespace lawenforce {
namespace {

using ::lawenforce::testing::ExpectInvalidField;

// ------------------------------------------------------------------ text

TEST(ValidateTextTest, ChineseNameIsCountedByCharacterNotByte) {
  // 三个字 = 9 bytes, 3 characters.
  EXPECT_OK(ValidateText("officer.name", "马晓燕", 3));
  ExpectInvalidField(ValidateText("officer.name", "马晓燕", 2), "officer.name",
                     "at most 2 characters");
  // 128 CJK characters fit a 128-character limit although they are 384 bytes.
  std::string long_name;
  for (int i = 0; i < 128; ++i) {
    long_name += "宁";
  }
  EXPECT_OK(ValidateText("agency.name", long_name, 128));
  ExpectInvalidField(ValidateText("agency.name", long_name + "夏", 128), "agency.name",
                     "at most 128 characters");
}

TEST(ValidateTextTest, FourByteCharactersCountAsOne) {
  EXPECT_OK(ValidateText("officer.name", "𠀀𠀁", 2));  // CJK Extension B
  ExpectInvalidField(ValidateText("officer.name", "𠀀𠀁𠀂", 2), "officer.name");
}

TEST(ValidateTextTest, EmptyOrBlankTextIsRequired) {
  ExpectInvalidField(ValidateText("officer.name", "", 64), "officer.name", "required");
  ExpectInvalidField(ValidateText("officer.name", "   ", 64), "officer.name", "required");
  ExpectInvalidField(ValidateText("officer.name", " \t\r\n", 64), "officer.name", "required");
}

TEST(ValidateTextTest, SurroundingSpacesAreAllowed) {
  EXPECT_OK(ValidateText("officer.name", " 张三 ", 64));
}

TEST(ValidateTextTest, ControlCharactersAreRefused) {
  for (const std::string& value :
       {std::string("a\nb"), std::string("a\tb"), std::string("a\x7f"), std::string("a\x01"),
        std::string("a\0b", 3), std::string("a\xc2\x85"), std::string("\x1b[31mred")}) {
    ExpectInvalidField(ValidateText("certificate.reason", value, 500), "certificate.reason",
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
    ExpectInvalidField(ValidateText("officer.name", value, 64), "officer.name", "valid UTF-8");
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
  ExpectInvalidField(ValidateOptionalText("assessment.remarks", "   ", 500), "assessment.remarks",
                     "whitespace");
  ExpectInvalidField(ValidateOptionalText("assessment.remarks", "a\x01", 500), "assessment.remarks",
                     "control characters");
  ExpectInvalidField(ValidateOptionalText("assessment.remarks", "\xff", 500), "assessment.remarks",
                     "valid UTF-8");
  ExpectInvalidField(ValidateOptionalText("assessment.remarks", "好好", 1), "assessment.remarks",
                     "at most 1 characters");
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
  ExpectInvalidField(ValidateRequestId("request_id", std::string(65, 'k')), "request_id",
                     "at most 64");
  for (const char* id : {"a b", "a.b", "a/b", "a:b", "请求"}) {
    SCOPED_TRACE(id);
    ExpectInvalidField(ValidateRequestId("request_id", id), "request_id");
  }
}

// ------------------------------------------------------------------ year

TEST(ValidateYearTest, TwoThousandToTwentyOneHundred) {
  EXPECT_OK(ValidateYear("year", 2000));
  EXPECT_OK(ValidateYear("year", 2024));
  EXPECT_OK(ValidateYear("year", 2100));
  ExpectInvalidField(ValidateYear("year", 1999), "year", "between 2000 and 2100");
  ExpectInvalidField(ValidateYear("year", 2101), "year", "between 2000 and 2100");
  ExpectInvalidField(ValidateYear("assessment.year", 0), "assessment.year");
}

}  // namespace
}  // namespace lawenforce

namespace lawenforce {
namespace {

TEST(ValidateMultilineTextTest, LineBreaksAndTabsPassOtherControlsDoNot) {
  EXPECT_TRUE(ValidateMultilineText("body", "第一段\n第二段\r\n\t第三段", 100).ok());
  EXPECT_FALSE(ValidateText("body", "第一段\n第二段", 100).ok());
  EXPECT_FALSE(ValidateMultilineText("body", "bell\a", 100).ok());
  EXPECT_FALSE(ValidateMultilineText("body", "\n\n", 100).ok());
  EXPECT_TRUE(ValidateOptionalMultilineText("body", "", 100).ok());
  EXPECT_EQ(TruncateText("一二三四", 2), "一二");
  EXPECT_EQ(TruncateText("ab", 5), "ab");
}

}  // namespace
}  // namespace lawenforce
