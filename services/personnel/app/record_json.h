#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_RECORD_JSON_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_RECORD_JSON_H_

// The JSON form of personnel records in the cache, shared by the record
// cache and the eligibility facts. The From* functions throw
// nlohmann::json::exception on a malformed value; callers turn that into
// DATA_LOSS and read the store instead.

#include "nlohmann/json.hpp"
#include "services/personnel/domain/model.h"

namespace lawenforce::personnel::internal {

nlohmann::json CertificateToJson(const Certificate& c);
Certificate CertificateFromJson(const nlohmann::json& j);
nlohmann::json EventToJson(const CertificateEvent& e);
CertificateEvent EventFromJson(const nlohmann::json& j);

}  // namespace lawenforce::personnel::internal

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_RECORD_JSON_H_
