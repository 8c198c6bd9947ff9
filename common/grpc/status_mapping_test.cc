#include "common/grpc/status_mapping.h"

#include <string>

#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace lawenforce::grpc_edge {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::Optional;
using ::testing::SizeIs;

TEST(ToGrpcStatusTest, OkIsOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok()); }

TEST(ToGrpcStatusTest, KeepsCodeNumberAndMessageOfClientVisibleCodes) {
  for (int code = 1; code <= 16; ++code) {
    if (code == 2 || code == 13 || code == 6 || code == 9 || code == 10) {
      continue;  // UNKNOWN and INTERNAL, ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED: below.
    }
    absl::Status status(static_cast<absl::StatusCode>(code), "what happened");
    ::grpc::Status mapped = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(mapped.error_code()), code);
    EXPECT_EQ(mapped.error_message(), "what happened");
    EXPECT_EQ(mapped.error_details(), "");
  }
}

TEST(ToGrpcStatusTest, InternalAndUnknownMessagesAreReplaced) {
  ::grpc::Status internal = ToGrpcStatus(absl::InternalError("UNIQUE constraint failed: cases.id"));
  EXPECT_EQ(internal.error_code(), ::grpc::StatusCode::INTERNAL);
  EXPECT_EQ(internal.error_message(), "internal error");
  ::grpc::Status unknown = ToGrpcStatus(absl::UnknownError("redis: connection reset"));
  EXPECT_EQ(unknown.error_code(), ::grpc::StatusCode::UNKNOWN);
  EXPECT_EQ(unknown.error_message(), "internal error");
}

TEST(ToGrpcStatusTest, NonCanonicalCodeBecomesUnknown) {
  ::grpc::Status mapped = ToGrpcStatus(absl::Status(static_cast<absl::StatusCode>(42), "odd"));
  EXPECT_EQ(mapped.error_code(), ::grpc::StatusCode::UNKNOWN);
  EXPECT_EQ(mapped.error_message(), "internal error");
}

TEST(ToGrpcStatusTest, LongMessageIsCappedOnACharacterBoundary) {
  std::string message;
  for (int i = 0; i < 300; ++i) {
    message += "银";  // 3 bytes in UTF-8.
  }
  ::grpc::Status mapped = ToGrpcStatus(absl::FailedPreconditionError(message));
  const std::string& sent = mapped.error_message();
  EXPECT_LE(sent.size(), kMaxStatusMessageBytes);
  EXPECT_GE(sent.size(), kMaxStatusMessageBytes - 5);
  ASSERT_TRUE(sent.ends_with("..."));
  std::string kept = sent.substr(0, sent.size() - 3);
  EXPECT_EQ(kept.size() % 3, 0u);
  EXPECT_TRUE(message.starts_with(kept));
}

TEST(ToGrpcStatusTest, MessageOfExactlyTheLimitIsKept) {
  std::string message(kMaxStatusMessageBytes, 'a');
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError(message)).error_message(), message);
}

TEST(ToGrpcStatusTest, FieldErrorCarriesBadRequestDetails) {
  ::grpc::Status mapped =
      ToGrpcStatus(InvalidField("officer.id_number", "check digit does not match"));
  EXPECT_EQ(mapped.error_code(), ::grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(mapped.error_message(), "officer.id_number: check digit does not match");

  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(mapped.error_details()));
  EXPECT_EQ(details.code(), 3);
  EXPECT_EQ(details.message(), "officer.id_number: check digit does not match");
  ASSERT_THAT(details.details(), SizeIs(1));
  EXPECT_EQ(details.details(0).type_url(), "type.googleapis.com/google.rpc.BadRequest");
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad_request));
  ASSERT_THAT(bad_request.field_violations(), SizeIs(1));
  EXPECT_EQ(bad_request.field_violations(0).field(), "officer.id_number");
  EXPECT_EQ(bad_request.field_violations(0).description(), "check digit does not match");
}

// The details of `mapped` of type T (the first), or nullopt.
template <typename T>
std::optional<T> Detail(const ::grpc::Status& mapped) {
  google::rpc::Status details;
  if (!details.ParseFromString(mapped.error_details())) return std::nullopt;
  for (const google::protobuf::Any& any : details.details()) {
    T out;
    if (any.Is<T>() && any.UnpackTo(&out)) return out;
  }
  return std::nullopt;
}

TEST(ToGrpcStatusTest, AFailedPreconditionNamesItsReasonAndSubject) {
  ::grpc::Status mapped = ToGrpcStatus(absl::FailedPreconditionError(
      "visit.parts[0]: agency a has visited X 2 times in 2025; its cap is 2 (plan)"));
  EXPECT_EQ(mapped.error_code(), ::grpc::StatusCode::FAILED_PRECONDITION);
  std::optional<google::rpc::ErrorInfo> info = Detail<google::rpc::ErrorInfo>(mapped);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->domain(), "lawenforce.nx.gov.cn");
  EXPECT_EQ(info->reason(), "PRECONDITION_FAILED");
  EXPECT_EQ(info->metadata().at("subject"), "visit.parts[0]");
  std::optional<google::rpc::PreconditionFailure> failure =
      Detail<google::rpc::PreconditionFailure>(mapped);
  ASSERT_TRUE(failure.has_value());
  ASSERT_THAT(failure->violations(), SizeIs(1));
  EXPECT_EQ(failure->violations(0).type(), "RULE");
  EXPECT_EQ(failure->violations(0).subject(), "visit.parts[0]");
  EXPECT_EQ(failure->violations(0).description(),
            "agency a has visited X 2 times in 2025; its cap is 2 (plan)");
  // No leading subject: the reason alone.
  mapped = ToGrpcStatus(absl::FailedPreconditionError("clock decision has not started"));
  info = Detail<google::rpc::ErrorInfo>(mapped);
  ASSERT_TRUE(info.has_value());
  EXPECT_FALSE(info->metadata().contains("subject"));
  EXPECT_EQ(Detail<google::rpc::PreconditionFailure>(mapped)->violations(0).subject(), "");
}

TEST(ToGrpcStatusTest, AStaleEtagAndAnExistingRecordSayWhatToDo) {
  ::grpc::Status stale = ToGrpcStatus(StaleEtag("etag"));
  std::optional<google::rpc::ErrorInfo> info = Detail<google::rpc::ErrorInfo>(stale);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "STALE_ETAG");
  EXPECT_EQ(info->metadata().at("subject"), "etag");
  EXPECT_TRUE(info->metadata().contains("retry"));
  EXPECT_FALSE(Detail<google::rpc::PreconditionFailure>(stale).has_value());
  info = Detail<google::rpc::ErrorInfo>(
      ToGrpcStatus(absl::AbortedError("source_id: another import was stored meanwhile")));
  EXPECT_EQ(info->reason(), "CONCURRENT_CHANGE");
  info = Detail<google::rpc::ErrorInfo>(
      ToGrpcStatus(absl::AlreadyExistsError("certificate.number: already issued")));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "ALREADY_EXISTS");
  EXPECT_EQ(info->metadata().at("subject"), "certificate.number");
  // A message led by prose is no subject.
  info = Detail<google::rpc::ErrorInfo>(
      ToGrpcStatus(absl::AlreadyExistsError("the record already exists: id x")));
  EXPECT_FALSE(info->metadata().contains("subject"));
}

TEST(FromGrpcStatusTest, FieldErrorRoundTrips) {
  absl::Status original = InvalidField("case.division_code", "not a county of the caller");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(original));
  EXPECT_THAT(back, StatusIs(absl::StatusCode::kInvalidArgument,
                             "case.division_code: not a county of the caller"));
  EXPECT_THAT(FieldOf(back), Optional(std::string("case.division_code")));
}

TEST(FromGrpcStatusTest, KeepsCodeAndMessageWithoutDetails) {
  absl::Status back =
      FromGrpcStatus(::grpc::Status(::grpc::StatusCode::PERMISSION_DENIED, "caller may not x"));
  EXPECT_THAT(back, StatusIs(absl::StatusCode::kPermissionDenied, "caller may not x"));
  EXPECT_EQ(FieldOf(back), std::nullopt);
  EXPECT_TRUE(FromGrpcStatus(::grpc::Status::OK).ok());
}

TEST(FromGrpcStatusTest, UnparseableDetailsAreIgnored) {
  absl::Status back = FromGrpcStatus(
      ::grpc::Status(::grpc::StatusCode::INVALID_ARGUMENT, "bad", std::string("\xff\xff\xff", 3)));
  EXPECT_THAT(back, StatusIs(absl::StatusCode::kInvalidArgument, "bad"));
  EXPECT_EQ(FieldOf(back), std::nullopt);
}

}  // namespace
}  // namespace lawenforce::grpc_edge
