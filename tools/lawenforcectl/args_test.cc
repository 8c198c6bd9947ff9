#include "tools/lawenforcectl/args.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::ctl {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::vector<FlagSpec>& Specs() {
  static const auto* const kSpecs = new std::vector<FlagSpec>{
      Required("officer", "ID", ""),
      RequiredRepeated("domain", "DOMAIN", ""),
      Optional("reason", "TEXT", ""),
      OptionalRepeated("role", "ROLE", ""),
      Switch("all", ""),
  };
  return *kSpecs;
}

TEST(ParseArgsTest, AcceptsSpaceAndEqualsForms) {
  ASSERT_OK_AND_ASSIGN(Args args,
                       ParseArgs(Specs(), {"--officer", "o-1", "--domain=market", "--reason=a=b"}));
  EXPECT_EQ(args.Value("officer"), "o-1");
  EXPECT_EQ(args.Value("domain"), "market");
  EXPECT_EQ(args.Value("reason"), "a=b");
  EXPECT_FALSE(args.Has("role"));
  EXPECT_EQ(args.Value("role"), "");
}

TEST(ParseArgsTest, RepeatableFlagKeepsEveryValueInOrder) {
  ASSERT_OK_AND_ASSIGN(Args args, ParseArgs(Specs(), {"--officer", "o", "--domain", "b", "--domain",
                                                      "a", "--domain=c"}));
  EXPECT_THAT(args.Values("domain"), ElementsAre("b", "a", "c"));
}

TEST(ParseArgsTest, NonRepeatableFlagGivenTwiceIsAnError) {
  EXPECT_THAT(ParseArgs(Specs(), {"--officer", "a", "--officer", "b", "--domain", "d"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--officer given more")));
}

TEST(ParseArgsTest, MissingRequiredFlagIsNamed) {
  EXPECT_THAT(ParseArgs(Specs(), {"--officer", "a"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --domain"));
}

TEST(ParseArgsTest, EmptyValueOfRequiredFlagIsAnError) {
  EXPECT_THAT(ParseArgs(Specs(), {"--officer=", "--domain", "d"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "--officer must not be empty"));
}

TEST(ParseArgsTest, UnknownFlagIsNamed) {
  EXPECT_THAT(ParseArgs(Specs(), {"--officer", "a", "--domain", "d", "--offcer", "x"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "unknown flag --offcer"));
  EXPECT_THAT(ParseArgs(Specs(), {"-x"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown flag -x")));
}

TEST(ParseArgsTest, ForgottenValueIsNotSwallowingTheNextFlag) {
  EXPECT_THAT(ParseArgs(Specs(), {"--officer", "--domain", "d"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--officer needs a value")));
  EXPECT_THAT(ParseArgs(Specs(), {"--domain", "d", "--officer"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--officer needs a value")));
  ASSERT_OK_AND_ASSIGN(Args args, ParseArgs(Specs(), {"--officer=--odd", "--domain", "d"}));
  EXPECT_EQ(args.Value("officer"), "--odd");
}

TEST(ParseArgsTest, SwitchTakesNoValueOrTrueFalse) {
  ASSERT_OK_AND_ASSIGN(Args on, ParseArgs(Specs(), {"--officer", "a", "--domain", "d", "--all"}));
  EXPECT_TRUE(on.Enabled("all"));
  ASSERT_OK_AND_ASSIGN(Args off,
                       ParseArgs(Specs(), {"--officer", "a", "--domain", "d", "--all=false"}));
  EXPECT_FALSE(off.Enabled("all"));
  EXPECT_THAT(ParseArgs(Specs(), {"--officer", "a", "--domain", "d", "--all=yes"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--all: want true or false")));
}

TEST(ParseArgsTest, PositionalIsRequiredWhenNamed) {
  std::vector<FlagSpec> specs = {Optional("etag", "ETAG", "")};
  EXPECT_THAT(ParseArgs(specs, {"--etag", "e"}, "ID"),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing argument ID"));
  EXPECT_THAT(ParseArgs(specs, {"a", "b"}, "ID"),
              StatusIs(absl::StatusCode::kInvalidArgument, "unexpected argument \"b\""));
  EXPECT_THAT(ParseArgs(specs, {"a"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "unexpected argument \"a\""));
  ASSERT_OK_AND_ASSIGN(Args args, ParseArgs(specs, {"--etag", "e", "id-1"}, "ID"));
  EXPECT_THAT(args.positionals(), ElementsAre("id-1"));
}

TEST(ParseArgsTest, DoubleDashEndsFlags) {
  std::vector<FlagSpec> specs = {Optional("etag", "ETAG", "")};
  ASSERT_OK_AND_ASSIGN(Args args, ParseArgs(specs, {"--", "--weird-id"}, "ID"));
  EXPECT_THAT(args.positionals(), ElementsAre("--weird-id"));
}

TEST(ParseArgsTest, HelpSkipsTheRequiredChecks) {
  ASSERT_OK_AND_ASSIGN(Args args, ParseArgs(Specs(), {"--help"}, "ID"));
  EXPECT_TRUE(args.help_requested());
  ASSERT_OK_AND_ASSIGN(Args short_form, ParseArgs(Specs(), {"-h"}));
  EXPECT_TRUE(short_form.help_requested());
}

TEST(ParseArgsDeathTest, ReadingAnUndeclaredFlagAborts) {
  ASSERT_OK_AND_ASSIGN(Args args, ParseArgs(Specs(), {"--officer", "a", "--domain", "d"}));
  EXPECT_DEATH(args.Value("nonexistent"), "not declared");
}

}  // namespace
}  // namespace lawenforce::ctl
