// personnel-service on the shared Redis layer: the eligibility cache is
// never stale after a change returns, on any replica; certificate expiry is
// a deadline that fires once and writes EXPIRED with history; Redis being
// down fails no RPC and loses no deadline. Real redis-server, real SQLite.

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/auth/authorize.h"
#include "common/cache/invalidation_journal.h"
#include "common/cache/versioned_cache.h"
#include "common/crypto/pii.h"
#include "common/deadlines/deadline_engine.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/redis/redis_client.h"
#include "common/status/macros.h"
#include "common/store/sqlite_database.h"
#include "common/testing/id_numbers.h"
#include "common/testing/redis_server.h"
#include "common/testing/service_fixture.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "services/personnel/app/eligibility_source.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/domain/expiry.h"
#include "services/personnel/personnel_module.h"
#include "services/personnel/store/certificate_deadlines.h"
#include "services/personnel/store/sql_personnel_store.h"
#include "tests/integration/privacy_scan.h"

namespace lawenforce::testing {
namespace {

using personnel::Certificate;
using personnel::CertificateEventKind;
using personnel::CertificateState;
using personnel::CorrectionRequest;
using ::testing::HasSubstr;
using ::testing::Not;

// One replica: a personnel-service graph assembled by the kit as main()
// assembles it (its own Redis connections, cache, journal, deadline engine,
// store and use cases), over the shared SQLite file and the shared Redis.
// Its gRPC server is not started: the test drives the use cases directly.
struct Replica {
  std::unique_ptr<InProcessService> service;
  std::shared_ptr<prometheus::Registry> registry;
  cache::InvalidationJournal* journal = nullptr;
  deadlines::DeadlineEngine* engine = nullptr;
  personnel::PersonnelStore* store = nullptr;
  personnel::PersonnelApp* app = nullptr;
};

class PersonnelRedisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<RedisServer>> redis = RedisServer::Start();
    ASSERT_TRUE(redis.ok()) << redis.status();
    redis_server_ = *std::move(redis);
    absl::StatusOr<Divisions> divisions = Divisions::LoadFromFile(DivisionsPath());
    ASSERT_TRUE(divisions.ok());
    divisions_.emplace(*std::move(divisions));
    admin_.subject = "admin";
    admin_.roles = {auth::Role::kSupervisor, auth::Role::kSystem};
    admin_.division_code = "640000";
  }

  std::unique_ptr<Replica> MakeReplica() {
    auto r = std::make_unique<Replica>();
    absl::StatusOr<std::unique_ptr<InProcessService>> service =
        InProcessService::Start(personnel::PersonnelSpec(), dir_,
                                {{"--db=" + dir_.File("shared.db"),
                                  "--redis-url=" + redis_server_->url(), "--deadline-lease=5s"},
                                 &clock_,
                                 &ids_,
                                 /*serve=*/false});
    EXPECT_TRUE(service.ok()) << service.status();
    if (!service.ok()) return r;
    r->service = *std::move(service);
    const kit::Env& env = r->service->runtime().env();
    r->registry = r->service->runtime().registry();
    r->journal = env.journal;
    r->engine = env.deadlines;
    auto& module = r->service->module<personnel::PersonnelModule>();
    r->store = &module.store();
    r->app = &module.app();
    // A replica trusts its cache once its journal has flushed (as at start-up).
    EXPECT_OK(r->journal->Flush());
    return r;
  }

  // Agency, officer and an ACTIVE certificate valid until `until`.
  std::pair<std::string, std::string> OfficerWithCertificate(Replica& r, absl::CivilDay until) {
    personnel::Agency agency;
    agency.name = "兴庆区市场监督管理局";
    agency.division_code = "640104";
    agency.domains = {"market_regulation"};
    absl::StatusOr<personnel::Agency> a = r.app->agencies().Create(admin_, agency, {});
    EXPECT_TRUE(a.ok()) << a.status();
    personnel::Officer officer;
    officer.agency_id = a->id;
    officer.name = "张三";
    officer.roles = {personnel::OfficerRole::kOfficer};
    absl::StatusOr<personnel::Officer> o =
        r.app->officers().Create(admin_, officer, "11010519491231002X", {});
    EXPECT_TRUE(o.ok()) << o.status();
    Certificate c;
    c.number = "NX-R-1";
    c.officer_id = o->id;
    c.kind = personnel::CertificateKind::kEnforcement;
    c.domains = {"market_regulation"};
    c.valid_from = absl::CivilDay(2025, 1, 1);
    c.valid_until = until;
    absl::StatusOr<Certificate> issued = r.app->certificates().Issue(admin_, c, {});
    EXPECT_TRUE(issued.ok()) << issued.status();
    return {o->id, issued->id};
  }

  std::string CreateAgency(Replica& r) {
    personnel::Agency agency;
    agency.name = "金凤区市场监督管理局";
    agency.division_code = "640106";
    agency.domains = {"market_regulation"};
    absl::StatusOr<personnel::Agency> a = r.app->agencies().Create(admin_, agency, {});
    EXPECT_TRUE(a.ok()) << a.status();
    return a.ok() ? a->id : "";
  }

  std::string CreateOfficer(Replica& r, const std::string& agency_id, int serial) {
    personnel::Officer officer;
    officer.agency_id = agency_id;
    officer.name = "张三";
    officer.roles = {personnel::OfficerRole::kOfficer};
    absl::StatusOr<personnel::Officer> o =
        r.app->officers().Create(admin_, officer, TestIdNumber(serial), {});
    EXPECT_TRUE(o.ok()) << o.status();
    return o.ok() ? o->id : "";
  }

  // Audit rows of `action` in the shared store.
  static int AuditCount(Replica& r, absl::string_view action) {
    int count = -1;
    auto read = [&](store::Transaction& tx) -> absl::Status {
      LE_ASSIGN_OR_RETURN(
          std::vector<store::Row> rows,
          tx.Query("SELECT COUNT(*) FROM audit_log WHERE action = ?", {store::Text(action)}));
      count = static_cast<int>(rows[0].Int(0));
      return absl::OkStatus();
    };
    EXPECT_OK(r.service->runtime().env().db->Read(read));
    return count;
  }

  static double CacheHits(Replica& r) {
    for (const prometheus::MetricFamily& f : r.registry->Collect()) {
      if (f.name != "lawenforce_cache_requests_total") continue;
      for (const prometheus::ClientMetric& m : f.metric) {
        for (const auto& label : m.label) {
          if (label.name == "result" && label.value == "hit") return m.counter.value;
        }
      }
    }
    return 0;
  }

  bool Eligible(Replica& r, const std::string& officer_id) {
    absl::StatusOr<std::vector<personnel::EligibilityVerdict>> v =
        r.app->eligibility().Check(admin_, {officer_id}, "market_regulation", std::nullopt);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() && (*v)[0].eligible;
  }

  TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1748736000)};  // 2025-06-01T00:00:00Z
  RandomIdGenerator ids_;
  std::unique_ptr<RedisServer> redis_server_;
  std::optional<Divisions> divisions_;
  auth::Principal admin_;
};

TEST_F(PersonnelRedisTest, NoReplicaAnswersEligibleAfterSuspensionReturns) {
  std::unique_ptr<Replica> a = MakeReplica();
  std::unique_ptr<Replica> b = MakeReplica();
  auto [officer_id, cert_id] = OfficerWithCertificate(*a, absl::CivilDay(2030, 12, 31));
  ASSERT_TRUE(Eligible(*a, officer_id));
  ASSERT_TRUE(Eligible(*b, officer_id));  // both caches now hold "eligible"

  // generation changes at every phase change; phase 1 = suspension returned.
  std::atomic<int64_t> generation{0};
  std::atomic<int> phase{0};
  std::atomic<bool> stop{false};
  std::atomic<int> violations{0};
  std::atomic<int64_t> checks{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 8; ++i) {
    Replica* replica = i % 2 == 0 ? a.get() : b.get();
    readers.emplace_back([&, replica] {
      while (!stop.load()) {
        const int64_t g1 = generation.load();
        const int p = phase.load();
        const bool eligible = Eligible(*replica, officer_id);
        const int64_t g2 = generation.load();
        if (g1 == g2 && p == 1 && eligible) violations.fetch_add(1);
        checks.fetch_add(1);
      }
    });
  }
  for (int round = 0; round < 40; ++round) {
    Replica& writer = round % 2 == 0 ? *a : *b;
    phase.store(0);
    generation.fetch_add(1);
    if (round > 0) {
      ASSERT_OK(writer.app->certificates()
                    .Transition(admin_, cert_id, CertificateEventKind::kReinstate, "round", "")
                    .status());
    }
    ASSERT_OK(writer.app->certificates()
                  .Transition(admin_, cert_id, CertificateEventKind::kSuspend, "round", "")
                  .status());
    generation.fetch_add(1);
    phase.store(1);
    // Let the readers hammer the suspended state for a while.
    const int64_t target = checks.load() + 200;
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (checks.load() < target && absl::Now() < deadline) std::this_thread::yield();
  }
  stop.store(true);
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(violations.load(), 0) << "stale eligible answers after suspension returned";
  EXPECT_GT(checks.load(), 8000);
  // The answers came from the cache, not only from SQLite.
  EXPECT_GT(CacheHits(*a) + CacheHits(*b), 1000);
}

// Officer and certificate reads go through the cache; a change on one
// replica is visible on the other as soon as the change returns.
TEST_F(PersonnelRedisTest, CachedRecordsAreNeverStaleAfterAChangeReturns) {
  std::unique_ptr<Replica> a = MakeReplica();
  std::unique_ptr<Replica> b = MakeReplica();
  auto [officer_id, cert_id] = OfficerWithCertificate(*a, absl::CivilDay(2030, 12, 31));
  for (int i = 0; i < 3; ++i) {  // warm both caches
    ASSERT_OK(b->app->officers().Get(admin_, officer_id).status());
    ASSERT_OK(b->app->certificates().Get(admin_, cert_id).status());
  }
  const double hits_before = CacheHits(*b);
  ASSERT_OK(b->app->officers().Get(admin_, officer_id).status());
  EXPECT_GT(CacheHits(*b), hits_before) << "officer reads do not use the cache";

  ASSERT_OK(a->app->officers()
                .Update(admin_, officer_id, "", std::string("李四"), std::nullopt)
                .status());
  ASSERT_OK_AND_ASSIGN(personnel::Officer renamed, b->app->officers().Get(admin_, officer_id));
  EXPECT_EQ(renamed.name, "李四");

  ASSERT_OK(a->app->certificates()
                .Transition(admin_, cert_id, CertificateEventKind::kSuspend, "check", "")
                .status());
  ASSERT_OK_AND_ASSIGN(Certificate suspended, b->app->certificates().Get(admin_, cert_id));
  EXPECT_EQ(suspended.state, CertificateState::kSuspended);

  personnel::Assessment failing;
  failing.officer_id = officer_id;
  failing.year = 2024;
  failing.result = personnel::AssessmentResult::kIncompetent;
  ASSERT_OK(a->app->assessments().Record(admin_, failing, {}).status());
  ASSERT_OK_AND_ASSIGN(Certificate flagged, b->app->certificates().Get(admin_, cert_id));
  EXPECT_TRUE(flagged.review_required);
  ASSERT_OK_AND_ASSIGN(personnel::Officer flagged_officer,
                       b->app->officers().Get(admin_, officer_id));
  EXPECT_TRUE(flagged_officer.review_required);
}

// ------------------------------------------- concurrent writes, two replicas

// Four writers on two replicas, each a read-modify-write of the same officer
// (one letter of its own appended to the name) sent with the etag it read.
// No success is overwritten: the version moved once per success, the name
// holds every success's letter, and there is one audit row per success.
TEST_F(PersonnelRedisTest, ConcurrentUpdatesOnTwoReplicasLoseNoUpdate) {
  std::unique_ptr<Replica> a = MakeReplica();
  std::unique_ptr<Replica> b = MakeReplica();
  const std::string agency_id = CreateAgency(*a);
  const std::string officer_id = CreateOfficer(*a, agency_id, 1);
  ASSERT_OK_AND_ASSIGN(personnel::Officer initial, b->app->officers().Get(admin_, officer_id));

  constexpr int kWriters = 4;
  constexpr int kAttempts = 12;
  std::atomic<bool> go{false};
  std::vector<int> successes(kWriters, 0);
  std::atomic<int> conflicts{0};
  std::vector<std::string> errors(kWriters);
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    Replica* r = i % 2 == 0 ? a.get() : b.get();
    writers.emplace_back([&, r, i] {
      while (!go.load()) std::this_thread::yield();
      for (int k = 0; k < kAttempts; ++k) {
        absl::StatusOr<personnel::Officer> read = r->app->officers().Get(admin_, officer_id);
        if (!read.ok()) {
          errors[i] = read.status().ToString();
          return;
        }
        absl::StatusOr<personnel::Officer> written =
            r->app->officers().Update(admin_, officer_id, app::Etag(read->version),
                                      read->name + static_cast<char>('a' + i), std::nullopt);
        if (written.ok()) {
          ++successes[i];
        } else if (absl::IsAborted(written.status())) {
          conflicts.fetch_add(1);  // someone else wrote since the read: read again
        } else {
          errors[i] = written.status().ToString();
          return;
        }
      }
    });
  }
  go.store(true);
  for (std::thread& t : writers) t.join();
  for (const std::string& e : errors) EXPECT_EQ(e, "");

  int total = 0;
  for (int n : successes) total += n;
  ASSERT_GT(total, 0);
  EXPECT_EQ(total + conflicts.load(), kWriters * kAttempts);
  for (Replica* r : {a.get(), b.get()}) {
    ASSERT_OK_AND_ASSIGN(personnel::Officer final_state,
                         r->app->officers().Get(admin_, officer_id));
    EXPECT_EQ(final_state.version, initial.version + total);
    EXPECT_EQ(final_state.name.size(), initial.name.size() + total);
    for (int i = 0; i < kWriters; ++i) {
      EXPECT_EQ(std::count(final_state.name.begin(), final_state.name.end(), 'a' + i), successes[i])
          << "writer " << i << " lost an update";
    }
  }
  EXPECT_EQ(AuditCount(*a, "officer.update"), total);
}

// Four replicas' worth of issuers race to give one officer an enforcement
// certificate for the same domain (different numbers): exactly one wins on
// either store, the others are ALREADY_EXISTS, and one certificate is live.
TEST_F(PersonnelRedisTest, ConcurrentIssuesOnTwoReplicasLeaveOneLiveCertificate) {
  std::unique_ptr<Replica> a = MakeReplica();
  std::unique_ptr<Replica> b = MakeReplica();
  const std::string agency_id = CreateAgency(*a);
  for (int round = 0; round < 5; ++round) {
    const std::string officer_id = CreateOfficer(*a, agency_id, 10 + round);
    std::atomic<bool> go{false};
    std::atomic<int> issued{0};
    std::atomic<int> refused{0};
    std::vector<std::string> errors(4);
    std::vector<std::thread> issuers;
    for (int i = 0; i < 4; ++i) {
      Replica* r = i % 2 == 0 ? a.get() : b.get();
      issuers.emplace_back([&, r, i] {
        Certificate c;
        c.number = absl::StrCat("NX-RACE-", round, "-", i);
        c.officer_id = officer_id;
        c.kind = personnel::CertificateKind::kEnforcement;
        c.domains = {"market_regulation"};
        c.valid_from = absl::CivilDay(2025, 1, 1);
        c.valid_until = absl::CivilDay(2030, 12, 31);
        while (!go.load()) std::this_thread::yield();
        absl::StatusOr<Certificate> out = r->app->certificates().Issue(admin_, c, {});
        if (out.ok()) {
          issued.fetch_add(1);
        } else if (absl::IsAlreadyExists(out.status())) {
          refused.fetch_add(1);
        } else {
          errors[i] = out.status().ToString();
        }
      });
    }
    go.store(true);
    for (std::thread& t : issuers) t.join();
    for (const std::string& e : errors) EXPECT_EQ(e, "");
    EXPECT_EQ(issued.load(), 1) << "round " << round;
    EXPECT_EQ(refused.load(), 3) << "round " << round;
    ASSERT_OK_AND_ASSIGN(personnel::Page<Certificate> live,
                         b->app->certificates().List(admin_, "", officer_id,
                                                     std::optional(CertificateState::kActive), {}));
    EXPECT_EQ(live.items.size(), 1u) << "round " << round;
    EXPECT_TRUE(Eligible(*a, officer_id));
    EXPECT_TRUE(Eligible(*b, officer_id));
  }
}

// Ten certificates' reminders and expiries, both replicas' engines claiming
// at once: every deadline fires exactly once in all (one reminder audit row,
// one EXPIRED event per certificate), and neither replica then answers
// eligible.
TEST_F(PersonnelRedisTest, EveryDeadlineFiresOnceAcrossReplicas) {
  std::unique_ptr<Replica> a = MakeReplica();
  std::unique_ptr<Replica> b = MakeReplica();
  const std::string agency_id = CreateAgency(*a);
  constexpr int kCertificates = 10;
  std::vector<std::string> officers;
  std::vector<std::string> certificates;
  for (int i = 0; i < kCertificates; ++i) {
    Replica& r = i % 2 == 0 ? *a : *b;
    officers.push_back(CreateOfficer(r, agency_id, 20 + i));
    Certificate c;
    c.number = absl::StrCat("NX-EXP-", i);
    c.officer_id = officers.back();
    c.kind = personnel::CertificateKind::kEnforcement;
    c.domains = {"market_regulation"};
    c.valid_from = absl::CivilDay(2025, 1, 1);
    c.valid_until = absl::CivilDay(2025, 6, 20);
    ASSERT_OK_AND_ASSIGN(Certificate issued, r.app->certificates().Issue(admin_, c, {}));
    certificates.push_back(issued.id);
  }
  ASSERT_OK(a->engine->PublishPending());
  ASSERT_OK(b->engine->PublishPending());
  // Past every expiry: reminders and expiries are all due.
  clock_.SetTime(absl::FromCivil(absl::CivilSecond(2025, 6, 21, 0, 0, 0), absl::UTCTimeZone()));

  std::atomic<int> fired{0};
  std::vector<std::string> errors(4);
  std::vector<std::thread> runners;
  for (int i = 0; i < 4; ++i) {
    Replica* r = i % 2 == 0 ? a.get() : b.get();
    runners.emplace_back([&, r, i] {
      const absl::Time deadline = absl::Now() + absl::Seconds(20);
      while (fired.load() < 2 * kCertificates && absl::Now() < deadline) {
        absl::StatusOr<int> n = r->engine->RunOnce();
        if (!n.ok()) {
          errors[i] = n.status().ToString();
          return;
        }
        fired.fetch_add(*n);
      }
    });
  }
  for (std::thread& t : runners) t.join();
  for (const std::string& e : errors) EXPECT_EQ(e, "");
  // Nothing is left, and nothing fires twice.
  ASSERT_OK_AND_ASSIGN(int again_a, a->engine->RunOnce());
  ASSERT_OK_AND_ASSIGN(int again_b, b->engine->RunOnce());
  EXPECT_EQ(fired.load() + again_a + again_b, 2 * kCertificates);
  EXPECT_EQ(AuditCount(*a, "certificate.expiry_reminder"), kCertificates);
  for (int i = 0; i < kCertificates; ++i) {
    ASSERT_OK_AND_ASSIGN(auto history, a->store->GetCertificateHistory(certificates[i]));
    ASSERT_EQ(history.size(), 2u) << certificates[i];
    EXPECT_EQ(history[1].to_state, CertificateState::kExpired);
    EXPECT_FALSE(Eligible(*a, officers[i]));
    EXPECT_FALSE(Eligible(*b, officers[i]));
  }
}

TEST_F(PersonnelRedisTest, AReminderDueBeforeTheIssueIsDatedAtTheIssue) {
  std::unique_ptr<Replica> r = MakeReplica();
  // Issued 2025-06-01 with 20 days left: the reminder's due time (30 days
  // before expiry, 2025-05-22) lies before the certificate existed.
  auto [officer_id, cert_id] = OfficerWithCertificate(*r, absl::CivilDay(2025, 6, 20));
  ASSERT_OK(r->engine->PublishPending());
  ASSERT_OK_AND_ASSIGN(int fired, r->engine->RunOnce());
  EXPECT_EQ(fired, 1);
  ASSERT_OK_AND_ASSIGN(Certificate cert, r->store->GetCertificate(cert_id));
  ASSERT_OK_AND_ASSIGN(std::vector<store::AuditEntry> audit, r->store->ListAudit(cert_id));
  bool reminded = false;
  for (const store::AuditEntry& row : audit) {
    if (row.action != "certificate.expiry_reminder") continue;
    reminded = true;
    EXPECT_EQ(row.actor, "system");
    EXPECT_GE(row.time, cert.create_time) << "a reminder dated before the certificate existed";
  }
  EXPECT_TRUE(reminded);
}

TEST_F(PersonnelRedisTest, ExpiryFiresOnceAndWritesExpiredWithHistory) {
  std::unique_ptr<Replica> r = MakeReplica();
  auto [officer_id, cert_id] = OfficerWithCertificate(*r, absl::CivilDay(2025, 6, 20));
  ASSERT_OK(r->engine->PublishPending());
  // The reminder is due 30 days before expiry, i.e. already: it fires now.
  ASSERT_OK_AND_ASSIGN(int fired, r->engine->RunOnce());
  EXPECT_EQ(fired, 1);
  absl::StatusOr<Certificate> before = r->store->GetCertificate(cert_id);
  EXPECT_EQ(before->state, CertificateState::kActive);

  // 2025-06-20T16:00Z is 2025-06-21 00:00 in China: the certificate expires.
  clock_.SetTime(absl::FromCivil(absl::CivilSecond(2025, 6, 20, 16, 0, 1), absl::UTCTimeZone()));
  ASSERT_OK_AND_ASSIGN(fired, r->engine->RunOnce());
  EXPECT_EQ(fired, 1);
  ASSERT_OK_AND_ASSIGN(Certificate after, r->store->GetCertificate(cert_id));
  EXPECT_EQ(after.state, CertificateState::kExpired);
  ASSERT_OK_AND_ASSIGN(auto history, r->store->GetCertificateHistory(cert_id));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].to_state, CertificateState::kExpired);
  EXPECT_EQ(history[1].actor, "system");
  // Delivered again (e.g. after a lease expiry), the handler changes nothing.
  ASSERT_OK_AND_ASSIGN(fired, r->engine->RunOnce());
  EXPECT_EQ(fired, 0);
  ASSERT_OK_AND_ASSIGN(history, r->store->GetCertificateHistory(cert_id));
  EXPECT_EQ(history.size(), 2u);
  EXPECT_FALSE(Eligible(*r, officer_id));
}

// A mistyped end date corrected: the expiry deadline moves with it (the
// old due moment fires nothing), and the cached eligibility answer, warm
// before the correction, is fresh after it returns.
TEST_F(PersonnelRedisTest, ACorrectedEndDateMovesTheExpiryDeadline) {
  std::unique_ptr<Replica> r = MakeReplica();
  auto [officer_id, cert_id] = OfficerWithCertificate(*r, absl::CivilDay(2025, 6, 20));
  ASSERT_OK(r->engine->PublishPending());
  ASSERT_OK(r->engine->RunOnce().status());  // the reminder, already due
  const absl::Time after_typo =
      absl::FromCivil(absl::CivilSecond(2025, 6, 25, 0, 0, 0), absl::UTCTimeZone());
  ASSERT_OK_AND_ASSIGN(auto warm, r->app->eligibility().Check(admin_, {officer_id},
                                                              "market_regulation", after_typo));
  EXPECT_FALSE(warm[0].eligible);

  CorrectionRequest correction;
  correction.certificate_id = cert_id;
  correction.reason = "typed 2025-06-20 for 2027-06-20";
  correction.valid_until = absl::CivilDay(2027, 6, 20);
  ASSERT_OK(r->app->certificates().Correct(admin_, correction).status());
  ASSERT_OK(r->engine->PublishPending());
  ASSERT_OK_AND_ASSIGN(auto fresh, r->app->eligibility().Check(admin_, {officer_id},
                                                               "market_regulation", after_typo));
  EXPECT_TRUE(fresh[0].eligible);

  clock_.SetTime(after_typo);  // past the old end: nothing expires
  ASSERT_OK(r->engine->RunOnce().status());
  ASSERT_OK_AND_ASSIGN(Certificate still, r->store->GetCertificate(cert_id));
  EXPECT_EQ(still.state, CertificateState::kActive);
  // The new end: it expires then, once.
  clock_.SetTime(absl::FromCivil(absl::CivilSecond(2027, 6, 21, 0, 0, 0), absl::UTCTimeZone()));
  ASSERT_OK(r->engine->RunOnce().status());  // the moved reminder
  ASSERT_OK(r->engine->RunOnce().status());
  ASSERT_OK_AND_ASSIGN(Certificate expired, r->store->GetCertificate(cert_id));
  EXPECT_EQ(expired.state, CertificateState::kExpired);
  ASSERT_OK_AND_ASSIGN(auto history, r->store->GetCertificateHistory(cert_id));
  EXPECT_EQ(history.size(), 2u);
}

TEST_F(PersonnelRedisTest, RevokedCertificateNeverExpires) {
  std::unique_ptr<Replica> r = MakeReplica();
  auto [officer_id, cert_id] = OfficerWithCertificate(*r, absl::CivilDay(2025, 6, 20));
  ASSERT_OK(r->app->certificates()
                .Transition(admin_, cert_id, CertificateEventKind::kRevoke, "fraud", "")
                .status());
  clock_.SetTime(absl::FromCivil(absl::CivilSecond(2025, 7, 1, 0, 0, 0), absl::UTCTimeZone()));
  ASSERT_OK(r->engine->RunOnce().status());
  ASSERT_OK_AND_ASSIGN(auto history, r->store->GetCertificateHistory(cert_id));
  EXPECT_EQ(history.back().to_state, CertificateState::kRevoked);
}

TEST_F(PersonnelRedisTest, ASuspensionForATermIsReinstatedOnceAtItsEnd) {
  std::unique_ptr<Replica> r = MakeReplica();
  auto [officer_id, cert_id] = OfficerWithCertificate(*r, absl::CivilDay(2027, 12, 31));
  const absl::Time ends = clock_.Now() + absl::Hours(48);
  personnel::TransitionTerms terms;
  terms.decision_document = "宁市监暂扣字〔2025〕9号";
  terms.until = std::optional<absl::Time>(ends);
  ASSERT_OK(r->app->certificates()
                .Transition(admin_, cert_id, CertificateEventKind::kSuspend, "complaint", "",
                            std::nullopt, terms)
                .status());
  ASSERT_OK(r->engine->PublishPending());
  // Only the expiry reminder is far off; nothing is due yet.
  ASSERT_OK_AND_ASSIGN(int fired, r->engine->RunOnce());
  EXPECT_EQ(fired, 0);
  EXPECT_FALSE(Eligible(*r, officer_id));

  clock_.SetTime(ends + absl::Seconds(1));
  ASSERT_OK_AND_ASSIGN(fired, r->engine->RunOnce());
  EXPECT_EQ(fired, 1);
  ASSERT_OK_AND_ASSIGN(Certificate after, r->store->GetCertificate(cert_id));
  EXPECT_EQ(after.state, CertificateState::kActive);
  EXPECT_FALSE(after.suspended_until.has_value());
  ASSERT_OK_AND_ASSIGN(auto history, r->store->GetCertificateHistory(cert_id));
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2].actor, "system");
  EXPECT_EQ(history[2].time, ends);
  EXPECT_EQ(AuditCount(*r, "certificate.suspension_ended"), 1);
  EXPECT_TRUE(Eligible(*r, officer_id));
  // Delivered again, nothing changes.
  ASSERT_OK_AND_ASSIGN(fired, r->engine->RunOnce());
  EXPECT_EQ(fired, 0);
  ASSERT_OK_AND_ASSIGN(history, r->store->GetCertificateHistory(cert_id));
  EXPECT_EQ(history.size(), 3u);
}

TEST_F(PersonnelRedisTest, AReinstatementBeforeTheEndCancelsItsDeadline) {
  std::unique_ptr<Replica> r = MakeReplica();
  auto [officer_id, cert_id] = OfficerWithCertificate(*r, absl::CivilDay(2027, 12, 31));
  personnel::TransitionTerms terms;
  terms.until = std::optional<absl::Time>(clock_.Now() + absl::Hours(48));
  ASSERT_OK(r->app->certificates()
                .Transition(admin_, cert_id, CertificateEventKind::kSuspend, "complaint", "",
                            std::nullopt, terms)
                .status());
  clock_.Advance(absl::Hours(1));
  ASSERT_OK(r->app->certificates()
                .Transition(admin_, cert_id, CertificateEventKind::kReinstate, "cleared", "")
                .status());
  ASSERT_OK(r->engine->PublishPending());
  clock_.Advance(absl::Hours(72));
  ASSERT_OK_AND_ASSIGN(int fired, r->engine->RunOnce());
  EXPECT_EQ(fired, 0);
  ASSERT_OK_AND_ASSIGN(auto history, r->store->GetCertificateHistory(cert_id));
  EXPECT_EQ(history.size(), 3u);
  EXPECT_EQ(AuditCount(*r, "certificate.suspension_ended"), 0);
}

TEST_F(PersonnelRedisTest, RedisDownFailsNoRpcAndLosesNoDeadline) {
  std::unique_ptr<Replica> r = MakeReplica();
  auto [officer_id, first_cert] = OfficerWithCertificate(*r, absl::CivilDay(2030, 1, 1));
  ASSERT_TRUE(Eligible(*r, officer_id));
  ASSERT_OK(redis_server_->Stop());

  // Writes and reads go on against SQLite alone.
  ASSERT_OK(r->app->certificates()
                .Transition(admin_, first_cert, CertificateEventKind::kRevoke, "redis is down", "")
                .status());
  EXPECT_FALSE(Eligible(*r, officer_id));
  // (Revoked, not suspended: a suspended certificate is still live, and an
  // officer holds one live certificate per kind and domain.)
  Certificate c;
  c.number = "NX-R-2";
  c.officer_id = officer_id;
  c.kind = personnel::CertificateKind::kEnforcement;
  c.domains = {"market_regulation"};
  c.valid_from = absl::CivilDay(2025, 1, 1);
  c.valid_until = absl::CivilDay(2025, 6, 10);
  ASSERT_OK_AND_ASSIGN(Certificate second, r->app->certificates().Issue(admin_, c, {}));
  EXPECT_TRUE(Eligible(*r, officer_id));  // the new certificate is active

  // Redis comes back (its data intact): the revocation must be visible and
  // the deadline scheduled meanwhile must fire.
  ASSERT_OK(redis_server_->Restart());
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (!r->engine->PublishPending().ok() && absl::Now() < give_up) {
    std::this_thread::yield();
  }
  ASSERT_OK(r->journal->Flush());
  clock_.SetTime(absl::FromCivil(absl::CivilSecond(2025, 6, 11, 0, 0, 0), absl::UTCTimeZone()));
  int fired = 0;
  while (fired < 2 && absl::Now() < give_up) {  // reminder + expiry
    absl::StatusOr<int> n = r->engine->RunOnce();
    if (n.ok()) fired += *n;
  }
  EXPECT_EQ(fired, 2);
  ASSERT_OK_AND_ASSIGN(Certificate expired, r->store->GetCertificate(second.id));
  EXPECT_EQ(expired.state, CertificateState::kExpired);
  EXPECT_FALSE(Eligible(*r, officer_id));
}

// The Redis channel of the privacy rule (personnel_privacy_test.cc has the
// SQLite file and the logs): every key and every value of a Redis that has
// cached officers, certificates and eligibility facts holds no
// identity-card number, no birth date of one, and nothing recomputable from
// a candidate number.
TEST_F(PersonnelRedisTest, RedisHoldsNoIdentityNumber) {
  std::unique_ptr<Replica> r = MakeReplica();
  const std::vector<std::string> numbers = {"11010519491231002X", "640104198001010072"};
  personnel::Agency agency;
  agency.name = "兴庆区市场监督管理局";
  agency.division_code = "640104";
  agency.domains = {"market_regulation"};
  ASSERT_OK_AND_ASSIGN(personnel::Agency a, r->app->agencies().Create(admin_, agency, {}));
  std::vector<std::string> officer_ids;
  for (size_t i = 0; i < numbers.size(); ++i) {
    personnel::Officer officer;
    officer.agency_id = a.id;
    officer.name = "马丽";
    officer.roles = {personnel::OfficerRole::kOfficer};
    ASSERT_OK_AND_ASSIGN(personnel::Officer o,
                         r->app->officers().Create(admin_, officer, numbers[i],
                                                   {absl::StrCat("req-", i), "digest"}));
    officer_ids.push_back(o.id);
    ASSERT_OK(r->app->officers().Get(admin_, o.id).status());  // cached now
    ASSERT_OK(r->app->officers().Get(admin_, o.id).status());
    EXPECT_FALSE(Eligible(*r, o.id));  // facts cached
  }
  ASSERT_OK(r->journal->Flush());
  const std::string everything = EveryRedisValue(*redis_server_);
  ASSERT_FALSE(everything.empty());
  EXPECT_THAT(everything, HasSubstr("110105********002X")) << "the masked form is cached";
  for (const std::string& number : numbers) {
    EXPECT_THAT(everything, Not(HasSubstr(number)));
    EXPECT_THAT(everything, Not(HasSubstr(number.substr(6, 8))));
    EXPECT_THAT(everything, Not(HasSubstr(number.substr(0, 17))));
  }
}

}  // namespace
}  // namespace lawenforce::testing
