// PersonnelStore on SQL: personnel's own tables and queries only. Idempotent
// creates, audit rows, journaled invalidations, version checks and paging
// come from common/store/record_store.h; reads are in sql_queries.cc.

#include "services/personnel/store/sql_personnel_store.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/time/clock.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/expiry.h"
#include "services/personnel/store/cache_keys.h"
#include "services/personnel/store/row_mapping.h"
#include "services/personnel/store/schema.h"
#include "services/personnel/store/sql_queries.h"
#include "services/personnel/store/sql_writes.h"

namespace lawenforce::personnel {
namespace {

using store::Change;
using store::Int;
using store::Row;
using store::Text;
using store::Transaction;
using namespace sql;  // NOLINT: row mapping helpers

// Turns a UNIQUE violation reported by the backend into the field the
// caller sent.
absl::Status NameUniqueViolation(const absl::Status& status) {
  const absl::string_view m = status.message();
  // The store's own uniqueness rules already name the field ("agency.name:
  // ..."); a backend's names only the constraint's columns.
  if (absl::StrContains(m, ": ")) return status;
  if (absl::StrContains(m, "id_number_index")) {
    return absl::AlreadyExistsError(
        "officer.id_number: an officer with this identity-card number is already registered");
  }
  if (absl::StrContains(m, "certificates.number")) {
    return absl::AlreadyExistsError("certificate.number: already issued");
  }
  if (absl::StrContains(m, "assessment_year")) {
    return absl::AlreadyExistsError("assessment.year: already recorded for this officer");
  }
  return absl::AlreadyExistsError("record already exists");
}

absl::Status ServiceChangedMeanwhile() {
  return absl::FailedPreconditionError(
      "certificate.officer_id: the officer no longer serves the agency (transferred or left "
      "meanwhile); read the officer again");
}

absl::Status DuplicateAgency() {
  return absl::AlreadyExistsError(
      "agency.name: an agency of this name already exists at this division");
}

absl::Status LiveCertificateCovers(const std::string& number, const std::string& domain) {
  return absl::FailedPreconditionError(
      absl::StrCat("agency.domains: live certificate ", number, " covers ", domain,
                   ", which the update removes (cancel or reissue it first)"));
}

// The domain a certificate covers is no longer one of its agency's (an
// UpdateAgency committed between the app's check and this transaction).
absl::Status AgencyDomainsChangedMeanwhile(absl::string_view field, size_t index) {
  return absl::FailedPreconditionError(
      absl::StrCat(field, "[", index,
                   "]: no longer an enforcement domain of the officer's agency (changed "
                   "meanwhile); read the agency again"));
}

absl::Status LiveConflict(absl::string_view field, const Certificate& draft,
                          const CertificateConflict& conflict) {
  return absl::AlreadyExistsError(
      absl::StrCat(field, "[", conflict.domain_index, "]: the officer already holds live ",
                   draft.kind == CertificateKind::kSupervision ? "supervision" : "enforcement",
                   " certificate ", conflict.certificate->number, " for ",
                   draft.domains[conflict.domain_index], " (one per officer, kind and domain)"));
}

absl::Status Invalidate(Change& change, PersonnelChange what, const ChangedRecords& records,
                        absl::Time now) {
  for (const std::string& key : KeysInvalidatedBy(what, records)) {
    LE_RETURN_IF_ERROR(change.Invalidate(key, now));
  }
  return absl::OkStatus();
}

class SqlPersonnelStore final : public PersonnelStore {
 public:
  SqlPersonnelStore(store::Database* db, IdGenerator* ids, StoreHooks hooks)
      : records_(db, ids, hooks.changes),
        deadlines_(hooks.deadlines),
        reminder_lead_(hooks.reminder_lead) {}

  // ------------------------------------------------------------ creates

  absl::StatusOr<Created> CreateAgency(const Agency& a, const std::optional<IdempotencyKey>& key,
                                       const AuditEntry& audit) override {
    return Create(key, audit, a.id, [&](Change& change) { return InsertAgency(change, a); });
  }

  absl::StatusOr<Agency> UpdateAgency(const Agency& a, int64_t expected_version,
                                      absl::CivilDay today, const AuditEntry& audit) override {
    LE_RETURN_IF_ERROR(records_.Write([&](Change& change) -> absl::Status {
      Transaction& tx = change.tx();
      // Serialized writes (SQLite's one writer, PostgreSQL's SERIALIZABLE):
      // a concurrent IssueCertificate committed before (its certificate is
      // read below) or reads the new domains.
      LE_RETURN_IF_ERROR(change.ExpectUpdated(
          tx.Execute(
              "UPDATE agencies SET name = ?, domains = ?, version = version + 1 "
              "WHERE id = ? AND version = ?",
              {Text(a.name), Text(JoinDomains(a.domains)), Text(a.id), Int(expected_version)}),
          "agencies", a.id, "agency", "agency.etag"));
      LE_ASSIGN_OR_RETURN(std::vector<Row> same,
                          tx.Query("SELECT id FROM agencies WHERE division_code = ? AND name = ? "
                                   "AND id <> ?",
                                   {Text(a.division_code), Text(a.name), Text(a.id)}));
      if (!same.empty()) return DuplicateAgency();
      LE_ASSIGN_OR_RETURN(
          std::vector<Row> live,
          tx.Query("SELECT number, domains FROM certificates WHERE agency_id = ? AND state IN "
                   "(1, 2) AND valid_until >= ? ORDER BY number",
                   {Text(a.id), Text(DayText(today))}));
      for (const Row& r : live) {
        for (const std::string& d : SplitDomains(r.Text(1))) {
          if (std::find(a.domains.begin(), a.domains.end(), d) == a.domains.end()) {
            return LiveCertificateCovers(r.Text(0), d);
          }
        }
      }
      return change.Audit(audit);
    }));
    return GetAgency(a.id);
  }

  absl::StatusOr<Created> CreateOfficer(const Officer& o, const std::string& id_number_cipher,
                                        const std::string& id_number_index,
                                        const std::optional<IdempotencyKey>& key,
                                        const AuditEntry& audit) override {
    return Create(key, audit, o.id, [&](Change& change) {
      return InsertOfficer(change, o, id_number_cipher, id_number_index);
    });
  }

  absl::StatusOr<Created> IssueCertificate(const Certificate& c, const CertificateEvent& issue,
                                           const std::optional<IdempotencyKey>& key,
                                           const AuditEntry& audit) override {
    return Create(key, audit, c.id,
                  [&](Change& change) { return InsertCertificate(change, c, issue); });
  }

  absl::StatusOr<Created> ReissueCertificate(const Replaced& old, const Certificate& c,
                                             const CertificateEvent& issue,
                                             const std::optional<IdempotencyKey>& key,
                                             const AuditEntry& audit) override {
    return Create(key, audit, c.id, [&](Change& change) -> absl::Status {
      Transaction& tx = change.tx();
      LE_ASSIGN_OR_RETURN(std::vector<Row> rows,
                          tx.Query("SELECT version, replaced_by_id FROM certificates WHERE id = ?",
                                   {Text(old.certificate_id)}));
      if (rows.empty()) return absl::NotFoundError("certificate not found");
      if (rows[0].Int(0) != old.expected_version) return StaleEtag("etag");
      if (!rows[0].IsNull(1) && !rows[0].Text(1).empty()) {
        return absl::FailedPreconditionError("id: the certificate was already renewed or replaced");
      }
      if (old.cancel.has_value()) {
        LE_RETURN_IF_ERROR(WriteCertificateState(change, old.certificate_id, old.expected_version,
                                                 CertificateState::kCancelled, *old.cancel,
                                                 old.audit, deadlines_));
      } else {
        LE_RETURN_IF_ERROR(change.Audit(old.audit));
      }
      LE_RETURN_IF_ERROR(
          tx.Execute("UPDATE certificates SET replaced_by_id = ?, version = version + 1, "
                     "update_time = ? WHERE id = ?",
                     {Text(c.id), TimeValue(c.create_time), Text(old.certificate_id)}));
      return InsertCertificate(change, c, issue);
    });
  }

  absl::StatusOr<Created> RecordTraining(const TrainingRecord& t,
                                         const std::optional<IdempotencyKey>& key,
                                         const AuditEntry& audit,
                                         const PersonnelPolicy& policy) override {
    return Create(key, audit, t.id,
                  [&](Change& change) { return InsertTraining(change, t, policy); });
  }

  absl::StatusOr<Created> RecordAssessment(const Assessment& a, bool flag_for_review,
                                           const std::optional<IdempotencyKey>& key,
                                           const AuditEntry& audit) override {
    return Create(key, audit, a.id, [&](Change& change) -> absl::Status {
      Transaction& tx = change.tx();
      LE_RETURN_IF_ERROR(tx.Execute(
          absl::StrCat("INSERT INTO assessments (", kAssessmentColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?)"),
          {Text(a.id), Text(a.officer_id), Int(a.year), Int(static_cast<int64_t>(a.result)),
           Text(a.remarks), Text(a.recorded_by), TimeValue(a.create_time)}));
      if (!flag_for_review) return absl::OkStatus();
      LE_RETURN_IF_ERROR(tx.Execute(
          "UPDATE officers SET review_required = 1, version = version + 1, update_time = ? "
          "WHERE id = ?",
          {TimeValue(a.create_time), Text(a.officer_id)}));
      LE_RETURN_IF_ERROR(
          tx.Execute("UPDATE certificates SET review_required = 1, version = version + 1, "
                     "update_time = ? WHERE officer_id = ?",
                     {TimeValue(a.create_time), Text(a.officer_id)}));
      LE_ASSIGN_OR_RETURN(
          std::vector<Row> flagged,
          tx.Query("SELECT id FROM certificates WHERE officer_id = ?", {Text(a.officer_id)}));
      ChangedRecords changed{a.officer_id, {}};
      for (const Row& r : flagged) changed.certificate_ids.push_back(r.Text(0));
      return Invalidate(change, PersonnelChange::kOfficerFlaggedForReview, changed, a.create_time);
    });
  }

  // ------------------------------------------------------------ updates

  absl::StatusOr<Officer> UpdateOfficer(const Officer& o, int64_t expected_version,
                                        const AuditEntry& audit) override {
    LE_RETURN_IF_ERROR(records_.Write([&](Change& change) -> absl::Status {
      LE_RETURN_IF_ERROR(WriteOfficerUpdate(change, o, expected_version));
      return change.Audit(audit);
    }));
    return GetOfficer(o.id);
  }

  absl::StatusOr<Officer> ClearOfficerReview(const std::string& id, int64_t expected_version,
                                             absl::Time now, const AuditEntry& audit) override {
    LE_RETURN_IF_ERROR(records_.Write([&](Change& change) -> absl::Status {
      Transaction& tx = change.tx();
      LE_RETURN_IF_ERROR(change.ExpectUpdated(
          tx.Execute("UPDATE officers SET review_required = 0, update_time = ?, "
                     "version = version + 1 WHERE id = ? AND version = ?",
                     {TimeValue(now), Text(id), Int(expected_version)}),
          "officers", id, "officer", "etag"));
      LE_ASSIGN_OR_RETURN(std::vector<Row> flagged,
                          tx.Query("SELECT id FROM certificates WHERE officer_id = ? AND "
                                   "review_required <> 0",
                                   {Text(id)}));
      LE_RETURN_IF_ERROR(tx.Execute(
          "UPDATE certificates SET review_required = 0, version = version + 1, update_time = ? "
          "WHERE officer_id = ? AND review_required <> 0",
          {TimeValue(now), Text(id)}));
      ChangedRecords changed{id, {}};
      for (const Row& r : flagged) changed.certificate_ids.push_back(r.Text(0));
      LE_RETURN_IF_ERROR(
          Invalidate(change, PersonnelChange::kOfficerFlaggedForReview, changed, now));
      return change.Audit(audit);
    }));
    return GetOfficer(id);
  }

  absl::StatusOr<std::vector<ServicePeriod>> GetServicePeriods(
      const std::string& officer_id) override {
    return queries::GetServicePeriods(records_, officer_id);
  }

  absl::StatusOr<Officer> ChangeOfficerService(const ServiceChange& c,
                                               const AuditEntry& audit) override {
    LE_RETURN_IF_ERROR(records_.Write([&](Change& change) -> absl::Status {
      Transaction& tx = change.tx();
      if (c.to_agency.has_value()) {
        LE_RETURN_IF_ERROR(change.ExpectUpdated(
            tx.Execute(
                "UPDATE officers SET agency_id = ?, division_code = ?, service_start = ?, "
                "service_end = NULL, service_end_reason = NULL, update_time = ?, "
                "version = version + 1 WHERE id = ? AND version = ?",
                {Text(c.to_agency->id), Text(c.to_agency->division_code), TimeValue(c.effective),
                 TimeValue(c.now), Text(c.officer_id), Int(c.expected_version)}),
            "officers", c.officer_id, "officer", "etag"));
      } else {
        LE_RETURN_IF_ERROR(change.ExpectUpdated(
            tx.Execute("UPDATE officers SET service_end = ?, service_end_reason = ?, "
                       "update_time = ?, version = version + 1 WHERE id = ? AND version = ?",
                       {TimeValue(c.effective), Int(static_cast<int64_t>(*c.end_reason)),
                        TimeValue(c.now), Text(c.officer_id), Int(c.expected_version)}),
            "officers", c.officer_id, "officer", "etag"));
      }
      if (c.end_reason.has_value()) {
        LE_ASSIGN_OR_RETURN(
            int64_t closed,
            tx.Execute("UPDATE officer_service SET end_time = ?, end_reason = ?, end_note = ?, "
                       "end_actor = ? WHERE officer_id = ? AND end_time IS NULL",
                       {TimeValue(c.effective), Int(static_cast<int64_t>(*c.end_reason)),
                        Text(c.note), Text(c.actor), Text(c.officer_id)}));
        if (closed != 1) {
          return absl::AbortedError("etag: the officer's service changed meanwhile; read it again");
        }
      }
      if (c.to_agency.has_value()) {
        LE_ASSIGN_OR_RETURN(std::vector<Row> last,
                            tx.Query("SELECT COALESCE(MAX(sequence), 0) FROM officer_service "
                                     "WHERE officer_id = ?",
                                     {Text(c.officer_id)}));
        LE_RETURN_IF_ERROR(InsertPeriod(tx, c.officer_id, last[0].Int(0) + 1, c.to_agency->id,
                                        c.to_agency->division_code, c.effective, c.now));
      }
      // Every certificate live now is among those to cancel (one issued
      // after the caller read them would survive the change).
      LE_ASSIGN_OR_RETURN(
          std::vector<Row> live,
          tx.Query("SELECT id FROM certificates WHERE officer_id = ? AND state IN (?, ?) AND "
                   "valid_until >= ?",
                   {Text(c.officer_id), Int(static_cast<int64_t>(CertificateState::kActive)),
                    Int(static_cast<int64_t>(CertificateState::kSuspended)),
                    Text(DayText(absl::ToCivilDay(c.now, ChinaTimeZone())))}));
      for (const Row& r : live) {
        bool listed = false;
        for (const ServiceChange::Cancellation& k : c.cancellations) {
          listed = listed || k.certificate_id == r.Text(0);
        }
        if (!listed) {
          return absl::AbortedError(
              "etag: the officer's certificates changed meanwhile; read them again");
        }
      }
      ChangedRecords changed{c.officer_id, {}};
      for (const ServiceChange::Cancellation& k : c.cancellations) {
        LE_RETURN_IF_ERROR(WriteCertificateState(change, k.certificate_id, k.expected_version,
                                                 CertificateState::kCancelled, k.event, k.audit,
                                                 deadlines_));
        changed.certificate_ids.push_back(k.certificate_id);
      }
      LE_RETURN_IF_ERROR(
          Invalidate(change, PersonnelChange::kOfficerServiceChanged, changed, c.now));
      if (c.arrival_audit.has_value()) LE_RETURN_IF_ERROR(change.Audit(*c.arrival_audit));
      return change.Audit(audit);
    }));
    return GetOfficer(c.officer_id);
  }

  absl::Status RecordDenial(const AuditEntry& audit) override {
    return records_.Write([&](Change& change) { return change.Audit(audit); });
  }

  absl::StatusOr<std::vector<AuditEntry>> ListAudit(const std::string& resource_id) override {
    return queries::ListAudit(records_, resource_id);
  }

  absl::StatusOr<std::vector<store::AuditRow>> ListAuditEntries(
      const store::AuditQuery& query, const store::PageRequest& page) override {
    std::vector<store::AuditRow> out;
    LE_RETURN_IF_ERROR(records_.db()->Read([&](Transaction& tx) -> absl::Status {
      LE_ASSIGN_OR_RETURN(out, store::ListAuditRows(tx, query, page.after_id, page.limit));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<Certificate> TransitionCertificate(const std::string& id, int64_t expected_version,
                                                    CertificateState to_state,
                                                    const CertificateEvent& event,
                                                    const AuditEntry& audit) override {
    LE_RETURN_IF_ERROR(records_.Write([&](Change& change) {
      return WriteCertificateState(change, id, expected_version, to_state, event, audit,
                                   deadlines_);
    }));
    return GetCertificate(id);
  }

  absl::StatusOr<Certificate> CorrectCertificate(const Certificate& c, int64_t expected_version,
                                                 absl::Time now, const AuditEntry& audit) override {
    absl::Status written = records_.Write([&](Change& change) -> absl::Status {
      Transaction& tx = change.tx();
      LE_RETURN_IF_ERROR(change.ExpectUpdated(
          tx.Execute(
              "UPDATE certificates SET number = ?, domains = ?, valid_from = ?, "
              "valid_until = ?, update_time = ?, version = version + 1 "
              "WHERE id = ? AND version = ?",
              {Text(c.number), Text(JoinDomains(c.domains)), Text(DayText(c.valid_from)),
               Text(DayText(c.valid_until)), TimeValue(now), Text(c.id), Int(expected_version)}),
          "certificates", c.id, "certificate", "etag"));
      LE_ASSIGN_OR_RETURN(std::vector<Row> same,
                          tx.Query("SELECT 1 FROM certificates WHERE number = ? AND id <> ?",
                                   {Text(c.number), Text(c.id)}));
      if (!same.empty()) return absl::AlreadyExistsError("number: already issued");
      LE_RETURN_IF_ERROR(CheckAgencyStillCovers(tx, c, "domains"));
      LE_RETURN_IF_ERROR(CheckNoLiveConflict(tx, c, now, "domains"));
      if (deadlines_ != nullptr) {
        LE_RETURN_IF_ERROR(deadlines_
                               ->Schedule(tx, {std::string(kCertificateExpiryKind), c.id,
                                               ExpiryMoment(c), c.number, reminder_lead_})
                               .status());
      }
      LE_RETURN_IF_ERROR(
          Invalidate(change, PersonnelChange::kCertificateCorrected, {c.officer_id, {c.id}}, now));
      return change.Audit(audit);
    });
    if (written.code() == absl::StatusCode::kAlreadyExists &&
        !absl::StrContains(written.message(), ": ")) {
      // The unique index caught a number issued meanwhile.
      return absl::AlreadyExistsError("number: already issued");
    }
    LE_RETURN_IF_ERROR(written);
    return GetCertificate(c.id);
  }

  // ------------------------------------------------------------ reads

  absl::StatusOr<Agency> GetAgency(const std::string& id) override {
    return queries::GetAgency(records_, id);
  }
  absl::StatusOr<Officer> GetOfficer(const std::string& id) override {
    return queries::GetOfficer(records_, id);
  }
  absl::StatusOr<Certificate> GetCertificate(const std::string& id) override {
    return queries::GetCertificate(records_, id);
  }
  absl::StatusOr<Certificate> GetCertificateByNumber(const std::string& number) override {
    return queries::GetCertificateByNumber(records_, number);
  }
  absl::StatusOr<TrainingRecord> GetTrainingRecord(const std::string& id) override {
    return queries::GetTrainingRecord(records_, id);
  }
  absl::StatusOr<Assessment> GetAssessment(const std::string& id) override {
    return queries::GetAssessment(records_, id);
  }
  absl::StatusOr<std::vector<CertificateEvent>> GetCertificateHistory(
      const std::string& certificate_id) override {
    return queries::GetCertificateHistory(records_, certificate_id);
  }
  absl::StatusOr<std::vector<Agency>> ListAgencies(const std::string& division_prefix,
                                                   const PageRequest& page) override {
    return queries::ListAgencies(records_, division_prefix, page);
  }
  absl::StatusOr<std::vector<Officer>> ListOfficers(const OfficerFilter& f,
                                                    const PageRequest& page) override {
    return queries::ListOfficers(records_, f, page);
  }
  absl::StatusOr<std::vector<Certificate>> ListCertificates(const CertificateFilter& f,
                                                            const PageRequest& page) override {
    return queries::ListCertificates(records_, f, page);
  }
  absl::StatusOr<std::vector<CertificateWithHistory>> GetCertificatesWithHistory(
      const std::vector<std::string>& officer_ids) override {
    return queries::GetCertificatesWithHistory(records_, officer_ids);
  }
  absl::StatusOr<std::vector<TrainingRecord>> ListTrainingRecords(
      const std::string& officer_id, std::optional<int> year, const PageRequest& page) override {
    return queries::ListTrainingRecords(records_, officer_id, year, page);
  }
  absl::StatusOr<TrainingScope> GetTrainingForScope(const std::string& officer_id,
                                                    const std::string& agency_id,
                                                    const std::string& division_prefix,
                                                    int year) override {
    return queries::GetTrainingForScope(records_, officer_id, agency_id, division_prefix, year);
  }
  absl::StatusOr<std::vector<CountedTraining>> CountedTrainingOf(
      const std::string& officer_id) override {
    return queries::CountedTrainingOf(records_, officer_id);
  }
  absl::StatusOr<std::vector<Assessment>> ListAssessments(const std::string& officer_id) override {
    return queries::ListAssessments(records_, officer_id);
  }
  absl::StatusOr<std::vector<AgencyHeadcount>> Headcounts(const std::string& agency_id,
                                                          const std::string& division_prefix,
                                                          absl::Time as_of) override {
    return queries::Headcounts(records_, agency_id, division_prefix, as_of);
  }
  absl::StatusOr<std::vector<DivisionFigures>> FiguresByDivision(
      absl::CivilDay today, int year, int64_t required_minutes) override {
    return queries::FiguresByDivision(records_, today, year, required_minutes);
  }

  // ------------------------------------------------------------ imports

  absl::StatusOr<std::optional<SourceLink>> GetSourceLink(const std::string& kind,
                                                          const std::string& system,
                                                          const std::string& source_id) override {
    return queries::GetSourceLink(records_, kind, system, source_id);
  }
  absl::StatusOr<std::optional<Agency>> FindAgencyByName(const std::string& division_code,
                                                         const std::string& name) override {
    return queries::FindAgencyByName(records_, division_code, name);
  }
  absl::StatusOr<std::optional<Officer>> FindOfficerByIdNumber(
      const std::string& id_number_index) override {
    return queries::FindOfficerByIdNumber(records_, id_number_index);
  }

  absl::Status WriteImports(const std::vector<ImportWrite>& writes, const PersonnelPolicy& policy,
                            bool validate_only) override {
    // The sentinel that rolls a validate_only run back once every write
    // has been checked.
    const absl::Status rolled_back = absl::CancelledError("validate_only: rolled back");
    absl::Status s = records_.Write([&](Change& change) -> absl::Status {
      for (const ImportWrite& w : writes) {
        absl::Status one = WriteImport(change, w, policy);
        if (!one.ok()) return absl::IsAlreadyExists(one) ? NameUniqueViolation(one) : one;
      }
      return validate_only ? rolled_back : absl::OkStatus();
    });
    return validate_only && s == rolled_back ? absl::OkStatus() : s;
  }

 private:
  absl::Status WriteImport(Change& change, const ImportWrite& w, const PersonnelPolicy& policy) {
    if (w.new_agency.has_value()) LE_RETURN_IF_ERROR(InsertAgency(change, *w.new_agency));
    if (w.new_officer.has_value()) {
      LE_RETURN_IF_ERROR(InsertOfficer(change, w.new_officer->officer,
                                       w.new_officer->id_number_cipher,
                                       w.new_officer->id_number_index));
    }
    if (w.officer_update.has_value()) {
      LE_RETURN_IF_ERROR(WriteOfficerUpdate(change, w.officer_update->officer,
                                            w.officer_update->expected_version));
    }
    if (w.new_training.has_value()) {
      LE_RETURN_IF_ERROR(InsertTraining(change, *w.new_training, policy));
    }
    const SourceLink& l = w.link;
    if (l.version == 0) {
      absl::Status inserted =
          change.tx()
              .Execute(
                  absl::StrCat("INSERT INTO import_sources (", kSourceLinkColumns,
                               ") VALUES (?, ?, ?, ?, ?, ?, ?, 1)"),
                  {Text(l.kind), Text(l.system), Text(l.source_id), Text(l.resource_id),
                   Text(l.digest), TimeValue(l.first_import_time), TimeValue(l.last_import_time)})
              .status();
      // Another import linked the record meanwhile.
      if (absl::IsAlreadyExists(inserted)) return ChangedMeanwhile();
      LE_RETURN_IF_ERROR(inserted);
    } else {
      LE_ASSIGN_OR_RETURN(
          int64_t changed,
          change.tx().Execute(
              "UPDATE import_sources SET resource_id = ?, digest = ?, last_import_time = ?, "
              "version = version + 1 WHERE kind = ? AND system = ? AND source_id = ? AND "
              "version = ?",
              {Text(l.resource_id), Text(l.digest), TimeValue(l.last_import_time), Text(l.kind),
               Text(l.system), Text(l.source_id), Int(l.version)}));
      if (changed != 1) return ChangedMeanwhile();
    }
    return change.Audit(w.audit);
  }

  static absl::Status ChangedMeanwhile() {
    return absl::AbortedError(
        "source_id: the record changed while it was being imported; import it again");
  }

  absl::Status InsertAgency(Change& change, const Agency& a) {
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> same,
        change.tx().Query("SELECT id FROM agencies WHERE division_code = ? AND name = ?",
                          {Text(a.division_code), Text(a.name)}));
    if (!same.empty()) return DuplicateAgency();
    return change.tx()
        .Execute(absl::StrCat("INSERT INTO agencies (", kAgencyColumns,
                              ") VALUES (?, ?, ?, ?, ?, ?, ?)"),
                 {Text(a.id), Text(a.name), Text(a.division_code), Text(JoinDomains(a.domains)),
                  store::Bool(a.require_training_for_eligibility), TimeValue(a.create_time),
                  Int(a.version)})
        .status();
  }

  absl::Status InsertOfficer(Change& change, const Officer& o, const std::string& id_number_cipher,
                             const std::string& id_number_index) {
    LE_RETURN_IF_ERROR(change.tx().Execute(
        "INSERT INTO officers (id, agency_id, division_code, name, id_number_sealed, "
        "id_number_index, id_number_masked, roles, review_required, create_time, "
        "update_time, version, service_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {Text(o.id), Text(o.agency_id), Text(o.division_code), Text(o.name), Text(id_number_cipher),
         Text(id_number_index), Text(o.id_number_masked), Int(RoleBits(o.roles)),
         store::Bool(o.review_required), TimeValue(o.create_time), TimeValue(o.update_time),
         Int(o.version), TimeValue(o.create_time)}));
    return InsertPeriod(change.tx(), o.id, 1, o.agency_id, o.division_code, o.create_time,
                        o.create_time);
  }

  static absl::Status InsertPeriod(Transaction& tx, const std::string& officer_id, int64_t sequence,
                                   const std::string& agency_id, const std::string& division_code,
                                   absl::Time start, absl::Time recorded) {
    return tx
        .Execute(absl::StrCat("INSERT INTO officer_service (officer_id, ", kServicePeriodColumns,
                              ") VALUES (?, ?, ?, ?, ?, NULL, NULL, '', '', ?)"),
                 {Text(officer_id), Int(sequence), Text(agency_id), Text(division_code),
                  TimeValue(start), TimeValue(recorded)})
        .status();
  }

  absl::Status InsertTraining(Change& change, const TrainingRecord& t,
                              const PersonnelPolicy& policy) {
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> day,
        change.tx().Query(absl::StrCat("SELECT ", kTrainingColumns,
                                       " FROM training_records WHERE officer_id = ? AND "
                                       "training_date = ?"),
                          {Text(t.officer_id), Text(DayText(t.date))}));
    std::vector<TrainingRecord> same_day;
    for (const Row& r : day) same_day.push_back(TrainingFromRow(r));
    LE_RETURN_IF_ERROR(CheckTrainingDay(t, same_day, policy));
    LE_RETURN_IF_ERROR(change.tx().Execute(
        absl::StrCat("INSERT INTO training_records (", kTrainingColumns,
                     ", training_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {Text(t.id), Text(t.officer_id), Text(t.agency_id), Text(t.division_code), Int(t.minutes),
         Int(static_cast<int64_t>(t.category)), Text(t.course), Text(DayText(t.date)),
         Text(t.provider), TimeValue(t.create_time), Int(t.date.year())}));
    return Invalidate(change, PersonnelChange::kTrainingRecorded, {t.officer_id, {}},
                      t.create_time);
  }

  absl::Status WriteOfficerUpdate(Change& change, const Officer& o, int64_t expected_version) {
    LE_RETURN_IF_ERROR(change.ExpectUpdated(
        change.tx().Execute(
            "UPDATE officers SET name = ?, roles = ?, update_time = ?, version = version + 1 "
            "WHERE id = ? AND version = ?",
            {Text(o.name), Int(RoleBits(o.roles)), TimeValue(o.update_time), Text(o.id),
             Int(expected_version)}),
        "officers", o.id, "officer", "officer.etag"));
    return Invalidate(change, PersonnelChange::kOfficerUpdated, {o.id, {}}, o.update_time);
  }

  // The certificate row, its issue event and its expiry deadline; refused
  // unless the holder still serves the agency and holds no live
  // certificate of the kind for one of its domains.
  // The agency still has every domain of `c`, read in this transaction: an
  // UpdateAgency removing one either committed before (refused here) or
  // conflicts with it (serialized writes; it then sees this certificate).
  static absl::Status CheckAgencyStillCovers(Transaction& tx, const Certificate& c,
                                             absl::string_view field) {
    LE_ASSIGN_OR_RETURN(std::vector<Row> agency,
                        tx.Query("SELECT domains FROM agencies WHERE id = ?", {Text(c.agency_id)}));
    if (agency.empty()) return absl::NotFoundError("agency not found");
    const std::vector<std::string> agency_domains = SplitDomains(agency[0].Text(0));
    for (size_t i = 0; i < c.domains.size(); ++i) {
      if (std::find(agency_domains.begin(), agency_domains.end(), c.domains[i]) ==
          agency_domains.end()) {
        return AgencyDomainsChangedMeanwhile(field, i);
      }
    }
    return absl::OkStatus();
  }

  // No other certificate of the holder (`c` itself excluded by id) is live
  // at `now` for a domain of `c` of its kind.
  static absl::Status CheckNoLiveConflict(Transaction& tx, const Certificate& c, absl::Time now,
                                          absl::string_view field) {
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> held,
        tx.Query(absl::StrCat("SELECT ", kCertificateColumns,
                              " FROM certificates WHERE officer_id = ? AND id <> ?"),
                 {Text(c.officer_id), Text(c.id)}));
    std::vector<Certificate> certificates;
    for (const Row& r : held) certificates.push_back(CertificateFromRow(r));
    if (std::optional<CertificateConflict> conflict =
            LiveCertificateConflict(c, certificates, now)) {
      return LiveConflict(field, c, *conflict);
    }
    return absl::OkStatus();
  }

  absl::Status InsertCertificate(Change& change, const Certificate& c,
                                 const CertificateEvent& issue) {
    // The holder still serves the agency: also locks the officer row
    // against a transfer or end of service racing this issue.
    LE_ASSIGN_OR_RETURN(
        int64_t serving,
        change.tx().Execute("UPDATE officers SET version = version WHERE id = ? AND "
                            "agency_id = ? AND service_end IS NULL",
                            {Text(c.officer_id), Text(c.agency_id)}));
    if (serving != 1) return ServiceChangedMeanwhile();
    LE_RETURN_IF_ERROR(CheckAgencyStillCovers(change.tx(), c, "certificate.domains"));
    LE_RETURN_IF_ERROR(CheckNoLiveConflict(change.tx(), c, c.create_time, "certificate.domains"));
    LE_RETURN_IF_ERROR(change.tx().Execute(
        absl::StrCat("INSERT INTO certificates (", kCertificateColumns,
                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)"),
        {Text(c.id), Text(c.number), Text(c.officer_id), Text(c.agency_id), Text(c.division_code),
         Int(static_cast<int64_t>(c.kind)), Text(JoinDomains(c.domains)),
         Text(DayText(c.valid_from)), Text(DayText(c.valid_until)),
         Int(static_cast<int64_t>(c.state)), Text(c.state_reason), store::Bool(c.review_required),
         TimeValue(c.create_time), TimeValue(c.update_time), Int(c.version), Text(c.state_document),
         c.replaces_id.empty() ? store::Null() : Text(c.replaces_id)}));
    LE_RETURN_IF_ERROR(AppendCertificateEvent(change.tx(), c.id, issue));
    if (deadlines_ != nullptr) {
      LE_RETURN_IF_ERROR(deadlines_->Schedule(
          change.tx(),
          {std::string(kCertificateExpiryKind), c.id, ExpiryMoment(c), c.number, reminder_lead_}));
    }
    return Invalidate(change, PersonnelChange::kCertificateIssued, {c.officer_id, {c.id}},
                      issue.time);
  }

  absl::StatusOr<Created> Create(const std::optional<IdempotencyKey>& key, const AuditEntry& audit,
                                 const std::string& id,
                                 absl::FunctionRef<absl::Status(Change&)> insert) {
    return records_.Create(key, audit, id, insert, NameUniqueViolation);
  }

  store::RecordStore records_;
  deadlines::DeadlineScheduler* const deadlines_;
  const absl::Duration reminder_lead_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<PersonnelStore>> OpenSqlPersonnelStore(store::Database* db,
                                                                      IdGenerator* ids,
                                                                      StoreHooks hooks) {
  LE_RETURN_IF_ERROR(store::Migrate(*db, kServiceName, PersonnelMigrations()));
  return std::make_unique<SqlPersonnelStore>(db, ids, hooks);
}

}  // namespace lawenforce::personnel
