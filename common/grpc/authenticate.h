#ifndef LAWENFORCE_COMMON_GRPC_AUTHENTICATE_H_
#define LAWENFORCE_COMMON_GRPC_AUTHENTICATE_H_

// Who is calling, from the `authorization` metadata of a call
// (ARCHITECTURE.md section 7). gRPC 1.51's server interceptors cannot reject
// a call, so every handler authenticates itself, normally through
// HandleAuthenticated (handler.h).

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "grpcpp/server_context.h"

namespace lawenforce::grpc_edge {

// The metadata key carrying the bearer token (gRPC lower-cases keys).
inline constexpr absl::string_view kAuthorizationHeader = "authorization";

// The token of an `authorization` value "Bearer <token>" (the scheme is
// case-insensitive; RFC 6750). UNAUTHENTICATED when the value uses another
// scheme, has no token, or the token contains whitespace. The message never
// contains the value.
absl::StatusOr<absl::string_view> BearerToken(absl::string_view authorization);

// The verified principal of the call. UNAUTHENTICATED when the call has no
// `authorization` metadata, more than one, or not a bearer token; otherwise
// whatever `verifier` answers (UNAUTHENTICATED for a bad token).
// Thread-safe when `verifier` is (TokenVerifier implementations are).
absl::StatusOr<auth::Principal> Authenticate(const ::grpc::ServerContextBase& ctx,
                                             auth::TokenVerifier& verifier);

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_AUTHENTICATE_H_
