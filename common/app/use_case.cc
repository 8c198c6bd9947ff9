#include "common/app/use_case.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/validation/validate.h"

namespace lawenforce::app {

std::string Etag(int64_t version) { return absl::StrCat("\"", version, "\""); }

absl::StatusOr<std::optional<int64_t>> ParseEtag(absl::string_view field, absl::string_view etag) {
  if (etag.empty()) return std::nullopt;
  int64_t version = 0;
  // Only the exact spelling Etag() issues: SimpleAtoi alone would also take
  // "01", "+1" and blanks around the digits.
  if (etag.size() < 3 || etag.front() != '"' || etag.back() != '"' ||
      !absl::SimpleAtoi(etag.substr(1, etag.size() - 2), &version) || version < 1 ||
      Etag(version) != etag) {
    return InvalidField(field, "not an etag issued by this service");
  }
  return version;
}

absl::Status CheckEtag(absl::string_view field, const std::optional<int64_t>& expected,
                       int64_t current) {
  if (expected.has_value() && *expected != current) return StaleEtag(field);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<store::IdempotencyKey>> KeyFor(absl::string_view method,
                                                            const CreateOptions& options) {
  if (absl::Status s = ValidateRequestId("request_id", options.request_id); !s.ok()) return s;
  if (options.request_id.empty()) return std::nullopt;
  return store::IdempotencyKey{std::string(method), options.request_id, options.request_hash};
}

absl::StatusOr<std::optional<store::IdempotencyKey>> KeyFor(absl::string_view method,
                                                            const auth::Principal& who,
                                                            const CreateOptions& options,
                                                            const crypto::PiiProtector& keys,
                                                            absl::string_view protected_form) {
  if (absl::Status s = ValidateRequestId("request_id", options.request_id); !s.ok()) return s;
  if (options.request_id.empty()) return std::nullopt;
  // Length-prefixed, so no subject and request_id pair reads as another.
  std::string scoped = absl::StrCat(who.subject.size(), ":", who.subject, ":", options.request_id);
  const absl::string_view nul("\0", 1);
  std::string hash =
      keys.RequestHash(absl::StrCat(method, nul, options.request_hash, nul, protected_form));
  return store::IdempotencyKey{std::string(method), std::move(scoped), std::move(hash)};
}

store::AuditEntry AuditOf(const auth::Principal& who, absl::string_view action,
                          std::string resource_id, absl::Time now, std::string detail) {
  return store::AuditEntry{who.subject, std::string(action), std::move(resource_id),
                           std::move(detail), now};
}

store::AuditEntry AuditOf(const auth::Principal& who, absl::string_view method,
                          absl::string_view action, std::string resource_id,
                          std::string division_code, absl::Time now, std::string detail,
                          std::vector<store::FieldChange> changes) {
  store::AuditEntry entry = AuditOf(who, action, std::move(resource_id), now, std::move(detail));
  entry.method = std::string(method);
  entry.division_code = std::move(division_code);
  entry.changes = std::move(changes);
  return entry;
}

}  // namespace lawenforce::app
