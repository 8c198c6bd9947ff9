#include "common/testing/id_numbers.h"

#include <cstring>

#include "absl/strings/str_format.h"

namespace lawenforce::testing {

std::string TestIdNumber(int serial) {
  std::string body = absl::StrFormat("64010419800101%03d", serial % 1000);
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return body + "10X98765432"[sum % 11];
}

std::string TestCreditCode(int serial) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  std::string body = absl::StrFormat("91640100MA%07d", serial % 10000000);
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    const char* at = std::strchr(kAlphabet, body[i]);
    sum += static_cast<int>(at - kAlphabet) * kWeights[i];
  }
  return body + kAlphabet[(31 - sum % 31) % 31];
}

}  // namespace lawenforce::testing
