#include "tools/lawenforcectl/case_requests.h"

#include <string>
#include <vector>

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

}  // namespace
}  // namespace lawenforce::ctl
