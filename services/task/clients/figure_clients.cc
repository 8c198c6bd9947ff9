#include "services/task/clients/figure_clients.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/status/macros.h"

namespace lawenforce::tasks {
namespace {

std::string ScopeText(const ReportScope& scope) {
  return scope.agency_id.empty() ? absl::StrCat("division_code=", scope.division_code)
                                 : absl::StrCat("agency_id=", scope.agency_id);
}

std::string PeriodText(absl::CivilDay from, absl::CivilDay to) {
  return absl::StrCat(absl::FormatCivilTime(from), "..", absl::FormatCivilTime(to));
}

template <typename Counts>
std::vector<KeyCount> ToCounts(const Counts& counts) {
  std::vector<KeyCount> out;
  for (const auto& c : counts) out.push_back({c.key(), c.count()});
  return out;
}

}  // namespace

GrpcFigureSources::GrpcFigureSources(std::shared_ptr<grpc_edge::ServiceClient> personnel,
                                     std::shared_ptr<grpc_edge::ServiceClient> cases,
                                     std::shared_ptr<grpc_edge::ServiceClient> supervision,
                                     const lawenforce::Clock* clock)
    : personnel_(std::move(personnel)),
      cases_(std::move(cases)),
      supervision_(std::move(supervision)),
      personnel_stub_(personnel::v1::PersonnelService::NewStub(personnel_->channel())),
      cases_stub_(cases::v1::CaseService::NewStub(cases_->channel())),
      supervision_stub_(supervision::v1::SupervisionService::NewStub(supervision_->channel())),
      clock_(clock) {}

absl::StatusOr<AgencyInfo> GrpcFigureSources::GetAgency(const std::string& id) {
  personnel::v1::GetAgencyRequest request;
  request.set_id(id);
  personnel::v1::Agency agency;
  std::unique_ptr<grpc::ClientContext> ctx = personnel_->NewContext();
  LE_RETURN_IF_ERROR(personnel_->Check(personnel_stub_->GetAgency(ctx.get(), request, &agency)));
  return AgencyInfo{agency.id(), agency.name(), agency.division_code()};
}

absl::Status GrpcFigureSources::AddPersonnel(const ReportScope& scope, int year,
                                             ReportFigures& out) {
  const int this_year = absl::ToCivilYear(clock_->Now(), ChinaTimeZone()).year();
  // Staffing of a closed year stands at its end; of the year in progress, now.
  personnel::v1::GetStaffingComplianceRequest staffing_request;
  if (scope.agency_id.empty()) {
    staffing_request.set_division_code(scope.division_code);
  } else {
    staffing_request.set_agency_id(scope.agency_id);
  }
  staffing_request.set_year(year < this_year ? year : 0);
  personnel::v1::StaffingCompliance staffing;
  {
    std::unique_ptr<grpc::ClientContext> ctx = personnel_->NewContext();
    LE_RETURN_IF_ERROR(personnel_->Check(
        personnel_stub_->GetStaffingCompliance(ctx.get(), staffing_request, &staffing)));
  }
  out.sources.push_back({personnel_->name(),
                         "lawenforce.personnel.v1.PersonnelService/GetStaffingCompliance",
                         absl::StrCat(ScopeText(scope), " year=", staffing_request.year()),
                         clock_->Now(), year < this_year});

  personnel::v1::GetTrainingSummaryRequest training_request;
  if (scope.agency_id.empty()) {
    training_request.set_division_code(scope.division_code);
  } else {
    training_request.set_agency_id(scope.agency_id);
  }
  training_request.set_year(year);
  personnel::v1::TrainingSummary training;
  {
    std::unique_ptr<grpc::ClientContext> ctx = personnel_->NewContext();
    LE_RETURN_IF_ERROR(personnel_->Check(
        personnel_stub_->GetTrainingSummary(ctx.get(), training_request, &training)));
  }
  out.sources.push_back(
      {personnel_->name(), "lawenforce.personnel.v1.PersonnelService/GetTrainingSummary",
       absl::StrCat(ScopeText(scope), " year=", year), clock_->Now(), year < this_year});

  PersonnelFigures& p = out.personnel;
  p.officers = staffing.total().officer_count();
  p.legal_reviewers = staffing.total().legal_reviewer_count();
  p.required_legal_reviewers = staffing.total().required_legal_reviewers();
  p.agencies_compliant = staffing.compliant_agency_count();
  p.agencies_noncompliant = staffing.noncompliant_agency_count();
  p.required_training_hours = training.required_hours();
  p.training_officers = training.officer_count();
  p.training_compliant_officers = training.compliant_officer_count();
  return absl::OkStatus();
}

absl::Status GrpcFigureSources::AddCases(const ReportScope& scope, absl::CivilDay from,
                                         absl::CivilDay to, ReportFigures& out) {
  cases::v1::GetCaseStatisticsRequest request;
  if (scope.agency_id.empty()) {
    request.set_division_code(scope.division_code);
  } else {
    request.set_agency_id(scope.agency_id);
  }
  *request.mutable_start_date() = protoconv::ToDate(from);
  *request.mutable_end_date() = protoconv::ToDate(to);
  cases::v1::CaseStatistics s;
  std::unique_ptr<grpc::ClientContext> ctx = cases_->NewContext();
  LE_RETURN_IF_ERROR(cases_->Check(cases_stub_->GetCaseStatistics(ctx.get(), request, &s)));
  out.sources.push_back({cases_->name(), "lawenforce.cases.v1.CaseService/GetCaseStatistics",
                         absl::StrCat(ScopeText(scope), " ", PeriodText(from, to)), clock_->Now(),
                         s.closed_period()});
  CaseFigures& c = out.cases;
  c.cases_filed = s.cases_filed();
  c.filed_by_kind = ToCounts(s.filed_by_kind());
  c.by_state = ToCounts(s.by_state());
  c.cases_ended = s.cases_ended();
  c.decisions = s.decisions();
  c.decisions_by_outcome = ToCounts(s.decisions_by_outcome());
  c.decisions_review_required = s.decisions_review_required();
  c.decisions_review_required_reviewed = s.decisions_review_required_reviewed();
  c.benchmark_deviations = s.benchmark_deviations();
  c.average_days_to_decision = s.average_days_to_decision();
  c.p90_days_to_decision = s.p90_days_to_decision();
  c.legal_reviews = s.legal_reviews();
  c.legal_reviews_returned = s.legal_reviews_returned();
  c.publications_due = s.publications_due();
  c.published_on_time = s.published_on_time();
  c.published_late = s.published_late();
  c.publications_overdue = s.publications_overdue();
  c.transfers_reported = s.transfers_reported();
  c.transfers_handed_over = s.transfers_handed_over();
  c.overdue_by_clock = ToCounts(s.overdue_by_clock());
  return absl::OkStatus();
}

absl::Status GrpcFigureSources::AddComplaints(const std::string& division_code, absl::CivilDay from,
                                              absl::CivilDay to, ReportFigures& out) {
  supervision::v1::GetSupervisionStatisticsRequest request;
  request.set_division_code(division_code);
  *request.mutable_start_date() = protoconv::ToDate(from);
  *request.mutable_end_date() = protoconv::ToDate(to);
  supervision::v1::SupervisionStatistics s;
  std::unique_ptr<grpc::ClientContext> ctx = supervision_->NewContext();
  LE_RETURN_IF_ERROR(
      supervision_->Check(supervision_stub_->GetSupervisionStatistics(ctx.get(), request, &s)));
  out.sources.push_back({supervision_->name(),
                         "lawenforce.supervision.v1.SupervisionService/GetSupervisionStatistics",
                         absl::StrCat("division_code=", division_code, " ", PeriodText(from, to)),
                         clock_->Now(), s.closed_period()});
  ComplaintFigures& f = out.complaints;
  f.available = true;
  f.complaints_received = s.complaints_received();
  f.from_private_enterprises = s.from_private_enterprises();
  f.by_channel = ToCounts(s.by_channel());
  f.escalations_by_tier = ToCounts(s.escalations_by_tier());
  f.resolved = s.resolved();
  f.resolved_on_time = s.resolved_on_time();
  f.median_handling_days = s.median_handling_days();
  f.p90_handling_days = s.p90_handling_days();
  f.rated = s.rated();
  // satisfied_share is satisfied / rated, both whole numbers.
  f.satisfied = std::llround(s.satisfied_share() * static_cast<double>(s.rated()));
  f.average_satisfaction = s.average_satisfaction();
  f.cases_reviewed = s.cases_reviewed();
  f.average_review_score = s.average_review_score();
  f.rectifications_opened = s.rectifications_opened();
  f.rectifications_completed = s.rectifications_completed();
  f.rectifications_completed_on_time = s.rectifications_completed_on_time();
  f.rectifications_overdue = s.rectifications_overdue();
  return absl::OkStatus();
}

}  // namespace lawenforce::tasks
