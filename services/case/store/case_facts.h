#ifndef LAWENFORCE_SERVICES_CASE_STORE_CASE_FACTS_H_
#define LAWENFORCE_SERVICES_CASE_STORE_CASE_FACTS_H_

// Internal to the SQL store: the case_facts rows (schema.cc migration 4,
// services/case/domain/statistics.h). WriteCase appends one per act in
// its transaction; ListLatestFacts reads the latest per case before a
// moment.
//
// Cases filed before migration 4 have no facts. Migrations are SQL only
// and the facts come from the case's JSON body and its clocks, so they
// are written in C++: migration 4 lists those cases (case_facts_pending),
// and at store open (BackfillFacts) each gets one row from its stored
// body, seq 0, dated at its filing; and an act on
// a case still without one (another replica acted before this one
// backfilled) writes it first from the body before the act. Such a row
// knows only the latest legal review and the case's state at the
// migration: its dated facts (filing, decision, reviews, publication,
// transfer, closing) count in the periods they happened in, its state
// and open clocks stand for every earlier period.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/store/sql.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases::sql {

// The case's latest facts (nullopt: none). When it has none and
// `existing` (the case row is there, not yet changed by this act), writes
// the row of its stored body first and returns that. DATA_LOSS for a
// malformed row.
absl::StatusOr<std::optional<CaseFacts>> PreviousFacts(store::Transaction& tx,
                                                       const std::string& case_id, bool existing);

// Appends `facts` (ALREADY_EXISTS "case_facts.case_id, case_facts.seq"
// when the case has facts of that seq).
absl::Status InsertFacts(store::Transaction& tx, const CaseFacts& facts);

// Writes the row of every case of case_facts_pending (the cases filed
// before migration 4) that has none yet, and takes it off the list, in
// batches of `batch` cases per transaction, under RunExclusive so that
// replicas starting together do it once; once the list is empty a call
// reads nothing. Returns how many rows it wrote.
absl::StatusOr<int64_t> BackfillFacts(store::Database& db, int batch = 500);

// ListLatestFacts of the SQL store.
absl::StatusOr<std::vector<CaseFacts>> LatestFacts(store::Transaction& tx, const FactsScope& scope,
                                                   absl::Time as_of);

}  // namespace lawenforce::cases::sql

#endif  // LAWENFORCE_SERVICES_CASE_STORE_CASE_FACTS_H_
