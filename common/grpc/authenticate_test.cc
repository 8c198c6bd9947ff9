#include "common/grpc/authenticate.h"

#include "common/grpc/test_service.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "grpcpp/server_context.h"
#include "grpcpp/test/server_context_test_spouse.h"
#include "gtest/gtest.h"

namespace lawenforce::grpc_edge {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kGoodToken[] = "eyJhbGciOiJIUzI1NiJ9.good.sig";

class AuthenticateTest : public ::testing::Test {
 protected:
  AuthenticateTest() : spouse_(&ctx_) {
    auth::Principal officer;
    officer.subject = "officer-7";
    officer.division_code = "640104";
    verifier_.Accept(kGoodToken, officer);
  }

  ::grpc::ServerContext ctx_;
  ::grpc::testing::ServerContextTestSpouse spouse_;
  testing::FakeTokenVerifier verifier_;
};

TEST(BearerTokenTest, AcceptsAnyCaseOfTheScheme) {
  EXPECT_THAT(BearerToken("Bearer abc"), IsOkAndHolds("abc"));
  EXPECT_THAT(BearerToken("bearer abc"), IsOkAndHolds("abc"));
  EXPECT_THAT(BearerToken("BEARER   abc"), IsOkAndHolds("abc"));
}

TEST(BearerTokenTest, RejectsOtherSchemesAndMalformedValues) {
  EXPECT_THAT(BearerToken("Basic dXNlcjpwYXNz"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(BearerToken("Bearer"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(BearerToken("Bearer "), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(BearerToken("Bearerabc"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(BearerToken("Bearer a b"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(BearerToken("abc"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(BearerToken(""), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(AuthenticateTest, MissingMetadataIsUnauthenticatedWithoutCallingTheVerifier) {
  EXPECT_THAT(Authenticate(ctx_, verifier_),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("missing bearer token")));
  EXPECT_EQ(verifier_.calls(), 0);
}

TEST_F(AuthenticateTest, NonBearerSchemeIsUnauthenticatedAndNotEchoed) {
  spouse_.AddClientMetadata("authorization", "Basic c2VjcmV0");
  EXPECT_THAT(Authenticate(ctx_, verifier_),
              StatusIs(absl::StatusCode::kUnauthenticated, Not(HasSubstr("c2VjcmV0"))));
  EXPECT_EQ(verifier_.calls(), 0);
}

TEST_F(AuthenticateTest, ValidBearerTokenYieldsThePrincipal) {
  spouse_.AddClientMetadata("authorization", std::string("Bearer ") + kGoodToken);
  EXPECT_THAT(Authenticate(ctx_, verifier_),
              IsOkAndHolds(Field(&auth::Principal::subject, "officer-7")));
  EXPECT_EQ(verifier_.calls(), 1);
}

TEST_F(AuthenticateTest, RejectedTokenIsUnauthenticated) {
  spouse_.AddClientMetadata("authorization", "Bearer forged");
  EXPECT_THAT(Authenticate(ctx_, verifier_),
              StatusIs(absl::StatusCode::kUnauthenticated, Not(HasSubstr("forged"))));
}

TEST_F(AuthenticateTest, TwoAuthorizationHeadersAreUnauthenticated) {
  spouse_.AddClientMetadata("authorization", std::string("Bearer ") + kGoodToken);
  spouse_.AddClientMetadata("authorization", "Bearer other");
  EXPECT_THAT(Authenticate(ctx_, verifier_), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_EQ(verifier_.calls(), 0);
}

}  // namespace
}  // namespace lawenforce::grpc_edge
