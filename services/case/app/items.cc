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
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("CreateItem", who, options, *keys_));
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
  // The first version: what the item says from effective_from on (the law
  // it rests on may be older than the catalogue entry; default now).
  ItemVersion first = draft.versions.empty() ? ItemVersion{} : draft.versions[0];
  first.number = 1;
  if (first.effective_from == absl::InfinitePast() || first.effective_from == absl::Time()) {
    first.effective_from = now;
  }
  first.name = draft.name;
  first.legal_basis = draft.legal_basis;
  first.major = draft.major;
  first.delegated_to_townships = draft.delegated_to_townships;
  first.repealed = false;
  first.reason = "";
  first.created_by = who.subject;
  first.create_time = now;
  draft.versions = {first};
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

absl::StatusOr<EnforcementItem> Items::Revise(const auth::Principal& who, const std::string& id,
                                              const std::string& etag,
                                              absl::StatusOr<ItemVersion> input) {
  constexpr absl::string_view kAction = "revise items of this agency's catalogue";
  LE_RETURN_IF_ERROR(authorizer_->RequireRole(who, kCatalogueWriters, kAction));
  LE_ASSIGN_OR_RETURN(ItemVersion v, std::move(input));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(
      EnforcementItem item,
      app::FindVisible<EnforcementItem>(*authorizer_, who, "id", id, "item", kAction,
                                        [&](const std::string& i) { return store_->GetItem(i); }));
  LE_RETURN_IF_ERROR(authorizer_->RequireAgency(who, item.agency_id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, item.version));
  const absl::Time now = clock_->Now();
  if (v.effective_from == absl::InfinitePast()) v.effective_from = now;
  LE_RETURN_IF_ERROR(ValidateRevision(item, v, now));
  v.number = item.versions.empty() ? 1 : item.versions.back().number + 1;
  v.created_by = who.subject;
  v.create_time = now;
  LE_RETURN_IF_ERROR(store_->ReviseItem(
      id, item.version, v,
      app::AuditOf(who, "item.revise", id, now, absl::StrCat("version ", v.number))));
  return store_->GetItem(id);
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
      page, absl::StrCat("items|", scope, "|", agency_id), *keys_,
      [&](const store::PageRequest& r) {
        return store_->ListItems(ItemFilter{Divisions::SubtreePrefix(scope), agency_id}, r);
      });
}

}  // namespace lawenforce::cases
