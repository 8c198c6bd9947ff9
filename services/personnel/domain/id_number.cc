#include "services/personnel/domain/id_number.h"

#include "absl/strings/ascii.h"
#include "absl/time/civil_time.h"
#include "common/status/errors.h"

namespace lawenforce::personnel {
namespace {

constexpr int kLength = 18;
constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheckCharacters[] = "10X98765432";  // indexed by sum mod 11

int Digit(char c) { return c - '0'; }

int Number(absl::string_view digits) {
  int value = 0;
  for (char c : digits) {
    value = value * 10 + Digit(c);
  }
  return value;
}

absl::CivilDay BirthDate(absl::string_view yyyymmdd) {
  return absl::CivilDay(Number(yyyymmdd.substr(0, 4)), Number(yyyymmdd.substr(4, 2)),
                        Number(yyyymmdd.substr(6, 2)));
}

bool IsValidBirthDate(absl::string_view yyyymmdd) {
  const int year = Number(yyyymmdd.substr(0, 4));
  const int month = Number(yyyymmdd.substr(4, 2));
  const int day = Number(yyyymmdd.substr(6, 2));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) {
    return false;
  }
  // CivilDay normalises out-of-range days (Feb 30 -> Mar 2); a real date
  // survives unchanged.
  const absl::CivilDay date(year, month, day);
  return date.month() == month && date.day() == day;
}

}  // namespace

absl::Status ValidateIdNumber(absl::string_view field, absl::string_view id_number,
                              std::optional<absl::CivilDay> today) {
  if (id_number.size() != kLength) {
    return InvalidField(field, "must be 18 characters");
  }
  for (int i = 0; i < kLength - 1; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(id_number[i]))) {
      return InvalidField(field, "must be 17 digits followed by a digit or X");
    }
  }
  const char last = absl::ascii_toupper(static_cast<unsigned char>(id_number[kLength - 1]));
  if (!absl::ascii_isdigit(static_cast<unsigned char>(last)) && last != 'X') {
    return InvalidField(field, "must be 17 digits followed by a digit or X");
  }
  if (!IsValidBirthDate(id_number.substr(6, 8))) {
    return InvalidField(field, "birth date is not a valid date");
  }
  if (today.has_value()) {
    const absl::CivilDay birth = BirthDate(id_number.substr(6, 8));
    if (birth > *today) {
      return InvalidField(field, "birth date is in the future");
    }
    // The day the officer turns 18 (a 29 February birthday normalises to
    // 1 March in a common year).
    const absl::CivilDay adult(birth.year() + kMinimumOfficerAge, birth.month(), birth.day());
    if (adult > *today) {
      return InvalidField(field, "birth date is less than 18 years ago");
    }
  }
  int sum = 0;
  for (int i = 0; i < kLength - 1; ++i) {
    sum += Digit(id_number[i]) * kWeights[i];
  }
  if (kCheckCharacters[sum % 11] != last) {
    return InvalidField(field, "check digit does not match");
  }
  return absl::OkStatus();
}

std::string NormalizeIdNumber(absl::string_view id_number) {
  return absl::AsciiStrToUpper(id_number);
}

std::string MaskIdNumber(absl::string_view id_number) {
  constexpr size_t kKeepFront = 6;
  constexpr size_t kKeepBack = 4;
  std::string masked = NormalizeIdNumber(id_number);
  if (masked.size() <= kKeepFront + kKeepBack) {
    // Too short to keep anything without revealing most of it.
    return std::string(masked.size(), '*');
  }
  for (size_t i = kKeepFront; i < masked.size() - kKeepBack; ++i) {
    masked[i] = '*';
  }
  return masked;
}

}  // namespace lawenforce::personnel
