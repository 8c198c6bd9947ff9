#ifndef LAWENFORCE_COMMON_METRICS_DIVISION_LABEL_H_
#define LAWENFORCE_COMMON_METRICS_DIVISION_LABEL_H_

// The `tier` and `division` labels of the suite's domain metrics
// (ARCHITECTURE.md section 8). Label values come from the division table,
// never from free text a caller sent, and townships roll up to their county
// so a metric has at most one series per city and county.
//
// Per-RPC metrics never carry these labels; business counters and gauges do:
//   cases_filed.Add(metrics::LabelsFor(divisions, c.division_code).ToLabels()).Increment();
// (look the child up once per division and keep the reference, as with any
// prometheus-cpp family).

#include <string>

#include "absl/strings/string_view.h"
#include "common/divisions/divisions.h"
#include "prometheus/labels.h"

namespace lawenforce::metrics {

// The label value used for a code the table does not know.
inline constexpr absl::string_view kUnknownLabel = "unknown";

struct DivisionLabel {
  std::string tier;      // "region", "city" or "county".
  std::string division;  // A 6-digit code: the division, or a township's county.

  // {{"tier", tier}, {"division", division}}.
  prometheus::Labels ToLabels() const;

  bool operator==(const DivisionLabel& other) const = default;
};

// The labels for `code`: Divisions::MetricsDivision(code) and its tier's
// name. A code that is malformed or not in `divisions` yields
// {kUnknownLabel, kUnknownLabel}, so bad input cannot grow cardinality.
DivisionLabel LabelsFor(const Divisions& divisions, absl::string_view code);

}  // namespace lawenforce::metrics

#endif  // LAWENFORCE_COMMON_METRICS_DIVISION_LABEL_H_
