#ifndef LAWENFORCE_SERVICES_TASK_DOMAIN_REPORT_H_
#define LAWENFORCE_SERVICES_TASK_DOMAIN_REPORT_H_

// The annual enforcement report (task 30, 行政执法工作年度报告): a year's
// figures for a division's subtree or one agency, gathered from the other
// services, the effectiveness indicators computed from them, and whether a
// division's report was published by its due day. Plain C++: the figures
// come in through the app layer's ports; rendering is report_render.h.
//
// A report is a snapshot: once stored, its figures and indicators never
// change. Regenerating gives a new version; publishing marks one version
// public.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/divisions/divisions.h"
#include "services/task/domain/assignment.h"
#include "services/task/domain/plan.h"

namespace lawenforce::tasks {

// A count keyed by the source service's enum value name
// ("ITEM_KIND_PENALTY", "CHANNEL_HOTLINE_12345", "TIER_COUNTY").
struct KeyCount {
  std::string key;
  int64_t count = 0;
};

struct PersonnelFigures {
  int64_t officers = 0;
  int64_t legal_reviewers = 0;
  int64_t required_legal_reviewers = 0;
  int64_t agencies_compliant = 0;
  int64_t agencies_noncompliant = 0;
  double required_training_hours = 0;
  int64_t training_officers = 0;
  int64_t training_compliant_officers = 0;
};

struct CaseFigures {
  int64_t cases_filed = 0;
  std::vector<KeyCount> filed_by_kind;
  std::vector<KeyCount> by_state;
  int64_t cases_ended = 0;
  int64_t decisions = 0;
  std::vector<KeyCount> decisions_by_outcome;
  int64_t decisions_review_required = 0;
  int64_t decisions_review_required_reviewed = 0;
  int64_t benchmark_deviations = 0;
  double average_days_to_decision = 0;
  double p90_days_to_decision = 0;
  int64_t legal_reviews = 0;
  int64_t legal_reviews_returned = 0;
  int64_t publications_due = 0;
  int64_t published_on_time = 0;
  int64_t published_late = 0;
  int64_t publications_overdue = 0;
  int64_t transfers_reported = 0;
  int64_t transfers_handed_over = 0;
  std::vector<KeyCount> overdue_by_clock;
};

struct ComplaintFigures {
  // False for an agency's report: supervision-service keeps its figures by
  // division, and an agency's are never taken from its division's pool.
  bool available = false;
  int64_t complaints_received = 0;
  int64_t from_private_enterprises = 0;
  std::vector<KeyCount> by_channel;
  std::vector<KeyCount> escalations_by_tier;
  int64_t resolved = 0;
  int64_t resolved_on_time = 0;
  double median_handling_days = 0;
  double p90_handling_days = 0;
  int64_t rated = 0;
  int64_t satisfied = 0;  // rated 4 or 5
  double average_satisfaction = 0;
  int64_t cases_reviewed = 0;
  double average_review_score = 0;
  int64_t rectifications_opened = 0;
  int64_t rectifications_completed = 0;
  int64_t rectifications_completed_on_time = 0;
  int64_t rectifications_overdue = 0;
};

struct PlanFigures {
  std::string plan_id;
  std::string plan_title;
  PlanStatus plan_status = PlanStatus::kActive;
  ProgressCounts total;
};

// Where a figure group came from.
struct FigureSource {
  std::string service;  // "case-service"
  std::string method;   // "lawenforce.cases.v1.CaseService/GetCaseStatistics"
  std::string request;  // "division_code=640100 2025-01-01..2025-12-31"
  absl::Time fetched_at;
  bool closed_period = false;
};

struct ReportFigures {
  PersonnelFigures personnel;
  CaseFigures cases;
  ComplaintFigures complaints;
  std::vector<PlanFigures> plans;
  std::vector<FigureSource> sources;
};

struct Indicator {
  std::string code;  // "decisions_published_on_time"
  std::string name;  // "行政处罚决定按时公开率"
  int64_t numerator = 0;
  int64_t denominator = 0;
  std::optional<double> value;  // unset when the denominator is 0
  std::string formula;
};

// The effectiveness indicators (docs/api/tasks.md "Indicators"), in a fixed
// order. Complaint and rectification indicators only when the complaint
// figures are available.
std::vector<Indicator> ComputeIndicators(const ReportFigures& f);

enum class ReportState { kDraft = 1, kPublished = 2 };

struct AnnualReport {
  std::string id;
  std::string division_code;  // an agency's report: the agency's division
  std::string agency_id;      // empty: a division's report (its subtree)
  std::string scope_name;
  Tier tier = Tier::kRegion;
  int year = 0;
  int64_t version = 0;
  ReportState state = ReportState::kDraft;
  absl::Time as_of;
  bool closed_period = false;
  ReportFigures figures;
  std::vector<Indicator> indicators;
  std::string generated_by;
  absl::Time generate_time;
  std::string published_by;
  std::optional<absl::Time> publish_time;
};

// The year as a period of CST days, and the moment its figures stand at
// when generated at `now`: the end of 31 December (00:00 CST of 1 January
// of the next year), or `now` if sooner.
absl::CivilDay YearFirstDay(int year);
absl::CivilDay YearLastDay(int year);
absl::Time FiguresAsOf(int year, absl::Time now);

// A year's report is due by the end of 15 January of the next year (CST).
absl::CivilDay ReportDueDay(int year);

enum class ReportDueState { kOnTime = 1, kLate = 2, kPending = 3, kOverdue = 4 };

// Given the first publication of the scope's year (if any, as seen at `now`).
ReportDueState DueStateOf(int year, const std::optional<absl::Time>& first_publish, absl::Time now);

// The divisions that publish a report: the region, cities and counties of
// `scope`'s subtree (`scope` itself first, then in code order).
std::vector<const Division*> ReportingDivisions(const Divisions& divisions,
                                                const std::string& scope);

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_DOMAIN_REPORT_H_
