#include "tools/lawenforcectl/environment.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/server/tls.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "tools/lawenforcectl/values.h"

namespace lawenforce::ctl {
namespace {

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Plaintext without --tls-ca; TLS verifying the server against it
// otherwise, presenting --tls-cert/--tls-key when given (mTLS).
// ResolveGlobalOptions has checked the files.
std::shared_ptr<grpc::ChannelInterface> OpenChannel(const GlobalOptions& options) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      server::MakeChannelCredentials({options.tls_cert, options.tls_key, options.tls_ca});
  grpc::ChannelArguments args;
  if (!options.tls_server_name.empty()) args.SetSslTargetNameOverride(options.tls_server_name);
  return grpc::CreateCustomChannel(
      options.server, credentials.ok() ? *credentials : grpc::InsecureChannelCredentials(), args);
}

// A bearer token travels in a header: printable ASCII without spaces.
bool LooksLikeToken(absl::string_view token) {
  if (token.empty()) {
    return false;
  }
  for (char c : token) {
    if (c <= ' ' || c > '~') {
      return false;
    }
  }
  return true;
}

}  // namespace

const Environment& SystemEnvironment() {
  static const Environment* const kEnvironment = [] {
    auto* env = new Environment;
    env->getenv = [](absl::string_view name) -> std::optional<std::string> {
      const char* value = std::getenv(std::string(name).c_str());
      if (value == nullptr) {
        return std::nullopt;
      }
      return std::string(value);
    };
    env->read_file = ReadWholeFile;
    env->read_stdin = []() -> absl::StatusOr<std::string> {
      std::ostringstream contents;
      contents << std::cin.rdbuf();
      if (std::cin.bad()) return absl::UnavailableError("cannot read standard input");
      return contents.str();
    };
    env->clock = new RealClock;
    env->ids = new RandomIdGenerator;
    env->open_channel = OpenChannel;
    return env;
  }();
  return *kEnvironment;
}

std::vector<FlagSpec> GlobalFlags() {
  return {
      Optional("server", "HOST:PORT",
               absl::StrCat("personnel-service address (env ", kServerEnv, ", default ",
                            kDefaultServer, ")")),
      Optional("case-server", "HOST:PORT",
               absl::StrCat("case-service address, for the item, benchmark, case, record, "
                            "inspection and import commands (env ",
                            kCaseServerEnv, ", default ", kDefaultCaseServer, ")")),
      Optional("supervision-server", "HOST:PORT",
               absl::StrCat("supervision-service address, for the complaint, complaint-limit, "
                            "supervision, review and rectification commands (env ",
                            kSupervisionServerEnv, ", default ", kDefaultSupervisionServer, ")")),
      Optional("task-server", "HOST:PORT",
               absl::StrCat(
                   "task-service address, for the plan, task, assignment and report commands (env ",
                   kTaskServerEnv, ", default ", kDefaultTaskServer, ")")),
      Optional("token", "JWT", absl::StrCat("bearer token (env ", kTokenEnv, ")")),
      Optional("token-file", "PATH", "read the bearer token from a file"),
      Optional("output", "table|json", "output format (default table)"),
      Optional("timeout", "DURATION", "deadline of each call, e.g. 10s (default 10s)"),
      Optional("tls-ca", "PATH",
               absl::StrCat("CA certificate of the server: speak TLS (env ", kTlsCaEnv, ")")),
      Optional("tls-cert", "PATH",
               absl::StrCat("client certificate for mTLS (env ", kTlsCertEnv, ")")),
      Optional("tls-key", "PATH", absl::StrCat("key of --tls-cert (env ", kTlsKeyEnv, ")")),
      Optional("tls-server-name", "NAME", "name expected in the server's certificate"),
  };
}

absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const Args& args, const Environment& env,
                                                   bool need_token,
                                                   const ServiceEndpoint& endpoint) {
  GlobalOptions options;
  options.service = std::string(endpoint.service);
  options.server = std::string(endpoint.default_address);
  if (args.Has(endpoint.flag)) {
    options.server = args.Value(endpoint.flag);
  } else if (std::optional<std::string> server = env.getenv(endpoint.env);
             server && !server->empty()) {
    options.server = *server;
  }
  if (options.server.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("--", endpoint.flag, " must not be empty"));
  }

  if (args.Has("output")) {
    absl::StatusOr<OutputFormat> output = ParseOutputFormat(args.Value("output"));
    if (!output.ok()) {
      return output.status();
    }
    options.output = *output;
  }
  if (args.Has("timeout")) {
    absl::StatusOr<absl::Duration> timeout = ParseDurationFlag("timeout", args.Value("timeout"));
    if (!timeout.ok()) {
      return timeout.status();
    }
    options.timeout = *timeout;
  }

  auto flag_or_env = [&](absl::string_view flag, absl::string_view env_name) {
    if (args.Has(flag)) return args.Value(flag);
    return env.getenv(env_name).value_or("");
  };
  options.tls_ca = flag_or_env("tls-ca", kTlsCaEnv);
  options.tls_cert = flag_or_env("tls-cert", kTlsCertEnv);
  options.tls_key = flag_or_env("tls-key", kTlsKeyEnv);
  if (args.Has("tls-server-name")) options.tls_server_name = args.Value("tls-server-name");
  if (absl::Status tls =
          server::MakeChannelCredentials({options.tls_cert, options.tls_key, options.tls_ca})
              .status();
      !tls.ok()) {
    return tls;
  }

  if (args.Has("token") && args.Has("token-file")) {
    return absl::InvalidArgumentError("give only one of --token and --token-file");
  }
  std::string source;
  if (args.Has("token")) {
    options.token = args.Value("token");
    source = "--token";
  } else if (args.Has("token-file")) {
    absl::StatusOr<std::string> contents = env.read_file(args.Value("token-file"));
    if (!contents.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--token-file: ", contents.status().message()));
    }
    options.token = std::string(absl::StripAsciiWhitespace(*contents));
    source = "--token-file";
  } else if (std::optional<std::string> token = env.getenv(kTokenEnv); token) {
    options.token = std::string(absl::StripAsciiWhitespace(*token));
    source = std::string(kTokenEnv);
  }
  // "Bearer x" pasted whole is a common slip; accept it.
  if (absl::StartsWith(options.token, "Bearer ")) {
    options.token = options.token.substr(7);
  }
  if (!options.token.empty() && !LooksLikeToken(options.token)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": not a token (spaces or control characters)"));
  }
  if (need_token && options.token.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no token: give --token or --token-file, or set ", kTokenEnv,
                     " (lawenforcectl token mint ... prints one)"));
  }
  return options;
}

absl::StatusOr<std::string> ResolveRequestId(const Args& args, const Environment& env) {
  if (args.Has("request-id")) {
    std::string id = args.Value("request-id");
    if (absl::Status status = CheckRequestId("request-id", id); !status.ok()) {
      return status;
    }
    return id;
  }
  return env.ids->NewId();
}

}  // namespace lawenforce::ctl
