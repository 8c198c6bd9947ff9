#ifndef LAWENFORCE_COMMON_STATUS_MACROS_H_
#define LAWENFORCE_COMMON_STATUS_MACROS_H_

// Status propagation in the style of Abseil's internal status_macros.h
// (abseil 20220623 does not export them): the one-line early return of a
// failed step.
//
//   absl::StatusOr<Officer> Officers::Get(const Principal& who, const std::string& id) {
//     LE_RETURN_IF_ERROR(authorizer_->RequireRole(who, kReaders, kAction));
//     LE_ASSIGN_OR_RETURN(Officer officer, Find(who, id));
//     return officer;
//   }
//
// LE_RETURN_IF_ERROR(expr): `expr` is an absl::Status or an absl::StatusOr;
// when it is not OK, the enclosing function returns its status.
// LE_ASSIGN_OR_RETURN(lhs, expr): `expr` is an absl::StatusOr<T>; on OK its
// value is moved into `lhs` (a declaration or an lvalue), otherwise the
// enclosing function returns the status. `lhs` must not contain a comma
// outside parentheses.

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace lawenforce::status_internal {

inline const absl::Status& AsStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& AsStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

}  // namespace lawenforce::status_internal

#define LE_STATUS_CONCAT_INNER_(a, b) a##b
#define LE_STATUS_CONCAT_(a, b) LE_STATUS_CONCAT_INNER_(a, b)

#define LE_RETURN_IF_ERROR(expr)                                  \
  do {                                                            \
    if (auto&& le_status_ = (expr); !le_status_.ok()) {           \
      return ::lawenforce::status_internal::AsStatus(le_status_); \
    }                                                             \
  } while (false)

#define LE_ASSIGN_OR_RETURN(lhs, expr) \
  LE_ASSIGN_OR_RETURN_IMPL_(LE_STATUS_CONCAT_(le_status_or_, __LINE__), lhs, expr)

#define LE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) {                                \
    return std::move(tmp).status();               \
  }                                               \
  lhs = *std::move(tmp)

#endif  // LAWENFORCE_COMMON_STATUS_MACROS_H_
