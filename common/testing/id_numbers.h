#ifndef LAWENFORCE_COMMON_TESTING_ID_NUMBERS_H_
#define LAWENFORCE_COMMON_TESTING_ID_NUMBERS_H_

#include <string>

namespace lawenforce::testing {

// A valid GB 11643 identity-card number (640104, born 1980-01-01) whose
// sequence code is `serial` % 1000, with its check digit: distinct serials
// give distinct numbers that every service's validation accepts.
std::string TestIdNumber(int serial);

// A valid GB 32100 unified social credit code (a company of Yinchuan,
// 91640100MA...) whose body ends in `serial` % 10^7, with its check
// character.
std::string TestCreditCode(int serial);

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_COMMON_TESTING_ID_NUMBERS_H_
