#ifndef LAWENFORCE_COMMON_GRPC_EMIT_H_
#define LAWENFORCE_COMMON_GRPC_EMIT_H_

// Writing a use case's result into a reply, one call per handler
// (see unary.h for the handler shape):
//
//   return Emit(agencies_->Get(who, req->id()), resp, ToProtoFn());
//   return EmitPage(officers_->List(who, ...), resp, resp->mutable_officers(), ToProtoFn());
//   agencies_->Create(who, AgencyFromProto(req->agency()), OptionsOf(*req));

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "common/protoconv/protoconv.h"

namespace lawenforce::grpc_edge {

// On success writes to_proto(result) into *out; otherwise returns the error.
template <typename T, typename Out, typename ToProto>
absl::Status Emit(absl::StatusOr<T> result, Out* out, ToProto to_proto) {
  if (!result.ok()) return result.status();
  *out = to_proto(*result);
  return absl::OkStatus();
}

// A page: every item through to_proto into `items`, and the next token.
template <typename T, typename Out, typename Repeated, typename ToProto>
absl::Status EmitPage(absl::StatusOr<app::Page<T>> page, Out* out, Repeated* items,
                      ToProto to_proto) {
  if (!page.ok()) return page.status();
  items->Reserve(static_cast<int>(page->items.size()));
  for (const T& item : page->items) *items->Add() = to_proto(item);
  out->set_next_page_token(page->next_page_token);
  return absl::OkStatus();
}

// Every item of a list through to_proto into `items`.
template <typename T, typename Repeated, typename ToProto>
absl::Status EmitAll(absl::StatusOr<std::vector<T>> all, Repeated* items, ToProto to_proto) {
  if (!all.ok()) return all.status();
  items->Reserve(static_cast<int>(all->size()));
  for (const T& item : *all) *items->Add() = to_proto(item);
  return absl::OkStatus();
}

// The idempotency options of a create request with a `request_id` field.
template <typename Request>
app::CreateOptions OptionsOf(const Request& request) {
  return app::CreateOptions{request.request_id(), protoconv::CanonicalRequestHash(request)};
}

// The service's overloaded ToProto functions as one callable.
#define LE_TO_PROTO_FN() [](const auto& x) { return ToProto(x); }

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_EMIT_H_
