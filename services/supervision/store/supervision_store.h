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
#include "services/supervision/domain/notices.h"
#include "services/supervision/domain/review.h"

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

struct RectificationFilter {
  std::string division_prefix;
  std::string queue_division;
  std::string agency_id;
  std::optional<RectificationState> state;
  std::optional<bool> overdue;
};

// Thread-safe.
class ReviewStore {
 public:
  virtual ~ReviewStore() = default;

  // The rubric versions published by RPC (version 2 on; version 1 is built
  // in and never stored), in version order.
  virtual absl::StatusOr<std::vector<Rubric>> ListRubrics() = 0;
  // Stores `r` as the next version (at least 2), its outbox event under
  // `division_code` (the region's: a rubric is region-wide); returns it.
  virtual absl::StatusOr<Rubric> PublishRubric(Rubric r, const std::string& division_code,
                                               const store::AuditEntry& audit) = 0;

  virtual absl::StatusOr<store::Created> CreateCampaign(
      const Campaign& c, const std::optional<store::IdempotencyKey>& key,
      const store::AuditEntry& audit) = 0;
  // NOT_FOUND "review campaign not found".
  virtual absl::StatusOr<Campaign> GetCampaign(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<Campaign>> ListCampaigns(const std::string& division_prefix,
                                                              const store::PageRequest& page) = 0;
  // Writes the scored campaign (ABORTED naming "etag" when it moved on)
  // and opens `opened` (their deadlines scheduled), in one transaction.
  virtual absl::Status ScoreCampaign(const Campaign& after, int64_t expected_version,
                                     const std::vector<Rectification>& opened,
                                     const store::AuditEntry& audit) = 0;
  // Campaigns created in [from, to), for figures.
  virtual absl::StatusOr<std::vector<Campaign>> CampaignsCreatedBetween(absl::Time from,
                                                                        absl::Time to) = 0;

  // NOT_FOUND "rectification not found".
  virtual absl::StatusOr<Rectification> GetRectification(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<Rectification>> ListRectifications(
      const RectificationFilter& filter, const store::PageRequest& page) = 0;
  virtual absl::Status UpdateRectification(const Rectification& after, int64_t expected_version,
                                           const store::AuditEntry& audit) = 0;
  virtual absl::StatusOr<std::vector<Rectification>> RectificationsOpenedBetween(absl::Time from,
                                                                                 absl::Time to) = 0;
  // Open rectifications by division and whether their deadline ran out
  // (business gauges).
  struct OpenRectifications {
    std::string division_code;
    bool overdue = false;
    int64_t count = 0;
  };
  virtual absl::StatusOr<std::vector<OpenRectifications>> CountOpenRectifications() = 0;
};

// Thread-safe.
class NoticeStore {
 public:
  virtual ~NoticeStore() = default;

  // Stores `n`; a problem list gets the next number of its (agency, year)
  // in the same transaction (ABORTED when another was published at once).
  // Returns the notice as stored.
  virtual absl::StatusOr<Notice> PublishNotice(Notice n,
                                               const std::optional<store::IdempotencyKey>& key,
                                               const store::AuditEntry& audit) = 0;
  // NOT_FOUND "notice not found".
  virtual absl::StatusOr<Notice> GetNotice(const std::string& id) = 0;
  // Notices published by one of `divisions` exactly or inside the subtree
  // of `prefix`, with the optional filters (kind 0, agency "", year 0: any).
  virtual absl::StatusOr<std::vector<Notice>> ListNotices(const std::vector<std::string>& divisions,
                                                          const std::string& prefix, int kind,
                                                          const std::string& agency_id, int year,
                                                          const store::PageRequest& page) = 0;

  // NOT_FOUND "supervision plan not found".
  virtual absl::StatusOr<SupervisionPlan> GetPlan(const std::string& division_code, int year) = 0;
  // Inserts (expected_version 0: ALREADY_EXISTS naming "etag" when one is
  // there) or revises (ABORTED naming "etag" when it moved on) the plan.
  virtual absl::Status PutPlan(const SupervisionPlan& p, int64_t expected_version,
                               const store::AuditEntry& audit) = 0;
  // Every plan of `year`.
  virtual absl::StatusOr<std::vector<SupervisionPlan>> PlansOf(int year) = 0;
};

// The ports, as one SQL store implements them.
class SupervisionStore : public ComplaintStore, public ReviewStore, public NoticeStore {};

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_STORE_SUPERVISION_STORE_H_
