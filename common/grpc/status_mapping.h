#ifndef LAWENFORCE_COMMON_GRPC_STATUS_MAPPING_H_
#define LAWENFORCE_COMMON_GRPC_STATUS_MAPPING_H_

// The one mapping between absl::Status (used everywhere inside the suite)
// and grpc::Status (on the wire). STYLE.md rule 1: handlers never build a
// grpc::Status themselves.

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace lawenforce::grpc_edge {

// Longest status message sent to a client, in bytes.
inline constexpr size_t kMaxStatusMessageBytes = 512;

// The message sent instead of the real one for INTERNAL and UNKNOWN, whose
// text may carry SQL, Redis or file-system details. Callers log the real
// message first (FinishCall in handler.h does).
inline constexpr char kInternalErrorMessage[] = "internal error";

// ErrorInfo.domain of the suite's errors.
inline constexpr absl::string_view kErrorDomain = "lawenforce.nx.gov.cn";

// The wire status for `status`:
//   - the same code number (absl and gRPC share the canonical codes; a
//     non-canonical code becomes UNKNOWN);
//   - the message, cut to at most kMaxStatusMessageBytes on a UTF-8
//     character boundary ("..." marks the cut); kInternalErrorMessage for
//     INTERNAL and UNKNOWN;
//   - when the status names a field (lawenforce::FieldOf, set by
//     InvalidField), error_details holding a serialized google.rpc.Status
//     {code, message, details: [google.rpc.BadRequest{field_violations:
//     [{field, description}]}]}, which gRPC sends as the
//     `grpc-status-details-bin` trailer for clients in any language;
//   - for ALREADY_EXISTS, FAILED_PRECONDITION and ABORTED, the same
//     details holding a google.rpc.ErrorInfo {domain kErrorDomain, reason
//     ALREADY_EXISTS | PRECONDITION_FAILED | STALE_ETAG (ABORTED on
//     "etag: ...") | CONCURRENT_CHANGE, metadata "subject": the field or
//     rule the message leads with ("visit.parts[0]" of "visit.parts[0]:
//     ..."), and "retry" for ABORTED}, and for FAILED_PRECONDITION a
//     google.rpc.PreconditionFailure {violations: [{type "RULE", subject,
//     description: the message after the subject}]}.
::grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients of another service: code and message as
// received, plus the field payload (FieldOf) when the details carry a
// google.rpc.BadRequest with a field violation.
absl::Status FromGrpcStatus(const ::grpc::Status& status);

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_STATUS_MAPPING_H_
