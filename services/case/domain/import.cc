#include "services/case/domain/import.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace lawenforce::cases {

absl::StatusOr<ImportPlan> PlanCaseImport(const std::optional<std::vector<std::string>>& stored,
                                          const std::vector<std::string>& digests) {
  if (!stored.has_value()) return ImportPlan{ImportOutcome::kCreated, 0};
  if (stored->empty()) return absl::DataLossError("import source row without digests");
  const std::vector<std::string>& before = *stored;
  if (digests.empty() || digests[0] != before[0]) {
    return absl::FailedPreconditionError(
        "case: the filing differs from the one imported before; an imported filing is not "
        "changed by another import");
  }
  const size_t acts_before = before.size() - 1;
  const size_t acts_now = digests.size() - 1;
  for (size_t i = 0; i < acts_before && i < acts_now; ++i) {
    if (digests[i + 1] != before[i + 1]) {
      return absl::FailedPreconditionError(
          absl::StrCat("acts[", i,
                       "]: differs from the act imported before; an act done is not undone by an "
                       "import (import a later act that changes it, e.g. change_decision)"));
    }
  }
  if (acts_now < acts_before) {
    return absl::FailedPreconditionError(
        absl::StrCat("acts: ", acts_before, " acts were imported before and this record has ",
                     acts_now, "; an import never takes an act back"));
  }
  if (acts_now == acts_before) return ImportPlan{ImportOutcome::kUnchanged, acts_now};
  return ImportPlan{ImportOutcome::kUpdated, acts_before};
}

absl::StatusOr<ImportPlan> PlanVisitImport(const std::optional<std::vector<std::string>>& stored,
                                           const std::string& digest) {
  if (!stored.has_value()) return ImportPlan{ImportOutcome::kCreated, 0};
  if (stored->empty()) return absl::DataLossError("import source row without digests");
  if ((*stored)[0] != digest) {
    return absl::FailedPreconditionError(
        "visit: differs from the visit imported before; a recorded visit is not changed by "
        "another import");
  }
  return ImportPlan{ImportOutcome::kUnchanged, 0};
}

}  // namespace lawenforce::cases
