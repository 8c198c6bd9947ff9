#ifndef LAWENFORCE_SERVICES_CASE_STORE_CASE_JSON_H_
#define LAWENFORCE_SERVICES_CASE_STORE_CASE_JSON_H_

// The JSON forms case-service stores in TEXT columns (the case's nested
// parts, clock events, evidence references, benchmark levels) and sends in
// outbox events. Times are unix microseconds. The From functions throw
// nlohmann::json::exception on a malformed value; the store turns that
// into DATA_LOSS. No protected value is in any of them: parties appear in
// an event with their masked identity-card number only.

#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "services/case/domain/benchmark.h"
#include "services/case/domain/case.h"
#include "services/case/domain/clocks.h"
#include "services/case/domain/record.h"

namespace lawenforce::cases::json {

// What the `cases.detail` column holds: everything but the columns and
// the parties.
nlohmann::json CaseDetail(const Case& c);
void ReadCaseDetail(const nlohmann::json& j, Case& c);

// The outbox payload: the whole case as other systems see it.
std::string CasePayload(const Case& c);

nlohmann::json ClockEvents(const std::vector<ClockEvent>& events);
std::vector<ClockEvent> ReadClockEvents(const nlohmann::json& j);

nlohmann::json Evidence(const std::vector<EvidenceRef>& evidence);
std::vector<EvidenceRef> ReadEvidence(const nlohmann::json& j);

// An imported record's source (a case's detail, a visit's body).
nlohmann::json SourceJson(const ImportSource& s);
ImportSource ReadSourceJson(const nlohmann::json& j);

nlohmann::json Levels(const std::vector<BenchmarkLevel>& levels);
std::vector<BenchmarkLevel> ReadLevels(const nlohmann::json& j);

}  // namespace lawenforce::cases::json

#endif  // LAWENFORCE_SERVICES_CASE_STORE_CASE_JSON_H_
