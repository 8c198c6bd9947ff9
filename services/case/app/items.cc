#include "services/case/app/items.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/macros.h"

namespace lawenforce::cases {
namespace {

// Who may do what (docs/api/cases.md "Authorization" mirrors this table).
const auth::RoleSet kReaders = auth::RoleSet::All();
const auth::RoleSet kCatalogueWriters = {auth::Role::kAgencyAdmin, auth::Role::kSupervisor,
                                         auth::Role::kSystem};

}  // namespace

absl::StatusOr<EnforcementItem> Items::Create(const auth::Principal& who,
                                              absl::StatusOr<EnforcementItem> input,
                                              const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "add items to this agency's catalogue";
  LE_RETURN_IF_ERROR(authorizer_->RequireRole(who, kCatalogueWriters, kAction));
  LE_ASSIGN_OR_RETURN(EnforcementItem draft, std::move(input));
  LE_RETURN_IF_ERROR(ValidateId("item.agency_id", draft.agency_id));
  LE_RETURN_IF_ERROR(ValidateItem(draft));
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key, app::KeyFor("CreateItem", options));
  absl::StatusOr<AgencyInfo> agency = agencies_->GetAgency(draft.agency_id);
  if (agency.status().code() == absl::StatusCode::kNotFound) {
    return authorizer_->RecordNotFound(who, "agency", kAction);
  }
  if (!agency.ok()) return agency.status();
  LE_RETURN_IF_ERROR(authorizer_->RequireWithin(who, agency->division_code, kAction));
  LE_RETURN_IF_ERROR(authorizer_->RequireAgency(who, agency->id, kAction));
  if (std::find(agency->domains.begin(), agency->domains.end(), draft.domain) ==
      agency->domains.end()) {
    return InvalidField("item.domain", "not an enforcement domain of the agency");
  }
  const absl::Time now = clock_->Now();
  draft.id = ids_->NewId();
  draft.division_code = agency->division_code;
  draft.code = NormalizeItemCode(draft.code);
  draft.create_time = now;
  draft.version = 1;
  LE_ASSIGN_OR_RETURN(
      store::Created created,
      store_->CreateItem(draft, key, app::AuditOf(who, "item.create", draft.id, now, draft.code)));
  return store_->GetItem(created.id);
}

absl::StatusOr<EnforcementItem> Items::Get(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this item";
  LE_RETURN_IF_ERROR(authorizer_->RequireRole(who, kReaders, kAction));
  return app::FindVisible<EnforcementItem>(
      *authorizer_, who, "id", id, "item", kAction,
      [&](const std::string& i) { return store_->GetItem(i); });
}

absl::StatusOr<app::Page<EnforcementItem>> Items::List(const auth::Principal& who,
                                                       const std::string& division_code,
                                                       const std::string& agency_id,
                                                       const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list items of this division";
  LE_RETURN_IF_ERROR(authorizer_->RequireRole(who, kReaders, kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      authorizer_->ScopeForList(who, "division_code", division_code, kAction));
  if (!agency_id.empty()) LE_RETURN_IF_ERROR(ValidateId("agency_id", agency_id));
  return app::ListPage<EnforcementItem>(
      page, absl::StrCat("items|", scope, "|", agency_id), [&](const store::PageRequest& r) {
        return store_->ListItems(ItemFilter{Divisions::SubtreePrefix(scope), agency_id}, r);
      });
}

}  // namespace lawenforce::cases
