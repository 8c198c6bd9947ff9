#include "services/case/clients/personnel_directory.h"

#include "common/status/macros.h"

namespace lawenforce::cases {

absl::StatusOr<AgencyInfo> PersonnelDirectory::GetAgency(const std::string& id) {
  personnel::v1::GetAgencyRequest request;
  request.set_id(id);
  personnel::v1::Agency agency;
  std::unique_ptr<grpc::ClientContext> ctx = personnel_->NewContext();
  LE_RETURN_IF_ERROR(personnel_->Check(stub_->GetAgency(ctx.get(), request, &agency)));
  return AgencyInfo{
      agency.id(), agency.division_code(), {agency.domains().begin(), agency.domains().end()}};
}

}  // namespace lawenforce::cases
