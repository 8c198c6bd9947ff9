#include "services/task/domain/report_render.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/time/clock.h"

namespace lawenforce::tasks {
namespace {

// Both renderings are drawn from one neutral document, so the Markdown and
// the HTML always carry the same sections and figures. Every string in it
// is plain text; each renderer escapes for its own syntax.

struct Column {
  std::string name;
  bool numeric = false;  // right-aligned
  bool code = false;     // identifiers and formulas, shown as code
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
};

struct Bar {
  std::string label;
  double value = 0;  // a count, or a share in [0, 1] for a percent chart
  bool defined = true;
  std::string shown;  // the value as printed beside the bar
};

// A horizontal bar chart (HTML only): bars scaled to the largest value, or
// to 100% for a percent chart.
struct Chart {
  std::string title;
  bool percent = false;
  std::vector<Bar> bars;
};

struct Block {
  enum class Kind { kText, kSubheading, kTable, kChart };
  Kind kind = Kind::kText;
  std::string text;
  Table table;
  Chart chart;
};

struct DocSection {
  std::string heading;
  std::vector<Block> blocks;
};

struct Document {
  std::string title;
  std::vector<std::pair<std::string, std::string>> header;
  std::vector<DocSection> sections;
};

// ---------------------------------------------------------------- numbers

std::string Int(int64_t n) { return absl::StrCat(n); }
std::string OneDecimal(double d) { return absl::StrFormat("%.1f", d); }

std::string Percent(const std::optional<double>& v) {
  if (!v.has_value()) return "—";
  return absl::StrFormat("%.1f%%", *v * 100);
}

// Whole numbers plain ("60"), otherwise one decimal ("40.5"): training
// hours and SVG coordinates.
std::string Trimmed(double h) {
  std::string s = OneDecimal(h);
  if (absl::string_view(s).substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  return s;
}

// "2026年1月1日 00:00", China Standard Time.
std::string CstTime(absl::Time t) {
  const absl::CivilMinute m = absl::ToCivilMinute(t, ChinaTimeZone());
  return absl::StrFormat("%d年%d月%d日 %02d:%02d", m.year(), m.month(), m.day(), m.hour(),
                         m.minute());
}

// ---------------------------------------------------------------- document

Block Text(std::string text) {
  Block b;
  b.text = std::move(text);
  return b;
}

Block Subheading(std::string text) {
  Block b = Text(std::move(text));
  b.kind = Block::Kind::kSubheading;
  return b;
}

// A two-column table of figures: label, value.
Block Figures(std::vector<std::pair<std::string, std::string>> rows) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table.columns = {{"项目"}, {"数值", true}};
  for (auto& [label, value] : rows) b.table.rows.push_back({label, value});
  return b;
}

// A breakdown by key: a subheading, then its table and bar chart, or a
// sentence when there is nothing to break down.
void AddBreakdown(std::vector<Block>& blocks, const std::string& title, const std::string& key_name,
                  const std::string& unit, const std::vector<KeyCount>& counts) {
  blocks.push_back(Subheading(title));
  if (counts.empty()) {
    blocks.push_back(Text("无。"));
    return;
  }
  Block table;
  table.kind = Block::Kind::kTable;
  table.table.columns = {{key_name}, {absl::StrCat("数量（", unit, "）"), true}};
  Block chart;
  chart.kind = Block::Kind::kChart;
  chart.chart.title = title;
  for (const KeyCount& c : counts) {
    table.table.rows.push_back({KeyLabel(c.key), Int(c.count)});
    chart.chart.bars.push_back({KeyLabel(c.key), static_cast<double>(c.count), true, Int(c.count)});
  }
  blocks.push_back(std::move(table));
  blocks.push_back(std::move(chart));
}

// Overdue clocks read better as a table alone: they are few and small.
void AddTableOnly(std::vector<Block>& blocks, const std::string& title, const std::string& key_name,
                  const std::string& unit, const std::vector<KeyCount>& counts,
                  const std::string& none) {
  blocks.push_back(Subheading(title));
  if (counts.empty()) {
    blocks.push_back(Text(none));
    return;
  }
  Block table;
  table.kind = Block::Kind::kTable;
  table.table.columns = {{key_name}, {absl::StrCat("数量（", unit, "）"), true}};
  for (const KeyCount& c : counts) table.table.rows.push_back({KeyLabel(c.key), Int(c.count)});
  blocks.push_back(std::move(table));
}

std::string TierLabel(Tier t) {
  switch (t) {
    case Tier::kRegion:
      return "自治区级";
    case Tier::kCity:
      return "市级";
    case Tier::kCounty:
      return "县级";
    case Tier::kTownship:
      return "乡镇（街道）级";
  }
  return "";
}

std::string PlanStatusLabel(PlanStatus s) {
  switch (s) {
    case PlanStatus::kUpcoming:
      return "未开始";
    case PlanStatus::kActive:
      return "实施中";
    case PlanStatus::kEnded:
      return "已结束";
  }
  return "";
}

DocSection Personnel(const PersonnelFigures& p) {
  DocSection s{"一、执法队伍", {}};
  s.blocks.push_back(Figures({
      {"执法人员（人）", Int(p.officers)},
      {"法制审核人员（人）", Int(p.legal_reviewers)},
      {"应配备法制审核人员（人，按执法人员5%计）", Int(p.required_legal_reviewers)},
      {"法制审核人员配备达标的执法机关（个）", Int(p.agencies_compliant)},
      {"法制审核人员配备未达标的执法机关（个）", Int(p.agencies_noncompliant)},
      {"纳入培训统计的执法人员（人）", Int(p.training_officers)},
      {absl::StrCat("年度培训达到", Trimmed(p.required_training_hours), "学时的执法人员（人）"),
       Int(p.training_compliant_officers)},
  }));
  return s;
}

DocSection Cases(const CaseFigures& c) {
  DocSection s{"二、行政执法案件", {}};
  s.blocks.push_back(Figures({
      {"立案（件）", Int(c.cases_filed)},
      {"办结（结案、撤销立案或移送）（件）", Int(c.cases_ended)},
      {"作出执法决定（件）", Int(c.decisions)},
      {"其中应经法制审核的重大执法决定（件）", Int(c.decisions_review_required)},
      {"经法制审核后作出的重大执法决定（件）", Int(c.decisions_review_required_reviewed)},
      {"偏离裁量基准并书面说明理由（件）", Int(c.benchmark_deviations)},
      {"完成法制审核（次）", Int(c.legal_reviews)},
      {"法制审核退回（次）", Int(c.legal_reviews_returned)},
      {"应公开的执法决定（件）", Int(c.publications_due)},
      {"按时公开（件）", Int(c.published_on_time)},
      {"逾期公开（件）", Int(c.published_late)},
      {"逾期未公开（件）", Int(c.publications_overdue)},
      {"涉嫌犯罪案件报告移送（件）", Int(c.transfers_reported)},
      {"涉嫌犯罪案件已移交（件）", Int(c.transfers_handed_over)},
      {"立案至作出决定平均用时（天）", OneDecimal(c.average_days_to_decision)},
      {"立案至作出决定用时第90百分位（天）", OneDecimal(c.p90_days_to_decision)},
  }));
  AddBreakdown(s.blocks, "立案案件按执法类别", "执法类别", "件", c.filed_by_kind);
  AddTableOnly(s.blocks, "立案案件按数据截至时所处环节", "办理环节", "件", c.by_state, "无。");
  AddBreakdown(s.blocks, "执法决定按结果", "决定结果", "件", c.decisions_by_outcome);
  AddTableOnly(s.blocks, "超期未办的法定期限（按期限类别）", "期限类别", "件", c.overdue_by_clock,
               "数据截至时无超期未办的法定期限。");
  return s;
}

DocSection Complaints(const ComplaintFigures& f) {
  DocSection s{"三、投诉举报与监督", {}};
  if (!f.available) {
    s.blocks.push_back(
        Text("投诉举报、案卷评查和问题整改数据由监督部门按行政区划统计，不按执法机关单独统计，"
             "本单位报告不列示；请查阅所在行政区划的年度报告。"));
    return s;
  }
  s.blocks.push_back(Figures({
      {"收到投诉举报（件）", Int(f.complaints_received)},
      {"其中民营企业投诉（件）", Int(f.from_private_enterprises)},
      {"办结（件）", Int(f.resolved)},
      {"按时办结（件）", Int(f.resolved_on_time)},
      {"办理用时中位数（天）", OneDecimal(f.median_handling_days)},
      {"办理用时第90百分位（天）", OneDecimal(f.p90_handling_days)},
      {"投诉人作出评价（件）", Int(f.rated)},
      {"评价满意（4分或5分）（件）", Int(f.satisfied)},
      {"平均评分（分）", OneDecimal(f.average_satisfaction)},
      {"评查案卷（卷）", Int(f.cases_reviewed)},
      {"案卷评查平均得分（分）", OneDecimal(f.average_review_score)},
      {"发出整改（项）", Int(f.rectifications_opened)},
      {"完成整改（项）", Int(f.rectifications_completed)},
      {"按期完成整改（项）", Int(f.rectifications_completed_on_time)},
      {"逾期未完成整改（项）", Int(f.rectifications_overdue)},
  }));
  AddBreakdown(s.blocks, "投诉举报按渠道", "渠道", "件", f.by_channel);
  AddBreakdown(s.blocks, "超期升级（按超期所在层级）", "超期层级", "次", f.escalations_by_tier);
  return s;
}

DocSection Plans(const std::vector<PlanFigures>& plans) {
  DocSection s{"四、规划任务推进", {}};
  if (plans.empty()) {
    s.blocks.push_back(Text("本年度无纳入统计的规划任务。"));
    return s;
  }
  Block b;
  b.kind = Block::Kind::kTable;
  b.table.columns = {{"规划"},         {"状态"},         {"分派任务", true}, {"已完成", true},
                     {"进行中", true}, {"未开始", true}, {"已逾期", true}};
  for (const PlanFigures& p : plans) {
    b.table.rows.push_back({p.plan_title, PlanStatusLabel(p.plan_status), Int(p.total.assignments),
                            Int(p.total.done), Int(p.total.in_progress), Int(p.total.not_started),
                            Int(p.total.overdue)});
  }
  s.blocks.push_back(std::move(b));
  return s;
}

DocSection Indicators(const std::vector<Indicator>& indicators) {
  DocSection s{"五、执法效能指标", {}};
  if (indicators.empty()) {
    s.blocks.push_back(Text("无。"));
    return s;
  }
  Block table;
  table.kind = Block::Kind::kTable;
  table.table.columns = {{"指标"}, {"分子/分母", true}, {"数值", true}, {"计算方法", false, true}};
  Block chart;
  chart.kind = Block::Kind::kChart;
  chart.chart.title = "执法效能指标";
  chart.chart.percent = true;
  for (const Indicator& i : indicators) {
    table.table.rows.push_back(
        {i.name, absl::StrCat(i.numerator, "/", i.denominator), Percent(i.value), i.formula});
    chart.chart.bars.push_back(
        {i.name, i.value.value_or(0), i.value.has_value(), Percent(i.value)});
  }
  s.blocks.push_back(std::move(table));
  s.blocks.push_back(Text("分母为0的指标无法计算，以“—”表示。"));
  s.blocks.push_back(std::move(chart));
  return s;
}

DocSection Sources(const std::vector<FigureSource>& sources) {
  DocSection s{"六、数据来源", {}};
  if (sources.empty()) {
    s.blocks.push_back(Text("无。"));
    return s;
  }
  Block b;
  b.kind = Block::Kind::kTable;
  b.table.columns = {{"服务", false, true},
                     {"方法", false, true},
                     {"请求", false, true},
                     {"取数时间（北京时间）"},
                     {"统计期"}};
  for (const FigureSource& f : sources) {
    b.table.rows.push_back({f.service, f.method, f.request, CstTime(f.fetched_at),
                            f.closed_period ? "已结束（数据不再变化）" : "进行中"});
  }
  s.blocks.push_back(std::move(b));
  return s;
}

Document Build(const AnnualReport& r) {
  Document d;
  d.title = absl::StrCat(r.scope_name, r.year, "年度行政执法工作报告");
  if (r.agency_id.empty()) {
    d.header.push_back({"范围", absl::StrCat(r.scope_name, "（", TierLabel(r.tier),
                                             "，行政区划代码 ", r.division_code, "）")});
  } else {
    d.header.push_back({"单位", absl::StrCat(r.scope_name, "（执法机关，所在行政区划代码 ",
                                             r.division_code, "）")});
  }
  d.header.push_back({"年度", absl::StrCat(r.year, "年")});
  d.header.push_back({"版本", absl::StrCat("v", r.version)});
  std::string state = r.state == ReportState::kPublished ? "已公开" : "草稿";
  if (r.state == ReportState::kPublished && r.publish_time.has_value()) {
    absl::StrAppend(&state, "（", CstTime(*r.publish_time), " 公开）");
  }
  d.header.push_back({"状态", state});
  d.header.push_back({"数据截至", absl::StrCat(CstTime(r.as_of), "（北京时间）")});
  d.header.push_back({"统计期", r.closed_period ? "年度已结束" : "年度进行中（数据截至生成时）"});
  d.header.push_back({"生成时间", absl::StrCat(CstTime(r.generate_time), "（北京时间）")});
  d.sections.push_back(Personnel(r.figures.personnel));
  d.sections.push_back(Cases(r.figures.cases));
  d.sections.push_back(Complaints(r.figures.complaints));
  d.sections.push_back(Plans(r.figures.plans));
  d.sections.push_back(Indicators(r.indicators));
  d.sections.push_back(Sources(r.figures.sources));
  return d;
}

// ---------------------------------------------------------------- Markdown

// Backslash-escapes what Markdown would read as markup (inline HTML
// included), and folds line breaks, so report text stays one plain cell.
std::string MdText(absl::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '\n' || ch == '\r') {
      out.push_back(' ');
      continue;
    }
    if (absl::string_view("\\`*_[]<>|").find(ch) != absl::string_view::npos) out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

std::string MdCode(absl::string_view s) {
  std::string out = "`";
  for (char ch : s) {
    if (ch == '\n' || ch == '\r') {
      out.push_back(' ');
    } else if (ch == '`') {
      out.push_back('\'');
    } else if (ch == '|') {
      out.append("\\|");  // GFM splits cells on a pipe even inside code
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('`');
  return out;
}

void MdTable(std::string& out, const Table& t) {
  out.append("|");
  for (const Column& c : t.columns) absl::StrAppend(&out, " ", MdText(c.name), " |");
  out.append("\n|");
  for (const Column& c : t.columns) out.append(c.numeric ? "---:|" : "---|");
  out.append("\n");
  for (const auto& row : t.rows) {
    out.append("|");
    for (size_t i = 0; i < row.size(); ++i) {
      const bool code = t.columns[i].code && !row[i].empty();
      absl::StrAppend(&out, " ", code ? MdCode(row[i]) : MdText(row[i]), " |");
    }
    out.append("\n");
  }
  out.append("\n");
}

// ---------------------------------------------------------------- HTML

std::string Esc(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#39;");
        break;
      default:
        out.push_back(ch);
    }
  }
  return out;
}

// A label's width in pixels at 13px: wide (CJK, full-width) characters are
// 3- or 4-byte UTF-8 sequences; the rest count as narrow.
double TextWidth(absl::string_view s) {
  double w = 0;
  for (unsigned char ch : s) {
    if (ch < 0x80) {
      w += 7.5;
    } else if (ch >= 0xE0) {
      w += 13;
    } else if (ch >= 0xC0) {
      w += 7.5;
    }
  }
  return w;
}

constexpr double kBarMaxWidth = 400;
constexpr int kRowHeight = 24;
constexpr int kBarHeight = 16;

void HtmlChart(std::string& out, const Chart& c) {
  double max = 0;
  bool any = false;
  double label_width = 0;
  for (const Bar& b : c.bars) {
    if (b.defined) any = true;
    max = std::max(max, b.value);
    label_width = std::max(label_width, TextWidth(b.label));
  }
  const double scale = c.percent ? 1.0 : max;
  absl::StrAppend(&out, "<figure>\n<figcaption>", Esc(c.title), "</figcaption>\n");
  if (!any || (!c.percent && max <= 0)) {
    out.append("<p class=\"nodata\">无数据</p>\n</figure>\n");
    return;
  }
  const double label_x = std::clamp(label_width, 48.0, 260.0) + 8;
  const double bar_x = label_x + 8;
  const int height = static_cast<int>(c.bars.size()) * kRowHeight + 8;
  absl::StrAppend(&out, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"",
                  Esc(c.title), "\" width=\"", Trimmed(bar_x + kBarMaxWidth + 72), "\" height=\"",
                  height, "\" viewBox=\"0 0 ", Trimmed(bar_x + kBarMaxWidth + 72), " ", height,
                  "\">\n<title>", Esc(c.title), "</title>\n");
  for (size_t i = 0; i < c.bars.size(); ++i) {
    const Bar& b = c.bars[i];
    const int y = static_cast<int>(i) * kRowHeight + 4;
    const int text_y = y + 13;
    const double w =
        b.defined ? std::clamp(b.value / scale * kBarMaxWidth, 0.0, kBarMaxWidth) : 0.0;
    absl::StrAppend(&out, "<text x=\"", Trimmed(label_x), "\" y=\"", text_y,
                    "\" text-anchor=\"end\">", Esc(b.label), "</text>");
    if (b.defined) {
      absl::StrAppend(&out, "<rect class=\"bar\" x=\"", Trimmed(bar_x), "\" y=\"", y, "\" width=\"",
                      Trimmed(w), "\" height=\"", kBarHeight, "\"/>");
    }
    absl::StrAppend(&out, "<text x=\"", Trimmed(bar_x + w + 6), "\" y=\"", text_y, "\">",
                    Esc(b.shown), "</text>\n");
  }
  out.append("</svg>\n</figure>\n");
}

void HtmlTable(std::string& out, const Table& t, absl::string_view css_class = "") {
  out.append(css_class.empty() ? "<table>\n<thead><tr>"
                               : absl::StrCat("<table class=\"", css_class, "\">\n<thead><tr>"));
  for (const Column& c : t.columns) absl::StrAppend(&out, "<th>", Esc(c.name), "</th>");
  out.append("</tr></thead>\n<tbody>\n");
  for (const auto& row : t.rows) {
    out.append("<tr>");
    for (size_t i = 0; i < row.size(); ++i) {
      const Column& c = t.columns[i];
      const std::string text =
          c.code ? absl::StrCat("<code>", Esc(row[i]), "</code>") : Esc(row[i]);
      absl::StrAppend(&out, c.numeric ? "<td class=\"n\">" : "<td>", text, "</td>");
    }
    out.append("</tr>\n");
  }
  out.append("</tbody>\n</table>\n");
}

constexpr absl::string_view kStyle =
    "body{font-family:\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;"
    "max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.6}\n"
    "h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}h3{font-size:1.05em}\n"
    "table{border-collapse:collapse;margin:.5em 0 1em}\n"
    "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}\n"
    "th{background:#f3f5f8}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "table.meta th{width:6em}\n"
    "figure{margin:.5em 0 1.5em}figcaption{font-size:.9em;color:#555}\n"
    "svg{display:block;max-width:100%;height:auto;font-size:13px}svg .bar{fill:#3b6ea5}svg "
    "text{fill:#222}\n"
    ".nodata{color:#888}\n";

}  // namespace

std::string RenderMarkdown(const AnnualReport& r) {
  const Document d = Build(r);
  std::string out = absl::StrCat("# ", MdText(d.title), "\n\n");
  for (const auto& [label, value] : d.header) {
    absl::StrAppend(&out, "- ", label, "：", MdText(value), "\n");
  }
  out.append("\n");
  // Every block ends in a blank line; the last one's is trimmed below.
  for (const DocSection& s : d.sections) {
    absl::StrAppend(&out, "## ", s.heading, "\n\n");
    for (const Block& b : s.blocks) {
      switch (b.kind) {
        case Block::Kind::kText:
          absl::StrAppend(&out, MdText(b.text), "\n\n");
          break;
        case Block::Kind::kSubheading:
          absl::StrAppend(&out, "### ", MdText(b.text), "\n\n");
          break;
        case Block::Kind::kTable:
          MdTable(out, b.table);
          break;
        case Block::Kind::kChart:
          break;  // the table beside it carries the same figures
      }
    }
  }
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') {
    out.pop_back();
  }
  return out;
}

std::string RenderHtml(const AnnualReport& r) {
  const Document d = Build(r);
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
      Esc(d.title), "</title>\n<style>\n", kStyle, "</style>\n</head>\n<body>\n<h1>", Esc(d.title),
      "</h1>\n");
  Table header;
  header.columns = {{"项目"}, {"内容"}};
  for (const auto& [label, value] : d.header) header.rows.push_back({label, value});
  HtmlTable(out, header, "meta");
  for (const DocSection& s : d.sections) {
    absl::StrAppend(&out, "<section>\n<h2>", Esc(s.heading), "</h2>\n");
    for (const Block& b : s.blocks) {
      switch (b.kind) {
        case Block::Kind::kText:
          absl::StrAppend(&out, "<p>", Esc(b.text), "</p>\n");
          break;
        case Block::Kind::kSubheading:
          absl::StrAppend(&out, "<h3>", Esc(b.text), "</h3>\n");
          break;
        case Block::Kind::kTable:
          HtmlTable(out, b.table);
          break;
        case Block::Kind::kChart:
          HtmlChart(out, b.chart);
          break;
      }
    }
    out.append("</section>\n");
  }
  out.append("</body>\n</html>\n");
  return out;
}

std::string KeyLabel(absl::string_view key) {
  struct Label {
    absl::string_view key;
    absl::string_view label;
  };
  // cases.v1 ItemKind, CaseState, Outcome, ClockKind; supervision.v1
  // Channel, Category, ComplaintState, ClockKind; common.v1 Tier.
  static constexpr Label kLabels[] = {
      {"ITEM_KIND_PENALTY", "行政处罚"},
      {"ITEM_KIND_COERCION", "行政强制"},
      {"ITEM_KIND_INSPECTION", "行政检查"},
      {"ITEM_KIND_OTHER", "其他"},
      {"CASE_STATE_FILED", "立案"},
      {"CASE_STATE_INVESTIGATING", "调查取证"},
      {"CASE_STATE_LEGAL_REVIEW", "法制审核"},
      {"CASE_STATE_NOTIFIED", "告知"},
      {"CASE_STATE_DECIDED", "决定"},
      {"CASE_STATE_PUBLISHED", "公示"},
      {"CASE_STATE_EXECUTED", "执行"},
      {"CASE_STATE_CLOSED", "结案"},
      {"CASE_STATE_TRANSFER_PENDING", "涉嫌犯罪待决定移送"},
      {"CASE_STATE_TRANSFER_APPROVED", "已批准移送待移交"},
      {"CASE_STATE_TRANSFERRED", "已移送"},
      {"CASE_STATE_WITHDRAWN", "撤销立案"},
      {"OUTCOME_PENALTY", "予以行政处罚"},
      {"OUTCOME_NO_PENALTY_FIRST_VIOLATION", "首违不罚"},
      {"OUTCOME_NO_PENALTY_MINOR", "轻微违法不予处罚"},
      {"OUTCOME_NOT_ESTABLISHED", "违法事实不能成立"},
      {"CLOCK_KIND_DECISION", "作出处罚决定期限"},
      {"CLOCK_KIND_HEARING_REQUEST", "听证申请期限"},
      {"CLOCK_KIND_HEARING_NOTICE", "听证通知期限"},
      {"CLOCK_KIND_SERVICE", "决定书送达期限"},
      {"CLOCK_KIND_PUBLICITY", "执法决定公示期限"},
      {"CLOCK_KIND_PUBLICITY_WITHDRAWAL", "公示信息撤下期限"},
      {"CLOCK_KIND_PAYMENT", "罚款缴纳期限"},
      {"CLOCK_KIND_SEIZURE", "查封扣押期限"},
      {"CLOCK_KIND_EMERGENCY_COERCION_REPORT", "当场实施行政强制措施报告期限"},
      {"CLOCK_KIND_TRANSFER_DECISION", "移送审批期限"},
      {"CLOCK_KIND_TRANSFER_HANDOVER", "移送交接期限"},
      {"CLOCK_KIND_LIMITATION", "追责时效"},
      {"CLOCK_KIND_ACKNOWLEDGE", "签收期限"},
      {"CLOCK_KIND_RESOLVE", "办理期限"},
      {"CLOCK_KIND_RECTIFY", "整改期限"},
      {"CHANNEL_HOTLINE_12345", "12345政务服务便民热线"},
      {"CHANNEL_WEB", "网上投诉"},
      {"CHANNEL_LETTER", "来信"},
      {"CHANNEL_VISIT", "来访"},
      {"CHANNEL_MEDIA", "媒体反映"},
      {"CHANNEL_CONGRESS_REFERRAL", "人大代表建议、政协委员提案转办"},
      {"CATEGORY_INACTION", "执法不作为"},
      {"CATEGORY_ARBITRARY_ENFORCEMENT", "乱作为"},
      {"CATEGORY_PROCEDURE", "执法程序不规范"},
      {"CATEGORY_CONDUCT", "态度作风"},
      {"CATEGORY_INTEGRITY", "廉洁问题"},
      {"CATEGORY_INSPECTION_BURDEN", "重复检查、多头检查"},
      {"CATEGORY_OTHER", "其他"},
      {"COMPLAINT_STATE_RECEIVED", "待签收"},
      {"COMPLAINT_STATE_IN_HANDLING", "办理中"},
      {"COMPLAINT_STATE_RESOLVED", "已答复待评价"},
      {"COMPLAINT_STATE_CLOSED", "已办结"},
      {"TIER_REGION", "自治区级"},
      {"TIER_CITY", "市级"},
      {"TIER_COUNTY", "县级"},
      {"TIER_TOWNSHIP", "乡镇（街道）级"},
  };
  for (const Label& l : kLabels) {
    if (l.key == key) return std::string(l.label);
  }
  return std::string(key);
}

}  // namespace lawenforce::tasks
