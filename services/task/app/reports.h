#ifndef LAWENFORCE_SERVICES_TASK_APP_REPORTS_H_
#define LAWENFORCE_SERVICES_TASK_APP_REPORTS_H_

// Use cases of the annual enforcement report (task 30, docs/api/tasks.md
// "Annual report"): generate a version from the other services' figures and
// the plans' progress, read, list, publish, and whether each division's
// report was published by 15 January. Role first, then input, then
// jurisdiction, then the act.
//
// Who may read: a published report, every caller (it is public); a draft,
// callers whose jurisdiction holds its division, and for an agency's
// report, of agency-bound callers only that agency's.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "common/auth/authorize.h"
#include "common/crypto/pii.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/time/clock.h"
#include "services/task/app/figure_sources.h"
#include "services/task/domain/report.h"
#include "services/task/store/task_store.h"

namespace lawenforce::tasks {

struct ReportsDeps {
  const std::vector<Plan>* plans = nullptr;
  AssignmentStore* assignments = nullptr;
  ReportStore* reports = nullptr;
  FigureSources* sources = nullptr;
  const auth::Authorizer* authorizer = nullptr;
  const crypto::PiiProtector* keys = nullptr;
  IdGenerator* ids = nullptr;
  const lawenforce::Clock* clock = nullptr;
  const Divisions* divisions = nullptr;
};

struct DivisionDueStatus {
  const Division* division = nullptr;
  ReportDueState state = ReportDueState::kPending;
  std::optional<FirstPublication> first;
};

struct ReportStatusView {
  std::string division_code;
  int year = 0;
  std::vector<DivisionDueStatus> divisions;
};

class Reports {
 public:
  explicit Reports(const ReportsDeps& deps) : d_(deps) {}

  absl::StatusOr<AnnualReport> Generate(const auth::Principal& who, const ReportScope& scope,
                                        int year, const app::CreateOptions& options);
  absl::StatusOr<AnnualReport> Get(const auth::Principal& who, const std::string& id);
  absl::StatusOr<std::vector<AnnualReport>> List(const auth::Principal& who,
                                                 const ReportScope& scope, int year,
                                                 bool published_only);
  absl::StatusOr<AnnualReport> Publish(const auth::Principal& who, const std::string& id);
  absl::StatusOr<ReportStatusView> Status(const auth::Principal& who,
                                          const std::string& division_code, int year);

  // The figures a division's or an agency's report of `year` would carry
  // now, without storing them (also what Generate stores).
  absl::StatusOr<ReportFigures> Gather(const ReportScope& scope, int year, absl::Time as_of);

 private:
  // The scope checked and resolved: its division, name and tier.
  struct ResolvedScope {
    ReportScope scope;
    std::string name;
    Tier tier = Tier::kRegion;
  };
  absl::StatusOr<ResolvedScope> Resolve(const auth::Principal& who, const ReportScope& scope,
                                        absl::string_view action);
  absl::Status ValidateYear(int year) const;
  // May `who` see or act on reports of `r`'s scope (drafts included)?
  absl::Status RequireScope(const auth::Principal& who, const AnnualReport& r,
                            absl::string_view action) const;

  ReportsDeps d_;
};

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_APP_REPORTS_H_
