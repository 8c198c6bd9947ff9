// Bulk import's use case over the in-memory store: the same batch twice
// writes nothing (no audit row either), a changed officer is updated and
// its cache keys invalidated, a record that fails in the store leaves the
// others written and itself not at all, and validate_only leaves the
// store as it was. The SQL stores are covered end to end by
// tests/integration/personnel_import_test.cc.

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/divisions/divisions.h"
#include "common/testing/principals.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/store/in_memory_personnel_store.h"

namespace lawenforce::personnel {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::Contains;
using ::testing::SizeIs;

constexpr char kPiiKey[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

class ImportsTest : public ::testing::Test {
 protected:
  ImportsTest()
      : divisions_(*Divisions::LoadFromFile(testing::DivisionsPath())),
        authorizer_(divisions_),
        pii_(*crypto::PiiProtector::Create(kPiiKey)),
        app_(&store_, &authorizer_, pii_.get(), &ids_, &clock_) {
    ImportedAgencyInput a{"ORG-1", {}};
    a.agency.name = "兴庆区市场监督管理局";
    a.agency.division_code = "640104";
    a.agency.domains = {"market_regulation"};
    std::vector<ImportRecordResult> r = *app_.imports().ImportAgencies(admin_, "nx-hr", {a}, false);
    agency_id_ = r[0].resource_id;
  }

  static ImportedOfficerInput Person(const std::string& source_id, const std::string& number,
                                     const std::string& name = "张三") {
    Officer o;
    o.name = name;
    o.roles = {OfficerRole::kOfficer};
    return {source_id, o, number, "ORG-1"};
  }

  std::vector<ImportRecordResult> Officers(std::vector<ImportedOfficerInput> in,
                                           bool validate_only = false) {
    absl::StatusOr<std::vector<ImportRecordResult>> r =
        app_.imports().ImportOfficers(admin_, "nx-hr", std::move(in), validate_only);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : std::vector<ImportRecordResult>{};
  }

  const auth::Principal admin_ =
      testing::Caller({auth::Role::kSupervisor, auth::Role::kSystem}, "640000");
  FakeClock clock_{absl::FromUnixSeconds(1748736000)};  // 2025-06-01T00:00:00Z
  SequentialIdGenerator ids_;
  Divisions divisions_;
  auth::Authorizer authorizer_;
  std::unique_ptr<crypto::PiiProtector> pii_;
  InMemoryPersonnelStore store_;
  PersonnelApp app_;
  std::string agency_id_;
  absl::CivilDay training_day_{2025, 5, 20};
};

TEST_F(ImportsTest, TheSameBatchTwiceWritesNothingAndAChangeIsApplied) {
  const std::string a = "11010519491231002X";
  std::vector<ImportRecordResult> first = Officers({Person("P-1", a)});
  ASSERT_THAT(first, SizeIs(1));
  ASSERT_TRUE(first[0].error.ok()) << first[0].error;
  EXPECT_EQ(first[0].outcome, ImportOutcome::kCreated);
  const size_t audit_rows = store_.audit_log().size();
  EXPECT_EQ(Officers({Person("P-1", a)})[0].outcome, ImportOutcome::kUnchanged);
  EXPECT_EQ(store_.audit_log().size(), audit_rows);

  std::vector<ImportRecordResult> renamed = Officers({Person("P-1", a, "张三丰")});
  EXPECT_EQ(renamed[0].outcome, ImportOutcome::kUpdated);
  EXPECT_EQ(renamed[0].resource_id, first[0].resource_id);
  EXPECT_EQ(store_.GetOfficer(first[0].resource_id)->name, "张三丰");
  EXPECT_EQ(store_.GetOfficer(first[0].resource_id)->version, 2);
  EXPECT_THAT(store_.invalidated_keys(), Contains("officer:" + first[0].resource_id));
  EXPECT_EQ(store_.audit_log().back().action, "officer.import_update");
}

TEST_F(ImportsTest, ARecordTheStoreRefusesCostsTheOthersNothing) {
  // An officer registered by hand is linked by the number. A training
  // record that overfills its day is refused only by the store's check,
  // in the transaction: the batch fails, then each record on its own.
  Officer o;
  o.name = "李四";
  o.roles = {OfficerRole::kOfficer};
  o.agency_id = agency_id_;
  ASSERT_OK_AND_ASSIGN(Officer hand, app_.officers().Create(admin_, o, "110105195001010012", {}));
  std::vector<ImportRecordResult> people =
      Officers({Person("P-1", "11010519491231002X"), Person("P-2", "110105195001010012", "李四")});
  EXPECT_EQ(people[0].outcome, ImportOutcome::kCreated);
  EXPECT_EQ(people[1].outcome, ImportOutcome::kUpdated) << "linked by the number";
  EXPECT_EQ(people[1].resource_id, hand.id);

  auto training = [&](const std::string& source_id, double hours) {
    TrainingRecord t;
    t.minutes = static_cast<int64_t>(hours * 60);
    t.category = TrainingCategory::kBusinessKnowledge;
    t.course = absl::StrCat("行政处罚法 ", source_id);
    t.provider = "司法厅";
    t.date = training_day_;
    return ImportedTrainingInput{source_id, t, "P-1"};
  };
  ASSERT_OK_AND_ASSIGN(
      std::vector<ImportRecordResult> t,
      app_.imports().ImportTraining(
          admin_, "nx-hr",
          {training("T-1", 3), training("T-2", 3), training("T-3", 2), training("T-4", 1)}, false));
  int created = 0, failed = 0;
  for (const ImportRecordResult& r : t) (r.error.ok() ? created : failed)++;
  // At most 8 hours a day (CheckTrainingDay): 3 + 3 + 2 fit, 1 more does not.
  EXPECT_EQ(created, 3);
  EXPECT_EQ(failed, 1);
  EXPECT_FALSE(t[3].error.ok()) << "the batch failed, then each on its own";
  EXPECT_TRUE(t[3].resource_id.empty());
  EXPECT_EQ(store_.GetSourceLink("training", "nx-hr", "T-4")->has_value(), false);

  // A dry run judges each record on top of those before it that passed.
  ASSERT_OK_AND_ASSIGN(std::vector<ImportRecordResult> dry,
                       app_.imports().ImportTraining(
                           admin_, "nx-hr", {training("T-5", 1), training("T-6", 1)}, true));
  EXPECT_FALSE(dry[0].error.ok()) << "the day is full";
  training_day_ = absl::CivilDay(2025, 5, 21);
  ASSERT_OK_AND_ASSIGN(dry, app_.imports().ImportTraining(
                                admin_, "nx-hr", {training("T-7", 5), training("T-8", 4)}, true));
  EXPECT_TRUE(dry[0].error.ok()) << dry[0].error;
  EXPECT_FALSE(dry[1].error.ok()) << "5 + 4 hours: over the day, though each alone fits";
}

TEST_F(ImportsTest, ValidateOnlyLeavesTheStoreAsItWas) {
  const size_t audit_rows = store_.audit_log().size();
  std::vector<ImportRecordResult> dry = Officers({Person("P-1", "11010519491231002X")}, true);
  EXPECT_EQ(dry[0].outcome, ImportOutcome::kCreated);
  EXPECT_TRUE(dry[0].resource_id.empty());
  EXPECT_EQ(store_.audit_log().size(), audit_rows);
  EXPECT_FALSE(*store_.GetSourceLink("officer", "nx-hr", "P-1"));
  EXPECT_THAT(app_.imports().ImportOfficers(testing::Caller({auth::Role::kAuditor}, "640000"),
                                            "nx-hr", {Person("P-1", "11010519491231002X")}, false),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

}  // namespace
}  // namespace lawenforce::personnel
