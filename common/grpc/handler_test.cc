#include "common/grpc/handler.h"

#include "common/grpc/status_mapping.h"
#include "common/grpc/test_service.h"
#include "common/log/capture.h"
#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "grpcpp/server_context.h"
#include "grpcpp/test/server_context_test_spouse.h"
#include "gtest/gtest.h"

namespace lawenforce::grpc_edge {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::SizeIs;

class HandleAuthenticatedTest : public ::testing::Test {
 protected:
  HandleAuthenticatedTest() : spouse_(&ctx_) {
    auth::Principal officer;
    officer.subject = "officer-7";
    verifier_.Accept("good", officer);
  }

  void Authorize() { spouse_.AddClientMetadata("authorization", "Bearer good"); }

  ::grpc::ServerContext ctx_;
  ::grpc::testing::ServerContextTestSpouse spouse_;
  testing::FakeTokenVerifier verifier_;
};

TEST_F(HandleAuthenticatedTest, WithoutTokenTheBodyNeverRuns) {
  bool ran = false;
  ::grpc::Status status = HandleAuthenticated(&ctx_, verifier_, [&](const auth::Principal&) {
    ran = true;
    return absl::OkStatus();
  });
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_FALSE(ran);
}

TEST_F(HandleAuthenticatedTest, BodyRunsWithTheCallersPrincipal) {
  Authorize();
  std::string subject;
  ::grpc::Status status = HandleAuthenticated(&ctx_, verifier_, [&](const auth::Principal& who) {
    subject = who.subject;
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(subject, "officer-7");
}

TEST_F(HandleAuthenticatedTest, FieldErrorsKeepTheirDetails) {
  Authorize();
  ::grpc::Status status = HandleAuthenticated(&ctx_, verifier_, [&](const auth::Principal&) {
    return InvalidField("case.title", "must not be empty");
  });
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldOf(FromGrpcStatus(status)), Optional(std::string("case.title")));
}

TEST_F(HandleAuthenticatedTest, InternalErrorsAreLoggedThenGenericised) {
  Authorize();
  spouse_.AddClientMetadata("x-request-id", "req-42");
  log::ScopedCapture capture;
  ::grpc::Status status = HandleAuthenticated(&ctx_, verifier_, [&](const auth::Principal&) {
    return absl::InternalError("sqlite: database is locked");
  });
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message(), "internal error");
  auto events = capture.Events("internal_error");
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_EQ(events[0]["level"], "error");
  EXPECT_EQ(events[0]["error"], "sqlite: database is locked");
  EXPECT_EQ(events[0]["request_id"], "req-42");
  EXPECT_EQ(events[0]["code"], "INTERNAL");
}

TEST_F(HandleAuthenticatedTest, ClientErrorsAreNotLoggedAsInternal) {
  Authorize();
  log::ScopedCapture capture;
  HandleAuthenticated(&ctx_, verifier_,
                      [&](const auth::Principal&) { return absl::NotFoundError("no case"); });
  EXPECT_THAT(capture.Events("internal_error"), SizeIs(0));
}

}  // namespace
}  // namespace lawenforce::grpc_edge
