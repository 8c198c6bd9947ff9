// ImportOfficers on a SQLite file as personnel-service opens it
// (docs/benchmarks.md section 8; issue 22: "10,000 officers import in one
// call sequence; the rate is measured as a ratio of the raw insert
// ceiling").
//
// In one run, on fresh files in one temporary directory:
//   1. the ceiling: `--officers` officer rows written straight into
//      personnel-service's `officers` table, one prepared INSERT a row in
//      one transaction (the identity-card number sealed and blind-indexed
//      beforehand, outside the timing: no checks, no link, no audit row);
//   2. the import with validate_only: every check, read and write, rolled
//      back;
//   3. the import: the same records through personnel::Imports, the use
//      case ImportOfficers calls, in calls of `--batch` (each record's
//      checks, the number's validation, sealing and blind index, the
//      keyed digest, the link row and the audit row, one transaction a
//      call);
//   4. the same calls again: every record UNCHANGED (read and compared,
//      nothing written).
//
//   officer_import_bench [--officers=10000] [--batch=500]

#include <cstdio>
#include <filesystem>
#include <memory>
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
#include "common/store/open.h"
#include "common/store/values.h"
#include "common/testing/principals.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/store/sql_personnel_store.h"

namespace lawenforce::bench {
namespace {

// A valid GB 11643 number, distinct for each `n` below 900 * 36500.
std::string IdNumber(int64_t n) {
  const absl::CivilDay birth = absl::CivilDay(1960, 1, 1) + n / 900;
  const std::string first17 = absl::StrFormat("640104%04d%02d%02d%03d", birth.year(), birth.month(),
                                              birth.day(), 100 + n % 900);
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

int Main(int argc, char** argv) {
  Args args(argc, argv);
  log::SetMinLevel(log::Level::kWarn);
  const int64_t total = args.GetInt("officers", 10000);
  const int batch = static_cast<int>(args.GetInt("batch", 500));
  Print(absl::StrFormat("officer_import_bench: %d officers, calls of %d records", total, batch));
  Divisions divisions = OrDie(Divisions::LoadFromFile(testing::DivisionsPath()), "divisions");
  auth::Authorizer authorizer(divisions);
  std::unique_ptr<crypto::PiiProtector> pii =
      OrDie(crypto::PiiProtector::Create(std::string(64, 'b')), "PiiProtector");
  RandomIdGenerator ids;
  FakeClock clock(absl::FromCivil(absl::CivilSecond(2025, 6, 2, 9, 0, 0), ChinaTimeZone()));
  testing::TempDir dir;
  std::vector<std::string> numbers;
  for (int64_t i = 0; i < total; ++i) numbers.push_back(IdNumber(i));

  // 1. The ceiling.
  double ceiling = 0;
  {
    std::unique_ptr<store::Database> db =
        OrDie(store::OpenDatabase(absl::StrCat("sqlite://", dir.File("raw.db"))), "OpenDatabase");
    OrDie(personnel::OpenSqlPersonnelStore(db.get(), &ids, {}), "OpenSqlPersonnelStore");
    struct Row {
      std::string id, cipher, index;
    };
    std::vector<Row> rows;
    for (const std::string& n : numbers) {
      rows.push_back({ids.NewId(), OrDie(pii->Encrypt(n, "officers.id_number"), "Encrypt"),
                      pii->BlindIndex(n, "officers.id_number")});
    }
    absl::Status s = db->Write([&](store::Transaction& tx) -> absl::Status {
      return tx
          .Execute(
              "INSERT INTO agencies (id, name, division_code, domains, require_training, "
              "create_time, version) VALUES ('agency', 'a', '640104', 'market_regulation', 0, 0, "
              "1)")
          .status();
    });
    if (!s.ok()) Die("raw agency", s.ToString());
    const int64_t t0 = NowNanos();
    s = db->Write([&](store::Transaction& tx) -> absl::Status {
      for (size_t i = 0; i < rows.size(); ++i) {
        absl::Status one =
            tx.Execute(
                  "INSERT INTO officers (id, agency_id, division_code, name, id_number_sealed, "
                  "id_number_index, id_number_masked, roles, review_required, create_time, "
                  "update_time, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {store::Text(rows[i].id), store::Text("agency"), store::Text("640104"),
                   store::Text(absl::StrCat("执法员", i)), store::Text(rows[i].cipher),
                   store::Text(rows[i].index), store::Text("640104********0000"), store::Int(1),
                   store::Bool(false), store::TimeValue(clock.Now()), store::TimeValue(clock.Now()),
                   store::Int(1)})
                .status();
        if (!one.ok()) return one;
      }
      return absl::OkStatus();
    });
    if (!s.ok()) Die("raw insert", s.ToString());
    const double seconds = (NowNanos() - t0) / 1e9;
    ceiling = total / seconds;
    Print(absl::StrFormat("raw ceiling: %d officer rows in one transaction in %.3f s: %.0f rows/s",
                          total, seconds, ceiling));
  }

  // 2. to 4.
  std::unique_ptr<store::Database> db =
      OrDie(store::OpenDatabase(absl::StrCat("sqlite://", dir.File("import.db"))), "OpenDatabase");
  std::unique_ptr<personnel::PersonnelStore> store =
      OrDie(personnel::OpenSqlPersonnelStore(db.get(), &ids, {}), "OpenSqlPersonnelStore");
  personnel::PersonnelApp app(store.get(), &authorizer, pii.get(), &ids, &clock);
  const auth::Principal who =
      testing::Caller({auth::Role::kSupervisor, auth::Role::kSystem}, "640104");
  std::vector<personnel::ImportedAgencyInput> agency = {{"ORG-1", {}}};
  agency[0].agency.name = "兴庆区市场监督管理局";
  agency[0].agency.division_code = "640104";
  agency[0].agency.domains = {"market_regulation"};
  std::vector<personnel::ImportRecordResult> made =
      OrDie(app.imports().ImportAgencies(who, "nx-hr", agency, false), "ImportAgencies");
  if (!made[0].error.ok()) Die("ImportAgencies", made[0].error.ToString());

  std::vector<std::vector<personnel::ImportedOfficerInput>> batches;
  for (int64_t i = 0; i < total; ++i) {
    if (i % batch == 0) batches.emplace_back();
    personnel::Officer o;
    o.name = absl::StrCat("执法员", i);
    o.roles = {i % 20 == 0 ? personnel::OfficerRole::kLegalReviewer
                           : personnel::OfficerRole::kOfficer};
    batches.back().push_back({absl::StrFormat("HR-%07d", i), o, numbers[i], "ORG-1"});
  }
  const char* const kPasses[] = {"validate_only (rolled back)", "import (new)",
                                 "import again (unchanged)"};
  for (int pass = 0; pass < 3; ++pass) {
    const personnel::ImportOutcome want =
        pass < 2 ? personnel::ImportOutcome::kCreated : personnel::ImportOutcome::kUnchanged;
    int64_t expected = 0, failed = 0;
    std::vector<int64_t> call_nanos;
    const int64_t t0 = NowNanos();
    for (const auto& b : batches) {
      const int64_t c0 = NowNanos();
      std::vector<personnel::ImportRecordResult> results =
          OrDie(app.imports().ImportOfficers(who, "nx-hr", b, pass == 0), "ImportOfficers");
      call_nanos.push_back(NowNanos() - c0);
      for (const personnel::ImportRecordResult& r : results) {
        if (!r.error.ok()) {
          if (++failed == 1) Print(absl::StrCat("first failure: ", r.error.ToString()));
        } else if (r.outcome == want) {
          ++expected;
        }
      }
    }
    const double seconds = (NowNanos() - t0) / 1e9;
    const double rate = total / seconds;
    Summary s = Summarize(call_nanos, seconds);
    Print(absl::StrFormat(
        "%s: %d records in %.2f s: %.0f officers/s (%s x the raw ceiling); %d as expected, %d "
        "failed; a call of %d: p50 %.1f ms, p99 %.1f ms",
        kPasses[pass], total, seconds, rate, Ratio(rate, ceiling), expected, failed, batch,
        s.p50_us / 1000.0, s.p99_us / 1000.0));
  }
  Print(absl::StrFormat("sqlite: import file %.1f MiB",
                        std::filesystem::file_size(dir.File("import.db")) / 1048576.0));
  return 0;
}

}  // namespace
}  // namespace lawenforce::bench

int main(int argc, char** argv) { return lawenforce::bench::Main(argc, argv); }
