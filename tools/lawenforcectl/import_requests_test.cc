#include "tools/lawenforcectl/import_requests.h"

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/lawenforcectl/test_util.h"

namespace lawenforce::ctl {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

RequestContext Stdin(std::string text) {
  RequestContext context;
  context.read_stdin = [text]() -> absl::StatusOr<std::string> { return text; };
  return context;
}

TEST(ParseCsvTest, QuotesCommasLineBreaksCrlfAndABom) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows, ParseCsv("\xEF\xBB\xBF"
                                                          "Source_ID,name\r\n"
                                                          "a,\"x, \"\"y\"\"\"\r\n"
                                                          "\n"
                                                          "b,\"two\nlines\"\n"
                                                          "c,\n",
                                                          {"source_id", "name"}, {"source_id"}));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells.at("name"), "x, \"y\"");
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[1].cells.at("name"), "two\nlines");
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[2].cells.at("name"), "");
  EXPECT_EQ(rows[2].line, 6);
}

TEST(ParseCsvTest, BadHeadersAndRowsAreNamedByLine) {
  const std::vector<std::string> known = {"source_id", "name"};
  EXPECT_THAT(ParseCsv("source_id,nmae\n", known, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown column \"nmae\"")));
  EXPECT_THAT(ParseCsv("name\n", known, {"source_id"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing column")));
  EXPECT_THAT(ParseCsv("name,name\n", known, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("twice")));
  EXPECT_THAT(ParseCsv("source_id,name\na,b\nc\n", known, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--file line 3: 1 fields")));
  EXPECT_THAT(ParseCsv("source_id,name\na,\"b\n", known, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 2: a quoted field")));
  EXPECT_THAT(ParseCsv("source_id,name\na,b\"c\n", known, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("a quote inside")));
  EXPECT_THAT(ParseCsv("", known, {}), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ImportOfficersTest, RowsBecomeRecordsInBatches) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("import", "officers",
                                        {"--source-system", "nx-hr", "--file", "-", "--batch", "2",
                                         "--validate-only"}));
  ASSERT_OK_AND_ASSIGN(
      std::vector<personnel::v1::ImportOfficersRequest> calls,
      BuildImportOfficers(args, Stdin("source_id,name,id_number,roles,agency_source_id\n"
                                      "P-1,张三,11010519491231002X,officer;Legal_Reviewer,ORG-1\n"
                                      "P-2,李四,110105194912310021,officer,ORG-1\n"
                                      "P-3,王五,110105194912310030,supervisor,ORG-2\n")));
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_THAT(
      calls[0], EqualsProto(R"pb(
        source_system: "nx-hr"
        validate_only: true
        officers {
          source_id: "P-1"
          agency_source_id: "ORG-1"
          officer {
            name: "张三"
            id_number: "11010519491231002X"
            roles: [ OFFICER_ROLE_OFFICER, OFFICER_ROLE_LEGAL_REVIEWER ]
          }
        }
        officers {
          source_id: "P-2"
          agency_source_id: "ORG-1"
          officer { name: "李四" id_number: "110105194912310021" roles: OFFICER_ROLE_OFFICER }
        }
      )pb"));
  EXPECT_EQ(calls[1].officers(0).source_id(), "P-3");
}

TEST(ImportOfficersTest, ABadCellIsNamedByLineAndColumn) {
  ASSERT_OK_AND_ASSIGN(Args args,
                       Parse("import", "officers", {"--source-system", "nx-hr", "--file", "-"}));
  EXPECT_THAT(BuildImportOfficers(args, Stdin("source_id,name,id_number,roles\n"
                                              "P-1,张三,11010519491231002X,chief\n")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--file line 2, column roles: want one of")));
  EXPECT_THAT(BuildImportOfficers(args, Stdin("source_id,name,id_number,roles\n")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no records")));
}

TEST(ImportAgenciesAndTrainingTest, ColumnsMapToTheRecords) {
  ASSERT_OK_AND_ASSIGN(Args args,
                       Parse("import", "agencies", {"--source-system", "nx-hr", "--file", "-"}));
  ASSERT_OK_AND_ASSIGN(
      std::vector<personnel::v1::ImportAgenciesRequest> agencies,
      BuildImportAgencies(args, Stdin("source_id,name,division_code,domains,require_training\n"
                                      "ORG-1,兴庆区市场监管局,640104,market_regulation;ecology,"
                                      "true\n")));
  EXPECT_THAT(agencies[0].agencies(0), EqualsProto(R"pb(
                source_id: "ORG-1"
                agency {
                  name: "兴庆区市场监管局"
                  division_code: "640104"
                  domains: [ "market_regulation", "ecology" ]
                  require_training_for_eligibility: true
                }
              )pb"));
  EXPECT_THAT(BuildImportAgencies(args, Stdin("source_id,name,division_code,domains,"
                                              "require_training\nO,n,640104,d,maybe\n")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column require_training")));

  ASSERT_OK_AND_ASSIGN(Args targs,
                       Parse("import", "training", {"--source-system", "nx-hr", "--file", "-"}));
  ASSERT_OK_AND_ASSIGN(
      std::vector<personnel::v1::ImportTrainingRecordsRequest> training,
      BuildImportTraining(targs, Stdin("source_id,officer_source_id,date,hours,category,course,"
                                       "provider\nT-1,P-1,2025-05-20,1.5,business,行政处罚法,"
                                       "司法厅\n")));
  EXPECT_THAT(training[0].records(0), EqualsProto(R"pb(
                source_id: "T-1"
                officer_source_id: "P-1"
                record {
                  date { year: 2025 month: 5 day: 20 }
                  hours: 1.5
                  category: TRAINING_CATEGORY_BUSINESS_KNOWLEDGE
                  course: "行政处罚法"
                  provider: "司法厅"
                }
              )pb"));
  EXPECT_THAT(BuildImportTraining(targs, Stdin("source_id,date,hours,category,course,provider\n"
                                               "T-1,2025-5-20,1,business,c,p\n")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column date")));
}

}  // namespace
}  // namespace lawenforce::ctl
