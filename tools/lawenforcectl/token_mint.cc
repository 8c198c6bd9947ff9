#include "tools/lawenforcectl/token_mint.h"

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/auth/principal.h"
#include "tools/lawenforcectl/rpc_command.h"
#include "tools/lawenforcectl/values.h"

namespace lawenforce::ctl {

std::vector<FlagSpec> TokenMintFlags() {
  return {
      RequiredRepeated("role", "ROLE",
                       "officer|legal_reviewer|agency_admin|supervisor|auditor|system"),
      Required("division", "CODE", "jurisdiction root, a division code such as 640104"),
      Optional("agency", "ID", "agency claim"),
      Optional("subject", "NAME",
               absl::StrCat("subject, recorded as the actor (default ", kDefaultSubject, ")")),
      Optional("ttl", "DURATION", "lifetime (default 12h)"),
      Optional("alg", "HS256|RS256", "signature algorithm (default HS256)"),
      Optional(
          "key-file", "PATH",
          absl::StrCat("HS256 secret or RS256 PEM private key (default: env ", kJwtSecretEnv, ")")),
      Optional("issuer", "ISS", "iss claim, when the servers check it"),
      Optional("audience", "AUD", "aud claim, when the servers check it"),
  };
}

absl::StatusOr<auth::MintOptions> BuildMintOptions(const Args& args, const Environment& env) {
  auth::MintOptions options;
  for (const std::string& name : args.Values("role")) {
    std::optional<auth::Role> role = auth::ParseRole(name);
    if (!role.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--role: want one of officer|legal_reviewer|agency_admin|supervisor|auditor|system, "
          "got \"",
          name, "\""));
    }
    options.roles.push_back(*role);
  }
  options.division_code = args.Value("division");
  options.agency_id = args.Value("agency");
  options.subject = args.Has("subject") ? args.Value("subject") : std::string(kDefaultSubject);
  if (options.subject.empty()) {
    return absl::InvalidArgumentError("--subject must not be empty");
  }
  options.issuer = args.Value("issuer");
  options.audience = args.Value("audience");
  if (args.Has("ttl")) {
    absl::StatusOr<absl::Duration> ttl = ParseDurationFlag("ttl", args.Value("ttl"));
    if (!ttl.ok()) {
      return ttl.status();
    }
    options.lifetime = *ttl;
  }
  if (args.Has("alg")) {
    absl::StatusOr<auth::Algorithm> algorithm = auth::ParseAlgorithm(args.Value("alg"));
    if (!algorithm.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--alg: want one of HS256|RS256, got \"", args.Value("alg"), "\""));
    }
    options.algorithm = *algorithm;
  }

  if (args.Has("key-file")) {
    absl::StatusOr<std::string> key = env.read_file(args.Value("key-file"));
    if (!key.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--key-file: ", key.status().message()));
    }
    options.key = *std::move(key);
    if (options.algorithm == auth::Algorithm::kHs256) {
      absl::string_view trimmed = options.key;
      if (absl::ConsumeSuffix(&trimmed, "\n")) {
        absl::ConsumeSuffix(&trimmed, "\r");
      }
      options.key = std::string(trimmed);
    }
  } else if (std::optional<std::string> secret = env.getenv(kJwtSecretEnv); secret) {
    options.key = *secret;
  }
  if (options.key.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no signing key: give --key-file or set ", kJwtSecretEnv));
  }
  options.issued_at = env.clock->Now();
  return options;
}

int RunTokenMint(const Command& command, const Args& args, Io& io) {
  absl::StatusOr<auth::MintOptions> options = BuildMintOptions(args, io.env);
  if (!options.ok()) {
    return ReportUsageError(command, options.status(), io.err);
  }
  absl::StatusOr<std::string> token = auth::MintToken(*options);
  if (!token.ok()) {
    // The key is what the user gave us, so an unusable one is their input.
    if (token.status().code() == absl::StatusCode::kInvalidArgument) {
      return ReportUsageError(command, token.status(), io.err);
    }
    io.err << "error: " << token.status().message() << "\n";
    return kExitRpcError;
  }
  io.out << *token << "\n";
  return kExitOk;
}

}  // namespace lawenforce::ctl
