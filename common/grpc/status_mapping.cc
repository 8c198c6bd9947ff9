#include "common/grpc/status_mapping.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace lawenforce::grpc_edge {
namespace {

constexpr absl::string_view kEllipsis = "...";

// `text` cut to at most `limit` bytes without splitting a UTF-8 sequence.
std::string Truncate(absl::string_view text, size_t limit) {
  if (text.size() <= limit) {
    return std::string(text);
  }
  size_t end = limit - kEllipsis.size();
  // Back up over continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return absl::StrCat(text.substr(0, end), kEllipsis);
}

bool IsCanonical(int code) { return code >= 0 && code <= 16; }

// ALREADY_EXISTS, FAILED_PRECONDITION and ABORTED carry what a program
// acts on: a google.rpc.ErrorInfo (a reason constant, the subject) and,
// for FAILED_PRECONDITION, a google.rpc.PreconditionFailure.
void AddConflictDetails(::grpc::StatusCode code, absl::string_view message,
                        google::rpc::Status& details) {
  const std::optional<std::string> subject = SubjectOf(message);
  google::rpc::ErrorInfo info;
  info.set_domain(std::string(kErrorDomain));
  switch (code) {
    case ::grpc::StatusCode::ALREADY_EXISTS:
      info.set_reason("ALREADY_EXISTS");
      break;
    case ::grpc::StatusCode::ABORTED:
      info.set_reason(subject.has_value() &&
                              (*subject == "etag" || absl::EndsWith(*subject, ".etag"))
                          ? "STALE_ETAG"
                          : "CONCURRENT_CHANGE");
      (*info.mutable_metadata())["retry"] = "read again, then retry";
      break;
    default:
      info.set_reason("PRECONDITION_FAILED");
      break;
  }
  if (subject.has_value()) (*info.mutable_metadata())["subject"] = *subject;
  details.add_details()->PackFrom(info);
  if (code != ::grpc::StatusCode::FAILED_PRECONDITION) return;
  google::rpc::PreconditionFailure failure;
  google::rpc::PreconditionFailure::Violation* v = failure.add_violations();
  v->set_type("RULE");
  v->set_subject(subject.value_or(""));
  absl::string_view description = message;
  if (subject.has_value()) description.remove_prefix(subject->size() + 2);
  v->set_description(Truncate(description, kMaxStatusMessageBytes));
  details.add_details()->PackFrom(failure);
}

bool IsConflict(::grpc::StatusCode code) {
  return code == ::grpc::StatusCode::ALREADY_EXISTS ||
         code == ::grpc::StatusCode::FAILED_PRECONDITION || code == ::grpc::StatusCode::ABORTED;
}

}  // namespace

::grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) {
    return ::grpc::Status::OK;
  }
  int code = static_cast<int>(status.code());
  if (!IsCanonical(code)) {
    code = static_cast<int>(absl::StatusCode::kUnknown);
  }
  auto grpc_code = static_cast<::grpc::StatusCode>(code);
  if (grpc_code == ::grpc::StatusCode::INTERNAL || grpc_code == ::grpc::StatusCode::UNKNOWN) {
    return ::grpc::Status(grpc_code, kInternalErrorMessage);
  }
  std::string message = Truncate(status.message(), kMaxStatusMessageBytes);

  std::optional<std::string> field = FieldOf(status);
  if (!field.has_value()) {
    if (!IsConflict(grpc_code)) return ::grpc::Status(grpc_code, message);
    google::rpc::Status details;
    details.set_code(code);
    details.set_message(message);
    AddConflictDetails(grpc_code, message, details);
    return ::grpc::Status(grpc_code, message, details.SerializeAsString());
  }
  // InvalidField writes "<field>: <description>"; the violation carries the
  // description alone.
  absl::string_view description = status.message();
  if (std::string prefix = absl::StrCat(*field, ": "); absl::StartsWith(description, prefix)) {
    description.remove_prefix(prefix.size());
  }
  google::rpc::BadRequest bad_request;
  google::rpc::BadRequest::FieldViolation* violation = bad_request.add_field_violations();
  violation->set_field(Truncate(*field, kMaxStatusMessageBytes));
  violation->set_description(Truncate(description, kMaxStatusMessageBytes));

  google::rpc::Status details;
  details.set_code(code);
  details.set_message(message);
  details.add_details()->PackFrom(bad_request);
  return ::grpc::Status(grpc_code, message, details.SerializeAsString());
}

absl::Status FromGrpcStatus(const ::grpc::Status& status) {
  if (status.ok()) {
    return absl::OkStatus();
  }
  int code = static_cast<int>(status.error_code());
  absl::Status result(
      IsCanonical(code) ? static_cast<absl::StatusCode>(code) : absl::StatusCode::kUnknown,
      status.error_message());
  if (status.error_details().empty()) {
    return result;
  }
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) {
    return result;
  }
  for (const google::protobuf::Any& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (any.Is<google::rpc::BadRequest>() && any.UnpackTo(&bad_request) &&
        bad_request.field_violations_size() > 0) {
      result.SetPayload(kFieldPayloadUrl, absl::Cord(bad_request.field_violations(0).field()));
      break;
    }
  }
  return result;
}

}  // namespace lawenforce::grpc_edge
