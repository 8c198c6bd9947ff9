#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_PERSONNEL_STORE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_PERSONNEL_STORE_H_

// The persistence port of personnel-service: domain records in, domain
// records out. No SQL or gRPC types cross this interface. The SQL
// implementation is sql_personnel_store.h.
//
// Every mutating call is one transaction: the record, its history or audit
// row and the idempotency key commit together or not at all, and the call
// returns only after the commit is durable.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/personnel/domain/model.h"

namespace lawenforce::personnel {

// A client's idempotency key for a create (AIP-155).
struct IdempotencyKey {
  std::string method;        // e.g. "CreateOfficer"
  std::string request_id;    // client-chosen
  std::string request_hash;  // hash of the canonical request
};

// Who changed what, recorded in the same transaction as the change.
struct AuditEntry {
  std::string actor;   // token subject
  std::string action;  // e.g. "certificate.suspend"
  std::string resource_id;
  std::string detail;  // short, no personal data
  absl::Time time;
};

// The outcome of a create: the record's id, and whether it was created now
// (false: an earlier call with the same idempotency key created it).
struct Created {
  std::string id;
  bool replayed = false;
};

// A page of a list: ids sorted ascending, starting after `after_id`.
struct PageRequest {
  std::string after_id;  // empty: from the start
  int limit = 50;
};

struct OfficerFilter {
  std::string division_prefix;  // subtree prefix (Divisions::SubtreePrefix)
  std::string agency_id;        // optional
  std::optional<OfficerRole> role;
};

struct CertificateFilter {
  std::string division_prefix;
  std::string officer_id;  // optional
  // When set, only certificates that read in this state on `today` (China
  // Standard Time): EXPIRED also matches ACTIVE or SUSPENDED rows whose
  // valid_until is before `today`, and ACTIVE/SUSPENDED exclude those.
  std::optional<CertificateState> state;
  absl::CivilDay today;
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

// Thread-safe.
class PersonnelStore {
 public:
  virtual ~PersonnelStore() = default;

  // Creates. ALREADY_EXISTS naming the field on a uniqueness clash
  // (officer.id_number, certificate.number, assessment year); INVALID_ARGUMENT
  // "request_id: ..." when the key was used with a different request.
  virtual absl::StatusOr<Created> CreateAgency(const Agency& agency,
                                               const std::optional<IdempotencyKey>& key,
                                               const AuditEntry& audit) = 0;
  // `id_number_cipher` and `id_number_index` are the protected forms of the
  // identity-card number (common/crypto/pii.h).
  virtual absl::StatusOr<Created> CreateOfficer(const Officer& officer,
                                                const std::string& id_number_cipher,
                                                const std::string& id_number_index,
                                                const std::optional<IdempotencyKey>& key,
                                                const AuditEntry& audit) = 0;
  // Also appends the issue event (sequence 1) to the history.
  virtual absl::StatusOr<Created> IssueCertificate(const Certificate& certificate,
                                                   const CertificateEvent& issue_event,
                                                   const std::optional<IdempotencyKey>& key,
                                                   const AuditEntry& audit) = 0;
  virtual absl::StatusOr<Created> RecordTraining(const TrainingRecord& record,
                                                 const std::optional<IdempotencyKey>& key,
                                                 const AuditEntry& audit) = 0;
  // Also sets review_required on the officer and every certificate of the
  // officer when `flag_for_review`.
  virtual absl::StatusOr<Created> RecordAssessment(const Assessment& assessment,
                                                   bool flag_for_review,
                                                   const std::optional<IdempotencyKey>& key,
                                                   const AuditEntry& audit) = 0;

  // Reads. NOT_FOUND when absent.
  virtual absl::StatusOr<Agency> GetAgency(const std::string& id) = 0;
  virtual absl::StatusOr<Officer> GetOfficer(const std::string& id) = 0;
  virtual absl::StatusOr<Certificate> GetCertificate(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<CertificateEvent>> GetCertificateHistory(
      const std::string& certificate_id) = 0;
  virtual absl::StatusOr<TrainingRecord> GetTrainingRecord(const std::string& id) = 0;
  virtual absl::StatusOr<Assessment> GetAssessment(const std::string& id) = 0;

  virtual absl::StatusOr<std::vector<Agency>> ListAgencies(const std::string& division_prefix,
                                                           const PageRequest& page) = 0;
  virtual absl::StatusOr<std::vector<Officer>> ListOfficers(const OfficerFilter& filter,
                                                            const PageRequest& page) = 0;
  virtual absl::StatusOr<std::vector<Certificate>> ListCertificates(const CertificateFilter& filter,
                                                                    const PageRequest& page) = 0;
  // Every certificate of the officers, with histories, for eligibility.
  virtual absl::StatusOr<std::vector<std::pair<Certificate, std::vector<CertificateEvent>>>>
  GetCertificatesWithHistory(const std::vector<std::string>& officer_ids) = 0;

  virtual absl::StatusOr<std::vector<TrainingRecord>> ListTrainingRecords(
      const std::string& officer_id, std::optional<int> year, const PageRequest& page) = 0;
  // Every training record of `year` for the officers of an agency or a
  // division subtree (exactly one of the two is non-empty), and the ids of
  // all officers in that scope.
  struct TrainingScope {
    std::vector<std::string> officer_ids;
    std::vector<TrainingRecord> records;
  };
  virtual absl::StatusOr<TrainingScope> GetTrainingForScope(const std::string& officer_id,
                                                            const std::string& agency_id,
                                                            const std::string& division_prefix,
                                                            int year) = 0;
  // Counted (non political-theory) minutes of one officer, per year.
  virtual absl::StatusOr<std::vector<std::pair<int, int64_t>>> CountedMinutesByYear(
      const std::string& officer_id) = 0;

  virtual absl::StatusOr<std::vector<Assessment>> ListAssessments(
      const std::string& officer_id) = 0;

  // Headcounts of every agency in an agency or a division subtree.
  virtual absl::StatusOr<std::vector<AgencyHeadcount>> Headcounts(
      const std::string& agency_id, const std::string& division_prefix) = 0;

  // Figures for every division that has officers or certificates, as of
  // `today` (certificate expiry) and `year` (training).
  virtual absl::StatusOr<std::vector<DivisionFigures>> FiguresByDivision(absl::CivilDay today,
                                                                         int year) = 0;

  // Updates. `expected_version` must equal the stored version (else
  // ABORTED); the stored version is incremented.
  virtual absl::StatusOr<Officer> UpdateOfficer(const Officer& officer, int64_t expected_version,
                                                const AuditEntry& audit) = 0;
  // Stores the new state, reason and version, clears review_required, and
  // appends `event` (its sequence is assigned here) to the history.
  virtual absl::StatusOr<Certificate> TransitionCertificate(const std::string& id,
                                                            int64_t expected_version,
                                                            CertificateState to_state,
                                                            const CertificateEvent& event,
                                                            const AuditEntry& audit) = 0;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_PERSONNEL_STORE_H_
