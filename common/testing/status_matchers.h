#ifndef LAWENFORCE_COMMON_TESTING_STATUS_MATCHERS_H_
#define LAWENFORCE_COMMON_TESTING_STATUS_MATCHERS_H_

// gMock matchers for absl::Status / StatusOr (abseil 20220623 ships none).
//   EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
//   EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("officer.name")));
//   EXPECT_THAT(v, IsOkAndHolds(Eq(3)));
//   ASSERT_OK(s); ASSERT_OK_AND_ASSIGN(auto x, Fn());

#include <ostream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  const absl::Status& s = ::lawenforce::testing::GetStatus(arg);
  if (s.code() != code) {
    *result_listener << "whose status is " << s;
    return false;
  }
  return true;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + ::testing::PrintToString(code) + " and a matching message") {
  const absl::Status& s = ::lawenforce::testing::GetStatus(arg);
  if (s.code() != code) {
    *result_listener << "whose status is " << s;
    return false;
  }
  return ::testing::ExplainMatchResult(message_matcher, std::string(s.message()), result_listener);
}

MATCHER_P(IsOkAndHolds, value_matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "whose status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = ::lawenforce::testing::GetStatus(arg);
  if (!s.ok()) {
    *result_listener << "whose status is " << s;
  }
  return s.ok();
}

// INVALID_ARGUMENT naming `field` in the message ("<field>: ...", containing
// `description`) and in the field payload that the gRPC edge turns into a
// google.rpc.BadRequest (common/status/errors.h).
inline void ExpectInvalidField(const absl::Status& status, absl::string_view field,
                               absl::string_view description = "") {
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               ::testing::AllOf(::testing::StartsWith(absl::StrCat(field, ": ")),
                                                ::testing::HasSubstr(std::string(description)))));
  EXPECT_THAT(::lawenforce::FieldOf(status),
              ::testing::Optional(::testing::Eq(std::string(field))));
}

}  // namespace lawenforce::testing

#define LAWENFORCE_CONCAT_INNER_(a, b) a##b
#define LAWENFORCE_CONCAT_(a, b) LAWENFORCE_CONCAT_INNER_(a, b)

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::lawenforce::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::lawenforce::testing::IsOk())

#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(LAWENFORCE_CONCAT_(_status_or_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  ASSERT_TRUE(tmp.ok()) << tmp.status();           \
  lhs = std::move(tmp).value()

#endif  // LAWENFORCE_COMMON_TESTING_STATUS_MATCHERS_H_
