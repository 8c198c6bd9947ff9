#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_RUN_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_RUN_H_

// The whole CLI as a function, so that tests drive it like a process.

#include <ostream>
#include <string>
#include <vector>

#include "tools/lawenforcectl/environment.h"

namespace lawenforce::ctl {

// Runs `lawenforcectl <tokens...>` (tokens exclude the program name):
//
//   lawenforcectl [global flags] <group> [<verb>] [args and flags]
//   lawenforcectl help [<group> [<verb>]]
//   lawenforcectl <group> [<verb>] --help
//
// Results go to `out`, errors and diagnostics to `err`. Returns the exit
// code (rpc_error.h): 0 ok, 1 RPC error, 2 usage error, 3 unreachable.
int Run(const std::vector<std::string>& tokens, const Environment& env, std::ostream& out,
        std::ostream& err);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_RUN_H_
