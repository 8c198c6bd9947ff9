// supervision-service: complaints, their handling limits and their
// escalation up the four tiers. Everything else is the kit's;
// docs/operations.md lists the flags.

#include "common/kit/runtime.h"
#include "services/supervision/supervision_module.h"

int main(int argc, char** argv) {
  return lawenforce::kit::RunMain(lawenforce::supervision::SupervisionSpec(), argc, argv);
}
