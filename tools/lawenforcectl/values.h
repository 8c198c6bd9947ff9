#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_VALUES_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_VALUES_H_

// Strict parsers for flag values. Each takes the flag's name and returns
// INVALID_ARGUMENT "--<flag>: want <what>, got \"<text>\"" on bad input, so
// the user is told which flag to fix.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "google/protobuf/timestamp.pb.h"
#include "lawenforce/common/v1/common.pb.h"

namespace lawenforce::ctl {

// YYYY-MM-DD exactly (zero-padded), a real calendar day, year 1900..9999.
absl::StatusOr<common::v1::Date> ParseDateFlag(absl::string_view flag, absl::string_view text);

// RFC 3339 with an explicit offset: 2024-03-01T09:30:00+08:00, ...Z,
// fractional seconds allowed.
absl::StatusOr<google::protobuf::Timestamp> ParseTimestampFlag(absl::string_view flag,
                                                               absl::string_view text);

// A positive Go-style duration: 10s, 1h30m, 500ms.
absl::StatusOr<absl::Duration> ParseDurationFlag(absl::string_view flag, absl::string_view text);

// A decimal integer in [min, max].
absl::StatusOr<int32_t> ParseIntFlag(absl::string_view flag, absl::string_view text, int32_t min,
                                     int32_t max);

// A decimal integer in [min, max], 64-bit (amounts in fen).
absl::StatusOr<int64_t> ParseInt64Flag(absl::string_view flag, absl::string_view text, int64_t min,
                                       int64_t max);

// A finite decimal number greater than zero, e.g. 2.5.
absl::StatusOr<double> ParsePositiveNumberFlag(absl::string_view flag, absl::string_view text);

// One spelling a flag accepts and the enum value it stands for.
struct Choice {
  absl::string_view name;
  int value;
  // Aliases are accepted but not listed in usage.
  bool alias = false;
};

// The value of the choice named `text` (exact, lower-case).
absl::StatusOr<int> ParseChoiceFlag(absl::string_view flag, absl::string_view text,
                                    absl::Span<const Choice> choices);

// "a|b|c": the non-alias names, for usage text and errors.
std::string ChoiceNames(absl::Span<const Choice> choices);

// 1..64 of [A-Za-z0-9_-], the server's rule for idempotency keys.
absl::Status CheckRequestId(absl::string_view flag, absl::string_view text);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_VALUES_H_
