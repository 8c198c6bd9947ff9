#include "services/personnel/domain/id_number.h"

#include "absl/time/civil_time.h"
#include "common/idnumber/id_number.h"
#include "common/status/errors.h"

namespace lawenforce::personnel {

absl::Status ValidateIdNumber(absl::string_view field, absl::string_view id_number,
                              std::optional<absl::CivilDay> today) {
  // The number's own rules (length, digits, birth date, check character)
  // are every service's; the officer's age is personnel's.
  if (absl::Status s = idnumber::ValidateIdNumber(field, id_number, today); !s.ok()) return s;
  if (!today.has_value()) return absl::OkStatus();
  const absl::string_view birth = id_number.substr(6, 8);
  int year = 0, month = 0, day = 0;
  for (char c : birth.substr(0, 4)) year = year * 10 + (c - '0');
  for (char c : birth.substr(4, 2)) month = month * 10 + (c - '0');
  for (char c : birth.substr(6, 2)) day = day * 10 + (c - '0');
  // The day the officer turns 18 (a 29 February birthday normalises to
  // 1 March in a common year).
  const absl::CivilDay adult(year + kMinimumOfficerAge, month, day);
  if (adult > *today) return InvalidField(field, "birth date is less than 18 years ago");
  return absl::OkStatus();
}

std::string NormalizeIdNumber(absl::string_view id_number) {
  return idnumber::NormalizeIdNumber(id_number);
}

std::string MaskIdNumber(absl::string_view id_number) { return idnumber::MaskIdNumber(id_number); }

}  // namespace lawenforce::personnel
