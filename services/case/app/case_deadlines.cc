#include "services/case/app/case_deadlines.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/errors.h"
#include "common/status/macros.h"

namespace lawenforce::cases {

absl::StatusOr<DeadlineExplanation> CaseDeadlines::Explain(const auth::Principal& who,
                                                           const std::string& case_id,
                                                           ClockKind kind) {
  LE_ASSIGN_OR_RETURN(CaseBundle b, cases_->Get(who, case_id));
  const ClockRule rule = RuleOf(kind, *d_.policy);
  for (const StatutoryClock& c : b.clocks) {
    if (c.kind != kind) continue;
    LE_ASSIGN_OR_RETURN(ClockComputation computed,
                        ComputeClock(*d_.calendar, rule, c.period, c.start, c.events));
    return DeadlineExplanation{case_id, rule, c, std::move(computed)};
  }
  return absl::FailedPreconditionError(
      absl::StrCat("clock ", rule.code, " has not started for this case"));
}

absl::StatusOr<int> CaseDeadlines::RederiveProvisional(const std::string& reason) {
  LE_ASSIGN_OR_RETURN(std::vector<std::string> ids, d_.store->ListCasesWithProvisionalClocks());
  int changed = 0;
  const absl::Time now = d_.clock->Now();
  for (const std::string& id : ids) {
    // Another replica starting at the same moment, or an act on the case,
    // may write it between our read and our write (ABORTED): read it again
    // and re-derive from what is there now (nothing, if the other replica
    // already did it).
    constexpr int kAttempts = 5;
    absl::StatusOr<bool> one = false;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
      one = RederiveOne(id, now, reason);
      if (!absl::IsAborted(one.status())) break;
      log::Info("case_clocks_rederive_retry",
                {{"case_id", id}, {"attempt", absl::StrCat(attempt)}});
    }
    LE_RETURN_IF_ERROR(one.status());
    if (*one) ++changed;
  }
  return changed;
}

absl::StatusOr<bool> CaseDeadlines::RederiveOne(const std::string& id, absl::Time now,
                                                const std::string& reason) {
  LE_ASSIGN_OR_RETURN(CaseBundle b, d_.store->GetCase(id));
  CaseClocks clocks(b.clocks, *d_.calendar, *d_.policy);
  LE_RETURN_IF_ERROR(clocks.Recalendar(now, reason));
  std::vector<StatutoryClock> after = clocks.Changed();
  if (after.empty()) return false;
  std::string summary;
  for (const StatutoryClock& c : after) {
    const ClockEvent* last = c.events.empty() ? nullptr : &c.events.back();
    if (last != nullptr && last->kind == ClockEventKind::kRecalendar && last->time == now) {
      absl::StrAppend(&summary, summary.empty() ? "" : "; ", "clock ", RuleOf(c.kind).code, " due ",
                      absl::FormatTime(absl::RFC3339_sec, last->old_due, ChinaTimeZone()), " -> ",
                      absl::FormatTime(absl::RFC3339_sec, last->new_due, ChinaTimeZone()));
    }
  }
  Case c = b.c;
  c.version = b.c.version + 1;
  c.update_time = now;
  c.overdue = clocks.AnyOverdue(now);
  RecordEntry entry;
  entry.time = now;
  entry.actor = "system";
  entry.action = "rederive_clocks";
  entry.summary =
      absl::StrCat(summary.empty() ? "provisional clocks confirmed" : summary, ": ", reason);
  CaseWrite w{c,
              b.c.version,
              after,
              entry,
              {},
              "case.rederive_clocks",
              store::AuditEntry{"system", "case.rederive_clocks", id, reason, now},
              std::nullopt,
              std::nullopt};
  LE_RETURN_IF_ERROR(d_.store->ApplyAct(w));
  log::Info("case_clocks_rederived", {{"case_id", id}, {"clocks", absl::StrCat(after.size())}});
  return true;
}

}  // namespace lawenforce::cases
