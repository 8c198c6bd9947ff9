#ifndef LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_REVIEW_H_
#define LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_REVIEW_H_

// Case-file reviews (案卷评查, task 25) and the rectifications their
// findings open (整改, tasks 8 and 27). Plain C++: no gRPC, protobuf or SQL.
//
// Sampling is reproducible by anyone holding the seed and the candidates
// (common/draw/seeded_draw.h): each candidate case id is keyed by the
// lower-case hex SHA-256 of "<seed>:<case id>", and the sample is the `n`
// candidates whose keys sort first (ties, impossible in practice, by id).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/statutory_period.h"
#include "common/draw/seeded_draw.h"
#include "services/supervision/domain/complaint.h"
#include "services/supervision/domain/complaint_machine.h"

namespace lawenforce::supervision {

struct RubricDimension {
  std::string code;
  std::string name;
  int max_points = 0;
};

struct Rubric {
  int64_t version = 1;
  std::vector<RubricDimension> dimensions;
  std::string created_by;
  absl::Time create_time = absl::InfinitePast();
};

// Version 1, built in: procedure 25, evidence 20, application of law 20,
// discretion 15, documents 10, publicity 10.
Rubric BuiltInRubric();

// Codes [a-z][a-z0-9_]{1,31}, distinct; names 1..64 characters; points
// 1..100 summing to 100; 2..20 dimensions. INVALID_ARGUMENT naming
// "dimensions[i].<field>".
absl::Status ValidateRubric(const std::vector<RubricDimension>& dimensions);

// A closed case as case-service lists it.
struct CaseRef {
  std::string id;
  std::string agency_id;
  std::string division_code;
};

// The sampling key of a case id, the seed's rules: common/draw.
using draw::SampleKey;
using draw::ValidateSeed;
// The first `n` candidates by SampleKey of their ids, in key order.
std::vector<CaseRef> DrawSample(const std::string& seed, std::vector<CaseRef> candidates, int n);
// draw::CandidatesDigest of the candidates' ids.
std::string CandidatesDigest(const std::vector<CaseRef>& candidates);

struct Finding {
  std::string id;
  std::string dimension;
  std::string text;
  std::string rectification_id;
};

struct FindingDraft {
  std::string dimension;
  std::string text;
  std::optional<calendar::StatutoryPeriod> rectify_within;
};

struct ReviewedCase {
  CaseRef ref;
  bool scored = false;
  std::vector<std::pair<std::string, int>> scores;  // dimension -> points, rubric order
  int total = 0;
  std::vector<Finding> findings;
  std::string scored_by;
  absl::Time score_time = absl::InfinitePast();
};

struct Campaign {
  std::string id;
  std::string division_code;
  std::string title;
  std::string seed;
  bool seed_chosen = false;  // given by the caller, not drawn at random
  int64_t rubric_version = 1;
  absl::CivilDay decided_from;
  absl::CivilDay decided_to;
  int sample_size = 0;
  int candidates = 0;
  std::string candidates_digest;
  std::vector<ReviewedCase> cases;
  std::string created_by;
  absl::Time create_time;
  int64_t version = 1;

  int scored() const;
  double average_total() const;  // over scored cases; 0 when none
};

// Title 1..200 characters; sample size 1..200; decided_from <= decided_to.
absl::Status ValidateCampaign(const Campaign& c);

// Scores sampled case `case_id` of `c` against `rubric` (the campaign's
// version): one score per dimension, each 0..max; findings name a
// dimension of the rubric, text 1..2000 characters, at most 20, a
// rectification period 1..365 days or 1..8760 hours. `finding_ids` (one
// per draft) name the findings. NOT_FOUND "case_id: not in the campaign's
// sample"; FAILED_PRECONDITION when it was scored already.
absl::StatusOr<Campaign> ScoreCase(Campaign c, const Rubric& rubric, const std::string& case_id,
                                   const std::vector<std::pair<std::string, int>>& scores,
                                   const std::vector<FindingDraft>& findings,
                                   const std::vector<std::string>& finding_ids,
                                   const ActContext& ctx);

enum class RectificationState { kOpen = 1, kCompleted = 2 };

struct Rectification {
  std::string id;
  std::string campaign_id;
  std::string case_id;
  std::string finding_id;
  std::string finding;
  std::string agency_id;
  std::string division_code;
  std::string queue_division_code;
  RectificationState state = RectificationState::kOpen;
  Clock clock;
  std::vector<Escalation> escalations;
  std::string evidence;
  std::optional<absl::Time> complete_time;
  bool on_time = false;
  absl::Time create_time;
  std::vector<ComplaintEvent> history;
  int64_t version = 1;

  // Its deadline ran out (at least once) and it is still open.
  bool Overdue() const { return state == RectificationState::kOpen && clock.lapses > 0; }
};

// A rectification of `finding` (of `reviewed` in `campaign_id`) due within
// `period` from now, at the case's division. OUT_OF_RANGE from the calendar.
absl::StatusOr<Rectification> OpenRectification(
    const std::string& id, const std::string& campaign_id, const ReviewedCase& reviewed,
    const Finding& finding, calendar::StatutoryPeriod period, const ActContext& ctx);
// FAILED_PRECONDITION when it is completed already; evidence 1..4000.
absl::StatusOr<Rectification> CompleteRectification(Rectification r, const std::string& evidence,
                                                    const ActContext& ctx);
// Its deadline (due at `due_at`) passed: escalated like a complaint's
// clock; nullopt for a stale firing.
absl::StatusOr<std::optional<Rectification>> FireRectification(Rectification r, absl::Time due_at,
                                                               const ActContext& ctx);

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_REVIEW_H_
