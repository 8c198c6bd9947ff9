// ImportCases on a SQLite file as case-service opens it (docs/benchmarks.md
// section 7; issue 19: "100,000 cases import at a rate measured as a ratio
// of the raw insert ceiling of the same run").
//
// In one run, on fresh files in one temporary directory:
//   1. the ceiling: `--cases` cases written straight into case-service's
//      tables with multi-row INSERTs in transactions of 20,000
//      (bench/case_bench_data.h: the case, party, officer, clock and act
//      rows only; no record entry, facts, outbox, audit or source row);
//   2. the same records with validate_only: every check and read, no
//      write (what the import costs besides its writes);
//   3. the import: as many records through cases::Cases::Import, the use
//      case ImportCases calls, in calls of `--batch`, each record a filing
//      (one individual party whose identity-card number is sealed and
//      blind-indexed) and `--acts` acts (start_investigation, then
//      record_evidence), every write as the service does it: record
//      entries chained, facts, outbox events, audit rows, the source row,
//      the clocks' deadlines;
//   4. the same batches again: every record UNCHANGED (read and compared,
//      nothing written).
// The directories of personnel-service answer in process (every officer
// eligible): the RPC each act costs in the service (one CheckEnforcement-
// Eligibility, a Redis cache hit when warm) is not in these figures; see
// section 1 for its price. The deadline engine schedules the clocks'
// deadlines in the import's transactions as in the service (its loops,
// which publish them to Redis after the commit, are not started).
//
//   import_bench [--cases=100000] [--batch=500] [--acts=1]
//                [--import_file=PATH]   keep the imported SQLite file there
//                [--cache_mib=N]        the writer's SQLite page cache (default: the
//                                       service's, 2 MiB)

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/bench_support.h"
#include "bench/case_bench_data.h"
#include "common/deadlines/deadline_engine.h"
#include "common/log/log.h"
#include "common/redis/redis_client.h"
#include "common/store/open.h"
#include "common/testing/principals.h"
#include "common/testing/redis_server.h"
#include "common/testing/temp_dir.h"
#include "services/case/app/cases.h"
#include "services/case/app/items.h"
#include "services/case/store/sql_case_store.h"

namespace lawenforce::bench {
namespace {

constexpr char kAgency[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ab";

class Agencies final : public cases::AgencyDirectory {
 public:
  absl::StatusOr<cases::AgencyInfo> GetAgency(const std::string& id) override {
    if (id != kAgency) return absl::NotFoundError("agency not found");
    return cases::AgencyInfo{kAgency, "640104", {"food_safety"}};
  }
};

class Officers final : public cases::OfficerDirectory {
 public:
  absl::StatusOr<std::vector<cases::OfficerVerdict>> CheckEligibility(
      const std::vector<std::string>& ids, const std::string&, absl::Time) override {
    std::vector<cases::OfficerVerdict> out;
    for (const std::string& id : ids) out.push_back({id, true, "ELIGIBLE", "cert-" + id, ""});
    return out;
  }
  absl::StatusOr<cases::OfficerInfo> GetOfficer(const std::string& id) override {
    return cases::OfficerInfo{id, kAgency, false};
  }
};

std::vector<std::vector<cases::ImportedCaseInput>> Batches(int64_t total, int batch, int acts,
                                                           absl::Time now,
                                                           const std::string& item_id) {
  std::vector<std::vector<cases::ImportedCaseInput>> out;
  for (int64_t i = 0; i < total; ++i) {
    if (i % batch == 0) out.emplace_back();
    cases::ImportedCaseInput in;
    in.source_id = absl::StrFormat("AJ-2025-%07d", i);
    const absl::Time filed = now - absl::Hours(24) + absl::Microseconds(i);
    cases::CaseDraft d;
    d.agency_id = kAgency;
    d.item_id = item_id;
    d.parties = {
        cases::PartyInput{cases::PartyKind::kIndividual, "张三", "", "640104198503121231"}};
    d.facts = "在兴庆区某超市销售超过保质期的食品";
    d.violation_time = filed - absl::Hours(72);
    d.officer_ids = {absl::StrFormat("00000000-0000-4000-8000-%012d", 1 + i % 20),
                     absl::StrFormat("00000000-0000-4000-8000-%012d", 21 + i % 20)};
    in.draft = d;
    in.filed_at = filed;
    in.canonical_filing = absl::StrCat("filing:", in.source_id);
    for (int a = 0; a < acts; ++a) {
      cases::Act act;
      act.event =
          a == 0 ? cases::CaseEvent::kStartInvestigation : cases::CaseEvent::kRecordEvidence;
      act.now = filed + absl::Minutes(a + 1);
      if (a > 0) act.evidence = {{std::string(64, 'a'), "photo", "现场照片"}};
      in.acts.push_back({act, a == 0 ? "start_investigation" : "record_evidence",
                         absl::StrCat(in.source_id, "/", a)});
    }
    out.back().push_back(std::move(in));
  }
  return out;
}

int Main(int argc, char** argv) {
  Args args(argc, argv);
  log::SetMinLevel(log::Level::kWarn);
  const int64_t total = args.GetInt("cases", 100000);
  const int batch = static_cast<int>(args.GetInt("batch", 500));
  const int acts = static_cast<int>(args.GetInt("acts", 1));
  const std::string divisions_path = testing::DivisionsPath();
  const absl::Time now = absl::FromCivil(absl::CivilSecond(2025, 6, 2, 9, 0, 0), ChinaTimeZone());
  std::unique_ptr<CaseBenchEnv> env_holder = NewCaseBenchEnv(now);
  CaseBenchEnv& env = *env_holder;
  Print(absl::StrFormat("import_bench: %d cases, calls of %d records, %d act(s) a record", total,
                        batch, acts));
  testing::TempDir dir;

  // 1. The ceiling.
  double ceiling = 0;
  {
    std::unique_ptr<store::Database> db =
        OrDie(store::OpenDatabase(absl::StrCat("sqlite://", dir.File("raw.db"))), "OpenDatabase");
    OrDie(cases::OpenSqlCaseStore(db.get(), &env.ids, nullptr, nullptr), "OpenSqlCaseStore");
    const CaseCatalog catalog = OrDie(MakeCatalog(divisions_path, 19), "catalog");
    const int64_t t0 = NowNanos();
    LoadReport r = OrDie(LoadCases(*db, catalog, total, now, 19), "LoadCases");
    const double seconds = (NowNanos() - t0) / 1e9;
    Print(absl::StrFormat(
        "raw ceiling: %d cases (%d parties, %d officer links, %d clocks, %d "
        "acts) in %.2f s: %.0f cases/s",
        r.cases, r.parties, r.officers, r.clocks, r.acts, seconds, total / seconds));
    ceiling = total / seconds;
  }

  // 2. to 4. Checks only, the import, the import again.
  const std::string import_file = args.Get("import_file", dir.File("import.db"));
  std::filesystem::remove(import_file);
  std::unique_ptr<store::Database> db =
      OrDie(store::OpenDatabase(
                absl::StrCat("sqlite://", std::filesystem::absolute(import_file).string())),
            "OpenDatabase");
  if (const int64_t mib = args.GetInt("cache_mib", 0); mib > 0) {
    // An experiment: SQLite's page cache of the writer (default 2 MiB).
    absl::Status s = db->Write([&](store::Transaction& tx) {
      return tx.Execute(absl::StrCat("PRAGMA cache_size=-", mib * 1024)).status();
    });
    if (!s.ok()) Die("cache_size", s.ToString());
    Print(absl::StrFormat("writer's page cache: %d MiB", mib));
  }
  // The deadline engine schedules in the caller's transaction, as in the
  // service; its loops (publication to Redis, firing) are not started.
  std::unique_ptr<testing::RedisServer> redis_server =
      OrDie(testing::RedisServer::Start("--appendonly no"), "redis-server");
  std::unique_ptr<redis::RedisClient> redis_client =
      redis::CreateRedisClient(OrDie(redis::ParseRedisUrl(redis_server->url()), "redis url"));
  deadlines::EngineOptions engine_options;
  engine_options.namespace_prefix = "le:bench:import";
  deadlines::DeadlineEngine deadlines(db.get(), redis_client.get(), &env.clock, &env.ids,
                                      engine_options, nullptr);
  std::unique_ptr<cases::CaseStores> stores =
      OrDie(cases::OpenSqlCaseStore(db.get(), &env.ids, nullptr, &deadlines), "OpenSqlCaseStore");
  Agencies agencies;
  Officers officers;
  cases::CaseDeps deps{stores.get(), &agencies,  &officers,     &env.authorizer, env.pii.get(),
                       &env.ids,     &env.clock, &env.calendar, &env.policy};
  cases::Items items(stores.get(), &agencies, &env.authorizer, env.pii.get(), &env.ids, &env.clock);
  const auth::Principal who = testing::Caller({auth::Role::kSystem}, "640104");
  cases::EnforcementItem draft;
  draft.agency_id = kAgency;
  draft.code = "SCJG-CF-001";
  draft.name = "销售超过保质期的食品";
  draft.legal_basis = "《中华人民共和国食品安全法》第一百二十四条";
  draft.domain = "food_safety";
  draft.kind = cases::ItemKind::kPenalty;
  draft.versions.resize(1);
  draft.versions[0].effective_from = now - absl::Hours(24 * 365 * 3);
  const cases::EnforcementItem item = OrDie(items.Create(who, draft, {}), "CreateItem");
  cases::Cases use_cases(deps);
  const std::vector<std::vector<cases::ImportedCaseInput>> batches =
      Batches(total, batch, acts, now, item.id);

  // Pass 0: validate_only (every check and every read, nothing written);
  // pass 1: the import; pass 2: the same again.
  double rates[3] = {0, 0, 0};
  for (int pass = 0; pass < 3; ++pass) {
    int64_t done = 0, failed = 0, expected_outcome = 0;
    std::vector<int64_t> call_nanos;
    const int64_t t0 = NowNanos();
    for (const std::vector<cases::ImportedCaseInput>& b : batches) {
      const int64_t c0 = NowNanos();
      std::vector<cases::ImportRecordResult> results =
          OrDie(use_cases.Import(who, "nx-amr-cms", b, pass == 0), "Import");
      call_nanos.push_back(NowNanos() - c0);
      for (const cases::ImportRecordResult& r : results) {
        if (!r.error.ok()) {
          if (++failed == 1) Print(absl::StrCat("first failure: ", r.error.ToString()));
          continue;
        }
        const cases::ImportOutcome want =
            pass < 2 ? cases::ImportOutcome::kCreated : cases::ImportOutcome::kUnchanged;
        if (r.outcome == want) ++expected_outcome;
      }
      done += static_cast<int64_t>(b.size());
      if (done % 20000 == 0) {
        Print(absl::StrFormat("  pass %d: %d records, %.1f s", pass + 1, done,
                              (NowNanos() - t0) / 1e9));
      }
    }
    const double seconds = (NowNanos() - t0) / 1e9;
    rates[pass] = total / seconds;
    Summary s = Summarize(call_nanos, seconds);
    Print(absl::StrFormat(
        "%s: %d records in %.2f s: %.0f cases/s (%s x the raw ceiling); %d %s, %d failed; a call "
        "of %d: p50 %.1f ms, p99 %.1f ms",
        pass == 0   ? "validate_only (checks, no writes)"
        : pass == 1 ? "import (new)"
                    : "import again (unchanged)",
        total, seconds, rates[pass], Ratio(rates[pass], ceiling), expected_outcome,
        pass < 2 ? "created" : "unchanged", failed, batch, s.p50_us / 1000.0, s.p99_us / 1000.0));
  }
  Print(absl::StrFormat("sqlite: import file %.0f MiB",
                        std::filesystem::file_size(import_file) / 1048576.0));
  return 0;
}

}  // namespace
}  // namespace lawenforce::bench

int main(int argc, char** argv) { return lawenforce::bench::Main(argc, argv); }
