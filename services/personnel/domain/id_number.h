#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_ID_NUMBER_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_ID_NUMBER_H_

// Resident identity-card numbers (GB 11643-1999): 17 digits and an ISO
// 7064 MOD 11-2 check character (0-9 or X).

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace lawenforce::personnel {

// An officer is an adult: the birth date of an officer's number lies at
// least this many years before today.
inline constexpr int kMinimumOfficerAge = 18;

// OK, or INVALID_ARGUMENT naming `field`: "must be 18 characters", "must be
// 17 digits followed by a digit or X", "birth date is not a valid date",
// and, given `today`, "birth date is in the future" or "birth date is less
// than 18 years ago", then "check digit does not match". A lower-case x is
// accepted.
absl::Status ValidateIdNumber(absl::string_view field, absl::string_view id_number,
                              std::optional<absl::CivilDay> today = std::nullopt);

// The canonical form: upper-case X. Precondition: ValidateIdNumber passed.
std::string NormalizeIdNumber(absl::string_view id_number);

// "640104********123X": the first 6 and last 4 characters kept, a final x
// upper-cased; a value of 10 characters or fewer is all stars.
std::string MaskIdNumber(absl::string_view id_number);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_ID_NUMBER_H_
