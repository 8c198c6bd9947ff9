#ifndef LAWENFORCE_BENCH_CASE_BENCH_DATA_H_
#define LAWENFORCE_BENCH_CASE_BENCH_DATA_H_

// A province's worth of cases for case_list_bench (docs/benchmarks.md
// section 4), written straight into case-service's tables (cases,
// case_parties, case_officers, case_clocks, case_acts) with multi-row
// INSERTs through store::Database, as the SQL store itself would have
// written them (the same columns, the same detail JSON, next_due_at from
// the clocks as case_rows.cc keeps it), but without the record, the outbox
// and the audit rows, which no read path touches.
//
// The spread: agencies at every city, county and township of the division
// table (more, and busier, at county level), 15 items and 20 officers per
// agency, two handling officers per case; filed over the three years
// before `now`; states by age (most old cases closed, recent ones in
// progress); decided some 5-85 days after filing; 35% with an enterprise
// party, 10% with a second party; statutory clocks as the domain leaves
// them (limitation met at filing; decision met, stopped, running, fired
// overdue or past due and not fired yet; publicity and payment after the
// decision). Everything follows from `seed`.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/authorize.h"
#include "common/calendar/working_calendar.h"
#include "common/crypto/pii.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/store/sql.h"
#include "common/time/clock.h"
#include "services/case/domain/clocks.h"

namespace lawenforce::bench {

// What case-service's use cases run on besides the store and the
// directories, for the case benchmarks.
struct CaseBenchEnv {
  CaseBenchEnv(Divisions d, std::unique_ptr<crypto::PiiProtector> keys,
               calendar::WorkingCalendar cal, absl::Time now)
      : divisions(std::move(d)),
        authorizer(divisions),
        pii(std::move(keys)),
        calendar(std::move(cal)),
        clock(now) {}
  Divisions divisions;
  auth::Authorizer authorizer;
  std::unique_ptr<crypto::PiiProtector> pii;
  calendar::WorkingCalendar calendar;
  cases::ClockPolicy policy = cases::ClockPolicy::Default();
  RandomIdGenerator ids;
  FakeClock clock;
};

// The environment on the repository's division table and working calendar
// (provisional through 2028) with a fixed PII key, its clock at `now`;
// Die()s when a file cannot be read.
std::unique_ptr<CaseBenchEnv> NewCaseBenchEnv(absl::Time now);

struct CaseCatalog {
  std::vector<std::string> cities, counties, townships;
  std::vector<std::string> agencies, items, officers;
  std::vector<std::string> officer_divisions;  // officers[i]'s agency's division
};

struct LoadReport {
  int64_t cases = 0, parties = 0, officers = 0, clocks = 0, acts = 0;
  double seconds = 0;
};

// The agencies, items and officers of the division table at
// `divisions_path` (a TSV: code, name, tier, parent); the same for the
// same seed.
absl::StatusOr<CaseCatalog> MakeCatalog(const std::string& divisions_path, uint64_t seed);

// Writes `cases` cases of `catalog` into `db` (case-service's schema
// already migrated), filed in the three years before `now`, in
// transactions of `per_transaction` cases.
absl::StatusOr<LoadReport> LoadCases(store::Database& db, const CaseCatalog& catalog, int64_t cases,
                                     absl::Time now, uint64_t seed, int per_transaction = 20000);

// Up to `n` ids of stored cases, picked at random by the database.
absl::StatusOr<std::vector<std::string>> SampleCaseIds(store::Database& db, int n);

}  // namespace lawenforce::bench

#endif  // LAWENFORCE_BENCH_CASE_BENCH_DATA_H_
