#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_TRAINING_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_TRAINING_H_

// Use cases on training hours (task 3: 60 counted hours a year). Check
// order as in agencies.h. Thread-safe.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "services/personnel/app/use_case_deps.h"
#include "services/personnel/domain/training.h"

namespace lawenforce::personnel {

// Exactly one of the three is set.
struct SummaryScope {
  std::string officer_id;
  std::string agency_id;
  std::string division_code;
};

class Training {
 public:
  Training(TrainingStore* store, const UseCaseDeps& deps) : store_(store), deps_(deps) {}

  // `draft.minutes` must already be converted (HoursToMinutes).
  absl::StatusOr<TrainingRecord> Record(const auth::Principal& who,
                                        absl::StatusOr<TrainingRecord> draft,
                                        const CreateOptions& options);
  // The fields of a draft as Record checks them at `now` (the import's
  // too), the officer aside.
  absl::Status Check(const TrainingRecord& draft, absl::Time now) const;
  // FAILED_PRECONDITION "record.date: ..." for training dated after the day
  // the officer left service (Record's and the import's check).
  static absl::Status CheckServed(const Officer& officer, const TrainingRecord& draft);
  // `year` 0: every year.
  absl::StatusOr<Page<TrainingRecord>> List(const auth::Principal& who,
                                            const std::string& officer_id, int year,
                                            const PageQuery& page);
  absl::StatusOr<TrainingSummary> Summary(const auth::Principal& who, const SummaryScope& scope,
                                          int year);
  // The officers of a division subtree (default: the caller's own) or of
  // one agency below the requirement for `year`, by id, with their hours.
  absl::StatusOr<Page<TrainingShortfall>> Shortfalls(const auth::Principal& who,
                                                     const std::string& division_code,
                                                     const std::string& agency_id, int year,
                                                     const PageQuery& page);

 private:
  // The year's figures of one officer, an agency or a division prefix; a
  // closed year's as of its close.
  // `members`, when given, receives who each officer in scope is (name,
  // and the agency and division of the period that put them in it).
  absl::StatusOr<TrainingSummary> Compute(
      const std::string& officer_id, const std::string& agency_id,
      const std::string& division_prefix, int year,
      std::map<std::string, TrainingScope::Member>* members = nullptr);

  TrainingStore* store_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_TRAINING_H_
