#include "services/task/domain/report.h"

#include <algorithm>

#include "common/time/clock.h"

namespace lawenforce::tasks {
namespace {

Indicator Ratio(std::string code, std::string name, int64_t numerator, int64_t denominator,
                std::string formula) {
  Indicator i{std::move(code), std::move(name), numerator,
              denominator,     std::nullopt,    std::move(formula)};
  if (denominator > 0) i.value = static_cast<double>(numerator) / static_cast<double>(denominator);
  return i;
}

}  // namespace

std::vector<Indicator> ComputeIndicators(const ReportFigures& f) {
  std::vector<Indicator> out;
  const CaseFigures& c = f.cases;
  // Decisions whose publicity clock has run its course: published (on time
  // or late) or past due unpublished. Those not yet due are left out.
  out.push_back(Ratio("decisions_published_on_time", "行政执法决定按时公开率", c.published_on_time,
                      c.published_on_time + c.published_late + c.publications_overdue,
                      "published_on_time / (published_on_time + published_late + "
                      "publications_overdue)"));
  out.push_back(Ratio("major_decisions_reviewed", "重大执法决定法制审核率",
                      c.decisions_review_required_reviewed, c.decisions_review_required,
                      "decisions_review_required_reviewed / decisions_review_required"));
  if (f.complaints.available) {
    const ComplaintFigures& s = f.complaints;
    out.push_back(Ratio("complaint_satisfaction", "投诉处理满意率", s.satisfied, s.rated,
                        "satisfied (rated 4 or 5) / rated"));
    out.push_back(Ratio("complaints_resolved_on_time", "投诉按时办结率", s.resolved_on_time,
                        s.resolved, "resolved_on_time / resolved"));
    out.push_back(Ratio("rectifications_on_time", "问题整改按期完成率",
                        s.rectifications_completed_on_time,
                        s.rectifications_completed + s.rectifications_overdue,
                        "rectifications_completed_on_time / (rectifications_completed + "
                        "rectifications_overdue)"));
  }
  const PersonnelFigures& p = f.personnel;
  out.push_back(Ratio("officers_meeting_training", "执法人员年度培训达标率",
                      p.training_compliant_officers, p.training_officers,
                      "training_compliant_officers / training_officers"));
  out.push_back(Ratio("agencies_meeting_reviewer_ratio", "法制审核人员配备达标机关占比",
                      p.agencies_compliant, p.agencies_compliant + p.agencies_noncompliant,
                      "agencies_compliant / (agencies_compliant + agencies_noncompliant)"));
  return out;
}

absl::CivilDay YearFirstDay(int year) { return absl::CivilDay(year, 1, 1); }
absl::CivilDay YearLastDay(int year) { return absl::CivilDay(year, 12, 31); }

absl::Time FiguresAsOf(int year, absl::Time now) {
  return std::min(now, absl::FromCivil(absl::CivilDay(year + 1, 1, 1), ChinaTimeZone()));
}

absl::CivilDay ReportDueDay(int year) { return absl::CivilDay(year + 1, 1, 15); }

ReportDueState DueStateOf(int year, const std::optional<absl::Time>& first_publish,
                          absl::Time now) {
  const absl::Time due = DueMoment(ReportDueDay(year));
  if (first_publish.has_value()) {
    return *first_publish < due ? ReportDueState::kOnTime : ReportDueState::kLate;
  }
  return now < due ? ReportDueState::kPending : ReportDueState::kOverdue;
}

std::vector<const Division*> ReportingDivisions(const Divisions& divisions,
                                                const std::string& scope) {
  std::vector<const Division*> out;
  for (const Division& d : divisions.all()) {
    if (d.tier == Tier::kTownship || !divisions.IsWithin(d.code, scope)) continue;
    out.push_back(&d);
  }
  std::sort(out.begin(), out.end(), [&](const Division* a, const Division* b) {
    if ((a->code == scope) != (b->code == scope)) return a->code == scope;
    return a->code < b->code;
  });
  return out;
}

}  // namespace lawenforce::tasks
