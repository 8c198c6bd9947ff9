// The deadline engine (common/deadlines) against the ceilings of its own
// stack, measured in one run (docs/benchmarks.md): a real SQLite file (WAL,
// synchronous=FULL, as store::OpenSqlite opens it) and real redis-servers.
//
// A. Scale and memory: `--deadlines` (1,000,000) pending deadlines
//    scheduled in big transactions, published, then re-added by the
//    reconciler after their sorted set is deleted. Redis bytes per deadline
//    (INFO memory used_memory delta) vs a plain sorted set of the same
//    members and scores written with raw ZADD; rows/s vs raw SQLite inserts
//    of the same rows into the same table; publish/reconcile rate vs raw
//    ZADD. Redis here: --appendonly no (memory and rates of the data
//    structure, without the AOF).
// B. Firing lag: `--fire` (10,000) deadlines all due at T = now + `--due_in`
//    (2 s, real clock), engine Start()ed with worker_threads 1 then 2, a
//    handler that inserts one row in the firing transaction and records
//    now - due_at. p50/p99/max lag and firings/s vs raw SQLite single-row
//    transactions/s (the fsync ceiling) and raw ZPOPMIN throughput. Redis
//    here: the suite's timer settings (appendonly yes, appendfsync always,
//    noeviction).
//
//    Raw SQLite single-row transactions are measured right before and right
//    after each engine run (the fsync rate of a shared disk drifts), and the
//    whole of B is repeated with its files on tmpfs (--tmpfs, default
//    /dev/shm; "none" skips it), where fsync costs nothing: a diagnostic of
//    the engine's own cost per firing, not a durable setup.
//
//   deadlines_bench [--deadlines=1000000] [--batch=50000] [--fire=10000]
//                   [--workers=1,2] [--due_in=2] [--raw_tx_seconds=3]
//                   [--tmpfs=/dev/shm|none] [--skip_memory] [--skip_firing]

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/bench_support.h"
#include "common/deadlines/deadline_engine.h"
#include "common/deadlines/schema.h"
#include "common/ids/id_generator.h"
#include "common/log/log.h"
#include "common/redis/redis_client.h"
#include "common/store/sqlite_database.h"
#include "common/testing/redis_server.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"

namespace lawenforce::bench {
namespace {

using deadlines::DeadlineEngine;
using deadlines::DeadlineSpec;

constexpr char kKind[] = "bench_deadline";

constexpr absl::string_view kFireEffectsSql = R"sql(
CREATE TABLE fire_effects (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  deadline_id TEXT NOT NULL,
  workers INTEGER NOT NULL,
  lag_us INTEGER NOT NULL);
)sql";

constexpr store::Migration kMigrations[] = {
    {1, "deadlines", deadlines::kDeadlinesTableSql},
    {2, "fire_effects", kFireEffectsSql},
};

[[noreturn]] void Die(absl::string_view what, const absl::Status& status) {
  std::fprintf(stderr, "deadlines_bench: %s: %s\n", std::string(what).c_str(),
               status.ToString().c_str());
  std::exit(1);
}

void Check(absl::string_view what, const absl::Status& status) {
  if (!status.ok()) Die(what, status);
}

template <typename T>
T Must(absl::string_view what, absl::StatusOr<T> v) {
  if (!v.ok()) Die(what, v.status());
  return *std::move(v);
}

double Seconds(int64_t nanos) { return static_cast<double>(nanos) / 1e9; }

// Hands out pre-generated ids, so that the engine and the raw inserts write
// the very same rows (random UUIDv4 primary keys, as in production).
class ListIds final : public IdGenerator {
 public:
  explicit ListIds(const std::vector<std::string>* ids) : ids_(ids) {}
  std::string NewId() override { return (*ids_)[next_.fetch_add(1) % ids_->size()]; }

 private:
  const std::vector<std::string>* ids_;
  std::atomic<size_t> next_{0};
};

// A bare sqlite3 connection set up as common/store sets up its writer.
class RawSqlite {
 public:
  explicit RawSqlite(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
      Die("sqlite3_open", absl::InternalError(path));
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=FULL");
    Exec("PRAGMA foreign_keys=ON");
  }
  ~RawSqlite() { sqlite3_close_v2(db_); }

  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err != nullptr ? err : "?";
      sqlite3_free(err);
      Die("sqlite3_exec", absl::InternalError(msg));
    }
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      Die("sqlite3_prepare", absl::InternalError(sqlite3_errmsg(db_)));
    }
    return stmt;
  }
  void Step(sqlite3_stmt* stmt) {
    if (sqlite3_step(stmt) != SQLITE_DONE)
      Die("sqlite3_step", absl::InternalError(sqlite3_errmsg(db_)));
    sqlite3_reset(stmt);
  }

 private:
  sqlite3* db_ = nullptr;
};

std::unique_ptr<redis::RedisClient> ClientFor(const testing::RedisServer& server) {
  redis::RedisOptions options = Must("redis url", redis::ParseRedisUrl(server.url()));
  options.command_timeout = absl::Seconds(5);  // a 1,000-edit script on a busy machine
  return redis::CreateRedisClient(options);
}

int64_t UsedMemory(redis::RedisClient& redis) {
  return Must("INFO memory", RedisInfoInt(redis, "memory", "used_memory"));
}

int64_t Zcard(redis::RedisClient& redis, const std::string& key) {
  return Must("ZCARD", redis.Command({"ZCARD", key})).integer;
}

// ---------------------------------------------------------------- part A

void MemoryAndScale(const testing::TempDir& dir, int64_t n, int64_t batch) {
  Print("");
  Print(absl::StrFormat("## A. %d pending deadlines: scale and Redis memory", n));
  std::unique_ptr<testing::RedisServer> server =
      Must("redis-server", testing::RedisServer::Start("--appendonly no"));
  std::unique_ptr<redis::RedisClient> redis = ClientFor(*server);
  std::unique_ptr<store::Database> db =
      Must("open sqlite", store::OpenSqlite({.path = dir.File("scale.db")}));
  Check("migrate", store::Migrate(*db, "bench", kMigrations));

  std::vector<std::string> ids;
  ids.reserve(static_cast<size_t>(n));
  {
    RandomIdGenerator random;
    for (int64_t i = 0; i < n; ++i) ids.push_back(random.NewId());
  }
  const absl::Time base = absl::Now() + absl::Hours(24 * 30);  // never due during the run
  auto due_of = [&](int64_t i) { return base + absl::Milliseconds(i); };
  auto subject_of = [](int64_t i) { return absl::StrFormat("subject-%08d", i); };
  const absl::Time create_time = absl::Now();

  RealClock clock;
  ListIds list_ids(&ids);
  deadlines::EngineOptions options;
  options.namespace_prefix = "le:bench:scale";
  DeadlineEngine engine(db.get(), redis.get(), &clock, &list_ids, options, nullptr);
  const std::string due_key = "le:bench:scale:dl:due";
  const int64_t mem_empty = UsedMemory(*redis);

  // Schedule in transactions of `batch`, interleaved batch by batch with
  // the ceiling: the same rows inserted with raw sqlite3 into the same table
  // and indexes (another file), same transaction size. Both files grow in
  // step, so a change in the machine's load hits both alike.
  RawSqlite raw(dir.File("scale_raw.db"));
  raw.Exec(std::string(deadlines::kDeadlinesTableSql));
  sqlite3_stmt* ins = raw.Prepare(
      "INSERT INTO deadlines (id, kind, subject, payload, due_at, remind_at, state, reminded, "
      "published, version, create_time) VALUES (?, ?, ?, ?, ?, NULL, 'pending', 0, 0, 0, ?)");
  int64_t raw_nanos = 0;
  int64_t schedule_nanos = 0;
  for (int64_t begin = 0; begin < n; begin += batch) {
    const int64_t end = std::min(n, begin + batch);
    int64_t t0 = NowNanos();
    raw.Exec("BEGIN IMMEDIATE");
    for (int64_t i = begin; i < end; ++i) {
      const std::string subject = subject_of(i);
      sqlite3_bind_text(ins, 1, ids[i].data(), static_cast<int>(ids[i].size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 2, kKind, -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 3, subject.data(), static_cast<int>(subject.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 4, "{}", -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins, 5, absl::ToUnixMicros(due_of(i)));
      sqlite3_bind_int64(ins, 6, absl::ToUnixMicros(create_time));
      raw.Step(ins);
    }
    raw.Exec("COMMIT");
    raw_nanos += NowNanos() - t0;
    t0 = NowNanos();
    Check("schedule batch", db->Write([&](store::Transaction& tx) -> absl::Status {
      for (int64_t i = begin; i < end; ++i) {
        DeadlineSpec spec{kKind, subject_of(i), due_of(i), "{}", std::nullopt};
        if (absl::StatusOr<std::string> id = engine.Schedule(tx, spec); !id.ok())
          return id.status();
      }
      return absl::OkStatus();
    }));
    schedule_nanos += NowNanos() - t0;
  }
  sqlite3_finalize(ins);
  const double raw_insert_rps = static_cast<double>(n) / Seconds(raw_nanos);
  const double schedule_s = Seconds(schedule_nanos);
  const double schedule_rps = static_cast<double>(n) / schedule_s;
  Print(absl::StrFormat("raw sqlite3 INSERT of the same rows (tx of %d): %.1f s, %.0f rows/s",
                        batch, Seconds(raw_nanos), raw_insert_rps));
  Print(
      absl::StrFormat("DeadlineEngine::Schedule (tx of %d, interleaved with the raw batches): "
                      "%.1f s, %.0f rows/s; ratio to raw sqlite3 inserts: %s",
                      batch, schedule_s, schedule_rps, Ratio(schedule_rps, raw_insert_rps)));

  // Publish (pages of 1,000: read, one edit script, mark published).
  int64_t t0 = NowNanos();
  Check("publish", engine.PublishPending());
  const double publish_s = Seconds(NowNanos() - t0);
  const int64_t mem_published = UsedMemory(*redis);
  const int64_t published = Zcard(*redis, due_key);
  Print(absl::StrFormat("DeadlineEngine::PublishPending: %.1f s, %.0f deadlines/s, ZCARD due = %d",
                        publish_s, static_cast<double>(n) / publish_s, published));
  const double engine_bytes =
      static_cast<double>(mem_published - mem_empty) / static_cast<double>(n);

  // Ceiling 2: the same members and scores in a plain sorted set, raw ZADD
  // (1,000 members per command, 10 commands per pipelined round trip).
  const std::string raw_key = "bench:raw:zset";
  const int64_t mem_before_raw = UsedMemory(*redis);
  t0 = NowNanos();
  {
    std::vector<std::vector<std::string>> pipeline;
    for (int64_t begin = 0; begin < n; begin += 1000) {
      std::vector<std::string> cmd = {"ZADD", raw_key};
      for (int64_t i = begin; i < std::min(n, begin + 1000); ++i) {
        cmd.push_back(absl::StrCat(absl::ToUnixMicros(due_of(i))));
        cmd.push_back(ids[i]);
      }
      pipeline.push_back(std::move(cmd));
      if (pipeline.size() == 10 || begin + 1000 >= n) {
        Must("ZADD pipeline", redis->Pipeline(pipeline));
        pipeline.clear();
      }
    }
  }
  const double zadd_s = Seconds(NowNanos() - t0);
  const double zadd_rate = static_cast<double>(n) / zadd_s;
  const int64_t mem_after_raw = UsedMemory(*redis);
  const double raw_bytes =
      static_cast<double>(mem_after_raw - mem_before_raw) / static_cast<double>(n);
  Print(
      absl::StrFormat("raw ZADD of the same %d members (36-byte UUIDs) and scores: %.2f s, "
                      "%.0f members/s, ZCARD = %d",
                      n, zadd_s, zadd_rate, Zcard(*redis, raw_key)));
  Check("DEL raw", redis->Command({"DEL", raw_key}).status());

  // Reconcile after losing the sorted set (as after a FLUSHALL).
  Check("DEL due", redis->Command({"DEL", due_key}).status());
  const int64_t mem_lost = UsedMemory(*redis);
  t0 = NowNanos();
  Check("reconcile", engine.Reconcile());
  const double reconcile_s = Seconds(NowNanos() - t0);
  const int64_t mem_reconciled = UsedMemory(*redis);
  Print(
      absl::StrFormat("DeadlineEngine::Reconcile (due set deleted first): %.1f s, %.0f "
                      "deadlines/s, ZCARD due = %d, memory re-added %.1f bytes/deadline",
                      reconcile_s, static_cast<double>(n) / reconcile_s, Zcard(*redis, due_key),
                      static_cast<double>(mem_reconciled - mem_lost) / static_cast<double>(n)));

  Print("");
  Print("| figure | value | ceiling | ratio |");
  Print("|---|---|---|---|");
  Print(
      absl::StrFormat("| Redis bytes per pending deadline (used_memory delta / %d) | %.1f | "
                      "%.1f bytes/member (raw ZADD, plain sorted set) | %s |",
                      n, engine_bytes, raw_bytes, Ratio(engine_bytes, raw_bytes)));
  Print(absl::StrFormat("| Schedule rows/s (tx of %d) | %.0f | %.0f (raw sqlite3 INSERT) | %s |",
                        batch, schedule_rps, raw_insert_rps, Ratio(schedule_rps, raw_insert_rps)));
  Print(
      absl::StrFormat("| PublishPending deadlines/s | %.0f | %.0f (raw ZADD) / %.0f (raw sqlite3 "
                      "INSERT) | %s / %s |",
                      n / publish_s, zadd_rate, raw_insert_rps, Ratio(n / publish_s, zadd_rate),
                      Ratio(n / publish_s, raw_insert_rps)));
  Print(absl::StrFormat("| Reconcile deadlines/s | %.0f | %.0f (raw ZADD) | %s |", n / reconcile_s,
                        zadd_rate, Ratio(n / reconcile_s, zadd_rate)));
}

// ---------------------------------------------------------------- part B

struct Firing {
  absl::Duration lag;
  absl::Time at;
};

// Raw sqlite3 single-row write transactions (WAL, synchronous=FULL): the
// fsync ceiling of one firing per transaction. The WAL is first grown by one
// big transaction (100,000 rows, several MB, past the 1,000-page
// auto-checkpoint) and checkpointed, so that the measured commits overwrite
// WAL space already allocated, as the engine's database does in steady
// state, instead of extending the file: an fsync that extends a file also
// commits the ext4 journal, and is several times slower on this disk.
class RawTx {
 public:
  explicit RawTx(const std::string& path) : raw_(path) {
    raw_.Exec(std::string(kFireEffectsSql));
    ins_ = raw_.Prepare("INSERT INTO fire_effects (deadline_id, workers, lag_us) VALUES (?, 0, 0)");
    begin_ = raw_.Prepare("BEGIN IMMEDIATE");
    commit_ = raw_.Prepare("COMMIT");
    raw_.Exec("BEGIN IMMEDIATE");
    for (int i = 0; i < 100000; ++i) Insert();
    raw_.Exec("COMMIT");
    raw_.Exec("PRAGMA wal_checkpoint(RESTART)");
  }
  ~RawTx() {
    sqlite3_finalize(ins_);
    sqlite3_finalize(begin_);
    sqlite3_finalize(commit_);
  }
  // Transactions per second over `seconds`.
  double Measure(double seconds) {
    int64_t count = 0;
    const int64_t t0 = NowNanos();
    const int64_t end = t0 + static_cast<int64_t>(seconds * 1e9);
    int64_t now = t0;
    while (now < end) {
      raw_.Step(begin_);
      Insert();
      raw_.Step(commit_);
      ++count;
      now = NowNanos();
    }
    return static_cast<double>(count) / Seconds(now - t0);
  }

 private:
  void Insert() {
    sqlite3_bind_text(ins_, 1, kId, -1, SQLITE_STATIC);
    raw_.Step(ins_);
  }
  static constexpr char kId[] = "0b7c4c1e-4f7a-4d55-9a43-7f3f7d0c2a11";
  RawSqlite raw_;
  sqlite3_stmt* ins_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
};

// Runs the firing-lag measurement with SQLite files and the Redis AOF under
// `base` (a directory: /tmp for the disk, /dev/shm for tmpfs).
void FiringLag(const std::string& base, const std::string& label, int n,
               const std::vector<int>& worker_counts, absl::Duration due_in, double raw_seconds) {
  Print("");
  Print(absl::StrFormat("## B. Firing lag (%s): %d deadlines due at the same moment", label, n));
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved = old_tmpdir != nullptr ? old_tmpdir : "";
  setenv("TMPDIR", base.c_str(), 1);
  testing::TempDir dir;
  std::unique_ptr<testing::RedisServer> server =
      Must("redis-server", testing::RedisServer::Start());  // AOF, fsync always
  if (old_tmpdir != nullptr) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  Print(absl::StrFormat("SQLite files and Redis AOF under %s", dir.path()));
  std::unique_ptr<redis::RedisClient> redis = ClientFor(*server);
  std::unique_ptr<store::Database> db =
      Must("open sqlite", store::OpenSqlite({.path = dir.File("fire.db")}));
  Check("migrate", store::Migrate(*db, "bench", kMigrations));
  RealClock clock;
  RandomIdGenerator ids;
  RawTx raw(dir.File("fire_raw.db"));
  std::error_code size_error;
  Print(absl::StrFormat("raw sqlite3 WAL after its warm-up: %d bytes",
                        std::filesystem::file_size(dir.File("fire_raw.db-wal"), size_error)));

  // Ceiling: raw ZPOPMIN of n members on the same Redis (AOF always);
  // members/s, (ZPOPMIN key 1) x 100 per pipelined round trip.
  auto zpopmin_rate = [&] {
    const std::string key = "bench:raw:pop";
    std::vector<std::string> cmd = {"ZADD", key};
    for (int i = 0; i < n; ++i) {
      cmd.push_back(absl::StrCat(i));
      cmd.push_back(ids.NewId());
    }
    Must("ZADD", redis->Command(cmd));
    const int64_t t0 = NowNanos();
    int popped = 0;
    while (popped < n) {
      std::vector<std::vector<std::string>> pipeline(100, {"ZPOPMIN", key, "1"});
      for (const redis::Reply& r : Must("ZPOPMIN pipeline", redis->Pipeline(pipeline))) {
        popped += static_cast<int>(r.elements.size() / 2);
      }
    }
    return static_cast<double>(n) / Seconds(NowNanos() - t0);
  };

  struct Row {
    int workers;
    int fired;
    double p50_ms, p99_ms, max_ms, first_ms, last_ms;
    double rate, steady_rate;
    double raw_before, raw_after, zpop;
  };
  std::vector<Row> rows;
  for (int workers : worker_counts) {
    Row row;
    row.workers = workers;
    row.raw_before = raw.Measure(raw_seconds);
    row.zpop = zpopmin_rate();
    deadlines::EngineOptions options;
    options.namespace_prefix = absl::StrCat("le:bench:fire:w", workers);
    options.worker_threads = workers;
    DeadlineEngine engine(db.get(), redis.get(), &clock, &ids, options, nullptr);
    std::mutex mu;
    std::vector<Firing> firings;
    firings.reserve(static_cast<size_t>(n) * 2);
    engine.RegisterHandler(kKind, [&](store::Transaction& tx, const deadlines::Deadline& d) {
      const absl::Time now = clock.Now();
      const absl::Duration lag = now - d.due_at;
      absl::Status s =
          tx.Execute("INSERT INTO fire_effects (deadline_id, workers, lag_us) VALUES (?, ?, ?)",
                     {store::Text(d.id), store::Int(workers),
                      store::Int(absl::ToInt64Microseconds(lag))})
              .status();
      if (s.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        firings.push_back({lag, now});
      }
      return s;
    });

    const absl::Time t0 = absl::Now();
    const absl::Time due = t0 + due_in;
    Check("schedule", db->Write([&](store::Transaction& tx) -> absl::Status {
      for (int i = 0; i < n; ++i) {
        DeadlineSpec spec{kKind, absl::StrFormat("w%d-%06d", workers, i), due, "{}", std::nullopt};
        if (absl::StatusOr<std::string> id = engine.Schedule(tx, spec); !id.ok()) {
          return id.status();
        }
      }
      return absl::OkStatus();
    }));
    Check("publish", engine.PublishPending());
    const absl::Time published = absl::Now();
    engine.Start();
    const absl::Time give_up = due + absl::Seconds(240);
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (static_cast<int>(firings.size()) >= n) break;
      }
      if (absl::Now() > give_up) break;
      absl::SleepFor(absl::Milliseconds(5));
    }
    engine.Stop();
    int64_t committed = 0;
    Check("count", db->Read([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<store::Row>> r =
          tx.Query("SELECT COUNT(*) FROM fire_effects WHERE workers = ?", {store::Int(workers)});
      if (!r.ok()) return r.status();
      committed = r->front().Int(0);
      return absl::OkStatus();
    }));
    row.raw_after = raw.Measure(raw_seconds);

    std::vector<int64_t> lag_ns;
    absl::Time first = absl::InfiniteFuture();
    absl::Time last = absl::InfinitePast();
    for (const Firing& f : firings) {
      lag_ns.push_back(absl::ToInt64Nanoseconds(f.lag));
      first = std::min(first, f.at);
      last = std::max(last, f.at);
    }
    Summary lag = Summarize(lag_ns, 1);
    row.fired = static_cast<int>(firings.size());
    row.p50_ms = lag.p50_us / 1e3;
    row.p99_ms = lag.p99_us / 1e3;
    row.max_ms = lag.max_us / 1e3;
    row.first_ms = absl::ToDoubleMilliseconds(first - due);
    row.last_ms = absl::ToDoubleMilliseconds(last - due);
    row.rate = row.fired / absl::ToDoubleSeconds(last - due);
    row.steady_rate = (row.fired - 1) / absl::ToDoubleSeconds(last - first);
    rows.push_back(row);
    Print(absl::StrFormat(
        "worker_threads=%d: raw sqlite3 %.0f tx/s and raw ZPOPMIN %.0f/s before; "
        "scheduled+published %d in %.2f s "
        "(%.2f s before T); fired %d (committed rows %d); first at T+%.1f ms, last at T+%.1f ms; "
        "due/lease left in Redis: %d/%d; raw sqlite3 %.0f tx/s after",
        workers, row.raw_before, row.zpop, n, absl::ToDoubleSeconds(published - t0),
        absl::ToDoubleSeconds(due - published), row.fired, committed, row.first_ms, row.last_ms,
        Zcard(*redis, options.namespace_prefix + ":dl:due"),
        Zcard(*redis, options.namespace_prefix + ":dl:lease"), row.raw_after));
  }

  Print("");
  Print(absl::StrFormat("%s:", label));
  Print(
      "| worker_threads | lag p50 ms | lag p99 ms | lag max ms | first fired, ms after T | "
      "firings/s = n / (last - T) | raw sqlite3 tx/s before / after | ratio to raw tx/s "
      "(before / after) | raw ZPOPMIN/s | ratio to ZPOPMIN/s |");
  Print("|---|---|---|---|---|---|---|---|---|---|");
  for (const Row& r : rows) {
    Print(absl::StrFormat(
        "| %d | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f / %.0f | %s / %s | %.0f | %s |", r.workers,
        r.p50_ms, r.p99_ms, r.max_ms, r.first_ms, r.rate, r.raw_before, r.raw_after,
        Ratio(r.rate, r.raw_before), Ratio(r.rate, r.raw_after), r.zpop, Ratio(r.rate, r.zpop)));
  }
}

int Run(int argc, char** argv) {
  const Args args(argc, argv);
  const int64_t n = args.GetInt("deadlines", 1000000);
  const int64_t batch = args.GetInt("batch", 50000);
  const int fire = static_cast<int>(args.GetInt("fire", 10000));
  const std::vector<int> workers = args.GetIntList("workers", {1, 2});
  const absl::Duration due_in = absl::Seconds(args.GetDouble("due_in", 2));
  const double raw_tx_seconds = args.GetDouble("raw_tx_seconds", 3);
  const std::string tmpfs = args.Get("tmpfs", "/dev/shm");
  log::SetMinLevel(log::Level::kWarn);  // no per-firing info line
  testing::TempDir dir;
  Print(absl::StrFormat("deadlines_bench: data in %s (SQLite WAL, synchronous=FULL)", dir.path()));
  if (args.Get("skip_memory", "") != "true") MemoryAndScale(dir, n, batch);
  if (args.Get("skip_firing", "") != "true") {
    const char* tmp = std::getenv("TMPDIR");
    FiringLag(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "disk (TMPDIR)", fire, workers, due_in,
              raw_tx_seconds);
    if (!tmpfs.empty() && tmpfs != "none") {
      // Diagnostic, not a deployment: fsync on tmpfs returns at once, so
      // this shows what the engine costs besides the disk.
      FiringLag(tmpfs, "tmpfs " + tmpfs + " (fsync is free; NOT durable; diagnostic only)", fire,
                workers, due_in, raw_tx_seconds);
    }
  }
  return 0;
}

}  // namespace
}  // namespace lawenforce::bench

int main(int argc, char** argv) { return lawenforce::bench::Run(argc, argv); }
