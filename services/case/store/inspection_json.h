#ifndef LAWENFORCE_SERVICES_CASE_STORE_INSPECTION_JSON_H_
#define LAWENFORCE_SERVICES_CASE_STORE_INSPECTION_JSON_H_

// The JSON bodies of inspection plans and draws (TEXT columns) and the
// payloads of their outbox events. Times are unix microseconds. The Read
// functions return DATA_LOSS for a body that does not parse. Nothing in
// them is protected: credit codes and enterprise names are public.

#include <string>

#include "absl/status/statusor.h"
#include "services/case/domain/inspection.h"
#include "services/case/domain/visit.h"

namespace lawenforce::cases::json {

std::string PlanBody(const InspectionPlan& p);
absl::StatusOr<InspectionPlan> ReadPlanBody(const std::string& body);

std::string DrawBody(const InspectionDraw& d);
absl::StatusOr<InspectionDraw> ReadDrawBody(const std::string& body);

std::string CapBody(const VisitCap& c);
absl::StatusOr<VisitCap> ReadCapBody(const std::string& body);

std::string VisitBody(const InspectionVisit& v);
absl::StatusOr<InspectionVisit> ReadVisitBody(const std::string& body);

std::string WhitelistBody(const WhitelistEntry& e);
absl::StatusOr<WhitelistEntry> ReadWhitelistBody(const std::string& body);

std::string WarningBody(const InspectionWarning& w);
absl::StatusOr<InspectionWarning> ReadWarningBody(const std::string& body);

}  // namespace lawenforce::cases::json

#endif  // LAWENFORCE_SERVICES_CASE_STORE_INSPECTION_JSON_H_
