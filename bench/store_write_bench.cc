// Durable single-record writes per second on each backend, against the raw
// single-row insert ceiling of the same database in the same run
// (docs/benchmarks.md, issue "PostgreSQL: the production store").
//
// For each backend (a SQLite file opened as the services open it: WAL,
// synchronous=FULL; a throwaway PostgreSQL 15 on loopback with fsync on and
// synchronous_commit on) and each client thread count:
//
//   raw      one INSERT of one row per transaction straight through the C
//            library (sqlite3 prepared statement in autocommit; libpq
//            PQexecPrepared in autocommit on one connection per thread):
//            the ceiling.
//   write    the same INSERT through store::Database::Write (SQLite: BEGIN
//            IMMEDIATE ... COMMIT on the writer connection; PostgreSQL:
//            a pooled connection, BEGIN ISOLATION LEVEL SERIALIZABLE ...
//            COMMIT, retries on conflicts).
//   create   a service's create through store::RecordStore::Create: the
//            idempotency key looked up and recorded, the record inserted and
//            its audit row written, in one durable transaction (what every
//            Create* RPC of the suite does, less gRPC and the cache).
//
// Rows are 200-byte payloads keyed by random UUIDs. Each rate is summed
// over the client threads during `--duration` seconds after a `--warmup`;
// the three are interleaved for `--rounds` rounds and reported as medians,
// with the median of each round's ratio to its `raw` rate.
//
//   store_write_bench [--rounds=5] [--duration=2] [--warmup=0.5] [--threads=1,4]
//                     [--backends=sqlite,postgres]

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/bench_support.h"
#include "common/ids/id_generator.h"
#include "common/log/log.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/open.h"
#include "common/store/record_store.h"
#include "common/store/sql.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"

namespace lawenforce::bench {
namespace {

constexpr char kRecordsSql[] =
    "CREATE TABLE records (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at INTEGER NOT NULL)";
constexpr char kInsert[] = "INSERT INTO records (id, body, created_at) VALUES (?, ?, ?)";

[[noreturn]] void Die(absl::string_view what, absl::string_view detail) {
  std::fprintf(stderr, "store_write_bench: %s: %s\n", std::string(what).c_str(),
               std::string(detail).c_str());
  std::exit(1);
}

const std::string& Body() {
  static const std::string body(200, 'x');
  return body;
}

// Runs `make_op(thread)()` back to back on `threads` threads; the summed rate.
double Rate(int threads, absl::Duration warmup, absl::Duration measure,
            const std::function<std::function<bool()>(int)>& make_op, int64_t* errors) {
  std::vector<std::function<bool()>> ops;
  for (int t = 0; t < threads; ++t) ops.push_back(make_op(t));
  std::vector<Summary> results(threads);
  std::vector<int64_t> failed(threads, 0);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] { results[t] = TimeLoop(ops[t], warmup, measure, &failed[t]); });
  }
  double total = 0;
  for (int t = 0; t < threads; ++t) {
    workers[t].join();
    total += results[t].per_second;
    *errors += failed[t];
  }
  return total;
}

// ---------------------------------------------------------------- raw SQLite

class RawSqlite {
 public:
  explicit RawSqlite(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) Die("sqlite3_open", path);
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=FULL");
    sqlite3_busy_timeout(db_, 5000);
    Exec(kRecordsSql);
    if (sqlite3_prepare_v2(db_, kInsert, -1, &insert_, nullptr) != SQLITE_OK) {
      Die("prepare", sqlite3_errmsg(db_));
    }
  }
  ~RawSqlite() {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }
  // One autocommit insert (SQLite serialises writers: callers hold mu_).
  bool Insert(IdGenerator& ids) {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string id = ids.NewId();
    sqlite3_bind_text(insert_, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_, 2, Body().data(), static_cast<int>(Body().size()), SQLITE_STATIC);
    sqlite3_bind_int64(insert_, 3, absl::ToUnixMicros(absl::Now()));
    const bool ok = sqlite3_step(insert_) == SQLITE_DONE;
    sqlite3_reset(insert_);
    return ok;
  }

 private:
  void Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) Die(sql, err ? err : "");
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  std::mutex mu_;
};

// ---------------------------------------------------------------- raw libpq

class RawPostgres {
 public:
  RawPostgres(const testing::PostgresServer& server, const std::string& schema, bool create) {
    const std::string conninfo = absl::StrFormat(
        "host=127.0.0.1 port=%d user=%s dbname=%s options='-c search_path=%s'", server.port(),
        testing::PostgresServer::kUser, testing::PostgresServer::kDatabase, schema);
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) Die("PQconnectdb", PQerrorMessage(conn_));
    if (create) {
      Exec(absl::StrCat("CREATE SCHEMA IF NOT EXISTS ", schema));
      Exec(
          "CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, body TEXT NOT NULL, "
          "created_at BIGINT NOT NULL)");
    }
    PGresult* r = PQprepare(
        conn_, "ins", "INSERT INTO records (id, body, created_at) VALUES ($1, $2, $3)", 3, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Die("PQprepare", PQerrorMessage(conn_));
    PQclear(r);
  }
  ~RawPostgres() { PQfinish(conn_); }

  bool Insert(IdGenerator& ids) {
    const std::string id = ids.NewId();
    const std::string at = absl::StrCat(absl::ToUnixMicros(absl::Now()));
    const char* values[3] = {id.c_str(), Body().c_str(), at.c_str()};
    PGresult* r = PQexecPrepared(conn_, "ins", 3, values, nullptr, nullptr, 0);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok;
  }

 private:
  void Exec(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Die(sql, PQerrorMessage(conn_));
    PQclear(r);
  }
  PGconn* conn_ = nullptr;
};

// ---------------------------------------------------------------- the store

std::unique_ptr<store::Database> OpenStore(const std::string& url, int threads) {
  std::string with_pool = url;
  if (absl::StartsWith(url, "postgres")) {
    absl::StrAppend(&with_pool, url.find('?') == std::string::npos ? "?" : "&",
                    "pool=", std::max(threads, 2));
  }
  absl::StatusOr<std::unique_ptr<store::Database>> db = store::OpenDatabase(with_pool);
  if (!db.ok()) Die("OpenDatabase", db.status().ToString());
  const store::Migration migrations[] = {
      {1, "records", kRecordsSql},
      {2, "audit_log", store::kAuditLogTableSql},
      {3, "idempotency_keys", store::kIdempotencyKeysTableSql},
      {4, "audit_log scope", store::kAuditLogScopeSql},
  };
  if (absl::Status s = store::Migrate(**db, "bench", migrations); !s.ok()) {
    Die("Migrate", s.ToString());
  }
  return *std::move(db);
}

bool StoreWrite(store::Database& db, IdGenerator& ids) {
  const std::string id = ids.NewId();
  return db
      .Write([&](store::Transaction& tx) {
        return tx
            .Execute(kInsert, {store::Text(id), store::Text(Body()),
                               store::Int(absl::ToUnixMicros(absl::Now()))})
            .status();
      })
      .ok();
}

bool StoreCreate(store::RecordStore& records, IdGenerator& ids) {
  const std::string id = ids.NewId();
  const absl::Time now = absl::Now();
  store::IdempotencyKey key{"CreateRecord", ids.NewId(), std::string(64, 'a')};
  store::AuditEntry audit{"bench", "record.create", id, "", now};
  absl::StatusOr<store::Created> created =
      records.Create(key, audit, id, [&](store::Change& change) {
        return change.tx()
            .Execute(kInsert,
                     {store::Text(id), store::Text(Body()), store::Int(absl::ToUnixMicros(now))})
            .status();
      });
  return created.ok();
}

struct Line {
  std::string backend;
  int threads;
  double raw, write, create;         // medians over the rounds
  double write_ratio, create_ratio;  // medians of the per-round ratios
  int64_t errors;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty()           ? 0
         : v.size() % 2 == 1 ? v[v.size() / 2]
                             : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// The three kinds of write, interleaved round by round (raw, Write,
// Create, raw, ...) so that a drift of the shared disk's fsync rate hits
// all three alike; each round's ratios use that round's raw rate.
Line Measure(const std::string& backend, int threads, int rounds, absl::Duration warmup,
             absl::Duration measure, const testing::TempDir& dir, testing::PostgresServer* server,
             int run) {
  RandomIdGenerator ids;
  Line line{backend, threads, 0, 0, 0, 0, 0, 0};
  std::unique_ptr<RawSqlite> raw_sqlite;
  std::vector<std::unique_ptr<RawPostgres>> conns;
  std::function<std::function<bool()>(int)> raw_op;
  if (backend == "sqlite") {
    raw_sqlite = std::make_unique<RawSqlite>(dir.File(absl::StrCat("raw-", run, ".db")));
    raw_op = [&](int) { return [&] { return raw_sqlite->Insert(ids); }; };
  } else {
    const std::string schema = absl::StrCat("raw", run);
    for (int t = 0; t < threads; ++t) {
      conns.push_back(std::make_unique<RawPostgres>(*server, schema, t == 0));
    }
    raw_op = [&](int t) { return [&, t] { return conns[t]->Insert(ids); }; };
  }
  const std::string url =
      backend == "sqlite" ? absl::StrCat("sqlite://", dir.File(absl::StrCat("store-", run, ".db")))
                          : server->url(absl::StrCat("store", run));
  std::unique_ptr<store::Database> db = OpenStore(url, threads);
  store::RecordStore records(db.get(), &ids, nullptr);
  std::vector<double> raw, write, create, write_ratio, create_ratio;
  for (int round = 0; round < rounds; ++round) {
    raw.push_back(Rate(threads, warmup, measure, raw_op, &line.errors));
    write.push_back(Rate(
        threads, warmup, measure, [&](int) { return [&] { return StoreWrite(*db, ids); }; },
        &line.errors));
    create.push_back(Rate(
        threads, warmup, measure, [&](int) { return [&] { return StoreCreate(records, ids); }; },
        &line.errors));
    write_ratio.push_back(raw.back() > 0 ? write.back() / raw.back() : 0);
    create_ratio.push_back(raw.back() > 0 ? create.back() / raw.back() : 0);
  }
  line.raw = Median(raw);
  line.write = Median(write);
  line.create = Median(create);
  line.write_ratio = Median(write_ratio);
  line.create_ratio = Median(create_ratio);
  return line;
}

int Main(int argc, char** argv) {
  Args args(argc, argv);
  log::SetMinLevel(log::Level::kWarn);
  const absl::Duration measure = absl::Seconds(args.GetDouble("duration", 2));
  const absl::Duration warmup = absl::Seconds(args.GetDouble("warmup", 0.5));
  const int rounds = static_cast<int>(args.GetInt("rounds", 5));
  const std::vector<int> thread_counts = args.GetIntList("threads", {1, 4});
  const std::vector<std::string> backends =
      absl::StrSplit(args.Get("backends", "sqlite,postgres"), ',');

  testing::TempDir dir;
  std::unique_ptr<testing::PostgresServer> server;
  for (const std::string& b : backends) {
    if (b == "postgres" && server == nullptr) {
      absl::StatusOr<std::unique_ptr<testing::PostgresServer>> started =
          testing::PostgresServer::Start();
      if (!started.ok()) Die("PostgresServer", started.status().ToString());
      server = *std::move(started);
    } else if (b != "postgres" && b != "sqlite") {
      Die("--backends", b);
    }
  }
  Print(absl::StrFormat(
      "store_write_bench: SQLite %s in %s (WAL, synchronous=FULL)%s", sqlite3_libversion(),
      dir.path(),
      server ? absl::StrFormat("; PostgreSQL on 127.0.0.1:%d (fsync on)", server->port())
             : std::string()));
  Print(absl::StrFormat(
      "%d interleaved rounds of %s per figure after %s warm-up each; 200-byte rows; "
      "medians (rates, and ratios of each round to its raw rate)",
      rounds, absl::FormatDuration(measure), absl::FormatDuration(warmup)));
  Print("backend   threads   raw insert/s   Write/s (ratio)     Create/s (ratio)   errors");
  int run = 0;
  for (const std::string& backend : backends) {
    for (int threads : thread_counts) {
      Line l = Measure(backend, threads, rounds, warmup, measure, dir, server.get(), ++run);
      Print(absl::StrFormat("%-9s %7d %14.0f %9.0f (%.3f) %10.0f (%.3f) %8d", l.backend, l.threads,
                            l.raw, l.write, l.write_ratio, l.create, l.create_ratio, l.errors));
    }
  }
  return 0;
}

}  // namespace
}  // namespace lawenforce::bench

int main(int argc, char** argv) { return lawenforce::bench::Main(argc, argv); }
