#include "services/supervision/clients/directories.h"

#include "common/status/macros.h"

namespace lawenforce::supervision {

absl::StatusOr<AgencyRef> PersonnelAgencies::GetAgency(const std::string& id) {
  personnel::v1::GetAgencyRequest request;
  request.set_id(id);
  personnel::v1::Agency agency;
  std::unique_ptr<grpc::ClientContext> ctx = personnel_->NewContext();
  LE_RETURN_IF_ERROR(personnel_->Check(stub_->GetAgency(ctx.get(), request, &agency)));
  return AgencyRef{agency.id(), agency.division_code()};
}

absl::StatusOr<std::string> PersonnelAgencies::OfficerAgency(const std::string& id) {
  personnel::v1::GetOfficerRequest request;
  request.set_id(id);
  personnel::v1::Officer officer;
  std::unique_ptr<grpc::ClientContext> ctx = personnel_->NewContext();
  LE_RETURN_IF_ERROR(personnel_->Check(stub_->GetOfficer(ctx.get(), request, &officer)));
  return officer.agency_id();
}

absl::StatusOr<std::string> CaseServiceCases::CaseAgency(const std::string& id) {
  cases::v1::GetCaseRequest request;
  request.set_id(id);
  cases::v1::Case c;
  std::unique_ptr<grpc::ClientContext> ctx = cases_->NewContext();
  LE_RETURN_IF_ERROR(cases_->Check(stub_->GetCase(ctx.get(), request, &c)));
  return c.agency_id();
}

}  // namespace lawenforce::supervision
