// The annual report's RPCs of TaskGrpcService: protobuf <-> domain, and the
// exports (JSON is this API's own JSON form of AnnualReport; Markdown and
// HTML are domain/report_render.h).

#include "absl/strings/str_cat.h"
#include "common/grpc/emit.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "google/protobuf/util/json_util.h"
#include "services/task/api/task_grpc_service.h"
#include "services/task/domain/report_render.h"

namespace lawenforce::tasks::api {
namespace {

using auth::Principal;
using grpc_edge::Emit;
using grpc_edge::EmitAll;
using grpc_edge::Serve;
using protoconv::ToDate;
using protoconv::ToTimestamp;

template <typename Repeated>
void CountsTo(const std::vector<KeyCount>& counts, Repeated* out) {
  for (const KeyCount& c : counts) {
    v1::ReportCount* x = out->Add();
    x->set_key(c.key);
    x->set_count(c.count);
  }
}

void PersonnelTo(const PersonnelFigures& p, v1::PersonnelFigures* out) {
  out->set_officers(static_cast<int32_t>(p.officers));
  out->set_legal_reviewers(static_cast<int32_t>(p.legal_reviewers));
  out->set_required_legal_reviewers(static_cast<int32_t>(p.required_legal_reviewers));
  out->set_agencies_compliant(static_cast<int32_t>(p.agencies_compliant));
  out->set_agencies_noncompliant(static_cast<int32_t>(p.agencies_noncompliant));
  out->set_required_training_hours(p.required_training_hours);
  out->set_training_officers(static_cast<int32_t>(p.training_officers));
  out->set_training_compliant_officers(static_cast<int32_t>(p.training_compliant_officers));
}

void CasesTo(const CaseFigures& c, v1::CaseFigures* out) {
  out->set_cases_filed(c.cases_filed);
  CountsTo(c.filed_by_kind, out->mutable_filed_by_kind());
  CountsTo(c.by_state, out->mutable_by_state());
  out->set_cases_ended(c.cases_ended);
  out->set_decisions(c.decisions);
  CountsTo(c.decisions_by_outcome, out->mutable_decisions_by_outcome());
  out->set_decisions_review_required(c.decisions_review_required);
  out->set_decisions_review_required_reviewed(c.decisions_review_required_reviewed);
  out->set_benchmark_deviations(c.benchmark_deviations);
  out->set_average_days_to_decision(c.average_days_to_decision);
  out->set_p90_days_to_decision(c.p90_days_to_decision);
  out->set_legal_reviews(c.legal_reviews);
  out->set_legal_reviews_returned(c.legal_reviews_returned);
  out->set_publications_due(c.publications_due);
  out->set_published_on_time(c.published_on_time);
  out->set_published_late(c.published_late);
  out->set_publications_overdue(c.publications_overdue);
  out->set_transfers_reported(c.transfers_reported);
  out->set_transfers_handed_over(c.transfers_handed_over);
  CountsTo(c.overdue_by_clock, out->mutable_overdue_by_clock());
}

void ComplaintsTo(const ComplaintFigures& s, v1::ComplaintFigures* out) {
  out->set_available(s.available);
  if (!s.available) return;
  out->set_complaints_received(s.complaints_received);
  out->set_from_private_enterprises(s.from_private_enterprises);
  CountsTo(s.by_channel, out->mutable_by_channel());
  CountsTo(s.escalations_by_tier, out->mutable_escalations_by_tier());
  out->set_resolved(s.resolved);
  out->set_resolved_on_time(s.resolved_on_time);
  out->set_median_handling_days(s.median_handling_days);
  out->set_p90_handling_days(s.p90_handling_days);
  out->set_rated(s.rated);
  out->set_satisfied(s.satisfied);
  out->set_average_satisfaction(s.average_satisfaction);
  out->set_cases_reviewed(s.cases_reviewed);
  out->set_average_review_score(s.average_review_score);
  out->set_rectifications_opened(s.rectifications_opened);
  out->set_rectifications_completed(s.rectifications_completed);
  out->set_rectifications_completed_on_time(s.rectifications_completed_on_time);
  out->set_rectifications_overdue(s.rectifications_overdue);
}

void ProgressTo(const ProgressCounts& c, v1::ProgressCounts* out) {
  out->set_assignments(c.assignments);
  out->set_not_started(c.not_started);
  out->set_in_progress(c.in_progress);
  out->set_done(c.done);
  out->set_overdue(c.overdue);
}

// The report's header fields; with `figures`, everything.
v1::AnnualReport ReportToProto(const AnnualReport& r, bool figures) {
  v1::AnnualReport out;
  out.set_id(r.id);
  out.set_division_code(r.division_code);
  out.set_agency_id(r.agency_id);
  out.set_scope_name(r.scope_name);
  out.set_tier(protoconv::ToTier(r.tier));
  out.set_year(r.year);
  out.set_version(r.version);
  out.set_state(static_cast<v1::ReportState>(r.state));
  *out.mutable_as_of() = ToTimestamp(r.as_of);
  out.set_closed_period(r.closed_period);
  out.set_generated_by(r.generated_by);
  *out.mutable_generate_time() = ToTimestamp(r.generate_time);
  out.set_published_by(r.published_by);
  if (r.publish_time.has_value()) *out.mutable_publish_time() = ToTimestamp(*r.publish_time);
  if (!figures) return out;
  PersonnelTo(r.figures.personnel, out.mutable_personnel());
  CasesTo(r.figures.cases, out.mutable_cases());
  ComplaintsTo(r.figures.complaints, out.mutable_complaints());
  for (const PlanFigures& p : r.figures.plans) {
    v1::PlanFigures* x = out.add_plans();
    x->set_plan_id(p.plan_id);
    x->set_plan_title(p.plan_title);
    x->set_plan_status(static_cast<v1::PlanStatus>(p.plan_status));
    ProgressTo(p.total, x->mutable_total());
  }
  for (const Indicator& i : r.indicators) {
    v1::Indicator* x = out.add_indicators();
    x->set_code(i.code);
    x->set_name(i.name);
    x->set_numerator(i.numerator);
    x->set_denominator(i.denominator);
    x->set_defined(i.value.has_value());
    if (i.value.has_value()) x->set_value(*i.value);
    x->set_formula(i.formula);
  }
  for (const FigureSource& s : r.figures.sources) {
    v1::FigureSource* x = out.add_sources();
    x->set_service(s.service);
    x->set_method(s.method);
    x->set_request(s.request);
    *x->mutable_fetched_at() = ToTimestamp(s.fetched_at);
    x->set_closed_period(s.closed_period);
  }
  return out;
}

absl::StatusOr<v1::ReportExport> Export(const AnnualReport& r, v1::ReportFormat format) {
  v1::ReportExport out;
  const std::string stem = absl::StrCat(r.agency_id.empty() ? r.division_code : r.agency_id, "-",
                                        r.year, "-v", r.version);
  switch (format) {
    case v1::REPORT_FORMAT_JSON: {
      google::protobuf::util::JsonPrintOptions options;
      options.add_whitespace = true;
      options.always_print_primitive_fields = true;
      options.preserve_proto_field_names = true;
      std::string json;
      if (!google::protobuf::util::MessageToJsonString(ReportToProto(r, true), &json, options)
               .ok()) {
        return absl::InternalError("the report could not be written as JSON");
      }
      out.set_filename(absl::StrCat(stem, ".json"));
      out.set_content_type("application/json");
      out.set_content(std::move(json));
      return out;
    }
    case v1::REPORT_FORMAT_MARKDOWN:
      out.set_filename(absl::StrCat(stem, ".md"));
      out.set_content_type("text/markdown; charset=utf-8");
      out.set_content(RenderMarkdown(r));
      return out;
    case v1::REPORT_FORMAT_HTML:
      out.set_filename(absl::StrCat(stem, ".html"));
      out.set_content_type("text/html; charset=utf-8");
      out.set_content(RenderHtml(r));
      return out;
    default:
      return InvalidField("format", "one of REPORT_FORMAT_JSON, _MARKDOWN, _HTML");
  }
}

}  // namespace

grpc::ServerUnaryReactor* TaskGrpcService::GenerateAnnualReport(
    grpc::CallbackServerContext* ctx, const v1::GenerateAnnualReportRequest* req,
    v1::AnnualReport* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(reports_->Generate(who, {req->division_code(), req->agency_id()}, req->year(),
                                   grpc_edge::OptionsOf(*req)),
                resp, [](const AnnualReport& r) { return ReportToProto(r, true); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::GetAnnualReport(grpc::CallbackServerContext* ctx,
                                                           const v1::GetAnnualReportRequest* req,
                                                           v1::AnnualReport* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(reports_->Get(who, req->id()), resp,
                [](const AnnualReport& r) { return ReportToProto(r, true); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::ListAnnualReports(
    grpc::CallbackServerContext* ctx, const v1::ListAnnualReportsRequest* req,
    v1::ListAnnualReportsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitAll(reports_->List(who, {req->division_code(), req->agency_id()}, req->year(),
                                  req->published_only()),
                   resp->mutable_reports(),
                   [](const AnnualReport& r) { return ReportToProto(r, false); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::PublishAnnualReport(
    grpc::CallbackServerContext* ctx, const v1::PublishAnnualReportRequest* req,
    v1::AnnualReport* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(reports_->Publish(who, req->id()), resp,
                [](const AnnualReport& r) { return ReportToProto(r, true); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::ExportAnnualReport(
    grpc::CallbackServerContext* ctx, const v1::ExportAnnualReportRequest* req,
    v1::ReportExport* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    if (!v1::ReportFormat_IsValid(req->format()) ||
        req->format() == v1::REPORT_FORMAT_UNSPECIFIED) {
      return InvalidField("format", "one of REPORT_FORMAT_JSON, _MARKDOWN, _HTML");
    }
    LE_ASSIGN_OR_RETURN(AnnualReport r, reports_->Get(who, req->id()));
    LE_ASSIGN_OR_RETURN(*resp, Export(r, req->format()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::GetAnnualReportStatus(
    grpc::CallbackServerContext* ctx, const v1::GetAnnualReportStatusRequest* req,
    v1::AnnualReportStatus* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(reports_->Status(who, req->division_code(), req->year()), resp,
                [](const ReportStatusView& v) {
                  v1::AnnualReportStatus out;
                  out.set_division_code(v.division_code);
                  out.set_year(v.year);
                  *out.mutable_due_date() = ToDate(ReportDueDay(v.year));
                  for (const DivisionDueStatus& d : v.divisions) {
                    v1::DivisionReportStatus* x = out.add_divisions();
                    x->set_division_code(d.division->code);
                    x->set_tier(protoconv::ToTier(d.division->tier));
                    x->set_name(d.division->name);
                    x->set_state(static_cast<v1::ReportDueState>(d.state));
                    if (d.first.has_value()) {
                      x->set_report_id(d.first->report_id);
                      *x->mutable_publish_time() = ToTimestamp(d.first->time);
                    }
                    switch (d.state) {
                      case ReportDueState::kOnTime:
                        out.set_on_time(out.on_time() + 1);
                        break;
                      case ReportDueState::kLate:
                        out.set_late(out.late() + 1);
                        break;
                      case ReportDueState::kPending:
                        out.set_pending(out.pending() + 1);
                        break;
                      case ReportDueState::kOverdue:
                        out.set_overdue(out.overdue() + 1);
                        break;
                    }
                  }
                  return out;
                });
  });
}

}  // namespace lawenforce::tasks::api
