#ifndef LAWENFORCE_COMMON_STORE_TRANSFER_H_
#define LAWENFORCE_COMMON_STORE_TRANSFER_H_

// Whole-store operations that work on either backend, for operators:
// a digest of every table (to prove a backup restored, or a move copied,
// every record) and a copy of every table from one store into another
// (moving a SQLite deployment to PostgreSQL). The kit runs them as
// `--digest-store` and `--import-from` (common/kit/runtime.h,
// docs/operations.md "Backup and restore").
//
// A store's tables are those of its schema (PostgreSQL: current_schema();
// SQLite: the main database, without sqlite_* tables), in an order where a
// table comes after every table its foreign keys reference.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/store/sql.h"

namespace lawenforce::store {

struct TableDigest {
  std::string table;
  int64_t rows = 0;
  // Lower-case hex SHA-256 over the rows in no particular order: the sum
  // modulo 2^256 of each row's SHA-256, where a row is its columns in name
  // order, each as its name, NULL or the Row::Text() of its value, length
  // prefixed. Equal on both backends for the same records (an INTEGER 5 and
  // a TEXT "5" digest alike: the digest is of what the service reads back).
  std::string sha256;

  bool operator==(const TableDigest& other) const {
    return table == other.table && rows == other.rows && sha256 == other.sha256;
  }
};

// The tables of `db`, parents before children (then by name).
absl::StatusOr<std::vector<std::string>> ListTables(Database& db);

// The digest of every table of `db` (in ListTables order) on one snapshot.
absl::StatusOr<std::vector<TableDigest>> DigestTables(Database& db);

struct CopyOptions {
  // Tables not copied (e.g. schema_migrations: the target migrated itself).
  std::vector<std::string> skip = {"schema_migrations"};
  // Rows per INSERT batch read from the source.
  int batch_rows = 500;
  // Called, when set, after each batch (table, rows copied so far in it).
  std::function<void(const std::string&, int64_t)> progress;
};

// Copies every table of `from` into the table of the same name of `to`, in
// one write transaction of `to` (all or nothing), then checks that the
// digests of both agree table by table. Columns are matched by name; the
// target must have every table and column of the source (migrate it first
// to the same version). Identity sequences of the target (PostgreSQL) are
// moved past the copied values. FAILED_PRECONDITION naming the table when
// a target table is missing, lacks a column or already holds rows; DATA_LOSS
// naming the table when the digests differ after the copy.
absl::Status CopyTables(Database& from, Database& to, const CopyOptions& options = {});

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_TRANSFER_H_
