#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_TOKEN_MINT_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_TOKEN_MINT_H_

// `lawenforcectl token mint`: signs a bearer JWT locally with the suite's
// key, for operators and scripts:
//
//   export LAWENFORCE_TOKEN=$(lawenforcectl token mint --role supervisor
//       --division 640104 --key-file secret.key)   (one line)
//
// Only the token (and a newline) goes to stdout.

#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/token.h"
#include "tools/lawenforcectl/args.h"
#include "tools/lawenforcectl/commands.h"
#include "tools/lawenforcectl/environment.h"

namespace lawenforce::ctl {

inline constexpr absl::string_view kDefaultSubject = "lawenforcectl";

// --role... --division [--agency] [--subject] [--ttl] [--alg] [--key-file]
// [--issuer] [--audience].
std::vector<FlagSpec> TokenMintFlags();

// The MintOptions the flags ask for, issued at env.clock->Now(). The key is
// the contents of --key-file (for HS256 without its trailing line break,
// so a secret saved with `echo` works), else $LAWENFORCE_JWT_SECRET.
// INVALID_ARGUMENT naming the flag when a role, algorithm or TTL is bad,
// the key file cannot be read, or there is no key at all.
absl::StatusOr<auth::MintOptions> BuildMintOptions(const Args& args, const Environment& env);

// Runner of `token mint`: prints the token, exit 0; a bad flag or key is a
// usage error (exit 2).
int RunTokenMint(const Command& command, const Args& args, Io& io);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_TOKEN_MINT_H_
