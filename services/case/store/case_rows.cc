#include "services/case/store/case_rows.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/outbox/outbox.h"
#include "common/status/macros.h"
#include "common/store/values.h"
#include "services/case/store/case_facts.h"
#include "services/case/store/case_json.h"
#include "services/case/store/case_query.h"
#include "services/case/store/schema.h"

namespace lawenforce::cases::sql {
namespace {

using store::Bool;
using store::Int;
using store::Null;
using store::Row;
using store::Text;
using store::TimeValue;

store::Value OptTime(const std::optional<absl::Time>& t) {
  return t.has_value() ? TimeValue(*t) : Null();
}

absl::Status DataLoss(absl::string_view what, const std::exception& e) {
  return absl::DataLossError(absl::StrCat(what, " is malformed: ", e.what()));
}

StatutoryClock ClockFromRow(const Row& r) {
  StatutoryClock c;
  c.case_id = r.Text(0);
  c.kind = static_cast<ClockKind>(r.Int(1));
  c.division_code = r.Text(2);
  c.state = static_cast<ClockState>(r.Int(3));
  c.start = store::TimeFromMicros(r.Int(4));
  c.start_event = r.Text(5);
  c.period = {static_cast<int>(r.Int(6)), static_cast<calendar::PeriodUnit>(r.Int(7))};
  c.events = json::ReadClockEvents(nlohmann::json::parse(r.Text(8)));
  if (!r.IsNull(9)) c.due = store::TimeFromMicros(r.Int(9));
  c.provisional = r.Bool(10);
  if (!r.IsNull(11)) c.ended_at = store::TimeFromMicros(r.Int(11));
  c.on_time = r.Bool(12);
  c.version = r.Int(13);
  return c;
}

constexpr char kClockColumns[] =
    "case_id, kind, division_code, state, start_time, start_event, period_count, period_unit, "
    "events, due_at, provisional, ended_at, on_time, version";

std::vector<store::Value> CaseValues(const Case& c) {
  return {Text(c.id),
          Text(c.agency_id),
          Text(c.division_code),
          Text(c.item_id),
          Int(static_cast<int64_t>(c.state)),
          Bool(HasEnterpriseParty(c)),
          Bool(c.overdue),
          TimeValue(c.violation_time),
          TimeValue(c.filed_at),
          c.decision.has_value() ? TimeValue(c.decision->time) : Null(),
          OptTime(c.closed_at),
          Int(c.record_length),
          Text(c.record_head),
          Text(json::CaseDetail(c).dump()),
          TimeValue(c.update_time),
          Int(c.version)};
}

absl::Status WriteClock(store::Transaction& tx, const StatutoryClock& c,
                        deadlines::DeadlineScheduler* deadlines) {
  LE_RETURN_IF_ERROR(tx.Execute("DELETE FROM case_clocks WHERE case_id = ? AND kind = ?",
                                {Text(c.case_id), Int(static_cast<int64_t>(c.kind))})
                         .status());
  LE_RETURN_IF_ERROR(
      tx.Execute(absl::StrCat("INSERT INTO case_clocks (", kClockColumns,
                              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {Text(c.case_id), Int(static_cast<int64_t>(c.kind)), Text(c.division_code),
                  Int(static_cast<int64_t>(c.state)), TimeValue(c.start), Text(c.start_event),
                  Int(c.period.count), Int(static_cast<int64_t>(c.period.unit)),
                  Text(json::ClockEvents(c.events).dump()), OptTime(c.due), Bool(c.provisional),
                  OptTime(c.ended_at), Bool(c.on_time), Int(c.version)})
          .status());
  if (deadlines == nullptr) return absl::OkStatus();
  const std::string subject = ClockSubject(c.case_id, c.kind);
  if (c.state == ClockState::kRunning && c.due.has_value()) {
    return deadlines
        ->Schedule(tx, {kCaseClockDeadline, subject, *c.due, RuleOf(c.kind).code, std::nullopt})
        .status();
  }
  return deadlines->Cancel(tx, kCaseClockDeadline, subject);
}

}  // namespace

std::string ClockSubject(const std::string& case_id, ClockKind kind) {
  return absl::StrCat(case_id, "/", RuleOf(kind).code);
}

std::pair<std::string, std::string> PrefixRange(const std::string& prefix) {
  return {prefix, store::PrefixEnd(prefix)};
}

absl::StatusOr<Case> CaseFromRow(const Row& r) {
  Case c;
  c.id = r.Text(0);
  c.agency_id = r.Text(1);
  c.division_code = r.Text(2);
  c.item_id = r.Text(3);
  c.state = static_cast<CaseState>(r.Int(4));
  c.overdue = r.Bool(6);
  c.violation_time = store::TimeFromMicros(r.Int(7));
  c.filed_at = store::TimeFromMicros(r.Int(8));
  if (!r.IsNull(10)) c.closed_at = store::TimeFromMicros(r.Int(10));
  c.record_length = r.Int(11);
  c.record_head = r.Text(12);
  try {
    json::ReadCaseDetail(nlohmann::json::parse(r.Text(13)), c);
  } catch (const std::exception& e) {
    return DataLoss("case detail", e);
  }
  c.update_time = store::TimeFromMicros(r.Int(14));
  c.version = r.Int(15);
  return c;
}

absl::Status LoadParties(store::Transaction& tx, std::vector<Case>& cases) {
  if (cases.empty()) return absl::OkStatus();
  std::vector<store::Value> ids;
  std::vector<std::string> marks;
  for (const Case& c : cases) {
    ids.push_back(Text(c.id));
    marks.push_back("?");
  }
  LE_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(
          absl::StrCat("SELECT case_id, kind, name, credit_code, id_number_ciphertext, "
                       "id_number_index, id_number_masked FROM case_parties WHERE case_id IN (",
                       absl::StrJoin(marks, ", "), ") ORDER BY case_id, position"),
          ids));
  for (const Row& r : rows) {
    for (Case& c : cases) {
      if (c.id != r.Text(0)) continue;
      Party p;
      p.kind = static_cast<PartyKind>(r.Int(1));
      p.name = r.Text(2);
      p.credit_code = r.Text(3);
      p.id_number = {r.Text(4), r.Text(5), r.Text(6)};
      c.parties.push_back(std::move(p));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<CaseBundle> ReadBundle(store::Transaction& tx, const std::string& id) {
  LE_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(absl::StrCat("SELECT ", kCaseColumns, " FROM cases WHERE id = ?"), {Text(id)}));
  if (rows.empty()) return absl::NotFoundError("case not found");
  CaseBundle b;
  LE_ASSIGN_OR_RETURN(b.c, CaseFromRow(rows[0]));
  std::vector<Case> one = {std::move(b.c)};
  LE_RETURN_IF_ERROR(LoadParties(tx, one));
  b.c = std::move(one[0]);
  LE_ASSIGN_OR_RETURN(b.clocks, ReadClocks(tx, id));
  return b;
}

absl::StatusOr<std::vector<StatutoryClock>> ReadClocks(store::Transaction& tx,
                                                       const std::string& id) {
  LE_ASSIGN_OR_RETURN(std::vector<Row> rows,
                      tx.Query(absl::StrCat("SELECT ", kClockColumns,
                                            " FROM case_clocks WHERE case_id = ? ORDER BY kind"),
                               {Text(id)}));
  std::vector<StatutoryClock> clocks;
  try {
    for (const Row& r : rows) clocks.push_back(ClockFromRow(r));
  } catch (const std::exception& e) {
    return DataLoss("clock events", e);
  }
  return clocks;
}

absl::StatusOr<RecordEntry> WriteCase(store::Change& change, const CaseWrite& w,
                                      deadlines::DeadlineScheduler* deadlines) {
  store::Transaction& tx = change.tx();
  Case c = w.after;
  // Before the case row changes: a case without facts yet gets those of
  // its stored body first (case_facts.h).
  LE_ASSIGN_OR_RETURN(std::optional<CaseFacts> previous,
                      PreviousFacts(tx, c.id, w.expected_version != 0));
  // The record entry, chained after the last one.
  LE_ASSIGN_OR_RETURN(
      std::vector<Row> last,
      tx.Query("SELECT seq, hash FROM case_record WHERE case_id = ? ORDER BY seq DESC LIMIT 1",
               {Text(c.id)}));
  const int64_t seq = last.empty() ? 1 : last[0].Int(0) + 1;
  const RecordEntry entry =
      ChainEntry(c.id, w.entry, seq, last.empty() ? GenesisHash() : last[0].Text(1));
  LE_RETURN_IF_ERROR(
      tx.Execute(
            "INSERT INTO case_record (case_id, seq, entry_time, actor, action, officer_ids, "
            "summary, evidence, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {Text(c.id), Int(entry.seq), TimeValue(entry.time), Text(entry.actor),
             Text(entry.action), Text(absl::StrJoin(entry.officer_ids, ",")), Text(entry.summary),
             Text(json::Evidence(entry.evidence).dump()), Text(entry.prev_hash), Text(entry.hash)})
          .status());
  c.record_length = entry.seq;
  c.record_head = entry.hash;

  if (w.expected_version == 0) {
    LE_RETURN_IF_ERROR(
        tx.Execute(absl::StrCat("INSERT INTO cases (", kCaseColumns,
                                ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   CaseValues(c))
            .status());
    for (size_t i = 0; i < c.parties.size(); ++i) {
      const Party& p = c.parties[i];
      LE_RETURN_IF_ERROR(
          tx.Execute("INSERT INTO case_parties (case_id, position, kind, name, credit_code, "
                     "id_number_ciphertext, id_number_index, id_number_masked) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     {Text(c.id), Int(static_cast<int64_t>(i)), Int(static_cast<int64_t>(p.kind)),
                      Text(p.name), Text(p.credit_code), Text(p.id_number.ciphertext),
                      Text(p.id_number.blind_index), Text(p.id_number.masked)})
              .status());
    }
  } else {
    std::vector<store::Value> values = CaseValues(c);
    values.erase(values.begin());  // id goes last
    values.push_back(Text(c.id));
    values.push_back(Int(w.expected_version));
    LE_RETURN_IF_ERROR(change.ExpectUpdated(
        tx.Execute("UPDATE cases SET agency_id = ?, division_code = ?, item_id = ?, state = ?, "
                   "enterprise_party = ?, overdue = ?, violation_time = ?, filed_at = ?, "
                   "decided_at = ?, closed_at = ?, record_length = ?, record_head = ?, detail = ?, "
                   "update_time = ?, version = ? WHERE id = ? AND version = ?",
                   values),
        "cases", c.id, "case", "etag"));
    LE_RETURN_IF_ERROR(
        tx.Execute("DELETE FROM case_officers WHERE case_id = ?", {Text(c.id)}).status());
  }
  for (const std::string& officer : c.officer_ids) {
    LE_RETURN_IF_ERROR(tx.Execute("INSERT INTO case_officers (officer_id, case_id) VALUES (?, ?)",
                                  {Text(officer), Text(c.id)})
                           .status());
  }
  for (const StatutoryClock& clock : w.clocks) LE_RETURN_IF_ERROR(WriteClock(tx, clock, deadlines));
  if (!w.clocks.empty() || w.expected_version == 0) {
    // The earliest due moment of its duty clocks, kept on the case so that
    // "overdue now" is a condition on the case row (case_query.h).
    LE_RETURN_IF_ERROR(tx.Execute(UpdateNextDueSql(), {Text(c.id), Text(c.id)}).status());
  }
  for (const ActOfficer& o : w.officers) {
    LE_RETURN_IF_ERROR(
        tx.Execute(
              "INSERT INTO case_acts (id, case_id, division_code, officer_id, action, "
              "act_time, record_seq, certificate_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              {Text(change.ids().NewId()), Text(c.id), Text(c.division_code), Text(o.officer_id),
               Text(entry.action), TimeValue(entry.time), Int(entry.seq), Text(o.certificate_id)})
            .status());
  }
  LE_ASSIGN_OR_RETURN(std::vector<StatutoryClock> clocks, ReadClocks(tx, c.id));
  LE_RETURN_IF_ERROR(InsertFacts(
      tx, FactsAfter(c, clocks, previous, entry.seq, w.recorded_at.value_or(entry.time))));
  LE_RETURN_IF_ERROR(
      outbox::Append(change, {w.event_type, absl::StrCat("cases/", c.id), c.division_code,
                              w.audit.actor, entry.time, json::CasePayload(c)})
          .status());
  LE_RETURN_IF_ERROR(change.Audit(w.audit));
  return entry;
}

}  // namespace lawenforce::cases::sql
