#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_ROW_MAPPING_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_ROW_MAPPING_H_

// Conversions between SQL rows and personnel records. The column lists
// (k*Columns) and the From*Row functions are kept side by side so that they
// cannot drift apart.

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/store/sql.h"
#include "common/store/values.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel::sql {

using store::DayFromText;
using store::DayText;
using store::TimeValue;

inline constexpr char kAgencyColumns[] =
    "id, name, division_code, domains, require_training, create_time, version";
inline constexpr char kOfficerColumns[] =
    "id, agency_id, division_code, name, id_number_masked, roles, review_required, create_time, "
    "update_time, version, service_start, service_end, service_end_reason";
inline constexpr char kServicePeriodColumns[] =
    "sequence, agency_id, division_code, start_time, end_time, end_reason, end_note, end_actor, "
    "record_time";
inline constexpr char kCertificateColumns[] =
    "id, number, officer_id, agency_id, division_code, kind, domains, valid_from, valid_until, "
    "state, state_reason, review_required, create_time, update_time, version, state_document, "
    "suspended_until, replaces_id, replaced_by_id";
inline constexpr char kEventColumns[] =
    "sequence, from_state, to_state, reason, actor, event_time, record_time, until_time, "
    "decision_document";
inline constexpr char kTrainingColumns[] =
    "id, officer_id, agency_id, division_code, minutes, category, course, training_date, "
    "provider, create_time";
inline constexpr char kSourceLinkColumns[] =
    "kind, system, source_id, resource_id, digest, first_import_time, last_import_time, version";
inline constexpr char kAssessmentColumns[] =
    "id, officer_id, assessment_year, result, remarks, recorded_by, create_time";

Agency AgencyFromRow(const store::Row& row);
SourceLink SourceLinkFromRow(const store::Row& row);
Officer OfficerFromRow(const store::Row& row);
ServicePeriod ServicePeriodFromRow(const store::Row& row);
Certificate CertificateFromRow(const store::Row& row);
CertificateEvent EventFromRow(const store::Row& row);
TrainingRecord TrainingFromRow(const store::Row& row);
Assessment AssessmentFromRow(const store::Row& row);

std::string JoinDomains(const std::vector<std::string>& domains);
std::vector<std::string> SplitDomains(const std::string& text);
int64_t RoleBits(const std::vector<OfficerRole>& roles);
int64_t RoleBit(OfficerRole role);
std::vector<OfficerRole> RolesFromBits(int64_t bits);

}  // namespace lawenforce::personnel::sql

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_ROW_MAPPING_H_
