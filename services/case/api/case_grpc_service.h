#ifndef LAWENFORCE_SERVICES_CASE_API_CASE_GRPC_SERVICE_H_
#define LAWENFORCE_SERVICES_CASE_API_CASE_GRPC_SERVICE_H_

// The gRPC face of case-service: each handler is one use-case call through
// grpc_edge::Serve (admission, deadline, authentication, status mapping).

#include "common/divisions/divisions.h"
#include "common/grpc/unary.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "services/case/app/items.h"

namespace lawenforce::cases::api {

namespace v1 = ::lawenforce::cases::v1;

// Thread-safe. What it is given must outlive it.
class CaseGrpcService final : public v1::CaseService::CallbackService {
 public:
  CaseGrpcService(Items* items, grpc_edge::CallDeps calls, const Divisions* divisions)
      : items_(items), calls_(calls), divisions_(divisions) {}

  grpc::ServerUnaryReactor* CreateItem(grpc::CallbackServerContext* ctx,
                                       const v1::CreateItemRequest* req,
                                       v1::EnforcementItem* resp) override;
  grpc::ServerUnaryReactor* GetItem(grpc::CallbackServerContext* ctx, const v1::GetItemRequest* req,
                                    v1::EnforcementItem* resp) override;
  grpc::ServerUnaryReactor* ListItems(grpc::CallbackServerContext* ctx,
                                      const v1::ListItemsRequest* req,
                                      v1::ListItemsResponse* resp) override;

 private:
  Items* items_;
  grpc_edge::CallDeps calls_;
  const Divisions* divisions_;
};

}  // namespace lawenforce::cases::api

#endif  // LAWENFORCE_SERVICES_CASE_API_CASE_GRPC_SERVICE_H_
