#ifndef LAWENFORCE_COMMON_PROTOCONV_PROTOCONV_H_
#define LAWENFORCE_COMMON_PROTOCONV_PROTOCONV_H_

// Conversions between protobuf wire types and the types domain code uses,
// shared by every service's api/ layer. Validation errors name the field.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/divisions/divisions.h"
#include "google/protobuf/message.h"
#include "google/protobuf/timestamp.pb.h"
#include "lawenforce/common/v1/common.pb.h"

namespace lawenforce::protoconv {

google::protobuf::Timestamp ToTimestamp(absl::Time t);
// INVALID_ARGUMENT naming `field` when seconds/nanos are out of range
// (years 0001..9999, nanos 0..999999999).
absl::StatusOr<absl::Time> FromTimestamp(absl::string_view field,
                                         const google::protobuf::Timestamp& ts);
// An optional Timestamp field: unset (`present` false) is nullopt; else
// FromTimestamp.
absl::StatusOr<std::optional<absl::Time>> OptionalTime(absl::string_view field, bool present,
                                                       const google::protobuf::Timestamp& ts);

lawenforce::common::v1::Date ToDate(absl::CivilDay day);
// INVALID_ARGUMENT naming `field` ("<field>: required" when unset, or the
// bad part, e.g. "<field>.month: must be 1..12", "<field>: not a calendar date").
absl::StatusOr<absl::CivilDay> FromDate(absl::string_view field, bool present,
                                        const lawenforce::common::v1::Date& date);

lawenforce::common::v1::Tier ToTier(Tier tier);
// The tier of division `code`, TIER_UNSPECIFIED when the table does not know it.
lawenforce::common::v1::Tier TierOf(const Divisions& divisions, absl::string_view code);

// Lower-case hex SHA-256 of the deterministic serialization of `request`
// after clearing its `request_id` field (if it has one): the fingerprint
// stored with an idempotency key.
std::string CanonicalRequestHash(const google::protobuf::Message& request);

// The message's deterministic serialization (map entries sorted): equal
// messages give equal bytes within one build of the schema.
std::string CanonicalBytes(const google::protobuf::Message& message);

// The request's `request_id` string field, or "" when it has none.
std::string RequestIdOf(const google::protobuf::Message& request);

}  // namespace lawenforce::protoconv

#endif  // LAWENFORCE_COMMON_PROTOCONV_PROTOCONV_H_
