#include "services/personnel/api/convert.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/app/use_case.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"

namespace lawenforce::personnel::api {

using protoconv::FromDate;
using protoconv::ToDate;
using protoconv::ToTimestamp;

v1::Agency ToProto(const Agency& a, const Divisions& divisions) {
  v1::Agency p;
  p.set_id(a.id);
  p.set_name(a.name);
  p.set_division_code(a.division_code);
  if (absl::StatusOr<Division> d = divisions.Lookup(a.division_code); d.ok()) {
    p.set_tier(protoconv::ToTier(d->tier));
  }
  for (const std::string& d : a.domains) p.add_domains(d);
  p.set_require_training_for_eligibility(a.require_training_for_eligibility);
  *p.mutable_create_time() = ToTimestamp(a.create_time);
  p.set_etag(app::Etag(a.version));
  return p;
}

v1::OfficerRole ToProto(OfficerRole r) { return static_cast<v1::OfficerRole>(static_cast<int>(r)); }

v1::CertificateState ToProto(CertificateState s) {
  return static_cast<v1::CertificateState>(static_cast<int>(s));
}

v1::Officer ToProto(const Officer& o) {
  v1::Officer p;
  p.set_id(o.id);
  p.set_agency_id(o.agency_id);
  p.set_division_code(o.division_code);
  p.set_name(o.name);
  p.set_id_number_masked(o.id_number_masked);
  for (OfficerRole r : o.roles) p.add_roles(ToProto(r));
  p.set_review_required(o.review_required);
  *p.mutable_create_time() = ToTimestamp(o.create_time);
  *p.mutable_update_time() = ToTimestamp(o.update_time);
  p.set_etag(app::Etag(o.version));
  p.set_in_service(!o.service_end.has_value());
  *p.mutable_service_start_time() = ToTimestamp(o.service_start);
  if (o.service_end.has_value()) *p.mutable_service_end_time() = ToTimestamp(*o.service_end);
  if (o.service_end_reason.has_value()) {
    p.set_service_end_reason(
        static_cast<v1::ServiceEndReason>(static_cast<int>(*o.service_end_reason)));
  }
  return p;
}

v1::ServicePeriod ToProto(const ServicePeriod& s) {
  v1::ServicePeriod p;
  p.set_sequence(s.sequence);
  p.set_agency_id(s.agency_id);
  p.set_division_code(s.division_code);
  *p.mutable_start_time() = ToTimestamp(s.start);
  if (s.end != absl::InfiniteFuture()) *p.mutable_end_time() = ToTimestamp(s.end);
  if (s.end_reason.has_value()) {
    p.set_end_reason(static_cast<v1::ServiceEndReason>(static_cast<int>(*s.end_reason)));
  }
  p.set_end_note(s.end_note);
  p.set_end_actor(s.end_actor);
  *p.mutable_record_time() = ToTimestamp(s.record_time);
  return p;
}

v1::Certificate ToProto(const Certificate& c) {
  v1::Certificate p;
  p.set_id(c.id);
  p.set_number(c.number);
  p.set_officer_id(c.officer_id);
  p.set_agency_id(c.agency_id);
  p.set_division_code(c.division_code);
  p.set_kind(static_cast<v1::CertificateKind>(static_cast<int>(c.kind)));
  for (const std::string& d : c.domains) p.add_domains(d);
  *p.mutable_valid_from() = ToDate(c.valid_from);
  *p.mutable_valid_until() = ToDate(c.valid_until);
  p.set_state(ToProto(c.state));
  p.set_state_reason(c.state_reason);
  p.set_review_required(c.review_required);
  *p.mutable_create_time() = ToTimestamp(c.create_time);
  *p.mutable_update_time() = ToTimestamp(c.update_time);
  p.set_etag(app::Etag(c.version));
  p.set_state_decision_document(c.state_document);
  p.set_replaces_certificate_id(c.replaces_id);
  p.set_replaced_by_certificate_id(c.replaced_by_id);
  // Shown while the state (as read) is the suspension it ends.
  if (c.state == CertificateState::kSuspended && c.suspended_until.has_value()) {
    *p.mutable_suspended_until() = ToTimestamp(*c.suspended_until);
  }
  return p;
}

v1::CertificateVerificationCode ToProto(const PrintedVerification& v) {
  v1::CertificateVerificationCode p;
  p.set_certificate_id(v.certificate_id);
  p.set_number(v.number);
  p.set_code(v.code);
  p.set_text(v.text);
  return p;
}

v1::CertificateVerification ToProto(const CertificateVerification& v) {
  v1::CertificateVerification p;
  p.set_number(v.number);
  p.set_valid(v.valid);
  p.set_state(ToProto(v.state));
  p.set_kind(static_cast<v1::CertificateKind>(static_cast<int>(v.kind)));
  for (const std::string& d : v.domains) p.add_domains(d);
  *p.mutable_valid_from() = ToDate(v.valid_from);
  *p.mutable_valid_until() = ToDate(v.valid_until);
  p.set_agency_name(v.agency_name);
  p.set_holder_name_masked(v.holder_name_masked);
  *p.mutable_checked_at() = ToTimestamp(v.checked_at);
  return p;
}

v1::CertificateEvent ToProto(const CertificateEvent& e) {
  v1::CertificateEvent p;
  p.set_sequence(e.sequence);
  if (e.from_state.has_value()) p.set_from_state(ToProto(*e.from_state));
  p.set_to_state(ToProto(e.to_state));
  p.set_reason(e.reason);
  p.set_actor(e.actor);
  *p.mutable_time() = ToTimestamp(e.time);
  *p.mutable_record_time() = ToTimestamp(e.record_time);
  if (e.until.has_value()) *p.mutable_suspended_until() = ToTimestamp(*e.until);
  p.set_decision_document(e.decision_document);
  return p;
}

v1::TrainingRecord ToProto(const TrainingRecord& t) {
  v1::TrainingRecord p;
  p.set_id(t.id);
  p.set_officer_id(t.officer_id);
  p.set_agency_id(t.agency_id);
  p.set_division_code(t.division_code);
  p.set_hours(MinutesToHours(t.minutes));
  p.set_category(static_cast<v1::TrainingCategory>(static_cast<int>(t.category)));
  p.set_course(t.course);
  *p.mutable_date() = ToDate(t.date);
  p.set_provider(t.provider);
  *p.mutable_create_time() = ToTimestamp(t.create_time);
  return p;
}

v1::Assessment ToProto(const Assessment& a) {
  v1::Assessment p;
  p.set_id(a.id);
  p.set_officer_id(a.officer_id);
  p.set_year(a.year);
  p.set_result(static_cast<v1::AssessmentResult>(static_cast<int>(a.result)));
  p.set_remarks(a.remarks);
  p.set_recorded_by(a.recorded_by);
  *p.mutable_create_time() = ToTimestamp(a.create_time);
  return p;
}

v1::EligibilityVerdict ToProto(const EligibilityVerdict& v) {
  v1::EligibilityVerdict p;
  p.set_officer_id(v.officer_id);
  p.set_eligible(v.eligible);
  p.set_reason(static_cast<v1::EligibilityReason>(static_cast<int>(v.reason)));
  p.set_agency_id(v.agency_id);
  p.set_certificate_id(v.certificate_id);
  p.set_detail(v.detail);
  return p;
}

v1::TrainingSummary ToProto(const TrainingSummary& s) {
  v1::TrainingSummary p;
  p.set_year(s.year);
  p.set_required_hours(MinutesToHours(s.required_minutes));
  p.set_officer_count(s.officer_count);
  p.set_compliant_officer_count(s.compliant_officer_count);
  p.set_compliance_ratio(s.compliance_ratio);
  p.set_counted_hours(MinutesToHours(s.counted_minutes));
  p.set_political_theory_hours(MinutesToHours(s.political_theory_minutes));
  for (const OfficerTrainingTotals& o : s.officers) {
    v1::OfficerTrainingHours* h = p.add_officers();
    h->set_officer_id(o.officer_id);
    h->set_counted_hours(MinutesToHours(o.counted_minutes));
    h->set_political_theory_hours(MinutesToHours(o.political_theory_minutes));
    h->set_compliant(o.compliant);
    h->set_required_hours(MinutesToHours(o.required_minutes));
  }
  return p;
}

v1::TrainingShortfall ToProto(const TrainingShortfall& t) {
  v1::TrainingShortfall p;
  p.set_officer_id(t.id);
  p.set_name(t.name);
  p.set_agency_id(t.agency_id);
  p.set_division_code(t.division_code);
  p.set_counted_hours(MinutesToHours(t.counted_minutes));
  p.set_required_hours(MinutesToHours(t.required_minutes));
  p.set_missing_hours(MinutesToHours(t.required_minutes - t.counted_minutes));
  return p;
}

v1::AuditEntry ToProto(const store::AuditRow& row) {
  const store::AuditEntry& e = row.entry;
  v1::AuditEntry p;
  p.set_id(row.id);
  *p.mutable_time() = ToTimestamp(e.time);
  p.set_actor(e.actor);
  p.set_action(e.action);
  p.set_method(e.method);
  p.set_resource_id(e.resource_id);
  p.set_division_code(e.division_code);
  p.set_outcome(absl::StartsWith(e.action, "denied.") ? v1::AUDIT_OUTCOME_DENIED
                                                      : v1::AUDIT_OUTCOME_DONE);
  p.set_detail(e.detail);
  for (const store::FieldChange& c : e.changes) {
    v1::AuditFieldChange* out = p.add_changes();
    out->set_field(c.field);
    out->set_before(c.before);
    out->set_after(c.after);
  }
  return p;
}

namespace {

v1::StaffingFigures FiguresToProto(const StaffingFigures& f) {
  v1::StaffingFigures p;
  p.set_officer_count(f.officer_count);
  p.set_legal_reviewer_count(f.legal_reviewer_count);
  p.set_required_legal_reviewers(f.required_legal_reviewers);
  p.set_legal_reviewer_ratio(f.legal_reviewer_ratio);
  p.set_compliant(f.compliant);
  return p;
}

}  // namespace

v1::StaffingCompliance ToProto(const StaffingReport& r) {
  v1::StaffingCompliance p;
  *p.mutable_total() = FiguresToProto(r.total);
  for (const AgencyStaffing& a : r.agencies) {
    v1::AgencyStaffing* out = p.add_agencies();
    out->set_agency_id(a.agency_id);
    out->set_agency_name(a.agency_name);
    out->set_division_code(a.division_code);
    *out->mutable_figures() = FiguresToProto(a.figures);
  }
  for (const DivisionStaffing& d : r.divisions) {
    v1::DivisionStaffing* out = p.add_divisions();
    out->set_division_code(d.division_code);
    out->set_tier(protoconv::ToTier(d.tier));
    *out->mutable_figures() = FiguresToProto(d.figures);
    out->set_noncompliant_agency_count(d.noncompliant_agency_count);
    out->set_compliant_agency_count(d.compliant_agency_count);
    out->set_legal_reviewer_shortfall(d.legal_reviewer_shortfall);
  }
  p.set_compliant_agency_count(r.tally.compliant_agency_count);
  p.set_noncompliant_agency_count(r.tally.noncompliant_agency_count);
  p.set_legal_reviewer_shortfall(r.tally.legal_reviewer_shortfall);
  return p;
}

absl::StatusOr<std::optional<OfficerRole>> RoleFromProto(absl::string_view field, int value,
                                                         bool required) {
  if (value == v1::OFFICER_ROLE_UNSPECIFIED && !required) return std::nullopt;
  if (value < v1::OFFICER_ROLE_OFFICER || value > v1::OFFICER_ROLE_SUPERVISOR) {
    return InvalidField(field, "must be OFFICER, LEGAL_REVIEWER or SUPERVISOR");
  }
  return static_cast<OfficerRole>(value);
}

absl::StatusOr<std::vector<OfficerRole>> RolesFromProto(
    absl::string_view field, const google::protobuf::RepeatedField<int>& values) {
  std::vector<OfficerRole> roles;
  for (int i = 0; i < values.size(); ++i) {
    absl::StatusOr<std::optional<OfficerRole>> r =
        RoleFromProto(absl::StrCat(field, "[", i, "]"), values.Get(i), true);
    if (!r.ok()) return r.status();
    roles.push_back(**r);
  }
  return roles;
}

absl::StatusOr<CertificateKind> KindFromProto(absl::string_view field, int value) {
  if (value != v1::CERTIFICATE_KIND_ENFORCEMENT && value != v1::CERTIFICATE_KIND_SUPERVISION) {
    return InvalidField(field, "must be ENFORCEMENT or SUPERVISION");
  }
  return static_cast<CertificateKind>(value);
}

absl::StatusOr<std::optional<CertificateState>> StateFromProto(absl::string_view field, int value) {
  if (value == v1::CERTIFICATE_STATE_UNSPECIFIED) return std::nullopt;
  if (value < v1::CERTIFICATE_STATE_ACTIVE || value > v1::CERTIFICATE_STATE_EXPIRED) {
    return InvalidField(field, "unknown certificate state");
  }
  return static_cast<CertificateState>(value);
}

absl::StatusOr<TrainingCategory> CategoryFromProto(absl::string_view field, int value) {
  if (value < v1::TRAINING_CATEGORY_PUBLIC_LEGAL_KNOWLEDGE ||
      value > v1::TRAINING_CATEGORY_POLITICAL_THEORY) {
    return InvalidField(field, "required: one of the training categories");
  }
  return static_cast<TrainingCategory>(value);
}

absl::StatusOr<ServiceEndReason> EndReasonFromProto(absl::string_view field, int value) {
  if (value < v1::SERVICE_END_REASON_TRANSFERRED || value > v1::SERVICE_END_REASON_RETIRED) {
    return InvalidField(field, "required: LEFT_POST or RETIRED");
  }
  return static_cast<ServiceEndReason>(value);
}

absl::StatusOr<AssessmentResult> ResultFromProto(absl::string_view field, int value) {
  if (value < v1::ASSESSMENT_RESULT_EXCELLENT || value > v1::ASSESSMENT_RESULT_INCOMPETENT) {
    return InvalidField(field, "required: one of the assessment results");
  }
  return static_cast<AssessmentResult>(value);
}

Agency AgencyFromProto(const v1::Agency& p) {
  Agency a;
  a.name = p.name();
  a.division_code = p.division_code();
  a.domains.assign(p.domains().begin(), p.domains().end());
  a.require_training_for_eligibility = p.require_training_for_eligibility();
  return a;
}

absl::StatusOr<Officer> OfficerFromProto(const v1::Officer& p) {
  Officer o;
  o.agency_id = p.agency_id();
  o.name = p.name();
  absl::StatusOr<std::vector<OfficerRole>> roles = RolesFromProto("officer.roles", p.roles());
  if (!roles.ok()) return roles.status();
  o.roles = *std::move(roles);
  return o;
}

absl::StatusOr<Certificate> CertificateFromProto(const v1::Certificate& p) {
  Certificate c;
  c.number = p.number();
  c.officer_id = p.officer_id();
  absl::StatusOr<CertificateKind> kind = KindFromProto("certificate.kind", p.kind());
  if (!kind.ok()) return kind.status();
  c.kind = *kind;
  c.domains.assign(p.domains().begin(), p.domains().end());
  absl::StatusOr<absl::CivilDay> from =
      FromDate("certificate.valid_from", p.has_valid_from(), p.valid_from());
  if (!from.ok()) return from.status();
  absl::StatusOr<absl::CivilDay> until =
      FromDate("certificate.valid_until", p.has_valid_until(), p.valid_until());
  if (!until.ok()) return until.status();
  c.valid_from = *from;
  c.valid_until = *until;
  return c;
}

absl::StatusOr<CorrectionRequest> CorrectionFromProto(const v1::CorrectCertificateRequest& p) {
  CorrectionRequest r;
  r.certificate_id = p.id();
  r.reason = p.reason();
  r.etag = p.etag();
  if (p.update_mask().paths_size() == 0) {
    return InvalidField("update_mask",
                        "give at least one path: number, valid_from, valid_until, domains");
  }
  for (int i = 0; i < p.update_mask().paths_size(); ++i) {
    const std::string& path = p.update_mask().paths(i);
    if (path == "number") {
      r.number = p.number();
    } else if (path == "valid_from" || path == "valid_until") {
      const bool from = path == "valid_from";
      absl::StatusOr<absl::CivilDay> day =
          FromDate(path, from ? p.has_valid_from() : p.has_valid_until(),
                   from ? p.valid_from() : p.valid_until());
      if (!day.ok()) return day.status();
      (from ? r.valid_from : r.valid_until) = *day;
    } else if (path == "domains") {
      r.domains.emplace(p.domains().begin(), p.domains().end());
    } else {
      return InvalidField(absl::StrCat("update_mask.paths[", i, "]"),
                          "only number, valid_from, valid_until and domains can be corrected");
    }
  }
  return r;
}

absl::StatusOr<ReissueRequest> ReissueFromProto(const v1::ReissueCertificateRequest& p) {
  ReissueRequest r;
  r.certificate_id = p.id();
  switch (p.kind()) {
    case v1::REISSUE_KIND_RENEWAL:
      r.kind = ReissueKind::kRenewal;
      break;
    case v1::REISSUE_KIND_REPLACEMENT:
      r.kind = ReissueKind::kReplacement;
      break;
    default:
      return InvalidField("kind", "REISSUE_KIND_RENEWAL or REISSUE_KIND_REPLACEMENT");
  }
  r.number = p.number();
  r.reason = p.reason();
  r.etag = p.etag();
  r.decision_document = p.decision_document();
  if (p.has_valid_from()) {
    absl::StatusOr<absl::CivilDay> from = FromDate("valid_from", true, p.valid_from());
    if (!from.ok()) return from.status();
    r.valid_from = *from;
  }
  if (p.has_valid_until()) {
    absl::StatusOr<absl::CivilDay> until = FromDate("valid_until", true, p.valid_until());
    if (!until.ok()) return until.status();
    r.valid_until = *until;
  }
  r.domains.assign(p.domains().begin(), p.domains().end());
  return r;
}

absl::StatusOr<TrainingRecord> TrainingFromProto(const v1::TrainingRecord& p) {
  TrainingRecord t;
  t.officer_id = p.officer_id();
  absl::StatusOr<int64_t> minutes = HoursToMinutes("record.hours", p.hours());
  if (!minutes.ok()) return minutes.status();
  t.minutes = *minutes;
  absl::StatusOr<TrainingCategory> category = CategoryFromProto("record.category", p.category());
  if (!category.ok()) return category.status();
  t.category = *category;
  t.course = p.course();
  absl::StatusOr<absl::CivilDay> date = FromDate("record.date", p.has_date(), p.date());
  if (!date.ok()) return date.status();
  t.date = *date;
  t.provider = p.provider();
  return t;
}

absl::StatusOr<Assessment> AssessmentFromProto(const v1::Assessment& p) {
  Assessment a;
  a.officer_id = p.officer_id();
  a.year = p.year();
  absl::StatusOr<AssessmentResult> result = ResultFromProto("assessment.result", p.result());
  if (!result.ok()) return result.status();
  a.result = *result;
  a.remarks = p.remarks();
  return a;
}

}  // namespace lawenforce::personnel::api
