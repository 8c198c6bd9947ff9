// lawenforcectl: the operator CLI of the lawenforce suite. All logic lives
// in lawenforce::ctl (run.h); this only hands over argv.

#include <iostream>
#include <string>
#include <vector>

#include "tools/lawenforcectl/environment.h"
#include "tools/lawenforcectl/run.h"

int main(int argc, char** argv) {
  std::vector<std::string> tokens(argv + 1, argv + argc);
  return lawenforce::ctl::Run(tokens, lawenforce::ctl::SystemEnvironment(), std::cout, std::cerr);
}
