#ifndef LAWENFORCE_SERVICES_TASK_STORE_PLAN_FILE_H_
#define LAWENFORCE_SERVICES_TASK_STORE_PLAN_FILE_H_

// Plans as data files (docs/plan-format.md): format 1 JSON, one plan per
// file, every *.json of a directory loaded at start.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/task/domain/plan.h"

namespace lawenforce::tasks {

// One plan from its JSON text. FAILED_PRECONDITION naming `origin` and the
// item when the text is not a format-1 plan or fails ValidatePlan.
absl::StatusOr<Plan> ParsePlanFile(const std::string& text, const std::string& origin);

// Every *.json of `directory`, in file-name order. FAILED_PRECONDITION when
// there is none, a file does not parse or two plans share an id.
absl::StatusOr<std::vector<Plan>> LoadPlans(const std::string& directory);

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_STORE_PLAN_FILE_H_
