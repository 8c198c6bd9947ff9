#include "services/personnel/store/row_mapping.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace lawenforce::personnel::sql {

std::string JoinDomains(const std::vector<std::string>& domains) {
  return absl::StrJoin(domains, ",");
}

std::vector<std::string> SplitDomains(const std::string& text) {
  return absl::StrSplit(text, ',', absl::SkipEmpty());
}

int64_t RoleBit(OfficerRole role) {
  switch (role) {
    case OfficerRole::kOfficer:
      return 1;
    case OfficerRole::kLegalReviewer:
      return 2;
    case OfficerRole::kSupervisor:
      return 4;
  }
  return 0;
}

int64_t RoleBits(const std::vector<OfficerRole>& roles) {
  int64_t bits = 0;
  for (OfficerRole r : roles) {
    bits |= RoleBit(r);
  }
  return bits;
}

std::vector<OfficerRole> RolesFromBits(int64_t bits) {
  std::vector<OfficerRole> roles;
  for (OfficerRole r :
       {OfficerRole::kOfficer, OfficerRole::kLegalReviewer, OfficerRole::kSupervisor}) {
    if ((bits & RoleBit(r)) != 0) {
      roles.push_back(r);
    }
  }
  return roles;
}

Agency AgencyFromRow(const store::Row& row) {
  Agency a;
  a.id = row.Text(0);
  a.name = row.Text(1);
  a.division_code = row.Text(2);
  a.domains = SplitDomains(row.Text(3));
  a.require_training_for_eligibility = row.Bool(4);
  a.create_time = store::TimeFromMicros(row.Int(5));
  a.version = row.Int(6);
  return a;
}

SourceLink SourceLinkFromRow(const store::Row& row) {
  SourceLink l;
  l.kind = row.Text(0);
  l.system = row.Text(1);
  l.source_id = row.Text(2);
  l.resource_id = row.Text(3);
  l.digest = row.Text(4);
  l.first_import_time = store::TimeFromMicros(row.Int(5));
  l.last_import_time = store::TimeFromMicros(row.Int(6));
  l.version = row.Int(7);
  return l;
}

Officer OfficerFromRow(const store::Row& row) {
  Officer o;
  o.id = row.Text(0);
  o.agency_id = row.Text(1);
  o.division_code = row.Text(2);
  o.name = row.Text(3);
  o.id_number_masked = row.Text(4);
  o.roles = RolesFromBits(row.Int(5));
  o.review_required = row.Bool(6);
  o.create_time = store::TimeFromMicros(row.Int(7));
  o.update_time = store::TimeFromMicros(row.Int(8));
  o.version = row.Int(9);
  o.service_start = row.IsNull(10) ? o.create_time : store::TimeFromMicros(row.Int(10));
  if (!row.IsNull(11)) o.service_end = store::TimeFromMicros(row.Int(11));
  if (!row.IsNull(12)) o.service_end_reason = static_cast<ServiceEndReason>(row.Int(12));
  return o;
}

ServicePeriod ServicePeriodFromRow(const store::Row& row) {
  ServicePeriod p;
  p.sequence = row.Int(0);
  p.agency_id = row.Text(1);
  p.division_code = row.Text(2);
  p.start = store::TimeFromMicros(row.Int(3));
  if (!row.IsNull(4)) p.end = store::TimeFromMicros(row.Int(4));
  if (!row.IsNull(5)) p.end_reason = static_cast<ServiceEndReason>(row.Int(5));
  p.end_note = row.Text(6);
  p.end_actor = row.Text(7);
  p.record_time = store::TimeFromMicros(row.Int(8));
  return p;
}

Certificate CertificateFromRow(const store::Row& row) {
  Certificate c;
  c.id = row.Text(0);
  c.number = row.Text(1);
  c.officer_id = row.Text(2);
  c.agency_id = row.Text(3);
  c.division_code = row.Text(4);
  c.kind = static_cast<CertificateKind>(row.Int(5));
  c.domains = SplitDomains(row.Text(6));
  c.valid_from = DayFromText(row.Text(7));
  c.valid_until = DayFromText(row.Text(8));
  c.state = static_cast<CertificateState>(row.Int(9));
  c.state_reason = row.Text(10);
  c.review_required = row.Bool(11);
  c.create_time = store::TimeFromMicros(row.Int(12));
  c.update_time = store::TimeFromMicros(row.Int(13));
  c.version = row.Int(14);
  c.state_document = row.IsNull(15) ? std::string() : row.Text(15);
  if (!row.IsNull(16)) c.suspended_until = store::TimeFromMicros(row.Int(16));
  c.replaces_id = row.IsNull(17) ? std::string() : row.Text(17);
  c.replaced_by_id = row.IsNull(18) ? std::string() : row.Text(18);
  return c;
}

CertificateEvent EventFromRow(const store::Row& row) {
  CertificateEvent e;
  e.sequence = row.Int(0);
  if (!row.IsNull(1)) {
    e.from_state = static_cast<CertificateState>(row.Int(1));
  }
  e.to_state = static_cast<CertificateState>(row.Int(2));
  e.reason = row.Text(3);
  e.actor = row.Text(4);
  e.time = store::TimeFromMicros(row.Int(5));
  // Events from before record_time existed took effect when recorded.
  e.record_time = row.IsNull(6) ? e.time : store::TimeFromMicros(row.Int(6));
  if (!row.IsNull(7)) e.until = store::TimeFromMicros(row.Int(7));
  e.decision_document = row.IsNull(8) ? std::string() : row.Text(8);
  return e;
}

TrainingRecord TrainingFromRow(const store::Row& row) {
  TrainingRecord t;
  t.id = row.Text(0);
  t.officer_id = row.Text(1);
  t.agency_id = row.Text(2);
  t.division_code = row.Text(3);
  t.minutes = row.Int(4);
  t.category = static_cast<TrainingCategory>(row.Int(5));
  t.course = row.Text(6);
  t.date = DayFromText(row.Text(7));
  t.provider = row.Text(8);
  t.create_time = store::TimeFromMicros(row.Int(9));
  return t;
}

Assessment AssessmentFromRow(const store::Row& row) {
  Assessment a;
  a.id = row.Text(0);
  a.officer_id = row.Text(1);
  a.year = static_cast<int>(row.Int(2));
  a.result = static_cast<AssessmentResult>(row.Int(3));
  a.remarks = row.Text(4);
  a.recorded_by = row.Text(5);
  a.create_time = store::TimeFromMicros(row.Int(6));
  return a;
}

}  // namespace lawenforce::personnel::sql
