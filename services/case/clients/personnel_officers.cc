#include "services/case/clients/personnel_officers.h"

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "common/protoconv/protoconv.h"
#include "common/status/macros.h"

namespace lawenforce::cases {

namespace pv1 = ::lawenforce::personnel::v1;

absl::StatusOr<std::vector<OfficerVerdict>> PersonnelOfficers::CheckEligibility(
    const std::vector<std::string>& officer_ids, const std::string& domain, absl::Time at) {
  pv1::CheckEnforcementEligibilityRequest request;
  for (const std::string& id : officer_ids) request.add_officer_ids(id);
  request.set_domain(domain);
  *request.mutable_at_time() = protoconv::ToTimestamp(at);
  pv1::CheckEnforcementEligibilityResponse response;
  std::unique_ptr<grpc::ClientContext> ctx = personnel_->NewContext();
  LE_RETURN_IF_ERROR(
      personnel_->Check(stub_->CheckEnforcementEligibility(ctx.get(), request, &response)));
  std::vector<OfficerVerdict> out;
  for (const pv1::EligibilityVerdict& v : response.verdicts()) {
    absl::string_view name = pv1::EligibilityReason_Name(v.reason());
    absl::ConsumePrefix(&name, "ELIGIBILITY_REASON_");
    std::string reason(name);
    out.push_back(
        {v.officer_id(), v.eligible(), reason, v.certificate_id(), v.detail(), v.agency_id()});
  }
  return out;
}

absl::StatusOr<OfficerInfo> PersonnelOfficers::GetOfficer(const std::string& id) {
  pv1::GetOfficerRequest request;
  request.set_id(id);
  pv1::Officer officer;
  std::unique_ptr<grpc::ClientContext> ctx = personnel_->NewContext();
  LE_RETURN_IF_ERROR(personnel_->Check(stub_->GetOfficer(ctx.get(), request, &officer)));
  OfficerInfo info{officer.id(), officer.agency_id(), false};
  for (int role : officer.roles()) {
    if (role == pv1::OFFICER_ROLE_LEGAL_REVIEWER) info.legal_reviewer = true;
  }
  return info;
}

}  // namespace lawenforce::cases
