// ImportCases and ImportInspections: each record converted on its own, so
// that one malformed record is that record's result, not the call's.

#include "services/case/api/case_grpc_service.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {

using auth::Principal;
using grpc_edge::Serve;

namespace {

// The results of `records` into `results`, and the counts.
template <typename Response, typename Records>
void Report(const std::vector<ImportRecordResult>& results, const Records& records, Response* resp,
            int32_t* created, int32_t* updated, int32_t* unchanged, int32_t* failed) {
  for (size_t i = 0; i < results.size(); ++i) {
    const ImportRecordResult& r = results[i];
    *resp->add_results() = ToProto(r, static_cast<int>(i), records.Get(i).source_id());
    if (!r.error.ok()) {
      ++*failed;
    } else if (r.outcome == ImportOutcome::kCreated) {
      ++*created;
    } else if (r.outcome == ImportOutcome::kUpdated) {
      ++*updated;
    } else {
      ++*unchanged;
    }
  }
}

}  // namespace

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
    int32_t created = 0, updated = 0, unchanged = 0, failed = 0;
    Report(*results, req->cases(), resp, &created, &updated, &unchanged, &failed);
    resp->set_created(created);
    resp->set_updated(updated);
    resp->set_unchanged(unchanged);
    resp->set_failed(failed);
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
    int32_t created = 0, updated = 0, unchanged = 0, failed = 0;
    Report(*results, req->visits(), resp, &created, &updated, &unchanged, &failed);
    resp->set_created(created);
    resp->set_unchanged(unchanged);
    resp->set_failed(failed);
    return absl::OkStatus();
  });
}

}  // namespace lawenforce::cases::api
