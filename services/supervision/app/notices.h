#ifndef LAWENFORCE_SERVICES_SUPERVISION_APP_NOTICES_H_
#define LAWENFORCE_SERVICES_SUPERVISION_APP_NOTICES_H_

// Use cases of problem lists, circulars and annual supervision plans
// (docs/api/supervision.md "Notices and plans").

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "services/supervision/app/complaints.h"
#include "services/supervision/domain/notices.h"
#include "services/supervision/store/supervision_store.h"

namespace lawenforce::supervision {

struct PlanStatusReport {
  std::string division_code;
  int year = 0;
  absl::Time due;
  std::vector<PlanStatusEntry> entries;
  int overdue = 0;
};

class Notices {
 public:
  // `store` is the notice port, `reviews` and deps.store the ports its
  // items' references are checked in; the rest as for Complaints.
  Notices(const SupervisionDeps& deps, NoticeStore* store, ReviewStore* reviews)
      : d_(deps), store_(store), reviews_(reviews), complaints_(deps.store) {}

  absl::StatusOr<Notice> Publish(const auth::Principal& who, Notice draft,
                                 const app::CreateOptions& options);
  absl::StatusOr<Notice> Get(const auth::Principal& who, const std::string& id);
  absl::StatusOr<app::Page<Notice>> List(const auth::Principal& who, int kind,
                                         const std::string& agency_id, int year,
                                         const app::PageQuery& page);

  absl::StatusOr<SupervisionPlan> RecordPlan(const auth::Principal& who,
                                             const std::string& division_code, int year,
                                             const std::string& content, const std::string& etag);
  absl::StatusOr<SupervisionPlan> GetPlan(const auth::Principal& who,
                                          const std::string& division_code, int year);
  absl::StatusOr<PlanStatusReport> PlanStatus(const auth::Principal& who,
                                              const std::string& division_code, int year);

 private:
  SupervisionDeps d_;
  NoticeStore* store_;
  ReviewStore* reviews_;
  ComplaintStore* complaints_;
};

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_APP_NOTICES_H_
