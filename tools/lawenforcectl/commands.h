#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_COMMANDS_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_COMMANDS_H_

// The command table of lawenforcectl: every "<group> <verb>" with its
// flags, and what it runs. Personnel commands map 1:1 onto the RPCs of
// lawenforce.personnel.v1.PersonnelService.

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tools/lawenforcectl/args.h"
#include "tools/lawenforcectl/environment.h"

namespace lawenforce::ctl {

// Where a running command writes, and what it may use.
struct Io {
  const Environment& env;
  std::ostream& out;
  std::ostream& err;
};

struct Command;

// Runs a parsed command; returns the process exit code.
using CommandRunner = std::function<int(const Command& command, const Args& args, Io& io)>;

struct Command {
  std::string group;
  // Empty for a group that is itself the command ("staffing"); may be
  // several words ("campaign create").
  std::string verb;
  // Names of the positional arguments, space-separated ("ID", "CASE
  // CLOCK"); empty when none.
  std::string positional;
  std::string summary;
  // The command's own flags; GlobalFlags() are accepted as well.
  std::vector<FlagSpec> flags;
  CommandRunner run;
  // More text for `<command> --help`, after the summary (e.g. the values a
  // positional argument takes); may be empty.
  std::string details = {};
};

// Every command, grouped, in the order usage lists them.
const std::vector<Command>& Commands();

// The command "<group> <verb>" (verb "" for a verb-less group), or nullptr.
const Command* FindCommand(absl::string_view group, absl::string_view verb);

// The command of `group` whose verb is the longest run of words of
// `tokens` from *pos ("review campaign create": the verb is "campaign
// create"), advancing *pos past it; nullptr, *pos unchanged, when none is.
const Command* MatchCommand(absl::string_view group, const std::vector<std::string>& tokens,
                            size_t* pos);

// True when some command belongs to `group`.
bool IsGroup(absl::string_view group);

// True when `group`'s commands have verbs ("cert issue"), false for a
// verb-less group ("staffing").
bool GroupHasVerbs(absl::string_view group);

// Parses the tokens after "<group> <verb>" with the command's flags plus
// the global ones.
absl::StatusOr<Args> ParseCommandArgs(const Command& command,
                                      const std::vector<std::string>& tokens);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_COMMANDS_H_
