#include "common/status/macros.h"

#include <string>

#include "gtest/gtest.h"

namespace lawenforce {
namespace {

absl::StatusOr<int> Half(int n) {
  if (n % 2 != 0) return absl::InvalidArgumentError("odd");
  return n / 2;
}

absl::Status Check(int n) { return n < 0 ? absl::OutOfRangeError("negative") : absl::OkStatus(); }

absl::StatusOr<int> Quarter(int n) {
  LE_RETURN_IF_ERROR(Check(n));
  LE_ASSIGN_OR_RETURN(int half, Half(n));
  LE_ASSIGN_OR_RETURN(const int quarter, Half(half));
  return quarter;
}

absl::Status ReturnIfErrorOnStatusOr(int n) {
  LE_RETURN_IF_ERROR(Half(n));
  return absl::OkStatus();
}

TEST(StatusMacrosTest, AssignOrReturnPassesValuesAndReturnsTheFirstError) {
  EXPECT_EQ(*Quarter(12), 3);
  EXPECT_EQ(Quarter(6).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Quarter(-4).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(StatusMacrosTest, ReturnIfErrorAcceptsAStatusOr) {
  EXPECT_TRUE(ReturnIfErrorOnStatusOr(2).ok());
  EXPECT_EQ(ReturnIfErrorOnStatusOr(3).code(), absl::StatusCode::kInvalidArgument);
}

TEST(StatusMacrosTest, AssignOrReturnAssignsToAnExistingVariable) {
  auto f = [](int n) -> absl::StatusOr<std::string> {
    int value = 0;
    LE_ASSIGN_OR_RETURN(value, Half(n));
    return std::to_string(value);
  };
  EXPECT_EQ(*f(8), "4");
  EXPECT_FALSE(f(7).ok());
}

}  // namespace
}  // namespace lawenforce
