#ifndef LAWENFORCE_SERVICES_SUPERVISION_API_CONVERT_H_
#define LAWENFORCE_SERVICES_SUPERVISION_API_CONVERT_H_

// protobuf <-> domain for supervision-service. Enum values are checked
// here (INVALID_ARGUMENT naming the field); the rules are the domain's.

#include <optional>

#include "absl/status/statusor.h"
#include "common/divisions/divisions.h"
#include "lawenforce/supervision/v1/supervision.pb.h"
#include "services/supervision/app/complaints.h"
#include "services/supervision/app/notices.h"
#include "services/supervision/app/reviews.h"

namespace lawenforce::supervision::api {

namespace v1 = ::lawenforce::supervision::v1;

absl::StatusOr<Complaint> DraftFromProto(const v1::ComplaintDraft& d);
// The request's digest without the complainant's name and phone.
app::CreateOptions SubmitOptions(const v1::SubmitComplaintRequest& r);
absl::StatusOr<ComplaintQuery> QueryFromProto(const v1::ListComplaintsRequest& r);
absl::StatusOr<LimitRule> LimitFromProto(const v1::SetComplaintLimitRequest& r);

v1::Complaint ToProto(const Complaint& c, const Divisions& divisions);
v1::DeadlineExplanation ToProto(const std::string& complaint_id, const ClockExplanation& e);
v1::ComplaintLimit ToProto(const LimitRule& r);
v1::SupervisionStatistics ToProto(const SupervisionFigures& f);

std::vector<RubricDimension> DimensionsFromProto(const v1::PublishReviewRubricRequest& r);
CampaignDraft CampaignFromProto(const v1::CreateReviewCampaignRequest& r);
std::vector<std::pair<std::string, int>> ScoresFromProto(const v1::ScoreCaseRequest& r);
absl::StatusOr<std::vector<FindingDraft>> FindingsFromProto(const v1::ScoreCaseRequest& r);
absl::StatusOr<RectificationQuery> QueryFromProto(const v1::ListRectificationsRequest& r);
v1::ReviewRubric ToProto(const Rubric& r);
v1::ReviewCampaign ToProto(const Campaign& c, const Divisions& divisions);
v1::Rectification ToProto(const Rectification& r);

Notice NoticeFromProto(const v1::PublishNoticeRequest& r);
v1::Notice ToProto(const Notice& n, const Divisions& divisions);
v1::SupervisionPlan ToProto(const SupervisionPlan& p, const Divisions& divisions);
v1::SupervisionPlanStatus ToProto(const PlanStatusReport& r);

}  // namespace lawenforce::supervision::api

#endif  // LAWENFORCE_SERVICES_SUPERVISION_API_CONVERT_H_
