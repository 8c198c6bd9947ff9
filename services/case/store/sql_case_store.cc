// Cases, their clocks and the full-process record on SQL; the plumbing is
// common/store/record_store.h, the row mapping case_rows.h.

#include "services/case/store/sql_case_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/log/log.h"
#include "common/status/macros.h"
#include "common/store/values.h"
#include "services/case/store/case_facts.h"
#include "services/case/store/case_json.h"
#include "services/case/store/case_query.h"
#include "services/case/store/case_rows.h"
#include "services/case/store/schema.h"
#include "services/case/store/sql_stores.h"

namespace lawenforce::cases {
namespace sql {
namespace {

using store::Bool;
using store::Int;
using store::Row;
using store::Text;
using store::TimeValue;

}  // namespace

absl::StatusOr<Created> SqlCaseStores::FileCase(const CaseWrite& w,
                                                const std::optional<IdempotencyKey>& key) {
  return records_.Create(key, w.audit, w.after.id, [&](store::Change& change) -> absl::Status {
    if (w.draw_link.has_value()) LE_RETURN_IF_ERROR(LinkDraw(change, *w.draw_link));
    return WriteCase(change, w, deadlines_).status();
  });
}

absl::StatusOr<CaseBundle> SqlCaseStores::GetCase(const std::string& id) {
  CaseBundle out;
  LE_RETURN_IF_ERROR(records_.db()->Read([&](store::Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(out, ReadBundle(tx, id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status SqlCaseStores::ApplyAct(const CaseWrite& w) {
  return records_.Write([&](store::Change& change) -> absl::Status {
    return WriteCase(change, w, deadlines_).status();
  });
}

absl::StatusOr<std::vector<Case>> SqlCaseStores::ListCases(const CaseFilter& f,
                                                           const PageRequest& page) {
  std::vector<Case> out;
  LE_RETURN_IF_ERROR(records_.db()->Read([&](store::Transaction& tx) -> absl::Status {
    out.clear();
    LE_ASSIGN_OR_RETURN(Statement query, CaseListStatement(tx, records_.db()->dialect(), f, page));
    LE_ASSIGN_OR_RETURN(std::vector<Row> rows, tx.Query(query.sql, query.params));
    for (const Row& r : rows) {
      LE_ASSIGN_OR_RETURN(Case c, CaseFromRow(r));
      c.overdue = r.Bool(16);  // at f.now
      out.push_back(std::move(c));
    }
    return LoadParties(tx, out);
  }));
  return out;
}

absl::StatusOr<std::vector<std::string>> SqlCaseStores::ListCasesWithProvisionalClocks() {
  return records_.QueryAll<std::string>(
      absl::StrCat("SELECT DISTINCT case_id FROM case_clocks WHERE provisional = 1 AND state IN (",
                   static_cast<int>(ClockState::kRunning), ", ",
                   static_cast<int>(ClockState::kPaused), ", ",
                   static_cast<int>(ClockState::kOverdue), ") ORDER BY case_id"),
      {}, [](const Row& r) { return r.Text(0); });
}

absl::StatusOr<std::vector<ClockCount>> SqlCaseStores::CountOverdueClocks(absl::Time now) {
  // Every (division, clock) with an open clock, overdue or not: a zero is
  // a series too, so a quiet division shows 0 rather than nothing.
  return records_.QueryAll<ClockCount>(
      absl::StrCat("SELECT division_code, kind, CAST(SUM(CASE WHEN ", OverdueClockCondition(),
                   " THEN 1 ELSE 0 END) AS INTEGER) FROM case_clocks WHERE state IN (",
                   static_cast<int>(ClockState::kRunning), ", ",
                   static_cast<int>(ClockState::kPaused), ", ",
                   static_cast<int>(ClockState::kOverdue), ") GROUP BY division_code, kind"),
      {TimeValue(now)}, [](const Row& r) {
        return ClockCount{r.Text(0), static_cast<ClockKind>(r.Int(1)), r.Int(2)};
      });
}

absl::StatusOr<std::vector<PublicityCount>> SqlCaseStores::CountPublicity() {
  return records_.QueryAll<PublicityCount>(
      absl::StrCat("SELECT division_code, on_time, COUNT(*) FROM case_clocks WHERE kind = ",
                   static_cast<int>(ClockKind::kPublicity), " AND state = ",
                   static_cast<int>(ClockState::kMet), " GROUP BY division_code, on_time"),
      {}, [](const Row& r) {
        return PublicityCount{r.Text(0), r.Bool(1), r.Int(2)};
      });
}

absl::StatusOr<std::vector<CaseCount>> SqlCaseStores::CountCases() {
  return records_.QueryAll<CaseCount>(
      "SELECT c.division_code, i.kind, c.state, COUNT(*) FROM cases c JOIN items i ON i.id = "
      "c.item_id GROUP BY c.division_code, i.kind, c.state",
      {}, [](const Row& r) {
        return CaseCount{r.Text(0), static_cast<ItemKind>(r.Int(1)),
                         static_cast<CaseState>(r.Int(2)), r.Int(3)};
      });
}

absl::StatusOr<std::vector<CaseFacts>> SqlCaseStores::ListLatestFacts(const FactsScope& scope,
                                                                      absl::Time as_of) {
  std::vector<CaseFacts> out;
  LE_RETURN_IF_ERROR(records_.db()->Read([&](store::Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(out, LatestFacts(tx, scope, as_of));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<RecordEntry>> SqlCaseStores::GetRecord(const std::string& case_id) {
  absl::Status bad;
  LE_ASSIGN_OR_RETURN(
      std::vector<RecordEntry> out,
      records_.QueryAll<RecordEntry>(
          "SELECT seq, entry_time, actor, action, officer_ids, summary, evidence, prev_hash, hash "
          "FROM case_record WHERE case_id = ? ORDER BY seq",
          {Text(case_id)}, [&](const Row& r) {
            RecordEntry e;
            e.seq = r.Int(0);
            e.time = store::TimeFromMicros(r.Int(1));
            e.actor = r.Text(2);
            e.action = r.Text(3);
            const std::string officers = r.Text(4);
            if (!officers.empty()) e.officer_ids = absl::StrSplit(officers, ',');
            e.summary = r.Text(5);
            try {
              e.evidence = json::ReadEvidence(nlohmann::json::parse(r.Text(6)));
            } catch (const std::exception& ex) {
              // Tampered evidence column: keep the entry (it will not verify).
              e.evidence = {{"", "unreadable", ex.what()}};
            }
            e.prev_hash = r.Text(7);
            e.hash = r.Text(8);
            return e;
          }));
  if (!bad.ok()) return bad;
  return out;
}

absl::StatusOr<std::vector<OfficerAct>> SqlCaseStores::ListOfficerActs(
    const std::string& officer_id, const std::string& division_prefix, absl::Time from,
    absl::Time to, const PageRequest& page) {
  const auto [low, high] = PrefixRange(division_prefix);
  return records_.QueryPage<OfficerAct>(
      "SELECT id, case_id, division_code, officer_id, action, act_time, record_seq, "
      "certificate_id FROM case_acts WHERE officer_id = ? AND act_time >= ? AND act_time < ? "
      "AND division_code >= ? AND division_code < ?",
      {Text(officer_id), TimeValue(from), TimeValue(to), Text(low), Text(high)}, page,
      [](const Row& r) {
        return OfficerAct{r.Text(0), r.Text(1), r.Text(2),
                          r.Text(3), r.Text(4), store::TimeFromMicros(r.Int(5)),
                          r.Int(6),  r.Text(7)};
      });
}

absl::StatusOr<std::vector<RecordHead>> SqlCaseStores::ListRecordHeads(
    const std::string& division_prefix, const PageRequest& page) {
  // The subtree as an indexed prefix (case_query.h), so that the heads
  // come in id order from the index instead of the subtree being sorted.
  std::vector<store::Value> params;
  std::string where = SubtreeCondition(division_prefix, params);
  const bool sqlite = records_.db()->dialect() == "sqlite";
  const char* index = division_prefix.size() == 9   ? "cases_by_division"
                      : division_prefix.size() == 6 ? "cases_by_county"
                      : division_prefix.size() == 4 ? "cases_by_city"
                                                    : "cases_scan";
  return records_.QueryPage<RecordHead>(
      absl::StrCat("SELECT id, division_code, state, record_length, record_head FROM cases",
                   sqlite ? absl::StrCat(" INDEXED BY ", index) : "", " WHERE ",
                   where.empty() ? "1 = 1" : where),
      std::move(params), page, [](const Row& r) {
        return RecordHead{r.Text(0), r.Text(1), static_cast<CaseState>(r.Int(2)),
                          ChainHead{r.Int(3), r.Text(4)}};
      });
}

}  // namespace sql

absl::StatusOr<std::unique_ptr<CaseStores>> OpenSqlCaseStore(
    store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
    deadlines::DeadlineScheduler* deadlines) {
  LE_RETURN_IF_ERROR(store::Migrate(*db, kServiceName, CaseMigrations()));
  // Cases filed before migration 4 get their facts from their bodies
  // (case_facts.h): once, a no-op query afterwards.
  LE_ASSIGN_OR_RETURN(int64_t backfilled, sql::BackfillFacts(*db));
  if (backfilled > 0) {
    log::Info("case_facts_backfilled", {{"cases", absl::StrCat(backfilled)}});
  }
  if (db->dialect() == "postgres") {
    // A page of cases reads some hundred index entries; starting parallel
    // workers for it cost 25 ms of a 30 ms ListCases overdue=true on a
    // million cases (docs/benchmarks.md section 4). Set once (the table
    // keeps it); SQLite has no such setting.
    bool set = false;
    LE_RETURN_IF_ERROR(db->Read([&](store::Transaction& tx) -> absl::Status {
      LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                          tx.Query("SELECT 1 FROM pg_class WHERE oid = 'cases'::regclass AND "
                                   "reloptions @> ARRAY['parallel_workers=0']"));
      set = !rows.empty();
      return absl::OkStatus();
    }));
    if (!set) {
      LE_RETURN_IF_ERROR(db->Write([](store::Transaction& tx) {
        return tx.Execute("ALTER TABLE cases SET (parallel_workers = 0)").status();
      }));
    }
  }
  return std::make_unique<sql::SqlCaseStores>(db, ids, changes, deadlines);
}

}  // namespace lawenforce::cases
