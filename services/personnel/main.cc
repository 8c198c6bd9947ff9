// personnel-service: agencies, officers, certificates, training and
// assessments. Everything else is the kit's; docs/operations.md lists the flags.

#include "common/kit/runtime.h"
#include "services/personnel/personnel_module.h"

int main(int argc, char** argv) {
  return lawenforce::kit::RunMain(lawenforce::personnel::PersonnelSpec(), argc, argv);
}
