// Bulk import from HR systems (ImportAgencies, ImportOfficers,
// ImportTrainingRecords; docs/api/personnel.md "Bulk import") through
// gRPC on the real store (SQLite; PostgreSQL as ..._postgres): records
// keyed by the source's ids and by the identity-card number, the same batch
// twice writing nothing, changes applied or refused per kind, per-record
// results naming the field, nothing half-applied, validate_only, and the
// whole-call refusals (role, source_system, size, jurisdiction).

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSystem[] = "nx-hr";

class PersonnelImportTest : public PersonnelFixture {
 protected:
  static pv1::ImportedAgency AgencyRecord(const std::string& source_id, const std::string& name,
                                          const std::string& division = "640104") {
    pv1::ImportedAgency r;
    r.set_source_id(source_id);
    r.mutable_agency()->set_name(name);
    r.mutable_agency()->set_division_code(division);
    r.mutable_agency()->add_domains("market_regulation");
    return r;
  }
  static pv1::ImportedOfficer OfficerRecord(const std::string& source_id,
                                            const std::string& agency_source_id, int serial,
                                            const std::string& name = "张三") {
    pv1::ImportedOfficer r;
    r.set_source_id(source_id);
    r.set_agency_source_id(agency_source_id);
    r.mutable_officer()->set_name(name);
    r.mutable_officer()->set_id_number(IdNumber(serial));
    r.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
    return r;
  }
  static pv1::ImportedTrainingRecord TrainingRecordOf(const std::string& source_id,
                                                      const std::string& officer_source_id,
                                                      double hours = 8, int day = 20) {
    pv1::ImportedTrainingRecord r;
    r.set_source_id(source_id);
    r.set_officer_source_id(officer_source_id);
    pv1::TrainingRecord* t = r.mutable_record();
    t->set_hours(hours);
    t->set_category(pv1::TRAINING_CATEGORY_PUBLIC_LEGAL_KNOWLEDGE);
    t->set_course("行政处罚法");
    t->set_provider("自治区司法厅");
    t->mutable_date()->set_year(2025);
    t->mutable_date()->set_month(5);
    t->mutable_date()->set_day(day);
    return r;
  }

  pv1::ImportAgenciesResponse Agencies(std::vector<pv1::ImportedAgency> records,
                                       bool validate_only = false) {
    pv1::ImportAgenciesRequest req;
    req.set_source_system(kSystem);
    for (auto& r : records) *req.add_agencies() = r;
    req.set_validate_only(validate_only);
    pv1::ImportAgenciesResponse out;
    grpc::Status s = stub_->ImportAgencies(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  grpc::Status Officers(const std::vector<pv1::ImportedOfficer>& records,
                        pv1::ImportOfficersResponse* out, const std::string& token = "",
                        bool validate_only = false, const std::string& system = kSystem) {
    pv1::ImportOfficersRequest req;
    req.set_source_system(system);
    for (const auto& r : records) *req.add_officers() = r;
    req.set_validate_only(validate_only);
    out->Clear();
    return stub_->ImportOfficers(Ctx(token.empty() ? AdminToken() : token).get(), req, out);
  }
  pv1::ImportOfficersResponse OfficersOk(const std::vector<pv1::ImportedOfficer>& records,
                                         bool validate_only = false) {
    pv1::ImportOfficersResponse out;
    grpc::Status s = Officers(records, &out, "", validate_only);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  pv1::ImportTrainingRecordsResponse Training(std::vector<pv1::ImportedTrainingRecord> records) {
    pv1::ImportTrainingRecordsRequest req;
    req.set_source_system(kSystem);
    for (auto& r : records) *req.add_records() = r;
    pv1::ImportTrainingRecordsResponse out;
    grpc::Status s = stub_->ImportTrainingRecords(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  int64_t Count(const std::string& table) {
    int64_t n = -1;
    EXPECT_TRUE(service_->runtime()
                    .env()
                    .db
                    ->Read([&](store::Transaction& tx) -> absl::Status {
                      absl::StatusOr<std::vector<store::Row>> rows =
                          tx.Query(absl::StrCat("SELECT COUNT(*) FROM ", table));
                      if (!rows.ok()) return rows.status();
                      n = (*rows)[0].Int(0);
                      return absl::OkStatus();
                    })
                    .ok());
    return n;
  }
  // Every table a write could touch, as one figure per table.
  std::vector<int64_t> Footprint() {
    return {Count("agencies"), Count("officers"), Count("training_records"),
            Count("import_sources"), Count("audit_log")};
  }

  pv1::Officer GetOfficer(const std::string& id) {
    pv1::GetOfficerRequest req;
    req.set_id(id);
    pv1::Officer out;
    grpc::Status s = stub_->GetOfficer(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
};

template <typename Response>
std::vector<pv1::ImportOutcome> Outcomes(const Response& r) {
  std::vector<pv1::ImportOutcome> out;
  for (const auto& x : r.results()) out.push_back(x.outcome());
  return out;
}

TEST_F(PersonnelImportTest, AgenciesOfficersAndTrainingThenTheSameBatchesChangeNothing) {
  pv1::ImportAgenciesResponse a = Agencies({AgencyRecord("ORG-1", "兴庆区市场监管局"),
                                            AgencyRecord("ORG-2", "金凤区市场监管局", "640106")});
  EXPECT_EQ(a.created(), 2);
  ASSERT_EQ(a.results_size(), 2);
  EXPECT_EQ(a.results(1).source_id(), "ORG-2");
  EXPECT_EQ(a.results(1).index(), 1);
  EXPECT_FALSE(a.results(0).resource_id().empty());

  const std::vector<pv1::ImportedOfficer> people = {OfficerRecord("P-1", "ORG-1", 201),
                                                    OfficerRecord("P-2", "ORG-1", 202, "李四"),
                                                    OfficerRecord("P-3", "ORG-2", 203, "王五")};
  pv1::ImportOfficersResponse o = OfficersOk(people);
  EXPECT_EQ(o.created(), 3) << o.DebugString();
  const pv1::Officer li = GetOfficer(o.results(1).resource_id());
  EXPECT_EQ(li.name(), "李四");
  EXPECT_EQ(li.agency_id(), a.results(0).resource_id());
  EXPECT_EQ(li.division_code(), "640104");

  pv1::ImportTrainingRecordsResponse t =
      Training({TrainingRecordOf("T-1", "P-1"), TrainingRecordOf("T-2", "P-3", 4, 21)});
  EXPECT_EQ(t.created(), 2) << t.DebugString();

  const std::vector<int64_t> before = Footprint();
  EXPECT_EQ(before[3], 7) << "one link per record";
  a = Agencies({AgencyRecord("ORG-1", "兴庆区市场监管局"),
                AgencyRecord("ORG-2", "金凤区市场监管局", "640106")});
  EXPECT_EQ(a.unchanged(), 2);
  o = OfficersOk(people);
  EXPECT_EQ(o.unchanged(), 3);
  EXPECT_EQ(o.results(1).resource_id(), li.id());
  t = Training({TrainingRecordOf("T-1", "P-1"), TrainingRecordOf("T-2", "P-3", 4, 21)});
  EXPECT_EQ(t.unchanged(), 2);
  EXPECT_EQ(Footprint(), before) << "the same batches again write nothing, not even audit rows";
  EXPECT_EQ(GetOfficer(li.id()).etag(), li.etag());
}

TEST_F(PersonnelImportTest, ChangesAreAppliedToOfficersAndRefusedWhereNotBuilt) {
  Agencies({AgencyRecord("ORG-1", "兴庆区市场监管局"),
            AgencyRecord("ORG-2", "金凤区市场监管局", "640106")});
  pv1::ImportOfficersResponse o = OfficersOk({OfficerRecord("P-1", "ORG-1", 211)});
  const std::string id = o.results(0).resource_id();
  Training({TrainingRecordOf("T-1", "P-1")});

  // A new name and roles: applied to the same officer.
  pv1::ImportedOfficer renamed = OfficerRecord("P-1", "ORG-1", 211, "张三丰");
  renamed.mutable_officer()->add_roles(pv1::OFFICER_ROLE_LEGAL_REVIEWER);
  o = OfficersOk({renamed});
  EXPECT_EQ(o.updated(), 1) << o.DebugString();
  EXPECT_EQ(o.results(0).resource_id(), id);
  const pv1::Officer now = GetOfficer(id);
  EXPECT_EQ(now.name(), "张三丰");
  EXPECT_EQ(now.roles_size(), 2);
  EXPECT_EQ(OfficersOk({renamed}).unchanged(), 1);

  // Another number or agency under the same source id: refused, named.
  o = OfficersOk({OfficerRecord("P-1", "ORG-1", 212, "张三丰")});
  EXPECT_EQ(o.results(0).outcome(), pv1::IMPORT_OUTCOME_FAILED);
  EXPECT_EQ(o.results(0).error_code(), "FAILED_PRECONDITION");
  EXPECT_EQ(o.results(0).error_field(), "officer.id_number");
  EXPECT_THAT(o.results(0).error_message(), Not(HasSubstr(IdNumber(212))));
  pv1::ImportedOfficer moved = renamed;
  moved.set_agency_source_id("ORG-2");
  o = OfficersOk({moved});
  EXPECT_EQ(o.results(0).error_field(), "officer.agency_id") << o.DebugString();

  // Agencies and training records are not changed by import.
  pv1::ImportedAgency agency = AgencyRecord("ORG-1", "兴庆区市场监督管理局");
  pv1::ImportAgenciesResponse a = Agencies({agency});
  EXPECT_EQ(a.results(0).error_code(), "FAILED_PRECONDITION");
  EXPECT_THAT(a.results(0).error_message(), HasSubstr("agency:"));
  pv1::ImportTrainingRecordsResponse t = Training({TrainingRecordOf("T-1", "P-1", 6)});
  EXPECT_EQ(t.results(0).error_code(), "FAILED_PRECONDITION") << t.DebugString();
  EXPECT_EQ(t.failed(), 1);
}

TEST_F(PersonnelImportTest, RecordsRegisteredByHandAreLinkedNotDuplicated) {
  const pv1::Agency hand = CreateAgency("640104");
  pv1::ImportAgenciesResponse a = Agencies({AgencyRecord("ORG-9", hand.name())});
  EXPECT_EQ(a.updated(), 1) << a.DebugString();
  EXPECT_EQ(a.results(0).resource_id(), hand.id());
  const pv1::Officer officer = CreateOfficer(hand.id(), IdNumber(221));
  pv1::ImportOfficersResponse o = OfficersOk({OfficerRecord("P-9", "ORG-9", 221, "张三")});
  EXPECT_EQ(o.updated(), 1) << o.DebugString();
  EXPECT_EQ(o.results(0).resource_id(), officer.id());
  EXPECT_EQ(OfficersOk({OfficerRecord("P-9", "ORG-9", 221, "张三")}).unchanged(), 1);

  // The same person in another agency: a transfer, which is not built.
  const pv1::Agency other = CreateAgency("640106");
  pv1::ImportedOfficer elsewhere = OfficerRecord("P-10", "", 221);
  elsewhere.clear_agency_source_id();
  elsewhere.mutable_officer()->set_agency_id(other.id());
  o = OfficersOk({elsewhere});
  EXPECT_EQ(o.results(0).error_code(), "ALREADY_EXISTS") << o.DebugString();
  EXPECT_EQ(o.results(0).error_field(), "officer.id_number");
}

TEST_F(PersonnelImportTest, PerRecordErrorsNameTheFieldAndCostTheOthersNothing) {
  Agencies({AgencyRecord("ORG-1", "兴庆区市场监管局")});
  pv1::ImportedOfficer bad_number = OfficerRecord("P-2", "ORG-1", 232);
  bad_number.mutable_officer()->set_id_number("11010519491231002Y");
  pv1::ImportedOfficer no_roles = OfficerRecord("P-3", "ORG-1", 233);
  no_roles.mutable_officer()->clear_roles();
  pv1::ImportedOfficer both = OfficerRecord("P-4", "ORG-1", 234);
  both.mutable_officer()->set_agency_id("00000000-0000-4000-8000-000000000000");
  // Two source records of one person: the batch fails, then each record
  // on its own, so the first is written and the second named.
  const pv1::ImportedOfficer twin_a = OfficerRecord("P-5", "ORG-1", 235);
  const pv1::ImportedOfficer twin_b = OfficerRecord("P-6", "ORG-1", 235);
  pv1::ImportOfficersResponse o =
      OfficersOk({OfficerRecord("P-1", "ORG-1", 231), bad_number, no_roles, both,
                  OfficerRecord("P-1", "ORG-1", 231), twin_a, twin_b});
  ASSERT_EQ(o.results_size(), 7);
  EXPECT_EQ(o.results(0).outcome(), pv1::IMPORT_OUTCOME_CREATED);
  EXPECT_EQ(o.results(1).error_code(), "INVALID_ARGUMENT");
  EXPECT_EQ(o.results(1).error_field(), "officer.id_number");
  EXPECT_THAT(o.results(1).error_message(), Not(HasSubstr("11010519491231002Y")));
  EXPECT_EQ(o.results(2).error_field(), "officer.roles");
  EXPECT_EQ(o.results(3).error_field(), "officer.agency_id");
  EXPECT_EQ(o.results(4).error_field(), "source_id") << "the same record twice in a call";
  EXPECT_EQ(o.results(5).outcome(), pv1::IMPORT_OUTCOME_CREATED);
  EXPECT_EQ(o.results(6).error_code(), "ALREADY_EXISTS");
  EXPECT_EQ(o.results(6).error_field(), "officer.id_number");
  EXPECT_TRUE(o.results(6).resource_id().empty());
  EXPECT_EQ(o.created(), 2);
  EXPECT_EQ(o.failed(), 5);
  EXPECT_EQ(Count("officers"), 2);
  EXPECT_EQ(Count("import_sources"), 3) << "one agency, two officers: no link without its record";

  // A training record of a closed year, and one of an officer never imported.
  pv1::ImportedTrainingRecord closed = TrainingRecordOf("T-1", "P-1");
  closed.mutable_record()->mutable_date()->set_year(2023);
  pv1::ImportedTrainingRecord half = TrainingRecordOf("T-2", "P-1", 0.3);
  pv1::ImportTrainingRecordsResponse t = Training({closed, half, TrainingRecordOf("T-3", "P-1")});
  EXPECT_EQ(t.results(0).error_field(), "record.date") << t.DebugString();
  EXPECT_EQ(t.results(1).error_field(), "record.hours");
  EXPECT_EQ(t.results(2).outcome(), pv1::IMPORT_OUTCOME_CREATED);
  t = Training({TrainingRecordOf("T-4", "P-404")});
  EXPECT_EQ(t.results(0).error_code(), "FAILED_PRECONDITION") << "a region-wide caller";
  EXPECT_EQ(t.results(0).error_field(), "officer_source_id");
}

TEST_F(PersonnelImportTest, ValidateOnlyChecksEverythingAndWritesNothing) {
  Agencies({AgencyRecord("ORG-1", "兴庆区市场监管局")});
  const std::vector<int64_t> before = Footprint();
  pv1::ImportOfficersResponse o =
      OfficersOk({OfficerRecord("P-1", "ORG-1", 241), OfficerRecord("P-2", "ORG-1", 241)}, true);
  EXPECT_EQ(o.results(0).outcome(), pv1::IMPORT_OUTCOME_CREATED);
  EXPECT_TRUE(o.results(0).resource_id().empty());
  EXPECT_EQ(o.results(1).error_code(), "ALREADY_EXISTS")
      << "a clash between two records is found by the dry run too";
  EXPECT_EQ(Footprint(), before);
  EXPECT_EQ(OfficersOk({OfficerRecord("P-1", "ORG-1", 241)}).created(), 1);
}

TEST_F(PersonnelImportTest, TheWholeCallIsRefusedForRoleSystemSizeAndJurisdiction) {
  pv1::ImportAgenciesResponse a = Agencies({AgencyRecord("ORG-1", "兴庆区市场监管局"),
                                            AgencyRecord("ORG-2", "金凤区市场监管局", "640106")});
  const std::string xingqing = a.results(0).resource_id();
  const std::string jinfeng = a.results(1).resource_id();
  pv1::ImportOfficersResponse o;
  const std::vector<pv1::ImportedOfficer> one = {OfficerRecord("P-1", "ORG-1", 251)};

  EXPECT_EQ(Officers(one, &o, Token({auth::Role::kAuditor}, "640000")).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status s = Officers(one, &o, "", false, "NX HR");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("source_system"));
  s = Officers({}, &o);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<pv1::ImportedOfficer> many(501, one[0]);
  s = Officers(many, &o);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("officers"));

  // A county admin of 640104: a record of 640106 refuses the whole call,
  // and the valid record before it is not written.
  const std::string county = Token({auth::Role::kAgencyAdmin}, "640104");
  s = Officers({OfficerRecord("P-1", "ORG-1", 251), OfficerRecord("P-2", "ORG-2", 252)}, &o,
               county);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("officers[1]"));
  EXPECT_EQ(Count("officers"), 0);
  // An unknown agency source id is the same denial for that caller.
  s = Officers({OfficerRecord("P-1", "ORG-404", 251)}, &o, county);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // An admin bound to another agency of the same county.
  const std::string bound = Token({auth::Role::kAgencyAdmin}, "640104", jinfeng);
  EXPECT_EQ(Officers(one, &o, bound).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // The county admin in its own county imports.
  s = Officers(one, &o, county);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(o.created(), 1);
  EXPECT_EQ(GetOfficer(o.results(0).resource_id()).agency_id(), xingqing);

  // Agencies: only supervisors and systems, within their division.
  pv1::ImportAgenciesRequest req;
  req.set_source_system(kSystem);
  *req.add_agencies() = AgencyRecord("ORG-3", "永宁县市场监管局", "640121");
  pv1::ImportAgenciesResponse ar;
  EXPECT_EQ(stub_->ImportAgencies(Ctx(county).get(), req, &ar).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const std::string supervisor = Token({auth::Role::kSupervisor}, "640104");
  EXPECT_EQ(stub_->ImportAgencies(Ctx(supervisor).get(), req, &ar).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PersonnelImportTest, ASourceIdImportedBeyondTheCallersReachIsNotShown) {
  // The region imports P-1 into Jinfeng (640106); a Xingqing (640104)
  // admin sending P-1 for its own agency is refused the whole call, not
  // told which Jinfeng officer P-1 is.
  Agencies({AgencyRecord("ORG-1", "兴庆区市场监管局"),
            AgencyRecord("ORG-2", "金凤区市场监管局", "640106")});
  pv1::ImportOfficersResponse o = OfficersOk({OfficerRecord("P-1", "ORG-2", 271)});
  ASSERT_EQ(o.created(), 1);
  const std::string county = Token({auth::Role::kAgencyAdmin}, "640104");
  grpc::Status s = Officers({OfficerRecord("P-1", "ORG-1", 272)}, &o, county);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << o.DebugString();
  EXPECT_EQ(o.results_size(), 0);
  // The same for an agency record.
  pv1::ImportAgenciesRequest req;
  req.set_source_system(kSystem);
  *req.add_agencies() = AgencyRecord("ORG-2", "兴庆区另一个局");
  pv1::ImportAgenciesResponse a;
  EXPECT_EQ(stub_->ImportAgencies(Ctx(Token({auth::Role::kSupervisor}, "640104")).get(), req, &a)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PersonnelImportTest, TheStoredDigestIsKeyedAndHoldsNoNumber) {
  Agencies({AgencyRecord("ORG-1", "兴庆区市场监管局")});
  OfficersOk({OfficerRecord("P-1", "ORG-1", 261)});
  std::string digest;
  ASSERT_TRUE(service_->runtime()
                  .env()
                  .db
                  ->Read([&](store::Transaction& tx) -> absl::Status {
                    absl::StatusOr<std::vector<store::Row>> rows =
                        tx.Query("SELECT digest FROM import_sources WHERE kind = 'officer'");
                    if (!rows.ok()) return rows.status();
                    digest = (*rows)[0].Text(0);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_FALSE(digest.empty());
  EXPECT_THAT(digest, Not(HasSubstr(IdNumber(261).substr(0, 10))));
}

}  // namespace
}  // namespace lawenforce::testing
