#include "services/personnel/app/officers.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/macros.h"
#include "services/personnel/app/verification.h"
#include "services/personnel/domain/id_number.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {
namespace {

std::string RoleList(const std::vector<OfficerRole>& roles) {
  std::vector<std::string> names;
  for (OfficerRole r : roles) {
    names.push_back(r == OfficerRole::kOfficer         ? "OFFICER"
                    : r == OfficerRole::kLegalReviewer ? "LEGAL_REVIEWER"
                                                       : "SUPERVISOR");
  }
  return absl::StrJoin(names, ",");
}

// What an update changed, without personal data: a changed name is named,
// not quoted; roles are listed before and after.
std::string ChangeDetail(const Officer& before, const Officer& after) {
  std::vector<std::string> parts;
  if (before.name != after.name) parts.push_back("name changed");
  if (before.roles != after.roles) {
    parts.push_back(absl::StrCat("roles: ", RoleList(before.roles), " -> ", RoleList(after.roles)));
  }
  return parts.empty() ? "no change" : absl::StrJoin(parts, "; ");
}

}  // namespace

std::vector<store::FieldChange> OfficerFieldChanges(const Officer& before, const Officer& after) {
  std::vector<store::FieldChange> out;
  if (before.name != after.name)
    out.push_back({"name", MaskName(before.name), MaskName(after.name)});
  if (before.roles != after.roles) {
    out.push_back({"roles", RoleList(before.roles), RoleList(after.roles)});
  }
  return out;
}

absl::StatusOr<Officer> Officers::Create(const auth::Principal& who, absl::StatusOr<Officer> input,
                                         const std::string& id_number,
                                         const CreateOptions& options) {
  constexpr absl::string_view kAction = "create officers for this agency";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kStaffWriters, kAction));
  LE_ASSIGN_OR_RETURN(Officer draft, std::move(input));
  LE_RETURN_IF_ERROR(ValidateId("officer.agency_id", draft.agency_id));
  const absl::Time now = deps_.clock->Now();
  LE_RETURN_IF_ERROR(Check(draft, id_number, now));
  const std::string normalized = NormalizeIdNumber(id_number);
  // The request digest leaves the number out (api/); the key stands for it
  // by its blind index, which confirms nothing without the PII key.
  const std::string index = deps_.pii->BlindIndex(normalized, "officers.id_number");
  LE_ASSIGN_OR_RETURN(std::optional<IdempotencyKey> key,
                      KeyOf(deps_, "CreateOfficer", who, options, index));
  LE_ASSIGN_OR_RETURN(Agency agency, deps_.lookups->VisibleAgency(who, "officer.agency_id",
                                                                  draft.agency_id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, agency.id, kAction));

  LE_ASSIGN_OR_RETURN(std::string cipher, deps_.pii->Encrypt(normalized, "officers.id_number"));
  draft.id = deps_.ids->NewId();
  draft.division_code = agency.division_code;
  draft.id_number_masked = MaskIdNumber(normalized);
  draft.review_required = false;
  draft.create_time = now;
  draft.update_time = now;
  draft.version = 1;
  LE_ASSIGN_OR_RETURN(Created created,
                      store_->CreateOfficer(draft, cipher, index, key,
                                            app::AuditOf(who, "CreateOfficer", "officer.create",
                                                         draft.id, draft.division_code, now)));
  return store_->GetOfficer(created.id);
}

absl::Status Officers::Check(const Officer& draft, const std::string& id_number,
                             absl::Time now) const {
  LE_RETURN_IF_ERROR(ValidateText("officer.name", draft.name, 64));
  LE_RETURN_IF_ERROR(
      ValidateIdNumber("officer.id_number", id_number, absl::ToCivilDay(now, ChinaTimeZone())));
  return ValidateRoles("officer.roles", draft.roles);
}

absl::StatusOr<Officer> Officers::Get(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this officer";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  return deps_.lookups->VisibleOfficer(who, "id", id, kAction);
}

absl::StatusOr<Page<Officer>> Officers::List(const auth::Principal& who,
                                             const std::string& division_code,
                                             const std::string& agency_id,
                                             absl::StatusOr<std::optional<OfficerRole>> role_filter,
                                             const PageQuery& page, const OfficerSearch& search) {
  constexpr absl::string_view kAction = "list officers of this division";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  LE_ASSIGN_OR_RETURN(const std::optional<OfficerRole> role, std::move(role_filter));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      deps_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  if (!agency_id.empty()) LE_RETURN_IF_ERROR(ValidateId("agency_id", agency_id));
  LE_RETURN_IF_ERROR(ValidateOptionalText("name_prefix", search.name_prefix, 64));
  OfficerFilter f{Divisions::SubtreePrefix(scope), agency_id, role};
  f.name_prefix = search.name_prefix;
  f.review_required = search.review_required;
  f.in_service = search.in_service;
  if (search.without_valid_certificate) {
    f.without_valid_certificate_on = absl::ToCivilDay(deps_.clock->Now(), ChinaTimeZone());
  }
  if (!search.id_number.empty()) {
    LE_RETURN_IF_ERROR(ValidateIdNumber("id_number", search.id_number,
                                        absl::ToCivilDay(deps_.clock->Now(), ChinaTimeZone())));
    f.id_number_index =
        deps_.pii->BlindIndex(NormalizeIdNumber(search.id_number), "officers.id_number");
  }
  // The page token is bound to the filter by the blind index, never the
  // number itself.
  const std::string filter = absl::StrCat(
      "officers|", scope, "|", agency_id, "|", role.has_value() ? static_cast<int>(*role) : 0, "|",
      search.name_prefix, "|", f.id_number_index, "|",
      search.review_required.has_value() ? (*search.review_required ? "1" : "0") : "", "|",
      search.without_valid_certificate ? "uncertified" : "", "|",
      search.in_service.has_value() ? (*search.in_service ? "serving" : "left") : "");
  return app::ListPage<Officer>(page, filter, *deps_.pii, [&](const store::PageRequest& r) {
    return store_->ListOfficers(f, r);
  });
}

absl::StatusOr<Officer> Officers::Update(
    const auth::Principal& who, const std::string& id, const std::string& etag,
    const std::optional<std::string>& name,
    const absl::StatusOr<std::optional<std::vector<OfficerRole>>>& roles_input) {
  constexpr absl::string_view kAction = "update this officer";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kStaffWriters, kAction));
  LE_RETURN_IF_ERROR(roles_input);
  const std::optional<std::vector<OfficerRole>>& roles = *roles_input;
  if (name.has_value()) LE_RETURN_IF_ERROR(ValidateText("officer.name", *name, 64));
  if (roles.has_value()) LE_RETURN_IF_ERROR(ValidateRoles("officer.roles", *roles));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("officer.etag", etag));
  LE_ASSIGN_OR_RETURN(Officer current,
                      deps_.lookups->VisibleOfficer(who, "officer.id", id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, current.agency_id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("officer.etag", expected, current.version));
  Officer updated = current;
  if (name.has_value()) updated.name = *name;
  if (roles.has_value()) updated.roles = *roles;
  updated.update_time = deps_.clock->Now();
  return store_->UpdateOfficer(
      updated, current.version,
      app::AuditOf(who, "UpdateOfficer", "officer.update", id, current.division_code,
                   updated.update_time, ChangeDetail(current, updated),
                   OfficerFieldChanges(current, updated)));
}

absl::StatusOr<Officer> Officers::ClearReview(const auth::Principal& who, const std::string& id,
                                              const std::string& reason, const std::string& etag) {
  constexpr absl::string_view kAction = "clear this officer's review";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kCertificateAuthorities, kAction));
  LE_RETURN_IF_ERROR(ValidateText("reason", reason, 500));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(Officer current, deps_.lookups->VisibleOfficer(who, "id", id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, current.version));
  if (!current.review_required) {
    return absl::FailedPreconditionError("officer is not flagged for review");
  }
  const absl::Time now = deps_.clock->Now();
  return store_->ClearOfficerReview(
      id, current.version, now,
      app::AuditOf(who, "ClearOfficerReview", "officer.review_cleared", id, current.division_code,
                   now, reason, {{"review_required", "true", "false"}}));
}

}  // namespace lawenforce::personnel
