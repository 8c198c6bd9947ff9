// PersonnelApp: certificates and enforcement eligibility.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/ids/id_generator.h"
#include "common/paging/page_token.h"
#include "common/status/errors.h"
#include "services/personnel/app/app_internal.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

using internal::Audit;

absl::StatusOr<Certificate> PersonnelApp::IssueCertificate(const auth::Principal& who,
                                                           absl::StatusOr<Certificate> input,
                                                           const CreateOptions& options) {
  constexpr absl::string_view kAction = "issue certificates to this officer";
  if (auto s = authorizer_->RequireRole(who, internal::kCertificateAuthorities, kAction); !s.ok()) {
    return s;
  }
  if (!input.ok()) return input.status();
  Certificate draft = *std::move(input);
  if (auto s = ValidateCertificateNumber("certificate.number", draft.number); !s.ok()) return s;
  if (auto s = ValidateId("certificate.officer_id", draft.officer_id); !s.ok()) return s;
  if (auto s = ValidateDomains("certificate.domains", draft.domains); !s.ok()) return s;
  if (auto s = ValidateValidity("certificate.valid_from", draft.valid_from,
                                "certificate.valid_until", draft.valid_until);
      !s.ok()) {
    return s;
  }
  const absl::Time now = clock_->Now();
  if (draft.valid_until < absl::ToCivilDay(now, ChinaTimeZone())) {
    return InvalidField("certificate.valid_until", "already in the past");
  }
  absl::StatusOr<std::optional<IdempotencyKey>> key = internal::KeyFor("IssueCertificate", options);
  if (!key.ok()) return key.status();
  absl::StatusOr<Officer> officer =
      VisibleOfficer(who, "certificate.officer_id", draft.officer_id, kAction);
  if (!officer.ok()) return officer.status();
  absl::StatusOr<Agency> agency = store_->GetAgency(officer->agency_id);
  if (!agency.ok()) return agency.status();
  for (size_t i = 0; i < draft.domains.size(); ++i) {
    if (std::find(agency->domains.begin(), agency->domains.end(), draft.domains[i]) ==
        agency->domains.end()) {
      return InvalidField(absl::StrCat("certificate.domains[", i, "]"),
                          "not an enforcement domain of the officer's agency");
    }
  }
  draft.id = ids_->NewId();
  draft.agency_id = agency->id;
  draft.division_code = officer->division_code;
  draft.state = CertificateState::kActive;
  draft.state_reason = "issued";
  draft.review_required = officer->review_required;
  draft.create_time = now;
  draft.update_time = now;
  draft.version = 1;
  CertificateEvent issued{1, std::nullopt, CertificateState::kActive, "issued", who.subject, now};
  absl::StatusOr<Created> created = store_->IssueCertificate(
      draft, issued, *key, Audit(who, "certificate.issue", draft.id, now, draft.number));
  if (!created.ok()) return created.status();
  return store_->GetCertificate(created->id);
}

absl::StatusOr<Certificate> PersonnelApp::GetCertificate(const auth::Principal& who,
                                                         const std::string& id) {
  constexpr absl::string_view kAction = "read this certificate";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  absl::StatusOr<Certificate> certificate = VisibleCertificate(who, id, kAction);
  if (!certificate.ok()) return certificate.status();
  certificate->state = EffectiveState(*certificate, clock_->Now());
  return certificate;
}

absl::StatusOr<Page<Certificate>> PersonnelApp::ListCertificates(
    const auth::Principal& who, const std::string& division_code, const std::string& officer_id,
    absl::StatusOr<std::optional<CertificateState>> state_filter, const PageQuery& page) {
  constexpr absl::string_view kAction = "list certificates of this division";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  if (!state_filter.ok()) return state_filter.status();
  const std::optional<CertificateState> state = *state_filter;
  absl::StatusOr<std::string> scope =
      authorizer_->ScopeForList(who, "division_code", division_code, kAction);
  if (!scope.ok()) return scope.status();
  if (!officer_id.empty()) {
    if (absl::Status s = ValidateId("officer_id", officer_id); !s.ok()) return s;
  }
  absl::StatusOr<int> size = paging::EffectivePageSize("page_size", page.page_size);
  if (!size.ok()) return size.status();
  const std::string filter = absl::StrCat("certificates|", *scope, "|", officer_id, "|",
                                          state.has_value() ? static_cast<int>(*state) : 0);
  absl::StatusOr<std::string> after =
      paging::DecodePageToken("page_token", page.page_token, filter);
  if (!after.ok()) return after.status();
  const absl::Time now = clock_->Now();
  CertificateFilter f{Divisions::SubtreePrefix(*scope), officer_id, state,
                      absl::ToCivilDay(now, ChinaTimeZone())};
  absl::StatusOr<std::vector<Certificate>> rows =
      store_->ListCertificates(f, PageRequest{*after, *size + 1});
  if (!rows.ok()) return rows.status();
  Page<Certificate> out;
  if (static_cast<int>(rows->size()) > *size) {
    rows->resize(*size);
    out.next_page_token = paging::EncodePageToken(rows->back().id, filter);
  }
  for (Certificate& c : *rows) {
    c.state = EffectiveState(c, now);
  }
  out.items = *std::move(rows);
  return out;
}

absl::StatusOr<Certificate> PersonnelApp::TransitionCertificate(const auth::Principal& who,
                                                                const std::string& id,
                                                                CertificateEventKind event,
                                                                const std::string& reason,
                                                                const std::string& etag) {
  const std::string action = absl::StrCat(CertificateEventName(event), " this certificate");
  const auth::RoleSet allowed = event == CertificateEventKind::kCancel
                                    ? internal::kCancellers
                                    : internal::kCertificateAuthorities;
  if (auto s = authorizer_->RequireRole(who, allowed, action); !s.ok()) return s;
  if (event == CertificateEventKind::kExpire) {
    // Expiry follows the validity date; nobody can ask for it.
    return PermissionDenied(action);
  }
  if (auto s = ValidateText("reason", reason, 500); !s.ok()) return s;
  std::optional<int64_t> expected;
  if (!etag.empty()) {
    absl::StatusOr<int64_t> v = internal::ParseEtag("etag", etag);
    if (!v.ok()) return v.status();
    expected = *v;
  }
  absl::StatusOr<Certificate> current = VisibleCertificate(who, id, action);
  if (!current.ok()) return current.status();
  if (auto s = RequireAgencyScope(who, current->agency_id, action); !s.ok()) return s;
  if (expected.has_value() && *expected != current->version) {
    return StaleEtag("etag");
  }
  const absl::Time now = clock_->Now();
  const CertificateState from = EffectiveState(*current, now);
  absl::StatusOr<CertificateState> to = Transition(from, event);
  if (!to.ok()) return to.status();
  CertificateEvent change{0, from, *to, reason, who.subject, now};
  absl::StatusOr<Certificate> updated = store_->TransitionCertificate(
      id, current->version, *to, change,
      Audit(who, absl::StrCat("certificate.", CertificateEventName(event)), id, now));
  if (!updated.ok()) return updated.status();
  updated->state = EffectiveState(*updated, now);
  return updated;
}

absl::StatusOr<std::vector<CertificateEvent>> PersonnelApp::GetCertificateHistory(
    const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this certificate";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  absl::StatusOr<Certificate> certificate = VisibleCertificate(who, id, kAction);
  if (!certificate.ok()) return certificate.status();
  return store_->GetCertificateHistory(id);
}

absl::StatusOr<std::vector<EligibilityVerdict>> PersonnelApp::CheckEligibility(
    const auth::Principal& who, const std::vector<std::string>& officer_ids,
    const std::string& domain, absl::StatusOr<std::optional<absl::Time>> at) {
  constexpr absl::string_view kAction = "check these officers";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  if (!at.ok()) return at.status();
  if (officer_ids.empty())
    return InvalidField("officer_ids", "at least one officer id is required");
  if (officer_ids.size() > 100) return InvalidField("officer_ids", "at most 100 officer ids");
  for (size_t i = 0; i < officer_ids.size(); ++i) {
    if (auto s = ValidateId(absl::StrCat("officer_ids[", i, "]"), officer_ids[i]); !s.ok()) {
      return s;
    }
  }
  if (auto s = ValidateDomainCode("domain", domain); !s.ok()) return s;
  const absl::Time when = at->value_or(clock_->Now());
  const int previous_year = absl::ToCivilYear(when, ChinaTimeZone()).year() - 1;

  // Facts first (cache or store), jurisdiction next: the same answer for a
  // missing officer and one outside the caller's subtree (ADR 0003).
  absl::StatusOr<std::vector<OfficerFacts>> facts = eligibility_.Load(officer_ids);
  if (!facts.ok()) return facts.status();
  std::vector<EligibilityVerdict> verdicts;
  verdicts.reserve(facts->size());
  for (OfficerFacts& f : *facts) {
    if (!f.found) {
      if (auto s = authorizer_->RecordNotFound(who, "officer", kAction);
          s.code() != absl::StatusCode::kNotFound) {
        return s;
      }
    } else if (auto s = authorizer_->RequireWithin(who, f.division_code, kAction); !s.ok()) {
      return s;
    }
    EligibilityInput input;
    input.officer_id = f.officer_id;
    input.officer_found = f.found;
    input.certificates = std::move(f.certificates);
    input.agency_requires_training = f.agency_requires_training;
    auto minutes = f.counted_minutes_by_year.find(previous_year);
    input.previous_year_counted_minutes =
        minutes == f.counted_minutes_by_year.end() ? 0 : minutes->second;
    verdicts.push_back(JudgeEligibility(input, domain, when));
  }
  return verdicts;
}

}  // namespace lawenforce::personnel
