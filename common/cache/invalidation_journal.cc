#include "common/cache/invalidation_journal.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "common/log/log.h"
#include "prometheus/family.h"

namespace lawenforce::cache {
namespace {

constexpr absl::string_view kInsertSql =
    "INSERT INTO cache_invalidations (id, cache_namespace, cache_key, create_time) "
    "VALUES (?, ?, ?, ?)";
constexpr absl::string_view kSelectBatchSql =
    "SELECT id, cache_key FROM cache_invalidations WHERE cache_namespace = ? "
    "ORDER BY create_time, id LIMIT ?";
constexpr absl::string_view kDeleteSql = "DELETE FROM cache_invalidations WHERE id = ?";

// Rows per Redis round trip (each key is two arguments of one DEL).
constexpr int64_t kBatchSize = 256;

}  // namespace

InvalidationJournal::InvalidationJournal(store::Database* db, VersionedCache* cache,
                                         prometheus::Registry* metrics)
    : db_(db), cache_(cache) {
  // A previous process may have committed a change and died before its
  // invalidation reached Redis: nothing cached is trusted before a Flush.
  cache_->Distrust();
  if (metrics != nullptr) {
    pending_gauge_ = &prometheus::BuildGauge()
                          .Name("lawenforce_cache_journal_pending")
                          .Help(
                              "1 while a journaled cache invalidation may be missing from "
                              "Redis (reads of that cache bypass it), else 0.")
                          .Register(*metrics)
                          .Add({{kMetricLabel, cache_->namespace_prefix()}});
    pending_gauge_->Set(1);
  }
}

InvalidationJournal::~InvalidationJournal() { Stop(); }

absl::Status InvalidationJournal::Record(store::Transaction& tx, absl::string_view id,
                                         absl::string_view key, absl::Time now) const {
  return tx
      .Execute(kInsertSql, {store::Text(id), store::Text(cache_->namespace_prefix()),
                            store::Text(key), store::Int(absl::ToUnixMicros(now))})
      .status();
}

absl::Status InvalidationJournal::Flush() {
  absl::MutexLock flush_lock(&flush_mu_);
  // Only a Redis failure after this point keeps the cache distrusted: every
  // failure before it is covered by the rows this Flush reads.
  const uint64_t failures_before = cache_->failures();
  absl::Status status = FlushBatches();
  if (status.ok()) {
    cache_->TrustUnlessFailedSince(failures_before);
  }
  SetState(status.ok() ? State::kClear : State::kPending, status);
  return status;
}

absl::Status InvalidationJournal::FlushBatches() {
  const std::string ns = cache_->namespace_prefix();
  for (;;) {
    std::vector<std::string> ids;
    std::vector<std::string> keys;
    absl::Status read = db_->Read([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<store::Row>> rows =
          tx.Query(kSelectBatchSql, {store::Text(ns), store::Int(kBatchSize)});
      if (!rows.ok()) {
        return rows.status();
      }
      absl::flat_hash_set<std::string> seen;
      for (const store::Row& row : *rows) {
        ids.push_back(row.Text(0));
        std::string key = row.Text(1);
        if (seen.insert(key).second) {
          keys.push_back(std::move(key));
        }
      }
      return absl::OkStatus();
    });
    if (!read.ok()) {
      return read;
    }
    if (ids.empty()) {
      return absl::OkStatus();
    }
    if (absl::Status invalidated = cache_->Invalidate(keys); !invalidated.ok()) {
      return invalidated;
    }
    absl::Status deleted = db_->Write([&](store::Transaction& tx) -> absl::Status {
      for (const std::string& id : ids) {
        if (absl::StatusOr<int64_t> n = tx.Execute(kDeleteSql, {store::Text(id)}); !n.ok()) {
          return n.status();
        }
      }
      return absl::OkStatus();
    });
    if (!deleted.ok()) {
      return deleted;
    }
    if (static_cast<int64_t>(ids.size()) < kBatchSize) {
      return absl::OkStatus();
    }
  }
}

void InvalidationJournal::SetState(State state, const absl::Status& status) {
  State previous;
  {
    absl::MutexLock lock(&mu_);
    previous = state_;
    state_ = state;
  }
  if (pending_gauge_ != nullptr) {
    pending_gauge_->Set(state == State::kPending ? 1 : 0);
  }
  if (state == previous || (previous == State::kUnknown && state == State::kClear)) {
    return;
  }
  if (state == State::kPending) {
    log::Warn("cache_invalidation_pending", {{"namespace", cache_->namespace_prefix()},
                                             {"code", absl::StatusCodeToString(status.code())}});
  } else {
    log::Info("cache_invalidation_clear", {{"namespace", cache_->namespace_prefix()}});
  }
}

bool InvalidationJournal::pending() const {
  absl::MutexLock lock(&mu_);
  return state_ != State::kClear;
}

bool InvalidationJournal::WaitUntilClear(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto clear = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return state_ == State::kClear; };
  return mu_.AwaitWithTimeout(absl::Condition(&clear), timeout);
}

void InvalidationJournal::Start(absl::Duration interval) {
  absl::MutexLock lock(&loop_mu_);
  if (loop_.joinable()) {
    return;
  }
  const uint64_t generation = ++generation_;
  loop_ = std::thread([this, interval, generation] { Loop(interval, generation); });
}

void InvalidationJournal::Stop() {
  std::thread loop;
  {
    absl::MutexLock lock(&loop_mu_);
    ++generation_;
    loop = std::move(loop_);
  }
  if (loop.joinable()) {
    loop.join();
  }
}

void InvalidationJournal::Loop(absl::Duration interval, uint64_t generation) {
  auto stopped = [this, generation]()
                     ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_mu_) { return generation_ != generation; };
  for (;;) {
    Flush().IgnoreError();  // logged by SetState on a change of state
    absl::MutexLock lock(&loop_mu_);
    if (loop_mu_.AwaitWithTimeout(absl::Condition(&stopped), interval)) {
      return;
    }
  }
}

}  // namespace lawenforce::cache
