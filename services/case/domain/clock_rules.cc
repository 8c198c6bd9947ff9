#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/case/domain/clocks.h"

namespace lawenforce::cases {
namespace {

using calendar::PeriodUnit;
using calendar::StatutoryPeriod;

struct RuleText {
  ClockKind kind;
  const char* code;
  const char* name;
  StatutoryPeriod period;
  const char* starts_at;
  const char* basis;
  bool counts_back;
  bool party_window;
  int max_extensions;
  int extension_cap;
};

constexpr RuleText kRules[] = {
    {ClockKind::kDecision,
     "decision",
     "decision after filing",
     {90, PeriodUnit::kCalendarDays},
     "filing",
     "APL art. 60 (extension with the agency head's approval)",
     false,
     false,
     -1,
     0},
    {ClockKind::kHearingRequest,
     "hearing_request",
     "hearing request by the party",
     {5, PeriodUnit::kWorkingDays},
     "notice served",
     "APL art. 64",
     false,
     true,
     0,
     0},
    {ClockKind::kHearingNotice,
     "hearing_notice",
     "hearing notice to the party",
     {7, PeriodUnit::kWorkingDays},
     "the hearing (counted back)",
     "APL art. 64",
     true,
     false,
     0,
     0},
    {ClockKind::kServiceAbsent,
     "service",
     "service of the decision when the party is absent",
     {7, PeriodUnit::kWorkingDays},
     "decision",
     "APL art. 61",
     false,
     false,
     0,
     0},
    {ClockKind::kPublicity,
     "publicity",
     "publicity of the decision",
     {7, PeriodUnit::kWorkingDays},
     "decision",
     "State Council General Office 〔2018〕118",
     false,
     false,
     0,
     0},
    {ClockKind::kPublicityWithdrawal,
     "publicity_withdrawal",
     "withdrawal of a changed or revoked published decision",
     {3, PeriodUnit::kWorkingDays},
     "change of the decision",
     "APL art. 48",
     false,
     false,
     0,
     0},
    {ClockKind::kPayment,
     "payment",
     "payment of the fine",
     {15, PeriodUnit::kCalendarDays},
     "service",
     "APL art. 67 (late surcharge 3% a day, capped at the fine: art. 72)",
     false,
     true,
     0,
     0},
    {ClockKind::kSeizure,
     "seizure",
     "seizure or detention (查封扣押)",
     {30, PeriodUnit::kCalendarDays},
     "coercion",
     "ACL art. 25 (extendable once by 30 days)",
     false,
     false,
     1,
     30},
    {ClockKind::kEmergencyCoercionReport,
     "emergency_coercion_report",
     "report of an on-the-spot emergency coercion",
     {24, PeriodUnit::kHours},
     "the act",
     "ACL art. 19",
     false,
     false,
     0,
     0},
    {ClockKind::kTransferDecision,
     "transfer_decision",
     "decision to transfer a suspected crime",
     {3, PeriodUnit::kCalendarDays},
     "report",
     "State Council Decree 310 art. 5",
     false,
     false,
     0,
     0},
    {ClockKind::kTransferHandover,
     "transfer_handover",
     "handing over after transfer approved",
     {24, PeriodUnit::kHours},
     "approval",
     "State Council Decree 310 art. 6",
     false,
     false,
     0,
     0},
    {ClockKind::kLimitation,
     "limitation",
     "limitation for penalising",
     {2, PeriodUnit::kYears},
     "end of the violation",
     "APL art. 36 (5 years when life, health or financial safety is endangered)",
     false,
     false,
     0,
     0},
};

const RuleText& TextOf(ClockKind kind) {
  for (const RuleText& r : kRules) {
    if (r.kind == kind) return r;
  }
  return kRules[0];
}

}  // namespace

ClockPolicy ClockPolicy::Default() {
  ClockPolicy p;
  for (const RuleText& r : kRules) p.periods[static_cast<int>(r.kind)] = r.period;
  return p;
}

absl::StatusOr<ClockPolicy> ParseClockPolicy(absl::string_view spec) {
  ClockPolicy policy = ClockPolicy::Default();
  for (absl::string_view entry : absl::StrSplit(spec, ',', absl::SkipWhitespace())) {
    entry = absl::StripAsciiWhitespace(entry);
    std::vector<absl::string_view> kv = absl::StrSplit(entry, absl::MaxSplits('=', 1));
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("clock period '", entry, "': ", why));
    };
    if (kv.size() != 2) return bad("expected <clock>=<count><unit>");
    absl::string_view value = kv[1];
    PeriodUnit unit;
    if (absl::ConsumeSuffix(&value, "wd")) {
      unit = PeriodUnit::kWorkingDays;
    } else if (absl::ConsumeSuffix(&value, "d")) {
      unit = PeriodUnit::kCalendarDays;
    } else if (absl::ConsumeSuffix(&value, "h")) {
      unit = PeriodUnit::kHours;
    } else if (absl::ConsumeSuffix(&value, "y")) {
      unit = PeriodUnit::kYears;
    } else {
      return bad("the unit must be d, wd, h or y");
    }
    int count = 0;
    if (!absl::SimpleAtoi(value, &count) || count <= 0 || count > 3650) {
      return bad("the count must be 1..3650");
    }
    if (kv[0] == "limitation_safety") {
      policy.limitation_safety = {count, unit};
      continue;
    }
    std::optional<ClockKind> kind = ClockKindFromCode(kv[0]);
    if (!kind.has_value()) return bad("unknown clock");
    policy.periods[static_cast<int>(*kind)] = {count, unit};
  }
  return policy;
}

ClockRule RuleOf(ClockKind kind, const ClockPolicy& policy) {
  const RuleText& t = TextOf(kind);
  return ClockRule{
      t.kind,           t.code,         t.name,        policy.periods[static_cast<int>(kind)],
      t.starts_at,      t.basis,        t.counts_back, t.party_window,
      t.max_extensions, t.extension_cap};
}

bool IsClockKind(int value) { return value >= 1 && value <= kClockKindCount; }

std::optional<ClockKind> ClockKindFromCode(absl::string_view code) {
  for (const RuleText& r : kRules) {
    if (code == r.code) return r.kind;
  }
  return std::nullopt;
}

const char* ClockStateName(ClockState s) {
  switch (s) {
    case ClockState::kRunning:
      return "RUNNING";
    case ClockState::kPaused:
      return "PAUSED";
    case ClockState::kMet:
      return "MET";
    case ClockState::kOverdue:
      return "OVERDUE";
    case ClockState::kLapsed:
      return "LAPSED";
    case ClockState::kStopped:
      return "STOPPED";
  }
  return "UNKNOWN";
}

const char* PauseReasonName(PauseReason r) {
  switch (r) {
    case PauseReason::kHearing:
      return "hearing";
    case PauseReason::kPublicNotice:
      return "public notice";
    case PauseReason::kTestingAppraisal:
      return "testing and appraisal";
  }
  return "unknown";
}

}  // namespace lawenforce::cases
