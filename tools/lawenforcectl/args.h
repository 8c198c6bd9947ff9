#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_ARGS_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_ARGS_H_

// A small command-line parser for lawenforcectl. Each command declares its
// flags (FlagSpec); ParseArgs checks the tokens after the command name
// against them and returns the values, or INVALID_ARGUMENT with a message
// that names the offending flag. Accepted forms:
//
//   --flag value   --flag=value   --switch   --switch=true|false
//   -h / --help    --  (every later token is positional)
//
// A value that starts with "--" must use the --flag=value form, so that a
// forgotten value (`--name --role x`) is an error instead of a name.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace lawenforce::ctl {

struct FlagSpec {
  // Without the leading "--", e.g. "valid-from".
  std::string name;
  // Placeholder shown in usage ("ID", "YYYY-MM-DD", "a|b"); empty for a
  // boolean switch, which takes no value.
  std::string value_name;
  std::string help;
  bool required = false;
  bool repeatable = false;
};

// Constructors that read well in a command table.
FlagSpec Required(std::string name, std::string value_name, std::string help);
FlagSpec Optional(std::string name, std::string value_name, std::string help);
FlagSpec RequiredRepeated(std::string name, std::string value_name, std::string help);
FlagSpec OptionalRepeated(std::string name, std::string value_name, std::string help);
FlagSpec Switch(std::string name, std::string help);

// The parsed tokens of one command. Reading a flag the command did not
// declare is a programming error and aborts, so a request builder cannot
// silently drift from its command's flag table.
class Args {
 public:
  Args() = default;
  Args(std::vector<FlagSpec> specs, std::map<std::string, std::vector<std::string>> values,
       std::vector<std::string> positionals, bool help);

  // True when the flag was given (a switch given as --x=false counts).
  bool Has(absl::string_view flag) const;
  // The flag's value, or "" when not given.
  std::string Value(absl::string_view flag) const;
  // Every value of a repeatable flag, in command-line order.
  const std::vector<std::string>& Values(absl::string_view flag) const;
  // A switch: true when given as --x or --x=true.
  bool Enabled(absl::string_view flag) const;

  const std::vector<std::string>& positionals() const { return positionals_; }
  bool help_requested() const { return help_; }

 private:
  void CheckDeclared(absl::string_view flag) const;

  std::vector<FlagSpec> specs_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
  bool help_ = false;
};

// Parses `tokens` against `specs`, then checks that every required flag
// was given and that there are exactly as many positional arguments as
// `positional_name` has space-separated names ("ID", "CASE CLOCK"; "" for
// none), naming the first one missing.
//
// When -h/--help is among the tokens, the result has help_requested() set
// and the required/positional checks are skipped.
//
// INVALID_ARGUMENT on: an unknown flag, a missing or empty value, a
// non-repeatable flag given twice, a switch with a value other than
// true/false, a missing required flag, a missing or extra positional.
absl::StatusOr<Args> ParseArgs(const std::vector<FlagSpec>& specs,
                               const std::vector<std::string>& tokens,
                               absl::string_view positional_name = "");

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_ARGS_H_
