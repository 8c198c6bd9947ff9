// case-service: the enforcement item catalogue and, as it grows, cases from
// filing to archive. Everything else is the kit's; docs/operations.md lists
// the flags.

#include "common/kit/runtime.h"
#include "services/case/case_module.h"

int main(int argc, char** argv) {
  return lawenforce::kit::RunMain(lawenforce::cases::CaseSpec(), argc, argv);
}
