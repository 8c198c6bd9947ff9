#include "tools/lawenforcectl/rpc_error.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace lawenforce::ctl {
namespace {

// A grpc::Status shaped like the server's: google.rpc.Status with a
// BadRequest detail in grpc-status-details-bin.
grpc::Status BadRequestStatus() {
  google::rpc::BadRequest bad_request;
  auto* first = bad_request.add_field_violations();
  first->set_field("certificate.valid_until");
  first->set_description("must not be before valid_from");
  auto* second = bad_request.add_field_violations();
  second->set_field("certificate.domains[1]");
  second->set_description("not a domain of the holder's agency");

  google::rpc::ErrorInfo info;  // Another detail type, to be skipped.
  info.set_reason("VALIDATION");

  google::rpc::Status status;
  status.set_code(static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  status.set_message("certificate.valid_until: must not be before valid_from");
  status.add_details()->PackFrom(info);
  status.add_details()->PackFrom(bad_request);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, status.message(),
                      status.SerializeAsString());
}

TEST(FormatRpcErrorTest, PrintsEveryFieldViolation) {
  EXPECT_EQ(FormatRpcError(BadRequestStatus()),
            "error: INVALID_ARGUMENT: certificate.valid_until: must not be before valid_from\n"
            "  field: certificate.valid_until — must not be before valid_from\n"
            "  field: certificate.domains[1] — not a domain of the holder's agency\n");
}

TEST(FormatRpcErrorTest, WithoutDetailsPrintsCodeAndMessage) {
  EXPECT_EQ(FormatRpcError(grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                                        "caller may not revoke certificates")),
            "error: PERMISSION_DENIED: caller may not revoke certificates\n");
  EXPECT_EQ(FormatRpcError(grpc::Status(grpc::StatusCode::UNAVAILABLE, "")),
            "error: UNAVAILABLE\n");
}

TEST(FormatRpcErrorTest, IgnoresUnparsableDetailsAndEscapesControlCharacters) {
  EXPECT_EQ(FormatRpcError(grpc::Status(grpc::StatusCode::ABORTED, "stale\x1b[2J etag",
                                        "\xff\xff not a proto")),
            "error: ABORTED: stale\\x1b[2J etag\n");
}

TEST(ExitCodeForTest, UnreachableIsThreeOtherErrorsOne) {
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::UNAVAILABLE), 3);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::DEADLINE_EXCEEDED), 3);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::INVALID_ARGUMENT), 1);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::NOT_FOUND), 1);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::OK), 0);
}

}  // namespace
}  // namespace lawenforce::ctl
