#include "services/case/store/inspection_json.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/store/json_values.h"
#include "nlohmann/json.hpp"
#include "services/case/store/case_json.h"

namespace lawenforce::cases {

// Field by field, so that a renamed member is a compile error here rather
// than a silently different body.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Enterprise, credit_code, name)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ExcludedInspector, officer_id, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(VisitPart, agency_id, item_id, division_code)

namespace json {
namespace {

using nlohmann::json;
using store::jsonfmt::ReadTime;
using store::jsonfmt::Time;

json Result(const std::optional<InspectionResult>& r) {
  if (!r.has_value()) return nullptr;
  return {{"outcome", static_cast<int>(r->outcome)},
          {"summary", r->summary},
          {"by", r->recorded_by},
          {"at", Time(r->record_time)}};
}

std::optional<InspectionResult> ReadResult(const json& j) {
  if (j.is_null()) return std::nullopt;
  InspectionResult r;
  r.outcome = static_cast<InspectionOutcome>(j.at("outcome").get<int>());
  r.summary = j.at("summary").get<std::string>();
  r.recorded_by = j.at("by").get<std::string>();
  r.record_time = ReadTime(j.at("at"));
  return r;
}

template <typename T, typename Fn>
absl::StatusOr<T> Parse(const std::string& body, absl::string_view what, Fn fn) {
  try {
    return fn(json::parse(body));
  } catch (const json::exception& e) {
    return absl::DataLossError(absl::StrCat("stored ", what, " does not parse: ", e.what()));
  }
}

}  // namespace

std::string PlanBody(const InspectionPlan& p) {
  return json{{"id", p.id},
              {"agency_id", p.agency_id},
              {"division_code", p.division_code},
              {"item_id", p.item_id},
              {"domain", p.domain},
              {"name", p.name},
              {"period_start", Time(p.period_start)},
              {"period_end", Time(p.period_end)},
              {"enterprises", p.enterprises},
              {"inspector_ids", p.inspector_ids},
              {"targets_per_draw", p.targets_per_draw},
              {"inspectors_per_target", p.inspectors_per_target},
              {"created_by", p.created_by},
              {"create_time", Time(p.create_time)},
              {"version", p.version}}
      .dump();
}

absl::StatusOr<InspectionPlan> ReadPlanBody(const std::string& body) {
  return Parse<InspectionPlan>(body, "inspection plan", [](const json& j) {
    InspectionPlan p;
    p.id = j.at("id").get<std::string>();
    p.agency_id = j.at("agency_id").get<std::string>();
    p.division_code = j.at("division_code").get<std::string>();
    p.item_id = j.at("item_id").get<std::string>();
    p.domain = j.at("domain").get<std::string>();
    p.name = j.at("name").get<std::string>();
    p.period_start = ReadTime(j.at("period_start"));
    p.period_end = ReadTime(j.at("period_end"));
    p.enterprises = j.at("enterprises").get<std::vector<Enterprise>>();
    p.inspector_ids = j.at("inspector_ids").get<std::vector<std::string>>();
    p.targets_per_draw = j.at("targets_per_draw").get<int>();
    p.inspectors_per_target = j.at("inspectors_per_target").get<int>();
    p.created_by = j.at("created_by").get<std::string>();
    p.create_time = ReadTime(j.at("create_time"));
    p.version = j.at("version").get<int64_t>();
    return p;
  });
}

std::string DrawBody(const InspectionDraw& d) {
  json targets = json::array();
  for (const InspectionTarget& t : d.targets) {
    targets.push_back({{"enterprise", t.enterprise},
                       {"inspector_ids", t.inspector_ids},
                       {"result", Result(t.result)},
                       {"case_id", t.case_id}});
  }
  return json{{"id", d.id},
              {"plan_id", d.plan_id},
              {"agency_id", d.agency_id},
              {"division_code", d.division_code},
              {"item_id", d.item_id},
              {"domain", d.domain},
              {"seed", d.seed},
              {"seed_chosen", d.seed_chosen},
              {"enterprise_candidates", d.enterprise_candidates},
              {"inspector_candidates", d.inspector_candidates},
              {"inspectors_excluded", d.inspectors_excluded},
              {"enterprises_whitelisted", d.enterprises_whitelisted},
              {"targets", std::move(targets)},
              {"drawn_by", d.drawn_by},
              {"draw_time", Time(d.draw_time)},
              {"version", d.version}}
      .dump();
}

absl::StatusOr<InspectionDraw> ReadDrawBody(const std::string& body) {
  return Parse<InspectionDraw>(body, "inspection draw", [](const json& j) {
    InspectionDraw d;
    d.id = j.at("id").get<std::string>();
    d.plan_id = j.at("plan_id").get<std::string>();
    d.agency_id = j.at("agency_id").get<std::string>();
    d.division_code = j.at("division_code").get<std::string>();
    d.item_id = j.at("item_id").get<std::string>();
    d.domain = j.at("domain").get<std::string>();
    d.seed = j.at("seed").get<std::string>();
    d.seed_chosen = j.at("seed_chosen").get<bool>();
    d.enterprise_candidates = j.at("enterprise_candidates").get<std::vector<std::string>>();
    d.inspector_candidates = j.at("inspector_candidates").get<std::vector<std::string>>();
    d.inspectors_excluded = j.at("inspectors_excluded").get<std::vector<ExcludedInspector>>();
    d.enterprises_whitelisted = j.value("enterprises_whitelisted", std::vector<std::string>{});
    for (const json& t : j.at("targets")) {
      InspectionTarget target;
      target.enterprise = t.at("enterprise").get<Enterprise>();
      target.inspector_ids = t.at("inspector_ids").get<std::vector<std::string>>();
      target.result = ReadResult(t.at("result"));
      target.case_id = t.value("case_id", "");
      d.targets.push_back(std::move(target));
    }
    d.drawn_by = j.at("drawn_by").get<std::string>();
    d.draw_time = ReadTime(j.at("draw_time"));
    d.version = j.at("version").get<int64_t>();
    return d;
  });
}

std::string CapBody(const VisitCap& c) {
  return json{{"agency_id", c.agency_id},
              {"division_code", c.division_code},
              {"year", c.year},
              {"max_visits", c.max_visits},
              {"basis", c.basis},
              {"set_by", c.set_by},
              {"set_time", Time(c.set_time)}}
      .dump();
}

absl::StatusOr<VisitCap> ReadCapBody(const std::string& body) {
  return Parse<VisitCap>(body, "inspection cap", [](const json& j) {
    VisitCap c;
    c.agency_id = j.at("agency_id").get<std::string>();
    c.division_code = j.at("division_code").get<std::string>();
    c.year = j.at("year").get<int>();
    c.max_visits = j.at("max_visits").get<int>();
    c.basis = j.at("basis").get<std::string>();
    c.set_by = j.at("set_by").get<std::string>();
    c.set_time = ReadTime(j.at("set_time"));
    return c;
  });
}

std::string VisitBody(const InspectionVisit& v) {
  json j{{"id", v.id},
         {"enterprise", v.enterprise},
         {"parts", v.parts},
         {"officer_ids", v.officer_ids},
         {"visit_time", Time(v.visit_time)},
         {"basis", static_cast<int>(v.basis)},
         {"basis_ref", v.basis_ref},
         {"summary", v.summary},
         {"division_code", v.division_code},
         {"year", v.year},
         {"recorded_by", v.recorded_by},
         {"beyond_cap", v.beyond_cap},
         {"warning_id", v.warning_id},
         {"record_time", Time(v.record_time)}};
  if (v.source.has_value()) j["source"] = SourceJson(*v.source);
  return j.dump();
}

absl::StatusOr<InspectionVisit> ReadVisitBody(const std::string& body) {
  return Parse<InspectionVisit>(body, "inspection visit", [](const json& j) {
    InspectionVisit v;
    v.id = j.at("id").get<std::string>();
    v.enterprise = j.at("enterprise").get<Enterprise>();
    v.parts = j.at("parts").get<std::vector<VisitPart>>();
    v.officer_ids = j.at("officer_ids").get<std::vector<std::string>>();
    v.visit_time = ReadTime(j.at("visit_time"));
    v.basis = static_cast<VisitBasis>(j.at("basis").get<int>());
    v.basis_ref = j.at("basis_ref").get<std::string>();
    v.summary = j.at("summary").get<std::string>();
    v.division_code = j.at("division_code").get<std::string>();
    v.year = j.at("year").get<int>();
    v.recorded_by = j.at("recorded_by").get<std::string>();
    v.beyond_cap = j.at("beyond_cap").get<bool>();
    v.warning_id = j.at("warning_id").get<std::string>();
    // Absent from visits recorded before imports: recorded as they happened.
    v.record_time = j.contains("record_time") ? ReadTime(j.at("record_time")) : v.visit_time;
    if (j.contains("source")) v.source = ReadSourceJson(j.at("source"));
    return v;
  });
}

std::string WhitelistBody(const WhitelistEntry& e) {
  return json{{"id", e.id},
              {"agency_id", e.agency_id},
              {"division_code", e.division_code},
              {"enterprise", e.enterprise},
              {"start", Time(e.start)},
              {"end", Time(e.end)},
              {"reason", e.reason},
              {"added_by", e.added_by},
              {"add_time", Time(e.add_time)}}
      .dump();
}

absl::StatusOr<WhitelistEntry> ReadWhitelistBody(const std::string& body) {
  return Parse<WhitelistEntry>(body, "white list entry", [](const json& j) {
    WhitelistEntry e;
    e.id = j.at("id").get<std::string>();
    e.agency_id = j.at("agency_id").get<std::string>();
    e.division_code = j.at("division_code").get<std::string>();
    e.enterprise = j.at("enterprise").get<Enterprise>();
    e.start = ReadTime(j.at("start"));
    e.end = ReadTime(j.at("end"));
    e.reason = j.at("reason").get<std::string>();
    e.added_by = j.at("added_by").get<std::string>();
    e.add_time = ReadTime(j.at("add_time"));
    return e;
  });
}

std::string WarningBody(const InspectionWarning& w) {
  return json{{"id", w.id},
              {"credit_code", w.credit_code},
              {"enterprise_name", w.enterprise_name},
              {"division_code", w.division_code},
              {"visit_id", w.visit_id},
              {"visit_ids", w.visit_ids},
              {"agency_ids", w.agency_ids},
              {"count", w.count},
              {"window_micros", absl::ToInt64Microseconds(w.window)},
              {"raise_time", Time(w.raise_time)}}
      .dump();
}

absl::StatusOr<InspectionWarning> ReadWarningBody(const std::string& body) {
  return Parse<InspectionWarning>(body, "inspection warning", [](const json& j) {
    InspectionWarning w;
    w.id = j.at("id").get<std::string>();
    w.credit_code = j.at("credit_code").get<std::string>();
    w.enterprise_name = j.at("enterprise_name").get<std::string>();
    w.division_code = j.at("division_code").get<std::string>();
    w.visit_id = j.at("visit_id").get<std::string>();
    w.visit_ids = j.at("visit_ids").get<std::vector<std::string>>();
    w.agency_ids = j.at("agency_ids").get<std::vector<std::string>>();
    w.count = j.at("count").get<int>();
    w.window = absl::Microseconds(j.at("window_micros").get<int64_t>());
    w.raise_time = ReadTime(j.at("raise_time"));
    return w;
  });
}

}  // namespace json
}  // namespace lawenforce::cases
