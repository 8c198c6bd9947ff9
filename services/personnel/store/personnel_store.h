#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_PERSONNEL_STORE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_PERSONNEL_STORE_H_

// The persistence port of personnel-service, one interface per resource:
// domain records in, domain records out. No SQL or gRPC types cross it. The
// SQL implementation is sql_personnel_store.h, the in-memory fake for app
// tests in_memory_personnel_store.h.
//
// Every mutating call is one transaction: the record, its history or audit
// row, the idempotency key and the journal of the cache keys it makes stale
// (cache_keys.h) commit together or not at all, and the call returns only
// after the commit is durable and the journal flushed.
//
// All interfaces are thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/record_store.h"
#include "services/personnel/domain/eligibility.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/domain/training.h"

namespace lawenforce::personnel {

using store::AuditEntry;
using store::Created;
using store::IdempotencyKey;
using store::PageRequest;

struct OfficerFilter {
  std::string division_prefix;  // subtree prefix (Divisions::SubtreePrefix)
  std::string agency_id;        // optional
  std::optional<OfficerRole> role;
  std::string name_prefix;      // optional: names starting with it
  std::string id_number_index;  // optional: the blind index of an identity-card number
  std::optional<bool> review_required;
  // When set, only officers in service (true) or who left it (false).
  std::optional<bool> in_service;
  // When set, only officers in service holding no ENFORCEMENT certificate
  // ACTIVE on that day with valid_from <= day <= valid_until.
  std::optional<absl::CivilDay> without_valid_certificate_on;
};

struct CertificateFilter {
  std::string division_prefix;
  std::string officer_id;  // optional
  // When set, only certificates that read in this state on `today` (China
  // Standard Time): EXPIRED also matches ACTIVE or SUSPENDED rows whose
  // valid_until is before `today`, and ACTIVE/SUSPENDED exclude those.
  std::optional<CertificateState> state;
  absl::CivilDay today;
  // When set, only certificates still live (ACTIVE or SUSPENDED, not past
  // valid_until) on `today` whose valid_until is at most this day.
  std::optional<absl::CivilDay> expiring_through;
};

// Per-agency officer and legal-reviewer counts, for staffing figures.
struct AgencyHeadcount {
  std::string agency_id;
  std::string agency_name;
  std::string division_code;
  int officer_count = 0;
  int legal_reviewer_count = 0;
};

// Business figures per division code (as stored: townships not rolled up),
// for the domain gauges.
struct DivisionFigures {
  std::string division_code;
  int officers = 0;
  int legal_reviewers = 0;
  // Officers with >= 60 counted training hours in the figures' year.
  int training_compliant = 0;
  // Certificates by state as read on the figures' day (index: state value).
  int certificates_by_state[6] = {0, 0, 0, 0, 0, 0};
  // ACTIVE or SUSPENDED certificates whose last valid day falls within the
  // next 30 days (today included).
  int certificates_expiring_30d = 0;
};

// Every training record of a year of the officers in a scope, and those
// officers with their spans of service. An officer is in the scope of the
// agency (and division) of their last period of service that overlaps the
// year; all their records of the year count, whichever agency recorded
// them.
struct TrainingScope {
  std::vector<OfficerInService> officers;
  std::vector<TrainingRecord> records;
  // Per officer (as `officers`, same order): name, and the agency and
  // division of the period that put them in the scope.
  struct Member {
    std::string name;
    std::string agency_id;
    std::string division_code;
  };
  std::vector<Member> members;
};

// One officer's counted (non political-theory) minutes of one record.
struct CountedTraining {
  int year = 0;
  int64_t minutes = 0;
  absl::Time recorded;  // the record's create_time
};

// A transfer, an end of service or a return to service (app/postings.h),
// applied together or not at all: the officer's open period (if any) ends
// at `effective` with `end_reason`; with `to_agency` a period opens there
// at `effective`; the officer row takes the agency, division and standing
// (only if still at `expected_version`: else ABORTED naming etag); each
// listed certificate is cancelled as TransitionCertificate would (its
// version checked too), and ABORTED naming etag if the officer holds a
// live certificate not listed (one issued meanwhile); then the audit row.
struct ServiceChange {
  std::string officer_id;
  int64_t expected_version = 0;
  absl::Time effective;
  absl::Time now;                              // when recorded
  std::optional<ServiceEndReason> end_reason;  // nullopt: the officer had left (a return)
  std::string note;
  std::string actor;
  std::optional<Agency> to_agency;
  struct Cancellation {
    std::string certificate_id;
    int64_t expected_version = 0;
    CertificateEvent event;
    AuditEntry audit;
  };
  std::vector<Cancellation> cancellations;
  // A transfer to another division: the audit row that division's log shows.
  std::optional<AuditEntry> arrival_audit;
};

// A renewal or replacement (换证/补证): what happens to the certificate
// replaced. It must still be at `expected_version` (else ABORTED naming
// etag) and not replaced already (else FAILED_PRECONDITION naming id);
// when `cancel` is set (a live certificate) it is cancelled with that
// event as TransitionCertificate would; either way it is linked to its
// successor, and `audit` is written.
struct Replaced {
  std::string certificate_id;
  int64_t expected_version = 0;
  std::optional<CertificateEvent> cancel;
  AuditEntry audit;
};

// Creates answer ALREADY_EXISTS naming the API field on a uniqueness clash
// and INVALID_ARGUMENT "request_id: ..." when the key was used with a
// different request; reads answer NOT_FOUND "<what> not found".

class AgencyStore {
 public:
  virtual ~AgencyStore() = default;
  // ALREADY_EXISTS "agency.name: ..." when an agency of the same name
  // exists at the same division.
  virtual absl::StatusOr<Created> CreateAgency(const Agency& agency,
                                               const std::optional<IdempotencyKey>& key,
                                               const AuditEntry& audit) = 0;
  // Name and domains; `expected_version` must equal the stored version
  // (else ABORTED naming agency.etag); the version is incremented.
  // ALREADY_EXISTS "agency.name: ..." as CreateAgency; FAILED_PRECONDITION
  // "agency.domains: ..." when a certificate of the agency live on `today`
  // (ACTIVE or SUSPENDED, valid_until >= today) covers a domain the update
  // removes, checked in the same transaction.
  virtual absl::StatusOr<Agency> UpdateAgency(const Agency& agency, int64_t expected_version,
                                              absl::CivilDay today, const AuditEntry& audit) = 0;
  virtual absl::StatusOr<Agency> GetAgency(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<Agency>> ListAgencies(const std::string& division_prefix,
                                                           const PageRequest& page) = 0;
};

class OfficerStore {
 public:
  virtual ~OfficerStore() = default;
  // `id_number_cipher` and `id_number_index` are the protected forms of the
  // identity-card number (common/crypto/pii.h). ALREADY_EXISTS
  // "officer.id_number: ..." for a number already registered.
  virtual absl::StatusOr<Created> CreateOfficer(const Officer& officer,
                                                const std::string& id_number_cipher,
                                                const std::string& id_number_index,
                                                const std::optional<IdempotencyKey>& key,
                                                const AuditEntry& audit) = 0;
  virtual absl::StatusOr<Officer> GetOfficer(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<Officer>> ListOfficers(const OfficerFilter& filter,
                                                            const PageRequest& page) = 0;
  // Name and roles; `expected_version` must equal the stored version (else
  // ABORTED naming officer.etag); the stored version is incremented.
  virtual absl::StatusOr<Officer> UpdateOfficer(const Officer& officer, int64_t expected_version,
                                                const AuditEntry& audit) = 0;
  // Clears review_required on the officer and on every certificate of the
  // officer, bumping their versions; `expected_version` as UpdateOfficer.
  virtual absl::StatusOr<Officer> ClearOfficerReview(const std::string& id,
                                                     int64_t expected_version, absl::Time now,
                                                     const AuditEntry& audit) = 0;
  // The officer's periods of service, oldest first (empty for an unknown id).
  virtual absl::StatusOr<std::vector<ServicePeriod>> GetServicePeriods(
      const std::string& officer_id) = 0;
  virtual absl::StatusOr<Officer> ChangeOfficerService(const ServiceChange& change,
                                                       const AuditEntry& audit) = 0;
};

class CertificateStore {
 public:
  virtual ~CertificateStore() = default;
  // Also appends the issue event (sequence 1) to the history and schedules
  // the expiry deadline. ALREADY_EXISTS "certificate.number: ..." for a
  // number already issued, and "certificate.domains[i]: ..." when the
  // officer already holds a live certificate of the kind for that domain
  // (LiveCertificateConflict as of the certificate's create_time), checked
  // in the same transaction; FAILED_PRECONDITION "certificate.officer_id:
  // ..." unless the officer still serves the certificate's agency then
  // (a transfer or end of service racing the issue).
  virtual absl::StatusOr<Created> IssueCertificate(const Certificate& certificate,
                                                   const CertificateEvent& issue_event,
                                                   const std::optional<IdempotencyKey>& key,
                                                   const AuditEntry& audit) = 0;
  // `replaced` first, then the new certificate (its replaces_id set) as
  // IssueCertificate issues it, in one transaction.
  virtual absl::StatusOr<Created> ReissueCertificate(const Replaced& replaced,
                                                     const Certificate& certificate,
                                                     const CertificateEvent& issue_event,
                                                     const std::optional<IdempotencyKey>& key,
                                                     const AuditEntry& audit) = 0;
  // Writes the corrected number, validity and domains of `corrected`
  // (read first; its other fields are ignored) when the stored version is
  // still `expected_version` (ABORTED "etag"), and moves the expiry
  // deadline with the new validity. Checked in the same transaction:
  // the number unused (ALREADY_EXISTS "number: already issued"), each
  // domain still the agency's (FAILED_PRECONDITION "domains[i]: ..."), no
  // live conflict with another certificate of the holder as of `now`
  // (ALREADY_EXISTS "domains[i]: ..."). Returns the stored certificate.
  virtual absl::StatusOr<Certificate> CorrectCertificate(const Certificate& corrected,
                                                         int64_t expected_version, absl::Time now,
                                                         const AuditEntry& audit) = 0;
  virtual absl::StatusOr<Certificate> GetCertificate(const std::string& id) = 0;
  // By its printed number (case-sensitive); NOT_FOUND "certificate not found".
  virtual absl::StatusOr<Certificate> GetCertificateByNumber(const std::string& number) = 0;
  virtual absl::StatusOr<std::vector<CertificateEvent>> GetCertificateHistory(
      const std::string& certificate_id) = 0;
  virtual absl::StatusOr<std::vector<Certificate>> ListCertificates(const CertificateFilter& filter,
                                                                    const PageRequest& page) = 0;
  // Every certificate of the officers, with histories, for eligibility.
  virtual absl::StatusOr<std::vector<CertificateWithHistory>> GetCertificatesWithHistory(
      const std::vector<std::string>& officer_ids) = 0;
  // Stores the new state, reason and version, clears review_required,
  // appends `event` (its sequence is assigned here) and, into a final state,
  // cancels the expiry deadline. `expected_version` must equal the stored
  // version (else ABORTED naming etag).
  virtual absl::StatusOr<Certificate> TransitionCertificate(const std::string& id,
                                                            int64_t expected_version,
                                                            CertificateState to_state,
                                                            const CertificateEvent& event,
                                                            const AuditEntry& audit) = 0;
};

class TrainingStore {
 public:
  virtual ~TrainingStore() = default;
  // CheckTrainingDay against the officer's records of the same date, in
  // the same transaction.
  virtual absl::StatusOr<Created> RecordTraining(const TrainingRecord& record,
                                                 const std::optional<IdempotencyKey>& key,
                                                 const AuditEntry& audit,
                                                 const PersonnelPolicy& policy) = 0;
  virtual absl::StatusOr<TrainingRecord> GetTrainingRecord(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<TrainingRecord>> ListTrainingRecords(
      const std::string& officer_id, std::optional<int> year, const PageRequest& page) = 0;
  // Every training record of `year` for one officer, the officers of an
  // agency, or a division subtree (exactly one of the three is non-empty),
  // and the ids of all officers in that scope.
  virtual absl::StatusOr<TrainingScope> GetTrainingForScope(const std::string& officer_id,
                                                            const std::string& agency_id,
                                                            const std::string& division_prefix,
                                                            int year) = 0;
  // Counted (non political-theory) minutes of one officer, per record.
  virtual absl::StatusOr<std::vector<CountedTraining>> CountedTrainingOf(
      const std::string& officer_id) = 0;
};

class AssessmentStore {
 public:
  virtual ~AssessmentStore() = default;
  // Also sets review_required on the officer and every certificate of the
  // officer when `flag_for_review`. ALREADY_EXISTS "assessment.year: ..."
  // for a second assessment of the same year.
  virtual absl::StatusOr<Created> RecordAssessment(const Assessment& assessment,
                                                   bool flag_for_review,
                                                   const std::optional<IdempotencyKey>& key,
                                                   const AuditEntry& audit) = 0;
  virtual absl::StatusOr<Assessment> GetAssessment(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<Assessment>> ListAssessments(
      const std::string& officer_id) = 0;
};

class FiguresStore {
 public:
  virtual ~FiguresStore() = default;
  // Headcounts of every agency of an agency id or a division subtree,
  // counting the officers whose period of service at the agency covers the
  // last moment before `as_of` (InfiniteFuture: those in service now);
  // agencies created since `as_of` are left out.
  virtual absl::StatusOr<std::vector<AgencyHeadcount>> Headcounts(
      const std::string& agency_id, const std::string& division_prefix,
      absl::Time as_of = absl::InfiniteFuture()) = 0;
  // Figures for every division that has officers (in service) or
  // certificates, as of
  // `today` (certificate expiry) and `year` (training: officers with at
  // least `required_minutes` counted).
  virtual absl::StatusOr<std::vector<DivisionFigures>> FiguresByDivision(
      absl::CivilDay today, int year, int64_t required_minutes = 60 * 60) = 0;
};

// The audit log beyond the rows each change writes itself.
class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // A denied attempt (ARCHITECTURE.md section 7), in a transaction of its own.
  virtual absl::Status RecordDenial(const AuditEntry& audit) = 0;
  // Every audit row about `resource_id`, oldest first.
  virtual absl::StatusOr<std::vector<AuditEntry>> ListAudit(const std::string& resource_id) = 0;
  // The rows matching `query`, newest first, after the row `page.after_id`
  // (store::ListAuditRows).
  virtual absl::StatusOr<std::vector<store::AuditRow>> ListAuditEntries(
      const store::AuditQuery& query, const store::PageRequest& page) = 0;
};

// ---------------------------------------------------------------- imports

// A record imported from a source system (task 36, docs/api/personnel.md
// "Bulk import"): which record of ours it is, and the keyed digest of what
// was imported, so that the same record again changes nothing.
struct SourceLink {
  std::string kind;  // "agency", "officer", "training"
  std::string system;
  std::string source_id;
  std::string resource_id;
  std::string digest;
  absl::Time first_import_time;
  absl::Time last_import_time;
  // The stored link's version; 0 for a link not stored yet.
  int64_t version = 0;
};

// One imported record's writes, applied together or not at all: at most
// one of the record writes, then the link (inserted when its version is
// 0, else updated only if still at that version: ABORTED naming
// source_id) and the audit row.
struct ImportWrite {
  struct NewOfficer {
    Officer officer;
    std::string id_number_cipher;
    std::string id_number_index;
  };
  struct OfficerUpdate {
    Officer officer;  // name, roles and update_time as CreateOfficer/UpdateOfficer take them
    int64_t expected_version = 0;
  };
  std::optional<Agency> new_agency;
  std::optional<NewOfficer> new_officer;
  std::optional<OfficerUpdate> officer_update;
  std::optional<TrainingRecord> new_training;
  SourceLink link;
  AuditEntry audit;
};

class ImportStore {
 public:
  virtual ~ImportStore() = default;
  virtual absl::StatusOr<std::optional<SourceLink>> GetSourceLink(const std::string& kind,
                                                                  const std::string& system,
                                                                  const std::string& source_id) = 0;
  // The agency of this name at this division, if any.
  virtual absl::StatusOr<std::optional<Agency>> FindAgencyByName(const std::string& division_code,
                                                                 const std::string& name) = 0;
  // The officer whose identity-card number has this blind index, if any.
  virtual absl::StatusOr<std::optional<Officer>> FindOfficerByIdNumber(
      const std::string& id_number_index) = 0;
  // Every write in one transaction, each checked as the single-record
  // writes above check theirs (names, numbers, a day's training), errors
  // naming the API field. `validate_only`: run it all, then roll back.
  virtual absl::Status WriteImports(const std::vector<ImportWrite>& writes,
                                    const PersonnelPolicy& policy, bool validate_only) = 0;
};

// The whole port, as one object implements it.
class PersonnelStore : public AgencyStore,
                       public OfficerStore,
                       public CertificateStore,
                       public TrainingStore,
                       public AssessmentStore,
                       public FiguresStore,
                       public AuditStore,
                       public ImportStore {};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_PERSONNEL_STORE_H_
