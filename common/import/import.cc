#include "common/import/import.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/errors.h"

namespace lawenforce::import {

absl::Status ValidateSourceSystem(absl::string_view field, absl::string_view system) {
  if (system.empty()) return InvalidField(field, "required");
  if (system.size() > 64) return InvalidField(field, "at most 64 characters");
  for (char ch : system) {
    const bool ok =
        absl::ascii_islower(ch) || absl::ascii_isdigit(ch) || ch == '.' || ch == '_' || ch == '-';
    if (!ok) return InvalidField(field, "lower-case letters, digits, '.', '_' and '-' only");
  }
  if (!absl::ascii_isalnum(system[0])) {
    return InvalidField(field, "must start with a letter or a digit");
  }
  return absl::OkStatus();
}

absl::Status ValidateSourceId(absl::string_view field, absl::string_view id) {
  if (id.empty()) return InvalidField(field, "required");
  if (id.size() > 128) return InvalidField(field, "at most 128 characters");
  for (char ch : id) {
    if (ch <= ' ' || ch > '~') {
      return InvalidField(field, "printable ASCII characters without spaces only");
    }
  }
  return absl::OkStatus();
}

ImportOutcome PlanDigestImport(const std::optional<std::string>& stored,
                               const std::string& digest) {
  if (!stored.has_value()) return ImportOutcome::kCreated;
  return *stored == digest ? ImportOutcome::kUnchanged : ImportOutcome::kUpdated;
}

absl::Status Under(absl::string_view prefix, const absl::Status& s) {
  std::optional<std::string> field = FieldOf(s);
  const std::string lead = field.has_value() ? absl::StrCat(*field, ": ") : "";
  if (field.has_value() && absl::StartsWith(s.message(), lead)) {
    return InvalidField(absl::StrCat(prefix, ".", *field), s.message().substr(lead.size()));
  }
  return absl::Status(s.code(), absl::StrCat(prefix, ": ", s.message()));
}

bool IsServerFault(const absl::Status& s) {
  const absl::StatusCode c = s.code();
  return c == absl::StatusCode::kInternal || c == absl::StatusCode::kUnknown ||
         c == absl::StatusCode::kDataLoss;
}

void LogIfInternal(absl::string_view event, size_t index, const absl::Status& s) {
  if (!IsServerFault(s)) return;
  log::Error(event, {{"record", absl::StrCat(index)},
                     {"code", absl::StatusCodeToString(s.code())},
                     {"error", std::string(s.message())}});
}

}  // namespace lawenforce::import
