// The outbox on a real database, SQLite and PostgreSQL: an event exists iff
// its change committed, positions follow commit order without gaps even
// with concurrent writers on two replicas, and reads filter by subtree and
// resource.

#include "common/outbox/outbox.h"

#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/ids/id_generator.h"
#include "common/store/open.h"
#include "common/testing/postgres_server.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::outbox {
namespace {

using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StoreBackend;
using ::testing::ElementsAre;
using ::testing::Field;

const store::Migration kMigrations[] = {{1, "outbox", kOutboxTableSql}};

Event Sample(std::string type, std::string division = "640104", std::string resource = "cases/a") {
  return Event{std::move(type),
               std::move(resource),
               std::move(division),
               "tester",
               absl::FromUnixSeconds(1748736000),
               R"({"state":"FILED"})"};
}

ReadRequest Req(int64_t after_seq = 0, int limit = 100, std::string prefix = "",
                std::string resource = "") {
  ReadRequest r;
  r.after_seq = after_seq;
  r.limit = limit;
  r.division_prefix = std::move(prefix);
  r.resource_name = std::move(resource);
  return r;
}

class OutboxTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(url_, ::lawenforce::testing::FreshStoreUrl(GetParam(), dir_));
    ASSERT_OK_AND_ASSIGN(db_, store::OpenDatabase(url_));
    ASSERT_OK(store::Migrate(*db_, "test", kMigrations));
  }

  absl::StatusOr<int64_t> AppendOne(const Event& e) {
    int64_t seq = 0;
    absl::Status s = db_->Write([&](store::Transaction& tx) -> absl::Status {
      store::Change change(tx, ids_, nullptr);
      absl::StatusOr<int64_t> r = Append(change, e);
      if (!r.ok()) return r.status();
      seq = *r;
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return seq;
  }

  ::lawenforce::testing::TempDir dir_;
  std::string url_;
  std::unique_ptr<store::Database> db_;
  RandomIdGenerator ids_;
};

TEST_P(OutboxTest, EventsAreNumberedFromOneInCommitOrderAndReadBackWhole) {
  ASSERT_OK_AND_ASSIGN(int64_t first, AppendOne(Sample("case.filed")));
  ASSERT_OK_AND_ASSIGN(int64_t second, AppendOne(Sample("case.decided")));
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
  ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> all, ReadEvents(*db_, Req()));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].event.type, "case.filed");
  EXPECT_EQ(all[0].event.resource_name, "cases/a");
  EXPECT_EQ(all[0].event.division_code, "640104");
  EXPECT_EQ(all[0].event.actor, "tester");
  EXPECT_EQ(all[0].event.time, absl::FromUnixSeconds(1748736000));
  EXPECT_EQ(all[0].event.payload, R"({"state":"FILED"})");
  EXPECT_NE(all[0].id, all[1].id);
  ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> after, ReadEvents(*db_, Req(1)));
  EXPECT_THAT(after, ElementsAre(Field(&StoredEvent::seq, 2)));
}

TEST_P(OutboxTest, ARolledBackChangeLeavesNoEventAndNoGap) {
  absl::Status s = db_->Write([&](store::Transaction& tx) -> absl::Status {
    store::Change change(tx, ids_, nullptr);
    EXPECT_OK(Append(change, Sample("case.filed")).status());
    return absl::AbortedError("the change failed after its event was written");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> none, ReadEvents(*db_, Req()));
  EXPECT_TRUE(none.empty());
  ASSERT_OK_AND_ASSIGN(int64_t seq, AppendOne(Sample("case.filed")));
  EXPECT_EQ(seq, 1);
}

TEST_P(OutboxTest, ConcurrentWritersOnTwoReplicasGetEveryPositionOnceInOrder) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<store::Database> replica, store::OpenDatabase(url_));
  constexpr int kPerWriter = 25;
  std::vector<std::vector<int64_t>> seen(4);
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    store::Database* db = (w % 2 == 0) ? db_.get() : replica.get();
    writers.emplace_back([&, w, db] {
      RandomIdGenerator ids;
      for (int i = 0; i < kPerWriter; ++i) {
        absl::Status s = db->Write([&](store::Transaction& tx) -> absl::Status {
          absl::StatusOr<int64_t> seq = Append(tx, ids, Sample(absl::StrCat("w", w)));
          if (!seq.ok()) return seq.status();
          if (!seen[w].empty() && seen[w].back() == *seq) return absl::OkStatus();
          seen[w].push_back(*seq);
          return absl::OkStatus();
        });
        ASSERT_OK(s);
      }
    });
  }
  for (std::thread& t : writers) t.join();
  std::set<int64_t> positions;
  for (const auto& mine : seen) {
    for (size_t i = 1; i < mine.size(); ++i) EXPECT_LT(mine[i - 1], mine[i]);
  }
  ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> all, ReadEvents(*db_, Req(0, 1000)));
  ASSERT_EQ(all.size(), 4u * kPerWriter);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].seq, static_cast<int64_t>(i + 1)) << "no gap, no repeat";
  }
}

TEST_P(OutboxTest, ReadsFilterBySubtreeAndResource) {
  ASSERT_OK(AppendOne(Sample("case.filed", "640104", "cases/a")).status());
  ASSERT_OK(AppendOne(Sample("case.filed", "640302", "cases/b")).status());
  ASSERT_OK(AppendOne(Sample("case.decided", "640104001", "cases/c")).status());
  ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> county, ReadEvents(*db_, Req(0, 100, "640104")));
  EXPECT_THAT(county, ElementsAre(Field(&StoredEvent::seq, 1), Field(&StoredEvent::seq, 3)));
  ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> one, ReadEvents(*db_, Req(0, 100, "", "cases/b")));
  EXPECT_THAT(one, ElementsAre(Field(&StoredEvent::seq, 2)));
  ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> page, ReadEvents(*db_, Req(0, 2)));
  EXPECT_EQ(page.size(), 2u);
  ExpectInvalidField(ReadEvents(*db_, Req(0, 0)).status(), "limit");
}

TEST_P(OutboxTest, AnIncompleteEventIsRefusedNamingTheField) {
  auto with = [&](auto mutate) {
    Event e = Sample("case.filed");
    mutate(e);
    return AppendOne(e).status();
  };
  ExpectInvalidField(with([](Event& e) { e.type = ""; }), "event.type");
  ExpectInvalidField(with([](Event& e) { e.resource_name = ""; }), "event.resource_name");
  ExpectInvalidField(with([](Event& e) { e.actor = ""; }), "event.actor");
  ExpectInvalidField(with([](Event& e) { e.division_code = "6401"; }), "event.division_code");
  ExpectInvalidField(with([](Event& e) { e.time = absl::InfiniteFuture(); }), "event.time");
  ExpectInvalidField(with([](Event& e) { e.payload = "\xff"; }), "event.payload");
  ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> none, ReadEvents(*db_, Req()));
  EXPECT_TRUE(none.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         ::lawenforce::testing::StoreBackendName);

}  // namespace
}  // namespace lawenforce::outbox
