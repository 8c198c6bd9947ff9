#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_MODEL_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_MODEL_H_

// The personnel domain's records, free of gRPC and SQL types. api/ converts
// protobuf to and from these; store/ persists them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace lawenforce::personnel {

enum class OfficerRole { kOfficer = 1, kLegalReviewer = 2, kSupervisor = 3 };

enum class CertificateKind { kEnforcement = 1, kSupervision = 2 };

enum class CertificateState {
  kActive = 1,
  kSuspended = 2,  // 暂扣
  kRevoked = 3,    // 收回, final
  kCancelled = 4,  // 注销, final
  kExpired = 5,    // past valid_until, final
};

enum class TrainingCategory {
  kPublicLegalKnowledge = 1,
  kBusinessKnowledge = 2,
  kEnforcementSkills = 3,
  kPoliticalTheory = 4,  // recorded, not counted toward the 60 hours
};

enum class AssessmentResult {
  kExcellent = 1,
  kCompetent = 2,
  kBasicallyCompetent = 3,
  kIncompetent = 4,  // failing
};

// Why a period of service at an agency ended. A transfer opens the next
// period at another agency; leaving a post or retiring ends service.
enum class ServiceEndReason {
  kTransferred = 1,  // 调动: to another agency
  kLeftPost = 2,     // 调离执法岗位
  kRetired = 3,      // 退休
};

struct Agency {
  std::string id;
  std::string name;
  std::string division_code;
  std::vector<std::string> domains;
  bool require_training_for_eligibility = false;
  absl::Time create_time;
  int64_t version = 1;
};

struct Officer {
  std::string id;
  std::string agency_id;
  std::string division_code;  // of the agency
  std::string name;
  std::string id_number_masked;
  std::vector<OfficerRole> roles;
  bool review_required = false;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 1;
  // The start of the current (or, after leaving, the last) period of
  // service at `agency_id`: create_time for an officer never transferred.
  absl::Time service_start;
  // Set when the officer left service (kLeftPost or kRetired): from then
  // on they count in no figures and may not enforce. Cleared when a
  // transfer brings them back.
  std::optional<absl::Time> service_end;
  std::optional<ServiceEndReason> service_end_reason;
};

// One period of an officer's service at one agency, append-only but for
// the end of the open one. Periods of one officer never overlap.
struct ServicePeriod {
  int64_t sequence = 0;
  std::string agency_id;
  std::string division_code;
  absl::Time start;
  absl::Time end = absl::InfiniteFuture();  // open while in service there
  std::optional<ServiceEndReason> end_reason;
  std::string end_note;    // why, as given by whoever ended it
  std::string end_actor;   // who ended it
  absl::Time record_time;  // when the period was recorded (opened)
};

struct Certificate {
  std::string id;
  std::string number;
  std::string officer_id;
  std::string agency_id;
  std::string division_code;
  CertificateKind kind = CertificateKind::kEnforcement;
  std::vector<std::string> domains;
  absl::CivilDay valid_from;
  absl::CivilDay valid_until;  // inclusive
  // The stored state: the last transition. EXPIRED is also derived on read
  // (see EffectiveState), so a certificate past its date never reads ACTIVE.
  CertificateState state = CertificateState::kActive;
  std::string state_reason;
  // The decision document (决定书 number) of the last change, if given.
  std::string state_document;
  // For a suspension with an end (暂扣 for a term): when it ends. The state
  // reads ACTIVE from then on even before the deadline engine writes the
  // reinstatement (EffectiveState), as EXPIRED is read from the date.
  std::optional<absl::Time> suspended_until;
  // A renewal or replacement (换证/补证) links the two certificates: the
  // new one names the certificate it replaces, the old one its successor.
  std::string replaces_id;
  std::string replaced_by_id;
  bool review_required = false;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 1;
};

// One append-only history entry. The issue event has no from_state.
struct CertificateEvent {
  int64_t sequence = 0;
  std::optional<CertificateState> from_state;
  CertificateState to_state = CertificateState::kActive;
  std::string reason;
  std::string actor;
  // When the change took effect: for a suspension, revocation or
  // cancellation possibly before it was recorded (a caller's
  // effective_time); never after.
  absl::Time time;
  // When the change was recorded.
  absl::Time record_time;
  // A suspension's end, if it has one.
  std::optional<absl::Time> until;
  // The decision document the change rests on (决定书 number), if given.
  std::string decision_document;
};

struct TrainingRecord {
  std::string id;
  std::string officer_id;
  std::string agency_id;
  std::string division_code;
  // Stored as minutes to keep sums exact; hours on the wire.
  int64_t minutes = 0;
  TrainingCategory category = TrainingCategory::kPublicLegalKnowledge;
  std::string course;
  absl::CivilDay date;
  std::string provider;
  absl::Time create_time;
};

struct Assessment {
  std::string id;
  std::string officer_id;
  int year = 0;
  AssessmentResult result = AssessmentResult::kCompetent;
  std::string remarks;
  std::string recorded_by;
  absl::Time create_time;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_MODEL_H_
