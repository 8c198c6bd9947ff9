#include "services/case/api/case_grpc_service.h"

#include "common/grpc/emit.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {

using auth::Principal;
using grpc_edge::Emit;
using grpc_edge::EmitPage;
using grpc_edge::OptionsOf;
using grpc_edge::Serve;

grpc::ServerUnaryReactor* CaseGrpcService::CreateItem(grpc::CallbackServerContext* ctx,
                                                      const v1::CreateItemRequest* req,
                                                      v1::EnforcementItem* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(items_->Create(who, ItemFromProto(req->item()), OptionsOf(*req)), resp,
                [&](const EnforcementItem& i) { return ToProto(i, *divisions_); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetItem(grpc::CallbackServerContext* ctx,
                                                   const v1::GetItemRequest* req,
                                                   v1::EnforcementItem* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(items_->Get(who, req->id()), resp,
                [&](const EnforcementItem& i) { return ToProto(i, *divisions_); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ListItems(grpc::CallbackServerContext* ctx,
                                                     const v1::ListItemsRequest* req,
                                                     v1::ListItemsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitPage(items_->List(who, req->division_code(), req->agency_id(),
                                 {req->page_size(), req->page_token()}),
                    resp, resp->mutable_items(),
                    [&](const EnforcementItem& i) { return ToProto(i, *divisions_); });
  });
}

}  // namespace lawenforce::cases::api
