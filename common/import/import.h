#ifndef LAWENFORCE_COMMON_IMPORT_IMPORT_H_
#define LAWENFORCE_COMMON_IMPORT_IMPORT_H_

// What every service's ingestion from departmental systems (task 36: no
// re-entry) shares: the source system's and the record's ids, what became
// of one record, and the plan for a record kept as one keyed digest.
// case-service's ImportCases and ImportInspections (docs/api/cases.md
// "Ingestion") and personnel-service's ImportAgencies, ImportOfficers and
// ImportTrainingRecords (docs/api/personnel.md "Bulk import") follow them.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace lawenforce::import {

// INVALID_ARGUMENT naming `field` unless `system` is 1..64 of
// [a-z0-9._-] starting with a letter or digit.
absl::Status ValidateSourceSystem(absl::string_view field, absl::string_view system);
// INVALID_ARGUMENT naming `field` unless `id` is 1..128 printable ASCII
// characters without spaces.
absl::Status ValidateSourceId(absl::string_view field, absl::string_view id);

// The wire values of every service's ImportOutcome enum (0 is UNSPECIFIED,
// 4 FAILED: a result whose error is set).
enum class ImportOutcome { kCreated = 1, kUpdated = 2, kUnchanged = 3 };

// What became of one imported record: its outcome, or the error
// (INVALID_ARGUMENT naming the field relative to the record,
// FAILED_PRECONDITION, PERMISSION_DENIED, ABORTED...), and the resource it
// is (empty when a validate_only call would create it).
struct ImportRecordResult {
  absl::Status error;
  ImportOutcome outcome = ImportOutcome::kCreated;
  std::string resource_id;
  // Case imports: the acts this call wrote (clock firings not counted).
  int acts_applied = 0;
};

// A record kept as one keyed digest: none stored is a creation, the same
// digest is unchanged, another is an update.
ImportOutcome PlanDigestImport(const std::optional<std::string>& stored, const std::string& digest);

// `s` with `field` placed under `prefix` ("officer" + "name" ->
// "officer.name"); a status naming no field is led by the prefix.
absl::Status Under(absl::string_view prefix, const absl::Status& s);

// Logs a record's INTERNAL, UNKNOWN or DATA_LOSS error, which its result
// shows only as "internal error".
void LogIfInternal(absl::string_view event, size_t index, const absl::Status& s);

// True for the codes whose message a result must not show.
bool IsServerFault(const absl::Status& s);

}  // namespace lawenforce::import

#endif  // LAWENFORCE_COMMON_IMPORT_IMPORT_H_
