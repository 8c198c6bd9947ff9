#include "services/case/store/case_json.h"

#include <optional>

#include "common/store/json_values.h"

namespace lawenforce::cases::json {
namespace {

using nlohmann::json;

using store::jsonfmt::OptTime;
using store::jsonfmt::ReadOptTime;
using store::jsonfmt::ReadTime;
using store::jsonfmt::Time;

json SanctionJson(const Sanction& s) {
  json kinds = json::array();
  for (PenaltyKind k : s.kinds) kinds.push_back(static_cast<int>(k));
  return {{"circumstance", s.circumstance}, {"kinds", kinds}, {"fine_fen", s.fine_fen}};
}
Sanction ReadSanction(const json& j) {
  Sanction s;
  s.circumstance = j.at("circumstance").get<std::string>();
  for (const json& k : j.at("kinds")) s.kinds.push_back(static_cast<PenaltyKind>(k.get<int>()));
  s.fine_fen = j.at("fine_fen").get<int64_t>();
  return s;
}

json DecisionJson(const Decision& d) {
  return {{"outcome", static_cast<int>(d.outcome)},
          {"sanction", SanctionJson(d.sanction)},
          {"reason", d.reason},
          {"outside_benchmark", d.outside_benchmark},
          {"item_version", d.item_version},
          {"benchmark_version", d.benchmark_version},
          {"later_rule_lighter", d.later_rule_lighter},
          {"rules_explanation", d.rules_explanation},
          {"publish", d.publish},
          {"time", Time(d.time)}};
}
Decision ReadDecision(const json& j) {
  Decision d;
  d.outcome = static_cast<Outcome>(j.at("outcome").get<int>());
  d.sanction = ReadSanction(j.at("sanction"));
  d.reason = j.at("reason").get<std::string>();
  d.outside_benchmark = j.at("outside_benchmark").get<std::string>();
  d.item_version = j.at("item_version").get<int64_t>();
  d.benchmark_version = j.at("benchmark_version").get<int64_t>();
  d.later_rule_lighter = j.at("later_rule_lighter").get<bool>();
  d.rules_explanation = j.at("rules_explanation").get<std::string>();
  d.publish = j.at("publish").get<bool>();
  d.time = ReadTime(j.at("time"));
  return d;
}

json ReviewJson(const LegalReview& r) {
  return {{"reviewer_officer_id", r.reviewer_officer_id},
          {"reviewer_subject", r.reviewer_subject},
          {"outcome", static_cast<int>(r.outcome)},
          {"opinion", r.opinion},
          {"time", Time(r.time)},
          {"proposal", DecisionJson(r.proposal)}};
}
LegalReview ReadReview(const json& j) {
  LegalReview r;
  r.reviewer_officer_id = j.at("reviewer_officer_id").get<std::string>();
  r.reviewer_subject = j.at("reviewer_subject").get<std::string>();
  r.outcome = static_cast<ReviewOutcome>(j.at("outcome").get<int>());
  r.opinion = j.at("opinion").get<std::string>();
  r.time = ReadTime(j.at("time"));
  r.proposal = ReadDecision(j.at("proposal"));
  return r;
}

json TransferJson(const Transfer& t) {
  return {{"recipient", static_cast<int>(t.recipient)},
          {"recipient_name", t.recipient_name},
          {"reason", t.reason},
          {"reported_at", Time(t.reported_at)},
          {"approved_at", OptTime(t.approved_at)},
          {"approved_by", t.approved_by},
          {"handed_over_at", OptTime(t.handed_over_at)},
          {"receipt_at", OptTime(t.receipt_at)},
          {"receipt_number", t.receipt_number}};
}
Transfer ReadTransfer(const json& j) {
  Transfer t;
  t.recipient = static_cast<TransferRecipient>(j.at("recipient").get<int>());
  t.recipient_name = j.at("recipient_name").get<std::string>();
  t.reason = j.at("reason").get<std::string>();
  t.reported_at = ReadTime(j.at("reported_at"));
  t.approved_at = ReadOptTime(j, "approved_at");
  t.approved_by = j.at("approved_by").get<std::string>();
  t.handed_over_at = ReadOptTime(j, "handed_over_at");
  t.receipt_at = ReadOptTime(j, "receipt_at");
  t.receipt_number = j.at("receipt_number").get<std::string>();
  return t;
}

}  // namespace

json CaseDetail(const Case& c) {
  json j = {{"item_code", c.item_code},
            {"kind", static_cast<int>(c.kind)},
            {"domain", c.domain},
            {"facts", c.facts},
            {"endangers_safety", c.endangers_safety},
            {"first_violation", c.first_violation},
            {"officer_ids", c.officer_ids},
            {"filed_by", c.filed_by},
            {"item_version_at_filing", c.item_version_at_filing},
            {"review_reasons", c.review_reasons},
            {"notified_at", OptTime(c.notified_at)},
            {"hearing_requested", c.hearing_requested},
            {"hearing_at", OptTime(c.hearing_at)},
            {"served_at", OptTime(c.served_at)},
            {"published_at", OptTime(c.published_at)},
            {"publication_withdrawn_at", OptTime(c.publication_withdrawn_at)},
            {"decision_changed", c.decision_changed},
            {"executed_at", OptTime(c.executed_at)},
            {"end_reason", c.end_reason},
            {"coercion_active", c.coercion_active}};
  j["proposal"] = c.proposal.has_value() ? DecisionJson(*c.proposal) : json(nullptr);
  j["review"] = c.review.has_value() ? ReviewJson(*c.review) : json(nullptr);
  j["decision"] = c.decision.has_value() ? DecisionJson(*c.decision) : json(nullptr);
  j["transfer"] = c.transfer.has_value() ? TransferJson(*c.transfer) : json(nullptr);
  if (c.inspection.has_value()) {
    j["inspection"] = {{"draw_id", c.inspection->draw_id},
                       {"credit_code", c.inspection->credit_code}};
  }
  if (c.source.has_value()) j["source"] = SourceJson(*c.source);
  return j;
}

void ReadCaseDetail(const json& j, Case& c) {
  c.item_code = j.at("item_code").get<std::string>();
  c.kind = static_cast<ItemKind>(j.at("kind").get<int>());
  c.domain = j.at("domain").get<std::string>();
  c.facts = j.at("facts").get<std::string>();
  c.endangers_safety = j.at("endangers_safety").get<bool>();
  c.first_violation = j.at("first_violation").get<bool>();
  c.officer_ids = j.at("officer_ids").get<std::vector<std::string>>();
  c.filed_by = j.at("filed_by").get<std::string>();
  c.item_version_at_filing = j.at("item_version_at_filing").get<int64_t>();
  c.review_reasons = j.at("review_reasons").get<std::vector<std::string>>();
  c.notified_at = ReadOptTime(j, "notified_at");
  c.hearing_requested = j.at("hearing_requested").get<bool>();
  c.hearing_at = ReadOptTime(j, "hearing_at");
  c.served_at = ReadOptTime(j, "served_at");
  c.published_at = ReadOptTime(j, "published_at");
  c.publication_withdrawn_at = ReadOptTime(j, "publication_withdrawn_at");
  c.decision_changed = j.at("decision_changed").get<bool>();
  c.executed_at = ReadOptTime(j, "executed_at");
  c.end_reason = j.at("end_reason").get<std::string>();
  c.coercion_active = j.at("coercion_active").get<bool>();
  if (!j.at("proposal").is_null()) c.proposal = ReadDecision(j.at("proposal"));
  if (!j.at("review").is_null()) c.review = ReadReview(j.at("review"));
  if (!j.at("decision").is_null()) c.decision = ReadDecision(j.at("decision"));
  if (!j.at("transfer").is_null()) c.transfer = ReadTransfer(j.at("transfer"));
  // Absent from cases filed before inspections were built.
  if (j.contains("inspection")) {
    c.inspection = InspectionRef{j.at("inspection").at("draw_id").get<std::string>(),
                                 j.at("inspection").at("credit_code").get<std::string>()};
  }
  // Present on imported cases only.
  if (j.contains("source")) c.source = ReadSourceJson(j.at("source"));
}

json SourceJson(const ImportSource& s) {
  return {{"system", s.system},
          {"id", s.id},
          {"first_import_time", Time(s.first_import_time)},
          {"last_import_time", Time(s.last_import_time)}};
}

ImportSource ReadSourceJson(const json& j) {
  return ImportSource{j.at("system").get<std::string>(), j.at("id").get<std::string>(),
                      ReadTime(j.at("first_import_time")), ReadTime(j.at("last_import_time"))};
}

std::string CasePayload(const Case& c) {
  json j = CaseDetail(c);
  j["id"] = c.id;
  j["agency_id"] = c.agency_id;
  j["division_code"] = c.division_code;
  j["item_id"] = c.item_id;
  j["state"] = CaseStateName(c.state);
  j["violation_time"] = Time(c.violation_time);
  j["filed_at"] = Time(c.filed_at);
  j["closed_at"] = OptTime(c.closed_at);
  j["overdue"] = c.overdue;
  j["record_length"] = c.record_length;
  j["record_head"] = c.record_head;
  j["version"] = c.version;
  json parties = json::array();
  for (const Party& p : c.parties) {
    parties.push_back({{"kind", p.kind == PartyKind::kEnterprise ? "ENTERPRISE" : "INDIVIDUAL"},
                       {"name", p.name},
                       {"credit_code", p.credit_code},
                       {"id_number_masked", p.id_number.masked}});
  }
  j["parties"] = parties;
  return j.dump();
}

json ClockEvents(const std::vector<ClockEvent>& events) {
  json out = json::array();
  for (const ClockEvent& e : events) {
    out.push_back({{"seq", e.seq},
                   {"kind", static_cast<int>(e.kind)},
                   {"time", Time(e.time)},
                   {"pause_reason", static_cast<int>(e.pause_reason)},
                   {"extension", e.extension},
                   {"reason", e.reason},
                   {"actor", e.actor},
                   {"old_due", Time(e.old_due)},
                   {"new_due", Time(e.new_due)}});
  }
  return out;
}

std::vector<ClockEvent> ReadClockEvents(const json& j) {
  std::vector<ClockEvent> out;
  for (const json& e : j) {
    ClockEvent c;
    c.seq = e.at("seq").get<int64_t>();
    c.kind = static_cast<ClockEventKind>(e.at("kind").get<int>());
    c.time = ReadTime(e.at("time"));
    c.pause_reason = static_cast<PauseReason>(e.at("pause_reason").get<int>());
    c.extension = e.at("extension").get<int>();
    c.reason = e.at("reason").get<std::string>();
    c.actor = e.at("actor").get<std::string>();
    c.old_due = ReadTime(e.at("old_due"));
    c.new_due = ReadTime(e.at("new_due"));
    out.push_back(std::move(c));
  }
  return out;
}

json Evidence(const std::vector<EvidenceRef>& evidence) {
  json out = json::array();
  for (const EvidenceRef& e : evidence) {
    out.push_back({{"sha256", e.sha256}, {"kind", e.kind}, {"description", e.description}});
  }
  return out;
}

std::vector<EvidenceRef> ReadEvidence(const json& j) {
  std::vector<EvidenceRef> out;
  for (const json& e : j) {
    out.push_back({e.at("sha256").get<std::string>(), e.at("kind").get<std::string>(),
                   e.at("description").get<std::string>()});
  }
  return out;
}

json Levels(const std::vector<BenchmarkLevel>& levels) {
  json out = json::array();
  for (const BenchmarkLevel& l : levels) {
    json kinds = json::array();
    for (PenaltyKind k : l.allowed_kinds) kinds.push_back(static_cast<int>(k));
    out.push_back({{"code", l.code},
                   {"description", l.description},
                   {"allowed_kinds", kinds},
                   {"min_fine_fen", l.min_fine_fen},
                   {"max_fine_fen", l.max_fine_fen},
                   {"first_violation_exempt", l.first_violation_exempt}});
  }
  return out;
}

std::vector<BenchmarkLevel> ReadLevels(const json& j) {
  std::vector<BenchmarkLevel> out;
  for (const json& l : j) {
    BenchmarkLevel level;
    level.code = l.at("code").get<std::string>();
    level.description = l.at("description").get<std::string>();
    for (const json& k : l.at("allowed_kinds")) {
      level.allowed_kinds.push_back(static_cast<PenaltyKind>(k.get<int>()));
    }
    level.min_fine_fen = l.at("min_fine_fen").get<int64_t>();
    level.max_fine_fen = l.at("max_fine_fen").get<int64_t>();
    level.first_violation_exempt = l.at("first_violation_exempt").get<bool>();
    out.push_back(std::move(level));
  }
  return out;
}

}  // namespace lawenforce::cases::json
