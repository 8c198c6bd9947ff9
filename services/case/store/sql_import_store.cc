// Imports from departmental systems on SQL (sql_stores.h): the source rows
// of import_sources, and the cases of a batch written in one transaction.

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status/macros.h"
#include "common/store/values.h"
#include "services/case/store/case_rows.h"
#include "services/case/store/sql_stores.h"

namespace lawenforce::cases::sql {

using store::Int;
using store::Row;
using store::Text;
using store::TimeValue;

absl::StatusOr<std::optional<SourceRecord>> ReadSource(store::Transaction& tx,
                                                       const std::string& kind,
                                                       const std::string& system,
                                                       const std::string& agency_id,
                                                       const std::string& source_id) {
  LE_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query("SELECT resource_id, digests, first_import_time, update_time, version FROM "
               "import_sources WHERE kind = ? AND system = ? AND agency_id = ? AND source_id = ?",
               {Text(kind), Text(system), Text(agency_id), Text(source_id)}));
  if (rows.empty()) return std::nullopt;
  SourceRecord s;
  s.kind = kind;
  s.system = system;
  s.agency_id = agency_id;
  s.source_id = source_id;
  s.resource_id = rows[0].Text(0);
  const std::string digests = rows[0].Text(1);
  if (!digests.empty()) s.digests = absl::StrSplit(digests, ',');
  s.first_import_time = store::TimeFromMicros(rows[0].Int(2));
  s.update_time = store::TimeFromMicros(rows[0].Int(3));
  s.version = rows[0].Int(4);
  return s;
}

absl::Status WriteSource(store::Transaction& tx, const SourceRecord& s) {
  // Read in the transaction: a concurrent import of the same record
  // stores its row first and this one is ABORTED (retry: it then finds
  // the row and applies only what is new, or nothing).
  LE_ASSIGN_OR_RETURN(std::optional<SourceRecord> stored,
                      ReadSource(tx, s.kind, s.system, s.agency_id, s.source_id));
  const int64_t stored_version = stored.has_value() ? stored->version : 0;
  if (stored_version != s.version) {
    return absl::AbortedError(absl::StrCat("source_id: another import of ", s.system, "/",
                                           s.source_id,
                                           " was stored meanwhile; import the record again"));
  }
  const std::string digests = absl::StrJoin(s.digests, ",");
  if (!stored.has_value()) {
    return tx
        .Execute(
            "INSERT INTO import_sources (kind, system, agency_id, source_id, resource_id, "
            "digests, first_import_time, update_time, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
            {Text(s.kind), Text(s.system), Text(s.agency_id), Text(s.source_id),
             Text(s.resource_id), Text(digests), TimeValue(s.first_import_time),
             TimeValue(s.update_time)})
        .status();
  }
  return tx
      .Execute(
          "UPDATE import_sources SET digests = ?, update_time = ?, version = ? WHERE kind = ? "
          "AND system = ? AND agency_id = ? AND source_id = ? AND version = ?",
          {Text(digests), TimeValue(s.update_time), Int(s.version + 1), Text(s.kind),
           Text(s.system), Text(s.agency_id), Text(s.source_id), Int(s.version)})
      .status();
}

absl::StatusOr<std::optional<SourceRecord>> SqlCaseStores::GetSource(const std::string& kind,
                                                                     const std::string& system,
                                                                     const std::string& agency_id,
                                                                     const std::string& source_id) {
  std::optional<SourceRecord> out;
  LE_RETURN_IF_ERROR(records_.db()->Read([&](store::Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(out, ReadSource(tx, kind, system, agency_id, source_id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status SqlCaseStores::ImportCases(const std::vector<CaseImport>& batch) {
  return records_.Write([&](store::Change& change) -> absl::Status {
    for (const CaseImport& one : batch) {
      for (const CaseWrite& w : one.writes) {
        LE_RETURN_IF_ERROR(WriteCase(change, w, deadlines_).status());
      }
      LE_RETURN_IF_ERROR(WriteSource(change.tx(), one.source));
    }
    return absl::OkStatus();
  });
}

}  // namespace lawenforce::cases::sql
