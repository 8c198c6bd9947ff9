#include "common/store/transfer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/status/macros.h"
#include "openssl/sha.h"

namespace lawenforce::store {
namespace {

bool IsPostgres(Database& db) { return db.dialect() == "postgres"; }

std::string Quote(const std::string& identifier) {
  return absl::StrCat("\"", absl::StrReplaceAll(identifier, {{"\"", "\"\""}}), "\"");
}

std::vector<std::string> Column0(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(row.Text(0));
  return out;
}

absl::StatusOr<std::vector<std::string>> TableNames(Database& db, Transaction& tx) {
  LE_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(IsPostgres(db) ? "SELECT table_name FROM information_schema.tables "
                                "WHERE table_schema = current_schema() "
                                "AND table_type = 'BASE TABLE'"
                              : "SELECT name FROM sqlite_master WHERE type = 'table' "
                                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"));
  return Column0(rows);
}

absl::StatusOr<std::vector<std::string>> Parents(Database& db, Transaction& tx,
                                                 const std::string& table) {
  LE_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(IsPostgres(db)
                   ? "SELECT DISTINCT ccu.table_name FROM information_schema.table_constraints tc "
                     "JOIN information_schema.constraint_column_usage ccu "
                     "ON tc.constraint_name = ccu.constraint_name "
                     "AND tc.constraint_schema = ccu.constraint_schema "
                     "WHERE tc.constraint_type = 'FOREIGN KEY' "
                     "AND tc.table_schema = current_schema() AND tc.table_name = ?"
                   : "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)",
               {Text(table)}));
  return Column0(rows);
}

absl::StatusOr<std::vector<std::string>> Columns(Database& db, Transaction& tx,
                                                 const std::string& table) {
  LE_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(IsPostgres(db) ? "SELECT column_name FROM information_schema.columns "
                                "WHERE table_schema = current_schema() "
                                "AND table_name = ? ORDER BY column_name"
                              : "SELECT name FROM pragma_table_info(?) ORDER BY name",
               {Text(table)}));
  return Column0(rows);
}

// Parents before children (a table referencing itself is its own parent
// and ignored), ties by name: Kahn's algorithm over the sorted names.
absl::StatusOr<std::vector<std::string>> OrderedTables(Database& db, Transaction& tx) {
  LE_ASSIGN_OR_RETURN(std::vector<std::string> names, TableNames(db, tx));
  std::set<std::string> pending(names.begin(), names.end());
  std::map<std::string, std::set<std::string>> parents;
  for (const std::string& name : names) {
    LE_ASSIGN_OR_RETURN(std::vector<std::string> of, Parents(db, tx, name));
    for (std::string& parent : of) {
      if (parent != name && pending.count(parent) > 0) parents[name].insert(std::move(parent));
    }
  }
  std::vector<std::string> ordered;
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](const std::string& name) {
      for (const std::string& parent : parents[name]) {
        if (pending.count(parent) > 0) return false;
      }
      return true;
    });
    if (ready == pending.end()) ready = pending.begin();  // a cycle: name order
    ordered.push_back(*ready);
    pending.erase(ready);
  }
  return ordered;
}

using Sum256 = std::array<uint8_t, SHA256_DIGEST_LENGTH>;

void AddRow(const std::vector<std::string>& columns, const Row& row, Sum256& sum) {
  std::string canonical;
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string text = row.IsNull(i) ? std::string() : row.Text(i);
    absl::StrAppend(&canonical, columns[i].size(), ":", columns[i],
                    row.IsNull(i) ? std::string("N") : absl::StrCat(text.size(), ":", text), ";");
  }
  Sum256 hash;
  SHA256(reinterpret_cast<const uint8_t*>(canonical.data()), canonical.size(), hash.data());
  unsigned carry = 0;
  for (size_t i = hash.size(); i-- > 0;) {
    const unsigned total = sum[i] + hash[i] + carry;
    sum[i] = static_cast<uint8_t>(total & 0xff);
    carry = total >> 8;
  }
}

std::string SelectAll(const std::string& table, const std::vector<std::string>& columns) {
  std::vector<std::string> quoted;
  for (const std::string& c : columns) quoted.push_back(Quote(c));
  return absl::StrCat("SELECT ", absl::StrJoin(quoted, ", "), " FROM ", Quote(table));
}

// Calls `fn` with batches of the rows of `table` (columns in `columns`
// order): SQLite pages by rowid; PostgreSQL reads the table in one query.
absl::Status ForEachBatch(Database& db, Transaction& tx, const std::string& table,
                          const std::vector<std::string>& columns, int batch_rows,
                          absl::FunctionRef<absl::Status(const std::vector<Row>&)> fn) {
  if (IsPostgres(db)) {
    LE_ASSIGN_OR_RETURN(std::vector<Row> rows, tx.Query(SelectAll(table, columns)));
    return fn(rows);
  }
  std::vector<std::string> with_rowid = columns;
  with_rowid.push_back("rowid");
  const std::string sql =
      absl::StrCat(SelectAll(table, with_rowid), " WHERE rowid > ? ORDER BY rowid LIMIT ?");
  int64_t after = INT64_MIN;
  for (;;) {
    LE_ASSIGN_OR_RETURN(std::vector<Row> rows, tx.Query(sql, {Int(after), Int(batch_rows)}));
    if (rows.empty()) return absl::OkStatus();
    after = rows.back().Int(columns.size());
    LE_RETURN_IF_ERROR(fn(rows));
    if (static_cast<int>(rows.size()) < batch_rows) return absl::OkStatus();
  }
}

absl::StatusOr<TableDigest> DigestTable(Database& db, Transaction& tx, const std::string& table) {
  LE_ASSIGN_OR_RETURN(std::vector<std::string> columns, Columns(db, tx, table));
  TableDigest digest;
  digest.table = table;
  Sum256 sum{};
  LE_RETURN_IF_ERROR(ForEachBatch(db, tx, table, columns, 1000, [&](const std::vector<Row>& rows) {
    for (const Row& row : rows) AddRow(columns, row, sum);
    digest.rows += static_cast<int64_t>(rows.size());
    return absl::OkStatus();
  }));
  digest.sha256 = absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(sum.data()), sum.size()));
  return digest;
}

absl::Status ResetIdentities(Transaction& tx, const std::string& table) {
  LE_ASSIGN_OR_RETURN(std::vector<Row> rows,
                      tx.Query("SELECT column_name FROM information_schema.columns "
                               "WHERE table_schema = current_schema() AND table_name = ? "
                               "AND is_identity = 'YES'",
                               {Text(table)}));
  for (const std::string& column : Column0(rows)) {
    LE_RETURN_IF_ERROR(
        tx.Query(absl::StrCat("SELECT setval(pg_get_serial_sequence(quote_ident(current_schema()) "
                              "|| '.' || quote_ident(?), ?), COALESCE((SELECT MAX(",
                              Quote(column), ") FROM ", Quote(table), "), 0) + 1, false)"),
                 {Text(table), Text(column)})
            .status());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ListTables(Database& db) {
  std::vector<std::string> tables;
  LE_RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(tables, OrderedTables(db, tx));
    return absl::OkStatus();
  }));
  return tables;
}

absl::StatusOr<std::vector<TableDigest>> DigestTables(Database& db) {
  std::vector<TableDigest> digests;
  LE_RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(std::vector<std::string> tables, OrderedTables(db, tx));
    digests.clear();
    for (const std::string& table : tables) {
      LE_ASSIGN_OR_RETURN(TableDigest digest, DigestTable(db, tx, table));
      digests.push_back(std::move(digest));
    }
    return absl::OkStatus();
  }));
  return digests;
}

absl::Status CopyTables(Database& from, Database& to, const CopyOptions& options) {
  if (options.batch_rows < 1) return absl::InvalidArgumentError("batch_rows: must be positive");
  const std::set<std::string> skip(options.skip.begin(), options.skip.end());
  std::vector<TableDigest> copied;
  LE_RETURN_IF_ERROR(from.Read([&](Transaction& src) -> absl::Status {
    LE_ASSIGN_OR_RETURN(std::vector<std::string> tables, OrderedTables(from, src));
    return to.Write([&](Transaction& dst) -> absl::Status {
      copied.clear();
      LE_ASSIGN_OR_RETURN(std::vector<std::string> targets, TableNames(to, dst));
      const std::set<std::string> target_set(targets.begin(), targets.end());
      for (const std::string& table : tables) {
        if (skip.count(table) > 0) continue;
        if (target_set.count(table) == 0) {
          return absl::FailedPreconditionError(
              absl::StrCat("table ", table, ": missing in the target (migrate it first)"));
        }
        LE_ASSIGN_OR_RETURN(std::vector<std::string> columns, Columns(from, src, table));
        LE_ASSIGN_OR_RETURN(std::vector<std::string> target_columns, Columns(to, dst, table));
        for (const std::string& column : columns) {
          if (std::find(target_columns.begin(), target_columns.end(), column) ==
              target_columns.end()) {
            return absl::FailedPreconditionError(absl::StrCat(
                "table ", table, ": the target has no column ", column, " (migrate it first)"));
          }
        }
        LE_ASSIGN_OR_RETURN(std::vector<Row> count,
                            dst.Query(absl::StrCat("SELECT COUNT(*) FROM ", Quote(table))));
        if (!count.empty() && count[0].Int(0) > 0) {
          return absl::FailedPreconditionError(absl::StrCat(
              "table ", table, ": the target already holds ", count[0].Int(0), " rows"));
        }
        std::vector<std::string> quoted, marks;
        for (const std::string& c : columns) {
          quoted.push_back(Quote(c));
          marks.push_back("?");
        }
        const std::string insert =
            absl::StrCat("INSERT INTO ", Quote(table), " (", absl::StrJoin(quoted, ", "),
                         ") VALUES (", absl::StrJoin(marks, ", "), ")");
        int64_t done = 0;
        LE_RETURN_IF_ERROR(ForEachBatch(
            from, src, table, columns, options.batch_rows,
            [&](const std::vector<Row>& rows) -> absl::Status {
              std::vector<Value> params(columns.size());
              for (const Row& row : rows) {
                for (size_t i = 0; i < columns.size(); ++i) params[i] = row.value(i);
                if (absl::Status s = dst.Execute(insert, params).status(); !s.ok()) {
                  return absl::Status(s.code(), absl::StrCat("table ", table, ": ", s.message()));
                }
              }
              done += static_cast<int64_t>(rows.size());
              if (options.progress) options.progress(table, done);
              return absl::OkStatus();
            }));
        if (IsPostgres(to)) LE_RETURN_IF_ERROR(ResetIdentities(dst, table));
      }
      return absl::OkStatus();
    });
  }));
  absl::StatusOr<std::vector<TableDigest>> source = DigestTables(from);
  if (!source.ok()) return source.status();
  absl::StatusOr<std::vector<TableDigest>> target = DigestTables(to);
  if (!target.ok()) return target.status();
  for (const TableDigest& digest : *source) {
    if (skip.count(digest.table) > 0) continue;
    auto match = std::find_if(target->begin(), target->end(),
                              [&](const TableDigest& t) { return t.table == digest.table; });
    if (match == target->end() || !(*match == digest)) {
      return absl::DataLossError(absl::StrCat(
          "table ", digest.table, ": the copy differs from the source (", digest.rows,
          " rows in the source, ", match == target->end() ? 0 : match->rows, " in the target)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace lawenforce::store
