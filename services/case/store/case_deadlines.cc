#include "services/case/store/case_deadlines.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "common/log/log.h"
#include "common/status/macros.h"
#include "prometheus/counter.h"
#include "services/case/domain/case_steps.h"
#include "services/case/store/case_rows.h"
#include "services/case/store/schema.h"

namespace lawenforce::cases {

void RegisterCaseClockDeadlines(deadlines::DeadlineEngine& engine, store::ChangeObserver* changes,
                                IdGenerator* ids, const calendar::WorkingCalendar* calendar,
                                const ClockPolicy* policy, prometheus::Registry* registry) {
  prometheus::Family<prometheus::Counter>* fired = nullptr;
  if (registry != nullptr) {
    fired =
        &prometheus::BuildCounter()
             .Name("lawenforce_case_clock_deadlines_fired_total")
             .Help("Case clock deadlines that passed unmet: the clock became overdue or lapsed.")
             .Register(*registry);
  }
  engine.RegisterHandler(
      kCaseClockDeadline,
      [=](store::Transaction& tx, const deadlines::Deadline& d) -> absl::Status {
        std::vector<std::string> parts = absl::StrSplit(d.subject, '/');
        std::optional<ClockKind> kind =
            parts.size() == 2 ? ClockKindFromCode(parts[1]) : std::nullopt;
        if (!kind.has_value()) {
          log::Warn("case_clock_deadline_malformed", {{"subject", d.subject}});
          return absl::OkStatus();
        }
        absl::StatusOr<CaseBundle> b = sql::ReadBundle(tx, parts[0]);
        if (b.status().code() == absl::StatusCode::kNotFound) {
          log::Warn("case_clock_deadline_orphan", {{"case_id", parts[0]}});
          return absl::OkStatus();
        }
        LE_RETURN_IF_ERROR(b.status());
        const StepContext ctx{calendar, policy, nullptr, nullptr};
        std::optional<StepResult> r = FireClock(b->c, b->clocks, *kind, d.due_at, ctx);
        if (!r.has_value()) return absl::OkStatus();  // met, moved or stopped meanwhile
        store::Change change(tx, *ids, changes);
        CaseWrite w{r->after,
                    b->c.version,
                    r->changed_clocks,
                    r->entry,
                    {},
                    r->event_type,
                    store::AuditEntry{"system", r->event_type, b->c.id, r->entry.summary, d.due_at},
                    std::nullopt,
                    std::nullopt};
        LE_RETURN_IF_ERROR(sql::WriteCase(change, w, /*deadlines=*/nullptr).status());
        log::Info("case_clock_overdue", {{"case_id", b->c.id}, {"clock", parts[1]}});
        if (fired != nullptr) fired->Add({{"clock", parts[1]}}).Increment();
        return absl::OkStatus();
      });
}

}  // namespace lawenforce::cases
