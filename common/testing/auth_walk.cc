#include "common/testing/auth_walk.h"

#include <chrono>
#include <future>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/token.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"

namespace lawenforce::testing {
namespace {

const google::protobuf::ServiceDescriptor* Descriptor(const AuthWalk& walk) {
  return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(walk.service);
}

// A token signed with a key no service trusts.
std::string ForgedToken() {
  auth::MintOptions m;
  m.key = "another-secret-that-is-long-enough-0123456789";
  m.subject = "mallory";
  m.roles = {auth::Role::kSystem};
  m.division_code = "640000";
  m.issued_at = absl::Now();
  return *auth::MintToken(m);
}

}  // namespace

::grpc::Status CallMethod(const AuthWalk& walk, const std::string& method,
                          const google::protobuf::Message& request,
                          const std::string& authorization, std::string* response) {
  ::grpc::GenericStub stub(walk.channel);
  ::grpc::ClientContext ctx;
  if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  std::string bytes = request.SerializeAsString();
  ::grpc::Slice slice(bytes);
  ::grpc::ByteBuffer req(&slice, 1);
  ::grpc::ByteBuffer resp;
  std::promise<::grpc::Status> done;
  stub.UnaryCall(&ctx, absl::StrCat("/", walk.service, "/", method), ::grpc::StubOptions(), &req,
                 &resp, [&](::grpc::Status s) { done.set_value(std::move(s)); });
  ::grpc::Status status = done.get_future().get();
  if (response != nullptr) {
    response->clear();
    std::vector<::grpc::Slice> slices;
    if (status.ok() && resp.Dump(&slices).ok()) {
      for (const ::grpc::Slice& slice : slices) {
        response->append(reinterpret_cast<const char*>(slice.begin()), slice.size());
      }
    }
  }
  return status;
}

std::vector<std::string> MethodsOf(const AuthWalk& walk) {
  std::vector<std::string> names;
  const google::protobuf::ServiceDescriptor* service = Descriptor(walk);
  EXPECT_NE(service, nullptr) << walk.service << " is not in the generated pool";
  if (service == nullptr) return names;
  for (int i = 0; i < service->method_count(); ++i) {
    if (!walk.public_methods.contains(service->method(i)->name())) {
      names.push_back(service->method(i)->name());
    }
  }
  return names;
}

void ExpectEveryMethodHasARequest(const AuthWalk& walk) {
  const std::vector<std::string> methods = MethodsOf(walk);
  EXPECT_FALSE(methods.empty());
  for (const std::string& name : methods) {
    EXPECT_TRUE(walk.requests.contains(name)) << name << " is not covered by the auth walk";
  }
}

void ExpectEveryMethodRefusesBadTokens(const AuthWalk& walk, const std::string& expired_token,
                                       const std::function<void()>& expire) {
  const std::string forged = ForgedToken();
  for (const std::string& name : MethodsOf(walk)) {
    auto it = walk.requests.find(name);
    if (it == walk.requests.end()) continue;  // reported by ExpectEveryMethodHasARequest
    const google::protobuf::Message& req = *it->second;
    for (const std::string& authorization :
         {std::string(), std::string("Bearer"), std::string("Basic dXNlcjpwYXNz"),
          std::string("Bearer not.a.jwt"), "Bearer " + forged}) {
      EXPECT_EQ(CallMethod(walk, name, req, authorization).error_code(),
                ::grpc::StatusCode::UNAUTHENTICATED)
          << name << " with authorization \"" << authorization.substr(0, 20) << "\"";
    }
  }
  expire();
  for (const std::string& name : MethodsOf(walk)) {
    auto it = walk.requests.find(name);
    if (it == walk.requests.end()) continue;
    EXPECT_EQ(CallMethod(walk, name, *it->second, "Bearer " + expired_token).error_code(),
              ::grpc::StatusCode::UNAUTHENTICATED)
        << name << " with an expired token";
  }
}

void ExpectOutsidersDeniedAlike(const AuthWalk& walk, const std::string& outsider_token,
                                const RequestMap& missing) {
  for (const std::string& name : MethodsOf(walk)) {
    auto existing = walk.requests.find(name);
    auto absent = missing.find(name);
    if (existing == walk.requests.end() || absent == missing.end()) {
      ADD_FAILURE() << name << " has no request for the outsider walk";
      continue;
    }
    if (auto per_record = walk.per_record_methods.find(name);
        per_record != walk.per_record_methods.end()) {
      std::string existing_answer, missing_answer;
      ::grpc::Status on_existing =
          CallMethod(walk, name, *existing->second, "Bearer " + outsider_token, &existing_answer);
      ::grpc::Status on_missing =
          CallMethod(walk, name, *absent->second, "Bearer " + outsider_token, &missing_answer);
      EXPECT_TRUE(on_existing.ok()) << name << ": " << on_existing.error_message();
      EXPECT_TRUE(on_missing.ok()) << name << ": " << on_missing.error_message();
      const std::string seen = per_record->second(existing_answer);
      EXPECT_FALSE(seen.empty()) << name;
      EXPECT_EQ(seen, per_record->second(missing_answer)) << name;
      continue;
    }
    ::grpc::Status on_existing =
        CallMethod(walk, name, *existing->second, "Bearer " + outsider_token);
    if (walk.open_methods.contains(name)) {
      EXPECT_TRUE(on_existing.ok())
          << name << " is open to every caller: " << on_existing.error_message();
      continue;
    }
    EXPECT_EQ(on_existing.error_code(), ::grpc::StatusCode::PERMISSION_DENIED)
        << name << ": " << on_existing.error_message();
    ::grpc::Status on_missing = CallMethod(walk, name, *absent->second, "Bearer " + outsider_token);
    EXPECT_EQ(on_missing.error_code(), on_existing.error_code()) << name;
    EXPECT_EQ(on_missing.error_message(), on_existing.error_message()) << name;
  }
}

}  // namespace lawenforce::testing
