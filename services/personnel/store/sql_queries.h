#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_QUERIES_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_QUERIES_H_

// The read queries of the SQL PersonnelStore (sql_personnel_store.cc), each
// on a read snapshot of `records`. Contracts as in personnel_store.h.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/store/record_store.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel::queries {

using store::RecordStore;

absl::StatusOr<Agency> GetAgency(const RecordStore& records, const std::string& id);
absl::StatusOr<Officer> GetOfficer(const RecordStore& records, const std::string& id);
absl::StatusOr<Certificate> GetCertificate(const RecordStore& records, const std::string& id);
absl::StatusOr<Certificate> GetCertificateByNumber(const RecordStore& records,
                                                   const std::string& number);
absl::StatusOr<TrainingRecord> GetTrainingRecord(const RecordStore& records, const std::string& id);
absl::StatusOr<Assessment> GetAssessment(const RecordStore& records, const std::string& id);
absl::StatusOr<std::vector<CertificateEvent>> GetCertificateHistory(
    const RecordStore& records, const std::string& certificate_id);

absl::StatusOr<std::optional<SourceLink>> GetSourceLink(const RecordStore& records,
                                                        const std::string& kind,
                                                        const std::string& system,
                                                        const std::string& source_id);
absl::StatusOr<std::optional<Agency>> FindAgencyByName(const RecordStore& records,
                                                       const std::string& division_code,
                                                       const std::string& name);
absl::StatusOr<std::optional<Officer>> FindOfficerByIdNumber(const RecordStore& records,
                                                             const std::string& id_number_index);

absl::StatusOr<std::vector<Agency>> ListAgencies(const RecordStore& records,
                                                 const std::string& division_prefix,
                                                 const PageRequest& page);
absl::StatusOr<std::vector<Officer>> ListOfficers(const RecordStore& records,
                                                  const OfficerFilter& filter,
                                                  const PageRequest& page);
absl::StatusOr<std::vector<Certificate>> ListCertificates(const RecordStore& records,
                                                          const CertificateFilter& filter,
                                                          const PageRequest& page);
absl::StatusOr<std::vector<CertificateWithHistory>> GetCertificatesWithHistory(
    const RecordStore& records, const std::vector<std::string>& officer_ids);

absl::StatusOr<std::vector<TrainingRecord>> ListTrainingRecords(const RecordStore& records,
                                                                const std::string& officer_id,
                                                                std::optional<int> year,
                                                                const PageRequest& page);
absl::StatusOr<TrainingScope> GetTrainingForScope(const RecordStore& records,
                                                  const std::string& officer_id,
                                                  const std::string& agency_id,
                                                  const std::string& division_prefix, int year);
absl::StatusOr<std::vector<CountedTraining>> CountedTrainingOf(const RecordStore& records,
                                                               const std::string& officer_id);
absl::StatusOr<std::vector<AuditEntry>> ListAudit(const RecordStore& records,
                                                  const std::string& resource_id);
absl::StatusOr<std::vector<Assessment>> ListAssessments(const RecordStore& records,
                                                        const std::string& officer_id);

absl::StatusOr<std::vector<AgencyHeadcount>> Headcounts(const RecordStore& records,
                                                        const std::string& agency_id,
                                                        const std::string& division_prefix,
                                                        absl::Time as_of);
absl::StatusOr<std::vector<ServicePeriod>> GetServicePeriods(const RecordStore& records,
                                                             const std::string& officer_id);
absl::StatusOr<std::vector<DivisionFigures>> FiguresByDivision(const RecordStore& records,
                                                               absl::CivilDay today, int year,
                                                               int64_t required_minutes);

}  // namespace lawenforce::personnel::queries

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_QUERIES_H_
