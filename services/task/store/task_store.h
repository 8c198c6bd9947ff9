#ifndef LAWENFORCE_SERVICES_TASK_STORE_TASK_STORE_H_
#define LAWENFORCE_SERVICES_TASK_STORE_TASK_STORE_H_

// The port of task-service's store: assignments, in domain types.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/record_store.h"
#include "services/task/domain/assignment.h"
#include "services/task/domain/report.h"

namespace lawenforce::tasks {

struct AssignmentFilter {
  std::string division_prefix;
  std::string plan_id;
  int task_number = 0;
  std::optional<AssignmentState> state;
};

// Thread-safe.
class AssignmentStore {
 public:
  virtual ~AssignmentStore() = default;
  // Stores the assignments of one AssignTask call in one transaction with
  // its idempotency key (keyed on the first id) and audit row, and arms
  // their due deadlines. Returns the ids (the earlier call's on a replay).
  virtual absl::StatusOr<std::vector<std::string>> CreateAll(
      const std::vector<Assignment>& assignments, bool yearly,
      const std::optional<store::IdempotencyKey>& key, const store::AuditEntry& audit) = 0;
  // NOT_FOUND "assignment not found".
  virtual absl::StatusOr<Assignment> Get(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<Assignment>> List(const AssignmentFilter& f,
                                                       const store::PageRequest& page) = 0;
  // Every assignment of `plan_id` (for progress).
  virtual absl::StatusOr<std::vector<Assignment>> AllOf(const std::string& plan_id) = 0;
  // Assignments by division and state (business gauges).
  struct StateCount {
    std::string division_code;
    AssignmentState state = AssignmentState::kNotStarted;
    int64_t count = 0;
  };
  virtual absl::StatusOr<std::vector<StateCount>> CountByState() = 0;
  // ABORTED naming "etag" when it moved on; moves the deadline.
  virtual absl::Status Update(const Assignment& after, int64_t expected_version, bool yearly,
                              const store::AuditEntry& audit) = 0;
};

struct ReportFilter {
  // Exactly one: a division's reports (agency_id empty) or an agency's.
  std::string division_code;
  std::string agency_id;
  int year = 0;  // 0: every year
  bool published_only = false;
};

// The first publication of a division's report of a year.
struct FirstPublication {
  std::string report_id;
  absl::Time time;
};

// Annual reports: immutable snapshots, one version per generation. Thread-safe.
class ReportStore {
 public:
  virtual ~ReportStore() = default;
  // Stores `r` (id set, state DRAFT) as the next version of its scope and
  // year, in one transaction with its idempotency key, audit row and outbox
  // event. Returns the stored report (the earlier call's on a replay).
  virtual absl::StatusOr<AnnualReport> AddReport(AnnualReport r,
                                                 const std::optional<store::IdempotencyKey>& key,
                                                 const store::AuditEntry& audit) = 0;
  // NOT_FOUND "annual report not found".
  virtual absl::StatusOr<AnnualReport> GetReport(const std::string& id) = 0;
  // Newest year first, then newest version.
  virtual absl::StatusOr<std::vector<AnnualReport>> ListReports(const ReportFilter& f) = 0;
  // Marks the report published by `by` at `at` (its figures untouched).
  // FAILED_PRECONDITION "annual report ... is published already".
  virtual absl::StatusOr<AnnualReport> PublishReport(const std::string& id, const std::string& by,
                                                     absl::Time at,
                                                     const store::AuditEntry& audit) = 0;
  // The first publication of each division's own report (not an agency's)
  // of `year` among the divisions of the subtree `division_prefix`.
  virtual absl::StatusOr<std::map<std::string, FirstPublication>> FirstPublications(
      const std::string& division_prefix, int year) = 0;
};

// The whole port, as one object implements it.
class TaskStores : public AssignmentStore, public ReportStore {};

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_STORE_TASK_STORE_H_
