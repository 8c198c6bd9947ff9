#include "services/personnel/store/cache_keys.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

TEST(CacheKeysTest, EachChangeInvalidatesWhatItMakesWrong) {
  const ChangedRecords r{"o1", {"c1", "c2"}};
  EXPECT_THAT(KeysInvalidatedBy(PersonnelChange::kCertificateIssued, r),
              ElementsAre("eligibility:o1"));
  EXPECT_THAT(KeysInvalidatedBy(PersonnelChange::kCertificateStateChanged, {"o1", {"c1"}}),
              UnorderedElementsAre("eligibility:o1", "certificate:c1"));
  EXPECT_THAT(KeysInvalidatedBy(PersonnelChange::kCertificateCorrected, {"o1", {"c1"}}),
              UnorderedElementsAre("eligibility:o1", "certificate:c1"));
  EXPECT_THAT(KeysInvalidatedBy(PersonnelChange::kTrainingRecorded, r),
              ElementsAre("eligibility:o1"));
  EXPECT_THAT(KeysInvalidatedBy(PersonnelChange::kOfficerUpdated, r), ElementsAre("officer:o1"));
  EXPECT_THAT(KeysInvalidatedBy(PersonnelChange::kOfficerFlaggedForReview, r),
              UnorderedElementsAre("officer:o1", "certificate:c1", "certificate:c2"));
}

}  // namespace
}  // namespace lawenforce::personnel
