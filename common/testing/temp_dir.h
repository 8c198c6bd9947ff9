#ifndef LAWENFORCE_COMMON_TESTING_TEMP_DIR_H_
#define LAWENFORCE_COMMON_TESTING_TEMP_DIR_H_

#include <string>

namespace lawenforce::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on
// destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// LAWENFORCE_DATA_DIR "/ningxia-divisions.tsv": the shipped division table.
std::string DivisionsPath();

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_COMMON_TESTING_TEMP_DIR_H_
