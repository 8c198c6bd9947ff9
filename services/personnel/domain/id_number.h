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

// idnumber::ValidateIdNumber (common/idnumber: "must be 18 characters",
// ..., "check digit does not match"), then, given `today`, INVALID_ARGUMENT
// naming `field` "birth date is less than 18 years ago". A lower-case x is
// accepted.
absl::Status ValidateIdNumber(absl::string_view field, absl::string_view id_number,
                              std::optional<absl::CivilDay> today = std::nullopt);

// idnumber::NormalizeIdNumber and idnumber::MaskIdNumber.
std::string NormalizeIdNumber(absl::string_view id_number);
std::string MaskIdNumber(absl::string_view id_number);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_ID_NUMBER_H_
