#include "common/config/flags.h"

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::config {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

// An environment that holds exactly `vars`.
EnvLookup FakeEnvironment(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) {
      return std::nullopt;
    }
    return it->second;
  };
}

absl::Status ParseArgs(Flags& flags, std::vector<std::string> args) {
  std::vector<const char*> argv = {"prog"};
  for (const std::string& arg : args) {
    argv.push_back(arg.c_str());
  }
  return flags.Parse(static_cast<int>(argv.size()), argv.data());
}

TEST(EnvNameTest, UpperCasesAndReplacesDashes) {
  EXPECT_EQ(EnvName("metrics-listen"), "LAWENFORCE_METRICS_LISTEN");
  EXPECT_EQ(EnvName("listen"), "LAWENFORCE_LISTEN");
}

TEST(FlagsTest, DefaultAppliesWhenNothingElseIsSet) {
  Flags flags("prog", FakeEnvironment({}));
  flags.Define("listen", "0.0.0.0:50051", "gRPC address");
  ASSERT_OK(ParseArgs(flags, {}));
  EXPECT_EQ(flags.Get("listen"), "0.0.0.0:50051");
}

TEST(FlagsTest, EnvironmentOverridesDefault) {
  Flags flags("prog", FakeEnvironment({{"LAWENFORCE_METRICS_LISTEN", "127.0.0.1:9000"}}));
  flags.Define("metrics-listen", "0.0.0.0:9464", "metrics address");
  ASSERT_OK(ParseArgs(flags, {}));
  EXPECT_EQ(flags.Get("metrics-listen"), "127.0.0.1:9000");
}

TEST(FlagsTest, EmptyEnvironmentValueCountsAsSet) {
  Flags flags("prog", FakeEnvironment({{"LAWENFORCE_METRICS_LISTEN", ""}}));
  flags.Define("metrics-listen", "0.0.0.0:9464", "metrics address");
  EXPECT_EQ(flags.Get("metrics-listen"), "");
}

TEST(FlagsTest, CommandLineOverridesEnvironmentInBothSpellings) {
  Flags flags("prog", FakeEnvironment({{"LAWENFORCE_LISTEN", "env:1"}, {"LAWENFORCE_DB", "env"}}));
  flags.Define("listen", "default:1", "gRPC address");
  flags.Define("db", "default.db", "database");
  ASSERT_OK(ParseArgs(flags, {"--listen=flag:1", "--db", "flag.db"}));
  EXPECT_EQ(flags.Get("listen"), "flag:1");
  EXPECT_EQ(flags.Get("db"), "flag.db");
}

TEST(FlagsTest, ValueMayContainEqualsSign) {
  Flags flags("prog", FakeEnvironment({}));
  flags.Define("dsn", "", "database");
  ASSERT_OK(ParseArgs(flags, {"--dsn=postgresql://h/db?sslmode=require"}));
  EXPECT_EQ(flags.Get("dsn"), "postgresql://h/db?sslmode=require");
}

TEST(FlagsTest, UnknownFlagIsInvalidArgumentNamingIt) {
  Flags flags("prog", FakeEnvironment({}));
  flags.Define("listen", "", "gRPC address");
  EXPECT_THAT(ParseArgs(flags, {"--lisen=x"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--lisen")));
  EXPECT_THAT(ParseArgs(flags, {"-listen=x"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("-listen=x")));
}

TEST(FlagsTest, FlagWithoutValueIsInvalidArgument) {
  Flags flags("prog", FakeEnvironment({}));
  flags.Define("listen", "", "gRPC address");
  flags.Define("db", "", "database");
  EXPECT_THAT(ParseArgs(flags, {"--listen"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--listen needs a value")));
  EXPECT_THAT(ParseArgs(flags, {"--listen", "--db=x"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--listen needs a value")));
}

TEST(FlagsTest, PositionalArgumentsAreKeptInOrder) {
  Flags flags("prog", FakeEnvironment({}));
  flags.Define("listen", "", "gRPC address");
  ASSERT_OK(ParseArgs(flags, {"create", "--listen=x", "case", "--", "--not-a-flag"}));
  EXPECT_THAT(flags.positional(), ::testing::ElementsAre("create", "case", "--not-a-flag"));
}

TEST(FlagsTest, HelpPrintsUsageAndIsDetectable) {
  Flags flags("prog", FakeEnvironment({}));
  flags.Define("metrics-listen", "0.0.0.0:9464", "Prometheus /metrics address.");
  ::testing::internal::CaptureStdout();
  absl::Status status = ParseArgs(flags, {"--help"});
  std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_TRUE(IsHelpRequested(status)) << status;
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kCancelled));
  EXPECT_THAT(out, HasSubstr("--metrics-listen"));
  EXPECT_THAT(out, HasSubstr("LAWENFORCE_METRICS_LISTEN"));
  EXPECT_THAT(out, HasSubstr("Prometheus /metrics address."));
  EXPECT_FALSE(IsHelpRequested(absl::CancelledError("other")));
  EXPECT_FALSE(IsHelpRequested(absl::OkStatus()));
}

TEST(FlagsTest, GetIntParsesOrNamesTheFlagAndSource) {
  Flags flags("prog", FakeEnvironment({{"LAWENFORCE_MAX_MESSAGE_BYTES", "lots"}}));
  flags.Define("max-message-bytes", "4194304", "limit");
  flags.Define("threads", "8", "threads");
  EXPECT_THAT(flags.GetInt("threads"), IsOkAndHolds(8));
  EXPECT_THAT(flags.GetInt("max-message-bytes"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::AllOf(HasSubstr("--max-message-bytes"), HasSubstr("\"lots\""),
                                        HasSubstr("LAWENFORCE_MAX_MESSAGE_BYTES"))));
}

TEST(FlagsTest, GetDurationUsesAbslSyntaxAndRejectsNegative) {
  Flags flags("prog", FakeEnvironment({}));
  flags.Define("grace", "10s", "grace");
  flags.Define("bad", "ten seconds", "bad");
  flags.Define("negative", "-1s", "negative");
  EXPECT_THAT(flags.GetDuration("grace"), IsOkAndHolds(absl::Seconds(10)));
  ASSERT_OK(ParseArgs(flags, {"--grace=1m30s"}));
  EXPECT_THAT(flags.GetDuration("grace"), IsOkAndHolds(absl::Seconds(90)));
  EXPECT_THAT(flags.GetDuration("bad"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--bad")));
  EXPECT_THAT(flags.GetDuration("negative"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--negative")));
}

TEST(FlagsTest, GetBoolAcceptsCommonSpellings) {
  Flags flags("prog", FakeEnvironment({{"LAWENFORCE_B", "YES"}}));
  flags.Define("a", "true", "");
  flags.Define("b", "false", "");
  flags.Define("c", "0", "");
  flags.Define("d", "maybe", "");
  EXPECT_THAT(flags.GetBool("a"), IsOkAndHolds(true));
  EXPECT_THAT(flags.GetBool("b"), IsOkAndHolds(true));
  EXPECT_THAT(flags.GetBool("c"), IsOkAndHolds(false));
  EXPECT_THAT(flags.GetBool("d"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--d")));
}

TEST(FlagsDeathTest, ReadingAnUndefinedFlagAborts) {
  Flags flags("prog", FakeEnvironment({}));
  EXPECT_DEATH(flags.Get("nope"), "never defined");
}

TEST(FlagsDeathTest, DefiningTwiceAborts) {
  Flags flags("prog", FakeEnvironment({}));
  flags.Define("listen", "", "");
  EXPECT_DEATH(flags.Define("listen", "", ""), "defined twice");
}

TEST(ReadSecretTest, PlainValueIsReturnedAsIs) {
  Flags flags("prog", FakeEnvironment({{"LAWENFORCE_JWT_KEY", "s3cret"}}));
  flags.Define("jwt-key", "", "key");
  EXPECT_THAT(ReadSecret(flags, "jwt-key"), IsOkAndHolds("s3cret"));
}

TEST(ReadSecretTest, AtPathReadsTheFileWithoutTrailingNewline) {
  lawenforce::testing::TempDir dir;
  std::string path = dir.File("key");
  std::ofstream(path) << "line one\nline two\n";
  Flags flags("prog", FakeEnvironment({}));
  flags.Define("jwt-key", "", "key");
  ASSERT_OK(ParseArgs(flags, {"--jwt-key=@" + path}));
  EXPECT_THAT(ReadSecret(flags, "jwt-key"), IsOkAndHolds("line one\nline two"));
}

TEST(ReadSecretTest, CrLfIsTrimmedToo) {
  lawenforce::testing::TempDir dir;
  std::string path = dir.File("key");
  std::ofstream(path) << "abc\r\n";
  Flags flags("prog", FakeEnvironment({{"LAWENFORCE_JWT_KEY", "@" + path}}));
  flags.Define("jwt-key", "", "key");
  EXPECT_THAT(ReadSecret(flags, "jwt-key"), IsOkAndHolds("abc"));
}

TEST(ReadSecretTest, MissingFileIsNotFoundNamingFlagAndPath) {
  Flags flags("prog", FakeEnvironment({{"LAWENFORCE_JWT_KEY", "@/nonexistent/key.pem"}}));
  flags.Define("jwt-key", "", "key");
  EXPECT_THAT(
      ReadSecret(flags, "jwt-key"),
      StatusIs(absl::StatusCode::kNotFound,
               ::testing::AllOf(HasSubstr("--jwt-key"), HasSubstr("/nonexistent/key.pem"))));
}

TEST(ReadSecretTest, BareAtIsInvalidArgument) {
  Flags flags("prog", FakeEnvironment({{"LAWENFORCE_JWT_KEY", "@"}}));
  flags.Define("jwt-key", "", "key");
  EXPECT_THAT(ReadSecret(flags, "jwt-key"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--jwt-key")));
}

}  // namespace
}  // namespace lawenforce::config
