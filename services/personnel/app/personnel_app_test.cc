// personnel's use cases over the in-memory store: the check order (role,
// then validation, then jurisdiction), idempotency, agency-bound admins,
// etags, the certificate machine, eligibility at a moment, and that every
// change names the cache keys it invalidates. No SQL, no network.

#include "services/personnel/app/personnel_app.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/divisions/divisions.h"
#include "common/testing/principals.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/personnel/store/in_memory_personnel_store.h"

namespace lawenforce::personnel {
namespace {

using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kPiiKey[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr char kIdNumber[] = "11010519491231002X";

class PersonnelAppTest : public ::testing::Test {
 protected:
  PersonnelAppTest()
      : divisions_(*Divisions::LoadFromFile(testing::DivisionsPath())),
        authorizer_(divisions_),
        pii_(*crypto::PiiProtector::Create(kPiiKey)),
        app_(&store_, &authorizer_, pii_.get(), &ids_, &clock_) {}

  static auth::Principal Caller(std::initializer_list<auth::Role> roles,
                                const std::string& division, const std::string& agency = "") {
    return testing::Caller(roles, division, agency);
  }
  const auth::Principal admin_ = Caller({auth::Role::kSupervisor, auth::Role::kSystem}, "640000");

  Agency MakeAgency(const std::string& division = "640104") {
    Agency a;
    a.name = absl::StrCat("兴庆区市场监督管理局 ", ++agencies_made_);  // unique per division
    a.division_code = division;
    a.domains = {"market_regulation"};
    return *app_.agencies().Create(admin_, a, {});
  }
  Officer MakeOfficer(const Agency& agency, const std::string& id_number = kIdNumber) {
    Officer o;
    o.agency_id = agency.id;
    o.name = "张三";
    o.roles = {OfficerRole::kOfficer};
    return *app_.officers().Create(admin_, o, id_number, {});
  }
  Certificate MakeCertificate(const Officer& officer,
                              absl::CivilDay until = absl::CivilDay(2030, 12, 31)) {
    Certificate c;
    c.number = "NX-T-1";
    c.officer_id = officer.id;
    c.kind = CertificateKind::kEnforcement;
    c.domains = {"market_regulation"};
    c.valid_from = absl::CivilDay(2025, 1, 1);
    c.valid_until = until;
    return *app_.certificates().Issue(admin_, c, {});
  }

  int agencies_made_ = 0;
  FakeClock clock_{absl::FromUnixSeconds(1748736000)};  // 2025-06-01T00:00:00Z
  SequentialIdGenerator ids_;
  Divisions divisions_;
  auth::Authorizer authorizer_;
  std::unique_ptr<crypto::PiiProtector> pii_;
  InMemoryPersonnelStore store_;
  PersonnelApp app_;
};

TEST_F(PersonnelAppTest, RoleIsCheckedBeforeValidationAndLookups) {
  Agency bad;  // empty name, bad division: a reader must not learn that
  EXPECT_THAT(app_.agencies().Create(Caller({auth::Role::kAuditor}, "640000"), bad, {}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ExpectInvalidField(app_.agencies().Create(admin_, bad, {}).status(), "agency.name");
}

TEST_F(PersonnelAppTest, CreateWithTheSameRequestIdReturnsTheFirstRecord) {
  Agency draft;
  draft.name = "银川市生态环境局";
  draft.division_code = "640100";
  draft.domains = {"ecological_environment"};
  ASSERT_OK_AND_ASSIGN(Agency first, app_.agencies().Create(admin_, draft, {"req-1", "hash"}));
  ASSERT_OK_AND_ASSIGN(Agency again, app_.agencies().Create(admin_, draft, {"req-1", "hash"}));
  EXPECT_EQ(again.id, first.id);
  ExpectInvalidField(app_.agencies().Create(admin_, draft, {"req-1", "other"}).status(),
                     "request_id");
  ExpectInvalidField(app_.agencies().Create(admin_, draft, {"no spaces", "h"}).status(),
                     "request_id");
}

TEST_F(PersonnelAppTest, OfficersAreStoredMaskedAndIdNumbersAreUnique) {
  Agency agency = MakeAgency();
  Officer officer = MakeOfficer(agency);
  EXPECT_EQ(officer.id_number_masked, "110105********002X");
  EXPECT_EQ(officer.division_code, "640104");
  Officer again;
  again.agency_id = agency.id;
  again.name = "李四";
  again.roles = {OfficerRole::kOfficer};
  EXPECT_THAT(app_.officers().Create(admin_, again, kIdNumber, {}),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("officer.id_number")));
}

TEST_F(PersonnelAppTest, AnOutsiderIsDeniedAlikeForExistingAndMissingRecords) {
  Officer officer = MakeOfficer(MakeAgency());
  const auth::Principal outsider = Caller({auth::Role::kSupervisor}, "640302");
  const absl::Status existing = app_.officers().Get(outsider, officer.id).status();
  const absl::Status missing = app_.officers().Get(outsider, ids_.NewId()).status();
  EXPECT_THAT(existing, StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(existing, missing);
  EXPECT_OK(app_.officers().Get(Caller({auth::Role::kAuditor}, "640100"), officer.id));
}

TEST_F(PersonnelAppTest, AnAgencyAdminActsOnlyOnItsOwnAgency) {
  Agency mine = MakeAgency();
  Agency other = MakeAgency();
  Officer theirs = MakeOfficer(other);
  const auth::Principal admin = Caller({auth::Role::kAgencyAdmin}, "640104", mine.id);
  EXPECT_THAT(app_.officers().Update(admin, theirs.id, "", std::string("王五"), std::nullopt),
              StatusIs(absl::StatusCode::kPermissionDenied));
  Officer draft;
  draft.agency_id = other.id;
  draft.name = "赵六";
  draft.roles = {OfficerRole::kOfficer};
  EXPECT_THAT(app_.officers().Create(admin, draft, "640104198001010013", {}),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(PersonnelAppTest, UpdatesCheckTheEtagAndNameTheKeysTheyInvalidate) {
  Officer officer = MakeOfficer(MakeAgency());
  ASSERT_OK_AND_ASSIGN(Officer renamed, app_.officers().Update(admin_, officer.id, "\"1\"",
                                                               std::string("李四"), std::nullopt));
  EXPECT_EQ(renamed.name, "李四");
  EXPECT_EQ(renamed.version, 2);
  EXPECT_THAT(app_.officers().Update(admin_, officer.id, "\"1\"", std::string("x"), std::nullopt),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("officer.etag")));
  ExpectInvalidField(
      app_.officers().Update(admin_, officer.id, "1", std::string("x"), std::nullopt).status(),
      "officer.etag");
  EXPECT_THAT(store_.invalidated_keys(), Contains("officer:" + officer.id));
}

TEST_F(PersonnelAppTest, AReplacementCancelsAndLinksTheOldCertificateAtOnce) {
  Officer officer = MakeOfficer(MakeAgency());
  Certificate cert = MakeCertificate(officer, absl::CivilDay(2030, 12, 31));
  ReissueRequest request;
  request.certificate_id = cert.id;
  request.kind = ReissueKind::kReplacement;
  request.number = "NX-REPL-1";
  request.reason = "lost";
  ASSERT_OK_AND_ASSIGN(Certificate replacement, app_.certificates().Reissue(admin_, request, {}));
  EXPECT_EQ(replacement.replaces_id, cert.id);
  EXPECT_EQ(replacement.valid_until, cert.valid_until);
  ASSERT_OK_AND_ASSIGN(Certificate old, app_.certificates().Get(admin_, cert.id));
  EXPECT_EQ(old.state, CertificateState::kCancelled);
  EXPECT_EQ(old.replaced_by_id, replacement.id);
  EXPECT_EQ((*app_.eligibility().Check(admin_, {officer.id}, "market_regulation", std::nullopt))[0]
                .certificate_id,
            replacement.id);
  EXPECT_THAT(store_.invalidated_keys(), Contains("eligibility:" + officer.id));
  // Nothing half-applied when the new number clashes.
  request.certificate_id = replacement.id;
  request.number = "NX-REPL-1";
  EXPECT_THAT(app_.certificates().Reissue(admin_, request, {}),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("number")));
  ASSERT_OK_AND_ASSIGN(Certificate still, app_.certificates().Get(admin_, replacement.id));
  EXPECT_EQ(still.state, CertificateState::kActive);
  EXPECT_TRUE(still.replaced_by_id.empty());
}

TEST_F(PersonnelAppTest, ACorrectedEndDateMakesTheOfficerEligibleAgainAtOnce) {
  Officer officer = MakeOfficer(MakeAgency());
  // Mistyped: the printed certificate runs to 2030, the record said
  // 2025-06-30; found only after it read EXPIRED.
  Certificate cert = MakeCertificate(officer, absl::CivilDay(2025, 6, 30));
  clock_.Advance(absl::Hours(24 * 45));
  auto eligible = [&] {
    return (*app_.eligibility().Check(admin_, {officer.id}, "market_regulation", std::nullopt))[0];
  };
  EXPECT_FALSE(eligible().eligible);
  CorrectionRequest request;
  request.certificate_id = cert.id;
  request.reason = "typed 2025 for 2030";
  request.valid_until = absl::CivilDay(2030, 5, 31);
  ASSERT_OK_AND_ASSIGN(Certificate corrected, app_.certificates().Correct(admin_, request));
  EXPECT_EQ(corrected.state, CertificateState::kActive);
  EXPECT_EQ(corrected.version, cert.version + 1);
  EXPECT_THAT(store_.invalidated_keys(), Contains("eligibility:" + officer.id));
  EXPECT_THAT(store_.invalidated_keys(), Contains("certificate:" + cert.id));
  EXPECT_TRUE(eligible().eligible);
  // A correction that changes nothing writes nothing.
  ASSERT_OK_AND_ASSIGN(Certificate same, app_.certificates().Correct(admin_, request));
  EXPECT_EQ(same.version, corrected.version);
}

TEST_F(PersonnelAppTest, SuspensionMakesTheOfficerIneligibleAndReinstatementRestores) {
  Officer officer = MakeOfficer(MakeAgency());
  Certificate cert = MakeCertificate(officer, absl::CivilDay(2030, 12, 31));
  auto eligible = [&] {
    return (*app_.eligibility().Check(admin_, {officer.id}, "market_regulation", std::nullopt))[0];
  };
  EXPECT_TRUE(eligible().eligible);
  ASSERT_OK(app_.certificates().Transition(admin_, cert.id, CertificateEventKind::kSuspend,
                                           "under investigation", ""));
  EXPECT_EQ(eligible().reason, EligibilityReason::kSuspended);
  EXPECT_THAT(store_.invalidated_keys(), Contains("eligibility:" + officer.id));
  clock_.Advance(absl::Hours(1));
  ASSERT_OK(app_.certificates().Transition(admin_, cert.id, CertificateEventKind::kReinstate,
                                           "cleared", ""));
  EXPECT_TRUE(eligible().eligible);
  // Asked about the suspended hour, the answer is the history's.
  const absl::Time during = absl::FromUnixSeconds(1748736000) + absl::Minutes(30);
  EXPECT_FALSE(
      (*app_.eligibility().Check(admin_, {officer.id}, "market_regulation", during))[0].eligible);
  ASSERT_OK_AND_ASSIGN(std::vector<CertificateEvent> history,
                       app_.certificates().History(admin_, cert.id));
  EXPECT_THAT(history, SizeIs(3));
}

TEST_F(PersonnelAppTest, IllegalTransitionsAreFailedPreconditionsAndExpiryCannotBeAsked) {
  Certificate cert = MakeCertificate(MakeOfficer(MakeAgency()), absl::CivilDay(2030, 12, 31));
  ASSERT_OK(
      app_.certificates().Transition(admin_, cert.id, CertificateEventKind::kRevoke, "fraud", ""));
  EXPECT_THAT(app_.certificates().Transition(admin_, cert.id, CertificateEventKind::kReinstate,
                                             "again", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("REVOKED")));
  EXPECT_THAT(
      app_.certificates().Transition(admin_, cert.id, CertificateEventKind::kExpire, "now", ""),
      StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(PersonnelAppTest, ACertificatePastItsValidityReadsExpired) {
  Certificate cert = MakeCertificate(MakeOfficer(MakeAgency()), absl::CivilDay(2025, 6, 10));
  clock_.Advance(absl::Hours(24 * 30));
  ASSERT_OK_AND_ASSIGN(Certificate read, app_.certificates().Get(admin_, cert.id));
  EXPECT_EQ(read.state, CertificateState::kExpired);
}

TEST_F(PersonnelAppTest, AFailingAssessmentFlagsOfficerAndCertificates) {
  Officer officer = MakeOfficer(MakeAgency());
  Certificate cert = MakeCertificate(officer, absl::CivilDay(2030, 12, 31));
  Assessment a;
  a.officer_id = officer.id;
  a.year = 2024;
  a.result = AssessmentResult::kIncompetent;
  ASSERT_OK(app_.assessments().Record(admin_, a, {}));
  EXPECT_TRUE(app_.officers().Get(admin_, officer.id)->review_required);
  EXPECT_TRUE(app_.certificates().Get(admin_, cert.id)->review_required);
  EXPECT_THAT(app_.assessments().Record(admin_, a, {}),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("assessment.year")));
}

TEST_F(PersonnelAppTest, TrainingCountsTowardTheYearAndPagesWalkTheRecords) {
  Officer officer = MakeOfficer(MakeAgency());
  // 40 hours in 2025, the year the officer was registered (2025-06-01):
  // more than its pro-rata share of 60.
  for (int i = 0; i < 5; ++i) {
    TrainingRecord t;
    t.officer_id = officer.id;
    t.minutes = 8 * 60;
    t.category = TrainingCategory::kBusinessKnowledge;
    t.course = "行政处罚法";
    t.provider = "自治区司法厅";
    t.date = absl::CivilDay(2025, 3, 1 + i);
    ASSERT_OK(app_.training().Record(admin_, t, {}));
  }
  ASSERT_OK_AND_ASSIGN(TrainingSummary summary,
                       app_.training().Summary(admin_, {officer.id, "", ""}, 2025));
  EXPECT_EQ(summary.compliant_officer_count, 1);
  ASSERT_OK_AND_ASSIGN(Page<TrainingRecord> first,
                       app_.training().List(admin_, officer.id, 2025, {3, ""}));
  EXPECT_THAT(first.items, SizeIs(3));
  ASSERT_OK_AND_ASSIGN(Page<TrainingRecord> second,
                       app_.training().List(admin_, officer.id, 2025, {3, first.next_page_token}));
  EXPECT_THAT(second.items, SizeIs(2));
  EXPECT_TRUE(second.next_page_token.empty());
}

TEST_F(PersonnelAppTest, StaffingIsReportedPerAgency) {
  Agency agency = MakeAgency();
  MakeOfficer(agency);
  ASSERT_OK_AND_ASSIGN(StaffingReport report, app_.staffing().Get(admin_, agency.id, ""));
  ASSERT_THAT(report.agencies, SizeIs(1));
  EXPECT_FALSE(report.agencies[0].figures.compliant);  // 1 officer, 0 reviewers, 1 required
  ExpectInvalidField(app_.staffing().Get(admin_, agency.id, "640104").status(), "scope");
}

TEST_F(PersonnelAppTest, EveryChangeIsAudited) {
  Officer officer = MakeOfficer(MakeAgency());
  Certificate cert = MakeCertificate(officer, absl::CivilDay(2030, 12, 31));
  ASSERT_OK(
      app_.certificates().Transition(admin_, cert.id, CertificateEventKind::kSuspend, "r", ""));
  std::vector<std::string> actions;
  for (const AuditEntry& e : store_.audit_log()) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"agency.create", "officer.create",
                                               "certificate.issue", "certificate.suspend"}));
}

TEST_F(PersonnelAppTest, ASupervisorClearsAReviewFlagWithAReasonAndItIsAudited) {
  Officer officer = MakeOfficer(MakeAgency());
  Certificate cert = MakeCertificate(officer);
  Assessment failing;
  failing.officer_id = officer.id;
  failing.year = 2024;
  failing.result = AssessmentResult::kIncompetent;
  ASSERT_OK(app_.assessments().Record(admin_, failing, {}).status());
  ASSERT_OK_AND_ASSIGN(Officer flagged, app_.officers().Get(admin_, officer.id));
  ASSERT_TRUE(flagged.review_required);
  const auth::Principal admin = Caller({auth::Role::kAgencyAdmin}, "640000");
  EXPECT_THAT(app_.officers().ClearReview(admin, officer.id, "复核通过", ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ExpectInvalidField(app_.officers().ClearReview(admin_, officer.id, "", "").status(), "reason");
  EXPECT_THAT(app_.officers().ClearReview(admin_, officer.id, "复核通过", "\"1\""),
              StatusIs(absl::StatusCode::kAborted));
  ASSERT_OK_AND_ASSIGN(Officer cleared,
                       app_.officers().ClearReview(admin_, officer.id, "复核通过", ""));
  EXPECT_FALSE(cleared.review_required);
  ASSERT_OK_AND_ASSIGN(Certificate after, app_.certificates().Get(admin_, cert.id));
  EXPECT_FALSE(after.review_required);
  EXPECT_EQ(after.state, CertificateState::kActive);
  EXPECT_THAT(store_.audit_log(),
              Contains(::testing::Field(&AuditEntry::action, "officer.review_cleared")));
  EXPECT_THAT(app_.officers().ClearReview(admin_, officer.id, "again", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(PersonnelAppTest, ADenialIsAnAuditRowWithCallerMethodAndTarget) {
  const auth::Principal outsider = Caller({auth::Role::kSupervisor}, "640106");
  app_.AuditDenial(outsider, "GetOfficer", "officer-9",
                   absl::PermissionDeniedError("caller may not read this officer"));
  ASSERT_OK_AND_ASSIGN(std::vector<AuditEntry> rows, store_.ListAudit("officer-9"));
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].actor, "tester");
  EXPECT_EQ(rows[0].action, "denied.GetOfficer");
  EXPECT_EQ(rows[0].detail, "caller may not read this officer");
}

}  // namespace
}  // namespace lawenforce::personnel
