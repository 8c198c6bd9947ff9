#ifndef LAWENFORCE_COMMON_STORE_VALUES_H_
#define LAWENFORCE_COMMON_STORE_VALUES_H_

// How the suite stores times and dates, the same in every service's tables:
// a time is INTEGER microseconds since the Unix epoch (UTC); a civil date is
// 'YYYY-MM-DD' TEXT (sorts as it reads).

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/store/sql.h"

namespace lawenforce::store {

inline Value TimeValue(absl::Time t) { return Int(absl::ToUnixMicros(t)); }
inline absl::Time TimeFromMicros(int64_t micros) { return absl::FromUnixMicros(micros); }

std::string DayText(absl::CivilDay day);
// The date of DayText's form; 1970-01-01 for anything else (only the store
// writes these columns).
absl::CivilDay DayFromText(const std::string& text);

// The first code after every code starting with `prefix` (digits): with
// `col >= prefix AND col < PrefixEnd(prefix)` a subtree filter uses an
// index range ("6401" -> "6402"; "" -> "~", after every code).
std::string PrefixEnd(std::string prefix);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_VALUES_H_
