// GetCase and ListCases on a million cases (docs/benchmarks.md section 4;
// issue 16: "every filter's first page p99 < 50 ms on 1,000,000 cases").
//
// For each backend (a SQLite file opened as the service opens it; a
// throwaway PostgreSQL 15 on loopback, common/testing/postgres_server.h):
// case-service's migrations, then `--cases` cases bulk-loaded straight
// into its tables (bench/case_bench_data.h), then every query below
// through the use cases the RPCs call (cases::Cases::Get and
// Cases::List, with a region-wide supervisor as the principal; neither
// calls personnel-service, so none is running). The queries are
// interleaved: each round runs `--per_round` calls of every kind in turn,
// each call with fresh random arguments (a random case, county, agency,
// officer, month...). Reported: p50 and p99 over all rounds, and each as a
// ratio of the point query's (GetCase) p50 and p99 in the same run.
//
//   case_list_bench [--cases=1000000] [--rounds=10] [--per_round=20] [--page_size=50]
//                   [--backends=sqlite,postgres] [--seed=16]
//                   [--sqlite_file=PATH]   keep the loaded SQLite file there and reuse it
//                                          when it already holds the cases
//                   [--explain]            also print each ListCases kind's plan (PostgreSQL:
//                                          EXPLAIN ANALYZE of one call)

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "bench/bench_support.h"
#include "bench/case_bench_data.h"
#include "common/auth/authorize.h"
#include "common/calendar/working_calendar.h"
#include "common/crypto/pii.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/log/log.h"
#include "common/store/open.h"
#include "common/testing/postgres_server.h"
#include "common/testing/principals.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "services/case/app/case_records.h"
#include "services/case/app/cases.h"
#include "services/case/store/case_query.h"
#include "services/case/store/sql_case_store.h"

namespace lawenforce::bench {
namespace {

using cases::CaseQuery;
using cases::CaseState;
using Rng = std::mt19937_64;

const std::string& Pick(Rng& rng, const std::vector<std::string>& from) {
  return from[rng() % from.size()];
}

// One kind of call: `make` draws its arguments.
struct Kind {
  std::string name;
  std::function<CaseQuery(Rng&)> make;
  bool second_page = false;  // time the page after the first (by its token)
  // Instead of a ListCases query: draws its arguments (not timed) and
  // returns the call to time, which returns how many items it listed.
  std::function<std::function<absl::StatusOr<size_t>()>(Rng&)> other = nullptr;
};

std::vector<Kind> Kinds(const CaseCatalog& c, absl::Time now) {
  const absl::Time first = now - absl::Hours(24 * 365 * 3);
  auto month = [first, now](Rng& rng) {
    const absl::Time from = first + (now - absl::Hours(24 * 30) - first) *
                                        std::uniform_real_distribution<double>(0, 1)(rng);
    return std::make_pair(from, from + absl::Hours(24 * 30));
  };
  auto day = [first, now](Rng& rng) {
    const absl::Time from =
        first + (now - absl::Hours(24) - first) * std::uniform_real_distribution<double>(0, 1)(rng);
    return std::make_pair(from, from + absl::Hours(24));
  };
  auto q = [](auto&& set) {
    return [set](Rng& rng) {
      CaseQuery query;
      set(rng, query);
      return query;
    };
  };
  std::vector<Kind> k;
  k.push_back({"ListCases all (region)", q([](Rng&, CaseQuery&) {})});
  k.push_back(
      {"ListCases city", q([&c](Rng& r, CaseQuery& x) { x.division_code = Pick(r, c.cities); })});
  k.push_back({"ListCases county",
               q([&c](Rng& r, CaseQuery& x) { x.division_code = Pick(r, c.counties); })});
  k.push_back({"ListCases township",
               q([&c](Rng& r, CaseQuery& x) { x.division_code = Pick(r, c.townships); })});
  k.push_back(
      {"ListCases agency", q([&c](Rng& r, CaseQuery& x) { x.agency_id = Pick(r, c.agencies); })});
  k.push_back(
      {"ListCases state CLOSED", q([](Rng&, CaseQuery& x) { x.state = CaseState::kClosed; })});
  k.push_back({"ListCases state INVESTIGATING",
               q([](Rng&, CaseQuery& x) { x.state = CaseState::kInvestigating; })});
  k.push_back({"ListCases state LEGAL_REVIEW",
               q([](Rng&, CaseQuery& x) { x.state = CaseState::kLegalReview; })});
  k.push_back({"ListCases item", q([&c](Rng& r, CaseQuery& x) { x.item_id = Pick(r, c.items); })});
  k.push_back(
      {"ListCases officer", q([&c](Rng& r, CaseQuery& x) { x.officer_id = Pick(r, c.officers); })});
  k.push_back({"ListCases overdue", q([](Rng&, CaseQuery& x) { x.overdue = true; })});
  k.push_back({"ListCases not overdue", q([](Rng&, CaseQuery& x) { x.overdue = false; })});
  k.push_back(
      {"ListCases enterprise party", q([](Rng&, CaseQuery& x) { x.enterprise_party = true; })});
  k.push_back(
      {"ListCases no enterprise party", q([](Rng&, CaseQuery& x) { x.enterprise_party = false; })});
  k.push_back({"ListCases filed in a month", q([month](Rng& r, CaseQuery& x) {
                 std::tie(x.filed_from, x.filed_to) = month(r);
               })});
  k.push_back({"ListCases filed on a day",
               q([day](Rng& r, CaseQuery& x) { std::tie(x.filed_from, x.filed_to) = day(r); })});
  k.push_back({"ListCases decided in a month", q([month](Rng& r, CaseQuery& x) {
                 std::tie(x.decided_from, x.decided_to) = month(r);
               })});
  k.push_back({"ListCases filed since (open end)",
               q([month](Rng& r, CaseQuery& x) { x.filed_from = month(r).first; })});
  k.push_back({"ListCases county + CLOSED", q([&c](Rng& r, CaseQuery& x) {
                 x.division_code = Pick(r, c.counties);
                 x.state = CaseState::kClosed;
               })});
  k.push_back({"ListCases county + overdue", q([&c](Rng& r, CaseQuery& x) {
                 x.division_code = Pick(r, c.counties);
                 x.overdue = true;
               })});
  k.push_back({"ListCases township + not overdue", q([&c](Rng& r, CaseQuery& x) {
                 x.division_code = Pick(r, c.townships);
                 x.overdue = false;
               })});
  k.push_back({"ListCases county + enterprise + filed month", q([&c, month](Rng& r, CaseQuery& x) {
                 x.division_code = Pick(r, c.counties);
                 x.enterprise_party = true;
                 std::tie(x.filed_from, x.filed_to) = month(r);
               })});
  k.push_back({"ListCases city + CLOSED + decided month", q([&c, month](Rng& r, CaseQuery& x) {
                 x.division_code = Pick(r, c.cities);
                 x.state = CaseState::kClosed;
                 std::tie(x.decided_from, x.decided_to) = month(r);
               })});
  k.push_back({"ListCases agency + overdue", q([&c](Rng& r, CaseQuery& x) {
                 x.agency_id = Pick(r, c.agencies);
                 x.overdue = true;
               })});
  k.push_back({"ListCases officer + INVESTIGATING", q([&c](Rng& r, CaseQuery& x) {
                 x.officer_id = Pick(r, c.officers);
                 x.state = CaseState::kInvestigating;
               })});
  k.push_back({"ListCases CLOSED + overdue (none match)", q([](Rng&, CaseQuery& x) {
                 x.state = CaseState::kClosed;
                 x.overdue = true;
               })});
  k.push_back({"ListCases county, page 2",
               q([&c](Rng& r, CaseQuery& x) { x.division_code = Pick(r, c.counties); }), true});
  k.push_back({"ListCases filed in a month, page 2",
               q([month](Rng& r, CaseQuery& x) { std::tie(x.filed_from, x.filed_to) = month(r); }),
               true});
  return k;
}

struct Samples {
  std::vector<int64_t> nanos;
  int64_t items = 0, calls = 0, errors = 0;
  std::string first_error;
};

double Percentile(std::vector<int64_t> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[i] / 1e6;
}

void RunBackend(const std::string& backend, const std::string& url, bool load,
                const std::function<void()>& after_load, CaseBenchEnv& env,
                const CaseCatalog& catalog, const Args& args) {
  const int64_t total = args.GetInt("cases", 1000000);
  const uint64_t seed = static_cast<uint64_t>(args.GetInt("seed", 16));
  std::unique_ptr<store::Database> db = OrDie(store::OpenDatabase(url), "OpenDatabase");
  const int64_t migrate_start = NowNanos();
  std::unique_ptr<cases::CaseStores> stores =
      OrDie(cases::OpenSqlCaseStore(db.get(), &env.ids, nullptr, nullptr), "OpenSqlCaseStore");
  Print(absl::StrFormat("%s: migrations %.1f s", backend, (NowNanos() - migrate_start) / 1e9));
  if (load) {
    LoadReport r = OrDie(LoadCases(*db, catalog, total, env.clock.Now(), seed), "LoadCases");
    Print(absl::StrFormat(
        "%s: loaded %d cases, %d parties, %d officer links, %d clocks, %d acts in %.0f s", backend,
        r.cases, r.parties, r.officers, r.clocks, r.acts, r.seconds));
    if (after_load) {
      const int64_t t0 = NowNanos();
      after_load();
      Print(absl::StrFormat("%s: after the load %.0f s", backend, (NowNanos() - t0) / 1e9));
    }
  }
  const std::vector<std::string> ids = OrDie(SampleCaseIds(*db, 10000), "SampleCaseIds");
  if (ids.empty()) Die("SampleCaseIds", "no cases");

  cases::CaseDeps deps{stores.get(), nullptr,    nullptr,       &env.authorizer, env.pii.get(),
                       &env.ids,     &env.clock, &env.calendar, &env.policy};
  cases::Cases use_cases(deps);
  const auth::Principal who = testing::Caller({auth::Role::kSupervisor}, "640000");
  const int page_size = static_cast<int>(args.GetInt("page_size", 50));
  const int rounds = static_cast<int>(args.GetInt("rounds", 10));
  const int per_round = static_cast<int>(args.GetInt("per_round", 20));

  std::vector<Kind> kinds = Kinds(catalog, env.clock.Now());
  // The other paged reads of the same cases (case_records.h).
  cases::CaseRecords records(deps);
  const absl::Time now = env.clock.Now();
  auto heads = [&](std::function<std::string(Rng&)> division) {
    return [&, division](Rng& r) {
      const std::string d = division(r);
      return [&, d]() -> absl::StatusOr<size_t> {
        absl::StatusOr<app::Page<cases::RecordHead>> p = records.ListHeads(who, d, {page_size, ""});
        if (!p.ok()) return p.status();
        return p->items.size();
      };
    };
  };
  auto acts = [&](bool elsewhere) {
    return [&, elsewhere](Rng& r) {
      const size_t i = r() % catalog.officers.size();
      // The officer's own city, or another city, where it has no acts.
      std::string city = catalog.officer_divisions[i].substr(0, 4) + "00";
      if (elsewhere) city = city == "640100" ? "640300" : "640100";
      return [&, i, city]() -> absl::StatusOr<size_t> {
        absl::StatusOr<app::Page<cases::OfficerActView>> p =
            records.ListOfficerActs(who, catalog.officers[i], city, now - absl::Hours(24 * 365 * 4),
                                    now, false, {page_size, ""});
        if (!p.ok()) return p.status();
        return p->items.size();
      };
    };
  };
  kinds.push_back({"ExportRecordHeads (region)", {}, false, heads([](Rng&) { return ""; })});
  kinds.push_back({"ExportRecordHeads county", {}, false, heads([&](Rng& r) {
                     return Pick(r, catalog.counties);
                   })});
  kinds.push_back({"ListOfficerActs, the officer's city", {}, false, acts(false)});
  kinds.push_back({"ListOfficerActs, another city (none)", {}, false, acts(true)});
  Samples get;
  std::vector<Samples> lists(kinds.size());
  Rng rng(seed + 1);
  auto record = [](Samples& s, int64_t nanos, const absl::Status& status, int64_t items) {
    ++s.calls;
    if (!status.ok()) {
      ++s.errors;
      if (s.first_error.empty()) s.first_error = status.ToString();
      return;
    }
    s.nanos.push_back(nanos);
    s.items += items;
  };
  for (int round = 0; round < rounds; ++round) {
    for (int i = 0; i < per_round; ++i) {
      const std::string& id = Pick(rng, ids);
      const int64_t t0 = NowNanos();
      absl::StatusOr<cases::CaseBundle> b = use_cases.Get(who, id);
      record(get, NowNanos() - t0, b.status(), 1);
    }
    for (size_t k = 0; k < kinds.size(); ++k) {
      for (int i = 0; i < per_round; ++i) {
        if (kinds[k].other) {
          std::function<absl::StatusOr<size_t>()> call = kinds[k].other(rng);
          const int64_t t0 = NowNanos();
          absl::StatusOr<size_t> n = call();
          record(lists[k], NowNanos() - t0, n.status(), n.ok() ? *n : 0);
          continue;
        }
        const CaseQuery query = kinds[k].make(rng);
        app::PageQuery page{page_size, ""};
        if (kinds[k].second_page) {
          absl::StatusOr<app::Page<cases::Case>> first = use_cases.List(who, query, page);
          if (!first.ok() || first->next_page_token.empty()) {
            record(lists[k], 0, first.ok() ? absl::NotFoundError("no second page") : first.status(),
                   0);
            continue;
          }
          page.page_token = first->next_page_token;
        }
        const int64_t t0 = NowNanos();
        absl::StatusOr<app::Page<cases::Case>> p = use_cases.List(who, query, page);
        record(lists[k], NowNanos() - t0, p.status(), p.ok() ? p->items.size() : 0);
      }
    }
  }
  if (args.Get("explain", "") == "true") {
    // The plan of one first page of each ListCases kind, as the store
    // builds it (the filter as Cases::List makes it, for the region).
    for (const Kind& kind : kinds) {
      if (!kind.make) continue;
      const CaseQuery q = kind.make(rng);
      cases::CaseFilter f{
          Divisions::SubtreePrefix(q.division_code.empty() ? "640000" : q.division_code),
          q.agency_id,
          q.state,
          q.item_id,
          q.officer_id,
          q.overdue,
          q.enterprise_party,
          q.filed_from,
          q.filed_to,
          q.decided_from,
          q.decided_to,
          env.clock.Now()};
      absl::Status s = db->Read([&](store::Transaction& tx) -> absl::Status {
        absl::StatusOr<cases::sql::Statement> st =
            cases::sql::CaseListStatement(tx, db->dialect(), f, {"", page_size + 1});
        if (!st.ok()) return st.status();
        const std::string explain = db->dialect() == "sqlite"
                                        ? "EXPLAIN QUERY PLAN "
                                        : "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ";
        absl::StatusOr<std::vector<store::Row>> rows = tx.Query(explain + st->sql, st->params);
        if (!rows.ok()) return rows.status();
        Print(absl::StrCat("-- ", kind.name));
        for (const store::Row& r : *rows) {
          std::string line;
          for (size_t i = 0; i < r.size(); ++i) absl::StrAppend(&line, i ? " | " : "", r.Text(i));
          Print(absl::StrCat("   ", line));
        }
        return absl::OkStatus();
      });
      if (!s.ok()) Print(absl::StrCat("-- ", kind.name, ": ", s.ToString()));
    }
  }
  const double get50 = Percentile(get.nanos, 0.50), get99 = Percentile(get.nanos, 0.99);
  Print(absl::StrFormat(
      "%s: %d interleaved rounds x %d calls per kind; page_size %d; principal: supervisor at "
      "640000; latency of the use case call (ms)",
      backend, rounds, per_round, page_size));
  Print(absl::StrFormat("%-44s %6s %8s %8s %8s %9s %9s %7s %6s", "call", "n", "p50", "p99", "max",
                        "p50/get", "p99/get", "items", "errors"));
  auto line = [&](const std::string& name, const Samples& s) {
    const double p50 = Percentile(s.nanos, 0.50), p99 = Percentile(s.nanos, 0.99);
    Print(absl::StrFormat("%-44s %6d %8.2f %8.2f %8.2f %9s %9s %7.1f %6d", name, s.nanos.size(),
                          p50, p99, Percentile(s.nanos, 1.0), Ratio(p50, get50), Ratio(p99, get99),
                          s.nanos.empty() ? 0.0 : static_cast<double>(s.items) / s.nanos.size(),
                          s.errors));
    if (!s.first_error.empty()) Print(absl::StrCat("    first error: ", s.first_error));
  };
  line("GetCase (point query)", get);
  for (size_t k = 0; k < kinds.size(); ++k) line(kinds[k].name, lists[k]);
  double worst = 0;
  std::string worst_name;
  for (size_t k = 0; k < kinds.size(); ++k) {
    const double p99 = Percentile(lists[k].nanos, 0.99);
    if (p99 > worst) {
      worst = p99;
      worst_name = kinds[k].name;
    }
  }
  Print(absl::StrFormat("%s: worst p99 %.2f ms (%s), %s x GetCase p99", backend, worst, worst_name,
                        Ratio(worst, get99)));
}

int Main(int argc, char** argv) {
  Args args(argc, argv);
  log::SetMinLevel(log::Level::kWarn);
  const std::string divisions_path = testing::DivisionsPath();
  // Now: 2026-01-01 09:00 CST; cases were filed over the three years before.
  const absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 1, 1, 9, 0, 0), ChinaTimeZone());
  std::unique_ptr<CaseBenchEnv> env_holder = NewCaseBenchEnv(now);
  CaseBenchEnv& env = *env_holder;
  const uint64_t seed = static_cast<uint64_t>(args.GetInt("seed", 16));
  const CaseCatalog catalog = OrDie(MakeCatalog(divisions_path, seed), "catalog");
  Print(absl::StrFormat(
      "case_list_bench: %d cases of %d agencies (%d items, %d officers) in %d cities, %d "
      "counties, %d townships; now 2026-01-01 09:00 CST; seed %d",
      args.GetInt("cases", 1000000), catalog.agencies.size(), catalog.items.size(),
      catalog.officers.size(), catalog.cities.size(), catalog.counties.size(),
      catalog.townships.size(), seed));
  testing::TempDir dir;
  const std::vector<std::string> backends = absl::StrSplit(args.Get("backends", "sqlite"), ',');
  for (const std::string& backend : backends) {
    if (backend == "sqlite") {
      std::string file = args.Get("sqlite_file", "");
      bool load = true;
      if (file.empty()) {
        file = dir.File("cases.db");
      } else if (std::filesystem::exists(file)) {
        load = false;
        Print(absl::StrCat("sqlite: reusing ", file, " (not loaded again)"));
      }
      file = std::filesystem::absolute(file).string();
      RunBackend(backend, absl::StrCat("sqlite://", file), load, nullptr, env, catalog, args);
      Print(absl::StrFormat("sqlite: file %.0f MiB", std::filesystem::file_size(file) / 1048576.0));
    } else if (backend == "postgres") {
      std::unique_ptr<testing::PostgresServer> server =
          OrDie(testing::PostgresServer::Start(), "PostgresServer");
      // What autovacuum does to a freshly loaded table by the time anyone
      // lists a million cases (statistics, and the visibility map that
      // index-only scans need); done at once so that every run is alike.
      auto vacuum = [&server] {
        absl::StatusOr<std::string> done = server->Query("VACUUM (ANALYZE)");
        if (!done.ok()) Die("VACUUM (ANALYZE)", done.status().ToString());
      };
      RunBackend(backend, server->url("cases"), true, vacuum, env, catalog, args);
    } else {
      Die("--backends", backend);
    }
  }
  return 0;
}

}  // namespace
}  // namespace lawenforce::bench

int main(int argc, char** argv) { return lawenforce::bench::Main(argc, argv); }
