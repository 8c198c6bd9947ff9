#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_IN_MEMORY_PERSONNEL_STORE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_IN_MEMORY_PERSONNEL_STORE_H_

// PersonnelStore in memory, for app-layer unit tests: the contract of
// personnel_store.h (uniqueness, idempotency keys, version checks, history
// sequences, review flags, paging by id, the certificate state filter) with
// no SQL, no cache and no deadlines. The audit rows and the cache keys each
// change would invalidate are kept for assertions. Thread-safe.

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/store/in_memory_keys.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

class InMemoryPersonnelStore final : public PersonnelStore {
 public:
  absl::StatusOr<Created> CreateAgency(const Agency& agency,
                                       const std::optional<IdempotencyKey>& key,
                                       const AuditEntry& audit) override;
  absl::StatusOr<Agency> GetAgency(const std::string& id) override;
  absl::StatusOr<std::vector<Agency>> ListAgencies(const std::string& division_prefix,
                                                   const PageRequest& page) override;

  absl::StatusOr<Created> CreateOfficer(const Officer& officer, const std::string& id_number_cipher,
                                        const std::string& id_number_index,
                                        const std::optional<IdempotencyKey>& key,
                                        const AuditEntry& audit) override;
  absl::StatusOr<Officer> GetOfficer(const std::string& id) override;
  absl::StatusOr<std::vector<Officer>> ListOfficers(const OfficerFilter& filter,
                                                    const PageRequest& page) override;
  absl::StatusOr<Officer> UpdateOfficer(const Officer& officer, int64_t expected_version,
                                        const AuditEntry& audit) override;

  absl::StatusOr<Agency> UpdateAgency(const Agency& agency, int64_t expected_version,
                                      absl::CivilDay today, const AuditEntry& audit) override;
  absl::StatusOr<Created> IssueCertificate(const Certificate& certificate,
                                           const CertificateEvent& issue_event,
                                           const std::optional<IdempotencyKey>& key,
                                           const AuditEntry& audit) override;
  absl::StatusOr<Certificate> CorrectCertificate(const Certificate& corrected,
                                                 int64_t expected_version, absl::Time now,
                                                 const AuditEntry& audit) override;
  absl::StatusOr<Created> ReissueCertificate(const Replaced& replaced,
                                             const Certificate& certificate,
                                             const CertificateEvent& issue_event,
                                             const std::optional<IdempotencyKey>& key,
                                             const AuditEntry& audit) override;
  absl::StatusOr<Certificate> GetCertificate(const std::string& id) override;
  absl::StatusOr<Certificate> GetCertificateByNumber(const std::string& number) override;
  absl::StatusOr<std::vector<CertificateEvent>> GetCertificateHistory(
      const std::string& certificate_id) override;
  absl::StatusOr<std::vector<Certificate>> ListCertificates(const CertificateFilter& filter,
                                                            const PageRequest& page) override;
  absl::StatusOr<std::vector<CertificateWithHistory>> GetCertificatesWithHistory(
      const std::vector<std::string>& officer_ids) override;
  absl::StatusOr<Certificate> TransitionCertificate(const std::string& id, int64_t expected_version,
                                                    CertificateState to_state,
                                                    const CertificateEvent& event,
                                                    const AuditEntry& audit) override;

  absl::StatusOr<Created> RecordTraining(const TrainingRecord& record,
                                         const std::optional<IdempotencyKey>& key,
                                         const AuditEntry& audit,
                                         const PersonnelPolicy& policy) override;
  absl::StatusOr<TrainingRecord> GetTrainingRecord(const std::string& id) override;
  absl::StatusOr<std::vector<TrainingRecord>> ListTrainingRecords(const std::string& officer_id,
                                                                  std::optional<int> year,
                                                                  const PageRequest& page) override;
  absl::StatusOr<TrainingScope> GetTrainingForScope(const std::string& officer_id,
                                                    const std::string& agency_id,
                                                    const std::string& division_prefix,
                                                    int year) override;
  absl::StatusOr<std::vector<CountedTraining>> CountedTrainingOf(
      const std::string& officer_id) override;

  absl::StatusOr<Created> RecordAssessment(const Assessment& assessment, bool flag_for_review,
                                           const std::optional<IdempotencyKey>& key,
                                           const AuditEntry& audit) override;
  absl::StatusOr<Assessment> GetAssessment(const std::string& id) override;
  absl::StatusOr<std::vector<Assessment>> ListAssessments(const std::string& officer_id) override;

  absl::StatusOr<std::vector<AgencyHeadcount>> Headcounts(
      const std::string& agency_id, const std::string& division_prefix,
      absl::Time as_of = absl::InfiniteFuture()) override;
  absl::StatusOr<std::vector<DivisionFigures>> FiguresByDivision(
      absl::CivilDay today, int year, int64_t required_minutes = 60 * 60) override;

  absl::StatusOr<Officer> ClearOfficerReview(const std::string& id, int64_t expected_version,
                                             absl::Time now, const AuditEntry& audit) override;
  absl::StatusOr<std::vector<ServicePeriod>> GetServicePeriods(
      const std::string& officer_id) override;
  absl::StatusOr<Officer> ChangeOfficerService(const ServiceChange& change,
                                               const AuditEntry& audit) override;
  absl::Status RecordDenial(const AuditEntry& audit) override;
  absl::StatusOr<std::vector<AuditEntry>> ListAudit(const std::string& resource_id) override;
  absl::StatusOr<std::vector<store::AuditRow>> ListAuditEntries(
      const store::AuditQuery& query, const store::PageRequest& page) override;

  absl::StatusOr<std::optional<SourceLink>> GetSourceLink(const std::string& kind,
                                                          const std::string& system,
                                                          const std::string& source_id) override;
  absl::StatusOr<std::optional<Agency>> FindAgencyByName(const std::string& division_code,
                                                         const std::string& name) override;
  absl::StatusOr<std::optional<Officer>> FindOfficerByIdNumber(
      const std::string& id_number_index) override;
  absl::Status WriteImports(const std::vector<ImportWrite>& writes, const PersonnelPolicy& policy,
                            bool validate_only) override;

  // For assertions: every audit row, and every cache key a change
  // invalidated (cache_keys.h), in order.
  std::vector<AuditEntry> audit_log() const ABSL_LOCKS_EXCLUDED(mu_);
  std::vector<std::string> invalidated_keys() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  bool HoldsValidEnforcementCertificate(const std::string& officer_id, absl::CivilDay day) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The idempotency step of every create: replay, refuse, or go on (nullopt).
  absl::StatusOr<std::optional<Created>> CheckKey(const std::optional<IdempotencyKey>& key) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return keys_.Check(key);
  }
  // The checks and writes of the creates and the update, shared with
  // WriteImports.
  absl::Status InsertAgency(const Agency& agency) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status InsertOfficer(const Officer& officer, const std::string& id_number_index)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status InsertTraining(const TrainingRecord& record, const PersonnelPolicy& policy)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<Officer> WriteOfficerUpdate(const Officer& officer, int64_t expected_version)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The one writer of a certificate's state here, as sql_writes.h there.
  // IssueCertificate's checks, with the certificate `replacing` (if any)
  // read as no longer live; then the insert. mu_ held.
  // Each domain of `certificate` is still one of its agency's (as the SQL
  // store checks in the write's transaction).
  absl::Status CheckAgencyStillCovers(const Certificate& certificate, absl::string_view field) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status CheckIssue(const Certificate& certificate, const std::string& replacing)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void InsertIssued(const Certificate& certificate, const CertificateEvent& issue_event)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void WriteCertificateState(Certificate& c, CertificateState to_state,
                             const CertificateEvent& event) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status WriteImport(const ImportWrite& w, const PersonnelPolicy& policy)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Created Commit(const std::optional<IdempotencyKey>& key, const std::string& id,
                 const AuditEntry& audit, std::vector<std::string> invalidated)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::string, Agency> agencies_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Officer> officers_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> officer_by_index_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::vector<ServicePeriod>> service_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Certificate> certificates_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::vector<CertificateEvent>> history_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, TrainingRecord> training_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Assessment> assessments_ ABSL_GUARDED_BY(mu_);
  store::InMemoryKeys keys_ ABSL_GUARDED_BY(mu_);
  std::vector<AuditEntry> audit_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> invalidated_ ABSL_GUARDED_BY(mu_);
  // Keyed by "kind|system|source_id".
  std::map<std::string, SourceLink> links_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_IN_MEMORY_PERSONNEL_STORE_H_
