// ImportCases and ImportInspections: each record converted on its own, so
// that one malformed record is that record's result, not the call's.

#include "common/grpc/import_results.h"
#include "services/case/api/case_grpc_service.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {

using auth::Principal;
using grpc_edge::Serve;

grpc::ServerUnaryReactor* CaseGrpcService::ImportCases(grpc::CallbackServerContext* ctx,
                                                       const v1::ImportCasesRequest* req,
                                                       v1::ImportCasesResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    std::vector<ImportedCaseInput> records;
    records.reserve(req->cases_size());
    for (const v1::ImportedCase& c : req->cases()) records.push_back(ImportedCaseFromProto(c));
    absl::StatusOr<std::vector<ImportRecordResult>> results =
        u_.cases->Import(who, req->source_system(), std::move(records), req->validate_only());
    if (!results.ok()) return results.status();
    grpc_edge::FillImportResponse(*results, req->cases(), resp);
    for (size_t i = 0; i < results->size(); ++i) {
      resp->mutable_results(static_cast<int>(i))->set_acts_applied((*results)[i].acts_applied);
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ImportInspections(
    grpc::CallbackServerContext* ctx, const v1::ImportInspectionsRequest* req,
    v1::ImportInspectionsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    std::vector<ImportedVisitInput> records;
    records.reserve(req->visits_size());
    for (const v1::ImportedVisit& v : req->visits()) records.push_back(ImportedVisitFromProto(v));
    absl::StatusOr<std::vector<ImportRecordResult>> results =
        u_.visits->Import(who, req->source_system(), std::move(records), req->validate_only());
    if (!results.ok()) return results.status();
    grpc_edge::FillImportResponse(*results, req->visits(), resp);
    return absl::OkStatus();
  });
}

}  // namespace lawenforce::cases::api
