#ifndef LAWENFORCE_SERVICES_SUPERVISION_STORE_COMPLAINT_JSON_H_
#define LAWENFORCE_SERVICES_SUPERVISION_STORE_COMPLAINT_JSON_H_

// A complaint's body as stored (the `body` column): every field but the
// complainant's name and phone, which are stored sealed in their own
// columns and never appear here.

#include <string>

#include "absl/status/statusor.h"
#include "services/supervision/domain/complaint.h"

namespace lawenforce::supervision::json {

std::string ComplaintBody(const Complaint& c);
// DATA_LOSS when the stored text is not a complaint body.
absl::StatusOr<Complaint> ReadComplaintBody(const std::string& text);
// The outbox payload: the complaint's routing and state, no content or contacts.
std::string EventPayload(const Complaint& c);

}  // namespace lawenforce::supervision::json

#endif  // LAWENFORCE_SERVICES_SUPERVISION_STORE_COMPLAINT_JSON_H_
