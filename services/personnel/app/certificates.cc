#include "services/personnel/app/certificates.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {
namespace {

// The RPC each change a caller asks for comes through.
absl::string_view MethodOf(CertificateEventKind event) {
  switch (event) {
    case CertificateEventKind::kSuspend:
      return "SuspendCertificate";
    case CertificateEventKind::kReinstate:
      return "ReinstateCertificate";
    case CertificateEventKind::kRevoke:
      return "RevokeCertificate";
    case CertificateEventKind::kCancel:
      return "CancelCertificate";
    case CertificateEventKind::kExpire:
      break;  // the deadline engine's, through no RPC
  }
  return "";
}

// Every domain of a certificate must be one of its holder's agency.
absl::Status CheckAgencyDomains(const Agency& agency, absl::string_view field,
                                const std::vector<std::string>& domains) {
  for (size_t i = 0; i < domains.size(); ++i) {
    if (std::find(agency.domains.begin(), agency.domains.end(), domains[i]) ==
        agency.domains.end()) {
      return InvalidField(absl::StrCat(field, "[", i, "]"),
                          "not an enforcement domain of the officer's agency");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Certificate> Certificates::Issue(const auth::Principal& who,
                                                absl::StatusOr<Certificate> input,
                                                const CreateOptions& options) {
  constexpr absl::string_view kAction = "issue certificates to this officer";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kCertificateAuthorities, kAction));
  LE_ASSIGN_OR_RETURN(Certificate draft, std::move(input));
  LE_RETURN_IF_ERROR(ValidateCertificateNumber("certificate.number", draft.number));
  draft.number = NormalizeCertificateNumber(draft.number);
  LE_RETURN_IF_ERROR(ValidateId("certificate.officer_id", draft.officer_id));
  LE_RETURN_IF_ERROR(ValidateKnownDomains(deps_, "certificate.domains", draft.domains));
  LE_RETURN_IF_ERROR(ValidateValidity("certificate.valid_from", draft.valid_from,
                                      "certificate.valid_until", draft.valid_until,
                                      deps_.policy->max_validity_days));
  const absl::Time now = deps_.clock->Now();
  if (draft.valid_until < absl::ToCivilDay(now, ChinaTimeZone())) {
    return InvalidField("certificate.valid_until", "already in the past");
  }
  LE_ASSIGN_OR_RETURN(std::optional<IdempotencyKey> key,
                      KeyOf(deps_, "IssueCertificate", who, options));
  LE_ASSIGN_OR_RETURN(Officer officer, deps_.lookups->VisibleOfficer(who, "certificate.officer_id",
                                                                     draft.officer_id, kAction));
  if (officer.service_end.has_value()) {
    return absl::FailedPreconditionError(
        "certificate.officer_id: the officer left service (TransferOfficer brings them back)");
  }
  // A supervisor acts only with a supervision certificate (DOMAIN.md), and
  // only a supervisor may hold one.
  if (draft.kind == CertificateKind::kSupervision &&
      std::find(officer.roles.begin(), officer.roles.end(), OfficerRole::kSupervisor) ==
          officer.roles.end()) {
    return absl::FailedPreconditionError(
        "certificate.kind: a supervision certificate is issued only to an officer with the "
        "SUPERVISOR role");
  }
  LE_ASSIGN_OR_RETURN(Agency agency, agencies_->GetAgency(officer.agency_id));
  LE_RETURN_IF_ERROR(CheckAgencyDomains(agency, "certificate.domains", draft.domains));
  draft.id = deps_.ids->NewId();
  draft.agency_id = agency.id;
  draft.division_code = officer.division_code;
  draft.state = CertificateState::kActive;
  draft.state_reason = "issued";
  draft.review_required = officer.review_required;
  draft.create_time = now;
  draft.update_time = now;
  draft.version = 1;
  CertificateEvent issued{1,   std::nullopt, CertificateState::kActive, "issued", who.subject,
                          now, now};
  LE_ASSIGN_OR_RETURN(
      Created created,
      store_->IssueCertificate(draft, issued, key,
                               app::AuditOf(who, "IssueCertificate", "certificate.issue", draft.id,
                                            draft.division_code, now, draft.number)));
  return store_->GetCertificate(created.id);
}

absl::StatusOr<Certificate> Certificates::Get(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this certificate";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  LE_ASSIGN_OR_RETURN(Certificate certificate,
                      deps_.lookups->VisibleCertificate(who, "id", id, kAction));
  certificate.state = EffectiveState(certificate, deps_.clock->Now());
  return certificate;
}

absl::StatusOr<Page<Certificate>> Certificates::List(
    const auth::Principal& who, const std::string& division_code, const std::string& officer_id,
    absl::StatusOr<std::optional<CertificateState>> state_filter, const PageQuery& page,
    int expiring_within_days) {
  constexpr absl::string_view kAction = "list certificates of this division";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  LE_ASSIGN_OR_RETURN(const std::optional<CertificateState> state, std::move(state_filter));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      deps_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  if (!officer_id.empty()) LE_RETURN_IF_ERROR(ValidateId("officer_id", officer_id));
  if (expiring_within_days < 0 || expiring_within_days > 366) {
    return InvalidField("expiring_within_days", "must be 0..366");
  }
  const std::string filter =
      absl::StrCat("certificates|", scope, "|", officer_id, "|",
                   state.has_value() ? static_cast<int>(*state) : 0, "|", expiring_within_days);
  const absl::Time now = deps_.clock->Now();
  CertificateFilter f{Divisions::SubtreePrefix(scope), officer_id, state,
                      absl::ToCivilDay(now, ChinaTimeZone())};
  if (expiring_within_days > 0) f.expiring_through = f.today + expiring_within_days;
  LE_ASSIGN_OR_RETURN(
      Page<Certificate> out,
      app::ListPage<Certificate>(page, filter, *deps_.pii, [&](const store::PageRequest& r) {
        return store_->ListCertificates(f, r);
      }));
  for (Certificate& c : out.items) c.state = EffectiveState(c, now);
  return out;
}

absl::StatusOr<Certificate> Certificates::Transition(
    const auth::Principal& who, const std::string& id, CertificateEventKind event,
    const std::string& reason, const std::string& etag,
    absl::StatusOr<std::optional<absl::Time>> at, const TransitionTerms& terms) {
  const std::string action = absl::StrCat(CertificateEventName(event), " this certificate");
  const auth::RoleSet allowed =
      event == CertificateEventKind::kCancel ? roles::kCancellers : roles::kCertificateAuthorities;
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, allowed, action));
  if (event == CertificateEventKind::kExpire) {
    return PermissionDenied(action);  // expiry follows the validity date; nobody can ask for it
  }
  LE_RETURN_IF_ERROR(at);
  LE_RETURN_IF_ERROR(terms.until);
  LE_RETURN_IF_ERROR(ValidateText("reason", reason, 500));
  LE_RETURN_IF_ERROR(ValidateOptionalText("decision_document", terms.decision_document, 100));
  if (terms.until->has_value() && event != CertificateEventKind::kSuspend) {
    return InvalidField("suspended_until", "only a suspension has an end");
  }
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(Certificate current,
                      deps_.lookups->VisibleCertificate(who, "id", id, action));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, current.agency_id, action));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, current.version));
  const absl::Time now = deps_.clock->Now();
  CertificateState from = EffectiveState(current, now);
  LE_ASSIGN_OR_RETURN(CertificateState to, personnel::Transition(from, event));
  absl::Time effective = now;
  if (at->has_value()) {
    LE_ASSIGN_OR_RETURN(std::vector<CertificateEvent> history, store_->GetCertificateHistory(id));
    LE_ASSIGN_OR_RETURN(effective,
                        EffectiveTimeOf("effective_time", event, *at, now, current, history));
  }
  // A change dated before a suspension's end finds the certificate still
  // suspended then.
  if (from == CertificateState::kActive && current.state == CertificateState::kSuspended &&
      current.suspended_until.has_value() && effective < *current.suspended_until) {
    from = CertificateState::kSuspended;
    LE_ASSIGN_OR_RETURN(to, personnel::Transition(from, event));
  }
  if (terms.until->has_value()) {
    LE_RETURN_IF_ERROR(ValidateSuspensionEnd("suspended_until", **terms.until, effective));
  }
  CertificateEvent change{0, from, to, reason, who.subject, effective, now};
  change.until = *terms.until;
  change.decision_document = terms.decision_document;
  std::vector<std::string> details;
  if (effective != now) {
    details.push_back(absl::StrCat(
        "effective ", absl::FormatTime(absl::RFC3339_sec, effective, ChinaTimeZone())));
  }
  if (change.until.has_value()) {
    details.push_back(absl::StrCat(
        "until ", absl::FormatTime(absl::RFC3339_sec, *change.until, ChinaTimeZone())));
  }
  if (!change.decision_document.empty()) {
    details.push_back(absl::StrCat("decision ", change.decision_document));
  }
  LE_ASSIGN_OR_RETURN(Certificate updated,
                      store_->TransitionCertificate(
                          id, current.version, to, change,
                          app::AuditOf(who, MethodOf(event),
                                       absl::StrCat("certificate.", CertificateEventName(event)),
                                       id, current.division_code, now, absl::StrJoin(details, "; "),
                                       {{"state", std::string(CertificateStateName(from)),
                                         std::string(CertificateStateName(to))}})));
  updated.state = EffectiveState(updated, now);
  return updated;
}

absl::StatusOr<Certificate> Certificates::Reissue(const auth::Principal& who,
                                                  absl::StatusOr<ReissueRequest> request,
                                                  const CreateOptions& options) {
  constexpr absl::string_view kAction = "reissue this certificate";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kCertificateAuthorities, kAction));
  LE_ASSIGN_OR_RETURN(const ReissueRequest r, std::move(request));
  LE_RETURN_IF_ERROR(ValidateId("id", r.certificate_id));
  const bool renewal = r.kind == ReissueKind::kRenewal;
  LE_RETURN_IF_ERROR(ValidateCertificateNumber("number", r.number));
  LE_RETURN_IF_ERROR(ValidateText("reason", r.reason, 500));
  LE_RETURN_IF_ERROR(ValidateOptionalText("decision_document", r.decision_document, 100));
  if (renewal) {
    if (!r.valid_from.has_value()) return InvalidField("valid_from", "a renewal needs one");
    if (!r.valid_until.has_value()) return InvalidField("valid_until", "a renewal needs one");
    if (!r.domains.empty()) LE_RETURN_IF_ERROR(ValidateKnownDomains(deps_, "domains", r.domains));
  } else {
    if (r.valid_from.has_value()) {
      return InvalidField("valid_from", "a replacement keeps the certificate's validity");
    }
    if (r.valid_until.has_value()) {
      return InvalidField("valid_until", "a replacement keeps the certificate's validity");
    }
    if (!r.domains.empty()) {
      return InvalidField("domains", "a replacement keeps the certificate's domains");
    }
  }
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", r.etag));
  LE_ASSIGN_OR_RETURN(std::optional<IdempotencyKey> key,
                      KeyOf(deps_, "ReissueCertificate", who, options));
  LE_ASSIGN_OR_RETURN(Certificate old,
                      deps_.lookups->VisibleCertificate(who, "id", r.certificate_id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, old.agency_id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, old.version));
  const absl::Time now = deps_.clock->Now();
  const absl::CivilDay today = absl::ToCivilDay(now, ChinaTimeZone());
  const CertificateState state = EffectiveState(old, now);
  // A retry with the request_id of the reissue that replaced it is the
  // store's to answer (the record as it is now).
  const bool retry = key.has_value() && !old.replaced_by_id.empty();
  if (!old.replaced_by_id.empty() && !retry) {
    return absl::FailedPreconditionError("id: the certificate was already renewed or replaced");
  }
  const bool allowed =
      state == CertificateState::kActive || (renewal && state == CertificateState::kExpired);
  if (!allowed && !retry) {
    return absl::FailedPreconditionError(
        absl::StrCat("certificate is ", CertificateStateName(state), ": cannot ",
                     renewal ? "renew (only an ACTIVE or EXPIRED one)"
                             : "replace (only an ACTIVE one; renew an expired one)"));
  }
  Certificate draft;
  draft.number = NormalizeCertificateNumber(r.number);
  if (!retry && store_->GetCertificateByNumber(draft.number).ok()) {
    // (A race with another issue of the number ends in the store's
    // "certificate.number: already issued".)
    return absl::AlreadyExistsError("number: already issued");
  }
  draft.kind = old.kind;
  draft.domains = renewal && !r.domains.empty() ? r.domains : old.domains;
  draft.valid_from = renewal ? *r.valid_from : old.valid_from;
  draft.valid_until = renewal ? *r.valid_until : old.valid_until;
  if (renewal) {
    LE_RETURN_IF_ERROR(ValidateValidity("valid_from", draft.valid_from, "valid_until",
                                        draft.valid_until, deps_.policy->max_validity_days));
    if (draft.valid_from > today) {
      return InvalidField("valid_from",
                          "a renewal takes over at once: not after today (issue a new "
                          "certificate for a later start)");
    }
    if (draft.valid_until < today) return InvalidField("valid_until", "already in the past");
  }
  LE_ASSIGN_OR_RETURN(Officer officer,
                      deps_.lookups->VisibleOfficer(who, "id", old.officer_id, kAction));
  if (officer.service_end.has_value() || officer.agency_id != old.agency_id) {
    return absl::FailedPreconditionError(
        "id: the holder no longer serves the certificate's agency (issue a new certificate)");
  }
  LE_ASSIGN_OR_RETURN(Agency agency, agencies_->GetAgency(officer.agency_id));
  LE_RETURN_IF_ERROR(CheckAgencyDomains(
      agency, renewal && !r.domains.empty() ? "domains" : "id (its domains)", draft.domains));
  const absl::string_view what = renewal ? "renewal" : "replacement";
  draft.id = deps_.ids->NewId();
  draft.officer_id = officer.id;
  draft.agency_id = agency.id;
  draft.division_code = officer.division_code;
  draft.state = CertificateState::kActive;
  draft.state_reason = absl::StrCat(what, " of ", old.number);
  draft.state_document = r.decision_document;
  draft.review_required = officer.review_required;
  draft.replaces_id = old.id;
  draft.create_time = now;
  draft.update_time = now;
  draft.version = 1;
  CertificateEvent issued{
      1, std::nullopt, CertificateState::kActive, draft.state_reason, who.subject, now, now};
  issued.decision_document = r.decision_document;

  Replaced replaced;
  replaced.certificate_id = old.id;
  replaced.expected_version = old.version;
  const std::string old_reason =
      absl::StrCat(renewal ? "renewed as " : "replaced by ", draft.number, ": ", r.reason);
  std::vector<store::FieldChange> changes = {{"replaced_by_id", "", draft.id}};
  if (state == CertificateState::kActive) {
    CertificateEvent cancel{0,   state, CertificateState::kCancelled, old_reason, who.subject,
                            now, now};
    cancel.decision_document = r.decision_document;
    replaced.cancel = cancel;
    changes.push_back({"state", std::string(CertificateStateName(state)),
                       std::string(CertificateStateName(CertificateState::kCancelled))});
  }
  const std::string action = renewal ? "certificate.renew" : "certificate.replace";
  replaced.audit = app::AuditOf(who, "ReissueCertificate",
                                renewal ? "certificate.renewed" : "certificate.replaced", old.id,
                                old.division_code, now, old_reason, changes);
  LE_ASSIGN_OR_RETURN(
      Created created,
      store_->ReissueCertificate(
          replaced, draft, issued, key,
          app::AuditOf(who, "ReissueCertificate", action, draft.id, draft.division_code, now,
                       absl::StrCat(draft.number, " (", what, " of ", old.number, ")"),
                       {{"replaces_id", "", old.id}})));
  LE_ASSIGN_OR_RETURN(Certificate out, store_->GetCertificate(created.id));
  out.state = EffectiveState(out, now);
  return out;
}

absl::StatusOr<Certificate> Certificates::Correct(const auth::Principal& who,
                                                  absl::StatusOr<CorrectionRequest> request) {
  constexpr absl::string_view kAction = "correct this certificate";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kCertificateAuthorities, kAction));
  LE_ASSIGN_OR_RETURN(const CorrectionRequest r, std::move(request));
  if (r.number.has_value()) LE_RETURN_IF_ERROR(ValidateCertificateNumber("number", *r.number));
  if (r.domains.has_value()) {
    LE_RETURN_IF_ERROR(ValidateKnownDomains(deps_, "domains", *r.domains));
  }
  LE_RETURN_IF_ERROR(ValidateText("reason", r.reason, 500));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", r.etag));
  LE_ASSIGN_OR_RETURN(Certificate current,
                      deps_.lookups->VisibleCertificate(who, "id", r.certificate_id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, current.agency_id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, current.version));
  if (current.state != CertificateState::kActive && current.state != CertificateState::kSuspended) {
    return absl::FailedPreconditionError(absl::StrCat(
        "certificate is ", CertificateStateName(current.state),
        ": only a live (ACTIVE or SUSPENDED) certificate can be corrected; renew an expired one"));
  }
  Certificate corrected = current;
  if (r.number.has_value()) corrected.number = NormalizeCertificateNumber(*r.number);
  if (r.valid_from.has_value()) corrected.valid_from = *r.valid_from;
  if (r.valid_until.has_value()) corrected.valid_until = *r.valid_until;
  if (r.domains.has_value()) corrected.domains = *r.domains;
  LE_RETURN_IF_ERROR(ValidateValidity("valid_from", corrected.valid_from, "valid_until",
                                      corrected.valid_until, deps_.policy->max_validity_days));
  std::vector<store::FieldChange> changes;
  if (corrected.number != current.number) {
    changes.push_back({"number", current.number, corrected.number});
  }
  if (corrected.valid_from != current.valid_from) {
    changes.push_back({"valid_from", absl::FormatCivilTime(current.valid_from),
                       absl::FormatCivilTime(corrected.valid_from)});
  }
  if (corrected.valid_until != current.valid_until) {
    changes.push_back({"valid_until", absl::FormatCivilTime(current.valid_until),
                       absl::FormatCivilTime(corrected.valid_until)});
  }
  if (corrected.domains != current.domains) {
    changes.push_back(
        {"domains", absl::StrJoin(current.domains, ","), absl::StrJoin(corrected.domains, ",")});
  }
  const absl::Time now = deps_.clock->Now();
  if (changes.empty()) {
    current.state = EffectiveState(current, now);
    return current;
  }
  if (corrected.domains != current.domains) {
    LE_ASSIGN_OR_RETURN(Agency agency, agencies_->GetAgency(current.agency_id));
    LE_RETURN_IF_ERROR(CheckAgencyDomains(agency, "domains", corrected.domains));
  }
  LE_ASSIGN_OR_RETURN(Certificate out,
                      store_->CorrectCertificate(
                          corrected, current.version, now,
                          app::AuditOf(who, "CorrectCertificate", "certificate.correct", current.id,
                                       current.division_code, now, r.reason, changes)));
  out.state = EffectiveState(out, now);
  return out;
}

absl::StatusOr<std::vector<CertificateEvent>> Certificates::History(const auth::Principal& who,
                                                                    const std::string& id) {
  constexpr absl::string_view kAction = "read this certificate";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  LE_RETURN_IF_ERROR(deps_.lookups->VisibleCertificate(who, "id", id, kAction));
  return store_->GetCertificateHistory(id);
}

}  // namespace lawenforce::personnel
