#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_IMPORTS_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_IMPORTS_H_

// Bulk import from HR systems (task 36: no re-entry; docs/api/personnel.md
// "Bulk import"): agencies, officers and training records in batches, each
// record keyed by its source system's id, checked as the single-record use
// case checks it, written whole or not at all, and remembered as a keyed
// digest so that the same record again changes nothing. Thread-safe.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/import/import.h"
#include "services/personnel/app/agencies.h"
#include "services/personnel/app/officers.h"
#include "services/personnel/app/training.h"
#include "services/personnel/app/use_case_deps.h"

namespace lawenforce::personnel {

using import::ImportOutcome;
using import::ImportRecordResult;

// Records per import call.
inline constexpr int kMaxImportBatch = 500;

struct ImportedAgencyInput {
  std::string source_id;
  Agency agency;
};

struct ImportedOfficerInput {
  std::string source_id;
  // What api/ could not convert arrives as the record's error.
  absl::StatusOr<Officer> officer;
  std::string id_number;
  std::string agency_source_id;
};

struct ImportedTrainingInput {
  std::string source_id;
  // `minutes` already converted (HoursToMinutes).
  absl::StatusOr<TrainingRecord> record;
  std::string officer_source_id;
};

class Imports {
 public:
  Imports(PersonnelStore* store, const UseCaseDeps& deps, const Agencies* agencies,
          const Officers* officers, const Training* training)
      : store_(store), deps_(deps), agencies_(agencies), officers_(officers), training_(training) {}

  // One result per record, in order. The call fails only for the role,
  // `system`, the batch size, or a record beyond the caller's jurisdiction
  // (PERMISSION_DENIED "<list>[i]: ...").
  absl::StatusOr<std::vector<ImportRecordResult>> ImportAgencies(
      const auth::Principal& who, const std::string& system,
      std::vector<ImportedAgencyInput> records, bool validate_only);
  absl::StatusOr<std::vector<ImportRecordResult>> ImportOfficers(
      const auth::Principal& who, const std::string& system,
      std::vector<ImportedOfficerInput> records, bool validate_only);
  absl::StatusOr<std::vector<ImportRecordResult>> ImportTraining(
      const auth::Principal& who, const std::string& system,
      std::vector<ImportedTrainingInput> records, bool validate_only);

 private:
  // One record's writes, or nullopt when it is unchanged; `result` gets
  // the outcome and resource id.
  using Prepared = absl::StatusOr<std::optional<ImportWrite>>;
  Prepared PrepareAgency(const auth::Principal& who, const std::string& system,
                         const ImportedAgencyInput& in, absl::Time now, ImportRecordResult& result);
  Prepared PrepareOfficer(const auth::Principal& who, const std::string& system,
                          const ImportedOfficerInput& in, absl::Time now,
                          ImportRecordResult& result);
  Prepared PrepareTraining(const auth::Principal& who, const std::string& system,
                           const ImportedTrainingInput& in, absl::Time now,
                           ImportRecordResult& result);

  absl::StatusOr<std::string> Reference(const auth::Principal& who, const std::string& system,
                                        const char* kind, absl::string_view id_field,
                                        const std::string& id, absl::string_view source_field,
                                        const std::string& source_id, absl::string_view action);
  // The agency and officer a record names, by our id or by the source's.
  absl::StatusOr<Agency> AgencyOf(const auth::Principal& who, const std::string& system,
                                  const std::string& agency_id,
                                  const std::string& agency_source_id);
  absl::StatusOr<Officer> OfficerOf(const auth::Principal& who, const std::string& system,
                                    const std::string& officer_id,
                                    const std::string& officer_source_id);

  // The shared loop: role, system and size checks, the records prepared one
  // by one (a second record of the call for the same identity, which
  // `prepare` names, is ALREADY_EXISTS naming `identity_field`), written in
  // one transaction (falling back to one at a time) and logged as `event`.
  template <typename Input, typename PrepareFn>
  absl::StatusOr<std::vector<ImportRecordResult>> Run(
      const auth::Principal& who, const auth::RoleSet& roles, absl::string_view list,
      absl::string_view event, absl::string_view identity_field, absl::string_view identity_what,
      const std::string& system, const std::vector<Input>& records, bool validate_only,
      PrepareFn prepare);

  PersonnelStore* store_;
  UseCaseDeps deps_;
  const Agencies* agencies_;
  const Officers* officers_;
  const Training* training_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_IMPORTS_H_
