#include "services/task/domain/report_render.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/task/domain/report.h"

namespace lawenforce::tasks {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

absl::Time Cst(int y, int m, int d, int hh = 0, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), ChinaTimeZone());
}

// Yinchuan's 2025 report, generated after the year closed: a few counts,
// the indicators computed from them, one plan and two sources.
AnnualReport CityReport() {
  AnnualReport r;
  r.id = "r-1";
  r.division_code = "640100";
  r.scope_name = "银川市";
  r.tier = Tier::kCity;
  r.year = 2025;
  r.version = 3;
  r.as_of = Cst(2026, 1, 1);
  r.closed_period = true;
  r.generate_time = Cst(2026, 1, 5, 9, 30);
  PersonnelFigures& p = r.figures.personnel;
  p.officers = 120;
  p.legal_reviewers = 5;
  p.required_legal_reviewers = 6;
  p.agencies_compliant = 3;
  p.agencies_noncompliant = 1;
  p.required_training_hours = 60;
  p.training_officers = 110;
  p.training_compliant_officers = 99;
  CaseFigures& c = r.figures.cases;
  c.cases_filed = 11;
  c.filed_by_kind = {{"ITEM_KIND_PENALTY", 8}, {"ITEM_KIND_COERCION", 3}};
  c.by_state = {{"CASE_STATE_CLOSED", 7}, {"CASE_STATE_INVESTIGATING", 4}};
  c.cases_ended = 7;
  c.decisions = 8;
  c.decisions_by_outcome = {{"OUTCOME_PENALTY", 6}, {"OUTCOME_NO_PENALTY_FIRST_VIOLATION", 2}};
  c.average_days_to_decision = 12.34;
  c.p90_days_to_decision = 30;
  c.published_on_time = 7;
  c.published_late = 1;
  c.publications_due = 8;
  c.overdue_by_clock = {{"CLOCK_KIND_DECISION", 1}};
  // No major decisions: that indicator is undefined.
  ComplaintFigures& s = r.figures.complaints;
  s.available = true;
  s.complaints_received = 5;
  s.by_channel = {{"CHANNEL_HOTLINE_12345", 4}, {"CHANNEL_WEB", 1}};
  s.escalations_by_tier = {{"TIER_COUNTY", 2}};
  s.resolved = 4;
  s.resolved_on_time = 3;
  s.rated = 4;
  s.satisfied = 3;
  PlanFigures plan;
  plan.plan_id = "ningxia-2023-2025";
  plan.plan_title = "提升行政执法质量三年行动计划";
  plan.plan_status = PlanStatus::kActive;
  plan.total = {10, 2, 3, 4, 1};
  r.figures.plans = {plan};
  r.figures.sources = {
      {"case-service", "lawenforce.cases.v1.CaseService/GetCaseStatistics",
       "division_code=640100 2025-01-01..2025-12-31", Cst(2026, 1, 5, 9, 29), true},
      {"personnel-service", "lawenforce.personnel.v1.PersonnelService/GetStaffingCompliance",
       "division_code=640100", Cst(2026, 1, 5, 9, 29), false},
  };
  r.indicators = ComputeIndicators(r.figures);
  return r;
}

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

AnnualReport AgencyReport() {
  AnnualReport r = CityReport();
  r.agency_id = "agency-7";
  r.scope_name = "银川市市场监督管理局";
  r.figures.complaints = ComplaintFigures{};
  r.indicators = ComputeIndicators(r.figures);
  return r;
}

TEST(RenderMarkdownTest, ShowsTheHeaderAndEverySection) {
  const std::string md = RenderMarkdown(CityReport());
  EXPECT_THAT(md, HasSubstr("# 银川市2025年度行政执法工作报告\n"));
  EXPECT_THAT(md, HasSubstr("- 范围：银川市（市级，行政区划代码 640100）"));
  EXPECT_THAT(md, HasSubstr("- 年度：2025年"));
  EXPECT_THAT(md, HasSubstr("- 版本：v3"));
  EXPECT_THAT(md, HasSubstr("- 状态：草稿"));
  EXPECT_THAT(md, HasSubstr("- 数据截至：2026年1月1日 00:00（北京时间）"));
  EXPECT_THAT(md, HasSubstr("- 统计期：年度已结束"));
  for (const char* heading : {"## 一、执法队伍", "## 二、行政执法案件", "## 三、投诉举报与监督",
                              "## 四、规划任务推进", "## 五、执法效能指标", "## 六、数据来源"}) {
    EXPECT_THAT(md, HasSubstr(absl::StrCat("\n", heading, "\n"))) << heading;
  }
}

TEST(RenderMarkdownTest, ShowsTheFiguresInTables) {
  const std::string md = RenderMarkdown(CityReport());
  EXPECT_THAT(md, HasSubstr("| 执法人员（人） | 120 |"));
  EXPECT_THAT(md, HasSubstr("| 年度培训达到60学时的执法人员（人） | 99 |"));
  EXPECT_THAT(md, HasSubstr("| 立案（件） | 11 |"));
  EXPECT_THAT(md, HasSubstr("| 行政处罚 | 8 |"));
  EXPECT_THAT(md, HasSubstr("| 行政强制 | 3 |"));
  EXPECT_THAT(md, HasSubstr("| 调查取证 | 4 |"));
  EXPECT_THAT(md, HasSubstr("| 首违不罚 | 2 |"));
  EXPECT_THAT(md, HasSubstr("| 作出处罚决定期限 | 1 |"));
  EXPECT_THAT(md, HasSubstr("| 立案至作出决定平均用时（天） | 12.3 |"));
  EXPECT_THAT(md, HasSubstr("| 立案至作出决定用时第90百分位（天） | 30.0 |"));
  EXPECT_THAT(md, HasSubstr("| 12345政务服务便民热线 | 4 |"));
  EXPECT_THAT(md, HasSubstr("| 县级 | 2 |"));
  EXPECT_THAT(md, HasSubstr("| 提升行政执法质量三年行动计划 | 实施中 | 10 | 4 | 3 | 2 | 1 |"));
  EXPECT_THAT(md,
              HasSubstr("| `case-service` | `lawenforce.cases.v1.CaseService/GetCaseStatistics` "
                        "| `division_code=640100 2025-01-01..2025-12-31` "
                        "| 2026年1月5日 09:29 | 已结束（数据不再变化） |"));
  EXPECT_THAT(md, HasSubstr("| 进行中 |"));
}

TEST(RenderMarkdownTest, ShowsIndicatorsAsPercentsAndUndefinedAsDash) {
  const std::string md = RenderMarkdown(CityReport());
  EXPECT_THAT(md, HasSubstr("| 行政执法决定按时公开率 | 7/8 | 87.5% |"));
  EXPECT_THAT(md, HasSubstr("| 重大执法决定法制审核率 | 0/0 | — |"));
  EXPECT_THAT(md, HasSubstr("| 投诉处理满意率 | 3/4 | 75.0% |"));
  EXPECT_THAT(md, HasSubstr("| 执法人员年度培训达标率 | 99/110 | 90.0% |"));
  EXPECT_THAT(md, HasSubstr("`satisfied (rated 4 or 5) / rated`"));
}

TEST(RenderMarkdownTest, AnAgencyReportExplainsWhyComplaintsAreMissing) {
  const std::string md = RenderMarkdown(AgencyReport());
  EXPECT_THAT(md, HasSubstr("# 银川市市场监督管理局2025年度行政执法工作报告"));
  EXPECT_THAT(md, HasSubstr("- 单位：银川市市场监督管理局（执法机关，所在行政区划代码 640100）"));
  EXPECT_THAT(md, HasSubstr("按行政区划统计，不按执法机关单独统计"));
  EXPECT_THAT(md, Not(HasSubstr("收到投诉举报")));
  EXPECT_THAT(md, Not(HasSubstr("投诉举报按渠道")));
  EXPECT_THAT(md, Not(HasSubstr("投诉处理满意率")));
  // The case figures are still there.
  EXPECT_THAT(md, HasSubstr("| 行政执法决定按时公开率 | 7/8 | 87.5% |"));
}

TEST(RenderMarkdownTest, APublishedReportInProgressSaysSo) {
  AnnualReport r = CityReport();
  r.state = ReportState::kPublished;
  r.publish_time = Cst(2026, 1, 10, 14, 5);
  r.closed_period = false;
  r.figures.plans.clear();
  const std::string md = RenderMarkdown(r);
  EXPECT_THAT(md, HasSubstr("- 状态：已公开（2026年1月10日 14:05 公开）"));
  EXPECT_THAT(md, HasSubstr("- 统计期：年度进行中（数据截至生成时）"));
  EXPECT_THAT(md, HasSubstr("## 四、规划任务推进\n\n本年度无纳入统计的规划任务。\n"));
}

TEST(RenderHtmlTest, IsACompleteSelfContainedDocument) {
  const std::string html = RenderHtml(CityReport());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_THAT(html, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("<title>银川市2025年度行政执法工作报告</title>"));
  EXPECT_THAT(html, HasSubstr("<h2>五、执法效能指标</h2>"));
  EXPECT_THAT(html, HasSubstr("</html>\n"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
}

TEST(RenderHtmlTest, DrawsBarsProportionalToTheLargestValue) {
  const std::string html = RenderHtml(CityReport());
  EXPECT_THAT(html, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                              "aria-label=\"立案案件按执法类别\""));
  EXPECT_THAT(html, HasSubstr("<title>立案案件按执法类别</title>"));
  // Filed by kind: 8 is the widest bar, 3 is 3/8 of it.
  const size_t chart = html.find("<title>立案案件按执法类别</title>");
  const size_t end = html.find("</svg>", chart);
  const std::string svg = html.substr(chart, end - chart);
  EXPECT_THAT(svg, HasSubstr(">行政处罚</text><rect class=\"bar\""));
  EXPECT_THAT(svg, HasSubstr("width=\"400\" height=\"16\"/>"));
  EXPECT_THAT(svg, HasSubstr("width=\"150\" height=\"16\"/>"));
  // Channels: 4 and 1.
  EXPECT_THAT(html, HasSubstr("aria-label=\"投诉举报按渠道\""));
  EXPECT_THAT(html, HasSubstr("width=\"100\" height=\"16\"/>"));
  // Indicators on a 0-100% scale: 87.5% is 350 wide; the undefined one has
  // no bar, only its dash.
  EXPECT_THAT(html, HasSubstr("aria-label=\"执法效能指标\""));
  EXPECT_THAT(html, HasSubstr("width=\"350\" height=\"16\"/><text"));
  EXPECT_THAT(html, HasSubstr(">87.5%</text>"));
  EXPECT_THAT(html, HasSubstr(">重大执法决定法制审核率</text><text"));
}

TEST(RenderHtmlTest, AChartWithoutDataSaysSo) {
  AnnualReport r = CityReport();
  r.figures.cases.decisions_by_outcome = {{"OUTCOME_PENALTY", 0}};
  r.figures.complaints.by_channel.clear();
  const std::string html = RenderHtml(r);
  EXPECT_THAT(html, Not(HasSubstr("aria-label=\"执法决定按结果\"")));
  EXPECT_THAT(html,
              HasSubstr("<figcaption>执法决定按结果</figcaption>\n<p class=\"nodata\">无数据</p>"));
  EXPECT_THAT(html, Not(HasSubstr("aria-label=\"投诉举报按渠道\"")));
}

TEST(RenderHtmlTest, AnAgencyReportHasNoComplaintTableOrChart) {
  const std::string html = RenderHtml(AgencyReport());
  EXPECT_THAT(html, HasSubstr("按行政区划统计，不按执法机关单独统计"));
  EXPECT_THAT(html, Not(HasSubstr("收到投诉举报")));
  EXPECT_THAT(html, Not(HasSubstr("投诉举报按渠道")));
}

TEST(RenderTest, ReportTextIsEscapedEverywhere) {
  AnnualReport r = CityReport();
  r.scope_name = "<script>alert(1)</script>&\"'";
  r.figures.plans[0].plan_title = "<b>计划</b>";
  r.figures.sources[0].request = "a<b>&c";
  r.figures.cases.filed_by_kind.push_back({"<img src=x onerror=alert(1)>", 1});
  r.indicators[0].name = "\"><svg onload=alert(1)>";
  const std::string html = RenderHtml(r);
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("<svg onload")));
  EXPECT_THAT(html, HasSubstr("<title>&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;2025"));
  EXPECT_THAT(html, HasSubstr("&lt;b&gt;计划&lt;/b&gt;"));
  EXPECT_THAT(html, HasSubstr("<code>a&lt;b&gt;&amp;c</code>"));
  EXPECT_THAT(html, HasSubstr("&lt;img src=x onerror=alert(1)&gt;</text>"));
  EXPECT_THAT(html, HasSubstr("&quot;&gt;&lt;svg onload=alert(1)&gt;"));
  // Markdown passes inline HTML through to its viewer: escaped there too.
  const std::string md = RenderMarkdown(r);
  EXPECT_GT(Count(md, "<script"), 0);
  EXPECT_EQ(Count(md, "<script"), Count(md, "\\<script"));
  EXPECT_THAT(md, HasSubstr("# \\<script\\>alert(1)\\</script\\>&\"'2025年度"));
}

TEST(RenderTest, SameReportSameBytes) {
  EXPECT_EQ(RenderMarkdown(CityReport()), RenderMarkdown(CityReport()));
  EXPECT_EQ(RenderHtml(CityReport()), RenderHtml(CityReport()));
  EXPECT_EQ(RenderHtml(AgencyReport()), RenderHtml(AgencyReport()));
}

TEST(KeyLabelTest, NamesTheEnumValuesInChinese) {
  EXPECT_EQ(KeyLabel("ITEM_KIND_PENALTY"), "行政处罚");
  EXPECT_EQ(KeyLabel("ITEM_KIND_INSPECTION"), "行政检查");
  EXPECT_EQ(KeyLabel("CASE_STATE_LEGAL_REVIEW"), "法制审核");
  EXPECT_EQ(KeyLabel("CASE_STATE_WITHDRAWN"), "撤销立案");
  EXPECT_EQ(KeyLabel("OUTCOME_NO_PENALTY_FIRST_VIOLATION"), "首违不罚");
  EXPECT_EQ(KeyLabel("CHANNEL_HOTLINE_12345"), "12345政务服务便民热线");
  EXPECT_EQ(KeyLabel("TIER_REGION"), "自治区级");
  EXPECT_EQ(KeyLabel("TIER_TOWNSHIP"), "乡镇（街道）级");
}

TEST(KeyLabelTest, AnUnknownKeyIsItself) {
  EXPECT_EQ(KeyLabel("ITEM_KIND_LICENSING"), "ITEM_KIND_LICENSING");
  EXPECT_EQ(KeyLabel(""), "");
}

}  // namespace
}  // namespace lawenforce::tasks
