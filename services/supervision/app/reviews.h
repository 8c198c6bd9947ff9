#ifndef LAWENFORCE_SERVICES_SUPERVISION_APP_REVIEWS_H_
#define LAWENFORCE_SERVICES_SUPERVISION_APP_REVIEWS_H_

// Use cases of case-file reviews and rectifications (docs/api/
// supervision.md "Case-file reviews"). A supervisor acts within its
// subtree; an agency's own staff read and complete their agency's
// rectifications.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "services/supervision/app/complaints.h"
#include "services/supervision/domain/review.h"
#include "services/supervision/store/supervision_store.h"

namespace lawenforce::supervision {

struct CampaignDraft {
  std::string division_code;
  std::string title;
  absl::StatusOr<absl::CivilDay> decided_from;
  absl::StatusOr<absl::CivilDay> decided_to;
  int sample_size = 0;
  std::string seed;
};

struct RectificationQuery {
  std::string division_code;
  std::string queue_division_code;
  std::string agency_id;
  std::optional<RectificationState> state;
  std::optional<bool> overdue;
};

class Reviews {
 public:
  // `store` is the review port; the rest as for Complaints.
  // Registers lawenforce_review_case_scores{tier,division} (the points of
  // each case scored, by the case's division) when deps.registry is set.
  Reviews(const SupervisionDeps& deps, ReviewStore* store);

  absl::StatusOr<Rubric> GetRubric(const auth::Principal& who, int64_t version);
  absl::StatusOr<Rubric> PublishRubric(const auth::Principal& who,
                                       std::vector<RubricDimension> dimensions);

  absl::StatusOr<Campaign> CreateCampaign(const auth::Principal& who, CampaignDraft draft,
                                          const app::CreateOptions& options);
  absl::StatusOr<Campaign> GetCampaign(const auth::Principal& who, const std::string& id);
  absl::StatusOr<app::Page<Campaign>> ListCampaigns(const auth::Principal& who,
                                                    const std::string& division_code,
                                                    const app::PageQuery& page);
  absl::StatusOr<Campaign> ScoreCase(const auth::Principal& who, const std::string& campaign_id,
                                     const std::string& etag, const std::string& case_id,
                                     const std::vector<std::pair<std::string, int>>& scores,
                                     absl::StatusOr<std::vector<FindingDraft>> findings);

  absl::StatusOr<Rectification> GetRectification(const auth::Principal& who, const std::string& id);
  absl::StatusOr<app::Page<Rectification>> ListRectifications(
      const auth::Principal& who, absl::StatusOr<RectificationQuery> query,
      const app::PageQuery& page);
  absl::StatusOr<Rectification> CompleteRectification(const auth::Principal& who,
                                                      const std::string& id,
                                                      const std::string& etag,
                                                      const std::string& evidence);

  // Review figures of `scope`'s subtree for [from, to) as of `as_of`, for
  // GetSupervisionStatistics after Complaints::Statistics made its checks:
  // cases scored by then in campaigns created in the period, and
  // rectifications opened in the period, completed or overdue by then.
  absl::StatusOr<ReviewFigures> Figures(const std::string& scope, absl::Time from, absl::Time to,
                                        absl::Time as_of);

 private:
  absl::StatusOr<Rubric> RubricVersion(int64_t version);
  ActContext Context(const auth::Principal& who) const;

  SupervisionDeps d_;
  ReviewStore* store_;
  prometheus::Family<prometheus::Histogram>* scores_ = nullptr;
};

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_APP_REVIEWS_H_
