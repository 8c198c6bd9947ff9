#include "tools/lawenforcectl/requests.h"

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/lawenforcectl/commands.h"
#include "tools/lawenforcectl/test_util.h"

namespace lawenforce::ctl {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const RequestContext kContext{"req-1", {}, {}};

TEST(CertIssueTest, BuildsTheExpectedRequest) {
  ASSERT_OK_AND_ASSIGN(
      Args args, Parse("cert", "issue",
                       {"--officer", "off-1", "--number", "NX-640104-0001", "--kind", "enforcement",
                        "--domain", "market_regulation", "--domain", "food_safety", "--valid-from",
                        "2024-01-01", "--valid-until", "2026-12-31"}));
  EXPECT_THAT(BuildIssueCertificate(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                certificate {
                  officer_id: "off-1"
                  number: "NX-640104-0001"
                  kind: CERTIFICATE_KIND_ENFORCEMENT
                  domains: "market_regulation"
                  domains: "food_safety"
                  valid_from { year: 2024 month: 1 day: 1 }
                  valid_until { year: 2026 month: 12 day: 31 }
                }
                request_id: "req-1"
              )pb")));
}

TEST(CertIssueTest, MissingRequiredFlagIsNamed) {
  EXPECT_THAT(Parse("cert", "issue",
                    {"--officer", "o", "--number", "N", "--kind", "enforcement", "--domain", "d",
                     "--valid-from", "2024-01-01"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --valid-until"));
}

TEST(CertIssueTest, BadKindAndBadDateNameTheFlag) {
  std::vector<std::string> tokens = {"--officer",    "o",          "--number",      "N",
                                     "--kind",       "inspection", "--domain",      "d",
                                     "--valid-from", "2024-01-01", "--valid-until", "2024-02-30"};
  ASSERT_OK_AND_ASSIGN(Args bad_kind, Parse("cert", "issue", tokens));
  EXPECT_THAT(BuildIssueCertificate(bad_kind, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--kind: want one of enforcement|supervision, got \"inspection\""));
  tokens[5] = "supervision";
  ASSERT_OK_AND_ASSIGN(Args bad_date, Parse("cert", "issue", tokens));
  EXPECT_THAT(BuildIssueCertificate(bad_date, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--valid-until: want")));
}

TEST(OfficerUpdateTest, MaskNamesOnlyTheFieldsGiven) {
  ASSERT_OK_AND_ASSIGN(Args name_only,
                       Parse("officer", "update", {"off-1", "--etag", "e1", "--name", "王芳"}));
  EXPECT_THAT(BuildUpdateOfficer(name_only, kContext), IsOkAndHolds(EqualsProto(R"pb(
                officer { id: "off-1" etag: "e1" name: "王芳" }
                update_mask { paths: "name" }
              )pb")));

  ASSERT_OK_AND_ASSIGN(Args roles_only, Parse("officer", "update",
                                              {"off-1", "--etag", "e1", "--role", "officer",
                                               "--role", "legal_reviewer"}));
  EXPECT_THAT(BuildUpdateOfficer(roles_only, kContext), IsOkAndHolds(EqualsProto(R"pb(
                officer {
                  id: "off-1"
                  etag: "e1"
                  roles: OFFICER_ROLE_OFFICER
                  roles: OFFICER_ROLE_LEGAL_REVIEWER
                }
                update_mask { paths: "roles" }
              )pb")));

  ASSERT_OK_AND_ASSIGN(Args both, Parse("officer", "update",
                                        {"off-1", "--etag=e1", "--role=supervisor", "--name=李"}));
  ASSERT_OK_AND_ASSIGN(v1::UpdateOfficerRequest request, BuildUpdateOfficer(both, kContext));
  EXPECT_THAT(request.update_mask().paths(), ElementsAre("name", "roles"));
}

TEST(OfficerUpdateTest, NothingToUpdateIsAnError) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("officer", "update", {"off-1", "--etag", "e1"}));
  EXPECT_THAT(BuildUpdateOfficer(args, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nothing to update")));
  EXPECT_THAT(Parse("officer", "update", {"off-1", "--name", "x"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --etag"));
}

TEST(OfficerCreateTest, BadRoleIsNamed) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("officer", "create",
                                        {"--agency", "a", "--name", "n", "--id-number",
                                         "640104199001011234", "--role", "admin"}));
  EXPECT_THAT(BuildCreateOfficer(args, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--role: want one of officer|legal_reviewer|supervisor, got \"admin\""));
}

TEST(OfficerCreateTest, TheNumberComesFromStdinOrAFileKeptOffTheCommandLine) {
  RequestContext context{"req-1", {}, {}};
  context.read_stdin = []() -> absl::StatusOr<std::string> { return "64010419900101123X\n"; };
  context.read_file = [](const std::string& path) -> absl::StatusOr<std::string> {
    if (path != "/run/secrets/id") return absl::NotFoundError("cannot read " + path);
    return "  11010519491231002X\r\n";
  };
  ASSERT_OK_AND_ASSIGN(Args from_stdin, Parse("officer", "create",
                                              {"--agency", "a", "--name", "n", "--id-number", "-",
                                               "--role", "officer"}));
  ASSERT_OK_AND_ASSIGN(v1::CreateOfficerRequest a, BuildCreateOfficer(from_stdin, context));
  EXPECT_EQ(a.officer().id_number(), "64010419900101123X");
  ASSERT_OK_AND_ASSIGN(Args from_file, Parse("officer", "create",
                                             {"--agency", "a", "--name", "n", "--id-number-file",
                                              "/run/secrets/id", "--role", "officer"}));
  ASSERT_OK_AND_ASSIGN(v1::CreateOfficerRequest b, BuildCreateOfficer(from_file, context));
  EXPECT_EQ(b.officer().id_number(), "11010519491231002X");
  ASSERT_OK_AND_ASSIGN(Args both, Parse("officer", "create",
                                        {"--agency", "a", "--name", "n", "--id-number", "-",
                                         "--id-number-file", "/x", "--role", "officer"}));
  EXPECT_THAT(BuildCreateOfficer(both, context),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("exactly one")));
  ASSERT_OK_AND_ASSIGN(Args neither, Parse("officer", "create",
                                           {"--agency", "a", "--name", "n", "--role", "officer"}));
  EXPECT_THAT(BuildCreateOfficer(neither, context),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("exactly one")));
  ASSERT_OK_AND_ASSIGN(Args missing, Parse("officer", "create",
                                           {"--agency", "a", "--name", "n", "--id-number-file",
                                            "/nope", "--role", "officer"}));
  EXPECT_THAT(BuildCreateOfficer(missing, context),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--id-number-file")));
}

TEST(CertTransitionTest, EffectiveTimeClearReviewAndStaffingYearAreSent) {
  ASSERT_OK_AND_ASSIGN(Args revoke,
                       Parse("cert", "revoke",
                             {"c-1", "--reason", "r", "--effective", "2025-03-01T09:30:00+08:00"}));
  ASSERT_OK_AND_ASSIGN(v1::TransitionCertificateRequest t,
                       BuildTransitionCertificate(revoke, kContext));
  EXPECT_EQ(t.effective_time().seconds(), 1740792600);
  ASSERT_OK_AND_ASSIGN(Args clear,
                       Parse("officer", "clear-review", {"o-1", "--reason", "复核通过"}));
  ASSERT_OK_AND_ASSIGN(v1::ClearOfficerReviewRequest c, BuildClearOfficerReview(clear, kContext));
  EXPECT_EQ(c.id(), "o-1");
  EXPECT_EQ(c.reason(), "复核通过");
  ASSERT_OK_AND_ASSIGN(Args staffing,
                       Parse("staffing", "", {"--division", "640104", "--year", "2024"}));
  ASSERT_OK_AND_ASSIGN(v1::GetStaffingComplianceRequest s,
                       BuildGetStaffingCompliance(staffing, kContext));
  EXPECT_EQ(s.year(), 2024);
}

TEST(AgencyCreateTest, CarriesDomainsSwitchAndRequestId) {
  ASSERT_OK_AND_ASSIGN(
      Args args, Parse("agency", "create",
                       {"--name", "银川市兴庆区市场监督管理局", "--division", "640104", "--domain",
                        "market_regulation", "--require-training"}));
  EXPECT_THAT(BuildCreateAgency(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                agency {
                  name: "银川市兴庆区市场监督管理局"
                  division_code: "640104"
                  domains: "market_regulation"
                  require_training_for_eligibility: true
                }
                request_id: "req-1"
              )pb")));
}

TEST(CertListTest, FiltersAndPaging) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("cert", "list",
                                        {"--division", "6401", "--state", "suspended",
                                         "--page-size", "100", "--page-token", "tok"}));
  EXPECT_THAT(BuildListCertificates(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                division_code: "6401"
                state: CERTIFICATE_STATE_SUSPENDED
                page_size: 100
                page_token: "tok"
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args big, Parse("cert", "list", {"--page-size", "501"}));
  EXPECT_THAT(BuildListCertificates(big, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--page-size")));
  ASSERT_OK_AND_ASSIGN(Args bad_state, Parse("cert", "list", {"--state", "ACTIVE"}));
  EXPECT_THAT(BuildListCertificates(bad_state, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--state: want one of")));
}

TEST(OfficerListTest, SearchByNamePrefixIdNumberFromStdinAndReviewFlag) {
  RequestContext context{"req-1", {}, {}};
  context.read_stdin = []() -> absl::StatusOr<std::string> { return "64010419900101123X\n"; };
  ASSERT_OK_AND_ASSIGN(
      Args args,
      Parse("officer", "list", {"--name-prefix", "欧阳", "--id-number", "-", "--review-required"}));
  EXPECT_THAT(BuildListOfficers(args, context), IsOkAndHolds(EqualsProto(R"pb(
                name_prefix: "欧阳"
                id_number: "64010419900101123X"
                review_required: true
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args not_flagged, Parse("officer", "list", {"--review-required=false"}));
  EXPECT_THAT(BuildListOfficers(not_flagged, context),
              IsOkAndHolds(EqualsProto(R"pb(review_required: false)pb")));
  ASSERT_OK_AND_ASSIGN(Args worklist, Parse("officer", "list", {"--without-valid-certificate"}));
  EXPECT_THAT(BuildListOfficers(worklist, context),
              IsOkAndHolds(EqualsProto(R"pb(without_valid_certificate: true)pb")));
  ASSERT_OK_AND_ASSIGN(Args none, Parse("officer", "list", {}));
  ASSERT_OK_AND_ASSIGN(v1::ListOfficersRequest plain, BuildListOfficers(none, context));
  EXPECT_FALSE(plain.has_review_required());
  EXPECT_EQ(plain.id_number(), "");
}

TEST(CertTransitionTest, ASuspensionForATermWithItsDecision) {
  ASSERT_OK_AND_ASSIGN(Args suspend,
                       Parse("cert", "suspend",
                             {"c-1", "--reason", "r", "--decision", "宁市监暂扣字〔2025〕7号",
                              "--until", "2025-03-01T09:30:00+08:00"}));
  EXPECT_THAT(BuildSuspendCertificate(suspend, kContext), IsOkAndHolds(EqualsProto(R"pb(
                id: "c-1"
                reason: "r"
                decision_document: "宁市监暂扣字〔2025〕7号"
                suspended_until { seconds: 1740792600 }
              )pb")));
  // Only a suspension has an end.
  EXPECT_FALSE(Parse("cert", "revoke", {"c-1", "--reason", "r", "--until", "x"}).ok());
}

TEST(AgencyUpdateTest, TheMaskNamesTheFieldsGiven) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("agency", "update",
                                        {"a-1", "--reason", "机构改革", "--name", "新名称",
                                         "--domain", "food_safety", "--domain", "pricing"}));
  EXPECT_THAT(BuildUpdateAgency(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                agency { id: "a-1" name: "新名称" domains: "food_safety" domains: "pricing" }
                update_mask { paths: "name" paths: "domains" }
                reason: "机构改革"
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args nothing, Parse("agency", "update", {"a-1", "--reason", "r"}));
  EXPECT_FALSE(BuildUpdateAgency(nothing, kContext).ok());
}

TEST(CertCorrectTest, TheMaskNamesTheFieldsGiven) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("cert", "correct",
                                        {"c-1", "--reason", "录入错误", "--valid-until",
                                         "2029-12-31", "--number", "NX-9"}));
  EXPECT_THAT(BuildCorrectCertificate(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                id: "c-1"
                number: "NX-9"
                valid_until { year: 2029 month: 12 day: 31 }
                update_mask { paths: "number" paths: "valid_until" }
                reason: "录入错误"
              )pb")));
  ASSERT_OK_AND_ASSIGN(
      Args bad, Parse("cert", "correct", {"c-1", "--reason", "r", "--valid-from", "2029-13-01"}));
  EXPECT_FALSE(BuildCorrectCertificate(bad, kContext).ok());
  ASSERT_OK_AND_ASSIGN(Args nothing, Parse("cert", "correct", {"c-1", "--reason", "r"}));
  EXPECT_FALSE(BuildCorrectCertificate(nothing, kContext).ok());
}

TEST(CertReissueTest, RenewalAndReplacement) {
  ASSERT_OK_AND_ASSIGN(
      Args renew, Parse("cert", "renew",
                        {"c-1", "--number", "NX-2", "--reason", "到期", "--valid-from",
                         "2025-06-01", "--valid-until", "2030-05-31", "--domain", "food_safety"}));
  EXPECT_THAT(BuildRenewCertificate(renew, kContext), IsOkAndHolds(EqualsProto(R"pb(
                id: "c-1"
                kind: REISSUE_KIND_RENEWAL
                number: "NX-2"
                reason: "到期"
                valid_from { year: 2025 month: 6 day: 1 }
                valid_until { year: 2030 month: 5 day: 31 }
                domains: "food_safety"
                request_id: "req-1"
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args replace,
                       Parse("cert", "replace", {"c-1", "--number", "NX-3", "--reason", "遗失"}));
  EXPECT_THAT(BuildReplaceCertificate(replace, kContext), IsOkAndHolds(EqualsProto(R"pb(
                id: "c-1"
                kind: REISSUE_KIND_REPLACEMENT
                number: "NX-3"
                reason: "遗失"
                request_id: "req-1"
              )pb")));
  // A renewal needs its new validity; a replacement takes none.
  EXPECT_FALSE(Parse("cert", "renew", {"c-1", "--number", "NX-2", "--reason", "r"}).ok());
  EXPECT_FALSE(Parse("cert", "replace",
                     {"c-1", "--number", "N", "--reason", "r", "--valid-from", "2025-01-01"})
                   .ok());
}

TEST(EligibilitySuperviseTest, OfficerDivisionDomainAndMoment) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("eligibility", "supervise",
                                        {"--officer", "o-1", "--division", "640104", "--at",
                                         "2025-03-01T09:30:00+08:00"}));
  EXPECT_THAT(BuildCheckSupervision(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                officer_id: "o-1"
                division_code: "640104"
                at_time { seconds: 1740792600 }
              )pb")));
}

TEST(OfficerLifecycleTest, TransferEndOfServiceAndHistory) {
  ASSERT_OK_AND_ASSIGN(Args transfer, Parse("officer", "transfer",
                                            {"o-1", "--agency", "a-2", "--note", "调动", "--etag",
                                             "\"3\"", "--effective", "2025-03-01T09:30:00+08:00"}));
  EXPECT_THAT(BuildTransferOfficer(transfer, kContext), IsOkAndHolds(EqualsProto(R"pb(
                officer_id: "o-1"
                agency_id: "a-2"
                note: "调动"
                etag: "\"3\""
                effective_time { seconds: 1740792600 }
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args retire,
                       Parse("officer", "end-service", {"o-1", "--reason", "retired"}));
  EXPECT_THAT(BuildEndOfficerService(retire, kContext), IsOkAndHolds(EqualsProto(R"pb(
                officer_id: "o-1"
                reason: SERVICE_END_REASON_RETIRED
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("officer", "end-service", {"o-1", "--reason", "fired"}));
  EXPECT_THAT(BuildEndOfficerService(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  ASSERT_OK_AND_ASSIGN(Args periods, Parse("officer", "service", {"o-1"}));
  EXPECT_THAT(BuildListOfficerServicePeriods(periods, kContext),
              IsOkAndHolds(EqualsProto(R"pb(officer_id: "o-1")pb")));
  ASSERT_OK_AND_ASSIGN(Args left, Parse("officer", "list", {"--in-service=false"}));
  EXPECT_THAT(BuildListOfficers(left, kContext),
              IsOkAndHolds(EqualsProto(R"pb(in_service: false)pb")));
}

TEST(AuditListTest, EveryFilterReachesTheRequest) {
  ASSERT_OK_AND_ASSIGN(
      Args args, Parse("audit", "list",
                       {"--division", "640104", "--resource", "c-1", "--actor", "u-1", "--method",
                        "SuspendCertificate", "--action", "certificate.", "--outcome", "denied",
                        "--from", "2025-03-01T09:30:00+08:00", "--until",
                        "2025-03-02T09:30:00+08:00", "--page-size", "20"}));
  EXPECT_THAT(BuildListAuditEntries(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                division_code: "640104"
                resource_id: "c-1"
                actor: "u-1"
                method: "SuspendCertificate"
                action: "certificate."
                outcome: AUDIT_OUTCOME_DENIED
                start_time { seconds: 1740792600 }
                end_time { seconds: 1740879000 }
                page_size: 20
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("audit", "list", {"--outcome", "maybe"}));
  EXPECT_THAT(BuildListAuditEntries(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("outcome")));
  ASSERT_OK_AND_ASSIGN(Args late, Parse("audit", "list", {"--until", "yesterday"}));
  EXPECT_THAT(BuildListAuditEntries(late, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("until")));
}

TEST(CertListTest, TheExpiryWorklist) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("cert", "list", {"--expiring-within-days", "30"}));
  EXPECT_THAT(BuildListCertificates(args, kContext),
              IsOkAndHolds(EqualsProto(R"pb(expiring_within_days: 30)pb")));
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("cert", "list", {"--expiring-within-days", "400"}));
  EXPECT_THAT(BuildListCertificates(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--expiring-within-days")));
}

TEST(CertTransitionTest, ReasonAndOptionalEtag) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("cert", "revoke", {"c-1", "--reason", "违法违纪"}));
  EXPECT_THAT(BuildTransitionCertificate(args, kContext),
              IsOkAndHolds(EqualsProto(R"pb(id: "c-1" reason: "违法违纪")pb")));
  EXPECT_THAT(Parse("cert", "suspend", {"c-1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --reason"));
  EXPECT_THAT(Parse("cert", "cancel", {"--reason", "r"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing argument ID"));
}

TEST(CertQrTest, AsksForTheCertificatesCode) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("cert", "qr", {"c-1"}));
  EXPECT_THAT(BuildGetCertificateVerificationCode(args, kContext),
              IsOkAndHolds(EqualsProto(R"pb(id: "c-1")pb")));
  EXPECT_THAT(Parse("cert", "qr", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing argument ID"));
}

TEST(CertVerifyTest, TextOrNumberAndCode) {
  const std::string url = "https://zfjd.nx.gov.cn/verify?n=NX-2025-000777&c=0A1B2C3D4E";
  ASSERT_OK_AND_ASSIGN(Args text, Parse("cert", "verify", {"--text", url}));
  EXPECT_THAT(BuildVerifyCertificate(text, kContext),
              IsOkAndHolds(EqualsProto(
                  R"pb(text: "https://zfjd.nx.gov.cn/verify?n=NX-2025-000777&c=0A1B2C3D4E")pb")));
  ASSERT_OK_AND_ASSIGN(Args pair, Parse("cert", "verify", {"--text", "NX-2025-000777 0a1b2c3d4e"}));
  EXPECT_THAT(BuildVerifyCertificate(pair, kContext),
              IsOkAndHolds(EqualsProto(R"pb(text: "NX-2025-000777 0a1b2c3d4e")pb")));
  ASSERT_OK_AND_ASSIGN(
      Args fields, Parse("cert", "verify", {"--number", "NX-2025-000777", "--code", "0A1B2C3D4E"}));
  EXPECT_THAT(BuildVerifyCertificate(fields, kContext), IsOkAndHolds(EqualsProto(R"pb(
                number: "NX-2025-000777"
                code: "0A1B2C3D4E"
              )pb")));
}

TEST(CertVerifyTest, MissingOrConflictingFlagsAreNamed) {
  ASSERT_OK_AND_ASSIGN(Args none, Parse("cert", "verify", {}));
  EXPECT_THAT(BuildVerifyCertificate(none, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("missing required flag: --text, or --number and --code")));
  ASSERT_OK_AND_ASSIGN(Args number_only, Parse("cert", "verify", {"--number", "NX-1"}));
  EXPECT_THAT(
      BuildVerifyCertificate(number_only, kContext),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing required flag --code")));
  ASSERT_OK_AND_ASSIGN(Args code_only, Parse("cert", "verify", {"--code", "0A1B2C3D4E"}));
  EXPECT_THAT(
      BuildVerifyCertificate(code_only, kContext),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing required flag --number")));
  ASSERT_OK_AND_ASSIGN(Args both,
                       Parse("cert", "verify", {"--text", "NX-1 0A1B2C3D4E", "--code", "0A"}));
  EXPECT_THAT(BuildVerifyCertificate(both, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("give --text, or --number and --code, not both")));
}

TEST(EligibilityCheckTest, ManyOfficersAndAnInstant) {
  ASSERT_OK_AND_ASSIGN(Args args,
                       Parse("eligibility", "check",
                             {"--officer", "o1", "--officer", "o2", "--domain", "market_regulation",
                              "--at", "2024-03-01T09:30:00+08:00"}));
  EXPECT_THAT(BuildCheckEligibility(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                officer_ids: "o1"
                officer_ids: "o2"
                domain: "market_regulation"
                at_time { seconds: 1709256600 }
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("eligibility", "check",
                                       {"--officer", "o1", "--domain", "d", "--at", "2024-03-01"}));
  EXPECT_THAT(BuildCheckEligibility(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--at: want")));
}

TEST(TrainingRecordTest, HoursCategoryAndDate) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("training", "record",
                                        {"--officer", "o1", "--hours", "2.5", "--category",
                                         "public_legal", "--course", "行政处罚法", "--date",
                                         "2024-05-20", "--provider", "自治区司法厅"}));
  EXPECT_THAT(BuildRecordTraining(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                record {
                  officer_id: "o1"
                  hours: 2.5
                  category: TRAINING_CATEGORY_PUBLIC_LEGAL_KNOWLEDGE
                  course: "行政处罚法"
                  date { year: 2024 month: 5 day: 20 }
                  provider: "自治区司法厅"
                }
                request_id: "req-1"
              )pb")));
}

TEST(TrainingSummaryTest, NeedsExactlyOneScope) {
  ASSERT_OK_AND_ASSIGN(Args agency,
                       Parse("training", "summary", {"--agency", "a1", "--year", "2024"}));
  EXPECT_THAT(BuildGetTrainingSummary(agency, kContext),
              IsOkAndHolds(EqualsProto(R"pb(agency_id: "a1" year: 2024)pb")));
  ASSERT_OK_AND_ASSIGN(Args two, Parse("training", "summary",
                                       {"--agency", "a1", "--division", "6401", "--year", "2024"}));
  EXPECT_THAT(
      BuildGetTrainingSummary(two, kContext),
      StatusIs(absl::StatusCode::kInvalidArgument, "give only one of --agency and --division"));
  ASSERT_OK_AND_ASSIGN(Args none, Parse("training", "summary", {"--year", "2024"}));
  EXPECT_THAT(BuildGetTrainingSummary(none, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("one of --officer | --agency | --division")));
}

TEST(AssessmentRecordTest, ResultIsAnEnum) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("assessment", "record",
                                        {"--officer", "o1", "--year", "2023", "--result",
                                         "basically_competent", "--remarks", "ok"}));
  EXPECT_THAT(BuildRecordAssessment(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                assessment {
                  officer_id: "o1"
                  year: 2023
                  result: ASSESSMENT_RESULT_BASICALLY_COMPETENT
                  remarks: "ok"
                }
                request_id: "req-1"
              )pb")));
}

TEST(StaffingTest, AgencyOrDivision) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("staffing", "", {"--division", "640100"}));
  EXPECT_THAT(BuildGetStaffingCompliance(args, kContext),
              IsOkAndHolds(EqualsProto(R"pb(division_code: "640100")pb")));
  ASSERT_OK_AND_ASSIGN(Args none, Parse("staffing", "", {}));
  EXPECT_THAT(BuildGetStaffingCompliance(none, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing required flag")));
}

}  // namespace
}  // namespace lawenforce::ctl
