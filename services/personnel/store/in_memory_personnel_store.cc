#include "services/personnel/store/in_memory_personnel_store.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status/errors.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/service_periods.h"
#include "services/personnel/domain/training.h"
#include "services/personnel/store/cache_keys.h"

namespace lawenforce::personnel {
namespace {

template <typename T>
absl::StatusOr<T> Find(const std::map<std::string, T>& rows, const std::string& id,
                       absl::string_view what) {
  auto it = rows.find(id);
  if (it == rows.end()) return absl::NotFoundError(absl::StrCat(what, " not found"));
  return it->second;
}

// Rows after page.after_id that `keep`, in id order, at most page.limit.
template <typename T, typename Keep>
std::vector<T> PageOf(const std::map<std::string, T>& rows, const PageRequest& page, Keep keep) {
  std::vector<T> out;
  for (auto it = rows.upper_bound(page.after_id);
       it != rows.end() && static_cast<int>(out.size()) < page.limit; ++it) {
    if (keep(it->second)) out.push_back(it->second);
  }
  return out;
}

bool HasRole(const Officer& o, OfficerRole role) {
  return std::find(o.roles.begin(), o.roles.end(), role) != o.roles.end();
}

// The state a certificate reads in on `today` (the SQL filter's rule).
CertificateState ReadState(const Certificate& c, absl::CivilDay today) {
  const bool live = c.state == CertificateState::kActive || c.state == CertificateState::kSuspended;
  return live && c.valid_until < today ? CertificateState::kExpired : c.state;
}

}  // namespace

Created InMemoryPersonnelStore::Commit(const std::optional<IdempotencyKey>& key,
                                       const std::string& id, const AuditEntry& audit,
                                       std::vector<std::string> invalidated) {
  keys_.Record(key, id);
  audit_.push_back(audit);
  invalidated_.insert(invalidated_.end(), invalidated.begin(), invalidated.end());
  return Created{id, false};
}

// ------------------------------------------------------------------ agencies

absl::StatusOr<Created> InMemoryPersonnelStore::CreateAgency(
    const Agency& agency, const std::optional<IdempotencyKey>& key, const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = CheckKey(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  if (absl::Status s = InsertAgency(agency); !s.ok()) return s;
  return Commit(key, agency.id, audit, {});
}

absl::Status InMemoryPersonnelStore::InsertAgency(const Agency& agency) {
  for (const auto& [id, a] : agencies_) {
    if (a.division_code == agency.division_code && a.name == agency.name) {
      return absl::AlreadyExistsError(
          "agency.name: an agency of this name already exists at this division");
    }
  }
  agencies_[agency.id] = agency;
  return absl::OkStatus();
}

absl::StatusOr<Agency> InMemoryPersonnelStore::UpdateAgency(const Agency& agency,
                                                            int64_t expected_version,
                                                            absl::CivilDay today,
                                                            const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  auto it = agencies_.find(agency.id);
  if (it == agencies_.end()) return absl::NotFoundError("agency not found");
  if (it->second.version != expected_version) return StaleEtag("agency.etag");
  for (const auto& [id, a] : agencies_) {
    if (id != agency.id && a.division_code == agency.division_code && a.name == agency.name) {
      return absl::AlreadyExistsError(
          "agency.name: an agency of this name already exists at this division");
    }
  }
  for (const auto& [id, c] : certificates_) {
    const bool live =
        (c.state == CertificateState::kActive || c.state == CertificateState::kSuspended) &&
        c.valid_until >= today;
    if (c.agency_id != agency.id || !live) continue;
    for (const std::string& d : c.domains) {
      if (std::find(agency.domains.begin(), agency.domains.end(), d) == agency.domains.end()) {
        return absl::FailedPreconditionError(
            absl::StrCat("agency.domains: live certificate ", c.number, " covers ", d,
                         ", which the update removes (cancel or reissue it first)"));
      }
    }
  }
  it->second.name = agency.name;
  it->second.domains = agency.domains;
  ++it->second.version;
  Commit(std::nullopt, agency.id, audit, {});
  return it->second;
}

absl::StatusOr<Agency> InMemoryPersonnelStore::GetAgency(const std::string& id) {
  absl::MutexLock lock(&mu_);
  return Find(agencies_, id, "agency");
}

absl::StatusOr<std::vector<Agency>> InMemoryPersonnelStore::ListAgencies(
    const std::string& division_prefix, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  return PageOf(agencies_, page, [&](const Agency& a) {
    return absl::StartsWith(a.division_code, division_prefix);
  });
}

// ------------------------------------------------------------------ officers

absl::StatusOr<Created> InMemoryPersonnelStore::CreateOfficer(
    const Officer& officer, const std::string& /*id_number_cipher*/,
    const std::string& id_number_index, const std::optional<IdempotencyKey>& key,
    const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = CheckKey(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  if (absl::Status s = InsertOfficer(officer, id_number_index); !s.ok()) return s;
  return Commit(key, officer.id, audit, {});
}

absl::Status InMemoryPersonnelStore::InsertOfficer(const Officer& officer,
                                                   const std::string& id_number_index) {
  if (officer_by_index_.contains(id_number_index)) {
    return absl::AlreadyExistsError(
        "officer.id_number: an officer with this identity-card number is already registered");
  }
  Officer stored = officer;
  stored.service_start = officer.create_time;
  officers_[officer.id] = stored;
  officer_by_index_[id_number_index] = officer.id;
  ServicePeriod first;
  first.sequence = 1;
  first.agency_id = officer.agency_id;
  first.division_code = officer.division_code;
  first.start = officer.create_time;
  first.record_time = officer.create_time;
  service_[officer.id] = {first};
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ServicePeriod>> InMemoryPersonnelStore::GetServicePeriods(
    const std::string& officer_id) {
  absl::MutexLock lock(&mu_);
  auto it = service_.find(officer_id);
  return it == service_.end() ? std::vector<ServicePeriod>() : it->second;
}

absl::StatusOr<Officer> InMemoryPersonnelStore::ChangeOfficerService(const ServiceChange& c,
                                                                     const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  auto it = officers_.find(c.officer_id);
  if (it == officers_.end()) return absl::NotFoundError("officer not found");
  if (it->second.version != c.expected_version) return StaleEtag("etag");
  for (const ServiceChange::Cancellation& k : c.cancellations) {
    auto ct = certificates_.find(k.certificate_id);
    if (ct == certificates_.end()) return absl::NotFoundError("certificate not found");
    if (ct->second.version != k.expected_version) return StaleEtag("etag");
  }
  for (const auto& [id, cert] : certificates_) {
    if (cert.officer_id != c.officer_id) continue;
    const CertificateState state = EffectiveState(cert, c.now);
    if (state != CertificateState::kActive && state != CertificateState::kSuspended) continue;
    bool listed = false;
    for (const ServiceChange::Cancellation& k : c.cancellations) {
      listed = listed || k.certificate_id == id;
    }
    if (!listed) {
      return absl::AbortedError(
          "etag: the officer's certificates changed meanwhile; read them again");
    }
  }
  Officer& o = it->second;
  std::vector<ServicePeriod>& periods = service_[c.officer_id];
  if (c.end_reason.has_value()) {
    if (periods.empty() || periods.back().end != absl::InfiniteFuture()) {
      return absl::AbortedError("etag: the officer's service changed meanwhile; read it again");
    }
    periods.back().end = c.effective;
    periods.back().end_reason = c.end_reason;
    periods.back().end_note = c.note;
    periods.back().end_actor = c.actor;
  }
  if (c.to_agency.has_value()) {
    ServicePeriod next;
    next.sequence = static_cast<int64_t>(periods.size()) + 1;
    next.agency_id = c.to_agency->id;
    next.division_code = c.to_agency->division_code;
    next.start = c.effective;
    next.record_time = c.now;
    periods.push_back(next);
    o.agency_id = c.to_agency->id;
    o.division_code = c.to_agency->division_code;
    o.service_start = c.effective;
    o.service_end.reset();
    o.service_end_reason.reset();
  } else {
    o.service_end = c.effective;
    o.service_end_reason = c.end_reason;
  }
  o.update_time = c.now;
  ++o.version;
  ChangedRecords changed{c.officer_id, {}};
  for (const ServiceChange::Cancellation& k : c.cancellations) {
    WriteCertificateState(certificates_[k.certificate_id], CertificateState::kCancelled, k.event);
    audit_.push_back(k.audit);
    changed.certificate_ids.push_back(k.certificate_id);
  }
  if (c.arrival_audit.has_value()) audit_.push_back(*c.arrival_audit);
  Commit(std::nullopt, c.officer_id, audit,
         KeysInvalidatedBy(PersonnelChange::kOfficerServiceChanged, changed));
  return o;
}

absl::StatusOr<Officer> InMemoryPersonnelStore::GetOfficer(const std::string& id) {
  absl::MutexLock lock(&mu_);
  return Find(officers_, id, "officer");
}

bool InMemoryPersonnelStore::HoldsValidEnforcementCertificate(const std::string& officer_id,
                                                              absl::CivilDay day) const {
  for (const auto& [id, c] : certificates_) {
    if (c.officer_id == officer_id && c.kind == CertificateKind::kEnforcement &&
        c.state == CertificateState::kActive && c.valid_from <= day && day <= c.valid_until) {
      return true;
    }
  }
  return false;
}

absl::StatusOr<std::vector<Officer>> InMemoryPersonnelStore::ListOfficers(const OfficerFilter& f,
                                                                          const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::string indexed;  // the officer with f.id_number_index, if any
  if (!f.id_number_index.empty()) {
    auto it = officer_by_index_.find(f.id_number_index);
    indexed = it == officer_by_index_.end() ? "-" : it->second;
  }
  return PageOf(officers_, page, [&](const Officer& o) {
    return absl::StartsWith(o.division_code, f.division_prefix) &&
           (f.agency_id.empty() || o.agency_id == f.agency_id) &&
           (!f.role.has_value() || HasRole(o, *f.role)) &&
           absl::StartsWith(o.name, f.name_prefix) && (indexed.empty() || o.id == indexed) &&
           (!f.review_required.has_value() || o.review_required == *f.review_required) &&
           (!f.in_service.has_value() || !o.service_end.has_value() == *f.in_service) &&
           (!f.without_valid_certificate_on.has_value() ||
            (!o.service_end.has_value() &&
             !HoldsValidEnforcementCertificate(o.id, *f.without_valid_certificate_on)));
  });
}

absl::StatusOr<Officer> InMemoryPersonnelStore::UpdateOfficer(const Officer& officer,
                                                              int64_t expected_version,
                                                              const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Officer> updated = WriteOfficerUpdate(officer, expected_version);
  if (!updated.ok()) return updated.status();
  Commit(std::nullopt, officer.id, audit, {});
  return updated;
}

absl::StatusOr<Officer> InMemoryPersonnelStore::WriteOfficerUpdate(const Officer& officer,
                                                                   int64_t expected_version) {
  auto it = officers_.find(officer.id);
  if (it == officers_.end()) return absl::NotFoundError("officer not found");
  if (it->second.version != expected_version) return StaleEtag("officer.etag");
  it->second.name = officer.name;
  it->second.roles = officer.roles;
  it->second.update_time = officer.update_time;
  ++it->second.version;
  std::vector<std::string> keys =
      KeysInvalidatedBy(PersonnelChange::kOfficerUpdated, {officer.id, {}});
  invalidated_.insert(invalidated_.end(), keys.begin(), keys.end());
  return it->second;
}

// ------------------------------------------------------------------ certificates

absl::StatusOr<Created> InMemoryPersonnelStore::IssueCertificate(
    const Certificate& certificate, const CertificateEvent& issue_event,
    const std::optional<IdempotencyKey>& key, const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = CheckKey(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  if (absl::Status s = CheckIssue(certificate, ""); !s.ok()) return s;
  InsertIssued(certificate, issue_event);
  return Commit(key, certificate.id, audit,
                KeysInvalidatedBy(PersonnelChange::kCertificateIssued,
                                  {certificate.officer_id, {certificate.id}}));
}

absl::StatusOr<Created> InMemoryPersonnelStore::ReissueCertificate(
    const Replaced& replaced, const Certificate& certificate, const CertificateEvent& issue_event,
    const std::optional<IdempotencyKey>& key, const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = CheckKey(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  auto it = certificates_.find(replaced.certificate_id);
  if (it == certificates_.end()) return absl::NotFoundError("certificate not found");
  if (it->second.version != replaced.expected_version) return StaleEtag("etag");
  if (!it->second.replaced_by_id.empty()) {
    return absl::FailedPreconditionError("id: the certificate was already renewed or replaced");
  }
  if (absl::Status s = CheckIssue(certificate, replaced.certificate_id); !s.ok()) return s;
  Certificate& old = it->second;
  if (replaced.cancel.has_value()) {
    WriteCertificateState(old, CertificateState::kCancelled, *replaced.cancel);
  }
  old.replaced_by_id = certificate.id;
  old.update_time = certificate.create_time;
  ++old.version;
  audit_.push_back(replaced.audit);
  InsertIssued(certificate, issue_event);
  std::vector<std::string> keys =
      KeysInvalidatedBy(PersonnelChange::kCertificateStateChanged, {old.officer_id, {old.id}});
  for (std::string& k : KeysInvalidatedBy(PersonnelChange::kCertificateIssued,
                                          {certificate.officer_id, {certificate.id}})) {
    keys.push_back(std::move(k));
  }
  return Commit(key, certificate.id, audit, std::move(keys));
}

absl::StatusOr<Certificate> InMemoryPersonnelStore::CorrectCertificate(const Certificate& corrected,
                                                                       int64_t expected_version,
                                                                       absl::Time now,
                                                                       const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  auto it = certificates_.find(corrected.id);
  if (it == certificates_.end()) return absl::NotFoundError("certificate not found");
  if (it->second.version != expected_version) return StaleEtag("etag");
  std::vector<Certificate> held;
  for (const auto& [id, c] : certificates_) {
    if (id == corrected.id) continue;
    if (c.number == corrected.number) return absl::AlreadyExistsError("number: already issued");
    if (c.officer_id == corrected.officer_id) held.push_back(c);
  }
  if (absl::Status s = CheckAgencyStillCovers(corrected, "domains"); !s.ok()) return s;
  if (std::optional<CertificateConflict> conflict = LiveCertificateConflict(corrected, held, now)) {
    return absl::AlreadyExistsError(absl::StrCat("domains[", conflict->domain_index,
                                                 "]: the officer already holds live certificate ",
                                                 conflict->certificate->number));
  }
  Certificate& c = it->second;
  c.number = corrected.number;
  c.domains = corrected.domains;
  c.valid_from = corrected.valid_from;
  c.valid_until = corrected.valid_until;
  c.update_time = now;
  ++c.version;
  Commit(std::nullopt, c.id, audit,
         KeysInvalidatedBy(PersonnelChange::kCertificateCorrected, {c.officer_id, {c.id}}));
  return c;
}

absl::Status InMemoryPersonnelStore::CheckAgencyStillCovers(const Certificate& certificate,
                                                            absl::string_view field) const {
  auto a = agencies_.find(certificate.agency_id);
  if (a == agencies_.end()) return absl::OkStatus();
  for (size_t i = 0; i < certificate.domains.size(); ++i) {
    if (std::find(a->second.domains.begin(), a->second.domains.end(), certificate.domains[i]) ==
        a->second.domains.end()) {
      return absl::FailedPreconditionError(
          absl::StrCat(field, "[", i,
                       "]: no longer an enforcement domain of the officer's agency (changed "
                       "meanwhile); read the agency again"));
    }
  }
  return absl::OkStatus();
}

absl::Status InMemoryPersonnelStore::CheckIssue(const Certificate& certificate,
                                                const std::string& replacing) {
  if (auto o = officers_.find(certificate.officer_id);
      o == officers_.end() || o->second.agency_id != certificate.agency_id ||
      o->second.service_end.has_value()) {
    return absl::FailedPreconditionError(
        "certificate.officer_id: the officer no longer serves the agency (transferred or left "
        "meanwhile); read the officer again");
  }
  if (absl::Status s = CheckAgencyStillCovers(certificate, "certificate.domains"); !s.ok()) {
    return s;
  }
  std::vector<Certificate> held;
  for (const auto& [id, c] : certificates_) {
    if (c.number == certificate.number) {
      return absl::AlreadyExistsError("certificate.number: already issued");
    }
    if (c.officer_id == certificate.officer_id && id != replacing) held.push_back(c);
  }
  if (std::optional<CertificateConflict> conflict =
          LiveCertificateConflict(certificate, held, certificate.create_time)) {
    return absl::AlreadyExistsError(absl::StrCat(
        "certificate.domains[", conflict->domain_index, "]: the officer already holds live ",
        certificate.kind == CertificateKind::kSupervision ? "supervision" : "enforcement",
        " certificate ", conflict->certificate->number, " for ",
        certificate.domains[conflict->domain_index], " (one per officer, kind and domain)"));
  }
  return absl::OkStatus();
}

void InMemoryPersonnelStore::InsertIssued(const Certificate& certificate,
                                          const CertificateEvent& issue_event) {
  certificates_[certificate.id] = certificate;
  CertificateEvent first = issue_event;
  first.sequence = 1;
  history_[certificate.id] = {first};
}

absl::StatusOr<Certificate> InMemoryPersonnelStore::GetCertificate(const std::string& id) {
  absl::MutexLock lock(&mu_);
  return Find(certificates_, id, "certificate");
}

absl::StatusOr<Certificate> InMemoryPersonnelStore::GetCertificateByNumber(
    const std::string& number) {
  absl::MutexLock lock(&mu_);
  for (const auto& [id, c] : certificates_) {
    if (c.number == number) return c;
  }
  return absl::NotFoundError("certificate not found");
}

absl::StatusOr<std::vector<CertificateEvent>> InMemoryPersonnelStore::GetCertificateHistory(
    const std::string& certificate_id) {
  absl::MutexLock lock(&mu_);
  auto it = history_.find(certificate_id);
  return it == history_.end() ? std::vector<CertificateEvent>{} : it->second;
}

absl::StatusOr<std::vector<Certificate>> InMemoryPersonnelStore::ListCertificates(
    const CertificateFilter& f, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  return PageOf(certificates_, page, [&](const Certificate& c) {
    return absl::StartsWith(c.division_code, f.division_prefix) &&
           (f.officer_id.empty() || c.officer_id == f.officer_id) &&
           (!f.state.has_value() || ReadState(c, f.today) == *f.state) &&
           (!f.expiring_through.has_value() ||
            ((c.state == CertificateState::kActive || c.state == CertificateState::kSuspended) &&
             c.valid_until >= f.today && c.valid_until <= *f.expiring_through));
  });
}

absl::StatusOr<std::vector<CertificateWithHistory>>
InMemoryPersonnelStore::GetCertificatesWithHistory(const std::vector<std::string>& officer_ids) {
  absl::MutexLock lock(&mu_);
  std::vector<CertificateWithHistory> out;
  for (const std::string& officer_id : officer_ids) {
    for (const auto& [id, c] : certificates_) {
      if (c.officer_id == officer_id) out.push_back({c, history_[id]});
    }
  }
  return out;
}

absl::StatusOr<Certificate> InMemoryPersonnelStore::TransitionCertificate(
    const std::string& id, int64_t expected_version, CertificateState to_state,
    const CertificateEvent& event, const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  auto it = certificates_.find(id);
  if (it == certificates_.end()) return absl::NotFoundError("certificate not found");
  if (it->second.version != expected_version) return StaleEtag("etag");
  Certificate& c = it->second;
  WriteCertificateState(c, to_state, event);
  Commit(std::nullopt, id, audit,
         KeysInvalidatedBy(PersonnelChange::kCertificateStateChanged, {c.officer_id, {id}}));
  return c;
}

void InMemoryPersonnelStore::WriteCertificateState(Certificate& c, CertificateState to_state,
                                                   const CertificateEvent& event) {
  std::vector<CertificateEvent>& history = history_[c.id];
  auto append = [&](CertificateEvent e) {
    e.sequence = static_cast<int64_t>(history.size()) + 1;
    history.push_back(std::move(e));
  };
  // As the SQL writer: a suspension that ended before this change took
  // effect has its end recorded first.
  if (c.state == CertificateState::kSuspended && c.suspended_until.has_value() &&
      *c.suspended_until <= event.time && event.from_state != CertificateState::kSuspended) {
    append(SuspensionEnded(*c.suspended_until));
  }
  c.state = to_state;
  c.state_reason = event.reason;
  c.state_document = event.decision_document;
  c.suspended_until =
      to_state == CertificateState::kSuspended ? event.until : std::optional<absl::Time>();
  c.review_required = false;
  c.update_time = event.record_time;
  ++c.version;
  append(event);
}

// ------------------------------------------------------------------ training

absl::StatusOr<Created> InMemoryPersonnelStore::RecordTraining(
    const TrainingRecord& record, const std::optional<IdempotencyKey>& key, const AuditEntry& audit,
    const PersonnelPolicy& policy) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = CheckKey(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  if (absl::Status s = InsertTraining(record, policy); !s.ok()) return s;
  return Commit(key, record.id, audit, {});
}

absl::Status InMemoryPersonnelStore::InsertTraining(const TrainingRecord& record,
                                                    const PersonnelPolicy& policy) {
  std::vector<TrainingRecord> same_day;
  for (const auto& [id, t] : training_) {
    if (t.officer_id == record.officer_id && t.date == record.date) same_day.push_back(t);
  }
  if (absl::Status s = CheckTrainingDay(record, same_day, policy); !s.ok()) return s;
  training_[record.id] = record;
  std::vector<std::string> keys =
      KeysInvalidatedBy(PersonnelChange::kTrainingRecorded, {record.officer_id, {}});
  invalidated_.insert(invalidated_.end(), keys.begin(), keys.end());
  return absl::OkStatus();
}

// ------------------------------------------------------------------ imports

namespace {

std::string LinkKey(const std::string& kind, const std::string& system,
                    const std::string& source_id) {
  return absl::StrCat(kind, "|", system, "|", source_id);
}

}  // namespace

absl::StatusOr<std::optional<SourceLink>> InMemoryPersonnelStore::GetSourceLink(
    const std::string& kind, const std::string& system, const std::string& source_id) {
  absl::MutexLock lock(&mu_);
  auto it = links_.find(LinkKey(kind, system, source_id));
  if (it == links_.end()) return std::optional<SourceLink>();
  return std::optional<SourceLink>(it->second);
}

absl::StatusOr<std::optional<Agency>> InMemoryPersonnelStore::FindAgencyByName(
    const std::string& division_code, const std::string& name) {
  absl::MutexLock lock(&mu_);
  for (const auto& [id, a] : agencies_) {
    if (a.division_code == division_code && a.name == name) return std::optional<Agency>(a);
  }
  return std::optional<Agency>();
}

absl::StatusOr<std::optional<Officer>> InMemoryPersonnelStore::FindOfficerByIdNumber(
    const std::string& id_number_index) {
  absl::MutexLock lock(&mu_);
  auto it = officer_by_index_.find(id_number_index);
  if (it == officer_by_index_.end()) return std::optional<Officer>();
  return std::optional<Officer>(officers_.at(it->second));
}

absl::Status InMemoryPersonnelStore::WriteImport(const ImportWrite& w,
                                                 const PersonnelPolicy& policy) {
  absl::Status s;
  if (w.new_agency.has_value() && !(s = InsertAgency(*w.new_agency)).ok()) return s;
  if (w.new_officer.has_value() &&
      !(s = InsertOfficer(w.new_officer->officer, w.new_officer->id_number_index)).ok()) {
    return s;
  }
  if (w.officer_update.has_value()) {
    absl::StatusOr<Officer> updated =
        WriteOfficerUpdate(w.officer_update->officer, w.officer_update->expected_version);
    if (!updated.ok()) return updated.status();
  }
  if (w.new_training.has_value() && !(s = InsertTraining(*w.new_training, policy)).ok()) return s;
  const std::string key = LinkKey(w.link.kind, w.link.system, w.link.source_id);
  auto it = links_.find(key);
  const int64_t stored = it == links_.end() ? 0 : it->second.version;
  if (stored != w.link.version) {
    return absl::AbortedError(
        "source_id: the record changed while it was being imported; import it again");
  }
  SourceLink link = w.link;
  link.version = stored + 1;
  links_[key] = link;
  audit_.push_back(w.audit);
  return absl::OkStatus();
}

absl::Status InMemoryPersonnelStore::WriteImports(const std::vector<ImportWrite>& writes,
                                                  const PersonnelPolicy& policy,
                                                  bool validate_only) {
  absl::MutexLock lock(&mu_);
  // All or nothing: what the writes touch, restored on failure or after a
  // validate_only run.
  auto agencies = agencies_;
  auto officers = officers_;
  auto by_index = officer_by_index_;
  auto service = service_;
  auto training = training_;
  auto links = links_;
  auto audit = audit_;
  auto invalidated = invalidated_;
  absl::Status s;
  for (const ImportWrite& w : writes) {
    if (!(s = WriteImport(w, policy)).ok()) break;
  }
  if (!s.ok() || validate_only) {
    agencies_ = std::move(agencies);
    officers_ = std::move(officers);
    officer_by_index_ = std::move(by_index);
    service_ = std::move(service);
    training_ = std::move(training);
    links_ = std::move(links);
    audit_ = std::move(audit);
    invalidated_ = std::move(invalidated);
  }
  return s;
}

absl::StatusOr<TrainingRecord> InMemoryPersonnelStore::GetTrainingRecord(const std::string& id) {
  absl::MutexLock lock(&mu_);
  return Find(training_, id, "training record");
}

absl::StatusOr<std::vector<TrainingRecord>> InMemoryPersonnelStore::ListTrainingRecords(
    const std::string& officer_id, std::optional<int> year, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  return PageOf(training_, page, [&](const TrainingRecord& t) {
    return t.officer_id == officer_id && (!year.has_value() || t.date.year() == *year);
  });
}

absl::StatusOr<TrainingScope> InMemoryPersonnelStore::GetTrainingForScope(
    const std::string& officer_id, const std::string& agency_id, const std::string& division_prefix,
    int year) {
  absl::MutexLock lock(&mu_);
  const absl::Time year_start = EndOfYear(year - 1);
  const absl::Time year_end = EndOfYear(year);
  TrainingScope scope;
  absl::flat_hash_set<std::string> in_scope;
  for (const auto& [id, periods] : service_) {
    // The last period overlapping the year decides the scope.
    const ServicePeriod* last = nullptr;
    for (const ServicePeriod& p : periods) {
      if (p.start < year_end && p.end > year_start) last = &p;
    }
    if (last == nullptr) continue;
    const bool inside = !officer_id.empty() ? id == officer_id
                        : !agency_id.empty()
                            ? last->agency_id == agency_id
                            : absl::StartsWith(last->division_code, division_prefix);
    if (!inside) continue;
    scope.officers.push_back(OfficerInService{id, SpansOf(periods)});
    scope.members.push_back({officers_.at(id).name, last->agency_id, last->division_code});
    in_scope.insert(id);
  }
  for (const auto& [id, t] : training_) {
    if (t.date.year() == year && in_scope.contains(t.officer_id)) scope.records.push_back(t);
  }
  return scope;
}

absl::StatusOr<std::vector<CountedTraining>> InMemoryPersonnelStore::CountedTrainingOf(
    const std::string& officer_id) {
  absl::MutexLock lock(&mu_);
  std::vector<CountedTraining> out;
  for (const auto& [id, t] : training_) {
    if (t.officer_id == officer_id && CountsTowardRequirement(t.category)) {
      out.push_back(CountedTraining{static_cast<int>(t.date.year()), t.minutes, t.create_time});
    }
  }
  return out;
}

// ------------------------------------------------------------------ assessments

absl::StatusOr<Created> InMemoryPersonnelStore::RecordAssessment(
    const Assessment& assessment, bool flag_for_review, const std::optional<IdempotencyKey>& key,
    const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = CheckKey(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  for (const auto& [id, a] : assessments_) {
    if (a.officer_id == assessment.officer_id && a.year == assessment.year) {
      return absl::AlreadyExistsError("assessment.year: already recorded for this officer");
    }
  }
  assessments_[assessment.id] = assessment;
  std::vector<std::string> invalidated;
  if (flag_for_review) {
    ChangedRecords changed{assessment.officer_id, {}};
    if (auto o = officers_.find(assessment.officer_id); o != officers_.end()) {
      o->second.review_required = true;
      ++o->second.version;
    }
    for (auto& [id, c] : certificates_) {
      if (c.officer_id != assessment.officer_id) continue;
      c.review_required = true;
      ++c.version;
      changed.certificate_ids.push_back(id);
    }
    invalidated = KeysInvalidatedBy(PersonnelChange::kOfficerFlaggedForReview, changed);
  }
  return Commit(key, assessment.id, audit, std::move(invalidated));
}

absl::StatusOr<Assessment> InMemoryPersonnelStore::GetAssessment(const std::string& id) {
  absl::MutexLock lock(&mu_);
  return Find(assessments_, id, "assessment");
}

absl::StatusOr<std::vector<Assessment>> InMemoryPersonnelStore::ListAssessments(
    const std::string& officer_id) {
  absl::MutexLock lock(&mu_);
  std::vector<Assessment> out;
  for (const auto& [id, a] : assessments_) {
    if (a.officer_id == officer_id) out.push_back(a);
  }
  std::sort(out.begin(), out.end(),
            [](const Assessment& a, const Assessment& b) { return a.year < b.year; });
  return out;
}

// ------------------------------------------------------------------ figures

absl::StatusOr<std::vector<AgencyHeadcount>> InMemoryPersonnelStore::Headcounts(
    const std::string& agency_id, const std::string& division_prefix, absl::Time as_of) {
  absl::MutexLock lock(&mu_);
  std::vector<AgencyHeadcount> out;
  for (const auto& [id, a] : agencies_) {
    if (agency_id.empty() ? !absl::StartsWith(a.division_code, division_prefix) : id != agency_id) {
      continue;
    }
    if (a.create_time >= as_of) continue;
    AgencyHeadcount h{id, a.name, a.division_code, 0, 0};
    for (const auto& [oid, periods] : service_) {
      bool serving = false;
      for (const ServicePeriod& p : periods) {
        const bool covers = as_of == absl::InfiniteFuture() ? p.end == absl::InfiniteFuture()
                                                            : p.start < as_of && p.end >= as_of;
        serving = serving || (p.agency_id == id && covers);
      }
      if (!serving) continue;
      ++h.officer_count;
      if (HasRole(officers_.at(oid), OfficerRole::kLegalReviewer)) ++h.legal_reviewer_count;
    }
    out.push_back(h);
  }
  std::sort(out.begin(), out.end(), [](const AgencyHeadcount& a, const AgencyHeadcount& b) {
    return std::tie(a.division_code, a.agency_id) < std::tie(b.division_code, b.agency_id);
  });
  return out;
}

absl::StatusOr<std::vector<DivisionFigures>> InMemoryPersonnelStore::FiguresByDivision(
    absl::CivilDay today, int year, int64_t required_minutes) {
  absl::MutexLock lock(&mu_);
  std::map<std::string, DivisionFigures> by_code;
  auto at = [&](const std::string& code) -> DivisionFigures& {
    DivisionFigures& f = by_code[code];
    f.division_code = code;
    return f;
  };
  std::map<std::string, int64_t> counted;
  for (const auto& [id, t] : training_) {
    if (t.date.year() == year && CountsTowardRequirement(t.category))
      counted[t.officer_id] += t.minutes;
  }
  for (const auto& [id, o] : officers_) {
    if (o.service_end.has_value()) continue;  // left service: counts in no figures
    DivisionFigures& f = at(o.division_code);
    ++f.officers;
    if (HasRole(o, OfficerRole::kLegalReviewer)) ++f.legal_reviewers;
    if (counted[id] >= required_minutes) ++f.training_compliant;
  }
  for (const auto& [id, c] : certificates_) {
    DivisionFigures& f = at(c.division_code);
    ++f.certificates_by_state[static_cast<int>(ReadState(c, today))];
    const bool live =
        c.state == CertificateState::kActive || c.state == CertificateState::kSuspended;
    if (live && c.valid_until >= today && c.valid_until <= today + 30)
      ++f.certificates_expiring_30d;
  }
  std::vector<DivisionFigures> out;
  for (auto& [code, f] : by_code) out.push_back(f);
  return out;
}

absl::StatusOr<Officer> InMemoryPersonnelStore::ClearOfficerReview(const std::string& id,
                                                                   int64_t expected_version,
                                                                   absl::Time now,
                                                                   const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  auto it = officers_.find(id);
  if (it == officers_.end()) return absl::NotFoundError("officer not found");
  if (it->second.version != expected_version) return StaleEtag("etag");
  it->second.review_required = false;
  it->second.update_time = now;
  ++it->second.version;
  ChangedRecords changed{id, {}};
  for (auto& [cid, c] : certificates_) {
    if (c.officer_id != id || !c.review_required) continue;
    c.review_required = false;
    c.update_time = now;
    ++c.version;
    changed.certificate_ids.push_back(cid);
  }
  Commit(std::nullopt, id, audit,
         KeysInvalidatedBy(PersonnelChange::kOfficerFlaggedForReview, changed));
  return it->second;
}

absl::Status InMemoryPersonnelStore::RecordDenial(const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  audit_.push_back(audit);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<AuditEntry>> InMemoryPersonnelStore::ListAudit(
    const std::string& resource_id) {
  absl::MutexLock lock(&mu_);
  std::vector<AuditEntry> out;
  for (const AuditEntry& e : audit_) {
    if (e.resource_id == resource_id) out.push_back(e);
  }
  return out;
}

absl::StatusOr<std::vector<store::AuditRow>> InMemoryPersonnelStore::ListAuditEntries(
    const store::AuditQuery& query, const store::PageRequest& page) {
  absl::MutexLock lock(&mu_);
  // Row ids are positions in the log (zero-padded, so that they sort as
  // they were written); newest first, ties by id as the SQL store.
  std::vector<store::AuditRow> rows;
  for (size_t i = 0; i < audit_.size(); ++i) {
    store::AuditRow row{absl::StrFormat("%012d", i), audit_[i]};
    if (store::AuditRowMatches(row, query)) rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const store::AuditRow& a, const store::AuditRow& b) {
    return a.entry.time != b.entry.time ? a.entry.time > b.entry.time : a.id > b.id;
  });
  std::vector<store::AuditRow> out;
  bool after = page.after_id.empty();
  for (store::AuditRow& row : rows) {
    if (!after) {
      after = row.id == page.after_id;
      continue;
    }
    if (static_cast<int>(out.size()) >= page.limit) break;
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<AuditEntry> InMemoryPersonnelStore::audit_log() const {
  absl::MutexLock lock(&mu_);
  return audit_;
}

std::vector<std::string> InMemoryPersonnelStore::invalidated_keys() const {
  absl::MutexLock lock(&mu_);
  return invalidated_;
}

}  // namespace lawenforce::personnel
