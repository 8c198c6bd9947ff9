#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_IMPORT_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_IMPORT_H_

// Ingestion from departmental case systems (task 36, docs/api/cases.md
// "Ingestion"): what an imported record does given what was imported of
// it before. A record is identified by its source system and its id
// there; what was imported is kept as keyed digests, one of the filing
// and one per act, so that
//   - the same record again changes nothing;
//   - a record with new acts after those imported applies the new ones
//     only (the source's case moved on: it converges on one case here);
//   - a record whose filing or an imported act differs is refused (an act
//     done cannot be undone by an import; the source corrects through an
//     act such as ChangeDecision, which is imported as a new act).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/import/import.h"

namespace lawenforce::cases {

// Records per import call.
inline constexpr int kMaxImportBatch = 500;
// Acts per imported case.
inline constexpr int kMaxImportedActs = 200;

using import::ImportOutcome;
using import::ImportRecordResult;
using import::ValidateSourceId;
using import::ValidateSourceSystem;

struct ImportPlan {
  ImportOutcome outcome = ImportOutcome::kCreated;
  // Index into the record's acts of the first act to apply (the acts
  // before it were imported already).
  size_t first_new_act = 0;
};

// `stored`: the digests imported before (the filing's, then one per act),
// nullopt for a record not seen yet; `digests`: the record's now.
// FAILED_PRECONDITION naming "case" when the filing differs, "acts[i]"
// when an act imported before differs, "acts" when the record has fewer
// acts than were imported.
absl::StatusOr<ImportPlan> PlanCaseImport(const std::optional<std::vector<std::string>>& stored,
                                          const std::vector<std::string>& digests);

// A visit is one event: the same again is unchanged, a different one
// FAILED_PRECONDITION naming "visit".
absl::StatusOr<ImportPlan> PlanVisitImport(const std::optional<std::vector<std::string>>& stored,
                                           const std::string& digest);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_IMPORT_H_
