#include "common/metrics/division_label.h"

#include "absl/status/statusor.h"

namespace lawenforce::metrics {

prometheus::Labels DivisionLabel::ToLabels() const {
  return {{"tier", tier}, {"division", division}};
}

DivisionLabel LabelsFor(const Divisions& divisions, absl::string_view code) {
  if (!divisions.Lookup(code).ok()) {
    return {std::string(kUnknownLabel), std::string(kUnknownLabel)};
  }
  std::string rolled_up = Divisions::MetricsDivision(code);
  absl::StatusOr<Division> division = divisions.Lookup(rolled_up);
  if (!division.ok()) {
    return {std::string(kUnknownLabel), std::string(kUnknownLabel)};
  }
  return {std::string(TierName(division->tier)), std::move(rolled_up)};
}

}  // namespace lawenforce::metrics
