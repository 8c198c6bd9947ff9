#include "services/case/api/case_grpc_service.h"

#include "common/grpc/emit.h"
#include "common/protoconv/protoconv.h"
#include "common/status/macros.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {

using auth::Principal;
using grpc_edge::Emit;
using grpc_edge::EmitAll;
using grpc_edge::EmitPage;
using grpc_edge::OptionsOf;
using grpc_edge::Serve;

grpc::ServerUnaryReactor* CaseGrpcService::CreateItem(grpc::CallbackServerContext* ctx,
                                                      const v1::CreateItemRequest* req,
                                                      v1::EnforcementItem* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.items->Create(who, ItemFromProto(req->item()), OptionsOf(*req)), resp,
                [&](const EnforcementItem& i) { return ToProto(i, *divisions_); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetItem(grpc::CallbackServerContext* ctx,
                                                   const v1::GetItemRequest* req,
                                                   v1::EnforcementItem* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.items->Get(who, req->id()), resp,
                [&](const EnforcementItem& i) { return ToProto(i, *divisions_); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ListItems(grpc::CallbackServerContext* ctx,
                                                     const v1::ListItemsRequest* req,
                                                     v1::ListItemsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitPage(u_.items->List(who, req->division_code(), req->agency_id(),
                                   {req->page_size(), req->page_token()}),
                    resp, resp->mutable_items(),
                    [&](const EnforcementItem& i) { return ToProto(i, *divisions_); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ReviseItem(grpc::CallbackServerContext* ctx,
                                                      const v1::ReviseItemRequest* req,
                                                      v1::EnforcementItem* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.items->Revise(who, req->id(), req->etag(), ItemVersionFromProto(req->version())),
                resp, [&](const EnforcementItem& i) { return ToProto(i, *divisions_); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::PublishBenchmark(grpc::CallbackServerContext* ctx,
                                                            const v1::PublishBenchmarkRequest* req,
                                                            v1::Benchmark* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.benchmarks->Publish(who, req->item_id(), BenchmarkFromProto(req->benchmark())),
                resp, [](const BenchmarkVersion& b) { return ToProto(b); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetBenchmark(grpc::CallbackServerContext* ctx,
                                                        const v1::GetBenchmarkRequest* req,
                                                        v1::Benchmark* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    LE_ASSIGN_OR_RETURN(std::optional<absl::Time> at,
                        OptionalTime("at_time", req->has_at_time(), req->at_time()));
    return Emit(u_.benchmarks->Get(who, req->item_id(), at), resp,
                [](const BenchmarkVersion& b) { return ToProto(b); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ListBenchmarkVersions(
    grpc::CallbackServerContext* ctx, const v1::ListBenchmarkVersionsRequest* req,
    v1::ListBenchmarkVersionsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitAll(u_.benchmarks->List(who, req->item_id()), resp->mutable_versions(),
                   [](const BenchmarkVersion& b) { return ToProto(b); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::FileCase(grpc::CallbackServerContext* ctx,
                                                    const v1::FileCaseRequest* req,
                                                    v1::Case* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    // The request digest leaves identity-card numbers out; the use case
    // stands for them by their blind indexes.
    v1::FileCaseRequest without_numbers = *req;
    for (v1::Party& p : *without_numbers.mutable_case_()->mutable_parties()) p.clear_id_number();
    return Emit(u_.cases->File(who, DraftFromProto(req->case_()), OptionsOf(without_numbers)), resp,
                [&](const CaseBundle& b) { return ToProto(b, *divisions_); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetCase(grpc::CallbackServerContext* ctx,
                                                   const v1::GetCaseRequest* req, v1::Case* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.cases->Get(who, req->id()), resp,
                [&](const CaseBundle& b) { return ToProto(b, *divisions_); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ListCases(grpc::CallbackServerContext* ctx,
                                                     const v1::ListCasesRequest* req,
                                                     v1::ListCasesResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    LE_RETURN_IF_ERROR(u_.cases->RequireReader(who, "list cases of this division"));
    absl::StatusOr<CaseQuery> query = QueryFromProto(*req);
    LE_RETURN_IF_ERROR(query.status());
    return EmitPage(u_.cases->List(who, *query, {req->page_size(), req->page_token()}), resp,
                    resp->mutable_cases(), [&](const Case& c) { return ToProto(c, *divisions_); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ExplainDeadline(grpc::CallbackServerContext* ctx,
                                                           const v1::ExplainDeadlineRequest* req,
                                                           v1::DeadlineExplanation* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    LE_RETURN_IF_ERROR(u_.cases->RequireReader(who, "read this case"));
    LE_ASSIGN_OR_RETURN(ClockKind clock, ClockKindFromProto("clock", req->clock()));
    return Emit(u_.deadlines->Explain(who, req->case_id(), clock), resp,
                [](const DeadlineExplanation& e) { return ToProto(e); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetCaseRecord(grpc::CallbackServerContext* ctx,
                                                         const v1::GetCaseRecordRequest* req,
                                                         v1::CaseRecord* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.records->Get(who, req->case_id()), resp,
                [](const CaseRecord& r) { return ToProto(r); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::VerifyCaseRecord(grpc::CallbackServerContext* ctx,
                                                            const v1::VerifyCaseRecordRequest* req,
                                                            v1::RecordVerification* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    std::optional<ChainHead> expected;
    if (req->has_expected_head()) {
      expected = ChainHead{req->expected_head().length(), req->expected_head().hash()};
    }
    return Emit(u_.records->Verify(who, req->case_id(), expected), resp,
                [](const Verification& v) { return ToProto(v); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ExportRecordHeads(
    grpc::CallbackServerContext* ctx, const v1::ExportRecordHeadsRequest* req,
    v1::ExportRecordHeadsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitPage(
        u_.records->ListHeads(who, req->division_code(), {req->page_size(), req->page_token()}),
        resp, resp->mutable_heads(), [](const RecordHead& h) { return ToProto(h); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ListOfficerActs(grpc::CallbackServerContext* ctx,
                                                           const v1::ListOfficerActsRequest* req,
                                                           v1::ListOfficerActsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    LE_ASSIGN_OR_RETURN(std::optional<absl::Time> from,
                        OptionalTime("start_time", req->has_start_time(), req->start_time()));
    LE_ASSIGN_OR_RETURN(std::optional<absl::Time> to,
                        OptionalTime("end_time", req->has_end_time(), req->end_time()));
    return EmitPage(u_.records->ListOfficerActs(who, req->officer_id(), req->division_code(),
                                                from.value_or(absl::UnixEpoch()),
                                                to.value_or(absl::InfiniteFuture()), req->recheck(),
                                                {req->page_size(), req->page_token()}),
                    resp, resp->mutable_acts(), [](const OfficerActView& a) { return ToProto(a); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetCaseStatistics(
    grpc::CallbackServerContext* ctx, const v1::GetCaseStatisticsRequest* req,
    v1::CaseStatistics* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.statistics->Get(
                    who, req->division_code(), req->agency_id(),
                    protoconv::FromDate("start_date", req->has_start_date(), req->start_date()),
                    protoconv::FromDate("end_date", req->has_end_date(), req->end_date())),
                resp, [](const CaseStatisticsReport& r) { return ToProto(r); });
  });
}

}  // namespace lawenforce::cases::api
