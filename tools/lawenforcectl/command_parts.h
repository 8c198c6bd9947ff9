#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_COMMAND_PARTS_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_COMMAND_PARTS_H_

// What the command tables share: command_table.cc (personnel-service and
// the local commands), case_commands.cc (case-service),
// supervision_commands.cc (supervision-service) and task_commands.cc
// (task-service).

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "tools/lawenforcectl/args.h"
#include "tools/lawenforcectl/commands.h"
#include "tools/lawenforcectl/values.h"

namespace lawenforce::ctl {

// --request-id of every create.
FlagSpec RequestIdFlag();

// `flags` plus --page-size, --page-token and --all.
std::vector<FlagSpec> PagingFlags(std::vector<FlagSpec> flags);

// `flags` plus --etag of the resource acted on ("complaint").
std::vector<FlagSpec> WithEtag(absl::string_view what, std::vector<FlagSpec> flags = {});

// "a|b|c" of the non-alias choices.
std::string Choices(absl::Span<const Choice> choices);

Command MakeCommand(std::string group, std::string verb, std::string positional,
                    std::string summary, std::vector<FlagSpec> flags, CommandRunner run);

// The case-service commands (groups item, benchmark, case, record,
// inspection), in usage order.
std::vector<Command> CaseCommands();

// `import cases` and `import inspections` (case-service's ingestion).
std::vector<Command> ImportCommands();

// The supervision-service commands (groups complaint, complaint-limit,
// supervision, review, rectification), in usage order.
std::vector<Command> SupervisionCommands();

// The task-service commands (groups plan, task, assignment, report), in
// usage order.
std::vector<Command> TaskCommands();

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_COMMAND_PARTS_H_
