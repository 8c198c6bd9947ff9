#include "services/supervision/store/complaint_json.h"

#include <optional>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "common/store/json_values.h"

namespace lawenforce::supervision::json {
namespace {

using nlohmann::json;

using store::jsonfmt::OptTime;
using store::jsonfmt::ReadOptTime;
using store::jsonfmt::ReadTime;
using store::jsonfmt::Time;

json ClockJson(const Clock& c) {
  json steps = json::array();
  for (const ClockStep& s : c.steps) {
    steps.push_back(
        {{"what", s.what}, {"at", Time(s.at)}, {"due", Time(s.due)}, {"detail", s.detail}});
  }
  return {{"kind", static_cast<int>(c.kind)},
          {"state", static_cast<int>(c.state)},
          {"start", Time(c.start)},
          {"count", c.period.count},
          {"unit", static_cast<int>(c.period.unit)},
          {"source", c.limit_source},
          {"division", c.division_code},
          {"due", Time(c.due)},
          {"ended", OptTime(c.ended_at)},
          {"on_time", c.on_time},
          {"lapses", c.lapses},
          {"steps", steps}};
}

Clock ReadClock(const json& j) {
  Clock c;
  c.kind = static_cast<ClockKind>(j.at("kind").get<int>());
  c.state = static_cast<ClockState>(j.at("state").get<int>());
  c.start = ReadTime(j.at("start"));
  c.period.count = j.at("count").get<int>();
  c.period.unit = static_cast<calendar::PeriodUnit>(j.at("unit").get<int>());
  c.limit_source = j.at("source").get<std::string>();
  c.division_code = j.at("division").get<std::string>();
  c.due = ReadTime(j.at("due"));
  c.ended_at = ReadOptTime(j, "ended");
  c.on_time = j.at("on_time").get<bool>();
  c.lapses = j.at("lapses").get<int>();
  for (const json& s : j.at("steps")) {
    c.steps.push_back(ClockStep{s.at("what").get<std::string>(), ReadTime(s.at("at")),
                                ReadTime(s.at("due")), s.at("detail").get<std::string>()});
  }
  return c;
}

json EscalationJson(const Escalation& e) {
  return {{"clock", static_cast<int>(e.clock)},
          {"from", e.from_division},
          {"from_tier", static_cast<int>(e.from_tier)},
          {"to", e.to_division},
          {"to_tier", static_cast<int>(e.to_tier)},
          {"at", Time(e.at)},
          {"recorded", Time(e.recorded_at)}};
}
Escalation ReadEscalation(const json& e) {
  return Escalation{static_cast<ClockKind>(e.at("clock").get<int>()),
                    e.at("from").get<std::string>(),
                    static_cast<Tier>(e.at("from_tier").get<int>()), e.at("to").get<std::string>(),
                    static_cast<Tier>(e.at("to_tier").get<int>()), ReadTime(e.at("at")),
                    // Bodies written before recording times were kept: the due moment.
                    ReadTime(e.contains("recorded") ? e.at("recorded") : e.at("at"))};
}
json EventJson(const ComplaintEvent& e) {
  return {{"seq", e.seq},
          {"type", e.type},
          {"at", Time(e.at)},
          {"actor", e.actor},
          {"detail", e.detail},
          {"state", static_cast<int>(e.state_after)},
          {"division", e.division_after},
          {"satisfaction", e.satisfaction},
          {"on_time", e.on_time}};
}
ComplaintEvent ReadEvent(const json& e) {
  ComplaintEvent ev;
  ev.seq = e.at("seq").get<int64_t>();
  ev.type = e.at("type").get<std::string>();
  ev.at = ReadTime(e.at("at"));
  ev.actor = e.at("actor").get<std::string>();
  ev.detail = e.at("detail").get<std::string>();
  ev.state_after = static_cast<ComplaintState>(e.at("state").get<int>());
  ev.division_after = e.at("division").get<std::string>();
  ev.satisfaction = e.at("satisfaction").get<int>();
  ev.on_time = e.at("on_time").get<bool>();
  return ev;
}
json Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }
absl::CivilDay ReadDay(const json& j) {
  absl::CivilDay d;
  if (!absl::ParseCivilTime(j.get<std::string>(), &d)) throw std::invalid_argument("bad day");
  return d;
}

}  // namespace

std::string ComplaintBody(const Complaint& c) {
  json clocks = json::array();
  for (const Clock& k : c.clocks) clocks.push_back(ClockJson(k));
  json escalations = json::array();
  for (const Escalation& e : c.escalations) escalations.push_back(EscalationJson(e));
  json routings = json::array();
  for (const Routing& r : c.routings) {
    routings.push_back({{"from", r.from_agency},
                        {"to", r.to_agency},
                        {"reason", r.reason},
                        {"actor", r.actor},
                        {"at", Time(r.at)}});
  }
  json history = json::array();
  for (const ComplaintEvent& e : c.history) history.push_back(EventJson(e));
  const json body = {{"id", c.id},
                     {"channel", static_cast<int>(c.channel)},
                     {"ticket", c.ticket_id},
                     {"category", static_cast<int>(c.category)},
                     {"content", c.content},
                     {"complainant",
                      {{"kind", static_cast<int>(c.complainant.kind)},
                       {"organization", c.complainant.organization_name},
                       {"credit_code", c.complainant.credit_code}}},
                     {"agency", c.agency_id},
                     {"officer", c.officer_id},
                     {"case", c.case_id},
                     {"division", c.division_code},
                     {"queue", c.queue_division_code},
                     {"state", static_cast<int>(c.state)},
                     {"assignee", c.assignee_id},
                     {"clocks", clocks},
                     {"escalations", escalations},
                     {"routings", routings},
                     {"resolution", c.resolution},
                     {"satisfaction", c.satisfaction},
                     {"feedback", c.feedback_comment},
                     {"reopened", c.reopened},
                     {"submitted", Time(c.submit_time)},
                     {"acknowledged", OptTime(c.acknowledge_time)},
                     {"resolved", OptTime(c.resolve_time)},
                     {"closed", OptTime(c.close_time)},
                     {"history", history},
                     {"version", c.version}};
  return body.dump();
}

absl::StatusOr<Complaint> ReadComplaintBody(const std::string& text) {
  try {
    const json j = json::parse(text);
    Complaint c;
    c.id = j.at("id").get<std::string>();
    c.channel = static_cast<Channel>(j.at("channel").get<int>());
    c.ticket_id = j.at("ticket").get<std::string>();
    c.category = static_cast<Category>(j.at("category").get<int>());
    c.content = j.at("content").get<std::string>();
    const json& p = j.at("complainant");
    c.complainant.kind = static_cast<ComplainantKind>(p.at("kind").get<int>());
    c.complainant.organization_name = p.at("organization").get<std::string>();
    c.complainant.credit_code = p.at("credit_code").get<std::string>();
    c.agency_id = j.at("agency").get<std::string>();
    c.officer_id = j.at("officer").get<std::string>();
    c.case_id = j.at("case").get<std::string>();
    c.division_code = j.at("division").get<std::string>();
    c.queue_division_code = j.at("queue").get<std::string>();
    c.state = static_cast<ComplaintState>(j.at("state").get<int>());
    c.assignee_id = j.at("assignee").get<std::string>();
    for (const json& k : j.at("clocks")) c.clocks.push_back(ReadClock(k));
    for (const json& e : j.at("escalations")) c.escalations.push_back(ReadEscalation(e));
    for (const json& r : j.at("routings")) {
      c.routings.push_back(Routing{r.at("from").get<std::string>(), r.at("to").get<std::string>(),
                                   r.at("reason").get<std::string>(),
                                   r.at("actor").get<std::string>(), ReadTime(r.at("at"))});
    }
    c.resolution = j.at("resolution").get<std::string>();
    c.satisfaction = j.at("satisfaction").get<int>();
    c.feedback_comment = j.at("feedback").get<std::string>();
    c.reopened = j.at("reopened").get<bool>();
    c.submit_time = ReadTime(j.at("submitted"));
    c.acknowledge_time = ReadOptTime(j, "acknowledged");
    c.resolve_time = ReadOptTime(j, "resolved");
    c.close_time = ReadOptTime(j, "closed");
    for (const json& e : j.at("history")) c.history.push_back(ReadEvent(e));
    c.version = j.at("version").get<int64_t>();
    return c;
  } catch (const nlohmann::json::exception& e) {
    return absl::DataLossError(absl::StrCat("stored complaint is malformed: ", e.what()));
  }
}

std::string EventPayload(const Complaint& c) {
  const json payload = {{"id", c.id},
                        {"channel", ChannelCode(c.channel)},
                        {"category", CategoryCode(c.category)},
                        {"agency_id", c.agency_id},
                        {"division_code", c.division_code},
                        {"queue_division_code", c.queue_division_code},
                        {"state", StateCode(c.state)},
                        {"escalations", c.escalations.size()},
                        {"private_enterprise", c.private_enterprise()},
                        {"version", c.version}};
  return payload.dump();
}

std::string RubricBody(const Rubric& r) {
  json dims = json::array();
  for (const RubricDimension& d : r.dimensions) {
    dims.push_back({{"code", d.code}, {"name", d.name}, {"max", d.max_points}});
  }
  return json{{"version", r.version},
              {"dimensions", dims},
              {"by", r.created_by},
              {"at", Time(r.create_time)}}
      .dump();
}

absl::StatusOr<Rubric> ReadRubricBody(const std::string& text) {
  try {
    const json j = json::parse(text);
    Rubric r;
    r.version = j.at("version").get<int64_t>();
    for (const json& d : j.at("dimensions")) {
      r.dimensions.push_back({d.at("code").get<std::string>(), d.at("name").get<std::string>(),
                              d.at("max").get<int>()});
    }
    r.created_by = j.at("by").get<std::string>();
    r.create_time = ReadTime(j.at("at"));
    return r;
  } catch (const std::exception& e) {
    return absl::DataLossError(absl::StrCat("stored rubric is malformed: ", e.what()));
  }
}

std::string CampaignBody(const Campaign& c) {
  json cases = json::array();
  for (const ReviewedCase& r : c.cases) {
    json scores = json::array();
    for (const auto& [dim, points] : r.scores) scores.push_back({{"d", dim}, {"p", points}});
    json findings = json::array();
    for (const Finding& f : r.findings) {
      findings.push_back(
          {{"id", f.id}, {"d", f.dimension}, {"text", f.text}, {"rect", f.rectification_id}});
    }
    cases.push_back({{"id", r.ref.id},
                     {"agency", r.ref.agency_id},
                     {"division", r.ref.division_code},
                     {"scored", r.scored},
                     {"scores", scores},
                     {"total", r.total},
                     {"findings", findings},
                     {"by", r.scored_by},
                     {"at", Time(r.score_time)}});
  }
  return json{{"id", c.id},
              {"division", c.division_code},
              {"title", c.title},
              {"seed", c.seed},
              {"seed_chosen", c.seed_chosen},
              {"rubric", c.rubric_version},
              {"from", Day(c.decided_from)},
              {"to", Day(c.decided_to)},
              {"size", c.sample_size},
              {"candidates", c.candidates},
              {"digest", c.candidates_digest},
              {"cases", cases},
              {"by", c.created_by},
              {"at", Time(c.create_time)},
              {"version", c.version}}
      .dump();
}

absl::StatusOr<Campaign> ReadCampaignBody(const std::string& text) {
  try {
    const json j = json::parse(text);
    Campaign c;
    c.id = j.at("id").get<std::string>();
    c.division_code = j.at("division").get<std::string>();
    c.title = j.at("title").get<std::string>();
    c.seed = j.at("seed").get<std::string>();
    c.seed_chosen = j.value("seed_chosen", false);
    c.rubric_version = j.at("rubric").get<int64_t>();
    c.decided_from = ReadDay(j.at("from"));
    c.decided_to = ReadDay(j.at("to"));
    c.sample_size = j.at("size").get<int>();
    c.candidates = j.at("candidates").get<int>();
    c.candidates_digest = j.at("digest").get<std::string>();
    for (const json& r : j.at("cases")) {
      ReviewedCase rc;
      rc.ref = {r.at("id").get<std::string>(), r.at("agency").get<std::string>(),
                r.at("division").get<std::string>()};
      rc.scored = r.at("scored").get<bool>();
      for (const json& s : r.at("scores")) {
        rc.scores.emplace_back(s.at("d").get<std::string>(), s.at("p").get<int>());
      }
      rc.total = r.at("total").get<int>();
      for (const json& f : r.at("findings")) {
        rc.findings.push_back({f.at("id").get<std::string>(), f.at("d").get<std::string>(),
                               f.at("text").get<std::string>(), f.at("rect").get<std::string>()});
      }
      rc.scored_by = r.at("by").get<std::string>();
      rc.score_time = ReadTime(r.at("at"));
      c.cases.push_back(std::move(rc));
    }
    c.created_by = j.at("by").get<std::string>();
    c.create_time = ReadTime(j.at("at"));
    c.version = j.at("version").get<int64_t>();
    return c;
  } catch (const std::exception& e) {
    return absl::DataLossError(absl::StrCat("stored review campaign is malformed: ", e.what()));
  }
}

std::string RectificationBody(const Rectification& r) {
  json escalations = json::array();
  for (const Escalation& e : r.escalations) escalations.push_back(EscalationJson(e));
  json history = json::array();
  for (const ComplaintEvent& e : r.history) history.push_back(EventJson(e));
  return json{{"id", r.id},
              {"campaign", r.campaign_id},
              {"case", r.case_id},
              {"finding_id", r.finding_id},
              {"finding", r.finding},
              {"agency", r.agency_id},
              {"division", r.division_code},
              {"queue", r.queue_division_code},
              {"state", static_cast<int>(r.state)},
              {"clock", ClockJson(r.clock)},
              {"escalations", escalations},
              {"evidence", r.evidence},
              {"completed", OptTime(r.complete_time)},
              {"on_time", r.on_time},
              {"created", Time(r.create_time)},
              {"history", history},
              {"version", r.version}}
      .dump();
}

absl::StatusOr<Rectification> ReadRectificationBody(const std::string& text) {
  try {
    const json j = json::parse(text);
    Rectification r;
    r.id = j.at("id").get<std::string>();
    r.campaign_id = j.at("campaign").get<std::string>();
    r.case_id = j.at("case").get<std::string>();
    r.finding_id = j.at("finding_id").get<std::string>();
    r.finding = j.at("finding").get<std::string>();
    r.agency_id = j.at("agency").get<std::string>();
    r.division_code = j.at("division").get<std::string>();
    r.queue_division_code = j.at("queue").get<std::string>();
    r.state = static_cast<RectificationState>(j.at("state").get<int>());
    r.clock = ReadClock(j.at("clock"));
    for (const json& e : j.at("escalations")) r.escalations.push_back(ReadEscalation(e));
    r.evidence = j.at("evidence").get<std::string>();
    r.complete_time = ReadOptTime(j, "completed");
    r.on_time = j.at("on_time").get<bool>();
    r.create_time = ReadTime(j.at("created"));
    for (const json& e : j.at("history")) r.history.push_back(ReadEvent(e));
    r.version = j.at("version").get<int64_t>();
    return r;
  } catch (const std::exception& e) {
    return absl::DataLossError(absl::StrCat("stored rectification is malformed: ", e.what()));
  }
}

std::string EventPayload(const Rectification& r) {
  return json{{"id", r.id},
              {"campaign_id", r.campaign_id},
              {"case_id", r.case_id},
              {"agency_id", r.agency_id},
              {"division_code", r.division_code},
              {"queue_division_code", r.queue_division_code},
              {"state", r.state == RectificationState::kOpen ? "open" : "completed"},
              {"escalations", r.escalations.size()},
              {"version", r.version}}
      .dump();
}

std::string NoticeBody(const Notice& n) {
  json items = json::array();
  for (const NoticeItem& i : n.items) {
    items.push_back({{"text", i.text},
                     {"finding", i.finding_id},
                     {"rect", i.rectification_id},
                     {"complaint", i.complaint_id}});
  }
  return json{{"id", n.id},
              {"kind", static_cast<int>(n.kind)},
              {"division", n.division_code},
              {"agency", n.agency_id},
              {"year", n.year},
              {"number", n.number},
              {"title", n.title},
              {"body", n.body},
              {"items", items},
              {"by", n.published_by},
              {"at", Time(n.publish_time)}}
      .dump();
}

absl::StatusOr<Notice> ReadNoticeBody(const std::string& text) {
  try {
    const json j = json::parse(text);
    Notice n;
    n.id = j.at("id").get<std::string>();
    n.kind = static_cast<NoticeKind>(j.at("kind").get<int>());
    n.division_code = j.at("division").get<std::string>();
    n.agency_id = j.at("agency").get<std::string>();
    n.year = j.at("year").get<int>();
    n.number = j.at("number").get<int>();
    n.title = j.at("title").get<std::string>();
    n.body = j.at("body").get<std::string>();
    for (const json& i : j.at("items")) {
      n.items.push_back({i.at("text").get<std::string>(), i.at("finding").get<std::string>(),
                         i.at("rect").get<std::string>(), i.at("complaint").get<std::string>()});
    }
    n.published_by = j.at("by").get<std::string>();
    n.publish_time = ReadTime(j.at("at"));
    return n;
  } catch (const std::exception& e) {
    return absl::DataLossError(absl::StrCat("stored notice is malformed: ", e.what()));
  }
}

}  // namespace lawenforce::supervision::json
