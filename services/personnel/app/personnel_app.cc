#include "services/personnel/app/personnel_app.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/ids/id_generator.h"
#include "common/paging/page_token.h"
#include "common/status/errors.h"
#include "services/personnel/app/app_internal.h"
#include "services/personnel/domain/id_number.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

using internal::Audit;
using internal::KeyFor;

namespace internal {

absl::StatusOr<std::optional<IdempotencyKey>> KeyFor(absl::string_view method,
                                                     const CreateOptions& options) {
  if (absl::Status s = ValidateRequestId("request_id", options.request_id); !s.ok()) {
    return s;
  }
  if (options.request_id.empty()) {
    return std::nullopt;
  }
  return IdempotencyKey{std::string(method), options.request_id, options.request_hash};
}

AuditEntry Audit(const auth::Principal& who, absl::string_view action,
                 const std::string& resource_id, absl::Time now, std::string detail) {
  return AuditEntry{who.subject, std::string(action), resource_id, std::move(detail), now};
}

absl::StatusOr<int64_t> ParseEtag(absl::string_view field, absl::string_view etag) {
  int64_t version = 0;
  if (etag.size() < 3 || etag.front() != '"' || etag.back() != '"' ||
      !absl::SimpleAtoi(etag.substr(1, etag.size() - 2), &version) || version < 1) {
    return InvalidField(field, "not an etag issued by this service");
  }
  return version;
}

}  // namespace internal

PersonnelApp::PersonnelApp(PersonnelStore* store, const auth::Authorizer* authorizer,
                           const crypto::PiiProtector* pii, IdGenerator* ids, const Clock* clock,
                           cache::VersionedCache* cache)
    : store_(store),
      authorizer_(authorizer),
      pii_(pii),
      ids_(ids),
      clock_(clock),
      eligibility_(store, cache),
      records_(store, cache) {}

std::string PersonnelApp::Etag(int64_t version) { return absl::StrCat("\"", version, "\""); }

absl::Status PersonnelApp::RequireAgencyScope(const auth::Principal& who,
                                              const std::string& agency_id,
                                              absl::string_view action) const {
  const bool bound_admin = who.roles.Has(auth::Role::kAgencyAdmin) &&
                           !who.roles.Has(auth::Role::kSupervisor) &&
                           !who.roles.Has(auth::Role::kSystem) && !who.agency_id.empty();
  if (bound_admin && who.agency_id != agency_id) {
    return PermissionDenied(action);
  }
  return absl::OkStatus();
}

absl::StatusOr<Agency> PersonnelApp::VisibleAgency(const auth::Principal& who,
                                                   const std::string& field, const std::string& id,
                                                   absl::string_view action) {
  if (absl::Status s = ValidateId(field, id); !s.ok()) {
    return s;
  }
  absl::StatusOr<Agency> agency = store_->GetAgency(id);
  if (agency.status().code() == absl::StatusCode::kNotFound) {
    return authorizer_->RecordNotFound(who, "agency", action);
  }
  if (!agency.ok()) {
    return agency.status();
  }
  if (absl::Status s = authorizer_->RequireWithin(who, agency->division_code, action); !s.ok()) {
    return s;
  }
  return agency;
}

absl::StatusOr<Officer> PersonnelApp::VisibleOfficer(const auth::Principal& who,
                                                     const std::string& field,
                                                     const std::string& id,
                                                     absl::string_view action) {
  if (absl::Status s = ValidateId(field, id); !s.ok()) {
    return s;
  }
  absl::StatusOr<Officer> officer = records_.GetOfficer(id);
  if (officer.status().code() == absl::StatusCode::kNotFound) {
    return authorizer_->RecordNotFound(who, "officer", action);
  }
  if (!officer.ok()) {
    return officer.status();
  }
  if (absl::Status s = authorizer_->RequireWithin(who, officer->division_code, action); !s.ok()) {
    return s;
  }
  return officer;
}

absl::StatusOr<Certificate> PersonnelApp::VisibleCertificate(const auth::Principal& who,
                                                             const std::string& id,
                                                             absl::string_view action) {
  if (absl::Status s = ValidateId("id", id); !s.ok()) {
    return s;
  }
  absl::StatusOr<Certificate> certificate = records_.GetCertificate(id);
  if (certificate.status().code() == absl::StatusCode::kNotFound) {
    return authorizer_->RecordNotFound(who, "certificate", action);
  }
  if (!certificate.ok()) {
    return certificate.status();
  }
  if (absl::Status s = authorizer_->RequireWithin(who, certificate->division_code, action);
      !s.ok()) {
    return s;
  }
  return certificate;
}

// ------------------------------------------------------------------ agencies

absl::StatusOr<Agency> PersonnelApp::CreateAgency(const auth::Principal& who, Agency draft,
                                                  const CreateOptions& options) {
  constexpr absl::string_view kAction = "create agencies here";
  if (auto s = authorizer_->RequireRole(who, internal::kAgencyCreators, kAction); !s.ok()) {
    return s;
  }
  if (auto s = ValidateText("agency.name", draft.name, 128); !s.ok()) return s;
  absl::StatusOr<Division> division =
      authorizer_->divisions().Validate("agency.division_code", draft.division_code);
  if (!division.ok()) return division.status();
  if (auto s = ValidateDomains("agency.domains", draft.domains); !s.ok()) return s;
  absl::StatusOr<std::optional<IdempotencyKey>> key = KeyFor("CreateAgency", options);
  if (!key.ok()) return key.status();
  if (auto s = authorizer_->RequireWithin(who, draft.division_code, kAction); !s.ok()) {
    return s;
  }
  const absl::Time now = clock_->Now();
  draft.id = ids_->NewId();
  draft.create_time = now;
  draft.version = 1;
  absl::StatusOr<Created> created =
      store_->CreateAgency(draft, *key, Audit(who, "agency.create", draft.id, now));
  if (!created.ok()) return created.status();
  return store_->GetAgency(created->id);
}

absl::StatusOr<Agency> PersonnelApp::GetAgency(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this agency";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  return VisibleAgency(who, "id", id, kAction);
}

absl::StatusOr<Page<Agency>> PersonnelApp::ListAgencies(const auth::Principal& who,
                                                        const std::string& division_code,
                                                        const PageQuery& page) {
  constexpr absl::string_view kAction = "list agencies of this division";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  absl::StatusOr<std::string> scope =
      authorizer_->ScopeForList(who, "division_code", division_code, kAction);
  if (!scope.ok()) return scope.status();
  absl::StatusOr<int> size = paging::EffectivePageSize("page_size", page.page_size);
  if (!size.ok()) return size.status();
  const std::string filter = absl::StrCat("agencies|", *scope);
  absl::StatusOr<std::string> after =
      paging::DecodePageToken("page_token", page.page_token, filter);
  if (!after.ok()) return after.status();
  absl::StatusOr<std::vector<Agency>> rows =
      store_->ListAgencies(Divisions::SubtreePrefix(*scope), PageRequest{*after, *size + 1});
  if (!rows.ok()) return rows.status();
  Page<Agency> out;
  if (static_cast<int>(rows->size()) > *size) {
    rows->resize(*size);
    out.next_page_token = paging::EncodePageToken(rows->back().id, filter);
  }
  out.items = *std::move(rows);
  return out;
}

// ------------------------------------------------------------------ officers

absl::StatusOr<Officer> PersonnelApp::CreateOfficer(const auth::Principal& who,
                                                    absl::StatusOr<Officer> input,
                                                    const std::string& id_number,
                                                    const CreateOptions& options) {
  constexpr absl::string_view kAction = "create officers for this agency";
  if (auto s = authorizer_->RequireRole(who, internal::kStaffWriters, kAction); !s.ok()) {
    return s;
  }
  if (!input.ok()) return input.status();
  Officer draft = *std::move(input);
  if (auto s = ValidateId("officer.agency_id", draft.agency_id); !s.ok()) return s;
  if (auto s = ValidateText("officer.name", draft.name, 64); !s.ok()) return s;
  if (auto s = ValidateIdNumber("officer.id_number", id_number); !s.ok()) return s;
  if (auto s = ValidateRoles("officer.roles", draft.roles); !s.ok()) return s;
  absl::StatusOr<std::optional<IdempotencyKey>> key = KeyFor("CreateOfficer", options);
  if (!key.ok()) return key.status();
  absl::StatusOr<Agency> agency = VisibleAgency(who, "officer.agency_id", draft.agency_id, kAction);
  if (!agency.ok()) return agency.status();
  if (auto s = RequireAgencyScope(who, agency->id, kAction); !s.ok()) return s;

  const std::string normalized = NormalizeIdNumber(id_number);
  absl::StatusOr<std::string> cipher = pii_->Encrypt(normalized, "officers.id_number");
  if (!cipher.ok()) return cipher.status();
  const absl::Time now = clock_->Now();
  draft.id = ids_->NewId();
  draft.division_code = agency->division_code;
  draft.id_number_masked = MaskIdNumber(normalized);
  draft.review_required = false;
  draft.create_time = now;
  draft.update_time = now;
  draft.version = 1;
  absl::StatusOr<Created> created =
      store_->CreateOfficer(draft, *cipher, pii_->BlindIndex(normalized, "officers.id_number"),
                            *key, Audit(who, "officer.create", draft.id, now));
  if (!created.ok()) return created.status();
  return store_->GetOfficer(created->id);
}

absl::StatusOr<Officer> PersonnelApp::GetOfficer(const auth::Principal& who,
                                                 const std::string& id) {
  constexpr absl::string_view kAction = "read this officer";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  return VisibleOfficer(who, "id", id, kAction);
}

absl::StatusOr<Page<Officer>> PersonnelApp::ListOfficers(
    const auth::Principal& who, const std::string& division_code, const std::string& agency_id,
    absl::StatusOr<std::optional<OfficerRole>> role_filter, const PageQuery& page) {
  constexpr absl::string_view kAction = "list officers of this division";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  if (!role_filter.ok()) return role_filter.status();
  const std::optional<OfficerRole> role = *role_filter;
  absl::StatusOr<std::string> scope =
      authorizer_->ScopeForList(who, "division_code", division_code, kAction);
  if (!scope.ok()) return scope.status();
  if (!agency_id.empty()) {
    if (absl::Status s = ValidateId("agency_id", agency_id); !s.ok()) return s;
  }
  absl::StatusOr<int> size = paging::EffectivePageSize("page_size", page.page_size);
  if (!size.ok()) return size.status();
  const std::string filter = absl::StrCat("officers|", *scope, "|", agency_id, "|",
                                          role.has_value() ? static_cast<int>(*role) : 0);
  absl::StatusOr<std::string> after =
      paging::DecodePageToken("page_token", page.page_token, filter);
  if (!after.ok()) return after.status();
  absl::StatusOr<std::vector<Officer>> rows =
      store_->ListOfficers(OfficerFilter{Divisions::SubtreePrefix(*scope), agency_id, role},
                           PageRequest{*after, *size + 1});
  if (!rows.ok()) return rows.status();
  Page<Officer> out;
  if (static_cast<int>(rows->size()) > *size) {
    rows->resize(*size);
    out.next_page_token = paging::EncodePageToken(rows->back().id, filter);
  }
  out.items = *std::move(rows);
  return out;
}

absl::StatusOr<Officer> PersonnelApp::UpdateOfficer(
    const auth::Principal& who, const std::string& id, const std::string& etag,
    const std::optional<std::string>& name,
    const absl::StatusOr<std::optional<std::vector<OfficerRole>>>& roles_input) {
  constexpr absl::string_view kAction = "update this officer";
  if (auto s = authorizer_->RequireRole(who, internal::kStaffWriters, kAction); !s.ok()) {
    return s;
  }
  if (!roles_input.ok()) return roles_input.status();
  const std::optional<std::vector<OfficerRole>>& roles = *roles_input;
  if (name.has_value()) {
    if (auto s = ValidateText("officer.name", *name, 64); !s.ok()) return s;
  }
  if (roles.has_value()) {
    if (auto s = ValidateRoles("officer.roles", *roles); !s.ok()) return s;
  }
  std::optional<int64_t> expected;
  if (!etag.empty()) {
    absl::StatusOr<int64_t> v = internal::ParseEtag("officer.etag", etag);
    if (!v.ok()) return v.status();
    expected = *v;
  }
  absl::StatusOr<Officer> current = VisibleOfficer(who, "officer.id", id, kAction);
  if (!current.ok()) return current.status();
  if (auto s = RequireAgencyScope(who, current->agency_id, kAction); !s.ok()) return s;
  if (expected.has_value() && *expected != current->version) {
    return StaleEtag("officer.etag");
  }
  Officer updated = *current;
  if (name.has_value()) updated.name = *name;
  if (roles.has_value()) updated.roles = *roles;
  updated.update_time = clock_->Now();
  return store_->UpdateOfficer(updated, current->version,
                               Audit(who, "officer.update", id, updated.update_time));
}

}  // namespace lawenforce::personnel
