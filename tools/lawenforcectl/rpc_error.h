#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_RPC_ERROR_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_RPC_ERROR_H_

// How a failed RPC is reported to the operator, and the process exit codes
// of lawenforcectl.

#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace lawenforce::ctl {

// Process exit codes.
inline constexpr int kExitOk = 0;
// The server answered with an error (or a local step such as minting failed).
inline constexpr int kExitRpcError = 1;
// The command line is wrong: unknown command or flag, missing or bad value.
inline constexpr int kExitUsage = 2;
// The server could not be reached in time: UNAVAILABLE or DEADLINE_EXCEEDED.
// Worth retrying (with the same --request-id for creates).
inline constexpr int kExitUnavailable = 3;

// "INVALID_ARGUMENT", "NOT_FOUND", ...; the number for a code gRPC does not
// define.
std::string StatusCodeName(grpc::StatusCode code);

// kExitUnavailable for UNAVAILABLE and DEADLINE_EXCEEDED, else kExitRpcError.
int ExitCodeFor(grpc::StatusCode code);

// The lines printed to stderr for a failed call:
//
//   error: INVALID_ARGUMENT: certificate.valid_until: before valid_from
//     field: certificate.valid_until — before valid_from
//
// one "field:" line per google.rpc.BadRequest violation found in the
// status's binary details (grpc-status-details-bin). Details that are
// absent, unparsable or of other types are ignored. Server text is
// sanitized so it cannot drive the terminal.
std::string FormatRpcError(const grpc::Status& status);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_RPC_ERROR_H_
