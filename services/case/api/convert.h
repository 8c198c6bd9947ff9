#ifndef LAWENFORCE_SERVICES_CASE_API_CONVERT_H_
#define LAWENFORCE_SERVICES_CASE_API_CONVERT_H_

// protobuf <-> case-service domain. An enum arriving UNSPECIFIED or out of
// range becomes INVALID_ARGUMENT naming the field.

#include "absl/status/statusor.h"
#include "common/divisions/divisions.h"
#include "lawenforce/cases/v1/cases.pb.h"
#include "services/case/domain/item.h"

namespace lawenforce::cases::api {

namespace v1 = ::lawenforce::cases::v1;

v1::EnforcementItem ToProto(const EnforcementItem& item, const Divisions& divisions);
absl::StatusOr<EnforcementItem> ItemFromProto(const v1::EnforcementItem& p);

}  // namespace lawenforce::cases::api

#endif  // LAWENFORCE_SERVICES_CASE_API_CONVERT_H_
