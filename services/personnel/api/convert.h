#ifndef LAWENFORCE_SERVICES_PERSONNEL_API_CONVERT_H_
#define LAWENFORCE_SERVICES_PERSONNEL_API_CONVERT_H_

// protobuf <-> personnel domain. Enum values arriving as UNSPECIFIED or out
// of range become INVALID_ARGUMENT naming the field.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "common/divisions/divisions.h"
#include "lawenforce/personnel/v1/personnel.pb.h"
#include "services/personnel/app/certificates.h"
#include "services/personnel/app/verification.h"
#include "services/personnel/domain/eligibility.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/domain/staffing.h"
#include "services/personnel/domain/training.h"

namespace lawenforce::personnel::api {

namespace v1 = ::lawenforce::personnel::v1;

v1::Agency ToProto(const Agency& a, const Divisions& divisions);
v1::Officer ToProto(const Officer& o);
v1::Certificate ToProto(const Certificate& c);
v1::CertificateVerificationCode ToProto(const PrintedVerification& v);
v1::CertificateVerification ToProto(const CertificateVerification& v);
v1::CertificateEvent ToProto(const CertificateEvent& e);
v1::ServicePeriod ToProto(const ServicePeriod& p);
v1::TrainingRecord ToProto(const TrainingRecord& t);
v1::Assessment ToProto(const Assessment& a);
v1::EligibilityVerdict ToProto(const EligibilityVerdict& v);
v1::TrainingSummary ToProto(const TrainingSummary& s);
v1::TrainingShortfall ToProto(const TrainingShortfall& t);
v1::AuditEntry ToProto(const store::AuditRow& row);
v1::StaffingCompliance ToProto(const StaffingReport& r);

v1::OfficerRole ToProto(OfficerRole r);
v1::CertificateState ToProto(CertificateState s);

// `required` makes UNSPECIFIED an error; otherwise it maps to nullopt.
absl::StatusOr<std::optional<OfficerRole>> RoleFromProto(absl::string_view field, int value,
                                                         bool required);
absl::StatusOr<std::vector<OfficerRole>> RolesFromProto(
    absl::string_view field, const google::protobuf::RepeatedField<int>& values);
absl::StatusOr<CertificateKind> KindFromProto(absl::string_view field, int value);
absl::StatusOr<std::optional<CertificateState>> StateFromProto(absl::string_view field, int value);
absl::StatusOr<TrainingCategory> CategoryFromProto(absl::string_view field, int value);
absl::StatusOr<AssessmentResult> ResultFromProto(absl::string_view field, int value);
absl::StatusOr<ServiceEndReason> EndReasonFromProto(absl::string_view field, int value);

Agency AgencyFromProto(const v1::Agency& p);
absl::StatusOr<Officer> OfficerFromProto(const v1::Officer& p);
absl::StatusOr<Certificate> CertificateFromProto(const v1::Certificate& p);
absl::StatusOr<ReissueRequest> ReissueFromProto(const v1::ReissueCertificateRequest& p);
// The fields named in the update mask, each checked as it is read
// (INVALID_ARGUMENT "update_mask", "update_mask.paths[i]", "valid_from",
// "valid_until").
absl::StatusOr<CorrectionRequest> CorrectionFromProto(const v1::CorrectCertificateRequest& p);
absl::StatusOr<TrainingRecord> TrainingFromProto(const v1::TrainingRecord& p);
absl::StatusOr<Assessment> AssessmentFromProto(const v1::Assessment& p);

}  // namespace lawenforce::personnel::api

#endif  // LAWENFORCE_SERVICES_PERSONNEL_API_CONVERT_H_
