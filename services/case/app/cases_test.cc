// Case use cases over the in-memory store and fake personnel directories:
// protected party numbers, eligibility at each act, the legal reviewer,
// personnel-service down, events and audit per act, the record, deadline
// explanations and provisional clocks re-derived.

#include "services/case/app/cases.h"

#include <map>
#include <optional>

#include "common/divisions/divisions.h"
#include "common/store/idempotency.h"
#include "common/testing/principals.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/case/app/benchmarks.h"
#include "services/case/app/case_deadlines.h"
#include "services/case/app/case_records.h"
#include "services/case/app/items.h"
#include "services/case/store/in_memory_case_store.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::Caller;
using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kAgency[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ab";
constexpr char kO1[] = "00000000-0000-4000-8000-000000000001";
constexpr char kO2[] = "00000000-0000-4000-8000-000000000002";
constexpr char kReviewer[] = "00000000-0000-4000-8000-000000000009";
constexpr char kIdNumber[] = "640104198503121231";

class FakeAgencies final : public AgencyDirectory {
 public:
  absl::StatusOr<AgencyInfo> GetAgency(const std::string& id) override {
    if (id != kAgency) return absl::NotFoundError("agency not found");
    return AgencyInfo{kAgency, "640104", {"food_safety"}};
  }
};

class FakeOfficers final : public OfficerDirectory {
 public:
  absl::StatusOr<std::vector<OfficerVerdict>> CheckEligibility(const std::vector<std::string>& ids,
                                                               const std::string&,
                                                               absl::Time at) override {
    if (down) return absl::UnavailableError("personnel-service unavailable: connection refused");
    std::vector<OfficerVerdict> out;
    for (const std::string& id : ids) {
      auto it = revoked_from.find(id);
      const bool revoked = it != revoked_from.end() && at >= it->second;
      out.push_back({id, !revoked, revoked ? "REVOKED" : "ELIGIBLE", "cert-" + id,
                     revoked ? "revoked by the issuing agency" : ""});
    }
    return out;
  }
  absl::StatusOr<OfficerInfo> GetOfficer(const std::string& id) override {
    if (down) return absl::UnavailableError("personnel-service unavailable");
    return OfficerInfo{id, kAgency, id == kReviewer};
  }
  std::map<std::string, absl::Time> revoked_from;
  bool down = false;
};

class CasesTest : public ::testing::Test {
 protected:
  CasesTest()
      : divisions_(*Divisions::LoadFromFile(testing::DivisionsPath())),
        authorizer_(divisions_),
        pii_(*crypto::PiiProtector::Create(std::string(64, 'a'))),
        calendar_(*calendar::WorkingCalendar::LoadFromFile(LAWENFORCE_SOURCE_DIR
                                                           "/data/cn-working-calendar.tsv",
                                                           {.provisional_through_year = 2028})),
        deps_{&store_, &agencies_, &officers_, &authorizer_, pii_.get(),
              &ids_,   &clock_,    &calendar_, &policy_},
        items_(&store_, &agencies_, &authorizer_, pii_.get(), &ids_, &clock_),
        cases_(deps_),
        records_(deps_),
        deadlines_(deps_, &cases_) {}

  void SetUp() override {
    EnforcementItem draft;
    draft.agency_id = kAgency;
    draft.code = "SCJG-CF-001";
    draft.name = "销售不符合食品安全标准的食品";
    draft.legal_basis = "《中华人民共和国食品安全法》第一百二十四条";
    draft.domain = "food_safety";
    draft.kind = ItemKind::kPenalty;
    draft.versions.resize(1);
    draft.versions[0].effective_from = clock_.Now() - absl::Hours(24 * 365);
    ASSERT_OK_AND_ASSIGN(item_, items_.Create(admin_, draft, {}));
  }

  CaseDraft Draft() const {
    CaseDraft d;
    d.agency_id = kAgency;
    d.item_id = item_.id;
    d.parties = {PartyInput{PartyKind::kIndividual, "张三", "", kIdNumber}};
    d.facts = "销售过期食品";
    d.violation_time = clock_.Now() - absl::Hours(48);
    d.officer_ids = {kO1, kO2};
    return d;
  }
  static Act Of(CaseEvent e) {
    Act a;
    a.event = e;
    return a;
  }

  const auth::Principal admin_ = Caller({auth::Role::kSupervisor, auth::Role::kSystem}, "640000");
  const auth::Principal officer_ = Caller({auth::Role::kOfficer}, "640104");
  FakeClock clock_{absl::FromUnixSeconds(1748736000)};  // 2025-06-01 08:00 CST
  SequentialIdGenerator ids_;
  Divisions divisions_;
  auth::Authorizer authorizer_;
  std::unique_ptr<crypto::PiiProtector> pii_;
  calendar::WorkingCalendar calendar_;
  ClockPolicy policy_ = ClockPolicy::Default();
  InMemoryCaseStore store_;
  FakeAgencies agencies_;
  FakeOfficers officers_;
  CaseDeps deps_;
  Items items_;
  Cases cases_;
  CaseRecords records_;
  CaseDeadlines deadlines_;
  EnforcementItem item_;
};

TEST_F(CasesTest, AFiledCaseKeepsThePartysNumberOnlyProtectedAndMasked) {
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.File(officer_, Draft(), {"r-1", "digest"}));
  ASSERT_THAT(b.c.parties, SizeIs(1));
  const ProtectedIdNumber& n = b.c.parties[0].id_number;
  EXPECT_EQ(n.masked, "640104********1231");
  EXPECT_EQ(n.ciphertext.find(kIdNumber), std::string::npos);
  EXPECT_EQ(n.blind_index, pii_->BlindIndex(kIdNumber, "party_id_number"));
  EXPECT_EQ(b.c.division_code, "640104");
  EXPECT_EQ(b.c.state, CaseState::kFiled);
  EXPECT_EQ(b.c.record_length, 1);
  // A retry with the same request replays; the stored hash is not a hash
  // anyone can recompute from a guessed number.
  ASSERT_OK_AND_ASSIGN(CaseBundle again, cases_.File(officer_, Draft(), {"r-1", "digest"}));
  EXPECT_EQ(again.c.id, b.c.id);
  EXPECT_THAT(cases_.File(officer_, Draft(), {"r-1", "other"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store_.events(),
              ::testing::Contains(::testing::Pair("case.file", "cases/" + b.c.id)));
}

TEST_F(CasesTest, ABadNumberIsRefusedNamingTheFieldNotTheNumber) {
  CaseDraft d = Draft();
  d.parties[0].id_number = "640104198503121232";
  absl::Status s = cases_.File(officer_, d, {}).status();
  ExpectInvalidField(s, "case.parties[0].id_number", "check digit");
  EXPECT_EQ(std::string(s.message()).find("640104198503121232"), std::string::npos);
  d = Draft();
  d.parties = {PartyInput{PartyKind::kEnterprise, "某公司", "91640100MA76A1B2CQ", ""}};
  ExpectInvalidField(cases_.File(officer_, d, {}).status(), "case.parties[0].credit_code");
}

TEST_F(CasesTest, RoleComesFirstThenInputThenJurisdiction) {
  CaseDraft bad = Draft();
  bad.facts = "";
  EXPECT_THAT(cases_.File(Caller({auth::Role::kAuditor}, "640000"), bad, {}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ExpectInvalidField(cases_.File(officer_, bad, {}).status(), "case.facts");
  EXPECT_THAT(cases_.File(Caller({auth::Role::kOfficer}, "640302"), Draft(), {}),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(CasesTest, FewerThanTwoEligibleOfficersIsAPreconditionNamingTheOfficerAndReason) {
  officers_.revoked_from[kO2] = clock_.Now() - absl::Hours(1);
  absl::Status s = cases_.File(officer_, Draft(), {}).status();
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kFailedPrecondition,
                          HasSubstr("case.officer_ids[1]: officer " + std::string(kO2))));
  EXPECT_THAT(s.message(), HasSubstr("REVOKED"));
  EXPECT_THAT(s.message(), HasSubstr("1 of 2 officers eligible, at least two"));
}

TEST_F(CasesTest, PersonnelServiceDownIsUnavailableNamingIt) {
  officers_.down = true;
  EXPECT_THAT(cases_.File(officer_, Draft(), {}),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("personnel-service")));
}

TEST_F(CasesTest, EveryLaterActIsJudgedAtItsOwnMoment) {
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.File(officer_, Draft(), {}));
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "", Of(CaseEvent::kStartInvestigation)).status());
  officers_.revoked_from[kO1] = clock_.Now() + absl::Hours(1);
  clock_.Advance(absl::Hours(2));
  Act evidence = Of(CaseEvent::kRecordEvidence);
  evidence.evidence = {{std::string(64, 'a'), "photo", "现场照片"}};
  EXPECT_THAT(cases_.Apply(officer_, b.c.id, "", evidence),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("officer_ids[0]")));
  ASSERT_OK_AND_ASSIGN(CaseBundle now, cases_.Get(officer_, b.c.id));
  EXPECT_EQ(now.c.record_length, 2) << "the refused act left nothing";
}

TEST_F(CasesTest, OnlyALegalReviewerWhoIsNotAHandlingOfficerReviews) {
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.File(officer_, Draft(), {}));
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "", Of(CaseEvent::kStartInvestigation)).status());
  Act submit = Of(CaseEvent::kSubmitForReview);
  submit.decision = Decision{};
  submit.decision->outcome = Outcome::kPenalty;
  submit.decision->sanction = {"", {PenaltyKind::kWarning}, 0};
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "", submit).status());
  Act approve = Of(CaseEvent::kApproveReview);
  approve.reviewer_officer_id = kReviewer;
  approve.reason = "同意";
  EXPECT_THAT(cases_.Apply(officer_, b.c.id, "", approve),
              StatusIs(absl::StatusCode::kPermissionDenied));
  const auth::Principal reviewer = Caller({auth::Role::kLegalReviewer}, "640104");
  Act not_reviewer = approve;
  not_reviewer.reviewer_officer_id = "00000000-0000-4000-8000-000000000005";
  EXPECT_THAT(cases_.Apply(reviewer, b.c.id, "", not_reviewer),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("legal-reviewer role")));
  ASSERT_OK_AND_ASSIGN(CaseBundle reviewed, cases_.Apply(reviewer, b.c.id, "", approve));
  EXPECT_EQ(reviewed.c.review->reviewer_officer_id, kReviewer);
}

TEST_F(CasesTest, AStaleEtagIsAborted) {
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.File(officer_, Draft(), {}));
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "\"1\"", Of(CaseEvent::kStartInvestigation)).status());
  Act w = Of(CaseEvent::kWithdraw);
  w.reason = "不予立案";
  EXPECT_THAT(cases_.Apply(admin_, b.c.id, "\"1\"", w), StatusIs(absl::StatusCode::kAborted));
}

TEST_F(CasesTest, EveryActWritesItsEventAuditRowAndRecordEntry) {
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.File(officer_, Draft(), {}));
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "", Of(CaseEvent::kStartInvestigation)).status());
  Act w = Of(CaseEvent::kWithdraw);
  w.reason = "违法事实不能成立";
  ASSERT_OK(cases_.Apply(admin_, b.c.id, "", w).status());
  std::vector<std::string> types;
  for (const auto& [type, name] : store_.events()) {
    if (name == "cases/" + b.c.id) types.push_back(type);
  }
  EXPECT_THAT(types,
              ::testing::ElementsAre("case.file", "case.start_investigation", "case.withdraw"));
  ASSERT_OK_AND_ASSIGN(CaseRecord record, records_.Get(officer_, b.c.id));
  ASSERT_THAT(record.entries, SizeIs(3));
  EXPECT_EQ(record.entries[2].action, "withdraw");
  for (const RecordEntry& e : record.entries) {
    EXPECT_EQ(e.summary.find(kIdNumber), std::string::npos);
  }
}

TEST_F(CasesTest, VerificationFindsATamperedEntry) {
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.File(officer_, Draft(), {}));
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "", Of(CaseEvent::kStartInvestigation)).status());
  ASSERT_OK_AND_ASSIGN(Verification ok, records_.Verify(officer_, b.c.id, std::nullopt));
  EXPECT_TRUE(ok.intact);
  store_.TamperRecord(b.c.id, 1, "filed under another item");
  ASSERT_OK_AND_ASSIGN(Verification bad, records_.Verify(officer_, b.c.id, std::nullopt));
  EXPECT_FALSE(bad.intact);
  EXPECT_EQ(bad.first_bad_seq, 1);
}

TEST_F(CasesTest, TheDecisionClockIsExplainedStepByStep) {
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.File(officer_, Draft(), {}));
  Act pause = Of(CaseEvent::kPauseClock);
  pause.clock = ClockKind::kDecision;
  pause.pause_reason = PauseReason::kTestingAppraisal;
  pause.reason = "样品送检";
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "", pause).status());
  ASSERT_OK_AND_ASSIGN(DeadlineExplanation e,
                       deadlines_.Explain(officer_, b.c.id, ClockKind::kDecision));
  EXPECT_STREQ(e.rule.basis, "APL art. 60 (extension with the agency head's approval)");
  ASSERT_THAT(e.computation.steps, SizeIs(2));
  EXPECT_THAT(e.computation.steps[1].what, HasSubstr("testing and appraisal"));
  EXPECT_TRUE(e.computation.paused);
  EXPECT_THAT(deadlines_.Explain(officer_, b.c.id, ClockKind::kPublicity),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("has not started")));
}

TEST_F(CasesTest, ProvisionalClocksAreReDerivedWhenTheOfficialRowsArrive) {
  clock_.SetTime(absl::FromCivil(absl::CivilSecond(2026, 12, 20, 10, 0, 0), ChinaTimeZone()));
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.File(officer_, Draft(), {}));
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "", Of(CaseEvent::kStartInvestigation)).status());
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "", Of(CaseEvent::kNotify)).status());
  ASSERT_OK_AND_ASSIGN(DeadlineExplanation before,
                       deadlines_.Explain(officer_, b.c.id, ClockKind::kHearingRequest));
  EXPECT_FALSE(before.clock.provisional) << "5 working days from 12-20 stay in 2026";
  clock_.SetTime(absl::FromCivil(absl::CivilSecond(2026, 12, 28, 10, 0, 0), ChinaTimeZone()));
  Act pause = Of(CaseEvent::kRequestHearing);
  pause.hearing_at = clock_.Now() + absl::Hours(24 * 20);
  ASSERT_OK(cases_.Apply(officer_, b.c.id, "", pause).status());
  ASSERT_OK_AND_ASSIGN(DeadlineExplanation notice,
                       deadlines_.Explain(officer_, b.c.id, ClockKind::kHearingNotice));
  EXPECT_TRUE(notice.computation.provisional);
  // The same store read by a process that loaded the official 2027 rows.
  std::string tsv =
      "date\tkind\tholiday\n2026-01-01\tholiday\t元旦\n2027-01-01\tholiday\t元旦\n"
      "2027-01-04\tholiday\t元旦\n";
  ASSERT_OK_AND_ASSIGN(calendar::WorkingCalendar official,
                       calendar::WorkingCalendar::LoadFromString(tsv));
  CaseDeps next = deps_;
  next.calendar = &official;
  Cases next_cases(next);
  CaseDeadlines next_deadlines(next, &next_cases);
  ASSERT_OK_AND_ASSIGN(int changed, next_deadlines.RederiveProvisional("2027 notice added"));
  EXPECT_EQ(changed, 0) << "the hearing notice was met: its judgement stands";
}

TEST_F(CasesTest, BenchmarksAreReadableByEveryAuthenticatedCaller) {
  BenchmarkVersion draft;
  draft.basis = "宁夏市场监管行政处罚裁量权基准（2025）";
  draft.levels = {{"general", "一般", {PenaltyKind::kFine}, 50000, 500000, false}};
  draft.effective_from = absl::InfinitePast();
  Benchmarks benchmarks(deps_);
  ASSERT_OK_AND_ASSIGN(BenchmarkVersion b, benchmarks.Publish(admin_, item_.id, draft));
  EXPECT_EQ(b.number, 1);
  const auth::Principal far = Caller({auth::Role::kAuditor}, "640302");
  ASSERT_OK_AND_ASSIGN(BenchmarkVersion read, benchmarks.Get(far, item_.id, std::nullopt));
  EXPECT_EQ(read.levels[0].max_fine_fen, 500000);
  EXPECT_THAT(benchmarks.Publish(Caller({auth::Role::kAgencyAdmin}, "640302"), item_.id, draft),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

// ---- ingestion (docs/api/cases.md "Ingestion")

class CaseImportTest : public CasesTest {
 protected:
  const auth::Principal system_ = Caller({auth::Role::kSystem}, "640104");

  // A source record filed `days_ago` with the given acts, each an hour
  // after the one before.
  ImportedCaseInput Record(const std::string& source_id, std::vector<CaseEvent> events,
                           int days_ago = 10) const {
    ImportedCaseInput in;
    in.source_id = source_id;
    CaseDraft d = Draft();
    const absl::Time filed = clock_.Now() - absl::Hours(24 * days_ago);
    d.violation_time = filed - absl::Hours(48);
    in.draft = d;
    in.filed_at = filed;
    in.canonical_filing = absl::StrCat("filing:", source_id);
    absl::Time t = filed;
    for (CaseEvent e : events) {
      t += absl::Hours(1);
      in.acts.push_back(ActAt(e, t));
    }
    return in;
  }
  static ImportedActInput ActAt(CaseEvent e, absl::Time t) {
    Act a;
    a.event = e;
    a.now = t;
    if (e == CaseEvent::kRecordEvidence) a.evidence = {{std::string(64, 'a'), "photo", "现场照片"}};
    return {a, CaseEventName(e), absl::StrCat(CaseEventName(e), "@", absl::ToUnixSeconds(t))};
  }
  std::vector<ImportRecordResult> Import(std::vector<ImportedCaseInput> records,
                                         bool validate_only = false) {
    absl::StatusOr<std::vector<ImportRecordResult>> out =
        cases_.Import(system_, "nx-amr-cms", std::move(records), validate_only);
    EXPECT_TRUE(out.ok()) << out.status();
    return out.ok() ? *out : std::vector<ImportRecordResult>{};
  }
};

TEST_F(CaseImportTest, TheSameBatchTwiceChangesNothing) {
  const std::vector<ImportedCaseInput> batch = {
      Record("AJ-1", {CaseEvent::kStartInvestigation, CaseEvent::kRecordEvidence}),
      Record("AJ-2", {})};
  std::vector<ImportRecordResult> first = Import(batch);
  ASSERT_THAT(first, SizeIs(2));
  ASSERT_OK(first[0].error);
  EXPECT_EQ(first[0].outcome, ImportOutcome::kCreated);
  EXPECT_EQ(first[0].acts_applied, 2);
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.Get(officer_, first[0].resource_id));
  EXPECT_EQ(b.c.state, CaseState::kInvestigating);
  EXPECT_EQ(b.c.record_length, 3);
  ASSERT_TRUE(b.c.source.has_value());
  EXPECT_EQ(b.c.source->system, "nx-amr-cms");
  EXPECT_EQ(b.c.source->id, "AJ-1");
  // Filed at the source's moment, its clocks from then.
  EXPECT_EQ(b.c.filed_at, clock_.Now() - absl::Hours(240));
  ASSERT_OK_AND_ASSIGN(std::vector<RecordEntry> record, store_.GetRecord(b.c.id));
  EXPECT_THAT(record[0].summary, HasSubstr("imported from nx-amr-cms/AJ-1"));
  EXPECT_EQ(record[2].time, clock_.Now() - absl::Hours(240) + absl::Hours(2));
  const size_t events = store_.events().size();
  const size_t audit = store_.audit_log().size();

  clock_.Advance(absl::Minutes(5));
  std::vector<ImportRecordResult> again = Import(batch);
  ASSERT_THAT(again, SizeIs(2));
  for (const ImportRecordResult& r : again) {
    ASSERT_OK(r.error);
    EXPECT_EQ(r.outcome, ImportOutcome::kUnchanged);
    EXPECT_EQ(r.acts_applied, 0);
  }
  EXPECT_EQ(again[0].resource_id, first[0].resource_id);
  EXPECT_EQ(store_.events().size(), events);
  EXPECT_EQ(store_.audit_log().size(), audit);
}

TEST_F(CaseImportTest, AnUpdatedRecordConvergesOnOneCase) {
  std::vector<ImportRecordResult> first = Import({Record("AJ-1", {})});
  ASSERT_OK(first[0].error);
  std::vector<ImportRecordResult> later =
      Import({Record("AJ-1", {CaseEvent::kStartInvestigation, CaseEvent::kRecordEvidence})});
  ASSERT_OK(later[0].error);
  EXPECT_EQ(later[0].outcome, ImportOutcome::kUpdated);
  EXPECT_EQ(later[0].acts_applied, 2);
  EXPECT_EQ(later[0].resource_id, first[0].resource_id);
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.Get(officer_, first[0].resource_id));
  EXPECT_EQ(b.c.state, CaseState::kInvestigating);
  EXPECT_EQ(b.c.record_length, 3);
  ASSERT_OK_AND_ASSIGN(app::Page<Case> all, cases_.List(officer_, {}, {}));
  EXPECT_THAT(all.items, SizeIs(1));
  // An act imported before cannot change, nor can the filing.
  ImportedCaseInput changed = Record("AJ-1", {CaseEvent::kStartInvestigation});
  changed.acts[0].canonical = "something else";
  std::vector<ImportRecordResult> refused = Import({changed});
  EXPECT_THAT(refused[0].error,
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("acts[0]")));
  ImportedCaseInput refiled = Record("AJ-1", {});
  refiled.canonical_filing = "another filing";
  EXPECT_THAT(Import({refiled})[0].error,
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("case:")));
}

TEST_F(CaseImportTest, EachRecordIsCheckedAsALiveOneNamingItsField) {
  ImportedCaseInput bad_number = Record("AJ-1", {});
  bad_number.draft->parties[0].id_number = "640104198503121232";
  ImportedCaseInput early = Record("AJ-2", {CaseEvent::kStartInvestigation});
  early.acts[0].act->now = *early.filed_at - absl::Minutes(1);
  ImportedCaseInput unreadable = Record("AJ-3", {});
  unreadable.acts.push_back({InvalidField("decision", "required"), "decide_case", "x"});
  ImportedCaseInput future = Record("AJ-4", {});
  future.filed_at = clock_.Now() + absl::Hours(1);
  ImportedCaseInput wrong_state = Record("AJ-5", {CaseEvent::kPublish});
  std::vector<ImportRecordResult> r =
      Import({bad_number, early, unreadable, future, wrong_state, Record("AJ-6", {})});
  ASSERT_THAT(r, SizeIs(6));
  ExpectInvalidField(r[0].error, "case.parties[0].id_number", "check digit");
  EXPECT_EQ(std::string(r[0].error.message()).find("640104198503121232"), std::string::npos);
  ExpectInvalidField(r[1].error, "acts[0].act_time", "before the case's file_time");
  ExpectInvalidField(r[2].error, "acts[0].decide_case.decision", "required");
  ExpectInvalidField(r[3].error, "case.file_time", "future");
  EXPECT_THAT(r[4].error, StatusIs(absl::StatusCode::kFailedPrecondition,
                                   HasSubstr("acts[0].publish_decision")));
  // The good record is imported; the bad ones left nothing behind.
  ASSERT_OK(r[5].error);
  EXPECT_EQ(r[5].outcome, ImportOutcome::kCreated);
  ASSERT_OK_AND_ASSIGN(app::Page<Case> all, cases_.List(officer_, {}, {}));
  EXPECT_THAT(all.items, SizeIs(1));
}

TEST_F(CaseImportTest, OfficersAreJudgedAtEachActsMomentAndARecordIsWholeOrNothing) {
  ImportedCaseInput in =
      Record("AJ-1", {CaseEvent::kStartInvestigation, CaseEvent::kRecordEvidence});
  // Revoked between the two acts: the second is refused, and so the record.
  officers_.revoked_from[kO1] = in.acts[0].act->now + absl::Minutes(30);
  std::vector<ImportRecordResult> r = Import({in});
  EXPECT_THAT(r[0].error, StatusIs(absl::StatusCode::kFailedPrecondition,
                                   HasSubstr("acts[1].record_evidence: officer_ids[0]")));
  EXPECT_TRUE(r[0].resource_id.empty());
  ASSERT_OK_AND_ASSIGN(app::Page<Case> all, cases_.List(officer_, {}, {}));
  EXPECT_THAT(all.items, SizeIs(0));
  // Without the second act the record is fine: it was all true then.
  in.acts.pop_back();
  ASSERT_OK(Import({in})[0].error);
}

TEST_F(CaseImportTest, DeadlinesThatPassedBetweenActsFireInBetween) {
  // Filed 200 days ago; decided yesterday: the 90-day decision clock ran
  // out in between and fired at its due moment, as the engine would have.
  ImportedCaseInput in = Record("AJ-1", {CaseEvent::kStartInvestigation}, 200);
  ImportedActInput evidence = ActAt(CaseEvent::kRecordEvidence, clock_.Now() - absl::Hours(24));
  in.acts.push_back(evidence);
  std::vector<ImportRecordResult> r = Import({in});
  ASSERT_OK(r[0].error);
  ASSERT_OK_AND_ASSIGN(std::vector<RecordEntry> record, store_.GetRecord(r[0].resource_id));
  std::vector<std::string> actions;
  for (const RecordEntry& e : record) actions.push_back(e.action);
  EXPECT_THAT(actions, ::testing::ElementsAre("file", "start_investigation", "clock_overdue",
                                              "record_evidence"));
  ASSERT_OK_AND_ASSIGN(CaseBundle b, cases_.Get(officer_, r[0].resource_id));
  EXPECT_TRUE(b.c.overdue);
}

TEST_F(CaseImportTest, ImportedFactsCountFromTheImportSoAClosedPeriodStays) {
  ASSERT_OK(Import({Record("AJ-1", {CaseEvent::kStartInvestigation})})[0].error);
  ASSERT_OK_AND_ASSIGN(std::vector<CaseFacts> before,
                       store_.ListLatestFacts({}, clock_.Now() - absl::Seconds(1)));
  EXPECT_THAT(before, SizeIs(0)) << "figures as at a moment before the import do not change";
  ASSERT_OK_AND_ASSIGN(std::vector<CaseFacts> after,
                       store_.ListLatestFacts({}, clock_.Now() + absl::Seconds(1)));
  ASSERT_THAT(after, SizeIs(1));
  EXPECT_EQ(after[0].state, CaseState::kInvestigating);
  EXPECT_EQ(after[0].filed_at, clock_.Now() - absl::Hours(240));
}

TEST_F(CaseImportTest, ValidateOnlyWritesNothingAndSaysWhatWouldHappen) {
  const size_t events = store_.events().size();
  std::vector<ImportRecordResult> r =
      Import({Record("AJ-1", {CaseEvent::kStartInvestigation})}, /*validate_only=*/true);
  ASSERT_OK(r[0].error);
  EXPECT_EQ(r[0].outcome, ImportOutcome::kCreated);
  EXPECT_TRUE(r[0].resource_id.empty());
  EXPECT_EQ(store_.events().size(), events);
  ASSERT_OK(Import({Record("AJ-1", {CaseEvent::kStartInvestigation})})[0].error);
}

TEST_F(CaseImportTest, TheCallIsRefusedWholeForRoleSourceBatchAndReach) {
  const size_t events = store_.events().size();
  EXPECT_THAT(cases_.Import(officer_, "nx-amr-cms", {Record("AJ-1", {})}, false),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ExpectInvalidField(cases_.Import(system_, "NX CMS", {Record("AJ-1", {})}, false).status(),
                     "source_system");
  ExpectInvalidField(cases_.Import(system_, "nx-amr-cms", {}, false).status(), "cases");
  const auth::Principal outsider = Caller({auth::Role::kSystem}, "640302");
  EXPECT_THAT(
      cases_.Import(outsider, "nx-amr-cms", {Record("AJ-1", {}), Record("AJ-2", {})}, false),
      StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("cases[0]")));
  EXPECT_EQ(store_.events().size(), events);
  // The same record twice in one call: the second is refused.
  std::vector<ImportRecordResult> r = Import({Record("AJ-1", {}), Record("AJ-1", {})});
  ASSERT_OK(r[0].error);
  ExpectInvalidField(r[1].error, "source_id", "cases[0]");
}

}  // namespace
}  // namespace lawenforce::cases
