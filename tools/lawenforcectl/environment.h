#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_ENVIRONMENT_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_ENVIRONMENT_H_

// What lawenforcectl takes from outside itself (environment variables,
// files, the clock, randomness, the network), gathered in one struct so
// that tests can run the whole CLI against fakes; and the global options
// every RPC command shares.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/ids/id_generator.h"
#include "common/time/clock.h"
#include "grpcpp/channel.h"
#include "tools/lawenforcectl/args.h"
#include "tools/lawenforcectl/render.h"

namespace lawenforce::ctl {

inline constexpr absl::string_view kDefaultServer = "localhost:50051";
inline constexpr absl::string_view kServerEnv = "LAWENFORCE_SERVER";
inline constexpr absl::string_view kDefaultCaseServer = "localhost:50052";
inline constexpr absl::string_view kCaseServerEnv = "LAWENFORCE_CASE_SERVER";
inline constexpr absl::string_view kDefaultSupervisionServer = "localhost:50053";
inline constexpr absl::string_view kSupervisionServerEnv = "LAWENFORCE_SUPERVISION_SERVER";
inline constexpr absl::string_view kDefaultTaskServer = "localhost:50054";
inline constexpr absl::string_view kTaskServerEnv = "LAWENFORCE_TASK_SERVER";
inline constexpr absl::string_view kTokenEnv = "LAWENFORCE_TOKEN";
inline constexpr absl::string_view kJwtSecretEnv = "LAWENFORCE_JWT_SECRET";
inline constexpr absl::string_view kTlsCaEnv = "LAWENFORCE_TLS_CA";
inline constexpr absl::string_view kTlsCertEnv = "LAWENFORCE_TLS_CERT";
inline constexpr absl::string_view kTlsKeyEnv = "LAWENFORCE_TLS_KEY";

// Where the commands of one service send their calls: its own global
// flag, environment variable and default (the service's port in
// services/services.json).
struct ServiceEndpoint {
  absl::string_view service;          // "case-service"
  absl::string_view flag;             // "case-server", without "--"
  absl::string_view env;              // "LAWENFORCE_CASE_SERVER"
  absl::string_view default_address;  // "localhost:50052"
};

inline constexpr ServiceEndpoint kPersonnelEndpoint{"personnel-service", "server", kServerEnv,
                                                    kDefaultServer};
inline constexpr ServiceEndpoint kCaseEndpoint{"case-service", "case-server", kCaseServerEnv,
                                               kDefaultCaseServer};
inline constexpr ServiceEndpoint kSupervisionEndpoint{
    "supervision-service", "supervision-server", kSupervisionServerEnv, kDefaultSupervisionServer};
inline constexpr ServiceEndpoint kTaskEndpoint{"task-service", "task-server", kTaskServerEnv,
                                               kDefaultTaskServer};

// Global options, resolved from flags, then environment, then defaults.
struct GlobalOptions {
  // The address of the command's service (--server for personnel-service,
  // --case-server for case-service, --supervision-server for
  // supervision-service, --task-server for task-service) and that
  // service's name.
  std::string server = std::string(kDefaultServer);
  std::string service = std::string(kPersonnelEndpoint.service);
  // Bearer token sent as `authorization: Bearer <token>`.
  std::string token;
  OutputFormat output = OutputFormat::kTable;
  // Deadline of each RPC (each page, with --all).
  absl::Duration timeout = absl::Seconds(10);
  // TLS: the CA that signed the server's certificate (empty: plaintext),
  // and this client's certificate and key for mTLS.
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
  // Expected name in the server's certificate when it differs from the
  // host of --server (e.g. a port-forward to localhost).
  std::string tls_server_name;
};

struct Environment {
  // The value of an environment variable, if set.
  std::function<std::optional<std::string>(absl::string_view name)> getenv;
  // The contents of a file; NOT_FOUND/PERMISSION_DENIED style errors.
  std::function<absl::StatusOr<std::string>(const std::string& path)> read_file;
  // Everything on standard input (for secrets kept off the command line).
  std::function<absl::StatusOr<std::string>()> read_stdin;
  // Not owned; must outlive every use of the environment.
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  // A channel to `options.server`.
  std::function<std::shared_ptr<grpc::ChannelInterface>(const GlobalOptions& options)> open_channel;
};

// The real process environment: getenv(3), the file system, stdin, the system
// clock, UUIDv4 from the OpenSSL CSPRNG, and an insecure channel.
const Environment& SystemEnvironment();

// --server, --case-server, --supervision-server, --task-server, --token,
// --token-file, --output, --timeout, --tls-ca, --tls-cert, --tls-key, --tls-server-name:
// accepted before the command name and after it. Each command uses the
// address flag of its own service and ignores the others, so one alias may
// carry all of them.
std::vector<FlagSpec> GlobalFlags();

// Reads the global flags in `args` (which must come from a spec including
// GlobalFlags()). The server is `endpoint`'s flag, else its environment
// variable, else its default. The token is --token, else the trimmed
// contents of --token-file, else $LAWENFORCE_TOKEN; with `need_token`,
// having none is an error. INVALID_ARGUMENT naming the flag on bad values.
absl::StatusOr<GlobalOptions> ResolveGlobalOptions(
    const Args& args, const Environment& env, bool need_token,
    const ServiceEndpoint& endpoint = kPersonnelEndpoint);

// The idempotency key of a create: --request-id when given (checked), else
// a fresh UUIDv4 from env.ids. Retrying a failed create with the same
// explicit --request-id cannot create twice.
absl::StatusOr<std::string> ResolveRequestId(const Args& args, const Environment& env);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_ENVIRONMENT_H_
