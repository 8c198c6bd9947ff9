#ifndef LAWENFORCE_SERVICES_SUPERVISION_STORE_SUPERVISION_STORE_H_
#define LAWENFORCE_SERVICES_SUPERVISION_STORE_SUPERVISION_STORE_H_

// The port of supervision-service's store: what the use cases need, in
// domain types. store/sql_supervision_store.h implements it on
// common/store (SQLite or PostgreSQL).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/record_store.h"
#include "services/supervision/domain/complaint.h"
#include "services/supervision/domain/limits.h"

namespace lawenforce::supervision {

// The complainant's contacts as stored: AES-256-GCM ciphertexts (empty for
// none). The Complaint's own complainant.name and .phone are never stored.
struct SealedContacts {
  std::string name;
  std::string phone;
};

struct StoredComplaint {
  std::string id;  // complaint.id (for paging)
  Complaint complaint;
  SealedContacts sealed;
};

struct ComplaintFilter {
  std::string division_prefix;  // Divisions::SubtreePrefix of the scope
  std::string queue_division;   // exact; empty: any
  std::string agency_id;
  std::optional<ComplaintState> state;
  std::optional<Channel> channel;
  std::optional<Category> category;
  std::optional<bool> escalated;
  std::optional<bool> private_enterprise;
  std::optional<bool> overdue;
  absl::Time now;  // for `overdue`: a running clock past its due moment
};

// A change to a complaint: the complaint after it, the version it was read
// at, the audit row and the outbox event type ("complaint.acknowledged").
struct ComplaintWrite {
  Complaint after;
  int64_t expected_version = 0;
  store::AuditEntry audit;
  std::string event_type;
};

// Open complaints (not closed) of one responsible division in one state.
struct OpenCount {
  std::string division_code;
  ComplaintState state = ComplaintState::kReceived;
  bool late = false;  // a clock ran out and its act is not done
  int64_t count = 0;
};

// Thread-safe.
class ComplaintStore {
 public:
  virtual ~ComplaintStore() = default;

  // Stores a received complaint with its sealed contacts and schedules its
  // clocks, in one transaction with the idempotency key and audit row.
  // `ticket_hash` is a keyed digest of the submission (stored, compared
  // when the ticket comes again). ALREADY_EXISTS naming
  // "complaint.ticket_id" when (channel, ticket) is stored already.
  virtual absl::StatusOr<store::Created> Submit(const Complaint& c, const SealedContacts& sealed,
                                                const std::string& ticket_hash,
                                                const std::optional<store::IdempotencyKey>& key,
                                                const store::AuditEntry& audit) = 0;
  // NOT_FOUND "complaint not found".
  virtual absl::StatusOr<StoredComplaint> Get(const std::string& id) = 0;
  // The complaint of (channel, ticket) and its ticket hash; NOT_FOUND.
  virtual absl::StatusOr<std::pair<StoredComplaint, std::string>> FindByTicket(
      Channel channel, const std::string& ticket_id) = 0;
  // Writes the change if the complaint is still at expected_version
  // (ABORTED naming "etag" otherwise) and moves its clocks' deadlines.
  virtual absl::Status Update(const ComplaintWrite& w) = 0;
  virtual absl::StatusOr<std::vector<StoredComplaint>> List(const ComplaintFilter& filter,
                                                            const store::PageRequest& page) = 0;
  // Every complaint received in [from, to), for figures.
  virtual absl::StatusOr<std::vector<Complaint>> ReceivedBetween(absl::Time from,
                                                                 absl::Time to) = 0;

  // Open complaints by division, state and lateness (business gauges);
  // a running clock past its due moment at `now` counts as late.
  virtual absl::StatusOr<std::vector<OpenCount>> CountOpen(absl::Time now) = 0;

  // The limit overrides set so far (every version).
  virtual absl::StatusOr<std::vector<LimitRule>> ListLimitOverrides() = 0;
  // In one transaction: stores `rule` as the next version of its key and
  // applies it to every open complaint of its channel (and category) for
  // which `reschedule` returns a changed complaint (written, its deadlines
  // moved, the change audited). Returns the rule as stored (version and
  // rescheduled count set).
  using Reschedule = std::function<absl::StatusOr<std::optional<Complaint>>(
      const Complaint&, const std::vector<LimitRule>& overrides_after)>;
  virtual absl::StatusOr<LimitRule> SetLimit(LimitRule rule, const Reschedule& reschedule,
                                             const store::AuditEntry& audit) = 0;
};

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_STORE_SUPERVISION_STORE_H_
