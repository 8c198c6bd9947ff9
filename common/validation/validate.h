#ifndef LAWENFORCE_COMMON_VALIDATION_VALIDATE_H_
#define LAWENFORCE_COMMON_VALIDATION_VALIDATE_H_

// Input rules every service applies to free text, client keys and years.
// Each returns OK or INVALID_ARGUMENT naming the field path it was given
// (common/status/errors.h InvalidField), e.g. "officer.name: required".
// A service's own rules (certificate numbers, case numbers...) live in its
// domain/ and build on these.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace lawenforce {

// Non-empty after trimming, at most `max_chars` Unicode characters (UTF-8
// counted by code point), valid UTF-8, no control characters.
absl::Status ValidateText(absl::string_view field, absl::string_view value, int max_chars);

// Same, but empty is allowed.
absl::Status ValidateOptionalText(absl::string_view field, absl::string_view value, int max_chars);

// The same for a document's text (a complaint, a notice, a plan): line
// breaks and tabs (\n, \r, \t) are allowed, other control characters not.
absl::Status ValidateMultilineText(absl::string_view field, absl::string_view value, int max_chars);
absl::Status ValidateOptionalMultilineText(absl::string_view field, absl::string_view value,
                                           int max_chars);

// `value` (valid UTF-8) cut to at most `max_chars` Unicode characters,
// never inside one (e.g. for an audit row's short detail).
std::string TruncateText(absl::string_view value, int max_chars);

// An idempotency key: empty, or 1..64 of [A-Za-z0-9_-].
absl::Status ValidateRequestId(absl::string_view field, absl::string_view request_id);

// An enforcement domain code (the suite's shared vocabulary of domains,
// e.g. "market_regulation"): [a-z][a-z0-9_]{1,63}.
absl::Status ValidateDomainCode(absl::string_view field, absl::string_view domain);

// A calendar year for summaries, assessments and reports: 2000..2100.
absl::Status ValidateYear(absl::string_view field, int year);

}  // namespace lawenforce

#endif  // LAWENFORCE_COMMON_VALIDATION_VALIDATE_H_
