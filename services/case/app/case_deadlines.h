#ifndef LAWENFORCE_SERVICES_CASE_APP_CASE_DEADLINES_H_
#define LAWENFORCE_SERVICES_CASE_APP_CASE_DEADLINES_H_

// Use cases on a case's statutory clocks: explain one (its start, rule
// and legal basis, every pause and extension, the due moment, which days
// were counted on a provisional calendar year), and re-derive every open
// clock that rests on a provisional year once the official rows are in
// the calendar (at start-up), recording each change. Thread-safe.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "services/case/app/case_deps.h"
#include "services/case/app/cases.h"

namespace lawenforce::cases {

struct DeadlineExplanation {
  std::string case_id;
  ClockRule rule;
  StatutoryClock clock;
  ClockComputation computation;
};

class CaseDeadlines {
 public:
  CaseDeadlines(const CaseDeps& deps, Cases* cases) : d_(deps), cases_(cases) {}

  // FAILED_PRECONDITION when the clock never started for the case;
  // INVALID_ARGUMENT naming "clock" for an unknown one.
  absl::StatusOr<DeadlineExplanation> Explain(const auth::Principal& who,
                                              const std::string& case_id, ClockKind clock);

  // Re-derives every open clock computed on a provisional year with the
  // calendar as loaded now; each changed due moment is a clock event and a
  // record entry (actor "system") with `reason`. Returns how many cases
  // changed. A case written meanwhile (another replica re-deriving it at its
  // own start, an act) is read again and re-derived from its new state.
  absl::StatusOr<int> RederiveProvisional(const std::string& reason);

 private:
  // One case; false when nothing changed.
  absl::StatusOr<bool> RederiveOne(const std::string& id, absl::Time now,
                                   const std::string& reason);

  const CaseDeps d_;
  Cases* cases_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_CASE_DEADLINES_H_
