#include "common/cache/versioned_cache.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/random/random.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "prometheus/family.h"

namespace lawenforce::cache {
namespace {

// KEYS: meta, then (version, value) per cache key. ARGV: a fresh nonce, the
// version TTL in ms. Returns (tag, value or nil) per cache key.
//
// The epoch starts with the server's run_id, so that state restored by a
// restart (an RDB snapshot, an AOF that missed its last fsync, a promoted
// replica) is never trusted: a restart can bring back a value together
// with its version, having lost the invalidation that deleted both.
constexpr absl::string_view kReadScript = R"lua(
local run = string.match(redis.call('INFO', 'server'), 'run_id:(%x+)')
run = string.sub(run, 1, 16)
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if (not epoch) or string.sub(epoch, 1, 16) ~= run then
  epoch = run .. ARGV[1]
  redis.call('HSET', KEYS[1], 'epoch', epoch)
end
local prefix = epoch .. '.'
local out = {}
for i = 2, #KEYS, 2 do
  local tag = redis.call('GET', KEYS[i])
  if (not tag) or string.sub(tag, 1, #prefix) ~= prefix then
    tag = prefix .. redis.call('HINCRBY', KEYS[1], 'clock', 1)
    redis.call('SET', KEYS[i], tag, 'PX', ARGV[2])
    out[#out + 1] = tag
    out[#out + 1] = false
  else
    out[#out + 1] = tag
    out[#out + 1] = redis.call('GET', KEYS[i + 1])
  end
end
return out
)lua";

// KEYS: (version, value) per cache key. ARGV: value TTL ms, version TTL ms,
// then (tag, bytes) per cache key. Stores "<tag>\n<bytes>" where the version
// is still the tag the reader saw before loading; returns how many it stored.
constexpr absl::string_view kStoreScript = R"lua(
local stored = 0
for i = 1, #KEYS, 2 do
  local tag = ARGV[i + 2]
  if redis.call('GET', KEYS[i]) == tag then
    redis.call('SET', KEYS[i + 1], tag .. '\n' .. ARGV[i + 3], 'PX', ARGV[1])
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
    stored = stored + 1
  end
end
return stored
)lua";

const redis::LuaScript& ReadScript() {
  static const auto* script = new redis::LuaScript(std::string(kReadScript));
  return *script;
}

const redis::LuaScript& StoreScript() {
  static const auto* script = new redis::LuaScript(std::string(kStoreScript));
  return *script;
}

std::string Nonce() {
  thread_local absl::BitGen gen;
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(gen));
}

// A version outlives the value stored under it, so a live value is never
// orphaned into a miss by its version expiring first.
constexpr int kVersionTtlFactor = 2;

}  // namespace

VersionedCache::VersionedCache(redis::RedisClient* redis, CacheOptions options,
                               prometheus::Registry* metrics)
    : redis_(redis),
      options_(std::move(options)),
      meta_key_(absl::StrCat("le:", options_.namespace_prefix, ":meta")),
      value_ttl_ms_(absl::StrCat(std::max<int64_t>(1, absl::ToInt64Milliseconds(options_.ttl)))),
      version_ttl_ms_(absl::StrCat(
          std::max<int64_t>(1, absl::ToInt64Milliseconds(options_.ttl * kVersionTtlFactor)))) {
  if (metrics == nullptr) {
    return;
  }
  auto& requests = prometheus::BuildCounter()
                       .Name("lawenforce_cache_requests_total")
                       .Help(
                           "Cache lookups by result: hit, miss (loaded from the system of "
                           "record), error (Redis failed; loaded), bypass (cache distrusted "
                           "while an invalidation is pending; loaded).")
                       .Register(*metrics);
  auto& invalidations = prometheus::BuildCounter()
                            .Name("lawenforce_cache_invalidations_total")
                            .Help("Cache keys invalidated, by result (ok, error).")
                            .Register(*metrics);
  const std::string& ns = options_.namespace_prefix;
  counters_.hit = &requests.Add({{kMetricLabel, ns}, {"result", "hit"}});
  counters_.miss = &requests.Add({{kMetricLabel, ns}, {"result", "miss"}});
  counters_.error = &requests.Add({{kMetricLabel, ns}, {"result", "error"}});
  counters_.bypass = &requests.Add({{kMetricLabel, ns}, {"result", "bypass"}});
  counters_.invalidated = &invalidations.Add({{kMetricLabel, ns}, {"result", "ok"}});
  counters_.invalidate_error = &invalidations.Add({{kMetricLabel, ns}, {"result", "error"}});
}

std::string VersionedCache::ValueKey(absl::string_view key) const {
  return absl::StrCat("le:", options_.namespace_prefix, ":val:", key);
}

std::string VersionedCache::VersionKey(absl::string_view key) const {
  return absl::StrCat("le:", options_.namespace_prefix, ":ver:", key);
}

void VersionedCache::Add(prometheus::Counter* counter, double n) {
  if (counter != nullptr && n > 0) {
    counter->Increment(n);
  }
}

absl::StatusOr<std::string> VersionedCache::GetOrLoad(
    absl::string_view key, absl::FunctionRef<absl::StatusOr<std::string>()> loader) {
  if (!trusted()) {
    Add(counters_.bypass, 1);
    return loader();
  }
  std::vector<std::string> keys = {std::string(key)};
  absl::StatusOr<std::vector<Entry>> entries = Read(keys);
  if (!entries.ok()) {
    Add(counters_.error, 1);
    return loader();
  }
  Entry& entry = entries->front();
  if (entry.value.has_value()) {
    Add(counters_.hit, 1);
    return std::move(*entry.value);
  }
  absl::StatusOr<std::string> loaded = loader();
  if (!loaded.ok()) {
    Add(counters_.miss, 1);
    return loaded;
  }
  absl::Status stored = Store(keys, *entries, {*loaded});
  Add(stored.ok() ? counters_.miss : counters_.error, 1);
  return loaded;
}

absl::StatusOr<std::vector<std::string>> VersionedCache::GetOrLoadMany(
    const std::vector<std::string>& keys,
    absl::FunctionRef<absl::StatusOr<std::vector<std::string>>(const std::vector<std::string>&)>
        loader) {
  if (keys.empty()) {
    return std::vector<std::string>();
  }
  std::vector<std::string> distinct;
  std::vector<size_t> slot_of(keys.size());  // keys[i] is distinct[slot_of[i]]
  absl::flat_hash_map<absl::string_view, size_t> slots;
  for (size_t i = 0; i < keys.size(); ++i) {
    auto [it, inserted] = slots.try_emplace(keys[i], distinct.size());
    if (inserted) {
      distinct.push_back(keys[i]);
    }
    slot_of[i] = it->second;
  }

  std::vector<Entry> entries;
  std::vector<size_t> missing;  // slots to load
  prometheus::Counter* outcome = counters_.miss;
  if (!trusted()) {
    outcome = counters_.bypass;
  } else if (absl::StatusOr<std::vector<Entry>> read = Read(distinct); !read.ok()) {
    outcome = counters_.error;
  } else {
    entries = std::move(*read);
  }
  std::vector<std::string> values(distinct.size());
  for (size_t s = 0; s < distinct.size(); ++s) {
    if (!entries.empty() && entries[s].value.has_value()) {
      values[s] = std::move(*entries[s].value);
    } else {
      missing.push_back(s);
    }
  }
  Add(counters_.hit, static_cast<double>(distinct.size() - missing.size()));

  if (!missing.empty()) {
    std::vector<std::string> missing_keys;
    missing_keys.reserve(missing.size());
    for (size_t s : missing) {
      missing_keys.push_back(distinct[s]);
    }
    absl::StatusOr<std::vector<std::string>> loaded = loader(missing_keys);
    if (!loaded.ok()) {
      Add(outcome, static_cast<double>(missing.size()));
      return loaded.status();
    }
    if (loaded->size() != missing.size()) {
      Add(outcome, static_cast<double>(missing.size()));
      return absl::InternalError(absl::StrFormat("cache loader returned %d values for %d keys",
                                                 loaded->size(), missing.size()));
    }
    if (!entries.empty()) {
      std::vector<Entry> missing_entries;
      missing_entries.reserve(missing.size());
      for (size_t s : missing) {
        missing_entries.push_back(std::move(entries[s]));
      }
      if (!Store(missing_keys, missing_entries, *loaded).ok()) {
        outcome = counters_.error;
      }
    }
    Add(outcome, static_cast<double>(missing.size()));
    for (size_t i = 0; i < missing.size(); ++i) {
      values[missing[i]] = std::move((*loaded)[i]);
    }
  }

  std::vector<std::string> result;
  result.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    result.push_back(values[slot_of[i]]);
  }
  return result;
}

absl::Status VersionedCache::Invalidate(const std::vector<std::string>& keys) {
  if (keys.empty()) {
    return absl::OkStatus();
  }
  std::vector<std::string> argv;
  argv.reserve(1 + 2 * keys.size());
  argv.push_back("DEL");
  for (const std::string& key : keys) {
    argv.push_back(VersionKey(key));
    argv.push_back(ValueKey(key));
  }
  absl::StatusOr<redis::Reply> reply = redis_->Command(argv);
  if (!reply.ok()) {
    RecordFailure();
    Add(counters_.invalidate_error, static_cast<double>(keys.size()));
    return reply.status();
  }
  Add(counters_.invalidated, static_cast<double>(keys.size()));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<VersionedCache::Entry>> VersionedCache::Read(
    const std::vector<std::string>& keys) {
  std::vector<std::string> redis_keys;
  redis_keys.reserve(1 + 2 * keys.size());
  redis_keys.push_back(meta_key_);
  for (const std::string& key : keys) {
    redis_keys.push_back(VersionKey(key));
    redis_keys.push_back(ValueKey(key));
  }
  absl::StatusOr<redis::Reply> reply =
      redis_->Eval(ReadScript(), redis_keys, {Nonce(), version_ttl_ms_});
  if (reply.ok() &&
      (reply->type != redis::Reply::Type::kArray || reply->elements.size() != 2 * keys.size())) {
    reply = absl::InternalError("cache read script returned an unexpected reply");
  }
  if (!reply.ok()) {
    RecordFailure();
    return reply.status();
  }
  std::vector<Entry> entries(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    redis::Reply& tag = reply->elements[2 * i];
    redis::Reply& value = reply->elements[2 * i + 1];
    if (tag.type != redis::Reply::Type::kString || tag.str.empty()) {
      RecordFailure();
      return absl::InternalError("cache read script returned an unexpected reply");
    }
    entries[i].tag = std::move(tag.str);
    // Served only when tagged with the version the key has now.
    if (value.type == redis::Reply::Type::kString && value.str.size() > entries[i].tag.size() &&
        absl::StartsWith(value.str, entries[i].tag) && value.str[entries[i].tag.size()] == '\n') {
      entries[i].value = value.str.substr(entries[i].tag.size() + 1);
    }
  }
  return entries;
}

absl::Status VersionedCache::Store(const std::vector<std::string>& keys,
                                   const std::vector<Entry>& entries,
                                   const std::vector<std::string>& values) {
  std::vector<std::string> redis_keys;
  std::vector<std::string> args = {value_ttl_ms_, version_ttl_ms_};
  redis_keys.reserve(2 * keys.size());
  args.reserve(2 + 2 * keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    redis_keys.push_back(VersionKey(keys[i]));
    redis_keys.push_back(ValueKey(keys[i]));
    args.push_back(entries[i].tag);
    args.push_back(values[i]);
  }
  absl::StatusOr<redis::Reply> reply = redis_->Eval(StoreScript(), redis_keys, args);
  if (!reply.ok()) {
    RecordFailure();
    return reply.status();
  }
  return absl::OkStatus();
}

void VersionedCache::RecordFailure() {
  absl::MutexLock lock(&mu_);
  ++failures_;
  if (gated_) {
    trusted_.store(false, std::memory_order_release);
  }
}

void VersionedCache::Distrust() {
  absl::MutexLock lock(&mu_);
  gated_ = true;
  trusted_.store(false, std::memory_order_release);
}

void VersionedCache::TrustUnlessFailedSince(uint64_t failures_seen) {
  absl::MutexLock lock(&mu_);
  if (failures_ == failures_seen) {
    trusted_.store(true, std::memory_order_release);
  }
}

uint64_t VersionedCache::failures() const {
  absl::MutexLock lock(&mu_);
  return failures_;
}

}  // namespace lawenforce::cache
