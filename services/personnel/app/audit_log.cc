#include "services/personnel/app/audit_log.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/divisions/divisions.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::personnel {
namespace {

// An action is dot-separated words of [a-z_] ("certificate.suspend"), or
// "denied." and an RPC name; a trailing dot asks for the whole family.
absl::Status ValidateAction(absl::string_view field, absl::string_view action) {
  if (action.size() > 64) return InvalidField(field, "at most 64 characters");
  bool word_start = true;
  for (char c : action) {
    if (c == '.') {
      if (word_start) return InvalidField(field, "an action is words joined by dots");
      word_start = true;
    } else if (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word_start = false;
    } else {
      return InvalidField(field, "an action is words joined by dots");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateMethod(absl::string_view field, absl::string_view method) {
  if (method.size() > 64 || !absl::ascii_isupper(static_cast<unsigned char>(method[0]))) {
    return InvalidField(field, "an RPC name, e.g. SuspendCertificate");
  }
  for (char c : method) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      return InvalidField(field, "an RPC name, e.g. SuspendCertificate");
    }
  }
  return absl::OkStatus();
}

std::string TimeKey(const std::optional<absl::Time>& t) {
  return t.has_value() ? absl::StrCat(absl::ToUnixMicros(*t)) : "";
}

}  // namespace

absl::StatusOr<Page<store::AuditRow>> AuditLog::List(const auth::Principal& who,
                                                     const AuditFilter& filter,
                                                     const PageQuery& page) {
  constexpr absl::string_view kAction = "read the audit log of this division";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kAuditReaders, kAction));
  LE_ASSIGN_OR_RETURN(std::string scope, deps_.authorizer->ScopeForList(
                                             who, "division_code", filter.division_code, kAction));
  LE_RETURN_IF_ERROR(ValidateOptionalText("resource_id", filter.resource_id, 64));
  LE_RETURN_IF_ERROR(ValidateOptionalText("actor", filter.actor, 128));
  if (!filter.method.empty()) LE_RETURN_IF_ERROR(ValidateMethod("method", filter.method));
  if (!filter.action.empty()) LE_RETURN_IF_ERROR(ValidateAction("action", filter.action));
  LE_RETURN_IF_ERROR(filter.start_time.status());
  LE_RETURN_IF_ERROR(filter.end_time.status());
  const std::optional<absl::Time>& from = *filter.start_time;
  const std::optional<absl::Time>& until = *filter.end_time;
  if (from.has_value() && until.has_value() && *until <= *from) {
    return InvalidField("end_time", "must be after start_time");
  }

  store::AuditQuery q;
  q.scope_prefix = Divisions::SubtreePrefix(scope);
  q.resource_id = filter.resource_id;
  q.actor = filter.actor;
  q.method = filter.method;
  if (absl::EndsWith(filter.action, ".")) {
    q.action_prefix = filter.action;
  } else if (!filter.action.empty()) {
    q.actions = {filter.action};
  }
  q.denied = filter.denied;
  q.from = from;
  q.until = until;
  const std::string key =
      absl::StrCat("audit|", scope, "|", q.resource_id, "|", q.actor, "|", q.method, "|",
                   filter.action, "|", q.denied.has_value() ? (*q.denied ? "denied" : "done") : "",
                   "|", TimeKey(from), "|", TimeKey(until));
  return app::ListPage<store::AuditRow>(page, key, *deps_.pii, [&](const store::PageRequest& r) {
    return store_->ListAuditEntries(q, r);
  });
}

}  // namespace lawenforce::personnel
