// VersionedCache against a real redis-server: hits, misses, TTLs, batches,
// Redis failures and restarts. The concurrent races are in
// versioned_cache_race_test.cc.

#include "common/cache/versioned_cache.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "common/testing/redis_server.h"
#include "common/testing/status_matchers.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"

namespace lawenforce::cache {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::RedisServer;
using ::lawenforce::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr absl::string_view kNamespace = "test:v1";

// The value of the series of `name` with exactly `labels`; -1 when absent.
double MetricValue(prometheus::Registry& registry, const std::string& name,
                   const std::map<std::string, std::string>& labels) {
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name) {
      continue;
    }
    for (const prometheus::ClientMetric& metric : family.metric) {
      std::map<std::string, std::string> found;
      for (const prometheus::ClientMetric::Label& label : metric.label) {
        found[label.name] = label.value;
      }
      if (found == labels) {
        return family.type == prometheus::MetricType::Gauge ? metric.gauge.value
                                                            : metric.counter.value;
      }
    }
  }
  return -1;
}

// The system of record: one value, and how often it was loaded.
struct Source {
  std::string value;
  int loads = 0;

  absl::StatusOr<std::string> Load() {
    ++loads;
    return value;
  }
};

class VersionedCacheTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(""); }

  void StartServer(const std::string& extra_args) {
    absl::StatusOr<std::unique_ptr<RedisServer>> server = RedisServer::Start(extra_args);
    ASSERT_OK(server.status());
    server_ = *std::move(server);
    absl::StatusOr<redis::RedisOptions> options = redis::ParseRedisUrl(server_->url());
    ASSERT_OK(options.status());
    options->connect_timeout = absl::Seconds(1);
    options->command_timeout = absl::Seconds(5);
    redis::RedisClientEnv env;
    env.clock = &client_clock_;  // reconnects only when the test advances it
    client_ = redis::CreateRedisClient(*options, env);
    cache_ = std::make_unique<VersionedCache>(client_.get(), Options(), &registry_);
  }

  static CacheOptions Options() {
    CacheOptions options;
    options.namespace_prefix = std::string(kNamespace);
    options.ttl = absl::Seconds(60);
    return options;
  }

  // Lets the client reconnect at once after the server came back.
  void AllowReconnect() { client_clock_.Advance(absl::Hours(1)); }

  absl::StatusOr<std::string> Get(absl::string_view key, Source& source) {
    return cache_->GetOrLoad(key, [&] { return source.Load(); });
  }

  double Requests(const std::string& result) {
    return MetricValue(registry_, "lawenforce_cache_requests_total",
                       {{"cache", std::string(kNamespace)}, {"result", result}});
  }
  double Invalidations(const std::string& result) {
    return MetricValue(registry_, "lawenforce_cache_invalidations_total",
                       {{"cache", std::string(kNamespace)}, {"result", result}});
  }

  int64_t Pttl(const std::string& redis_key) {
    absl::StatusOr<std::string> pttl = server_->Query({"PTTL", redis_key});
    int64_t ms = -3;
    EXPECT_TRUE(pttl.ok() && absl::SimpleAtoi(*pttl, &ms)) << pttl.status();
    return ms;
  }

  FakeClock client_clock_;
  prometheus::Registry registry_;
  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<redis::RedisClient> client_;
  std::unique_ptr<VersionedCache> cache_;
};

TEST_F(VersionedCacheTest, MissLoadsOnceThenHitsServeWithoutLoading) {
  Source source{"active"};
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  EXPECT_EQ(source.loads, 1);
  EXPECT_EQ(Requests("miss"), 1);
  EXPECT_EQ(Requests("hit"), 2);
  EXPECT_EQ(Requests("error"), 0);
  EXPECT_EQ(Requests("bypass"), 0);
}

TEST_F(VersionedCacheTest, EveryPerKeyEntryHasATtlAndTheVersionOutlivesTheValue) {
  Source source{"active"};
  ASSERT_OK(Get("officer-1", source).status());
  const int64_t value_ttl = Pttl("le:test:v1:val:officer-1");
  const int64_t version_ttl = Pttl("le:test:v1:ver:officer-1");
  EXPECT_GT(value_ttl, 0);
  EXPECT_LE(value_ttl, 60000);
  EXPECT_GT(version_ttl, 60000);
  EXPECT_LE(version_ttl, 120000);
}

TEST_F(VersionedCacheTest, InvalidateMakesTheNextReadLoadTheChange) {
  Source source{"active"};
  ASSERT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  source.value = "suspended";
  ASSERT_OK(cache_->Invalidate({"officer-1"}));
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("suspended"));
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("suspended"));
  EXPECT_EQ(source.loads, 2);
  EXPECT_EQ(Invalidations("ok"), 1);
}

TEST_F(VersionedCacheTest, InvalidatingManyKeysIsOneRedisCommand) {
  Source source{"active"};
  for (const char* key : {"a", "b", "c"}) {
    ASSERT_OK(Get(key, source).status());
  }
  ASSERT_OK(server_->Query({"CONFIG", "RESETSTAT"}).status());
  ASSERT_OK(cache_->Invalidate({"a", "b", "c", "never-cached"}));
  ASSERT_OK_AND_ASSIGN(std::string stats, server_->Query({"INFO", "commandstats"}));
  EXPECT_THAT(stats, HasSubstr("cmdstat_del:calls=1,"));
  EXPECT_EQ(server_->Query({"EXISTS", "le:test:v1:val:a", "le:test:v1:val:b", "le:test:v1:val:c"})
                .value_or("?"),
            "0");
  EXPECT_EQ(Invalidations("ok"), 4);
}

TEST_F(VersionedCacheTest, LoaderErrorIsReturnedAndNothingIsCached) {
  int loads = 0;
  auto failing = [&]() -> absl::StatusOr<std::string> {
    ++loads;
    return absl::NotFoundError("officer-1");
  };
  EXPECT_THAT(cache_->GetOrLoad("officer-1", failing), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(cache_->GetOrLoad("officer-1", failing), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(loads, 2);
  EXPECT_EQ(server_->Query({"EXISTS", "le:test:v1:val:officer-1"}).value_or("?"), "0");
}

TEST_F(VersionedCacheTest, EmptyAndBinaryValuesRoundTrip) {
  Source empty{""};
  Source binary{std::string("a\0\nb\xff\n", 6)};
  ASSERT_THAT(Get("empty", empty), IsOkAndHolds(""));
  ASSERT_THAT(Get("binary", binary), IsOkAndHolds(binary.value));
  EXPECT_THAT(Get("empty", empty), IsOkAndHolds(""));
  EXPECT_THAT(Get("binary", binary), IsOkAndHolds(binary.value));
  EXPECT_EQ(empty.loads, 1);
  EXPECT_EQ(binary.loads, 1);
}

TEST_F(VersionedCacheTest, KeysShapedLikeInternalKeysDoNotCollide) {
  Source plain{"plain"};
  Source shaped{"shaped"};
  Source meta{"meta"};
  ASSERT_THAT(Get("x", plain), IsOkAndHolds("plain"));
  ASSERT_THAT(Get("ver:x", shaped), IsOkAndHolds("shaped"));
  ASSERT_THAT(Get("meta", meta), IsOkAndHolds("meta"));
  EXPECT_THAT(Get("x", plain), IsOkAndHolds("plain"));
  EXPECT_THAT(Get("ver:x", shaped), IsOkAndHolds("shaped"));
  EXPECT_THAT(Get("meta", meta), IsOkAndHolds("meta"));
  EXPECT_EQ(plain.loads + shaped.loads + meta.loads, 3);
}

TEST_F(VersionedCacheTest, NamespacesAreIndependent) {
  CacheOptions other_options = Options();
  other_options.namespace_prefix = "other:v1";
  VersionedCache other(client_.get(), other_options);
  Source mine{"mine"};
  Source theirs{"theirs"};
  ASSERT_THAT(Get("k", mine), IsOkAndHolds("mine"));
  EXPECT_THAT(other.GetOrLoad("k", [&] { return theirs.Load(); }), IsOkAndHolds("theirs"));
  ASSERT_OK(other.Invalidate({"k"}));
  EXPECT_THAT(Get("k", mine), IsOkAndHolds("mine"));
  EXPECT_EQ(mine.loads, 1);
}

TEST_F(VersionedCacheTest, GetOrLoadManyLoadsOnlyTheDistinctMissesInOneCall) {
  std::map<std::string, std::string> db = {{"a", "A"}, {"b", "B"}, {"c", "C"}};
  std::vector<std::vector<std::string>> calls;
  auto loader =
      [&](const std::vector<std::string>& missing) -> absl::StatusOr<std::vector<std::string>> {
    calls.push_back(missing);
    std::vector<std::string> values;
    for (const std::string& key : missing) {
      values.push_back(db.at(key));
    }
    return values;
  };
  ASSERT_THAT(cache_->GetOrLoadMany({"a", "c"}, loader), IsOkAndHolds(ElementsAre("A", "C")));
  EXPECT_THAT(cache_->GetOrLoadMany({"c", "b", "a", "b"}, loader),
              IsOkAndHolds(ElementsAre("C", "B", "A", "B")));
  EXPECT_THAT(cache_->GetOrLoadMany({"b", "a", "c"}, loader),
              IsOkAndHolds(ElementsAre("B", "A", "C")));
  EXPECT_THAT(calls, ElementsAre(ElementsAre("a", "c"), ElementsAre("b")));
  EXPECT_THAT(cache_->GetOrLoadMany({}, loader), IsOkAndHolds(ElementsAre()));
  EXPECT_EQ(calls.size(), 2u);
}

TEST_F(VersionedCacheTest, GetOrLoadManyRefusesALoaderAnswerOfTheWrongLength) {
  auto short_loader =
      [](const std::vector<std::string>&) -> absl::StatusOr<std::vector<std::string>> {
    return std::vector<std::string>{"A"};
  };
  EXPECT_THAT(cache_->GetOrLoadMany({"a", "b"}, short_loader),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("1 values for 2 keys")));
  EXPECT_EQ(server_->Query({"EXISTS", "le:test:v1:val:a"}).value_or("?"), "0");
}

TEST_F(VersionedCacheTest, GetOrLoadManyReturnsTheLoaderError) {
  auto failing = [](const std::vector<std::string>&) -> absl::StatusOr<std::vector<std::string>> {
    return absl::UnavailableError("database down");
  };
  EXPECT_THAT(cache_->GetOrLoadMany({"a"}, failing), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(VersionedCacheTest, InvalidateInBatchFormMakesEveryKeyMiss) {
  std::map<std::string, std::string> db = {{"a", "A1"}, {"b", "B1"}};
  auto loader = [&](const std::vector<std::string>& missing) {
    std::vector<std::string> values;
    for (const std::string& key : missing) {
      values.push_back(db.at(key));
    }
    return absl::StatusOr<std::vector<std::string>>(values);
  };
  ASSERT_THAT(cache_->GetOrLoadMany({"a", "b"}, loader), IsOkAndHolds(ElementsAre("A1", "B1")));
  db = {{"a", "A2"}, {"b", "B2"}};
  ASSERT_OK(cache_->Invalidate({"a", "b"}));
  EXPECT_THAT(cache_->GetOrLoadMany({"a", "b"}, loader), IsOkAndHolds(ElementsAre("A2", "B2")));
}

TEST_F(VersionedCacheTest, RedisDownServesTheLoaderAndInvalidateIsUnavailable) {
  Source source{"active"};
  ASSERT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  ASSERT_OK(server_->Kill());
  source.value = "suspended";
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("suspended"));
  EXPECT_THAT(cache_->GetOrLoadMany({"officer-1", "officer-2"},
                                    [](const std::vector<std::string>& missing) {
                                      return absl::StatusOr<std::vector<std::string>>(missing);
                                    }),
              IsOkAndHolds(ElementsAre("officer-1", "officer-2")));
  EXPECT_THAT(cache_->Invalidate({"officer-1"}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(Requests("error"), 3);
  EXPECT_EQ(Invalidations("error"), 1);
  EXPECT_GE(cache_->failures(), 2u);
  // Without a journal the cache stays trusted: failures only count.
  EXPECT_TRUE(cache_->trusted());
}

TEST_F(VersionedCacheTest, ARestartThatLostTheInvalidationServesNothingStale) {
  // Snapshots only: what a restart brings back is the state at SAVE, as
  // after an AOF that missed its last fsync or a promoted lagging replica.
  StartServer("--appendonly no");
  Source source{"active"};
  ASSERT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  ASSERT_OK(server_->Query({"SAVE"}).status());
  source.value = "suspended";
  ASSERT_OK(cache_->Invalidate({"officer-1"}));  // acknowledged, then lost:
  ASSERT_OK(server_->Kill());
  ASSERT_OK(server_->Restart());
  ASSERT_EQ(server_->Query({"EXISTS", "le:test:v1:val:officer-1", "le:test:v1:ver:officer-1"})
                .value_or("?"),
            "2");  // the old value and its version are back
  AllowReconnect();
  // The first call may meet the pooled connection the restart broke.
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("suspended"));
  }
  EXPECT_GE(Requests("hit"), 1);  // of the new value, stored after the restart
  EXPECT_THAT(server_->Query({"GET", "le:test:v1:val:officer-1"}),
              IsOkAndHolds(::testing::EndsWith("\nsuspended")));
}

TEST_F(VersionedCacheTest, FlushAllMakesEveryReadMissWithoutError) {
  Source source{"active"};
  ASSERT_OK(Get("officer-1", source).status());
  ASSERT_OK(server_->FlushAll());
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  EXPECT_EQ(source.loads, 2);
  EXPECT_EQ(Requests("error"), 0);
}

TEST_F(VersionedCacheTest, ADistrustedCacheBypassesRedisUntilTrustedAgain) {
  Source source{"active"};
  ASSERT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  cache_->Distrust();
  EXPECT_FALSE(cache_->trusted());
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  EXPECT_THAT(Get("fresh", source), IsOkAndHolds("active"));
  EXPECT_EQ(server_->Query({"EXISTS", "le:test:v1:val:fresh"}).value_or("?"), "0");
  EXPECT_EQ(source.loads, 3);
  EXPECT_EQ(Requests("bypass"), 2);

  cache_->TrustUnlessFailedSince(cache_->failures());
  EXPECT_TRUE(cache_->trusted());
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  EXPECT_EQ(source.loads, 3);
}

TEST_F(VersionedCacheTest, AFailureAfterTheSnapshotKeepsTheCacheDistrusted) {
  cache_->Distrust();
  const uint64_t seen = cache_->failures();
  ASSERT_OK(server_->Kill());
  ASSERT_THAT(cache_->Invalidate({"officer-1"}), StatusIs(absl::StatusCode::kUnavailable));
  cache_->TrustUnlessFailedSince(seen);
  EXPECT_FALSE(cache_->trusted());
  cache_->TrustUnlessFailedSince(cache_->failures());
  EXPECT_TRUE(cache_->trusted());
  // Once gated, any failure (a read too) distrusts the cache again.
  Source source{"active"};
  EXPECT_THAT(Get("officer-1", source), IsOkAndHolds("active"));
  EXPECT_FALSE(cache_->trusted());
}

}  // namespace
}  // namespace lawenforce::cache
