#ifndef LAWENFORCE_COMMON_STATUS_ERRORS_H_
#define LAWENFORCE_COMMON_STATUS_ERRORS_H_

// Canonical error constructors used everywhere inside the suite. Errors are
// absl::Status values; the one mapping to gRPC lives in common/grpc.
//
// A validation error names the offending field twice: in the message
// ("officer.id_number: check digit does not match") for people, and as a
// status payload (kFieldPayloadUrl) for machines; the gRPC edge turns the
// payload into a google.rpc.BadRequest detail.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace lawenforce {

// Payload type URL under which the offending field path is stored.
inline constexpr absl::string_view kFieldPayloadUrl = "lawenforce.gov.cn/field";

// INVALID_ARGUMENT "<field>: <description>" with the field as payload.
absl::Status InvalidField(absl::string_view field, absl::string_view description);

// The field path carried by an InvalidField status, if any.
std::optional<std::string> FieldOf(const absl::Status& status);

// The field or rule a message leads with ("etag: ...", "visit.parts[0]:
// ..."), if any: a path of [A-Za-z0-9_.[]] before ": ".
std::optional<std::string> SubjectOf(absl::string_view message);

// The single answer to "you may not do this to that record". Deliberately
// identical whether or not the record exists (ARCHITECTURE.md section 7).
absl::Status PermissionDenied(absl::string_view what);

// UNAUTHENTICATED with a fixed, non-revealing message plus a short reason.
absl::Status Unauthenticated(absl::string_view reason);

// ABORTED "<etag_field>: does not match the current version; read it again"
// for a lost optimistic-concurrency race (stale etag, AIP-154).
absl::Status StaleEtag(absl::string_view etag_field);

}  // namespace lawenforce

#endif  // LAWENFORCE_COMMON_STATUS_ERRORS_H_
