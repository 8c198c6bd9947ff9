#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_CASE_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_CASE_H_

// A penalty case from filing to archive (DOMAIN.md "Cases"): the record
// case-service keeps, as plain C++. The states and what moves between them
// are case_machine.h; the clocks clocks.h; the full-process record
// record.h. An individual party's identity-card number never appears here
// in clear: the app layer encrypts it and keeps its blind index and the
// masked form (ProtectedIdNumber).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/case/domain/benchmark.h"
#include "services/case/domain/import_source.h"
#include "services/case/domain/item.h"

namespace lawenforce::cases {

enum class CaseState {
  kFiled = 1,              // 立案
  kInvestigating = 2,      // 调查取证
  kLegalReview = 3,        // 法制审核
  kNotified = 4,           // 告知
  kDecided = 5,            // 决定
  kPublished = 6,          // 公示
  kExecuted = 7,           // 执行
  kClosed = 8,             // 结案
  kTransferPending = 9,    // 涉嫌犯罪, awaiting the decision to transfer (Decree 310)
  kTransferApproved = 10,  // transfer approved, awaiting hand-over
  kTransferred = 11,       // handed over (terminal)
  kWithdrawn = 12,         // 撤销立案 (terminal)
};
inline constexpr int kCaseStateCount = 12;
const char* CaseStateName(CaseState s);  // "FILED"
bool IsTerminal(CaseState s);

enum class PartyKind { kIndividual = 1, kEnterprise = 2 };

// An identity-card number as stored: never the number itself.
struct ProtectedIdNumber {
  std::string ciphertext;   // hex of PiiProtector::Encrypt
  std::string blind_index;  // PiiProtector::BlindIndex
  std::string masked;       // "640104********123X"
};

struct Party {
  PartyKind kind = PartyKind::kIndividual;
  std::string name;             // 1..200
  std::string credit_code;      // enterprise: unified social credit code (public)
  ProtectedIdNumber id_number;  // individual
};

// What the agency proposes or decides (APL arts. 9, 33).
enum class Outcome {
  kPenalty = 1,
  kNoPenaltyFirstViolation = 2,  // 首违不罚 (art. 33 para. 1)
  kNoPenaltyMinor = 3,           // minor, promptly corrected, no harm (art. 33 para. 1)
  kNotEstablished = 4,           // the facts are not established (art. 57)
};

struct Decision {
  Outcome outcome = Outcome::kPenalty;
  Sanction sanction;              // empty kinds unless kPenalty
  std::string reason;             // the written reason, required outside the benchmark
  std::string outside_benchmark;  // why it is outside ("" when within)
  // The rules applied (APL art. 37), recorded at decision.
  int64_t item_version = 0;
  int64_t benchmark_version = 0;  // 0: no benchmark
  bool later_rule_lighter = false;
  std::string rules_explanation;
  bool publish = true;  // a decision with social impact is published
  absl::Time time;
};

enum class ReviewOutcome { kApproved = 1, kReturned = 2 };

struct LegalReview {
  std::string reviewer_officer_id;
  std::string reviewer_subject;  // token subject
  ReviewOutcome outcome = ReviewOutcome::kApproved;
  std::string opinion;
  absl::Time time;
  // The proposal the review covered: a decision must not be heavier.
  Decision proposal;
};

enum class TransferRecipient { kPolice = 1, kProcuratorate = 2, kDisciplineInspection = 3 };

struct Transfer {
  TransferRecipient recipient = TransferRecipient::kPolice;
  std::string recipient_name;  // the receiving body
  std::string reason;
  absl::Time reported_at;
  std::optional<absl::Time> approved_at;
  std::string approved_by;
  std::optional<absl::Time> handed_over_at;
  std::optional<absl::Time> receipt_at;
  std::string receipt_number;  // the receiving body's acknowledgement
};

// The random-inspection finding a case was filed from (inspection.h):
// the draw and the target's credit code.
struct InspectionRef {
  std::string draw_id;
  std::string credit_code;
};

struct Case {
  std::string id;
  std::string agency_id;
  std::string division_code;  // the agency's
  std::string item_id;
  std::string item_code;
  ItemKind kind = ItemKind::kPenalty;
  std::string domain;  // the item's: officers must hold it
  CaseState state = CaseState::kFiled;
  std::vector<Party> parties;
  std::string facts;          // 1..2000
  absl::Time violation_time;  // when the violation ended (APL art. 36)
  // The violation endangers life, health or financial safety: five years'
  // limitation instead of two (APL art. 36).
  bool endangers_safety = false;
  bool first_violation = false;          // the party's first (for art. 33)
  std::vector<std::string> officer_ids;  // the handling officers, at least two
  absl::Time filed_at;
  std::string filed_by;
  int64_t item_version_at_filing = 0;       // in force at the violation
  std::optional<InspectionRef> inspection;  // filed from a finding
  std::optional<ImportSource> source;       // imported (ImportCases)

  // Legal review: why it is required (empty: not required), the proposal
  // under review, and the latest outcome.
  std::vector<std::string> review_reasons;
  std::optional<Decision> proposal;
  std::optional<LegalReview> review;
  std::optional<absl::Time> notified_at;
  bool hearing_requested = false;
  std::optional<absl::Time> hearing_at;

  std::optional<Decision> decision;
  std::optional<absl::Time> served_at;
  std::optional<absl::Time> published_at;
  std::optional<absl::Time> publication_withdrawn_at;
  bool decision_changed = false;
  std::optional<absl::Time> executed_at;
  std::optional<Transfer> transfer;
  std::string end_reason;  // withdrawal or closing
  std::optional<absl::Time> closed_at;

  // A coercive measure in force (查封扣押, ACL art. 25).
  bool coercion_active = false;

  // Derived from the clocks (clocks.h): some clock is past due.
  bool overdue = false;
  // The full-process record's head (record.h).
  int64_t record_length = 0;
  std::string record_head;

  absl::Time update_time;
  int64_t version = 1;
};

// Whether any party is an enterprise (a list filter).
bool HasEnterpriseParty(const Case& c);

// Whether `officer_id` is a handling officer of `c`.
bool IsHandlingOfficer(const Case& c, const std::string& officer_id);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_CASE_H_
