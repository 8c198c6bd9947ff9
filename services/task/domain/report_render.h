#ifndef LAWENFORCE_SERVICES_TASK_DOMAIN_REPORT_RENDER_H_
#define LAWENFORCE_SERVICES_TASK_DOMAIN_REPORT_RENDER_H_

// The annual report as a document a reader opens: Markdown, or HTML with
// inline SVG bar charts, both with Chinese section headings. Pure
// functions of the stored snapshot: the same report renders the same bytes.

#include <string>

#include "absl/strings/string_view.h"
#include "services/task/domain/report.h"

namespace lawenforce::tasks {

std::string RenderMarkdown(const AnnualReport& r);
// A complete HTML5 document (UTF-8), every text from the report escaped.
std::string RenderHtml(const AnnualReport& r);

// The Chinese label of a count key ("ITEM_KIND_PENALTY" -> "行政处罚");
// the key itself when it is not known.
std::string KeyLabel(absl::string_view key);

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_DOMAIN_REPORT_RENDER_H_
