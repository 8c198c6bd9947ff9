// ListAuditEntries on 1,000,000 audit rows (docs/benchmarks.md section 9;
// issue 22: "paged; fast at 1,000,000 entries (index, measured in bench/)").
//
// In one run, on a fresh SQLite file as personnel-service opens it (every
// migration, WAL, synchronous=FULL):
//   1. `--entries` audit rows written through store::WriteAuditRow (the
//      writer every change uses) in transactions of `--batch`, spread over
//      the real Ningxia counties and three townships each, 500 actors,
//      `--entries`/10 records, 5% denials, a year of times; and, as the
//      write ceiling, the same rows by one prepared INSERT into a bare copy
//      of the table with no secondary index;
//   2. the ceiling of a read: one audit row by its primary key;
//   3. pages of 50 through personnel::AuditLog::List (the use case the RPC
//      calls: role, jurisdiction, validation, the signed page token, the
//      store query) for each filter shape, `--rounds` times each with
//      other values (another city, county, record, actor), p50 / p99;
//   4. the 100th page of a county by following page tokens.
//
//   audit_list_bench [--entries=1000000] [--batch=50000] [--rounds=50] [--file=PATH]

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/bench_support.h"
#include "common/auth/authorize.h"
#include "common/crypto/pii.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/log/log.h"
#include "common/store/audit.h"
#include "common/store/open.h"
#include "common/store/values.h"
#include "common/testing/principals.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/store/sql_personnel_store.h"

namespace lawenforce::bench {
namespace {

struct Action {
  const char* action;
  const char* method;
  int weight;  // per 1000
};
// Roughly what a year of personnel work writes.
constexpr Action kActions[] = {
    {"officer.create", "CreateOfficer", 120},
    {"officer.update", "UpdateOfficer", 120},
    {"officer.review_cleared", "ClearOfficerReview", 5},
    {"officer.transfer", "TransferOfficer", 30},
    {"officer.retire", "EndOfficerService", 15},
    {"certificate.issue", "IssueCertificate", 150},
    {"certificate.suspend", "SuspendCertificate", 20},
    {"certificate.reinstate", "ReinstateCertificate", 15},
    {"certificate.cancel", "CancelCertificate", 30},
    {"certificate.expire", "", 40},
    {"certificate.expiry_reminder", "", 40},
    {"training.record", "RecordTraining", 300},
    {"assessment.record", "RecordAssessment", 65},
    {"denied.GetOfficer", "GetOfficer", 50},
};

std::vector<std::string> Counties(const Divisions& divisions) {
  std::vector<std::string> out;
  for (const Division& d : divisions.all()) {
    if (d.code.size() == 6 && d.code.substr(4) != "00") out.push_back(d.code);
  }
  return out;
}

std::string Pct(const std::vector<int64_t>& sorted_nanos, double q) {
  if (sorted_nanos.empty()) return "-";
  size_t i = std::min(sorted_nanos.size() - 1, static_cast<size_t>(q * sorted_nanos.size()));
  return absl::StrFormat("%.2f", sorted_nanos[i] / 1e6);
}

int Main(int argc, char** argv) {
  Args args(argc, argv);
  log::SetMinLevel(log::Level::kWarn);
  const int64_t total = args.GetInt("entries", 1000000);
  const int64_t batch = args.GetInt("batch", 50000);
  const int rounds = static_cast<int>(args.GetInt("rounds", 50));
  Print(absl::StrFormat("audit_list_bench: %d entries, transactions of %d, %d rounds", total, batch,
                        rounds));
  Divisions divisions = OrDie(Divisions::LoadFromFile(testing::DivisionsPath()), "divisions");
  const std::vector<std::string> counties = Counties(divisions);
  auth::Authorizer authorizer(divisions);
  std::unique_ptr<crypto::PiiProtector> pii =
      OrDie(crypto::PiiProtector::Create(std::string(64, 'b')), "PiiProtector");
  RandomIdGenerator ids;
  FakeClock clock(absl::FromCivil(absl::CivilSecond(2026, 1, 1, 0, 0, 0), ChinaTimeZone()));
  testing::TempDir dir;
  const std::string file = args.Get("file", dir.File("audit.db"));
  std::unique_ptr<store::Database> db =
      OrDie(store::OpenDatabase(absl::StrCat("sqlite://", file)), "OpenDatabase");
  std::unique_ptr<personnel::PersonnelStore> store =
      OrDie(personnel::OpenSqlPersonnelStore(db.get(), &ids, {}), "OpenSqlPersonnelStore");

  // 1. Rows, and the write ceiling.
  std::mt19937_64 rng(42);
  std::vector<int> weights;
  for (const Action& a : kActions) weights.push_back(a.weight);
  std::discrete_distribution<int> pick_action(weights.begin(), weights.end());
  const int64_t records = std::max<int64_t>(1, total / 10);
  std::vector<std::string> record_ids;
  std::vector<std::string> record_division;
  for (int64_t i = 0; i < records; ++i) {
    record_ids.push_back(ids.NewId());
    const std::string& county = counties[rng() % counties.size()];
    const int township = static_cast<int>(rng() % 4);  // 0: the county itself
    record_division.push_back(township == 0 ? county : absl::StrFormat("%s%03d", county, township));
  }
  const absl::Time start = absl::FromCivil(absl::CivilSecond(2025, 1, 1, 0, 0, 0), ChinaTimeZone());
  const double step_us = absl::ToDoubleMicroseconds(absl::Hours(24 * 365)) / total;
  auto entry = [&](int64_t i) {
    const int64_t r = static_cast<int64_t>(rng() % records);
    const Action& a = kActions[pick_action(rng)];
    store::AuditEntry e{absl::StrFormat("user-%03d", rng() % 500), a.action, record_ids[r],
                        "detail", start + absl::Microseconds(static_cast<int64_t>(i * step_us))};
    e.method = a.method;
    e.division_code = record_division[r];
    if (absl::string_view(a.action) == "officer.update")
      e.changes = {{"roles", "OFFICER", "OFFICER,LEGAL_REVIEWER"}};
    return e;
  };
  const int64_t t0 = NowNanos();
  for (int64_t done = 0; done < total;) {
    const int64_t n = std::min(batch, total - done);
    absl::Status s = db->Write([&](store::Transaction& tx) -> absl::Status {
      for (int64_t i = 0; i < n; ++i) {
        if (absl::Status w = store::WriteAuditRow(tx, ids, entry(done + i)); !w.ok()) return w;
      }
      return absl::OkStatus();
    });
    if (!s.ok()) Die("write", s.ToString());
    done += n;
    if (done % 200000 == 0 || done == total) {
      std::fprintf(stderr, "  %lld rows written\n", static_cast<long long>(done));
    }
  }
  const double write_s = (NowNanos() - t0) / 1e9;
  double raw_s = 0;
  {
    std::unique_ptr<store::Database> raw =
        OrDie(store::OpenDatabase(absl::StrCat("sqlite://", dir.File("raw.db"))), "raw");
    absl::Status s = raw->Write([](store::Transaction& tx) {
      return tx.ExecuteScript(
          "CREATE TABLE audit_log (id TEXT PRIMARY KEY, event_time INTEGER NOT NULL, actor TEXT "
          "NOT NULL, action TEXT NOT NULL, resource_id TEXT NOT NULL, detail TEXT NOT NULL, "
          "method TEXT NOT NULL, division_code TEXT NOT NULL, scope_city TEXT NOT NULL, "
          "scope_county TEXT NOT NULL, changes TEXT NOT NULL)");
    });
    if (!s.ok()) Die("raw schema", s.ToString());
    rng.seed(42);
    const int64_t r0 = NowNanos();
    for (int64_t done = 0; done < total;) {
      const int64_t n = std::min(batch, total - done);
      s = raw->Write([&](store::Transaction& tx) -> absl::Status {
        for (int64_t i = 0; i < n; ++i) {
          if (absl::Status w = store::WriteAuditRow(tx, ids, entry(done + i)); !w.ok()) return w;
        }
        return absl::OkStatus();
      });
      if (!s.ok()) Die("raw write", s.ToString());
      done += n;
    }
    raw_s = (NowNanos() - r0) / 1e9;
  }
  Print(absl::StrFormat(
      "write: %d rows in %.1f s = %.0f rows/s; the same rows into the table without its "
      "secondary indexes: %.1f s = %.0f rows/s; ratio %s",
      total, write_s, total / write_s, raw_s, total / raw_s, Ratio(raw_s, write_s)));

  // 2. The read ceiling: one row by its primary key.
  std::vector<std::string> row_ids;
  {
    absl::Status s = db->Read([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<store::Row>> rows =
          tx.Query("SELECT id FROM audit_log ORDER BY random() LIMIT ?", {store::Int(rounds)});
      if (!rows.ok()) return rows.status();
      for (const store::Row& r : *rows) row_ids.push_back(r.Text(0));
      return absl::OkStatus();
    });
    if (!s.ok()) Die("sample", s.ToString());
  }
  std::vector<int64_t> point;
  for (const std::string& id : row_ids) {
    const int64_t p0 = NowNanos();
    absl::Status s = db->Read([&](store::Transaction& tx) -> absl::Status {
      return tx
          .Query(
              "SELECT id, event_time, actor, action, resource_id, detail, method, "
              "division_code, changes FROM audit_log WHERE id = ?",
              {store::Text(id)})
          .status();
    });
    if (!s.ok()) Die("point", s.ToString());
    point.push_back(NowNanos() - p0);
  }
  std::sort(point.begin(), point.end());
  const double point_p99 = point[std::min(point.size() - 1, point.size() * 99 / 100)] / 1e6;
  Print(absl::StrFormat("ceiling: one row by primary key: p50 %s ms, p99 %.3f ms (%d reads)",
                        Pct(point, 0.5), point_p99, point.size()));

  // 3. Pages of 50 through the use case.
  personnel::PersonnelApp app(store.get(), &authorizer, pii.get(), &ids, &clock);
  struct Shape {
    std::string name;
    std::function<std::pair<std::string, personnel::AuditFilter>(int)>
        make;  // caller division, filter
  };
  auto county = [&](int i) { return counties[(i * 7) % counties.size()]; };
  auto city = [&](int i) { return county(i).substr(0, 4) + "00"; };
  const std::vector<Shape> shapes = {
      {"region, no filter",
       [&](int) { return std::make_pair(std::string("640000"), personnel::AuditFilter{}); }},
      {"a city", [&](int i) { return std::make_pair(city(i), personnel::AuditFilter{}); }},
      {"a county", [&](int i) { return std::make_pair(county(i), personnel::AuditFilter{}); }},
      {"a township",
       [&](int i) { return std::make_pair(county(i) + "001", personnel::AuditFilter{}); }},
      {"a county, action family certificate.",
       [&](int i) {
         personnel::AuditFilter f;
         f.action = "certificate.";
         return std::make_pair(county(i), f);
       }},
      {"a county, denials only",
       [&](int i) {
         personnel::AuditFilter f;
         f.denied = true;
         return std::make_pair(county(i), f);
       }},
      {"a county, a rare method (ClearOfficerReview, 0.5%)",
       [&](int i) {
         personnel::AuditFilter f;
         f.method = "ClearOfficerReview";
         return std::make_pair(county(i), f);
       }},
      {"a city, one record",
       [&](int i) {
         personnel::AuditFilter f;
         f.resource_id = record_ids[(i * 7919) % records];
         return std::make_pair(record_division[(i * 7919) % records].substr(0, 4) + "00", f);
       }},
      {"a city, one actor",
       [&](int i) {
         personnel::AuditFilter f;
         f.actor = absl::StrFormat("user-%03d", i % 500);
         return std::make_pair(city(i), f);
       }},
      {"a county, one week",
       [&](int i) {
         personnel::AuditFilter f;
         f.start_time = std::optional<absl::Time>(start + absl::Hours(24 * 7 * (i % 50)));
         f.end_time = std::optional<absl::Time>(start + absl::Hours(24 * 7 * (i % 50 + 1)));
         return std::make_pair(county(i), f);
       }},
  };
  Print("| page of 50 | p50 ms | p99 ms | entries on the page (mean) | p99 / point-read p99 |");
  Print("|---|---|---|---|---|");
  for (const Shape& shape : shapes) {
    std::vector<int64_t> nanos;
    int64_t found = 0;
    for (int i = 0; i < rounds; ++i) {
      auto [division, filter] = shape.make(i);
      const auth::Principal who = testing::Caller({auth::Role::kAuditor}, division);
      const int64_t q0 = NowNanos();
      absl::StatusOr<personnel::Page<store::AuditRow>> page =
          app.audit_log().List(who, filter, personnel::PageQuery{50, ""});
      nanos.push_back(NowNanos() - q0);
      if (!page.ok()) Die(shape.name, page.status().ToString());
      found += static_cast<int64_t>(page->items.size());
    }
    std::sort(nanos.begin(), nanos.end());
    const double p99 = nanos[std::min(nanos.size() - 1, nanos.size() * 99 / 100)] / 1e6;
    Print(absl::StrFormat("| %s | %s | %.2f | %.1f | %s |", shape.name, Pct(nanos, 0.5), p99,
                          static_cast<double>(found) / rounds, Ratio(p99, point_p99)));
  }

  // 4. Deep paging: the 100th page of a county.
  {
    const auth::Principal who = testing::Caller({auth::Role::kAuditor}, county(0));
    std::string token;
    std::vector<int64_t> nanos;
    for (int p = 0; p < 100; ++p) {
      const int64_t q0 = NowNanos();
      absl::StatusOr<personnel::Page<store::AuditRow>> page =
          app.audit_log().List(who, {}, personnel::PageQuery{50, token});
      nanos.push_back(NowNanos() - q0);
      if (!page.ok()) Die("deep", page.status().ToString());
      token = page->next_page_token;
      if (token.empty()) break;
    }
    const int64_t last = nanos.back();
    std::sort(nanos.begin(), nanos.end());
    Print(absl::StrFormat(
        "deep paging, a county, pages 1..%d: p50 %s ms, max %.2f ms; the last page %.2f ms",
        nanos.size(), Pct(nanos, 0.5), nanos.back() / 1e6, last / 1e6));
  }
  return 0;
}

}  // namespace
}  // namespace lawenforce::bench

int main(int argc, char** argv) { return lawenforce::bench::Main(argc, argv); }
