#include "services/supervision/domain/review.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/validation/validate.h"

namespace lawenforce::supervision {
namespace {

bool IsCode(absl::string_view code) {
  if (code.size() < 2 || code.size() > 32 || !absl::ascii_islower(code[0])) return false;
  return std::all_of(code.begin(), code.end(), [](char ch) {
    return absl::ascii_islower(ch) || absl::ascii_isdigit(ch) || ch == '_';
  });
}

// A rectification's events carry no complaint state (the default).
void AddEvent(Rectification& r, absl::string_view type, const ActContext& ctx, std::string detail,
              absl::Time at) {
  AppendEvent(r.history, type, ctx, std::move(detail), at, ComplaintState::kReceived,
              r.division_code);
}

}  // namespace

Rubric BuiltInRubric() {
  Rubric r;
  r.version = 1;
  r.created_by = "built-in";
  r.dimensions = {{"procedure", "程序合法", 25},
                  {"evidence", "证据确凿", 20},
                  {"application_of_law", "适用法律正确", 20},
                  {"discretion", "裁量适当", 15},
                  {"documents", "文书规范", 10},
                  {"publicity", "公示公开", 10}};
  return r;
}

absl::Status ValidateRubric(const std::vector<RubricDimension>& dimensions) {
  if (dimensions.size() < 2 || dimensions.size() > 20) {
    return InvalidField("dimensions", "a rubric has 2..20 dimensions");
  }
  std::set<std::string> seen;
  int sum = 0;
  for (size_t i = 0; i < dimensions.size(); ++i) {
    const RubricDimension& d = dimensions[i];
    const std::string at = absl::StrCat("dimensions[", i, "]");
    if (!IsCode(d.code))
      return InvalidField(absl::StrCat(at, ".code"), "must match [a-z][a-z0-9_]{1,31}");
    if (!seen.insert(d.code).second) return InvalidField(absl::StrCat(at, ".code"), "repeated");
    if (absl::Status s = ValidateText(absl::StrCat(at, ".name"), d.name, 64); !s.ok()) return s;
    if (d.max_points < 1 || d.max_points > 100) {
      return InvalidField(absl::StrCat(at, ".max_points"), "must be 1..100");
    }
    sum += d.max_points;
  }
  if (sum != 100)
    return InvalidField("dimensions", absl::StrCat("points sum to ", sum, ", not 100"));
  return absl::OkStatus();
}

std::vector<CaseRef> DrawSample(const std::string& seed, std::vector<CaseRef> candidates, int n) {
  std::vector<std::string> ids;
  ids.reserve(candidates.size());
  for (const CaseRef& c : candidates) ids.push_back(c.id);
  std::vector<CaseRef> out;
  for (size_t i : draw::FirstByKey(seed, ids, n)) out.push_back(std::move(candidates[i]));
  return out;
}

std::string CandidatesDigest(const std::vector<CaseRef>& candidates) {
  std::vector<std::string> ids;
  ids.reserve(candidates.size());
  for (const CaseRef& c : candidates) ids.push_back(c.id);
  return draw::CandidatesDigest(std::move(ids));
}

int Campaign::scored() const {
  return static_cast<int>(
      std::count_if(cases.begin(), cases.end(), [](const ReviewedCase& c) { return c.scored; }));
}

double Campaign::average_total() const {
  int n = 0;
  int sum = 0;
  for (const ReviewedCase& c : cases) {
    if (!c.scored) continue;
    ++n;
    sum += c.total;
  }
  return n == 0 ? 0.0 : static_cast<double>(sum) / n;
}

absl::Status ValidateCampaign(const Campaign& c) {
  if (absl::Status s = ValidateText("title", c.title, 200); !s.ok()) return s;
  if (c.sample_size < 1 || c.sample_size > 200)
    return InvalidField("sample_size", "must be 1..200");
  if (c.decided_to < c.decided_from) return InvalidField("decided_to", "is before decided_from");
  return absl::OkStatus();
}

absl::StatusOr<Campaign> ScoreCase(Campaign c, const Rubric& rubric, const std::string& case_id,
                                   const std::vector<std::pair<std::string, int>>& scores,
                                   const std::vector<FindingDraft>& findings,
                                   const std::vector<std::string>& finding_ids,
                                   const ActContext& ctx) {
  std::vector<std::pair<std::string, int>> ordered;
  int total = 0;
  for (const RubricDimension& d : rubric.dimensions) {
    const auto found = std::find_if(scores.begin(), scores.end(),
                                    [&](const auto& s) { return s.first == d.code; });
    if (found == scores.end()) {
      return InvalidField("scores", absl::StrCat("no score for dimension ", d.code));
    }
    if (found->second < 0 || found->second > d.max_points) {
      return InvalidField("scores", absl::StrCat(d.code, ": 0..", d.max_points, " points"));
    }
    ordered.emplace_back(d.code, found->second);
    total += found->second;
  }
  if (scores.size() != ordered.size()) {
    return InvalidField("scores", "one score per dimension of the rubric, no others");
  }
  if (findings.size() > 20) return InvalidField("findings", "at most 20");
  std::vector<Finding> recorded;
  for (size_t i = 0; i < findings.size(); ++i) {
    const FindingDraft& f = findings[i];
    const std::string at = absl::StrCat("findings[", i, "]");
    const bool known = std::any_of(rubric.dimensions.begin(), rubric.dimensions.end(),
                                   [&](const RubricDimension& d) { return d.code == f.dimension; });
    if (!known)
      return InvalidField(absl::StrCat(at, ".dimension"), "not a dimension of the rubric");
    if (absl::Status s = ValidateMultilineText(absl::StrCat(at, ".text"), f.text, 2000); !s.ok())
      return s;
    if (f.rectify_within.has_value()) {
      if (absl::Status s =
              ValidateLimitPeriod(absl::StrCat(at, ".rectify_within"), *f.rectify_within);
          !s.ok()) {
        return s;
      }
    }
    recorded.push_back(Finding{finding_ids.at(i), f.dimension, f.text, ""});
  }
  auto it = std::find_if(c.cases.begin(), c.cases.end(),
                         [&](const ReviewedCase& r) { return r.ref.id == case_id; });
  if (it == c.cases.end()) return absl::NotFoundError("case_id: not in the campaign's sample");
  if (it->scored) {
    return absl::FailedPreconditionError("the case was scored already in this campaign");
  }
  it->scored = true;
  it->scores = std::move(ordered);
  it->total = total;
  it->findings = std::move(recorded);
  it->scored_by = ctx.actor;
  it->score_time = ctx.now;
  return c;
}

absl::StatusOr<Rectification> OpenRectification(
    const std::string& id, const std::string& campaign_id, const ReviewedCase& reviewed,
    const Finding& finding, calendar::StatutoryPeriod period, const ActContext& ctx) {
  Rectification r;
  r.id = id;
  r.campaign_id = campaign_id;
  r.case_id = reviewed.ref.id;
  r.finding_id = finding.id;
  r.finding = finding.text;
  r.agency_id = reviewed.ref.agency_id;
  r.division_code = reviewed.ref.division_code;
  r.queue_division_code = r.division_code;
  r.create_time = ctx.now;
  absl::StatusOr<absl::Time> due = calendar::DueTime(*ctx.calendar, ctx.now, period);
  if (!due.ok()) return due.status();
  r.clock.kind = ClockKind::kRectify;
  r.clock.state = ClockState::kRunning;
  r.clock.start = ctx.now;
  r.clock.period = period;
  r.clock.limit_source = "finding";
  r.clock.division_code = r.division_code;
  r.clock.due = *due;
  r.clock.steps.push_back(ClockStep{"started at the finding", ctx.now, *due,
                                    absl::StrCat(PeriodText(period), " at ", r.division_code)});
  AddEvent(r, "opened", ctx, absl::StrCat("finding ", finding.id, " of campaign ", campaign_id),
           ctx.now);
  return r;
}

absl::StatusOr<Rectification> CompleteRectification(Rectification r, const std::string& evidence,
                                                    const ActContext& ctx) {
  if (r.state == RectificationState::kCompleted) {
    return absl::FailedPreconditionError("rectification is completed already");
  }
  if (absl::Status s = ValidateMultilineText("evidence", evidence, 4000); !s.ok()) return s;
  r.state = RectificationState::kCompleted;
  r.evidence = evidence;
  r.complete_time = ctx.now;
  r.on_time = r.clock.lapses == 0 && ctx.now < r.clock.due;
  if (r.clock.state == ClockState::kRunning || r.clock.state == ClockState::kLapsedAtRegion) {
    r.clock.state = ClockState::kMet;
    r.clock.ended_at = ctx.now;
    r.clock.on_time = r.on_time;
    r.clock.steps.push_back(
        ClockStep{"met: completed", ctx.now, r.clock.due, r.on_time ? "in time" : "late"});
  }
  AddEvent(r, "completed", ctx, r.on_time ? "in time" : "late", ctx.now);
  r.history.back().on_time = r.on_time;
  return r;
}

absl::StatusOr<std::optional<Rectification>> FireRectification(Rectification r, absl::Time due_at,
                                                               const ActContext& ctx) {
  if (r.state != RectificationState::kOpen) return std::nullopt;
  absl::StatusOr<std::optional<Escalation>> e = RunOutClock(r.clock, due_at, ctx);
  if (!e.ok()) return e.status();
  if (!e->has_value()) return std::nullopt;
  const Escalation& x = **e;
  r.escalations.push_back(x);
  r.queue_division_code = QueueOf({r.clock}, r.division_code, *ctx.divisions);
  AddEvent(r, x.to_division.empty() ? "lapsed_at_region" : "escalated", ctx,
           x.to_division.empty()
               ? absl::StrCat("ran out at ", x.from_division)
               : absl::StrCat("ran out at ", x.from_division, ": escalated to ", x.to_division),
           ctx.now);
  return std::optional<Rectification>(std::move(r));
}

}  // namespace lawenforce::supervision
