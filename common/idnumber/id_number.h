#ifndef LAWENFORCE_COMMON_IDNUMBER_ID_NUMBER_H_
#define LAWENFORCE_COMMON_IDNUMBER_ID_NUMBER_H_

// The identifiers of people and organisations that several services take:
// resident identity-card numbers (GB 11643-1999: 17 digits and an ISO 7064
// MOD 11-2 check character) and unified social credit codes of
// organisations (统一社会信用代码, GB 32100-2015: 18 characters of
// 0-9 A-H J-N P-R T U W-Y, the last a MOD 31 check character).
//
// An identity-card number is personal information: services store it only
// encrypted with a blind index (common/crypto/pii.h) and show it masked.
// A credit code is public (it is printed on the business licence).

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace lawenforce::idnumber {

// OK, or INVALID_ARGUMENT naming `field`: "must be 18 characters", "must be
// 17 digits followed by a digit or X", "birth date is not a valid date",
// given `today` "birth date is in the future", then "check digit does not
// match". A lower-case x is accepted. The message never repeats the value.
absl::Status ValidateIdNumber(absl::string_view field, absl::string_view id_number,
                              std::optional<absl::CivilDay> today = std::nullopt);

// The canonical form: upper-case X. Precondition: ValidateIdNumber passed.
std::string NormalizeIdNumber(absl::string_view id_number);

// "640104********123X": the first 6 and last 4 characters kept, a final x
// upper-cased; a value of 10 characters or fewer is all stars.
std::string MaskIdNumber(absl::string_view id_number);

// OK, or INVALID_ARGUMENT naming `field`: "must be 18 characters", "may
// contain only digits and the letters of GB 32100 (no I, O, S, V, Z)",
// "check character does not match". Lower case is accepted.
absl::Status ValidateCreditCode(absl::string_view field, absl::string_view code);

// The canonical form: upper case.
std::string NormalizeCreditCode(absl::string_view code);

}  // namespace lawenforce::idnumber

#endif  // LAWENFORCE_COMMON_IDNUMBER_ID_NUMBER_H_
