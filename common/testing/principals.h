#ifndef LAWENFORCE_COMMON_TESTING_PRINCIPALS_H_
#define LAWENFORCE_COMMON_TESTING_PRINCIPALS_H_

// Callers for use-case tests, without tokens.

#include <initializer_list>
#include <string>

#include "common/auth/principal.h"

namespace lawenforce::testing {

// A caller with `roles` at `division`, bound to `agency` when given.
inline auth::Principal Caller(std::initializer_list<auth::Role> roles, const std::string& division,
                              const std::string& agency = "") {
  auth::Principal p;
  p.subject = "tester";
  for (auth::Role r : roles) p.roles.Add(r);
  p.division_code = division;
  p.agency_id = agency;
  return p;
}

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_COMMON_TESTING_PRINCIPALS_H_
