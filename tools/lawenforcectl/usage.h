#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_USAGE_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_USAGE_H_

// Usage text, generated from the command table so it cannot drift from
// what the parser accepts.

#include <string>

#include "absl/strings/string_view.h"
#include "tools/lawenforcectl/commands.h"

namespace lawenforce::ctl {

// "lawenforcectl cert issue".
std::string CommandPath(const Command& command);

// One line: path, positional, then the flags, optional ones in [],
// repeatable ones followed by "...".
std::string Synopsis(const Command& command);

// `lawenforcectl <group> <verb> --help`: synopsis, summary, every flag.
std::string CommandHelp(const Command& command);

// `lawenforcectl <group> --help`: the group's commands with summaries.
std::string GroupHelp(absl::string_view group);

// `lawenforcectl help`: every command, global flags, exit codes.
std::string TopHelp();

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_USAGE_H_
