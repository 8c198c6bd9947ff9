#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_RPC_COMMAND_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_RPC_COMMAND_H_

// The one way every personnel command runs: resolve the global options,
// build the request with a pure builder, call the RPC (following
// next_page_token with --all), render the response or report the error.

#include <memory>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "tools/lawenforcectl/commands.h"
#include "tools/lawenforcectl/render.h"
#include "tools/lawenforcectl/requests.h"
#include "tools/lawenforcectl/rpc_error.h"

namespace lawenforce::ctl {

using PersonnelStub = v1::PersonnelService::StubInterface;

template <typename Request>
using RequestBuilder = absl::StatusOr<Request> (*)(const Args&, const RequestContext&);

template <typename Request, typename Response>
using PersonnelMethod = grpc::Status (PersonnelStub::*)(grpc::ClientContext*, const Request&,
                                                        Response*);

// True when `command` declares flag `name`.
bool DeclaresFlag(const Command& command, absl::string_view name);

// Prints "error: <message>" and the command's synopsis to `err`; returns
// kExitUsage.
int ReportUsageError(const Command& command, const absl::Status& status, std::ostream& err);

// Prints FormatRpcError(status) (plus the server address when it could not
// be reached) to `err`; returns ExitCodeFor(status).
int ReportRpcError(const grpc::Status& status, const GlobalOptions& options, std::ostream& err);

// Sets the deadline and the authorization metadata of one call.
void PrepareContext(const GlobalOptions& options, grpc::ClientContext* context);

// Paging through reflection: next_page_token of a response, page_token of
// a request ("" / no-op when the message has no such field).
std::string NextPageToken(const google::protobuf::Message& response);
void SetPageToken(const std::string& token, google::protobuf::Message* request);
void ClearNextPageToken(google::protobuf::Message* response);

// Calls `method`; with `all`, again with each next_page_token until the
// server returns none, merging every page into `response`.
template <typename Request, typename Response>
grpc::Status CallPages(PersonnelStub& stub, PersonnelMethod<Request, Response> method,
                       const GlobalOptions& options, Request request, bool all,
                       Response* response) {
  std::set<std::string> seen;
  for (;;) {
    grpc::ClientContext context;
    PrepareContext(options, &context);
    Response page;
    grpc::Status status = (stub.*method)(&context, request, &page);
    if (!status.ok()) {
      return status;
    }
    response->MergeFrom(page);
    std::string next = NextPageToken(page);
    if (!all || next.empty()) {
      break;
    }
    if (!seen.insert(next).second) {
      return grpc::Status(grpc::StatusCode::INTERNAL,
                          "the server repeated a page token; stopped following pages");
    }
    SetPageToken(next, &request);
  }
  if (all) {
    ClearNextPageToken(response);
  }
  return grpc::Status::OK;
}

// The runner of a personnel command built by `build` and sent to `method`.
template <typename Request, typename Response>
CommandRunner RpcRunner(RequestBuilder<Request> build, PersonnelMethod<Request, Response> method) {
  return [build, method](const Command& command, const Args& args, Io& io) -> int {
    absl::StatusOr<GlobalOptions> options = ResolveGlobalOptions(args, io.env, /*need_token=*/true);
    if (!options.ok()) {
      return ReportUsageError(command, options.status(), io.err);
    }
    RequestContext context;
    context.read_file = io.env.read_file;
    context.read_stdin = io.env.read_stdin;
    if (DeclaresFlag(command, "request-id")) {
      absl::StatusOr<std::string> request_id = ResolveRequestId(args, io.env);
      if (!request_id.ok()) {
        return ReportUsageError(command, request_id.status(), io.err);
      }
      context.request_id = *request_id;
    }
    absl::StatusOr<Request> request = build(args, context);
    if (!request.ok()) {
      return ReportUsageError(command, request.status(), io.err);
    }
    std::unique_ptr<v1::PersonnelService::Stub> stub =
        v1::PersonnelService::NewStub(io.env.open_channel(*options));
    const bool all = DeclaresFlag(command, "all") && args.Enabled("all");
    Response response;
    grpc::Status status = CallPages(*stub, method, *options, *std::move(request), all, &response);
    if (!status.ok()) {
      return ReportRpcError(status, *options, io.err);
    }
    io.out << Render(response, options->output);
    return kExitOk;
  };
}

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_RPC_COMMAND_H_
