#ifndef LAWENFORCE_COMMON_STORE_JSON_VALUES_H_
#define LAWENFORCE_COMMON_STORE_JSON_VALUES_H_

// Times in the JSON bodies services store beside their columns, the same
// everywhere as in the columns (values.h): integer microseconds since the
// Unix epoch, null for an optional time that is unset.
//
//   using store::jsonfmt::Time;
//   body["decided"] = OptTime(c.decided_at);

#include <cstdint>
#include <optional>

#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace lawenforce::store::jsonfmt {

inline nlohmann::json Time(absl::Time t) { return absl::ToUnixMicros(t); }
inline absl::Time ReadTime(const nlohmann::json& j) {
  return absl::FromUnixMicros(j.get<int64_t>());
}
inline nlohmann::json OptTime(const std::optional<absl::Time>& t) {
  return t.has_value() ? Time(*t) : nlohmann::json(nullptr);
}
// Unset when `key` is missing or null.
inline std::optional<absl::Time> ReadOptTime(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return ReadTime(j.at(key));
}

}  // namespace lawenforce::store::jsonfmt

#endif  // LAWENFORCE_COMMON_STORE_JSON_VALUES_H_
