#include "services/personnel/app/postings.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/service_periods.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {
namespace {

std::string TimeText(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_sec, t, ChinaTimeZone());
}

}  // namespace

absl::StatusOr<Officer> Postings::Transfer(const auth::Principal& who,
                                           const std::string& officer_id,
                                           const std::string& agency_id, const std::string& note,
                                           const std::string& etag,
                                           absl::StatusOr<std::optional<absl::Time>> at) {
  constexpr absl::string_view kAction = "transfer this officer";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kStaffWriters, kAction));
  LE_RETURN_IF_ERROR(at.status());
  LE_RETURN_IF_ERROR(ValidateId("officer_id", officer_id));
  LE_RETURN_IF_ERROR(ValidateId("agency_id", agency_id));
  LE_RETURN_IF_ERROR(ValidateOptionalText("note", note, 500));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(Officer current,
                      deps_.lookups->VisibleOfficer(who, "officer_id", officer_id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, current.agency_id, kAction));
  LE_ASSIGN_OR_RETURN(Agency to,
                      deps_.lookups->VisibleAgency(who, "agency_id", agency_id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, to.id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, current.version));
  const bool in_service = !current.service_end.has_value();
  if (in_service && to.id == current.agency_id) {
    return absl::FailedPreconditionError(
        "agency_id: the officer already serves this agency (nothing to transfer)");
  }
  return Change(
      who, current,
      in_service ? std::optional<ServiceEndReason>(ServiceEndReason::kTransferred) : std::nullopt,
      to, note, *at, "TransferOfficer", in_service ? "officer.transfer" : "officer.return");
}

absl::StatusOr<Officer> Postings::EndService(const auth::Principal& who,
                                             const std::string& officer_id,
                                             absl::StatusOr<ServiceEndReason> reason,
                                             const std::string& note, const std::string& etag,
                                             absl::StatusOr<std::optional<absl::Time>> at) {
  constexpr absl::string_view kAction = "end this officer's service";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kStaffWriters, kAction));
  LE_RETURN_IF_ERROR(reason.status());
  if (*reason == ServiceEndReason::kTransferred) {
    return InvalidField("reason", "a transfer is TransferOfficer");
  }
  LE_RETURN_IF_ERROR(at.status());
  LE_RETURN_IF_ERROR(ValidateId("officer_id", officer_id));
  LE_RETURN_IF_ERROR(ValidateOptionalText("note", note, 500));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(Officer current,
                      deps_.lookups->VisibleOfficer(who, "officer_id", officer_id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, current.agency_id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, current.version));
  if (current.service_end.has_value()) {
    return absl::FailedPreconditionError(
        absl::StrCat("officer_id: the officer left service at ", TimeText(*current.service_end),
                     " (", ServiceEndReasonName(*current.service_end_reason), ")"));
  }
  return Change(who, current, *reason, std::nullopt, note, *at, "EndOfficerService",
                *reason == ServiceEndReason::kRetired ? "officer.retire" : "officer.leave_post");
}

absl::StatusOr<Officer> Postings::Change(const auth::Principal& who, const Officer& current,
                                         std::optional<ServiceEndReason> end_reason,
                                         std::optional<Agency> to_agency, const std::string& note,
                                         std::optional<absl::Time> at, absl::string_view method,
                                         absl::string_view audit_action) {
  const absl::Time now = deps_.clock->Now();
  // In service: after the open period began; back from leaving: after the
  // service ended.
  const absl::Time after =
      current.service_end.has_value() ? *current.service_end : current.service_start;
  LE_ASSIGN_OR_RETURN(absl::Time effective,
                      ServiceChangeTime("effective_time", at, now, after, *deps_.policy));

  ServiceChange change;
  change.officer_id = current.id;
  change.expected_version = current.version;
  change.effective = effective;
  change.now = now;
  change.end_reason = end_reason;
  change.note = note;
  change.actor = who.subject;
  change.to_agency = std::move(to_agency);

  // Every certificate still live when the change takes effect is
  // cancelled as of then (one who left holds none).
  std::string why = end_reason == ServiceEndReason::kTransferred
                        ? absl::StrCat("officer transferred to agency ", change.to_agency->id)
                    : end_reason == ServiceEndReason::kRetired ? std::string("officer retired")
                    : end_reason == ServiceEndReason::kLeftPost
                        ? std::string("officer left the enforcement post")
                        : std::string();
  if (!note.empty()) absl::StrAppend(&why, ": ", note);
  if (end_reason.has_value()) {
    LE_ASSIGN_OR_RETURN(std::vector<CertificateWithHistory> held,
                        store_->GetCertificatesWithHistory({current.id}));
    for (const CertificateWithHistory& h : held) {
      const CertificateState state = EffectiveState(h.certificate, now);
      if (state != CertificateState::kActive && state != CertificateState::kSuspended) continue;
      // A certificate that changed after `effective` cannot be cancelled
      // before that change (histories replay in order).
      LE_RETURN_IF_ERROR(
          EffectiveTimeOf("effective_time", CertificateEventKind::kCancel,
                          effective == now ? std::nullopt : std::optional<absl::Time>(effective),
                          now, h.certificate, h.history)
              .status());
      change.cancellations.push_back(
          {h.certificate.id, h.certificate.version,
           CertificateEvent{0, state, CertificateState::kCancelled, why, who.subject, effective,
                            now},
           app::AuditOf(who, method, "certificate.cancel", h.certificate.id,
                        h.certificate.division_code, now, why,
                        {{"state", std::string(CertificateStateName(state)), "CANCELLED"}})});
    }
  }
  std::string detail = absl::StrCat("effective ", TimeText(effective));
  if (change.to_agency.has_value()) {
    absl::StrAppend(&detail, "; from agency ", current.agency_id, " to ", change.to_agency->id);
  }
  if (!change.cancellations.empty()) {
    absl::StrAppend(&detail, "; ", change.cancellations.size(), " certificate(s) cancelled");
  }
  // Where the officer served and, after a transfer, where they serve: each
  // division's audit log shows the change.
  std::vector<store::FieldChange> fields;
  if (change.to_agency.has_value()) {
    fields.push_back({"agency_id", current.agency_id, change.to_agency->id});
    if (change.to_agency->division_code != current.division_code) {
      fields.push_back({"division_code", current.division_code, change.to_agency->division_code});
    }
  }
  const bool served = !current.service_end.has_value();
  const bool serves = change.to_agency.has_value();
  if (served != serves) {
    fields.push_back({"in_service", served ? "true" : "false", serves ? "true" : "false"});
  }
  if (end_reason.has_value() && !change.to_agency.has_value()) {
    fields.push_back({"service_end_reason", "", std::string(ServiceEndReasonName(*end_reason))});
  }
  if (change.to_agency.has_value() && change.to_agency->division_code != current.division_code) {
    change.arrival_audit = app::AuditOf(who, method, audit_action, current.id,
                                        change.to_agency->division_code, now, detail, fields);
  }
  return store_->ChangeOfficerService(
      change, app::AuditOf(who, method, audit_action, current.id, current.division_code, now,
                           detail, std::move(fields)));
}

absl::StatusOr<std::vector<ServicePeriod>> Postings::History(const auth::Principal& who,
                                                             const std::string& officer_id) {
  constexpr absl::string_view kAction = "read this officer";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  LE_RETURN_IF_ERROR(deps_.lookups->VisibleOfficer(who, "officer_id", officer_id, kAction));
  return store_->GetServicePeriods(officer_id);
}

}  // namespace lawenforce::personnel
