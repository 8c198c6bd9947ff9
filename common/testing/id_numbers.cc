#include "common/testing/id_numbers.h"

#include "absl/strings/str_format.h"

namespace lawenforce::testing {

std::string TestIdNumber(int serial) {
  std::string body = absl::StrFormat("64010419800101%03d", serial % 1000);
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return body + "10X98765432"[sum % 11];
}

}  // namespace lawenforce::testing
