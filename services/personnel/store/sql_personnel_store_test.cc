#include "services/personnel/store/sql_personnel_store.h"

#include <memory>

#include "common/ids/id_generator.h"
#include "common/status/macros.h"
#include "common/store/sqlite_database.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/personnel/store/schema.h"

namespace lawenforce::personnel {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class SqlPersonnelStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<store::Database>> db =
        store::OpenSqlite({.path = dir_.File("personnel.db")});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    absl::StatusOr<std::unique_ptr<PersonnelStore>> s = OpenSqlPersonnelStore(db_.get(), &ids_);
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = *std::move(s);
  }

  AuditEntry Audit(const std::string& id) {
    return AuditEntry{"tester", "test", id, "", absl::FromUnixSeconds(1700000000)};
  }

  Agency MakeAgency(const std::string& division = "640104") {
    Agency a;
    a.id = ids_.NewId();
    a.name = "兴庆区市场监督管理局";
    a.division_code = division;
    a.domains = {"market_regulation", "food_safety"};
    a.create_time = absl::FromUnixSeconds(1700000000);
    EXPECT_OK(store_->CreateAgency(a, std::nullopt, Audit(a.id)).status());
    return a;
  }

  Officer MakeOfficer(const Agency& agency, const std::string& index, int roles_bits = 1) {
    Officer o;
    o.id = ids_.NewId();
    o.agency_id = agency.id;
    o.division_code = agency.division_code;
    o.name = "张三";
    o.id_number_masked = "640104********123X";
    if (roles_bits & 1) o.roles.push_back(OfficerRole::kOfficer);
    if (roles_bits & 2) o.roles.push_back(OfficerRole::kLegalReviewer);
    o.create_time = o.update_time = absl::FromUnixSeconds(1700000000);
    EXPECT_OK(store_->CreateOfficer(o, "cipher", index, std::nullopt, Audit(o.id)).status());
    return o;
  }

  Certificate MakeCertificate(const Officer& o, const std::string& number,
                              const std::string& domain = "market_regulation") {
    Certificate c;
    c.id = ids_.NewId();
    c.number = number;
    c.officer_id = o.id;
    c.agency_id = o.agency_id;
    c.division_code = o.division_code;
    c.domains = {domain};
    c.valid_from = absl::CivilDay(2024, 1, 1);
    c.valid_until = absl::CivilDay(2028, 12, 31);
    c.state_reason = "issued";
    c.create_time = c.update_time = absl::FromUnixSeconds(1700000000);
    CertificateEvent issued{1,        std::nullopt, CertificateState::kActive,
                            "issued", "tester",     c.create_time,
                            {},       std::nullopt, ""};
    EXPECT_OK(store_->IssueCertificate(c, issued, std::nullopt, Audit(c.id)).status());
    return c;
  }

  testing::TempDir dir_;
  SequentialIdGenerator ids_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<PersonnelStore> store_;
};

TEST_F(SqlPersonnelStoreTest, RecordsRoundTripWithEveryField) {
  Agency a = MakeAgency();
  ASSERT_OK_AND_ASSIGN(Agency got, store_->GetAgency(a.id));
  EXPECT_EQ(got.name, a.name);
  EXPECT_EQ(got.domains, a.domains);
  EXPECT_EQ(got.create_time, a.create_time);
  Officer o = MakeOfficer(a, "idx1", 3);
  ASSERT_OK_AND_ASSIGN(Officer got_o, store_->GetOfficer(o.id));
  EXPECT_EQ(got_o.roles, o.roles);
  EXPECT_EQ(got_o.division_code, "640104");
  Certificate c = MakeCertificate(o, "ZF-0001");
  ASSERT_OK_AND_ASSIGN(Certificate got_c, store_->GetCertificate(c.id));
  EXPECT_EQ(got_c.valid_until, absl::CivilDay(2028, 12, 31));
  EXPECT_EQ(got_c.state, CertificateState::kActive);
  ASSERT_OK_AND_ASSIGN(std::vector<CertificateEvent> history, store_->GetCertificateHistory(c.id));
  ASSERT_THAT(history, SizeIs(1));
  EXPECT_FALSE(history[0].from_state.has_value());
}

TEST_F(SqlPersonnelStoreTest, SameIdentityNumberIndexIsRefusedNamingTheField) {
  Agency a = MakeAgency();
  MakeOfficer(a, "same-index");
  Officer o;
  o.id = ids_.NewId();
  o.agency_id = a.id;
  o.division_code = a.division_code;
  o.name = "李四";
  o.roles = {OfficerRole::kOfficer};
  EXPECT_THAT(store_->CreateOfficer(o, "c", "same-index", std::nullopt, Audit(o.id)),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("officer.id_number")));
}

TEST_F(SqlPersonnelStoreTest, IdempotencyKeyReplaysAndRefusesADifferentRequest) {
  Agency a;
  a.id = ids_.NewId();
  a.name = "A";
  a.division_code = "640104";
  a.domains = {"x_domain"};
  IdempotencyKey key{"CreateAgency", "req-1", "hash-1"};
  ASSERT_OK_AND_ASSIGN(Created first, store_->CreateAgency(a, key, Audit(a.id)));
  EXPECT_FALSE(first.replayed);
  Agency again = a;
  again.id = ids_.NewId();
  ASSERT_OK_AND_ASSIGN(Created second, store_->CreateAgency(again, key, Audit(again.id)));
  EXPECT_TRUE(second.replayed);
  EXPECT_EQ(second.id, a.id);
  EXPECT_THAT(store_->GetAgency(again.id), StatusIs(absl::StatusCode::kNotFound));
  IdempotencyKey other{"CreateAgency", "req-1", "hash-2"};
  EXPECT_THAT(store_->CreateAgency(again, other, Audit(again.id)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

TEST_F(SqlPersonnelStoreTest, TransitionChecksVersionAndAppendsHistory) {
  Agency a = MakeAgency();
  Officer o = MakeOfficer(a, "i");
  Certificate c = MakeCertificate(o, "ZF-1");
  CertificateEvent e{0,
                     CertificateState::kActive,
                     CertificateState::kSuspended,
                     "why",
                     "sup",
                     absl::FromUnixSeconds(1700000100),
                     {},
                     std::nullopt,
                     ""};
  ASSERT_OK_AND_ASSIGN(Certificate s, store_->TransitionCertificate(
                                          c.id, 1, CertificateState::kSuspended, e, Audit(c.id)));
  EXPECT_EQ(s.state, CertificateState::kSuspended);
  EXPECT_EQ(s.version, 2);
  EXPECT_THAT(store_->TransitionCertificate(c.id, 1, CertificateState::kActive, e, Audit(c.id)),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(
      store_->TransitionCertificate(ids_.NewId(), 1, CertificateState::kActive, e, Audit(c.id)),
      StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(std::vector<CertificateEvent> history, store_->GetCertificateHistory(c.id));
  ASSERT_THAT(history, SizeIs(2));
  EXPECT_EQ(history[1].sequence, 2);
  EXPECT_EQ(history[1].reason, "why");
}

// The app checks a certificate's domains against its agency before the
// write; the store checks again inside the transaction, so an UpdateAgency
// committed in between cannot leave a certificate outside its agency's
// domains, nor remove a domain a live certificate covers.
TEST_F(SqlPersonnelStoreTest, AgencyDomainsAndLiveCertificatesAreCheckedInOneTransaction) {
  Agency a = MakeAgency();  // market_regulation, food_safety
  Officer o = MakeOfficer(a, "i");
  Certificate live = MakeCertificate(o, "ZF-1", "market_regulation");
  const absl::CivilDay today(2025, 6, 1);

  Agency narrowed = a;
  narrowed.domains = {"food_safety"};
  EXPECT_THAT(store_->UpdateAgency(narrowed, 1, today, Audit(a.id)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ZF-1 covers")));
  // Past its validity the certificate no longer binds the agency.
  ASSERT_OK_AND_ASSIGN(Agency updated,
                       store_->UpdateAgency(narrowed, 1, absl::CivilDay(2029, 1, 1), Audit(a.id)));
  EXPECT_EQ(updated.version, 2);
  EXPECT_THAT(store_->UpdateAgency(narrowed, 1, today, Audit(a.id)),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("agency.etag")));

  Certificate late = live;
  late.id = ids_.NewId();
  late.number = "ZF-2";
  late.domains = {"food_safety", "market_regulation"};
  CertificateEvent issued{1,        std::nullopt, CertificateState::kActive,
                          "issued", "tester",     late.create_time,
                          {},       std::nullopt, ""};
  EXPECT_THAT(store_->IssueCertificate(late, issued, std::nullopt, Audit(late.id)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("certificate.domains[1]: no longer an enforcement domain")));
}

TEST_F(SqlPersonnelStoreTest, ListsFilterByDivisionSubtreeAndPageById) {
  Agency xingqing = MakeAgency("640104");
  Agency township = MakeAgency("640104001");
  Agency wuzhong = MakeAgency("640302");
  ASSERT_OK_AND_ASSIGN(std::vector<Agency> in_county, store_->ListAgencies("640104", {"", 10}));
  EXPECT_THAT(in_county, SizeIs(2));
  ASSERT_OK_AND_ASSIGN(std::vector<Agency> in_region, store_->ListAgencies("64", {"", 10}));
  EXPECT_THAT(in_region, SizeIs(3));
  ASSERT_OK_AND_ASSIGN(std::vector<Agency> page1, store_->ListAgencies("64", {"", 2}));
  ASSERT_THAT(page1, SizeIs(2));
  ASSERT_OK_AND_ASSIGN(std::vector<Agency> page2, store_->ListAgencies("64", {page1[1].id, 2}));
  EXPECT_THAT(page2, SizeIs(1));
}

TEST_F(SqlPersonnelStoreTest, CertificateStateFilterTreatsPastValidityAsExpired) {
  Agency a = MakeAgency();
  Officer o = MakeOfficer(a, "i");
  MakeCertificate(o, "ZF-1");  // valid until 2028-12-31
  CertificateFilter active{"64", "", CertificateState::kActive, absl::CivilDay(2026, 1, 1),
                           std::nullopt};
  EXPECT_THAT(*store_->ListCertificates(active, {"", 10}), SizeIs(1));
  CertificateFilter expired{"64", "", CertificateState::kExpired, absl::CivilDay(2029, 1, 1),
                            std::nullopt};
  EXPECT_THAT(*store_->ListCertificates(expired, {"", 10}), SizeIs(1));
  CertificateFilter active_later{"64", "", CertificateState::kActive, absl::CivilDay(2029, 1, 1),
                                 std::nullopt};
  EXPECT_THAT(*store_->ListCertificates(active_later, {"", 10}), SizeIs(0));
}

TEST_F(SqlPersonnelStoreTest, FailingAssessmentFlagsOfficerAndCertificates) {
  Agency a = MakeAgency();
  Officer o = MakeOfficer(a, "i");
  Certificate c = MakeCertificate(o, "ZF-1");
  Assessment as{ids_.NewId(),
                o.id,
                2025,
                AssessmentResult::kIncompetent,
                "",
                "tester",
                absl::FromUnixSeconds(1700000000)};
  ASSERT_OK(store_->RecordAssessment(as, true, std::nullopt, Audit(as.id)).status());
  EXPECT_TRUE(store_->GetOfficer(o.id)->review_required);
  EXPECT_TRUE(store_->GetCertificate(c.id)->review_required);
  as.id = ids_.NewId();
  EXPECT_THAT(store_->RecordAssessment(as, false, std::nullopt, Audit(as.id)),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("assessment.year")));
}

TEST_F(SqlPersonnelStoreTest, HeadcountsCountLegalReviewers) {
  Agency a = MakeAgency();
  MakeOfficer(a, "1", 1);
  MakeOfficer(a, "2", 3);
  MakeOfficer(a, "3", 2);
  MakeAgency("640302");
  ASSERT_OK_AND_ASSIGN(std::vector<AgencyHeadcount> counts, store_->Headcounts("", "64"));
  ASSERT_THAT(counts, SizeIs(2));
  EXPECT_EQ(counts[0].officer_count, 3);
  EXPECT_EQ(counts[0].legal_reviewer_count, 2);
  EXPECT_EQ(counts[1].officer_count, 0);
}

TEST_F(SqlPersonnelStoreTest, TrainingTotalsExcludePoliticalTheory) {
  Agency a = MakeAgency();
  Officer o = MakeOfficer(a, "i");
  auto record = [&](int64_t minutes, TrainingCategory cat, absl::CivilDay day) {
    TrainingRecord t{ids_.NewId(), o.id,
                     a.id,         a.division_code,
                     minutes,      cat,
                     "c",          day,
                     "p",          absl::FromUnixSeconds(1700000000)};
    ASSERT_OK(store_->RecordTraining(t, std::nullopt, Audit(t.id), PersonnelPolicy()).status());
  };
  record(120, TrainingCategory::kBusinessKnowledge, absl::CivilDay(2024, 12, 31));
  record(60, TrainingCategory::kPoliticalTheory, absl::CivilDay(2024, 6, 1));
  record(30, TrainingCategory::kEnforcementSkills, absl::CivilDay(2025, 1, 1));
  ASSERT_OK_AND_ASSIGN(std::vector<CountedTraining> counted, store_->CountedTrainingOf(o.id));
  ASSERT_THAT(counted, SizeIs(2));
  EXPECT_EQ(counted[0].year, 2024);
  EXPECT_EQ(counted[0].minutes, 120);
  EXPECT_EQ(counted[0].recorded, absl::FromUnixSeconds(1700000000));
  EXPECT_EQ(counted[1].year, 2025);
  EXPECT_EQ(counted[1].minutes, 30);
  ASSERT_OK_AND_ASSIGN(TrainingScope scope, store_->GetTrainingForScope("", a.id, "", 2024));
  EXPECT_THAT(scope.records, SizeIs(2));
  ASSERT_THAT(scope.officers, SizeIs(1));
  ASSERT_THAT(scope.officers[0].service, SizeIs(1));
  EXPECT_EQ(scope.officers[0].service[0].start, o.create_time);
  EXPECT_EQ(scope.officers[0].service[0].end, absl::InfiniteFuture());
}

// A certificate issued between a transfer's read of the officer's
// certificates and its write cannot survive the transfer, and one issued
// after it cannot name the agency left.
TEST_F(SqlPersonnelStoreTest, AServiceChangeAndAnIssueCannotCrossEachOther) {
  Agency from = MakeAgency();
  Agency to = MakeAgency("640106");
  Officer o = MakeOfficer(from, "idx-race");
  const Certificate read = MakeCertificate(o, "RACE-1");
  const Certificate meanwhile = MakeCertificate(o, "RACE-2", "food_safety");  // after the read
  const absl::Time now = absl::FromUnixSeconds(1700003600);
  ServiceChange change;
  change.officer_id = o.id;
  change.expected_version = 1;
  change.effective = now;
  change.now = now;
  change.end_reason = ServiceEndReason::kTransferred;
  change.actor = "tester";
  change.to_agency = to;
  CertificateEvent cancel{0,
                          CertificateState::kActive,
                          CertificateState::kCancelled,
                          "moved",
                          "tester",
                          now,
                          now,
                          std::nullopt,
                          ""};
  change.cancellations.push_back({read.id, 1, cancel, Audit(read.id)});
  EXPECT_THAT(store_->ChangeOfficerService(change, Audit(o.id)),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));
  // Nothing of it was written.
  ASSERT_OK_AND_ASSIGN(Officer unchanged, store_->GetOfficer(o.id));
  EXPECT_EQ(unchanged.agency_id, from.id);
  ASSERT_OK_AND_ASSIGN(Certificate still, store_->GetCertificate(read.id));
  EXPECT_EQ(still.state, CertificateState::kActive);

  change.cancellations.push_back({meanwhile.id, 1, cancel, Audit(meanwhile.id)});
  ASSERT_OK_AND_ASSIGN(Officer moved, store_->ChangeOfficerService(change, Audit(o.id)));
  EXPECT_EQ(moved.agency_id, to.id);
  ASSERT_OK_AND_ASSIGN(std::vector<ServicePeriod> periods, store_->GetServicePeriods(o.id));
  ASSERT_THAT(periods, SizeIs(2));
  EXPECT_EQ(periods[0].end, now);
  EXPECT_EQ(periods[1].agency_id, to.id);
  // An issue prepared before the transfer still names the agency left.
  Certificate late;
  late.id = ids_.NewId();
  late.number = "RACE-3";
  late.officer_id = o.id;
  late.agency_id = from.id;
  late.division_code = from.division_code;
  late.domains = {"market_regulation"};
  late.valid_from = absl::CivilDay(2024, 1, 1);
  late.valid_until = absl::CivilDay(2028, 12, 31);
  late.create_time = late.update_time = now;
  CertificateEvent issued{
      1, std::nullopt, CertificateState::kActive, "issued", "tester", now, {}, std::nullopt, ""};
  EXPECT_THAT(store_->IssueCertificate(late, issued, std::nullopt, Audit(late.id)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("certificate.officer_id")));
}

TEST_F(SqlPersonnelStoreTest, IdenticalTrainingAndDaysOverTheBoundAreRefused) {
  Agency a = MakeAgency();
  Officer o = MakeOfficer(a, "j");
  auto record = [&](int64_t minutes, const std::string& course) {
    TrainingRecord t{ids_.NewId(), o.id,
                     a.id,         a.division_code,
                     minutes,      TrainingCategory::kBusinessKnowledge,
                     course,       absl::CivilDay(2024, 3, 1),
                     "p",          absl::FromUnixSeconds(1700000000)};
    return store_->RecordTraining(t, std::nullopt, Audit(t.id), PersonnelPolicy()).status();
  };
  ASSERT_OK(record(300, "a"));
  EXPECT_THAT(record(300, "a"), StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(record(181, "b"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_OK(record(180, "b"));
}

TEST_F(SqlPersonnelStoreTest, MigrationFourSealsOldCiphertextsAndDropsUnkeyedHashes) {
  // A database as version 3 left it: ciphertext in a TEXT column, an
  // unkeyed request hash.
  testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<store::Database>> db = store::OpenSqlite({dir.File("old.db")});
  ASSERT_TRUE(db.ok());
  std::vector<store::Migration> first(PersonnelMigrations().begin(),
                                      PersonnelMigrations().begin() + 3);
  ASSERT_OK(store::Migrate(**db, "personnel", first));
  const std::string cipher("\x01\xff\x00raw", 6);
  ASSERT_OK((*db)->Write([&](store::Transaction& tx) -> absl::Status {
    LE_RETURN_IF_ERROR(tx.Execute(
        "INSERT INTO agencies VALUES ('a', 'n', '640104', 'market_regulation', 0, 0, 1)"));
    LE_RETURN_IF_ERROR(tx.Execute(
        "INSERT INTO officers VALUES ('o', 'a', '640104', 'n', ?, 'idx', 'm', 1, 0, 0, 0, 1)",
        {store::Text(cipher)}));
    return tx.Execute("INSERT INTO idempotency_keys VALUES ('CreateOfficer', 'r', 'hash', 'o', 0)")
        .status();
  }));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PersonnelStore> store,
                       OpenSqlPersonnelStore(db->get(), &ids_));
  ASSERT_OK((*db)->Read([&](store::Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                        tx.Query("SELECT id_number_sealed FROM officers"));
    EXPECT_EQ(rows.at(0).Text(0), cipher);
    LE_ASSIGN_OR_RETURN(std::vector<store::Row> keys,
                        tx.Query("SELECT COUNT(*) FROM idempotency_keys"));
    EXPECT_EQ(keys.at(0).Int(0), 0);
    return absl::OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(Officer officer, store->GetOfficer("o"));
  EXPECT_EQ(officer.id_number_masked, "m");
  // Migration 6: an officer so far has served the agency since registration.
  EXPECT_EQ(officer.service_start, absl::FromUnixMicros(0));
  EXPECT_FALSE(officer.service_end.has_value());
  ASSERT_OK_AND_ASSIGN(std::vector<ServicePeriod> periods, store->GetServicePeriods("o"));
  ASSERT_THAT(periods, SizeIs(1));
  EXPECT_EQ(periods[0].agency_id, "a");
  EXPECT_EQ(periods[0].division_code, "640104");
  EXPECT_EQ(periods[0].end, absl::InfiniteFuture());
}

TEST_F(SqlPersonnelStoreTest, MigrationEightGivesOldAuditRowsTheirDivisionAndMethod) {
  testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<store::Database>> db = store::OpenSqlite({dir.File("old.db")});
  ASSERT_TRUE(db.ok());
  std::vector<store::Migration> first(PersonnelMigrations().begin(),
                                      PersonnelMigrations().begin() + 7);
  ASSERT_OK(store::Migrate(**db, "personnel", first));
  ASSERT_OK((*db)->Write([&](store::Transaction& tx) -> absl::Status {
    LE_RETURN_IF_ERROR(tx.ExecuteScript(R"sql(
INSERT INTO agencies VALUES ('a', 'n', '640104001', 'market_regulation', 0, 0, 1);
INSERT INTO audit_log VALUES ('1', 10, 'u', 'agency.create', 'a', '');
INSERT INTO audit_log VALUES ('2', 20, 'u', 'certificate.cancel', 'a', 'officer retired');
INSERT INTO audit_log VALUES ('3', 30, 'x', 'denied.GetOfficer', 'nobody', 'denied');
)sql"));
    return absl::OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PersonnelStore> store,
                       OpenSqlPersonnelStore(db->get(), &ids_));
  store::AuditQuery county;
  county.scope_prefix = "640104";
  ASSERT_OK_AND_ASSIGN(std::vector<store::AuditRow> rows,
                       store->ListAuditEntries(county, {"", 10}));
  ASSERT_THAT(rows, SizeIs(2));
  EXPECT_EQ(rows[0].entry.method, "EndOfficerService");
  EXPECT_EQ(rows[1].entry.method, "CreateAgency");
  EXPECT_EQ(rows[1].entry.division_code, "640104001");
  store::AuditQuery township;
  township.scope_prefix = "640104001";
  ASSERT_OK_AND_ASSIGN(rows, store->ListAuditEntries(township, {"", 10}));
  EXPECT_THAT(rows, SizeIs(2));
  // A denial of nothing keeps no division: only the region lists it.
  store::AuditQuery region;
  region.scope_prefix = "64";
  ASSERT_OK_AND_ASSIGN(rows, store->ListAuditEntries(region, {"", 10}));
  ASSERT_THAT(rows, SizeIs(3));
  EXPECT_EQ(rows[0].entry.method, "GetOfficer");
  EXPECT_EQ(rows[0].entry.division_code, "");
  // Paging continues after the row given.
  ASSERT_OK_AND_ASSIGN(rows, store->ListAuditEntries(region, {rows[0].id, 1}));
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].id, "2");
}

}  // namespace
}  // namespace lawenforce::personnel
