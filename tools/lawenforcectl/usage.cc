#include "tools/lawenforcectl/usage.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/lawenforcectl/text.h"

namespace lawenforce::ctl {
namespace {

constexpr absl::string_view kProgram = "lawenforcectl";

std::string FlagSynopsis(const FlagSpec& flag) {
  std::string text = absl::StrCat("--", flag.name);
  if (!flag.value_name.empty()) {
    absl::StrAppend(&text, " ", flag.value_name);
  }
  if (flag.repeatable) {
    absl::StrAppend(&text, "...");
  }
  return flag.required ? text : absl::StrCat("[", text, "]");
}

// "  --flag VALUE   help" lines, aligned.
std::string FlagTable(const std::vector<FlagSpec>& flags) {
  std::vector<std::string> left;
  size_t width = 0;
  for (const FlagSpec& flag : flags) {
    std::string text = absl::StrCat("--", flag.name);
    if (!flag.value_name.empty()) {
      absl::StrAppend(&text, " ", flag.value_name);
    }
    width = std::max(width, text.size());
    left.push_back(std::move(text));
  }
  std::string out;
  for (size_t i = 0; i < flags.size(); ++i) {
    std::string help = flags[i].help;
    if (flags[i].required || flags[i].repeatable) {
      absl::StrAppend(&help, " (",
                      flags[i].required && flags[i].repeatable ? "required, repeatable"
                      : flags[i].required                      ? "required"
                                                               : "repeatable",
                      ")");
    }
    absl::StrAppend(&out, "  ", PadRight(left[i], width + 3), help, "\n");
  }
  return out;
}

std::string CommandList(absl::string_view group) {
  std::vector<std::pair<std::string, std::string>> rows;
  size_t width = 0;
  for (const Command& command : Commands()) {
    if (!group.empty() && command.group != group) {
      continue;
    }
    std::string name =
        command.verb.empty() ? command.group : absl::StrCat(command.group, " ", command.verb);
    width = std::max(width, name.size());
    rows.emplace_back(std::move(name), command.summary);
  }
  std::string out;
  for (const auto& [name, summary] : rows) {
    absl::StrAppend(&out, "  ", PadRight(name, width + 3), summary, "\n");
  }
  return out;
}

}  // namespace

std::string CommandPath(const Command& command) {
  std::string path = absl::StrCat(kProgram, " ", command.group);
  if (!command.verb.empty()) {
    absl::StrAppend(&path, " ", command.verb);
  }
  return path;
}

std::string Synopsis(const Command& command) {
  std::string text = CommandPath(command);
  if (!command.positional.empty()) {
    absl::StrAppend(&text, " ", command.positional);
  }
  for (const FlagSpec& flag : command.flags) {
    absl::StrAppend(&text, " ", FlagSynopsis(flag));
  }
  return text;
}

std::string CommandHelp(const Command& command) {
  std::string out = absl::StrCat("usage: ", Synopsis(command), "\n\n", command.summary, "\n");
  if (!command.details.empty()) {
    absl::StrAppend(&out, "\n", command.details, "\n");
  }
  if (!command.flags.empty()) {
    absl::StrAppend(&out, "\nFlags:\n", FlagTable(command.flags));
  }
  absl::StrAppend(&out, "\nGlobal flags:\n", FlagTable(GlobalFlags()));
  return out;
}

std::string GroupHelp(absl::string_view group) {
  return absl::StrCat("usage: ", kProgram, " ", group, " <command> [flags]\n\nCommands:\n",
                      CommandList(group), "\nRun '", kProgram, " ", group,
                      " <command> --help' for a command's flags.\n");
}

std::string TopHelp() {
  return absl::StrCat(
      "usage: ", kProgram, " [global flags] <group> <command> [flags]\n\n",
      "Operator CLI of the lawenforce services: agency, officer, cert, eligibility, training,\n"
      "assessment and staffing talk to personnel-service (--server); item, benchmark, case,\n"
      "record, inspection and import to case-service (--case-server); complaint,\n"
      "complaint-limit, supervision, review and rectification to supervision-service\n"
      "(--supervision-server); plan, task, assignment and report to task-service\n"
      "(--task-server).\n\n"
      "Commands:\n",
      CommandList(""), "\nGlobal flags (before or after the command):\n", FlagTable(GlobalFlags()),
      "\nCreates (and case file, complaint submit, review campaign create, assignment\n"
      "create, report generate, inspection draw, inspection visit, inspection\n"
      "whitelist-add) also take --request-id (default: a fresh UUID). Retry a failed\n"
      "create with the same --request-id and it is applied at most once.\n"
      "\nEvery RPC command needs a token but cert verify, which checks a certificate as\n"
      "the public does and sends none (cert qr prints the text it takes).\n"
      "\nExit codes: 0 ok, 1 the server refused, 2 usage error, 3 server unreachable or\n"
      "deadline exceeded (safe to retry).\n"
      "\nRun '",
      kProgram, " <group> --help' or '", kProgram, " <group> <command> --help' for more.\n");
}

}  // namespace lawenforce::ctl
