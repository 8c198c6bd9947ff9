#include "tools/lawenforcectl/render.h"

#include <string>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "lawenforce/cases/v1/cases.pb.h"
#include "lawenforce/personnel/v1/personnel.pb.h"

namespace lawenforce::ctl {
namespace {

namespace v1 = ::lawenforce::personnel::v1;
using ::testing::HasSubstr;
using ::testing::Not;

template <typename M>
M FromText(const std::string& text) {
  M message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

v1::ListCertificatesResponse TwoCertificates() {
  return FromText<v1::ListCertificatesResponse>(R"pb(
    certificates {
      id: "c-1"
      number: "NX-0001"
      officer_id: "o-1"
      division_code: "640104"
      kind: CERTIFICATE_KIND_ENFORCEMENT
      domains: "market_regulation"
      domains: "food_safety"
      valid_from { year: 2024 month: 1 day: 1 }
      valid_until { year: 2026 month: 12 day: 31 }
      state: CERTIFICATE_STATE_ACTIVE
      create_time { seconds: 1704067200 }
      etag: "e1"
    }
    certificates {
      id: "c-22"
      number: "NX-0002"
      officer_id: "o-2"
      division_code: "640104001"
      kind: CERTIFICATE_KIND_SUPERVISION
      domains: "market_regulation"
      valid_from { year: 2023 month: 6 day: 1 }
      valid_until { year: 2024 month: 5 day: 31 }
      state: CERTIFICATE_STATE_SUSPENDED
      state_reason: "暂扣：材料不全"
      review_required: true
      etag: "e2"
    }
    next_page_token: "p2"
  )pb");
}

TEST(RenderTextTest, ListResponseIsAnAlignedTable) {
  // AGENCY_ID and UPDATE_TIME are empty in every row and left out; the
  // Chinese reason is 14 columns wide.
  EXPECT_EQ(
      RenderText(TwoCertificates()),
      "ID    NUMBER   OFFICER_ID  DIVISION_CODE  KIND         DOMAINS                        "
      "VALID_FROM  VALID_UNTIL  STATE      STATE_REASON    REVIEW_REQUIRED  CREATE_TIME       "
      "         ETAG\n"
      "c-1   NX-0001  o-1         640104         ENFORCEMENT  market_regulation,food_safety  "
      "2024-01-01  2026-12-31   ACTIVE                     false            "
      "2024-01-01T08:00:00+08:00  e1\n"
      "c-22  NX-0002  o-2         640104001      SUPERVISION  market_regulation              "
      "2023-06-01  2024-05-31   SUSPENDED  暂扣：材料不全  true                             "
      "           e2\n"
      "next page: --page-token p2  (or --all)\n");
}

TEST(RenderTextTest, EmptyListSaysSo) {
  EXPECT_EQ(RenderText(v1::ListCertificatesResponse()), "(no certificates)\n");
}

TEST(RenderTextTest, SingleResourceIsAFieldListing) {
  v1::Certificate certificate = TwoCertificates().certificates(1);
  EXPECT_EQ(RenderText(certificate),
            "id:              c-22\n"
            "number:          NX-0002\n"
            "officer_id:      o-2\n"
            "division_code:   640104001\n"
            "kind:            SUPERVISION\n"
            "domains:         market_regulation\n"
            "valid_from:      2023-06-01\n"
            "valid_until:     2024-05-31\n"
            "state:           SUSPENDED\n"
            "state_reason:    暂扣：材料不全\n"
            "review_required: true\n"
            "etag:            e2\n");
}

TEST(RenderTextTest, ListingShowsNestedFieldsAndRepeatedMessagesAsTables) {
  auto staffing = FromText<v1::StaffingCompliance>(R"pb(
    total { officer_count: 40 legal_reviewer_count: 1 required_legal_reviewers: 2 }
    agencies {
      agency_id: "a-1"
      agency_name: "兴庆区市场监管局"
      division_code: "640104"
      figures {
        officer_count: 40
        legal_reviewer_count: 1
        required_legal_reviewers: 2
        legal_reviewer_ratio: 0.025
      }
    }
  )pb");
  EXPECT_EQ(RenderText(staffing),
            "total.officer_count:            40\n"
            "total.legal_reviewer_count:     1\n"
            "total.required_legal_reviewers: 2\n"
            "total.legal_reviewer_ratio:     0\n"
            "total.compliant:                false\n"
            "compliant_agency_count:         0\n"
            "noncompliant_agency_count:      0\n"
            "legal_reviewer_shortfall:       0\n"
            "agencies:\n"
            "  AGENCY_ID  AGENCY_NAME       DIVISION_CODE  FIGURES.OFFICER_COUNT  "
            "FIGURES.LEGAL_REVIEWER_COUNT  FIGURES.REQUIRED_LEGAL_REVIEWERS  "
            "FIGURES.LEGAL_REVIEWER_RATIO  FIGURES.COMPLIANT\n"
            "  a-1        兴庆区市场监管局  640104         40                     "
            "1                             2                                 "
            "0.025                         false\n"
            "divisions: (none)\n");
}

TEST(RenderTextTest, EnumsLoseTheirPrefixAndUnknownValuesShowTheNumber) {
  v1::CertificateEvent event;
  event.set_sequence(1);
  event.set_to_state(v1::CERTIFICATE_STATE_ACTIVE);
  v1::GetCertificateHistoryResponse history;
  *history.add_events() = event;
  event.set_sequence(2);
  event.set_from_state(v1::CERTIFICATE_STATE_ACTIVE);
  event.set_to_state(static_cast<v1::CertificateState>(42));
  event.set_reason("line one\nline two");
  *history.add_events() = event;
  EXPECT_EQ(RenderText(history),
            "SEQUENCE  FROM_STATE   TO_STATE  REASON\n"
            "1         UNSPECIFIED  ACTIVE\n"
            "2         ACTIVE       42        line one\\nline two\n");
}

TEST(RenderJsonTest, UsesProtoNamesAndPrintsDefaults) {
  v1::EligibilityVerdict verdict;
  verdict.set_officer_id("o-1");
  verdict.set_reason(v1::ELIGIBILITY_REASON_SUSPENDED);
  std::string json = RenderJson(verdict);
  EXPECT_THAT(json, HasSubstr("\"officer_id\": \"o-1\""));
  EXPECT_THAT(json, HasSubstr("\"eligible\": false"));
  EXPECT_THAT(json, HasSubstr("\"reason\": \"ELIGIBILITY_REASON_SUSPENDED\""));
  EXPECT_THAT(json, Not(HasSubstr("officerId")));
  EXPECT_EQ(json.back(), '\n');
}

TEST(ParseOutputFormatTest, TableOrJson) {
  EXPECT_THAT(ParseOutputFormat("json"), lawenforce::testing::IsOkAndHolds(OutputFormat::kJson));
  EXPECT_THAT(ParseOutputFormat("yaml"),
              lawenforce::testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr("--output: want one of table|json")));
}

TEST(RenderTextTest, AZeroTimestampIsShownAsEmpty) {
  // A server that sets a Timestamp field without a value sends the epoch:
  // no moment of this domain.
  auto c = FromText<::lawenforce::cases::v1::Case>(R"pb(
    id: "case-1"
    hearing_time {}
    notify_time { seconds: 1740792600 }
  )pb");
  std::string text = RenderText(c);
  EXPECT_THAT(text, Not(HasSubstr("hearing_time")));
  EXPECT_THAT(text, Not(HasSubstr("1970")));
  EXPECT_THAT(text, HasSubstr("notify_time:            2025-03-01T09:30:00+08:00\n"));
  EXPECT_THAT(RenderJson(c), HasSubstr("\"hearing_time\": \"1970-01-01T00:00:00Z\""));
}

}  // namespace
}  // namespace lawenforce::ctl
