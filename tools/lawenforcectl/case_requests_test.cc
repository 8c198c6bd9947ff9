#include "tools/lawenforcectl/case_requests.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/lawenforcectl/test_util.h"

namespace lawenforce::ctl {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

RequestContext MakeContext() {
  RequestContext context;
  context.request_id = "req-1";
  return context;
}

const RequestContext kContext = MakeContext();

// A context whose stdin and files hold `stdin_text` / `file_text`.
RequestContext WithInput(std::string stdin_text, std::string file_text = "") {
  RequestContext context = MakeContext();
  context.read_stdin = [stdin_text]() -> absl::StatusOr<std::string> { return stdin_text; };
  context.read_file = [file_text](const std::string& path) -> absl::StatusOr<std::string> {
    if (path != "/run/secrets/ids") return absl::NotFoundError("cannot read " + path);
    return file_text;
  };
  return context;
}

TEST(ItemCreateTest, BuildsTheExpectedRequest) {
  ASSERT_OK_AND_ASSIGN(
      Args args,
      Parse("item", "create",
            {"--agency", "a-1", "--code", "scjg-cf-001", "--name", "销售不符合食品安全标准的食品",
             "--kind", "penalty", "--legal-basis", "《食品安全法》第一百二十四条", "--domain",
             "food_safety", "--major", "--effective-from", "2020-01-01T00:00:00+08:00"}));
  EXPECT_THAT(BuildCreateItem(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                item {
                  agency_id: "a-1"
                  code: "scjg-cf-001"
                  name: "销售不符合食品安全标准的食品"
                  kind: ITEM_KIND_PENALTY
                  legal_basis: "《食品安全法》第一百二十四条"
                  domain: "food_safety"
                  major: true
                  effective_from { seconds: 1577808000 }
                }
                request_id: "req-1"
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("item", "create",
                                       {"--agency", "a", "--code", "c", "--name", "n", "--kind",
                                        "PENALTY", "--legal-basis", "l", "--domain", "d"}));
  EXPECT_THAT(BuildCreateItem(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--kind: want one of penalty|coercion|inspection|other, got \"PENALTY\""));
}

TEST(ItemReviseTest, KeepsWhatIsNotGivenFromTheLatestVersionAndSendsTheEtagRead) {
  cv1::EnforcementItem current;
  current.set_id("i-1");
  current.set_etag("\"3\"");
  cv1::ItemVersion* v1 = current.add_versions();
  v1->set_name("old");
  cv1::ItemVersion* v2 = current.add_versions();
  v2->set_name("旧名称");
  v2->set_legal_basis("旧依据");
  v2->set_major(true);
  v2->set_delegated_to_townships(true);
  ASSERT_OK_AND_ASSIGN(Args args, Parse("item", "revise",
                                        {"i-1", "--reason", "法律修订", "--legal-basis", "新依据",
                                         "--major=false"}));
  EXPECT_THAT(BuildReviseItem(args, kContext, current), IsOkAndHolds(EqualsProto(R"pb(
                id: "i-1"
                etag: "\"3\""
                version {
                  name: "旧名称"
                  legal_basis: "新依据"
                  major: false
                  delegated_to_townships: true
                  reason: "法律修订"
                }
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args with_etag,
                       Parse("item", "revise", {"i-1", "--reason", "r", "--etag", "\"2\""}));
  ASSERT_OK_AND_ASSIGN(cv1::ReviseItemRequest r, BuildReviseItem(with_etag, kContext, current));
  EXPECT_EQ(r.etag(), "\"2\"");
  EXPECT_THAT(Parse("item", "revise", {"i-1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --reason"));
}

TEST(BenchmarkPublishTest, LevelsComeAsJsonFromStdinOrAFile) {
  const std::string levels = R"([{"code": "general", "description": "一般",
      "allowed_kinds": ["PENALTY_KIND_WARNING", "PENALTY_KIND_FINE"],
      "min_fine_fen": "50000", "max_fine_fen": 500000}])";
  ASSERT_OK_AND_ASSIGN(
      Args args, Parse("benchmark", "publish",
                       {"--item", "i-1", "--basis", "宁夏市场监管裁量基准", "--levels-file", "-"}));
  EXPECT_THAT(BuildPublishBenchmark(args, WithInput(levels)), IsOkAndHolds(EqualsProto(R"pb(
                item_id: "i-1"
                benchmark {
                  basis: "宁夏市场监管裁量基准"
                  levels {
                    code: "general"
                    description: "一般"
                    allowed_kinds: PENALTY_KIND_WARNING
                    allowed_kinds: PENALTY_KIND_FINE
                    min_fine_fen: 50000
                    max_fine_fen: 500000
                  }
                }
              )pb")));
  // A benchmark as `benchmark get --output json` prints it: only its levels count.
  const std::string printed = R"({"item_id": "x", "number": "4", "basis": "old",
      "levels": [{"code": "minor", "description": "轻微", "first_violation_exempt": true}]})";
  ASSERT_OK_AND_ASSIGN(Args from_file, Parse("benchmark", "publish",
                                             {"--item", "i-1", "--basis", "b", "--levels-file",
                                              "/run/secrets/ids"}));
  ASSERT_OK_AND_ASSIGN(cv1::PublishBenchmarkRequest p,
                       BuildPublishBenchmark(from_file, WithInput("", printed)));
  EXPECT_EQ(p.benchmark().basis(), "b");
  ASSERT_EQ(p.benchmark().levels_size(), 1);
  EXPECT_TRUE(p.benchmark().levels(0).first_violation_exempt());
  EXPECT_EQ(p.benchmark().number(), 0);
  EXPECT_THAT(BuildPublishBenchmark(args, WithInput("[{\"code\": 1, \"colour\": 2}]")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--levels-file: want")));
  EXPECT_THAT(BuildPublishBenchmark(args, WithInput("[]")),
              StatusIs(absl::StatusCode::kInvalidArgument, "--levels-file: no levels"));
}

TEST(CaseFileTest, PartiesInOrderWithTheirNumbersFromStdin) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("case", "file",
                                        {"--agency",
                                         "a-1",
                                         "--item",
                                         "i-1",
                                         "--facts",
                                         "销售超过保质期的食品",
                                         "--violation-time",
                                         "2025-03-01T09:30:00+08:00",
                                         "--officer",
                                         "o-1",
                                         "--officer",
                                         "o-2",
                                         "--party",
                                         "individual:张三",
                                         "--party",
                                         "enterprise:宁夏某某食品有限公司:91640100MA76XXXX1K",
                                         "--party",
                                         "individual:李四",
                                         "--id-number",
                                         "-",
                                         "--first-violation",
                                         "--request-id",
                                         "r-1"}));
  EXPECT_THAT(
      BuildFileCase(args, WithInput("64010419900101123X\n\n  11010519491231002X \n")),
      IsOkAndHolds(EqualsProto(R"pb(
        case {
          agency_id: "a-1"
          item_id: "i-1"
          facts: "销售超过保质期的食品"
          violation_time { seconds: 1740792600 }
          first_violation: true
          officer_ids: "o-1"
          officer_ids: "o-2"
          parties { kind: PARTY_KIND_INDIVIDUAL name: "张三" id_number: "64010419900101123X" }
          parties {
            kind: PARTY_KIND_ENTERPRISE
            name: "宁夏某某食品有限公司"
            credit_code: "91640100MA76XXXX1K"
          }
          parties { kind: PARTY_KIND_INDIVIDUAL name: "李四" id_number: "11010519491231002X" }
        }
        request_id: "req-1"
      )pb")));
}

TEST(CaseFileTest, NumbersAreCountedNeverEchoedAndNeededForIndividuals) {
  const std::vector<std::string> base = {
      "--agency",  "a",   "--item",           "i",
      "--facts",   "f",   "--violation-time", "2025-03-01T09:30:00+08:00",
      "--officer", "o-1", "--officer",        "o-2"};
  const auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> tokens = base;
    tokens.insert(tokens.end(), more.begin(), more.end());
    return Parse("case", "file", tokens);
  };
  ASSERT_OK_AND_ASSIGN(Args two_for_one, with({"--party", "individual:张三", "--id-number-file",
                                               "/run/secrets/ids"}));
  EXPECT_THAT(BuildFileCase(two_for_one, WithInput("", "64010419900101123X\n11010519491231002X\n")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("2 identity-card number(s) for 1 individual party"),
                             Not(HasSubstr("64010419900101123X")))));
  ASSERT_OK_AND_ASSIGN(Args none, with({"--party", "individual:张三"}));
  EXPECT_THAT(BuildFileCase(none, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--id-number - (stdin) or --id-number-file PATH")));
  ASSERT_OK_AND_ASSIGN(
      Args enterprise_only,
      with({"--party", "enterprise:某公司:91640100MA76XXXX1K", "--id-number", "-"}));
  EXPECT_THAT(BuildFileCase(enterprise_only, WithInput("x")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no individual --party")));
  ASSERT_OK_AND_ASSIGN(Args bad_party, with({"--party", "enterprise:no-code"}));
  EXPECT_THAT(BuildFileCase(bad_party, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--party: want individual:NAME or enterprise:NAME:CREDIT_CODE")));
  ASSERT_OK_AND_ASSIGN(Args missing_file,
                       with({"--party", "individual:张三", "--id-number-file", "/nope"}));
  EXPECT_THAT(BuildFileCase(missing_file, WithInput("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--id-number-file")));
}

TEST(CaseListTest, FiltersIncludingFalseOptionalsAndTimeRanges) {
  ASSERT_OK_AND_ASSIGN(Args args,
                       Parse("case", "list",
                             {"--division", "640100", "--state", "closed", "--officer", "o-1",
                              "--overdue=false", "--enterprise-party", "--filed-after",
                              "2025-01-01T00:00:00+08:00", "--page-size", "10"}));
  EXPECT_THAT(BuildListCases(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                division_code: "640100"
                state: CASE_STATE_CLOSED
                officer_id: "o-1"
                overdue: false
                enterprise_party: true
                filed_after { seconds: 1735660800 }
                page_size: 10
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args plain, Parse("case", "list", {}));
  ASSERT_OK_AND_ASSIGN(cv1::ListCasesRequest r, BuildListCases(plain, kContext));
  EXPECT_FALSE(r.has_overdue());
  EXPECT_FALSE(r.has_filed_before());
}

TEST(CaseStatsTest, ThePeriodIsRequiredAndTheScopeOptional) {
  ASSERT_OK_AND_ASSIGN(
      Args args,
      Parse("case", "stats", {"--agency", "a-1", "--from", "2025-01-01", "--to", "2025-12-31"}));
  EXPECT_THAT(BuildGetCaseStatistics(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                agency_id: "a-1"
                start_date { year: 2025 month: 1 day: 1 }
                end_date { year: 2025 month: 12 day: 31 }
              )pb")));
  EXPECT_THAT(Parse("case", "stats", {"--from", "2025-01-01"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --to"));
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("case", "stats", {"--from", "2025-13-01", "--to", "x"}));
  EXPECT_THAT(BuildGetCaseStatistics(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--from")));
}

TEST(CaseActTest, EveryActTakesTheCommonFields) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("case", "close",
                                        {"c-1", "--etag", "\"7\"", "--reason", "结案", "--officer",
                                         "o-1", "--officer", "o-2"}));
  EXPECT_THAT(BuildCaseAct(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                case_id: "c-1"
                etag: "\"7\""
                reason: "结案"
                officer_ids: "o-1"
                officer_ids: "o-2"
              )pb")));
  EXPECT_THAT(Parse("case", "withdraw", {"c-1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --reason"));
  ASSERT_OK_AND_ASSIGN(
      Args evidence,
      Parse("case", "record-evidence",
            {"c-1", "--evidence",
             "ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789:photo:现场: 照片"}));
  EXPECT_THAT(BuildRecordEvidence(evidence, kContext), IsOkAndHolds(EqualsProto(R"pb(
                act { case_id: "c-1" }
                evidence {
                  sha256: "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
                  kind: "photo"
                  description: "现场: 照片"
                }
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args short_hash,
                       Parse("case", "record-evidence", {"c-1", "--evidence", "abc:photo:x"}));
  EXPECT_THAT(BuildRecordEvidence(short_hash, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("64 hex digits")));
}

TEST(CaseDecideTest, DecisionFlags) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("case", "decide",
                                        {"c-1", "--outcome", "penalty", "--circumstance", "general",
                                         "--penalty", "warning", "--penalty", "fine", "--fine-fen",
                                         "300000", "--publish=false", "--served-on-the-spot"}));
  EXPECT_THAT(BuildDecideCase(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                act { case_id: "c-1" }
                decision {
                  outcome: OUTCOME_PENALTY
                  circumstance: "general"
                  penalty_kinds: PENALTY_KIND_WARNING
                  penalty_kinds: PENALTY_KIND_FINE
                  fine_fen: 300000
                  publish: false
                }
                served_on_the_spot: true
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args bad_fine, Parse("case", "decide",
                                            {"c-1", "--outcome", "penalty", "--fine-fen", "30.5"}));
  EXPECT_THAT(BuildDecideCase(bad_fine, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--fine-fen: want")));
  ASSERT_OK_AND_ASSIGN(Args review, Parse("case", "complete-review",
                                          {"c-1", "--outcome", "returned", "--reviewer", "r-1",
                                           "--opinion", "证据不足"}));
  EXPECT_THAT(BuildCompleteLegalReview(review, kContext), IsOkAndHolds(EqualsProto(R"pb(
                act { case_id: "c-1" }
                outcome: REVIEW_OUTCOME_RETURNED
                reviewer_officer_id: "r-1"
                opinion: "证据不足"
              )pb")));
}

TEST(CaseChangeDecisionTest, RevokeSendsNoDecision) {
  ASSERT_OK_AND_ASSIGN(
      Args revoke, Parse("case", "change-decision", {"c-1", "--reason", "复议撤销", "--revoke"}));
  ASSERT_OK_AND_ASSIGN(cv1::ChangeDecisionRequest r, BuildChangeDecision(revoke, kContext));
  EXPECT_FALSE(r.has_decision());
  EXPECT_EQ(r.act().reason(), "复议撤销");
  ASSERT_OK_AND_ASSIGN(Args both,
                       Parse("case", "change-decision",
                             {"c-1", "--reason", "r", "--revoke", "--outcome", "penalty"}));
  EXPECT_THAT(BuildChangeDecision(both, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("only one of")));
  ASSERT_OK_AND_ASSIGN(
      Args change,
      Parse("case", "change-decision", {"c-1", "--reason", "r", "--outcome", "no_penalty_minor"}));
  ASSERT_OK_AND_ASSIGN(cv1::ChangeDecisionRequest c, BuildChangeDecision(change, kContext));
  EXPECT_EQ(c.decision().outcome(), cv1::OUTCOME_NO_PENALTY_MINOR);
}

TEST(CaseTransferTest, ApproveOrDeclineWithAReason) {
  ASSERT_OK_AND_ASSIGN(Args approve, Parse("case", "decide-transfer", {"c-1", "--approve"}));
  EXPECT_THAT(BuildDecideTransfer(approve, kContext),
              IsOkAndHolds(EqualsProto(R"pb(act { case_id: "c-1" }
                                            approved: true)pb")));
  ASSERT_OK_AND_ASSIGN(Args decline, Parse("case", "decide-transfer", {"c-1", "--decline"}));
  EXPECT_THAT(BuildDecideTransfer(decline, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, "--decline needs --reason"));
  ASSERT_OK_AND_ASSIGN(Args neither, Parse("case", "decide-transfer", {"c-1"}));
  EXPECT_THAT(BuildDecideTransfer(neither, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--approve | --decline")));
  ASSERT_OK_AND_ASSIGN(Args report,
                       Parse("case", "report-crime",
                             {"c-1", "--reason", "涉嫌生产销售伪劣产品罪", "--recipient", "police",
                              "--recipient-name", "银川市公安局兴庆区分局"}));
  EXPECT_THAT(BuildReportSuspectedCrime(report, kContext), IsOkAndHolds(EqualsProto(R"pb(
                act { case_id: "c-1" reason: "涉嫌生产销售伪劣产品罪" }
                recipient: TRANSFER_RECIPIENT_POLICE
                recipient_name: "银川市公安局兴庆区分局"
              )pb")));
}

TEST(CaseClockTest, PauseExtendAndExplain) {
  ASSERT_OK_AND_ASSIGN(Args pause, Parse("case", "pause-clock",
                                         {"c-1", "--clock", "decision", "--pause-reason",
                                          "testing_appraisal", "--reason", "送检"}));
  EXPECT_THAT(BuildPauseClock(pause, kContext), IsOkAndHolds(EqualsProto(R"pb(
                act { case_id: "c-1" reason: "送检" }
                clock: CLOCK_KIND_DECISION
                pause_reason: PAUSE_REASON_TESTING_APPRAISAL
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args extend, Parse("case", "extend-clock",
                                          {"c-1", "--clock", "seizure", "--extension", "30",
                                           "--reason", "负责人批准"}));
  EXPECT_THAT(BuildExtendClock(extend, kContext), IsOkAndHolds(EqualsProto(R"pb(
                act { case_id: "c-1" reason: "负责人批准" }
                clock: CLOCK_KIND_SEIZURE
                extension: 30
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args zero,
                       Parse("case", "extend-clock",
                             {"c-1", "--clock", "seizure", "--extension", "0", "--reason", "r"}));
  EXPECT_THAT(BuildExtendClock(zero, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--extension: want")));

  ASSERT_OK_AND_ASSIGN(Args explain, Parse("case", "explain", {"c-1", "publicity_withdrawal"}));
  EXPECT_THAT(
      BuildExplainDeadline(explain, kContext),
      IsOkAndHolds(EqualsProto(R"pb(case_id: "c-1" clock: CLOCK_KIND_PUBLICITY_WITHDRAWAL)pb")));
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("case", "explain", {"c-1", "DECISION"}));
  EXPECT_THAT(
      BuildExplainDeadline(bad, kContext),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("CLOCK: want one of decision|"), HasSubstr("\"DECISION\""))));
  EXPECT_THAT(Parse("case", "explain", {"c-1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing argument CLOCK"));
  EXPECT_THAT(Parse("case", "explain", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing argument CASE"));
  EXPECT_THAT(Parse("case", "explain", {"c-1", "decision", "more"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "unexpected argument \"more\""));
}

TEST(RecordTest, VerifyTakesAnExportedHeadWhole) {
  const std::string hash(64, 'a');
  ASSERT_OK_AND_ASSIGN(
      Args head,
      Parse("record", "verify", {"c-1", "--expected-length", "12", "--expected-hash", hash}));
  EXPECT_THAT(BuildVerifyCaseRecord(head, kContext),
              IsOkAndHolds(EqualsProto("case_id: 'c-1' expected_head { length: 12 "
                                       "hash: '" +
                                       hash + "' }")));
  ASSERT_OK_AND_ASSIGN(Args half, Parse("record", "verify", {"c-1", "--expected-length", "12"}));
  EXPECT_THAT(BuildVerifyCaseRecord(half, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("together")));
  ASSERT_OK_AND_ASSIGN(Args none, Parse("record", "verify", {"c-1"}));
  ASSERT_OK_AND_ASSIGN(cv1::VerifyCaseRecordRequest v, BuildVerifyCaseRecord(none, kContext));
  EXPECT_FALSE(v.has_expected_head());
  ASSERT_OK_AND_ASSIGN(Args heads,
                       Parse("record", "export-heads", {"--division", "6401", "--all"}));
  EXPECT_THAT(BuildExportRecordHeads(heads, kContext),
              IsOkAndHolds(EqualsProto(R"pb(division_code: "6401")pb")));
  ASSERT_OK_AND_ASSIGN(
      Args acts, Parse("case", "officer-acts",
                       {"--officer", "o-1", "--recheck", "--end", "2025-03-01T09:30:00+08:00"}));
  EXPECT_THAT(BuildListOfficerActs(acts, kContext), IsOkAndHolds(EqualsProto(R"pb(
                officer_id: "o-1"
                end_time { seconds: 1740792600 }
                recheck: true
              )pb")));
}

// ---------------------------------------------------------------- random inspections

std::vector<std::string> PlanFlags(std::vector<std::string> extra = {}) {
  std::vector<std::string> flags = {"--agency",
                                    "a-1",
                                    "--item",
                                    "i-1",
                                    "--name",
                                    "2025年度食品经营双随机抽查",
                                    "--start",
                                    "2025-01-01",
                                    "--end",
                                    "2025-12-31",
                                    "--enterprises-file",
                                    "-",
                                    "--inspector",
                                    "o-1,o-2",
                                    "--inspector",
                                    " o-3 ",
                                    "--targets",
                                    "5"};
  flags.insert(flags.end(), extra.begin(), extra.end());
  return flags;
}

TEST(InspectionPlanCreateTest, ThePeriodIsCstDaysWithTheLastIncludedAndTheEnterprisesAreCsv) {
  // A spreadsheet's export: byte order mark, header, CRLF, a quoted name
  // with a comma; comments and empty lines are skipped.
  const std::string csv =
      "\xEF\xBB\xBF"
      "credit_code,name\r\n"
      "91350100M000100Y43,银川市兴庆区某食品店\r\n"
      "\r\n"
      "# 2025 年名录\n"
      "91640104ma00000012 , \"宁夏某某餐饮有限公司,兴庆分店\"\n"
      "\"91640104MA00000020\",\"宁夏\"\"老字号\"\"食品厂\"\n";
  ASSERT_OK_AND_ASSIGN(Args args,
                       Parse("inspection", "plan-create", PlanFlags({"--per-target", "3"})));
  EXPECT_THAT(
      BuildCreateInspectionPlan(args, WithInput(csv)), IsOkAndHolds(EqualsProto(R"pb(
        plan {
          agency_id: "a-1"
          item_id: "i-1"
          name: "2025年度食品经营双随机抽查"
          period_start { seconds: 1735660800 }  # 2025-01-01T00:00:00+08:00
          period_end { seconds: 1767196800 }    # 2026-01-01T00:00:00+08:00
          enterprises { credit_code: "91350100M000100Y43" name: "银川市兴庆区某食品店" }
          enterprises { credit_code: "91640104ma00000012" name: "宁夏某某餐饮有限公司,兴庆分店" }
          enterprises { credit_code: "91640104MA00000020" name: "宁夏\"老字号\"食品厂" }
          inspector_ids: "o-1"
          inspector_ids: "o-2"
          inspector_ids: "o-3"
          targets_per_draw: 5
          inspectors_per_target: 3
        }
        request_id: "req-1"
      )pb")));
  // Without --per-target: two officers (APL art. 42); a one-day period; a file.
  std::vector<std::string> flags = PlanFlags();
  flags[9] = "2025-01-01";         // --end
  flags[11] = "/run/secrets/ids";  // --enterprises-file
  ASSERT_OK_AND_ASSIGN(Args one_day, Parse("inspection", "plan-create", flags));
  ASSERT_OK_AND_ASSIGN(
      cv1::CreateInspectionPlanRequest r,
      BuildCreateInspectionPlan(one_day, WithInput("", "91350100M000100Y43,店\n")));
  EXPECT_EQ(r.plan().inspectors_per_target(), 2);
  EXPECT_EQ(r.plan().period_end().seconds() - r.plan().period_start().seconds(), 86400);
  EXPECT_EQ(r.plan().enterprises_size(), 1);
}

TEST(InspectionPlanCreateTest, BadFlagsAndFilesAreNamed) {
  const auto build = [](std::vector<std::string> flags,
                        std::string csv = "91350100M000100Y43,店\n") {
    absl::StatusOr<Args> args = Parse("inspection", "plan-create", flags);
    if (!args.ok()) return absl::StatusOr<cv1::CreateInspectionPlanRequest>(args.status());
    return BuildCreateInspectionPlan(*args, WithInput(csv));
  };
  std::vector<std::string> backwards = PlanFlags();
  backwards[9] = "2024-12-31";
  EXPECT_THAT(build(backwards),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--end: want a day on or after --start (2025-01-01), got \"2024-12-31\""));
  std::vector<std::string> bad_date = PlanFlags();
  bad_date[7] = "2025-02-30";
  EXPECT_THAT(build(bad_date), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--start:")));
  EXPECT_THAT(build(PlanFlags({"--inspector", "o-4,,o-5"})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--inspector: want ID or ID,ID,..., got \"o-4,,o-5\""));
  EXPECT_THAT(build(PlanFlags({"--per-target", "1"})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--per-target: want an integer from 2 to 10, got \"1\""));
  std::vector<std::string> no_targets = PlanFlags();
  no_targets.back() = "0";
  EXPECT_THAT(build(no_targets), StatusIs(absl::StatusCode::kInvalidArgument,
                                          "--targets: want an integer from 1 to 500, got \"0\""));
  EXPECT_THAT(build(PlanFlags(), "91350100M000100Y43,店\n91640104MA00000012\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--enterprises-file: line 2: want CREDIT_CODE,NAME"));
  EXPECT_THAT(build(PlanFlags(), "credit_code,name\n91350100M000100Y43, \n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--enterprises-file: line 2: no name after the credit code"));
  EXPECT_THAT(build(PlanFlags(), "credit_code,name\n# none yet\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--enterprises-file: no enterprises")));
  std::vector<std::string> missing_file = PlanFlags();
  missing_file[11] = "/nowhere.csv";
  EXPECT_THAT(build(missing_file), StatusIs(absl::StatusCode::kInvalidArgument,
                                            "--enterprises-file: cannot read /nowhere.csv"));
  std::vector<std::string> no_inspector = {"--agency",
                                           "a",
                                           "--item",
                                           "i",
                                           "--name",
                                           "n",
                                           "--start",
                                           "2025-01-01",
                                           "--end",
                                           "2025-12-31",
                                           "--enterprises-file",
                                           "-",
                                           "--targets",
                                           "1"};
  EXPECT_THAT(build(no_inspector),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --inspector"));
}

TEST(InspectionDrawTest, DrawsAndListsBuildTheirRequests) {
  ASSERT_OK_AND_ASSIGN(Args draw, Parse("inspection", "draw",
                                        {"p-1", "--seed", "5eed5eed5eed5eed5eed5eed5eed5eed"}));
  EXPECT_THAT(BuildDrawInspection(draw, kContext), IsOkAndHolds(EqualsProto(R"pb(
                plan_id: "p-1"
                seed: "5eed5eed5eed5eed5eed5eed5eed5eed"
                request_id: "req-1"
              )pb")));
  // The seed goes as given: case-service names `seed` when it is not one.
  ASSERT_OK_AND_ASSIGN(Args upper, Parse("inspection", "draw", {"p-1", "--seed", "5EED"}));
  EXPECT_THAT(BuildDrawInspection(upper, kContext),
              IsOkAndHolds(EqualsProto(R"pb(plan_id: "p-1" seed: "5EED" request_id: "req-1")pb")));
  EXPECT_THAT(Parse("inspection", "draw", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("PLAN")));
  ASSERT_OK_AND_ASSIGN(Args plans,
                       Parse("inspection", "plan-list",
                             {"--division", "640104", "--agency", "a-1", "--page-size", "20"}));
  EXPECT_THAT(BuildListInspectionPlans(plans, kContext),
              IsOkAndHolds(EqualsProto(R"pb(
                division_code: "640104" agency_id: "a-1" page_size: 20
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args draws, Parse("inspection", "draw-list", {"p-1", "--page-token", "t2"}));
  EXPECT_THAT(BuildListInspectionDraws(draws, kContext),
              IsOkAndHolds(EqualsProto(R"pb(plan_id: "p-1" page_token: "t2")pb")));
}

TEST(InspectionResultTest, BuildsTheRequestAndNamesABadOutcome) {
  ASSERT_OK_AND_ASSIGN(Args args,
                       Parse("inspection", "result",
                             {"d-1", "--credit-code", "91350100M000100Y43", "--outcome", "finding",
                              "--summary", "发现过期食品", "--etag", "\"2\""}));
  EXPECT_THAT(BuildRecordInspectionResult(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                draw_id: "d-1"
                credit_code: "91350100M000100Y43"
                outcome: INSPECTION_OUTCOME_FINDING
                summary: "发现过期食品"
                etag: "\"2\""
              )pb")));
  for (const auto& [name, outcome] : std::vector<std::pair<std::string, cv1::InspectionOutcome>>{
           {"no_issue", cv1::INSPECTION_OUTCOME_NO_ISSUE},
           {"not_inspected", cv1::INSPECTION_OUTCOME_NOT_INSPECTED}}) {
    ASSERT_OK_AND_ASSIGN(Args a,
                         Parse("inspection", "result",
                               {"d-1", "--credit-code", "c", "--outcome", name, "--summary", "s"}));
    ASSERT_OK_AND_ASSIGN(cv1::RecordInspectionResultRequest r,
                         BuildRecordInspectionResult(a, kContext));
    EXPECT_EQ(r.outcome(), outcome) << name;
    EXPECT_EQ(r.etag(), "");
  }
  ASSERT_OK_AND_ASSIGN(
      Args bad, Parse("inspection", "result",
                      {"d-1", "--credit-code", "c", "--outcome", "NO_ISSUE", "--summary", "s"}));
  EXPECT_THAT(BuildRecordInspectionResult(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--outcome: want one of no_issue|finding|not_inspected, got \"NO_ISSUE\""));
  EXPECT_THAT(Parse("inspection", "result", {"d-1", "--credit-code", "c", "--outcome", "finding"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --summary"));
}

// ---------------------------------------------------------------- inspection control

TEST(InspectionCapTest, SetAndGetBuildTheirRequestsAndCheckTheRanges) {
  ASSERT_OK_AND_ASSIGN(Args set, Parse("inspection", "cap-set",
                                       {"--agency", "a-1", "--year", "2025", "--max", "2",
                                        "--basis", "2025年度涉企行政检查计划"}));
  EXPECT_THAT(BuildSetInspectionCap(set, kContext), IsOkAndHolds(EqualsProto(R"pb(
                cap { agency_id: "a-1" year: 2025 max_visits: 2 basis: "2025年度涉企行政检查计划" }
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args get,
                       Parse("inspection", "cap-get", {"--agency", "a-1", "--year", "2025"}));
  EXPECT_THAT(BuildGetInspectionCap(get, kContext),
              IsOkAndHolds(EqualsProto(R"pb(agency_id: "a-1" year: 2025)pb")));

  const auto set_with = [](std::string year, std::string max) {
    absl::StatusOr<Args> args = Parse(
        "inspection", "cap-set", {"--agency", "a", "--year", year, "--max", max, "--basis", "b"});
    if (!args.ok()) return absl::StatusOr<cv1::SetInspectionCapRequest>(args.status());
    return BuildSetInspectionCap(*args, kContext);
  };
  EXPECT_THAT(set_with("2025", "0"), StatusIs(absl::StatusCode::kInvalidArgument,
                                              "--max: want an integer from 1 to 100, got \"0\""));
  EXPECT_THAT(set_with("2025", "101"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--max:")));
  EXPECT_THAT(set_with("25", "2"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--year: want an integer from 2000 to 2100, got \"25\""));
  ASSERT_OK_AND_ASSIGN(Args bad_year,
                       Parse("inspection", "cap-get", {"--agency", "a", "--year", "MMXXV"}));
  EXPECT_THAT(BuildGetInspectionCap(bad_year, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--year:")));
  EXPECT_THAT(Parse("inspection", "cap-set", {"--agency", "a", "--year", "2025", "--max", "2"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --basis"));
}

std::vector<std::string> VisitFlags(std::vector<std::string> extra = {}) {
  std::vector<std::string> flags = {"--credit-code", "91640104MA00000012",
                                    "--name",        "宁夏某某餐饮有限公司",
                                    "--part",        "a-1:i-1",
                                    "--officer",     "o-1,o-2",
                                    "--basis",       "plan",
                                    "--basis-ref",   "2025-JC-07"};
  flags.insert(flags.end(), extra.begin(), extra.end());
  return flags;
}

absl::StatusOr<cv1::RecordInspectionVisitRequest> BuildVisit(std::vector<std::string> flags) {
  absl::StatusOr<Args> args = Parse("inspection", "visit", flags);
  if (!args.ok()) return args.status();
  return BuildRecordInspectionVisit(*args, kContext);
}

TEST(InspectionVisitTest, BuildsAJointVisitWithThePartsAndOfficersInOrder) {
  EXPECT_THAT(BuildVisit(VisitFlags({"--part", " a-2 : i-2 ", "--officer", "o-3", "--summary",
                                     "检查食品贮存条件\n未发现问题"})),
              IsOkAndHolds(EqualsProto(R"pb(
                visit {
                  enterprise { credit_code: "91640104MA00000012" name: "宁夏某某餐饮有限公司" }
                  parts { agency_id: "a-1" item_id: "i-1" }
                  parts { agency_id: "a-2" item_id: "i-2" }
                  officer_ids: "o-1"
                  officer_ids: "o-2"
                  officer_ids: "o-3"
                  basis: VISIT_BASIS_PLAN
                  basis_ref: "2025-JC-07"
                  summary: "检查食品贮存条件\n未发现问题"
                }
                request_id: "req-1"
              )pb")));
  for (const auto& [name, basis] : std::vector<std::pair<std::string, cv1::VisitBasis>>{
           {"draw", cv1::VISIT_BASIS_DRAW},
           {"complaint", cv1::VISIT_BASIS_COMPLAINT},
           {"clue", cv1::VISIT_BASIS_CLUE}}) {
    std::vector<std::string> flags = VisitFlags();
    flags[9] = name;  // --basis
    ASSERT_OK_AND_ASSIGN(cv1::RecordInspectionVisitRequest r, BuildVisit(flags));
    EXPECT_EQ(r.visit().basis(), basis) << name;
    EXPECT_EQ(r.visit().summary(), "");
  }
  // The credit code goes as written: case-service names
  // visit.enterprise.credit_code when it is not one.
  std::vector<std::string> lower = VisitFlags();
  lower[1] = "91640104ma0000001x";
  ASSERT_OK_AND_ASSIGN(cv1::RecordInspectionVisitRequest r, BuildVisit(lower));
  EXPECT_EQ(r.visit().enterprise().credit_code(), "91640104ma0000001x");
}

TEST(InspectionVisitTest, BadFlagsAreNamed) {
  for (const char* part : {"a-1", "a-1:", ":i-1", "a-1:i-1:x", " : "}) {
    std::vector<std::string> flags = VisitFlags();
    flags[5] = part;  // --part
    EXPECT_THAT(BuildVisit(flags), StatusIs(absl::StatusCode::kInvalidArgument,
                                            absl::StrCat("--part: want AGENCY:ITEM (an agency and "
                                                         "an inspection item of its catalogue), "
                                                         "got \"",
                                                         part, "\"")))
        << part;
  }
  EXPECT_THAT(BuildVisit(VisitFlags({"--officer", "o-3,"})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--officer: want ID or ID,ID,..., got \"o-3,\""));
  std::vector<std::string> bad_basis = VisitFlags();
  bad_basis[9] = "PLAN";
  EXPECT_THAT(BuildVisit(bad_basis),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--basis: want one of draw|complaint|clue|plan, got \"PLAN\""));
  std::vector<std::string> no_part = VisitFlags();
  no_part.erase(no_part.begin() + 4, no_part.begin() + 6);
  EXPECT_THAT(BuildVisit(no_part),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --part"));
  std::vector<std::string> no_ref = VisitFlags();
  no_ref.resize(10);
  EXPECT_THAT(BuildVisit(no_ref),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --basis-ref"));
}

TEST(InspectionWhitelistTest, TheListingIsCstDaysWithTheLastIncluded) {
  const std::vector<std::string> flags = {"--agency",      "a-1",
                                          "--credit-code", "91640104MA00000012",
                                          "--name",        "宁夏某某餐饮有限公司",
                                          "--start",       "2025-01-01",
                                          "--end",         "2025-12-31",
                                          "--reason",      "信用A级，无事不扰",
                                          "--request-id",  "white-1"};
  ASSERT_OK_AND_ASSIGN(Args args, Parse("inspection", "whitelist-add", flags));
  RequestContext context = MakeContext();
  context.request_id = "white-1";
  EXPECT_THAT(BuildAddToInspectionWhitelist(args, context), IsOkAndHolds(EqualsProto(R"pb(
                entry {
                  agency_id: "a-1"
                  enterprise { credit_code: "91640104MA00000012" name: "宁夏某某餐饮有限公司" }
                  start_time { seconds: 1735660800 }  # 2025-01-01T00:00:00+08:00
                  end_time { seconds: 1767196800 }    # 2026-01-01T00:00:00+08:00
                  reason: "信用A级，无事不扰"
                }
                request_id: "white-1"
              )pb")));
  std::vector<std::string> one_day = flags;
  one_day[9] = "2025-01-01";
  ASSERT_OK_AND_ASSIGN(Args day, Parse("inspection", "whitelist-add", one_day));
  ASSERT_OK_AND_ASSIGN(cv1::AddToInspectionWhitelistRequest r,
                       BuildAddToInspectionWhitelist(day, kContext));
  EXPECT_EQ(r.entry().end_time().seconds() - r.entry().start_time().seconds(), 86400);
  std::vector<std::string> backwards = flags;
  backwards[9] = "2024-12-31";
  ASSERT_OK_AND_ASSIGN(Args back, Parse("inspection", "whitelist-add", backwards));
  EXPECT_THAT(BuildAddToInspectionWhitelist(back, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--end: want a day on or after --start (2025-01-01), got \"2024-12-31\""));
  std::vector<std::string> bad_day = flags;
  bad_day[7] = "2025-1-1";
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("inspection", "whitelist-add", bad_day));
  EXPECT_THAT(BuildAddToInspectionWhitelist(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--start:")));
  std::vector<std::string> no_reason(flags.begin(), flags.begin() + 10);
  EXPECT_THAT(Parse("inspection", "whitelist-add", no_reason),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --reason"));
}

TEST(InspectionControlListsTest, HistoryWhitelistAndWarningsAreListsWithPaging) {
  ASSERT_OK_AND_ASSIGN(Args history,
                       Parse("inspection", "history",
                             {"91640104MA00000012", "--division", "640104", "--page-size", "20"}));
  EXPECT_THAT(BuildGetEnterpriseInspectionHistory(history, kContext), IsOkAndHolds(EqualsProto(R"pb(
                credit_code: "91640104MA00000012"
                division_code: "640104"
                page_size: 20
              )pb")));
  EXPECT_THAT(Parse("inspection", "history", {"--division", "640104"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("CREDIT_CODE")));
  ASSERT_OK_AND_ASSIGN(Args all, Parse("inspection", "history", {"91640104MA00000012", "--all"}));
  EXPECT_TRUE(all.Enabled("all"));
  ASSERT_OK_AND_ASSIGN(Args whitelist, Parse("inspection", "whitelist-list",
                                             {"--agency", "a-1", "--page-token", "t2"}));
  EXPECT_THAT(BuildListInspectionWhitelist(whitelist, kContext),
              IsOkAndHolds(EqualsProto(R"pb(agency_id: "a-1" page_token: "t2")pb")));
  EXPECT_THAT(Parse("inspection", "whitelist-list", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --agency"));
  ASSERT_OK_AND_ASSIGN(Args warnings, Parse("inspection", "warnings", {"--division", "640100"}));
  EXPECT_THAT(BuildListInspectionWarnings(warnings, kContext),
              IsOkAndHolds(EqualsProto(R"pb(division_code: "640100")pb")));
  ASSERT_OK_AND_ASSIGN(Args own, Parse("inspection", "warnings", {}));
  EXPECT_THAT(BuildListInspectionWarnings(own, kContext), IsOkAndHolds(EqualsProto("")));
  ASSERT_OK_AND_ASSIGN(Args too_big, Parse("inspection", "warnings", {"--page-size", "501"}));
  EXPECT_THAT(BuildListInspectionWarnings(too_big, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--page-size:")));
}

}  // namespace
}  // namespace lawenforce::ctl
