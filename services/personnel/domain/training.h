#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_TRAINING_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_TRAINING_H_

// Training hours (task 3): at least 60 counted hours per officer per
// calendar year; political-theory hours are recorded apart and do not count.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/domain/policy.h"

namespace lawenforce::personnel {

// The default of PersonnelPolicy::required_training_minutes_per_year.
inline constexpr int64_t kRequiredTrainingMinutesPerYear = 60 * 60;

// Hours on the wire -> minutes in the store. INVALID_ARGUMENT naming `field`
// unless finite, > 0, <= 24 and a multiple of 0.5.
absl::StatusOr<int64_t> HoursToMinutes(absl::string_view field, double hours);
double MinutesToHours(int64_t minutes);

bool CountsTowardRequirement(TrainingCategory category);

struct OfficerTrainingTotals {
  std::string officer_id;
  int64_t counted_minutes = 0;
  int64_t political_theory_minutes = 0;
  // What the year required of this officer (pro rata in their first year).
  int64_t required_minutes = kRequiredTrainingMinutesPerYear;
  bool compliant = false;
};

// An officer and the spans of their service (no spans: always).
struct OfficerInService {
  std::string officer_id;
  std::vector<ServiceSpan> service;
};

struct TrainingSummary {
  int year = 0;
  // The yearly requirement (PersonnelPolicy), for a full year of service.
  int64_t required_minutes = kRequiredTrainingMinutesPerYear;
  int officer_count = 0;
  int compliant_officer_count = 0;
  double compliance_ratio = 0;  // compliant / officers; 0 when none
  int64_t counted_minutes = 0;
  int64_t political_theory_minutes = 0;
  std::vector<OfficerTrainingTotals> officers;  // in `officer_ids` order
};

// Sums `records` by officer for `year` (records of other years are
// ignored, by the civil date of the training). Every officer in
// `officer_ids` appears, with zero hours when they have no record; an id
// listed twice appears once, and records of unlisted officers are ignored.
TrainingSummary SummarizeTraining(int year, const std::vector<std::string>& officer_ids,
                                  const std::vector<TrainingRecord>& records);

// The same for officers with service spans under `policy`: an officer
// not in service on any day of `year` is left out, one who served part of
// it is judged pro rata (RequiredTrainingMinutes).
TrainingSummary SummarizeTraining(int year, const std::vector<OfficerInService>& officers,
                                  const std::vector<TrainingRecord>& records,
                                  const PersonnelPolicy& policy);

// One line of the worklist of officers below the requirement for a year
// (ListTrainingShortfalls): `id` is the officer's.
struct TrainingShortfall {
  std::string id;
  std::string name;
  std::string agency_id;
  std::string division_code;
  int64_t counted_minutes = 0;
  int64_t required_minutes = 0;
};

// Whether `draft` may join `same_day` (the officer's records of the same
// date): ALREADY_EXISTS "record: the same training is already recorded"
// for an identical record (category, course, provider, hours), and
// INVALID_ARGUMENT naming record.hours when the day's hours would exceed
// policy.max_training_minutes_per_day.
absl::Status CheckTrainingDay(const TrainingRecord& draft,
                              const std::vector<TrainingRecord>& same_day,
                              const PersonnelPolicy& policy);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_TRAINING_H_
