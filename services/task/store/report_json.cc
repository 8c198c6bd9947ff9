#include "services/task/store/report_json.h"

#include "absl/strings/str_cat.h"
#include "common/store/json_values.h"
#include "nlohmann/json.hpp"

namespace lawenforce::tasks {

// Field by field, so that a renamed member is a compile error here rather
// than a silently different body.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KeyCount, key, count)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PersonnelFigures, officers, legal_reviewers,
                                   required_legal_reviewers, agencies_compliant,
                                   agencies_noncompliant, required_training_hours,
                                   training_officers, training_compliant_officers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CaseFigures, cases_filed, filed_by_kind, by_state, cases_ended,
                                   decisions, decisions_by_outcome, decisions_review_required,
                                   decisions_review_required_reviewed, benchmark_deviations,
                                   average_days_to_decision, p90_days_to_decision, legal_reviews,
                                   legal_reviews_returned, publications_due, published_on_time,
                                   published_late, publications_overdue, transfers_reported,
                                   transfers_handed_over, overdue_by_clock)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ComplaintFigures, available, complaints_received,
                                   from_private_enterprises, by_channel, escalations_by_tier,
                                   resolved, resolved_on_time, median_handling_days,
                                   p90_handling_days, rated, satisfied, average_satisfaction,
                                   cases_reviewed, average_review_score, rectifications_opened,
                                   rectifications_completed, rectifications_completed_on_time,
                                   rectifications_overdue)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ProgressCounts, assignments, not_started, in_progress, done,
                                   overdue)

namespace {

using nlohmann::json;
using store::jsonfmt::OptTime;
using store::jsonfmt::ReadOptTime;
using store::jsonfmt::ReadTime;
using store::jsonfmt::Time;

}  // namespace

std::string ReportBody(const AnnualReport& r) {
  json plans = json::array();
  for (const PlanFigures& p : r.figures.plans) {
    plans.push_back({{"id", p.plan_id},
                     {"title", p.plan_title},
                     {"status", static_cast<int>(p.plan_status)},
                     {"total", p.total}});
  }
  json sources = json::array();
  for (const FigureSource& s : r.figures.sources) {
    sources.push_back({{"service", s.service},
                       {"method", s.method},
                       {"request", s.request},
                       {"fetched", Time(s.fetched_at)},
                       {"closed", s.closed_period}});
  }
  json indicators = json::array();
  for (const Indicator& i : r.indicators) {
    indicators.push_back({{"code", i.code},
                          {"name", i.name},
                          {"numerator", i.numerator},
                          {"denominator", i.denominator},
                          {"value", i.value.has_value() ? json(*i.value) : json(nullptr)},
                          {"formula", i.formula}});
  }
  return json{{"id", r.id},
              {"division", r.division_code},
              {"agency", r.agency_id},
              {"name", r.scope_name},
              {"tier", static_cast<int>(r.tier)},
              {"year", r.year},
              {"version", r.version},
              {"state", static_cast<int>(r.state)},
              {"as_of", Time(r.as_of)},
              {"closed", r.closed_period},
              {"personnel", r.figures.personnel},
              {"cases", r.figures.cases},
              {"complaints", r.figures.complaints},
              {"plans", plans},
              {"sources", sources},
              {"indicators", indicators},
              {"generated_by", r.generated_by},
              {"generated", Time(r.generate_time)},
              {"published_by", r.published_by},
              {"published", OptTime(r.publish_time)}}
      .dump();
}

absl::StatusOr<AnnualReport> ReadReportBody(const std::string& text) {
  try {
    const json j = json::parse(text);
    AnnualReport r;
    r.id = j.at("id").get<std::string>();
    r.division_code = j.at("division").get<std::string>();
    r.agency_id = j.at("agency").get<std::string>();
    r.scope_name = j.at("name").get<std::string>();
    r.tier = static_cast<Tier>(j.at("tier").get<int>());
    r.year = j.at("year").get<int>();
    r.version = j.at("version").get<int64_t>();
    r.state = static_cast<ReportState>(j.at("state").get<int>());
    r.as_of = ReadTime(j.at("as_of"));
    r.closed_period = j.at("closed").get<bool>();
    r.figures.personnel = j.at("personnel").get<PersonnelFigures>();
    r.figures.cases = j.at("cases").get<CaseFigures>();
    r.figures.complaints = j.at("complaints").get<ComplaintFigures>();
    for (const json& p : j.at("plans")) {
      r.figures.plans.push_back({p.at("id").get<std::string>(), p.at("title").get<std::string>(),
                                 static_cast<PlanStatus>(p.at("status").get<int>()),
                                 p.at("total").get<ProgressCounts>()});
    }
    for (const json& s : j.at("sources")) {
      r.figures.sources.push_back({s.at("service").get<std::string>(),
                                   s.at("method").get<std::string>(),
                                   s.at("request").get<std::string>(), ReadTime(s.at("fetched")),
                                   s.at("closed").get<bool>()});
    }
    for (const json& i : j.at("indicators")) {
      Indicator x;
      x.code = i.at("code").get<std::string>();
      x.name = i.at("name").get<std::string>();
      x.numerator = i.at("numerator").get<int64_t>();
      x.denominator = i.at("denominator").get<int64_t>();
      if (!i.at("value").is_null()) x.value = i.at("value").get<double>();
      x.formula = i.at("formula").get<std::string>();
      r.indicators.push_back(std::move(x));
    }
    r.generated_by = j.at("generated_by").get<std::string>();
    r.generate_time = ReadTime(j.at("generated"));
    r.published_by = j.at("published_by").get<std::string>();
    r.publish_time = ReadOptTime(j, "published");
    return r;
  } catch (const std::exception& e) {
    return absl::DataLossError(absl::StrCat("stored annual report is malformed: ", e.what()));
  }
}

}  // namespace lawenforce::tasks
