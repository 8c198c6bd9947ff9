#include "services/task/api/task_grpc_service.h"

#include <utility>

#include "common/grpc/emit.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "common/status/macros.h"

namespace lawenforce::tasks::api {
namespace {

using auth::Principal;
using grpc_edge::Emit;
using grpc_edge::EmitAll;
using grpc_edge::EmitPage;
using grpc_edge::Serve;
using protoconv::ToDate;
using protoconv::ToTimestamp;

v1::Task TaskToProto(const std::string& plan_id, const Task& t) {
  v1::Task out;
  out.set_plan_id(plan_id);
  out.set_number(t.number);
  out.set_section(t.section);
  out.set_title(t.title);
  out.set_text(t.text);
  for (const std::string& u : t.responsible_units) out.add_responsible_units(u);
  for (const TaskDeadline& d : t.deadlines) {
    v1::TaskDeadline* x = out.add_deadlines();
    x->set_kind(static_cast<v1::DeadlineKind>(d.kind));
    if (d.kind == DeadlineKind::kOnce) {
      *x->mutable_date() = ToDate(d.date);
    } else {
      x->set_month(d.month);
      x->set_day(d.day);
    }
    x->set_what(d.what);
    x->set_amount(d.amount);
    x->set_source(d.source);
  }
  out.set_yearly(t.yearly());
  return out;
}

void CountsToProto(const ProgressCounts& c, v1::ProgressCounts* out) {
  out->set_assignments(c.assignments);
  out->set_not_started(c.not_started);
  out->set_in_progress(c.in_progress);
  out->set_done(c.done);
  out->set_overdue(c.overdue);
}

absl::StatusOr<AssignmentQuery> QueryFromProto(const v1::ListAssignmentsRequest& r) {
  AssignmentQuery q{r.division_code(), r.plan_id(), r.task_number(), std::nullopt};
  if (r.state() != v1::ASSIGNMENT_STATE_UNSPECIFIED) {
    if (!v1::AssignmentState_IsValid(r.state())) return InvalidField("state", "unknown state");
    q.state = static_cast<AssignmentState>(r.state());
  }
  return q;
}

}  // namespace

v1::Plan TaskGrpcService::PlanToProto(const Plan& p) const {
  v1::Plan out;
  out.set_id(p.id);
  out.set_title(p.title);
  out.set_issuer(p.issuer);
  *out.mutable_period_start() = ToDate(p.period_start);
  *out.mutable_period_end() = ToDate(p.period_end);
  out.set_status(static_cast<v1::PlanStatus>(u_->StatusNow(p)));
  out.set_task_count(static_cast<int>(p.tasks.size()));
  for (const Section& s : p.sections) {
    v1::Section* x = out.add_sections();
    x->set_number(s.number);
    x->set_title(s.title);
  }
  return out;
}

v1::Assignment TaskGrpcService::AssignmentToProto(const Assignment& a) const {
  v1::Assignment out;
  out.set_id(a.id);
  out.set_plan_id(a.plan_id);
  out.set_task_number(a.task_number);
  out.set_division_code(a.division_code);
  out.set_tier(protoconv::TierOf(*divisions_, a.division_code));
  out.set_unit(a.unit);
  out.set_owner(a.owner);
  out.set_year(a.year);
  *out.mutable_due_date() = ToDate(a.due_date);
  out.set_state(static_cast<v1::AssignmentState>(a.state));
  out.set_percent(a.percent);
  for (const ProgressReport& r : a.reports) {
    v1::ProgressReport* x = out.add_reports();
    x->set_seq(r.seq);
    x->set_percent(r.percent);
    x->set_narrative(r.narrative);
    for (const std::string& e : r.evidence) x->add_evidence(e);
    x->set_reported_by(r.reported_by);
    *x->mutable_report_time() = ToTimestamp(r.at);
  }
  if (a.done_time.has_value()) *out.mutable_done_time() = ToTimestamp(*a.done_time);
  out.set_on_time(a.on_time);
  out.set_previous_id(a.previous_id);
  *out.mutable_create_time() = ToTimestamp(a.create_time);
  out.set_assigned_by(a.assigned_by);
  out.set_etag(app::Etag(a.version));
  return out;
}

grpc::ServerUnaryReactor* TaskGrpcService::ListPlans(grpc::CallbackServerContext* ctx,
                                                     const v1::ListPlansRequest* /*req*/,
                                                     v1::ListPlansResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitAll(u_->ListPlans(who), resp->mutable_plans(),
                   [this](const Plan& p) { return PlanToProto(p); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::GetPlan(grpc::CallbackServerContext* ctx,
                                                   const v1::GetPlanRequest* req, v1::Plan* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_->GetPlan(who, req->id()), resp,
                [this](const Plan& p) { return PlanToProto(p); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::ListTasks(grpc::CallbackServerContext* ctx,
                                                     const v1::ListTasksRequest* req,
                                                     v1::ListTasksResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitAll(u_->ListTasks(who, req->plan_id(), req->section()), resp->mutable_tasks(),
                   [&](const Task& t) { return TaskToProto(req->plan_id(), t); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::GetTask(grpc::CallbackServerContext* ctx,
                                                   const v1::GetTaskRequest* req, v1::Task* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_->GetTask(who, req->plan_id(), req->number()), resp,
                [&](const Task& t) { return TaskToProto(req->plan_id(), t); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::AssignTask(grpc::CallbackServerContext* ctx,
                                                      const v1::AssignTaskRequest* req,
                                                      v1::AssignTaskResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    AssignRequest r;
    r.plan_id = req->plan_id();
    r.task_number = req->task_number();
    r.division_codes.assign(req->division_codes().begin(), req->division_codes().end());
    r.fan_out_parent = req->fan_out_parent();
    if (req->fan_out_tier() != lawenforce::common::v1::TIER_UNSPECIFIED) {
      if (!lawenforce::common::v1::Tier_IsValid(req->fan_out_tier())) {
        return InvalidField("fan_out_tier", "unknown tier");
      }
      r.fan_out_tier = static_cast<Tier>(req->fan_out_tier());
    }
    r.unit = req->unit();
    r.owner = req->owner();
    if (req->has_due_date()) r.due_date = protoconv::FromDate("due_date", true, req->due_date());
    return EmitAll(u_->Assign(who, std::move(r), grpc_edge::OptionsOf(*req)),
                   resp->mutable_assignments(),
                   [this](const Assignment& a) { return AssignmentToProto(a); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::GetAssignment(grpc::CallbackServerContext* ctx,
                                                         const v1::GetAssignmentRequest* req,
                                                         v1::Assignment* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_->Get(who, req->id()), resp,
                [this](const Assignment& a) { return AssignmentToProto(a); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::ListAssignments(grpc::CallbackServerContext* ctx,
                                                           const v1::ListAssignmentsRequest* req,
                                                           v1::ListAssignmentsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitPage(u_->List(who, QueryFromProto(*req), {req->page_size(), req->page_token()}),
                    resp, resp->mutable_assignments(),
                    [this](const Assignment& a) { return AssignmentToProto(a); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::ReportProgress(grpc::CallbackServerContext* ctx,
                                                          const v1::ReportProgressRequest* req,
                                                          v1::Assignment* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_->Report(who, req->assignment_id(), req->etag(), req->percent(), req->narrative(),
                           {req->evidence().begin(), req->evidence().end()}),
                resp, [this](const Assignment& a) { return AssignmentToProto(a); });
  });
}

grpc::ServerUnaryReactor* TaskGrpcService::GetPlanProgress(grpc::CallbackServerContext* ctx,
                                                           const v1::GetPlanProgressRequest* req,
                                                           v1::PlanProgress* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    absl::StatusOr<std::optional<absl::Time>> as_of = std::optional<absl::Time>();
    if (req->has_as_of()) {
      absl::StatusOr<absl::Time> t = protoconv::FromTimestamp("as_of", req->as_of());
      as_of = t.ok() ? absl::StatusOr<std::optional<absl::Time>>(*t)
                     : absl::StatusOr<std::optional<absl::Time>>(t.status());
    }
    return Emit(u_->Progress(who, req->plan_id(), req->division_code(), std::move(as_of)), resp,
                [](const ProgressReportView& v) {
                  v1::PlanProgress out;
                  out.set_plan_id(v.plan_id);
                  out.set_division_code(v.division_code);
                  *out.mutable_as_of() = ToTimestamp(v.as_of);
                  out.set_plan_status(static_cast<v1::PlanStatus>(v.status));
                  CountsToProto(v.progress.total, out.mutable_total());
                  for (const TaskProgress& t : v.progress.tasks) {
                    v1::TaskProgress* x = out.add_tasks();
                    x->set_task_number(t.task_number);
                    CountsToProto(t.total, x->mutable_total());
                    for (const auto& [tier, counts] : t.by_tier) {
                      v1::TierProgress* y = x->add_by_tier();
                      y->set_tier(protoconv::ToTier(tier));
                      CountsToProto(counts, y->mutable_counts());
                    }
                  }
                  return out;
                });
  });
}

}  // namespace lawenforce::tasks::api
