#ifndef LAWENFORCE_SERVICES_SUPERVISION_STORE_COMPLAINT_JSON_H_
#define LAWENFORCE_SERVICES_SUPERVISION_STORE_COMPLAINT_JSON_H_

// A complaint's body as stored (the `body` column): every field but the
// complainant's name and phone, which are stored sealed in their own
// columns and never appear here.

#include <string>

#include "absl/status/statusor.h"
#include "services/supervision/domain/complaint.h"
#include "services/supervision/domain/notices.h"
#include "services/supervision/domain/review.h"

namespace lawenforce::supervision::json {

std::string ComplaintBody(const Complaint& c);
// DATA_LOSS when the stored text is not a complaint body.
absl::StatusOr<Complaint> ReadComplaintBody(const std::string& text);
// The outbox payload: the complaint's routing and state, no content or contacts.
std::string EventPayload(const Complaint& c);

// Review campaigns, rubrics and rectifications as stored (`body` columns).
std::string CampaignBody(const Campaign& c);
absl::StatusOr<Campaign> ReadCampaignBody(const std::string& text);
std::string RubricBody(const Rubric& r);
absl::StatusOr<Rubric> ReadRubricBody(const std::string& text);
std::string RectificationBody(const Rectification& r);
absl::StatusOr<Rectification> ReadRectificationBody(const std::string& text);
// The outbox payload of a rectification (no finding text).
std::string EventPayload(const Rectification& r);

std::string NoticeBody(const Notice& n);
absl::StatusOr<Notice> ReadNoticeBody(const std::string& text);

}  // namespace lawenforce::supervision::json

#endif  // LAWENFORCE_SERVICES_SUPERVISION_STORE_COMPLAINT_JSON_H_
