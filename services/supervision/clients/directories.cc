#include "services/supervision/clients/directories.h"

#include "common/protoconv/protoconv.h"
#include "common/status/macros.h"
#include "common/time/clock.h"

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

absl::StatusOr<std::optional<bool>> PersonnelAgencies::HoldsSupervisionCertificate(
    const std::string& id) {
  absl::StatusOr<std::string> agency = OfficerAgency(id);
  if (agency.status().code() == absl::StatusCode::kNotFound) return std::optional<bool>();
  if (!agency.ok()) return agency.status();
  personnel::v1::ListCertificatesRequest request;
  request.set_division_code("640000");
  request.set_officer_id(id);
  request.set_state(personnel::v1::CERTIFICATE_STATE_ACTIVE);
  request.set_page_size(500);
  const absl::CivilDay today = absl::ToCivilDay(clock_->Now(), ChinaTimeZone());
  do {
    personnel::v1::ListCertificatesResponse page;
    std::unique_ptr<grpc::ClientContext> ctx = personnel_->NewContext();
    LE_RETURN_IF_ERROR(personnel_->Check(stub_->ListCertificates(ctx.get(), request, &page)));
    for (const personnel::v1::Certificate& c : page.certificates()) {
      if (c.kind() != personnel::v1::CERTIFICATE_KIND_SUPERVISION) continue;
      absl::StatusOr<absl::CivilDay> from =
          protoconv::FromDate("valid_from", c.has_valid_from(), c.valid_from());
      if (from.ok() && *from <= today) return std::optional<bool>(true);
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return std::optional<bool>(false);
}

absl::StatusOr<std::string> CaseServiceCases::CaseAgency(const std::string& id) {
  cases::v1::GetCaseRequest request;
  request.set_id(id);
  cases::v1::Case c;
  std::unique_ptr<grpc::ClientContext> ctx = cases_->NewContext();
  LE_RETURN_IF_ERROR(cases_->Check(stub_->GetCase(ctx.get(), request, &c)));
  return c.agency_id();
}

absl::StatusOr<std::vector<CaseRef>> CaseServiceCases::ListClosedCases(
    const std::string& division_code, absl::CivilDay from, absl::CivilDay to) {
  cases::v1::ListCasesRequest request;
  request.set_division_code(division_code);
  request.set_state(cases::v1::CASE_STATE_CLOSED);
  *request.mutable_decided_after() = protoconv::ToTimestamp(absl::FromCivil(from, ChinaTimeZone()));
  *request.mutable_decided_before() =
      protoconv::ToTimestamp(absl::FromCivil(to + 1, ChinaTimeZone()));
  request.set_page_size(500);
  std::vector<CaseRef> out;
  do {
    cases::v1::ListCasesResponse page;
    std::unique_ptr<grpc::ClientContext> ctx = cases_->NewContext();
    LE_RETURN_IF_ERROR(cases_->Check(stub_->ListCases(ctx.get(), request, &page)));
    for (const cases::v1::Case& c : page.cases()) {
      out.push_back(CaseRef{c.id(), c.agency_id(), c.division_code()});
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return out;
}

}  // namespace lawenforce::supervision
