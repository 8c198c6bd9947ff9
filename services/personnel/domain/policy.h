#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_POLICY_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_POLICY_H_

// The policy values of personnel-service's rules: what the plan or local
// rules set and may change, configured by service flags
// (personnel_module.h) with today's values as defaults. Nothing else in
// domain/ hard-codes them.

#include <cstdint>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace lawenforce::personnel {

struct PersonnelPolicy {
  // Task 3: counted training hours an officer needs in a calendar year.
  int64_t required_training_minutes_per_year = 60 * 60;
  // Hours of training one officer can have on one day, all records summed.
  int64_t max_training_minutes_per_day = 8 * 60;
  // Task 38: legal reviewers per 100 officers an agency needs (ceil).
  int legal_reviewer_percent = 5;
  // The expiry reminder goes out this long before a certificate expires.
  absl::Duration expiry_reminder_lead = absl::Hours(24 * 30);
  // valid_until - valid_from of a certificate, at most (ten years).
  int max_validity_days = 3653;
  // How long after its end a year's training records may still be entered
  // for it: the annual report is due 15 January (task 30), so 15 days. Past
  // that the year is closed and its figures no longer change.
  absl::Duration closed_year_grace = absl::Hours(24 * 15);
};

// When `year` closes: EndOfYear(year) + closed_year_grace.
absl::Time YearClosesAt(const PersonnelPolicy& policy, int year);

// A stretch of an officer's service (任职), from `start` until before
// `end`. Officers are in service from their registration; one who left
// (docs/api/personnel.md "Lifecycles") has an end, and one who came back a
// second span.
struct ServiceSpan {
  absl::Time start = absl::InfinitePast();
  absl::Time end = absl::InfiniteFuture();
};

// The days of `year` (China Standard Time) on which the officer was in
// service for at least part of the day. No spans: always in service.
int64_t DaysServedIn(const std::vector<ServiceSpan>& spans, int year);

// The counted minutes `year` requires of an officer with these spans of
// service: the whole requirement for a year served from its first day to
// its last, pro rata by days served otherwise (ceil(required x days served
// / days in the year), whole minutes), and nothing for a year not served
// at all. No spans: the whole requirement.
int64_t RequiredTrainingMinutes(const PersonnelPolicy& policy,
                                const std::vector<ServiceSpan>& spans, int year);

// 00:00 China Standard Time on 1 January of `year + 1`: the end of `year`.
absl::Time EndOfYear(int year);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_POLICY_H_
