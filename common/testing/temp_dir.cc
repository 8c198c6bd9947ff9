#include "common/testing/temp_dir.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace lawenforce::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl =
      std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/lawenforce-test-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string DivisionsPath() {
#ifdef LAWENFORCE_DATA_DIR
  return std::string(LAWENFORCE_DATA_DIR) + "/ningxia-divisions.tsv";
#else
  return "data/ningxia-divisions.tsv";
#endif
}

}  // namespace lawenforce::testing
