#include "common/idnumber/id_number.h"

#include "absl/strings/ascii.h"
#include "common/status/errors.h"

namespace lawenforce::idnumber {
namespace {

constexpr size_t kLength = 18;
constexpr int kIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kIdCheckCharacters[] = "10X98765432";  // indexed by sum mod 11

// GB 32100-2015: the 31 characters, their weights, the check rule.
constexpr absl::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kCreditWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int Number(absl::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool IsValidBirthDate(absl::string_view yyyymmdd) {
  const int year = Number(yyyymmdd.substr(0, 4));
  const int month = Number(yyyymmdd.substr(4, 2));
  const int day = Number(yyyymmdd.substr(6, 2));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const absl::CivilDay date(year, month, day);  // normalises Feb 30 -> Mar 2
  return date.month() == month && date.day() == day;
}

}  // namespace

absl::Status ValidateIdNumber(absl::string_view field, absl::string_view id_number,
                              std::optional<absl::CivilDay> today) {
  if (id_number.size() != kLength) return InvalidField(field, "must be 18 characters");
  for (size_t i = 0; i < kLength - 1; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(id_number[i]))) {
      return InvalidField(field, "must be 17 digits followed by a digit or X");
    }
  }
  const char last = absl::ascii_toupper(static_cast<unsigned char>(id_number[kLength - 1]));
  if (!absl::ascii_isdigit(static_cast<unsigned char>(last)) && last != 'X') {
    return InvalidField(field, "must be 17 digits followed by a digit or X");
  }
  const absl::string_view birth = id_number.substr(6, 8);
  if (!IsValidBirthDate(birth)) return InvalidField(field, "birth date is not a valid date");
  if (today.has_value() && absl::CivilDay(Number(birth.substr(0, 4)), Number(birth.substr(4, 2)),
                                          Number(birth.substr(6, 2))) > *today) {
    return InvalidField(field, "birth date is in the future");
  }
  int sum = 0;
  for (size_t i = 0; i < kLength - 1; ++i) sum += (id_number[i] - '0') * kIdWeights[i];
  if (kIdCheckCharacters[sum % 11] != last)
    return InvalidField(field, "check digit does not match");
  return absl::OkStatus();
}

std::string NormalizeIdNumber(absl::string_view id_number) {
  return absl::AsciiStrToUpper(id_number);
}

std::string MaskIdNumber(absl::string_view id_number) {
  constexpr size_t kKeepFront = 6;
  constexpr size_t kKeepBack = 4;
  std::string masked = NormalizeIdNumber(id_number);
  if (masked.size() <= kKeepFront + kKeepBack) return std::string(masked.size(), '*');
  for (size_t i = kKeepFront; i < masked.size() - kKeepBack; ++i) masked[i] = '*';
  return masked;
}

absl::Status ValidateCreditCode(absl::string_view field, absl::string_view code) {
  if (code.size() != kLength) return InvalidField(field, "must be 18 characters");
  int sum = 0;
  int check = -1;
  for (size_t i = 0; i < kLength; ++i) {
    const char c = absl::ascii_toupper(static_cast<unsigned char>(code[i]));
    const size_t value = kCreditAlphabet.find(c);
    if (value == absl::string_view::npos) {
      return InvalidField(field,
                          "may contain only digits and the letters of GB 32100 (no I, O, S, V, Z)");
    }
    if (i < kLength - 1) {
      sum += static_cast<int>(value) * kCreditWeights[i];
    } else {
      check = static_cast<int>(value);
    }
  }
  const int expected = (31 - sum % 31) % 31;
  if (check != expected) return InvalidField(field, "check character does not match");
  return absl::OkStatus();
}

std::string NormalizeCreditCode(absl::string_view code) { return absl::AsciiStrToUpper(code); }

}  // namespace lawenforce::idnumber
