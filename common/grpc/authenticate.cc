#include "common/grpc/authenticate.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/status/errors.h"

namespace lawenforce::grpc_edge {
namespace {

constexpr absl::string_view kBearerScheme = "bearer";

}  // namespace

absl::StatusOr<absl::string_view> BearerToken(absl::string_view authorization) {
  size_t space = authorization.find(' ');
  if (space == absl::string_view::npos ||
      !absl::EqualsIgnoreCase(authorization.substr(0, space), kBearerScheme)) {
    return Unauthenticated("authorization is not a bearer token");
  }
  absl::string_view token = absl::StripLeadingAsciiWhitespace(authorization.substr(space));
  if (token.empty()) {
    return Unauthenticated("bearer token is empty");
  }
  for (char c : token) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      return Unauthenticated("bearer token is malformed");
    }
  }
  return token;
}

absl::StatusOr<auth::Principal> Authenticate(const ::grpc::ServerContextBase& ctx,
                                             auth::TokenVerifier& verifier) {
  const auto& metadata = ctx.client_metadata();
  auto [first, last] = metadata.equal_range(
      ::grpc::string_ref(kAuthorizationHeader.data(), kAuthorizationHeader.size()));
  if (first == last) {
    return Unauthenticated("missing bearer token");
  }
  if (std::next(first) != last) {
    return Unauthenticated("more than one authorization header");
  }
  absl::StatusOr<absl::string_view> token =
      BearerToken(absl::string_view(first->second.data(), first->second.size()));
  if (!token.ok()) {
    return token.status();
  }
  return verifier.Verify(*token);
}

}  // namespace lawenforce::grpc_edge
