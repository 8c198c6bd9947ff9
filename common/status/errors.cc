#include "common/status/errors.h"

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace lawenforce {

absl::Status InvalidField(absl::string_view field, absl::string_view description) {
  absl::Status status(absl::StatusCode::kInvalidArgument, absl::StrCat(field, ": ", description));
  status.SetPayload(kFieldPayloadUrl, absl::Cord(field));
  return status;
}

std::optional<std::string> FieldOf(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kFieldPayloadUrl);
  if (!payload.has_value()) {
    return std::nullopt;
  }
  return std::string(*payload);
}

std::optional<std::string> SubjectOf(absl::string_view message) {
  const size_t colon = message.find(": ");
  if (colon == absl::string_view::npos || colon == 0 || colon > 128) return std::nullopt;
  for (char c : message.substr(0, colon)) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '[' &&
        c != ']') {
      return std::nullopt;
    }
  }
  return std::string(message.substr(0, colon));
}

absl::Status PermissionDenied(absl::string_view what) {
  return absl::PermissionDeniedError(absl::StrCat("caller may not ", what));
}

absl::Status Unauthenticated(absl::string_view reason) {
  return absl::UnauthenticatedError(absl::StrCat("authentication required: ", reason));
}

absl::Status StaleEtag(absl::string_view etag_field) {
  return absl::AbortedError(
      absl::StrCat(etag_field, ": does not match the current version; read it again"));
}

}  // namespace lawenforce
