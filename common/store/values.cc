#include "common/store/values.h"

#include "absl/strings/str_format.h"

namespace lawenforce::store {

std::string DayText(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

absl::CivilDay DayFromText(const std::string& text) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) return absl::CivilDay(1970, 1, 1);
  return day;
}

std::string PrefixEnd(std::string prefix) {
  if (prefix.empty()) return "~";  // after every code
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

}  // namespace lawenforce::store
