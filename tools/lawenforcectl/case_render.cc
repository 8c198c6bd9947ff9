#include "tools/lawenforcectl/case_render.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "tools/lawenforcectl/render.h"
#include "tools/lawenforcectl/rpc_error.h"
#include "tools/lawenforcectl/text.h"

namespace lawenforce::ctl {
namespace {

namespace cv1 = ::lawenforce::cases::v1;

std::string Lower(std::string text) { return absl::AsciiStrToLower(text); }

std::string ClockName(cv1::ClockKind kind) {
  return EnumValueText(cv1::ClockKind_descriptor(), kind);
}

std::string PeriodText(int count, cv1::PeriodUnit unit) {
  const bool one = count == 1;
  std::string name;
  switch (unit) {
    case cv1::PERIOD_UNIT_CALENDAR_DAYS:
      name = one ? "calendar day" : "calendar days";
      break;
    case cv1::PERIOD_UNIT_WORKING_DAYS:
      name = one ? "working day" : "working days";
      break;
    case cv1::PERIOD_UNIT_HOURS:
      name = one ? "hour" : "hours";
      break;
    case cv1::PERIOD_UNIT_YEARS:
      name = one ? "year" : "years";
      break;
    default:
      name = Lower(EnumValueText(cv1::PeriodUnit_descriptor(), unit));
  }
  return absl::StrCat(count, " ", name);
}

// "label:" padded, then the value; one line.
void Line(std::string* out, absl::string_view label, absl::string_view value) {
  absl::StrAppend(out, PadRight(absl::StrCat(label, ":"), 14), value, "\n");
}

// An indented table; columns padded by display width, trailing blanks cut.
void Table(std::string* out, const std::vector<std::string>& headers,
           const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const std::string& h : headers) widths.push_back(DisplayWidth(h));
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  const auto print = [&](const std::vector<std::string>& cells) {
    std::string line = "  ";
    for (size_t c = 0; c < cells.size(); ++c) {
      absl::StrAppend(&line, c + 1 == cells.size() ? cells[c] : PadRight(cells[c], widths[c] + 2));
    }
    absl::StrAppend(out, absl::StripTrailingAsciiWhitespace(line), "\n");
  };
  print(headers);
  for (const auto& row : rows) print(row);
}

std::string EventText(const cv1::ClockEvent& e, cv1::PeriodUnit unit) {
  switch (e.kind()) {
    case cv1::CLOCK_EVENT_KIND_PAUSE:
      return absl::StrCat(
          "pause (", Lower(EnumValueText(cv1::PauseReason_descriptor(), e.pause_reason())), ")");
    case cv1::CLOCK_EVENT_KIND_RESUME:
      return "resume";
    case cv1::CLOCK_EVENT_KIND_EXTEND:
      return absl::StrCat("extend +", PeriodText(e.extension(), unit));
    case cv1::CLOCK_EVENT_KIND_RECALENDAR: {
      std::string text = "re-derived on the official calendar";
      if (e.has_old_due_time() && e.has_new_due_time()) {
        absl::StrAppend(&text, ": due ", TimestampText(e.old_due_time()), " -> ",
                        TimestampText(e.new_due_time()));
      }
      return text;
    }
    default:
      return Lower(EnumValueText(cv1::ClockEventKind_descriptor(), e.kind()));
  }
}

}  // namespace

std::string RenderDeadlineExplanation(const cv1::DeadlineExplanation& e) {
  std::string out;
  Line(&out, "case", Sanitize(e.case_id()));
  Line(&out, "clock",
       absl::StrCat(Lower(ClockName(e.clock())), e.name().empty() ? "" : ": ", Sanitize(e.name())));
  Line(&out, "legal basis", Sanitize(e.legal_basis()));
  std::string rule = PeriodText(e.period_count(), e.period_unit());
  if (!e.starts_at().empty()) absl::StrAppend(&rule, " from ", Sanitize(e.starts_at()));
  if (e.counts_back() && !absl::StrContains(e.starts_at(), "counted back")) {
    absl::StrAppend(&rule, ", counted back");
  }
  Line(&out, "rule", rule);
  if (e.has_start_time()) {
    Line(&out, "started",
         absl::StrCat(
             TimestampText(e.start_time()),
             e.start_event().empty() ? "" : absl::StrCat(" (", Sanitize(e.start_event()), ")")));
  }
  std::string state = EnumValueText(cv1::ClockState_descriptor(), e.state());
  if (e.state() == cv1::CLOCK_STATE_MET)
    absl::StrAppend(&state, e.on_time() ? " (on time)" : " (late)");
  Line(&out, "state", state);
  if (e.paused()) {
    Line(&out, "due", "none while paused (what is left resumes with the clock)");
  } else if (e.has_due_time()) {
    std::string due = absl::StrCat(TimestampText(e.due_time()), " (exclusive: in time before it");
    if (e.has_last_day()) absl::StrAppend(&due, "; last day ", DateText(e.last_day()));
    absl::StrAppend(&due, ")");
    Line(&out, "due", due);
  }
  if (e.has_end_time()) Line(&out, "ended", TimestampText(e.end_time()));
  if (!e.provisional()) {
    Line(&out, "provisional", "no");
  } else {
    Line(&out, "provisional",
         "yes: working days counted on a calendar derived from the statutory holiday rules "
         "(the year's official notice is not out yet); the due moment may move");
    std::vector<std::string> days;
    for (const auto& d : e.provisional_days()) days.push_back(DateText(d));
    if (!days.empty()) Line(&out, "  days", absl::StrJoin(days, ", "));
    std::vector<std::string> holidays;
    for (const std::string& h : e.provisional_holidays()) holidays.push_back(Sanitize(h));
    if (!holidays.empty()) Line(&out, "  holidays", absl::StrJoin(holidays, ", "));
  }

  if (e.events().empty()) {
    absl::StrAppend(&out, "pauses and extensions: none\n");
  } else {
    absl::StrAppend(&out, "pauses and extensions:\n");
    std::vector<std::vector<std::string>> rows;
    for (const cv1::ClockEvent& ev : e.events()) {
      rows.push_back({ev.has_time() ? TimestampText(ev.time()) : "", EventText(ev, e.period_unit()),
                      Sanitize(ev.actor()), Sanitize(ev.reason())});
    }
    Table(&out, {"TIME", "EVENT", "BY", "REASON"}, rows);
  }
  if (!e.steps().empty()) {
    absl::StrAppend(&out, "steps:\n");
    std::vector<std::vector<std::string>> rows;
    for (const cv1::ExplanationStep& s : e.steps()) {
      rows.push_back({s.has_time() ? TimestampText(s.time()) : "", Sanitize(s.what()),
                      s.has_due_time() ? TimestampText(s.due_time()) : "(paused)",
                      Sanitize(s.detail())});
    }
    Table(&out, {"TIME", "STEP", "DUE AFTER", "DETAIL"}, rows);
  }
  return out;
}

int RecordVerificationVerdict(const cv1::RecordVerification& v, std::ostream& err) {
  if (v.intact()) return kExitOk;
  err << "error: record not intact";
  if (v.first_bad_sequence() > 0) err << ": first bad entry " << v.first_bad_sequence();
  if (!v.problem().empty()) err << ": " << Sanitize(v.problem());
  err << "\n";
  return kExitRpcError;
}

}  // namespace lawenforce::ctl
