#include "services/case/domain/import.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace lawenforce::cases {
namespace {

using Digests = std::vector<std::string>;

TEST(PlanCaseImportTest, ANewRecordIsCreatedWithEveryAct) {
  absl::StatusOr<ImportPlan> plan = PlanCaseImport(std::nullopt, {"f", "a1", "a2"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->outcome, ImportOutcome::kCreated);
  EXPECT_EQ(plan->first_new_act, 0u);
}

TEST(PlanCaseImportTest, TheSameRecordAgainChangesNothing) {
  absl::StatusOr<ImportPlan> plan = PlanCaseImport(Digests{"f", "a1", "a2"}, {"f", "a1", "a2"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->outcome, ImportOutcome::kUnchanged);
  EXPECT_EQ(plan->first_new_act, 2u);
}

TEST(PlanCaseImportTest, NewActsAfterTheImportedOnesConverge) {
  absl::StatusOr<ImportPlan> plan = PlanCaseImport(Digests{"f", "a1"}, {"f", "a1", "a2", "a3"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->outcome, ImportOutcome::kUpdated);
  EXPECT_EQ(plan->first_new_act, 1u);
  // A filing imported without acts, then with its first act.
  plan = PlanCaseImport(Digests{"f"}, {"f", "a1"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->outcome, ImportOutcome::kUpdated);
  EXPECT_EQ(plan->first_new_act, 0u);
}

TEST(PlanCaseImportTest, AChangedFilingIsRefusedNamingTheCase) {
  absl::StatusOr<ImportPlan> plan = PlanCaseImport(Digests{"f", "a1"}, {"g", "a1"});
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(plan.status().message().substr(0, 5), "case:");
}

TEST(PlanCaseImportTest, AChangedImportedActIsRefusedNamingIt) {
  absl::StatusOr<ImportPlan> plan =
      PlanCaseImport(Digests{"f", "a1", "a2"}, {"f", "a1", "b2", "a3"});
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(plan.status().message().substr(0, 8), "acts[1]:");
}

TEST(PlanCaseImportTest, AnActTakenBackIsRefused) {
  absl::StatusOr<ImportPlan> plan = PlanCaseImport(Digests{"f", "a1", "a2"}, {"f", "a1"});
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(plan.status().message().substr(0, 5), "acts:");
}

TEST(PlanVisitImportTest, SameIsUnchangedDifferentIsRefused) {
  EXPECT_EQ(PlanVisitImport(std::nullopt, "v")->outcome, ImportOutcome::kCreated);
  EXPECT_EQ(PlanVisitImport(Digests{"v"}, "v")->outcome, ImportOutcome::kUnchanged);
  EXPECT_EQ(PlanVisitImport(Digests{"v"}, "w").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace lawenforce::cases
