#include "services/personnel/domain/training.h"

#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status/errors.h"

namespace lawenforce::personnel {

absl::StatusOr<int64_t> HoursToMinutes(absl::string_view field, double hours) {
  if (!std::isfinite(hours)) {
    return InvalidField(field, "must be a finite number of hours");
  }
  if (hours <= 0) {
    return InvalidField(field, "must be greater than 0 hours");
  }
  if (hours > 24) {
    return InvalidField(field, "must be at most 24 hours");
  }
  // Doubling is exact in binary floating point, so a half-hour multiple
  // doubles to an integer and nothing else does.
  const double half_hours = hours * 2;
  if (std::floor(half_hours) != half_hours) {
    return InvalidField(field, "must be a multiple of 0.5 hours");
  }
  return static_cast<int64_t>(half_hours) * 30;
}

double MinutesToHours(int64_t minutes) { return static_cast<double>(minutes) / 60.0; }

bool CountsTowardRequirement(TrainingCategory category) {
  return category != TrainingCategory::kPoliticalTheory;
}

TrainingSummary SummarizeTraining(int year, const std::vector<std::string>& officer_ids,
                                  const std::vector<TrainingRecord>& records) {
  std::vector<OfficerInService> officers;
  officers.reserve(officer_ids.size());
  for (const std::string& id : officer_ids) officers.push_back(OfficerInService{id, {}});
  return SummarizeTraining(year, officers, records, PersonnelPolicy());
}

absl::Status CheckTrainingDay(const TrainingRecord& draft,
                              const std::vector<TrainingRecord>& same_day,
                              const PersonnelPolicy& policy) {
  int64_t total = draft.minutes;
  for (const TrainingRecord& r : same_day) {
    if (r.date != draft.date || r.officer_id != draft.officer_id) continue;
    if (r.category == draft.category && r.course == draft.course && r.provider == draft.provider &&
        r.minutes == draft.minutes) {
      return absl::AlreadyExistsError("record: the same training is already recorded");
    }
    total += r.minutes;
  }
  if (total > policy.max_training_minutes_per_day) {
    return InvalidField(
        "record.hours",
        absl::StrCat("the officer's training on ", absl::FormatCivilTime(draft.date),
                     " would total ", MinutesToHours(total), " hours, over the ",
                     MinutesToHours(policy.max_training_minutes_per_day), " a day"));
  }
  return absl::OkStatus();
}

TrainingSummary SummarizeTraining(int year, const std::vector<OfficerInService>& officers,
                                  const std::vector<TrainingRecord>& records,
                                  const PersonnelPolicy& policy) {
  TrainingSummary summary;
  summary.year = year;
  summary.required_minutes = policy.required_training_minutes_per_year;
  // An officer listed twice appears once, at the first position.
  absl::flat_hash_map<std::string, size_t> index;
  for (const OfficerInService& officer : officers) {
    if (DaysServedIn(officer.service, year) == 0) continue;  // not in service that year
    const int64_t required = RequiredTrainingMinutes(policy, officer.service, year);
    if (index.emplace(officer.officer_id, summary.officers.size()).second) {
      OfficerTrainingTotals totals{officer.officer_id};
      totals.required_minutes = required;
      summary.officers.push_back(totals);
    }
  }
  for (const TrainingRecord& record : records) {
    if (record.date.year() != year) {
      continue;
    }
    auto it = index.find(record.officer_id);
    if (it == index.end()) {
      continue;  // not an officer the caller asked about
    }
    OfficerTrainingTotals& totals = summary.officers[it->second];
    if (CountsTowardRequirement(record.category)) {
      totals.counted_minutes += record.minutes;
    } else {
      totals.political_theory_minutes += record.minutes;
    }
  }
  for (OfficerTrainingTotals& totals : summary.officers) {
    totals.compliant = totals.counted_minutes >= totals.required_minutes;
    summary.counted_minutes += totals.counted_minutes;
    summary.political_theory_minutes += totals.political_theory_minutes;
    if (totals.compliant) {
      ++summary.compliant_officer_count;
    }
  }
  summary.officer_count = static_cast<int>(summary.officers.size());
  if (summary.officer_count > 0) {
    summary.compliance_ratio =
        static_cast<double>(summary.compliant_officer_count) / summary.officer_count;
  }
  return summary;
}

}  // namespace lawenforce::personnel
