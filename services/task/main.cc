// task-service: the plan's tasks, their assignments and progress by tier.
// Everything else is the kit's; docs/operations.md lists the flags.

#include "common/kit/runtime.h"
#include "services/task/task_module.h"

int main(int argc, char** argv) {
  return lawenforce::kit::RunMain(lawenforce::tasks::TaskSpec(), argc, argv);
}
