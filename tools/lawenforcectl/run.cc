#include "tools/lawenforcectl/run.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "tools/lawenforcectl/commands.h"
#include "tools/lawenforcectl/rpc_command.h"
#include "tools/lawenforcectl/rpc_error.h"
#include "tools/lawenforcectl/text.h"
#include "tools/lawenforcectl/usage.h"

namespace lawenforce::ctl {
namespace {

bool IsHelp(absl::string_view token) { return token == "-h" || token == "--help"; }

bool IsGlobalFlag(absl::string_view name) {
  for (const FlagSpec& flag : GlobalFlags()) {
    if (flag.name == name) {
      return true;
    }
  }
  return false;
}

int UnknownCommand(absl::string_view what, std::ostream& err) {
  err << "error: unknown command \"" << Sanitize(what) << "\"\n"
      << "Run 'lawenforcectl help' for the commands.\n";
  return kExitUsage;
}

// `lawenforcectl help [<group> [<verb>]]`.
int Help(const std::vector<std::string>& topic, std::ostream& out, std::ostream& err) {
  if (topic.empty()) {
    out << TopHelp();
    return kExitOk;
  }
  const std::string& group = topic[0];
  if (!IsGroup(group)) {
    return UnknownCommand(group, err);
  }
  if (!GroupHasVerbs(group)) {
    out << CommandHelp(*FindCommand(group, ""));
    return kExitOk;
  }
  if (topic.size() == 1) {
    out << GroupHelp(group);
    return kExitOk;
  }
  size_t pos = 1;
  const Command* command = MatchCommand(group, topic, &pos);
  if (command == nullptr || pos != topic.size()) {
    return UnknownCommand(absl::StrJoin(topic, " "), err);
  }
  out << CommandHelp(*command);
  return kExitOk;
}

}  // namespace

int Run(const std::vector<std::string>& tokens, const Environment& env, std::ostream& out,
        std::ostream& err) {
  // Global flags may precede the command; they are handed on to it.
  std::vector<std::string> leading;
  size_t i = 0;
  while (i < tokens.size() && absl::StartsWith(tokens[i], "-")) {
    const std::string& token = tokens[i];
    if (IsHelp(token)) {
      out << TopHelp();
      return kExitOk;
    }
    absl::string_view name = token;
    name.remove_prefix(std::min<size_t>(2, name.size()));
    const size_t eq = name.find('=');
    if (!absl::StartsWith(token, "--") || !IsGlobalFlag(name.substr(0, eq))) {
      err << "error: unknown flag " << Sanitize(token)
          << " (a command's own flags go after the command)\n"
          << "Run 'lawenforcectl help' for usage.\n";
      return kExitUsage;
    }
    leading.push_back(tokens[i++]);
    if (eq == absl::string_view::npos && i < tokens.size()) {
      leading.push_back(tokens[i++]);
    }
  }
  if (i == tokens.size()) {
    err << "error: missing command\n" << TopHelp();
    return kExitUsage;
  }

  const std::string& group = tokens[i++];
  if (group == "help") {
    return Help(std::vector<std::string>(tokens.begin() + i, tokens.end()), out, err);
  }
  if (!IsGroup(group)) {
    return UnknownCommand(group, err);
  }
  const Command* command = nullptr;
  if (GroupHasVerbs(group)) {
    if (i == tokens.size()) {
      err << "error: missing command after \"" << group << "\"\n" << GroupHelp(group);
      return kExitUsage;
    }
    if (IsHelp(tokens[i])) {
      out << GroupHelp(group);
      return kExitOk;
    }
    command = MatchCommand(group, tokens, &i);
    if (command == nullptr) {
      err << "error: unknown command \"" << group << " " << Sanitize(tokens[i]) << "\"\n"
          << GroupHelp(group);
      return kExitUsage;
    }
  } else {
    command = FindCommand(group, "");
  }

  std::vector<std::string> rest = std::move(leading);
  rest.insert(rest.end(), tokens.begin() + i, tokens.end());
  absl::StatusOr<Args> args = ParseCommandArgs(*command, rest);
  if (!args.ok()) {
    return ReportUsageError(*command, args.status(), err);
  }
  if (args->help_requested()) {
    out << CommandHelp(*command);
    return kExitOk;
  }
  Io io{env, out, err};
  return command->run(*command, *args, io);
}

}  // namespace lawenforce::ctl
