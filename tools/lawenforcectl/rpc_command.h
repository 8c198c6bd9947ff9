#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_RPC_COMMAND_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_RPC_COMMAND_H_

// The one way every RPC command runs, whatever its service: resolve the
// global options (the server address is the command's service's own
// flag), build the request with a pure builder, call the RPC (following
// next_page_token with --all), render the response or report the error.
//
// The service is deduced from the stub method handed to RpcRunner
// (&CaseStub::FileCase), through ServiceTraits; adding a service is one
// ServiceTraits specialization and its proto library in CMakeLists.txt.

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "lawenforce/supervision/v1/supervision.grpc.pb.h"
#include "lawenforce/tasks/v1/tasks.grpc.pb.h"
#include "tools/lawenforcectl/commands.h"
#include "tools/lawenforcectl/environment.h"
#include "tools/lawenforcectl/render.h"
#include "tools/lawenforcectl/requests.h"
#include "tools/lawenforcectl/rpc_error.h"

namespace lawenforce::ctl {

// A unary method of a generated stub interface.
template <typename StubInterface, typename Request, typename Response>
using RpcMethod = grpc::Status (StubInterface::*)(grpc::ClientContext*, const Request&, Response*);

// What the runner needs of a service: the generated service class (for
// NewStub) and where its commands connect. One specialization per service.
template <typename StubInterface>
struct ServiceTraits;

template <>
struct ServiceTraits<personnel::v1::PersonnelService::StubInterface> {
  using Service = personnel::v1::PersonnelService;
  static const ServiceEndpoint& Endpoint() { return kPersonnelEndpoint; }
};

template <>
struct ServiceTraits<cases::v1::CaseService::StubInterface> {
  using Service = cases::v1::CaseService;
  static const ServiceEndpoint& Endpoint() { return kCaseEndpoint; }
};

template <>
struct ServiceTraits<supervision::v1::SupervisionService::StubInterface> {
  using Service = supervision::v1::SupervisionService;
  static const ServiceEndpoint& Endpoint() { return kSupervisionEndpoint; }
};

template <>
struct ServiceTraits<tasks::v1::TaskService::StubInterface> {
  using Service = tasks::v1::TaskService;
  static const ServiceEndpoint& Endpoint() { return kTaskEndpoint; }
};

using PersonnelStub = personnel::v1::PersonnelService::StubInterface;
using CaseStub = cases::v1::CaseService::StubInterface;
using SupervisionStub = supervision::v1::SupervisionService::StubInterface;
using TaskStub = tasks::v1::TaskService::StubInterface;

template <typename Request, typename Response>
using PersonnelMethod = RpcMethod<PersonnelStub, Request, Response>;
template <typename Request, typename Response>
using CaseMethod = RpcMethod<CaseStub, Request, Response>;

template <typename Request>
using RequestBuilder = absl::StatusOr<Request> (*)(const Args&, const RequestContext&);

// A builder of a request from the flags and the resource as just read
// (a read-modify-write such as `item revise`).
template <typename Current, typename Request>
using ModifyBuilder = absl::StatusOr<Request> (*)(const Args&, const RequestContext&,
                                                  const Current&);

// How a command shows a successful response, beyond the defaults.
template <typename Response>
struct Presentation {
  // The --output table text; unset: Render()'s listing. JSON output is
  // always the canonical mapping.
  std::function<std::string(const Response&)> table;
  // The exit code after printing (e.g. 1 for a record that is not intact),
  // writing why to the error stream; unset: kExitOk.
  std::function<int(const Response&, std::ostream& err)> verdict;
};

// True when `command` declares flag `name`.
bool DeclaresFlag(const Command& command, absl::string_view name);

// Prints "error: <message>" and the command's synopsis to `err`; returns
// kExitUsage.
int ReportUsageError(const Command& command, const absl::Status& status, std::ostream& err);

// Prints FormatRpcError(status) (plus the service's address when it could
// not be reached) to `err`; returns ExitCodeFor(status).
int ReportRpcError(const grpc::Status& status, const GlobalOptions& options, std::ostream& err);

// Sets the deadline and the authorization metadata of one call.
void PrepareContext(const GlobalOptions& options, grpc::ClientContext* context);

// Paging through reflection: next_page_token of a response, page_token of
// a request ("" / no-op when the message has no such field).
std::string NextPageToken(const google::protobuf::Message& response);
void SetPageToken(const std::string& token, google::protobuf::Message* request);
void ClearNextPageToken(google::protobuf::Message* response);

// What every RPC command resolves before building its request.
struct Invocation {
  GlobalOptions options;
  RequestContext context;
};

// The global options for `endpoint` (token required) and the request
// context (with the request id when the command declares --request-id).
// On a bad flag, reports the usage error and returns nullopt with
// *exit_code set.
std::optional<Invocation> PrepareInvocation(const Command& command, const Args& args, Io& io,
                                            const ServiceEndpoint& endpoint, int* exit_code);

// Prints a successful response in the chosen format; returns the exit code.
template <typename Response>
int Present(const Response& response, const GlobalOptions& options, Io& io,
            const Presentation<Response>& presentation) {
  if (options.output == OutputFormat::kTable && presentation.table) {
    io.out << presentation.table(response);
  } else {
    io.out << Render(response, options.output);
  }
  return presentation.verdict ? presentation.verdict(response, io.err) : kExitOk;
}

// A stub of `StubInterface`'s service on a channel to options.server.
template <typename StubInterface>
std::unique_ptr<StubInterface> OpenStub(const Io& io, const GlobalOptions& options) {
  return ServiceTraits<StubInterface>::Service::NewStub(io.env.open_channel(options));
}

// Calls `method`; with `all`, again with each next_page_token until the
// server returns none, merging every page into `response`.
template <typename StubInterface, typename Request, typename Response>
grpc::Status CallPages(StubInterface& stub, RpcMethod<StubInterface, Request, Response> method,
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

// The runner of a command whose request `build` makes and `method` sends,
// to the service `method` belongs to.
template <typename StubInterface, typename Request, typename Response>
CommandRunner RpcRunner(RequestBuilder<Request> build,
                        RpcMethod<StubInterface, Request, Response> method,
                        Presentation<Response> presentation = {}) {
  return [build, method, presentation](const Command& command, const Args& args, Io& io) -> int {
    int exit_code = kExitOk;
    std::optional<Invocation> invocation =
        PrepareInvocation(command, args, io, ServiceTraits<StubInterface>::Endpoint(), &exit_code);
    if (!invocation) {
      return exit_code;
    }
    absl::StatusOr<Request> request = build(args, invocation->context);
    if (!request.ok()) {
      return ReportUsageError(command, request.status(), io.err);
    }
    std::unique_ptr<StubInterface> stub = OpenStub<StubInterface>(io, invocation->options);
    const bool all = DeclaresFlag(command, "all") && args.Enabled("all");
    Response response;
    grpc::Status status =
        CallPages(*stub, method, invocation->options, *std::move(request), all, &response);
    if (!status.ok()) {
      return ReportRpcError(status, invocation->options, io.err);
    }
    return Present(response, invocation->options, io, presentation);
  };
}

// The runner of a read-modify-write: `get` reads the resource, `build`
// makes the change from the flags and what was read, `method` sends it.
// The change carries the etag read unless the builder sets the user's.
template <typename StubInterface, typename GetRequest, typename Current, typename Request,
          typename Response>
CommandRunner ReadModifyWriteRunner(RequestBuilder<GetRequest> build_get,
                                    RpcMethod<StubInterface, GetRequest, Current> get,
                                    ModifyBuilder<Current, Request> build,
                                    RpcMethod<StubInterface, Request, Response> method,
                                    Presentation<Response> presentation = {}) {
  return [=](const Command& command, const Args& args, Io& io) -> int {
    int exit_code = kExitOk;
    std::optional<Invocation> invocation =
        PrepareInvocation(command, args, io, ServiceTraits<StubInterface>::Endpoint(), &exit_code);
    if (!invocation) {
      return exit_code;
    }
    absl::StatusOr<GetRequest> get_request = build_get(args, invocation->context);
    if (!get_request.ok()) {
      return ReportUsageError(command, get_request.status(), io.err);
    }
    std::unique_ptr<StubInterface> stub = OpenStub<StubInterface>(io, invocation->options);
    Current current;
    grpc::Status status = CallPages(*stub, get, invocation->options, *std::move(get_request),
                                    /*all=*/false, &current);
    if (!status.ok()) {
      return ReportRpcError(status, invocation->options, io.err);
    }
    absl::StatusOr<Request> request = build(args, invocation->context, current);
    if (!request.ok()) {
      return ReportUsageError(command, request.status(), io.err);
    }
    Response response;
    status = CallPages(*stub, method, invocation->options, *std::move(request), /*all=*/false,
                       &response);
    if (!status.ok()) {
      return ReportRpcError(status, invocation->options, io.err);
    }
    return Present(response, invocation->options, io, presentation);
  };
}

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_RPC_COMMAND_H_
