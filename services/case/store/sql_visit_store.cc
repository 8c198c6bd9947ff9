// The inspection-control methods of the SQL store (sql_stores.h): caps,
// visits (one row per agency part), white lists and warnings
// (domain/visit.h), as JSON bodies (inspection_json.h).

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/outbox/outbox.h"
#include "common/status/macros.h"
#include "common/store/values.h"
#include "services/case/store/case_rows.h"
#include "services/case/store/inspection_json.h"
#include "services/case/store/sql_stores.h"

namespace lawenforce::cases::sql {
namespace {

template <typename T, typename Read>
absl::StatusOr<std::vector<T>> Bodies(store::Transaction& tx, absl::string_view sql,
                                      std::vector<store::Value> params, Read read) {
  LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows, tx.Query(sql, std::move(params)));
  std::vector<T> out;
  out.reserve(rows.size());
  for (const store::Row& r : rows) {
    LE_ASSIGN_OR_RETURN(T v, read(r.Text(0)));
    out.push_back(std::move(v));
  }
  return out;
}

// The facts a visit is decided on, read in its transaction.
absl::StatusOr<VisitFacts> ReadFacts(store::Transaction& tx, const InspectionVisit& v,
                                     absl::Duration window) {
  VisitFacts f;
  for (const VisitPart& p : v.parts) {
    LE_ASSIGN_OR_RETURN(
        std::vector<VisitCap> caps,
        Bodies<VisitCap>(tx,
                         "SELECT body FROM inspection_caps WHERE agency_id = ? "
                         "AND year = ?",
                         {store::Text(p.agency_id), store::Int(v.year)}, json::ReadCapBody));
    f.caps.push_back(caps.empty() ? std::nullopt : std::optional<VisitCap>(caps[0]));
    // Up to the visit's moment: an imported visit is judged on what was
    // recorded of that year by then (live visits: all of them).
    LE_ASSIGN_OR_RETURN(
        std::vector<store::Row> n,
        tx.Query("SELECT COUNT(*) FROM inspection_visit_parts p JOIN inspection_visits v ON "
                 "v.id = p.visit_id WHERE p.agency_id = ? AND p.credit_code = ? AND p.year = ? "
                 "AND v.visit_time <= ?",
                 {store::Text(p.agency_id), store::Text(v.enterprise.credit_code),
                  store::Int(v.year), store::TimeValue(v.visit_time)}));
    f.visits_this_year.push_back(n.empty() ? 0 : n[0].Int(0));
  }
  LE_ASSIGN_OR_RETURN(
      f.recent, Bodies<InspectionVisit>(
                    tx,
                    "SELECT body FROM inspection_visits WHERE credit_code = ? "
                    "AND visit_time > ? AND visit_time <= ? ORDER BY visit_time, id",
                    {store::Text(v.enterprise.credit_code), store::TimeValue(v.visit_time - window),
                     store::TimeValue(v.visit_time)},
                    json::ReadVisitBody));
  LE_ASSIGN_OR_RETURN(std::vector<InspectionWarning> last,
                      Bodies<InspectionWarning>(
                          tx,
                          "SELECT body FROM inspection_warnings WHERE credit_code = ? AND "
                          "raise_time <= ? ORDER BY raise_time DESC, id DESC LIMIT 1",
                          {store::Text(v.enterprise.credit_code), store::TimeValue(v.visit_time)},
                          json::ReadWarningBody));
  if (!last.empty()) f.last_warning = std::move(last[0]);
  return f;
}

// The visit decided on its facts, its parts, its event and any warning
// it raises, in `change` (RecordVisit, ImportVisit).
absl::Status InsertVisit(store::Change& change, const InspectionVisit& in, absl::Duration window,
                         const AuditEntry& audit, InspectionStore::VisitDecision decide) {
  InspectionVisit v = in;
  LE_ASSIGN_OR_RETURN(VisitFacts facts, ReadFacts(change.tx(), v, window));
  LE_ASSIGN_OR_RETURN(std::optional<InspectionWarning> warning, decide(v, facts));
  if (warning.has_value()) {
    warning->id = change.ids().NewId();
    v.warning_id = warning->id;
  }
  LE_RETURN_IF_ERROR(
      change.tx()
          .Execute("INSERT INTO inspection_visits (id, credit_code, "
                   "division_code, visit_time, basis, warned, body) VALUES (?, "
                   "?, ?, ?, ?, ?, ?)",
                   {store::Text(v.id), store::Text(v.enterprise.credit_code),
                    store::Text(v.division_code), store::TimeValue(v.visit_time),
                    store::Int(static_cast<int>(v.basis)), store::Int(v.warning_id.empty() ? 0 : 1),
                    store::Text(json::VisitBody(v))})
          .status());
  for (const VisitPart& p : v.parts) {
    LE_RETURN_IF_ERROR(
        change.tx()
            .Execute("INSERT INTO inspection_visit_parts (visit_id, agency_id, "
                     "division_code, credit_code, year) VALUES (?, ?, ?, ?, ?)",
                     {store::Text(v.id), store::Text(p.agency_id), store::Text(p.division_code),
                      store::Text(v.enterprise.credit_code), store::Int(v.year)})
            .status());
  }
  LE_RETURN_IF_ERROR(
      outbox::Append(change, {"inspection.visited", absl::StrCat("inspection_visits/", v.id),
                              v.division_code, audit.actor, audit.time, json::VisitBody(v)})
          .status());
  if (!warning.has_value()) return absl::OkStatus();
  LE_RETURN_IF_ERROR(
      change.tx()
          .Execute("INSERT INTO inspection_warnings (id, credit_code, "
                   "division_code, raise_time, body) VALUES (?, ?, ?, ?, ?)",
                   {store::Text(warning->id), store::Text(warning->credit_code),
                    store::Text(warning->division_code), store::TimeValue(warning->raise_time),
                    store::Text(json::WarningBody(*warning))})
          .status());
  LE_RETURN_IF_ERROR(change.Audit(
      AuditEntry{audit.actor, "inspection.warning_raised", warning->id,
                 absl::StrCat(warning->credit_code, " ", warning->count, " visits"), audit.time}));
  return outbox::Append(
             change,
             {"inspection.warning_raised", absl::StrCat("inspection_warnings/", warning->id),
              warning->division_code, audit.actor, audit.time, json::WarningBody(*warning)})
      .status();
}

}  // namespace

absl::Status SqlCaseStores::SetCap(const VisitCap& c, const AuditEntry& audit) {
  return records_.Write([&](store::Change& change) -> absl::Status {
    LE_RETURN_IF_ERROR(change.tx()
                           .Execute("DELETE FROM inspection_caps WHERE agency_id = ? AND year = ?",
                                    {store::Text(c.agency_id), store::Int(c.year)})
                           .status());
    LE_RETURN_IF_ERROR(
        change.tx()
            .Execute("INSERT INTO inspection_caps (agency_id, year, body) VALUES "
                     "(?, ?, ?)",
                     {store::Text(c.agency_id), store::Int(c.year), store::Text(json::CapBody(c))})
            .status());
    LE_RETURN_IF_ERROR(
        outbox::Append(change, {"inspection_cap.set",
                                absl::StrCat("agencies/", c.agency_id, "/inspection_caps/", c.year),
                                c.division_code, audit.actor, audit.time, json::CapBody(c)})
            .status());
    return change.Audit(audit);
  });
}

absl::StatusOr<std::optional<VisitCap>> SqlCaseStores::GetCap(const std::string& agency_id,
                                                              int year) {
  LE_ASSIGN_OR_RETURN(std::vector<VisitCap> caps,
                      store::AllOk(records_.QueryAll<absl::StatusOr<VisitCap>>(
                          "SELECT body FROM inspection_caps WHERE agency_id = ? AND year = ?",
                          {store::Text(agency_id), store::Int(year)},
                          [](const store::Row& r) { return json::ReadCapBody(r.Text(0)); })));
  if (caps.empty()) return std::nullopt;
  return caps[0];
}

absl::StatusOr<Created> SqlCaseStores::RecordVisit(const InspectionVisit& in, absl::Duration window,
                                                   const std::optional<IdempotencyKey>& key,
                                                   const AuditEntry& audit, VisitDecision decide) {
  return records_.Create(key, audit, in.id, [&](store::Change& change) -> absl::Status {
    return InsertVisit(change, in, window, audit, decide);
  });
}

absl::StatusOr<Created> SqlCaseStores::ImportVisit(const InspectionVisit& in, absl::Duration window,
                                                   const SourceRecord& source,
                                                   const AuditEntry& audit, VisitDecision decide) {
  return records_.Create(std::nullopt, audit, in.id, [&](store::Change& change) -> absl::Status {
    LE_RETURN_IF_ERROR(WriteSource(change.tx(), source));
    return InsertVisit(change, in, window, audit, decide);
  });
}

absl::StatusOr<InspectionVisit> SqlCaseStores::GetVisit(const std::string& id) {
  return records_.GetOneParsed<InspectionVisit>(
      "SELECT body FROM inspection_visits WHERE id = ?", {store::Text(id)}, "inspection visit",
      [](const store::Row& r) { return json::ReadVisitBody(r.Text(0)); });
}

absl::StatusOr<std::vector<InspectionVisit>> SqlCaseStores::ListEnterpriseVisits(
    const std::string& credit_code, const std::string& prefix, const PageRequest& page) {
  return store::AllOk(records_.QueryPage<absl::StatusOr<InspectionVisit>>(
      "SELECT v.body FROM inspection_visits v WHERE v.credit_code = ? AND EXISTS (SELECT 1 FROM "
      "inspection_visit_parts p WHERE p.visit_id = v.id AND p.credit_code = v.credit_code AND "
      "p.division_code >= ? AND p.division_code < ?)",
      {store::Text(credit_code), store::Text(prefix), store::Text(store::PrefixEnd(prefix))}, page,
      [](const store::Row& r) { return json::ReadVisitBody(r.Text(0)); }, "v.id"));
}

absl::StatusOr<std::vector<InspectionVisit>> SqlCaseStores::ListScopeVisits(const FactsScope& scope,
                                                                            absl::Time from,
                                                                            absl::Time to) {
  const std::string part_filter =
      scope.agency_id.empty() ? "p.division_code >= ? AND p.division_code < ?" : "p.agency_id = ?";
  std::vector<store::Value> params = {store::TimeValue(from), store::TimeValue(to)};
  if (scope.agency_id.empty()) {
    params.push_back(store::Text(scope.division_prefix));
    params.push_back(store::Text(store::PrefixEnd(scope.division_prefix)));
  } else {
    params.push_back(store::Text(scope.agency_id));
  }
  return store::AllOk(records_.QueryAll<absl::StatusOr<InspectionVisit>>(
      absl::StrCat("SELECT v.body FROM inspection_visits v WHERE v.visit_time >= ? AND "
                   "v.visit_time < ? AND EXISTS (SELECT 1 FROM inspection_visit_parts p WHERE "
                   "p.visit_id = v.id AND ",
                   part_filter, ") ORDER BY v.id"),
      std::move(params), [](const store::Row& r) { return json::ReadVisitBody(r.Text(0)); }));
}

absl::StatusOr<std::vector<VisitCount>> SqlCaseStores::CountVisits() {
  return records_.QueryAll<VisitCount>(
      "SELECT division_code, basis, COUNT(*), SUM(warned) FROM inspection_visits GROUP BY "
      "division_code, basis",
      {}, [](const store::Row& r) {
        return VisitCount{r.Text(0), static_cast<VisitBasis>(r.Int(1)), r.Int(2), r.Int(3)};
      });
}

absl::StatusOr<Created> SqlCaseStores::AddWhitelistEntry(const WhitelistEntry& e,
                                                         const std::optional<IdempotencyKey>& key,
                                                         const AuditEntry& audit) {
  return records_.Create(key, audit, e.id, [&](store::Change& change) -> absl::Status {
    LE_RETURN_IF_ERROR(
        change.tx()
            .Execute("INSERT INTO inspection_whitelist (id, agency_id, credit_code, "
                     "start_time, end_time, body) VALUES (?, ?, ?, ?, ?, ?)",
                     {store::Text(e.id), store::Text(e.agency_id),
                      store::Text(e.enterprise.credit_code), store::TimeValue(e.start),
                      store::TimeValue(e.end), store::Text(json::WhitelistBody(e))})
            .status());
    return outbox::Append(
               change, {"inspection_whitelist.added", absl::StrCat("inspection_whitelist/", e.id),
                        e.division_code, audit.actor, audit.time, json::WhitelistBody(e)})
        .status();
  });
}

absl::StatusOr<WhitelistEntry> SqlCaseStores::GetWhitelistEntry(const std::string& id) {
  return records_.GetOneParsed<WhitelistEntry>(
      "SELECT body FROM inspection_whitelist WHERE id = ?", {store::Text(id)}, "white list entry",
      [](const store::Row& r) { return json::ReadWhitelistBody(r.Text(0)); });
}

absl::StatusOr<std::vector<WhitelistEntry>> SqlCaseStores::ListWhitelist(
    const std::string& agency_id, const PageRequest& page) {
  return store::AllOk(records_.QueryPage<absl::StatusOr<WhitelistEntry>>(
      "SELECT body FROM inspection_whitelist WHERE agency_id = ?", {store::Text(agency_id)}, page,
      [](const store::Row& r) { return json::ReadWhitelistBody(r.Text(0)); }));
}

absl::StatusOr<std::vector<std::string>> SqlCaseStores::ListedCodes(const std::string& agency_id,
                                                                    absl::Time at) {
  return records_.QueryAll<std::string>(
      "SELECT DISTINCT credit_code FROM inspection_whitelist WHERE agency_id = ? AND start_time "
      "<= ? AND end_time > ? ORDER BY credit_code",
      {store::Text(agency_id), store::TimeValue(at), store::TimeValue(at)},
      [](const store::Row& r) { return r.Text(0); });
}

absl::StatusOr<std::vector<InspectionWarning>> SqlCaseStores::ListWarnings(
    const std::string& prefix, const PageRequest& page) {
  return store::AllOk(records_.QueryPage<absl::StatusOr<InspectionWarning>>(
      "SELECT body FROM inspection_warnings WHERE division_code >= ? AND division_code < ?",
      {store::Text(prefix), store::Text(store::PrefixEnd(prefix))}, page,
      [](const store::Row& r) { return json::ReadWarningBody(r.Text(0)); }));
}

}  // namespace lawenforce::cases::sql
