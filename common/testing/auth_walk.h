#ifndef LAWENFORCE_COMMON_TESTING_AUTH_WALK_H_
#define LAWENFORCE_COMMON_TESTING_AUTH_WALK_H_

// The authorization walk every service runs over its whole descriptor
// (ARCHITECTURE.md section 4), so that a method added later without a guard
// fails a test at once:
//
//   - every method has a request in the walk;
//   - every method refuses a missing, malformed, non-bearer, forged and
//     expired token with UNAUTHENTICATED;
//   - a caller from outside the records' jurisdiction gets the same
//     PERMISSION_DENIED, message included, for existing and missing records
//     (or, for a method that judges each record of a batch, the same
//     per-record denial in an OK answer).
//
// Calls go through a generic stub with serialized requests, as a client in
// any language would make them.
//
//   AuthWalk walk{"lawenforce.cases.v1.CaseService", channel_, Requests(existing_ids)};
//   ExpectEveryMethodHasARequest(walk);
//   ExpectEveryMethodRefusesBadTokens(walk, expired_token, [&] { clock_.Advance(...); });
//   ExpectOutsidersDeniedAlike(walk, outsider_token, Requests(missing_ids));

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"

namespace lawenforce::testing {

using RequestMap = std::map<std::string, std::unique_ptr<google::protobuf::Message>>;

struct AuthWalk {
  // The full name of the service, e.g. "lawenforce.personnel.v1.PersonnelService".
  std::string service;
  std::shared_ptr<::grpc::Channel> channel;
  // Per method name, a request that an authorised caller could make,
  // naming existing records.
  RequestMap requests;
  // Methods the walk does not cover (documented as public).
  std::set<std::string> public_methods;
  // Methods every authenticated caller may call whatever its jurisdiction
  // (a published standard, e.g. discretion benchmarks): the outsider walk
  // expects them to answer an existing record, and compares nothing.
  std::set<std::string> open_methods;
  // Methods that answer a batch with a result per record, a denied record
  // included (e.g. an eligibility verdict NOT_VISIBLE): the outsider walk
  // expects OK for existing and missing records and the same text from
  // this function of the serialized answer for both (it should drop the
  // ids the request named and keep what would tell them apart).
  std::map<std::string, std::function<std::string(const std::string& response)>> per_record_methods;
};

// Calls `method` of walk.service with `request`, with `authorization` as the
// raw metadata value (none when empty).
::grpc::Status CallMethod(const AuthWalk& walk, const std::string& method,
                          const google::protobuf::Message& request,
                          const std::string& authorization, std::string* response = nullptr);

// The names of the methods of walk.service, from the generated descriptor pool.
std::vector<std::string> MethodsOf(const AuthWalk& walk);

void ExpectEveryMethodHasARequest(const AuthWalk& walk);

// `expired_token` is valid now and must be expired after `expire()` runs
// (advance the fake clock past its lifetime).
void ExpectEveryMethodRefusesBadTokens(const AuthWalk& walk, const std::string& expired_token,
                                       const std::function<void()>& expire);

// `outsider_token` belongs to a caller whose jurisdiction excludes the
// walk's records; `missing` names records that do not exist.
void ExpectOutsidersDeniedAlike(const AuthWalk& walk, const std::string& outsider_token,
                                const RequestMap& missing);

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_COMMON_TESTING_AUTH_WALK_H_
