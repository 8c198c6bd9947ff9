#include "tools/lawenforcectl/rpc_command.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "tools/lawenforcectl/text.h"
#include "tools/lawenforcectl/usage.h"

namespace lawenforce::ctl {
namespace {

const google::protobuf::FieldDescriptor* StringField(const google::protobuf::Message& message,
                                                     const std::string& name) {
  const google::protobuf::FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
    return nullptr;
  }
  return field;
}

}  // namespace

bool DeclaresFlag(const Command& command, absl::string_view name) {
  for (const FlagSpec& flag : command.flags) {
    if (flag.name == name) {
      return true;
    }
  }
  return false;
}

int ReportUsageError(const Command& command, const absl::Status& status, std::ostream& err) {
  err << "error: " << Sanitize(status.message()) << "\n"
      << "usage: " << Synopsis(command) << "\n"
      << "Run '" << CommandPath(command) << " --help' for the flags.\n";
  return kExitUsage;
}

int ReportRpcError(const grpc::Status& status, const GlobalOptions& options, std::ostream& err) {
  err << FormatRpcError(status);
  const int exit_code = ExitCodeFor(status.error_code());
  if (exit_code == kExitUnavailable) {
    err << "  server: " << Sanitize(options.server) << " (" << options.service << ")\n";
  }
  return exit_code;
}

std::optional<Invocation> PrepareInvocation(const Command& command, const Args& args, Io& io,
                                            const ServiceEndpoint& endpoint, int* exit_code) {
  absl::StatusOr<GlobalOptions> options =
      ResolveGlobalOptions(args, io.env, /*need_token=*/true, endpoint);
  if (!options.ok()) {
    *exit_code = ReportUsageError(command, options.status(), io.err);
    return std::nullopt;
  }
  Invocation invocation{*std::move(options), {}};
  invocation.context.read_file = io.env.read_file;
  invocation.context.read_stdin = io.env.read_stdin;
  if (DeclaresFlag(command, "request-id")) {
    absl::StatusOr<std::string> request_id = ResolveRequestId(args, io.env);
    if (!request_id.ok()) {
      *exit_code = ReportUsageError(command, request_id.status(), io.err);
      return std::nullopt;
    }
    invocation.context.request_id = *request_id;
  }
  return invocation;
}

void PrepareContext(const GlobalOptions& options, grpc::ClientContext* context) {
  context->set_deadline(absl::ToChronoTime(absl::Now() + options.timeout));
  context->AddMetadata("authorization", absl::StrCat("Bearer ", options.token));
}

std::string NextPageToken(const google::protobuf::Message& response) {
  const google::protobuf::FieldDescriptor* field = StringField(response, "next_page_token");
  return field == nullptr ? "" : response.GetReflection()->GetString(response, field);
}

void SetPageToken(const std::string& token, google::protobuf::Message* request) {
  if (const google::protobuf::FieldDescriptor* field = StringField(*request, "page_token")) {
    request->GetReflection()->SetString(request, field, token);
  }
}

void ClearNextPageToken(google::protobuf::Message* response) {
  if (const google::protobuf::FieldDescriptor* field = StringField(*response, "next_page_token")) {
    response->GetReflection()->ClearField(response, field);
  }
}

}  // namespace lawenforce::ctl
