#include "tools/lawenforcectl/token_mint.h"

#include <map>
#include <sstream>

#include "common/auth/token.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/lawenforcectl/commands.h"

namespace lawenforce::ctl {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr absl::string_view kSecret = "0123456789abcdef0123456789abcdef";  // 32 bytes.

// An environment with fixed variables and files and a fake clock.
class FakeEnvironment {
 public:
  FakeEnvironment() {
    env_.getenv = [this](absl::string_view name) -> std::optional<std::string> {
      auto it = vars_.find(std::string(name));
      return it == vars_.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    env_.read_file = [this](const std::string& path) -> absl::StatusOr<std::string> {
      auto it = files_.find(path);
      if (it == files_.end()) {
        return absl::NotFoundError("cannot read " + path);
      }
      return it->second;
    };
    env_.clock = &clock_;
    env_.ids = &ids_;
  }

  std::map<std::string, std::string> vars_;
  std::map<std::string, std::string> files_;
  FakeClock clock_{absl::FromUnixSeconds(1700000000)};
  SequentialIdGenerator ids_;
  Environment env_;
};

absl::StatusOr<Args> ParseMint(const std::vector<std::string>& tokens) {
  return ParseCommandArgs(*FindCommand("token", "mint"), tokens);
}

TEST(BuildMintOptionsTest, ReadsEveryFlag) {
  FakeEnvironment fake;
  fake.files_["/k"] = std::string(kSecret) + "\n";
  ASSERT_OK_AND_ASSIGN(Args args,
                       ParseMint({"--role", "supervisor", "--role", "agency_admin", "--division",
                                  "640104", "--agency", "a-1", "--subject", "zhang", "--ttl", "30m",
                                  "--alg", "HS256", "--key-file", "/k"}));
  ASSERT_OK_AND_ASSIGN(auth::MintOptions options, BuildMintOptions(args, fake.env_));
  EXPECT_THAT(options.roles, ElementsAre(auth::Role::kSupervisor, auth::Role::kAgencyAdmin));
  EXPECT_EQ(options.division_code, "640104");
  EXPECT_EQ(options.agency_id, "a-1");
  EXPECT_EQ(options.subject, "zhang");
  EXPECT_EQ(options.lifetime, absl::Minutes(30));
  EXPECT_EQ(options.algorithm, auth::Algorithm::kHs256);
  EXPECT_EQ(options.key, kSecret);  // The trailing newline of the file is dropped.
  EXPECT_EQ(options.issued_at, absl::FromUnixSeconds(1700000000));
}

TEST(BuildMintOptionsTest, DefaultsAndSecretFromEnvironment) {
  FakeEnvironment fake;
  fake.vars_["LAWENFORCE_JWT_SECRET"] = std::string(kSecret);
  ASSERT_OK_AND_ASSIGN(Args args, ParseMint({"--role", "officer", "--division", "640104"}));
  ASSERT_OK_AND_ASSIGN(auth::MintOptions options, BuildMintOptions(args, fake.env_));
  EXPECT_EQ(options.subject, "lawenforcectl");
  EXPECT_EQ(options.lifetime, absl::Hours(12));
  EXPECT_EQ(options.key, kSecret);
}

TEST(BuildMintOptionsTest, BadValuesNameTheFlag) {
  FakeEnvironment fake;
  fake.vars_["LAWENFORCE_JWT_SECRET"] = std::string(kSecret);
  ASSERT_OK_AND_ASSIGN(Args role, ParseMint({"--role", "root", "--division", "640104"}));
  EXPECT_THAT(BuildMintOptions(role, fake.env_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--role: want one of")));
  ASSERT_OK_AND_ASSIGN(Args alg,
                       ParseMint({"--role", "officer", "--division", "6401", "--alg", "none"}));
  EXPECT_THAT(BuildMintOptions(alg, fake.env_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--alg: want")));
  ASSERT_OK_AND_ASSIGN(Args ttl,
                       ParseMint({"--role", "officer", "--division", "6401", "--ttl", "-5m"}));
  EXPECT_THAT(BuildMintOptions(ttl, fake.env_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--ttl: want")));
  ASSERT_OK_AND_ASSIGN(
      Args file, ParseMint({"--role", "officer", "--division", "6401", "--key-file", "/missing"}));
  EXPECT_THAT(BuildMintOptions(file, fake.env_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--key-file")));
  EXPECT_THAT(ParseMint({"--division", "6401"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --role"));
}

TEST(BuildMintOptionsTest, NoKeyAnywhereIsAnError) {
  FakeEnvironment fake;
  ASSERT_OK_AND_ASSIGN(Args args, ParseMint({"--role", "officer", "--division", "640104"}));
  EXPECT_THAT(BuildMintOptions(args, fake.env_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no signing key")));
}

TEST(RunTokenMintTest, PrintsOnlyAVerifiableToken) {
  FakeEnvironment fake;
  fake.vars_["LAWENFORCE_JWT_SECRET"] = std::string(kSecret);
  ASSERT_OK_AND_ASSIGN(
      Args args, ParseMint({"--role", "supervisor", "--division", "640104", "--subject", "ops"}));
  std::ostringstream out;
  std::ostringstream err;
  Io io{fake.env_, out, err};
  ASSERT_EQ(RunTokenMint(*FindCommand("token", "mint"), args, io), 0) << err.str();
  EXPECT_EQ(err.str(), "");
  std::string token = out.str();
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(token.back(), '\n');
  token.pop_back();
  EXPECT_EQ(token.find_first_of(" \n"), std::string::npos);

  auth::VerifierOptions verifier_options;
  verifier_options.key = std::string(kSecret);
  ASSERT_OK_AND_ASSIGN(auto verifier, auth::CreateTokenVerifier(verifier_options, &fake.clock_));
  ASSERT_OK_AND_ASSIGN(auth::Principal principal, verifier->Verify(token));
  EXPECT_EQ(principal.subject, "ops");
  EXPECT_EQ(principal.division_code, "640104");
  EXPECT_TRUE(principal.roles.Has(auth::Role::kSupervisor));
}

}  // namespace
}  // namespace lawenforce::ctl
