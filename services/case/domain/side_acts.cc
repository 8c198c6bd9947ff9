#include "services/case/domain/side_acts.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/ids/id_generator.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::cases {
namespace {

using E = CaseEvent;

absl::Status RequireReason(const Act& act, int max_chars = 500) {
  return ValidateText("reason", act.reason, max_chars);
}

}  // namespace

absl::Status ValidateOfficerList(absl::string_view field, const std::vector<std::string>& ids) {
  if (ids.size() < 2) return InvalidField(field, "at least two handling officers (APL art. 42)");
  if (ids.size() > 20) return InvalidField(field, "at most 20 officers");
  std::set<std::string> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string f = absl::StrCat(field, "[", i, "]");
    LE_RETURN_IF_ERROR(ValidateId(f, ids[i]));
    if (!seen.insert(ids[i]).second) return InvalidField(f, "duplicate officer");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ApplySideAct(Case& c, CaseClocks& clocks, const Act& act,
                                         const StepContext& ctx) {
  const absl::Time now = act.now;
  switch (act.event) {
    case E::kReportCrime: {
      LE_RETURN_IF_ERROR(RequireReason(act, 2000));
      const int r = static_cast<int>(act.recipient);
      if (r < 1 || r > 3) {
        return InvalidField("recipient",
                            "required: POLICE, PROCURATORATE or DISCIPLINE_INSPECTION");
      }
      LE_RETURN_IF_ERROR(ValidateText("recipient_name", act.recipient_name, 200));
      Transfer t;
      t.recipient = act.recipient;
      t.recipient_name = act.recipient_name;
      t.reason = act.reason;
      t.reported_at = now;
      c.transfer = t;
      LE_RETURN_IF_ERROR(clocks.Start(c.id, c.division_code, ClockKind::kTransferDecision, now,
                                      "suspected crime reported"));
      return absl::StrCat("suspected crime reported for transfer to ", act.recipient_name, ": ",
                          act.reason);
    }
    case E::kApproveTransfer:
      c.transfer->approved_at = now;
      c.transfer->approved_by = act.actor;
      clocks.Meet(ClockKind::kTransferDecision, now);
      LE_RETURN_IF_ERROR(clocks.Start(c.id, c.division_code, ClockKind::kTransferHandover, now,
                                      "transfer approved"));
      return "transfer approved";
    case E::kDeclineTransfer:
      LE_RETURN_IF_ERROR(RequireReason(act));
      clocks.Meet(ClockKind::kTransferDecision, now);
      c.transfer.reset();
      return absl::StrCat("transfer declined: ", act.reason);
    case E::kHandOver:
      c.transfer->handed_over_at = now;
      clocks.Meet(ClockKind::kTransferHandover, now);
      clocks.StopAll(now);
      return absl::StrCat("case handed over to ", c.transfer->recipient_name);
    case E::kRecordReceipt:
      LE_RETURN_IF_ERROR(ValidateText("receipt_number", act.receipt_number, 64));
      c.transfer->receipt_at = now;
      c.transfer->receipt_number = act.receipt_number;
      return absl::StrCat("receipt of ", c.transfer->recipient_name,
                          " recorded: ", act.receipt_number);
    case E::kReplaceOfficers:
      LE_RETURN_IF_ERROR(ValidateOfficerList("officer_ids", act.new_officer_ids));
      LE_RETURN_IF_ERROR(RequireReason(act));
      {
        std::string summary =
            absl::StrCat("handling officers ", absl::StrJoin(c.officer_ids, ","), " -> ",
                         absl::StrJoin(act.new_officer_ids, ","), ": ", act.reason);
        c.officer_ids = act.new_officer_ids;
        return summary;
      }
    case E::kPauseClock: {
      LE_RETURN_IF_ERROR(RequireReason(act));
      const int reason = static_cast<int>(act.pause_reason);
      if (reason < 1 || reason > 3) {
        return InvalidField("pause_reason",
                            "required: HEARING, PUBLIC_NOTICE or TESTING_APPRAISAL");
      }
      LE_RETURN_IF_ERROR(clocks.Pause(act.clock, now, act.pause_reason, act.reason, act.actor));
      return absl::StrCat("clock ", RuleOf(act.clock, *ctx.policy).code, " paused (",
                          PauseReasonName(act.pause_reason), "): ", act.reason);
    }
    case E::kResumeClock:
      LE_RETURN_IF_ERROR(clocks.Resume(act.clock, now, act.reason, act.actor));
      return absl::StrCat("clock ", RuleOf(act.clock, *ctx.policy).code, " resumed");
    case E::kExtendClock:
      LE_RETURN_IF_ERROR(RequireReason(act));
      LE_RETURN_IF_ERROR(clocks.Extend(act.clock, now, act.extension, act.reason, act.actor));
      return absl::StrCat("clock ", RuleOf(act.clock, *ctx.policy).code, " extended by ",
                          act.extension, " (approved): ", act.reason);
    case E::kApplyCoercion:
      LE_RETURN_IF_ERROR(RequireReason(act));
      c.coercion_active = true;
      LE_RETURN_IF_ERROR(clocks.Start(c.id, c.division_code, ClockKind::kSeizure, now, "coercion"));
      if (act.emergency) {
        LE_RETURN_IF_ERROR(clocks.Start(c.id, c.division_code, ClockKind::kEmergencyCoercionReport,
                                        now, "on-the-spot coercion"));
      }
      return absl::StrCat(act.emergency ? "on-the-spot emergency " : "",
                          "seizure applied: ", act.reason);
    case E::kReportCoercion: {
      const StatutoryClock* report = clocks.Find(ClockKind::kEmergencyCoercionReport);
      if (report == nullptr || !IsOpen(*report)) {
        return absl::FailedPreconditionError("no on-the-spot coercion awaits its report");
      }
      clocks.Meet(ClockKind::kEmergencyCoercionReport, now);
      return "on-the-spot coercion reported to the agency head (ACL art. 19)";
    }
    case E::kReleaseCoercion:
      c.coercion_active = false;
      clocks.Meet(ClockKind::kSeizure, now);
      return absl::StrCat("seizure released", act.reason.empty() ? "" : ": ", act.reason);

    default:
      return absl::InternalError(absl::StrCat("no act for event ", CaseEventName(act.event)));
  }
}

}  // namespace lawenforce::cases
