#include "services/supervision/store/complaint_json.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace lawenforce::supervision::json {
namespace {

using nlohmann::json;

json Time(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time ReadTime(const json& j) { return absl::FromUnixMicros(j.get<int64_t>()); }
json OptTime(const std::optional<absl::Time>& t) {
  return t.has_value() ? Time(*t) : json(nullptr);
}
std::optional<absl::Time> ReadOptTime(const json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return ReadTime(j.at(key));
}

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

}  // namespace

std::string ComplaintBody(const Complaint& c) {
  json clocks = json::array();
  for (const Clock& k : c.clocks) clocks.push_back(ClockJson(k));
  json escalations = json::array();
  for (const Escalation& e : c.escalations) {
    escalations.push_back({{"clock", static_cast<int>(e.clock)},
                           {"from", e.from_division},
                           {"from_tier", static_cast<int>(e.from_tier)},
                           {"to", e.to_division},
                           {"to_tier", static_cast<int>(e.to_tier)},
                           {"at", Time(e.at)}});
  }
  json routings = json::array();
  for (const Routing& r : c.routings) {
    routings.push_back({{"from", r.from_agency},
                        {"to", r.to_agency},
                        {"reason", r.reason},
                        {"actor", r.actor},
                        {"at", Time(r.at)}});
  }
  json history = json::array();
  for (const ComplaintEvent& e : c.history) {
    history.push_back({{"seq", e.seq},
                       {"type", e.type},
                       {"at", Time(e.at)},
                       {"actor", e.actor},
                       {"detail", e.detail},
                       {"state", static_cast<int>(e.state_after)},
                       {"division", e.division_after},
                       {"satisfaction", e.satisfaction},
                       {"on_time", e.on_time}});
  }
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
    for (const json& e : j.at("escalations")) {
      c.escalations.push_back(Escalation{
          static_cast<ClockKind>(e.at("clock").get<int>()), e.at("from").get<std::string>(),
          static_cast<Tier>(e.at("from_tier").get<int>()), e.at("to").get<std::string>(),
          static_cast<Tier>(e.at("to_tier").get<int>()), ReadTime(e.at("at"))});
    }
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
    for (const json& e : j.at("history")) {
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
      c.history.push_back(std::move(ev));
    }
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

}  // namespace lawenforce::supervision::json
