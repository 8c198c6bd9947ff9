#include "services/personnel/app/agencies.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/macros.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

absl::StatusOr<Agency> Agencies::Create(const auth::Principal& who, Agency draft,
                                        const CreateOptions& options) {
  constexpr absl::string_view kAction = "create agencies here";
  const auth::Authorizer& authz = *deps_.authorizer;
  LE_RETURN_IF_ERROR(authz.RequireRole(who, roles::kAgencyCreators, kAction));
  LE_RETURN_IF_ERROR(Check(draft));
  LE_ASSIGN_OR_RETURN(std::optional<IdempotencyKey> key,
                      KeyOf(deps_, "CreateAgency", who, options));
  LE_RETURN_IF_ERROR(authz.RequireWithin(who, draft.division_code, kAction));
  const absl::Time now = deps_.clock->Now();
  draft.id = deps_.ids->NewId();
  draft.create_time = now;
  draft.version = 1;
  LE_ASSIGN_OR_RETURN(Created created,
                      store_->CreateAgency(draft, key,
                                           app::AuditOf(who, "CreateAgency", "agency.create",
                                                        draft.id, draft.division_code, now)));
  return store_->GetAgency(created.id);
}

absl::StatusOr<Agency> Agencies::Update(
    const auth::Principal& who, const std::string& id, const std::string& etag,
    const std::optional<std::string>& name,
    const absl::StatusOr<std::optional<std::vector<std::string>>>& domains_input,
    const std::string& reason) {
  constexpr absl::string_view kAction = "update this agency";
  const auth::Authorizer& authz = *deps_.authorizer;
  LE_RETURN_IF_ERROR(authz.RequireRole(who, roles::kAgencyCreators, kAction));
  LE_RETURN_IF_ERROR(domains_input);
  const std::optional<std::vector<std::string>>& domains = *domains_input;
  if (name.has_value()) LE_RETURN_IF_ERROR(ValidateText("agency.name", *name, 128));
  if (domains.has_value()) {
    LE_RETURN_IF_ERROR(ValidateKnownDomains(deps_, "agency.domains", *domains));
  }
  LE_RETURN_IF_ERROR(ValidateText("reason", reason, 500));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("agency.etag", etag));
  LE_ASSIGN_OR_RETURN(Agency current, deps_.lookups->VisibleAgency(who, "agency.id", id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("agency.etag", expected, current.version));
  Agency updated = current;
  if (name.has_value()) updated.name = *name;
  if (domains.has_value()) updated.domains = *domains;
  std::vector<store::FieldChange> changes;
  if (updated.name != current.name) changes.push_back({"name", current.name, updated.name});
  if (updated.domains != current.domains) {
    changes.push_back(
        {"domains", absl::StrJoin(current.domains, ","), absl::StrJoin(updated.domains, ",")});
  }
  if (changes.empty()) return current;  // nothing to change: no new version
  const absl::Time now = deps_.clock->Now();
  return store_->UpdateAgency(updated, current.version, absl::ToCivilDay(now, ChinaTimeZone()),
                              app::AuditOf(who, "UpdateAgency", "agency.update", id,
                                           current.division_code, now, reason, changes));
}

absl::Status Agencies::Check(const Agency& draft) const {
  LE_RETURN_IF_ERROR(ValidateText("agency.name", draft.name, 128));
  LE_RETURN_IF_ERROR(
      deps_.authorizer->divisions().Validate("agency.division_code", draft.division_code));
  return ValidateKnownDomains(deps_, "agency.domains", draft.domains);
}

absl::StatusOr<Agency> Agencies::Get(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this agency";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  return deps_.lookups->VisibleAgency(who, "id", id, kAction);
}

absl::StatusOr<Page<Agency>> Agencies::List(const auth::Principal& who,
                                            const std::string& division_code,
                                            const PageQuery& page) {
  constexpr absl::string_view kAction = "list agencies of this division";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      deps_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  return app::ListPage<Agency>(page, absl::StrCat("agencies|", scope), *deps_.pii,
                               [&](const store::PageRequest& r) {
                                 return store_->ListAgencies(Divisions::SubtreePrefix(scope), r);
                               });
}

}  // namespace lawenforce::personnel
