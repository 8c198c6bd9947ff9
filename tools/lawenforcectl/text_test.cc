#include "tools/lawenforcectl/text.h"

#include "gtest/gtest.h"

namespace lawenforce::ctl {
namespace {

TEST(DisplayWidthTest, AsciiCountsOne) { EXPECT_EQ(DisplayWidth("ACTIVE"), 6u); }

TEST(DisplayWidthTest, ChineseCountsTwo) {
  EXPECT_EQ(DisplayWidth("行政执法"), 8u);
  EXPECT_EQ(DisplayWidth("暂扣：材料不全"), 14u);  // fullwidth colon included
  EXPECT_EQ(DisplayWidth("NX-执法-01"), 10u);
}

TEST(DisplayWidthTest, CombiningMarksCountZeroAndBadBytesOne) {
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1u);  // e + combining acute
  EXPECT_EQ(DisplayWidth("\xFF\xFE"), 2u);
  EXPECT_EQ(DisplayWidth("\xE8\xA1"), 2u);  // truncated sequence
}

TEST(PadRightTest, PadsToDisplayColumns) {
  EXPECT_EQ(PadRight("王芳", 6), "王芳  ");
  EXPECT_EQ(PadRight("abc", 2), "abc");
}

TEST(SanitizeTest, EscapesControlCharacters) {
  EXPECT_EQ(Sanitize("a\nb\tc\x1b[31m\x7f"), "a\\nb\\tc\\x1b[31m\\x7f");
  EXPECT_EQ(Sanitize("执法"), "执法");
}

}  // namespace
}  // namespace lawenforce::ctl
