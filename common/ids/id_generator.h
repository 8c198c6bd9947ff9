#ifndef LAWENFORCE_COMMON_IDS_ID_GENERATOR_H_
#define LAWENFORCE_COMMON_IDS_ID_GENERATOR_H_

// Resource ids: random 128-bit UUIDv4 strings, never sequential, so that an
// id reveals neither volume nor neighbours (ARCHITECTURE.md section 5).

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace lawenforce {

// Thread-safe.
class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  virtual std::string NewId() = 0;
  // An id that sorts (as text) after every one this process made before it:
  // the UUIDv7 layout, 48 bits of wall-clock milliseconds, then a counter
  // and random bits. For rows whose order among equals matters (audit rows
  // of one moment); it tells when it was made, so never a resource id.
  virtual std::string NewOrderedId();
};

// UUIDv4 from the OpenSSL CSPRNG, lower-case canonical form.
class RandomIdGenerator final : public IdGenerator {
 public:
  std::string NewId() override;
};

// Deterministic ids for tests: "00000000-0000-4000-8000-<12 hex of n>".
class SequentialIdGenerator final : public IdGenerator {
 public:
  std::string NewId() override;
  std::string NewOrderedId() override { return NewId(); }

 private:
  std::atomic<uint64_t> next_{1};
};

// True when `id` is a canonical lower-case UUID (8-4-4-4-12 hex), the only
// spelling this suite issues (ids compare byte for byte).
bool IsValidId(absl::string_view id);

// OK, or INVALID_ARGUMENT naming `field`: "required" when empty, "must be a
// UUID" when malformed.
absl::Status ValidateId(absl::string_view field, absl::string_view id);

}  // namespace lawenforce

#endif  // LAWENFORCE_COMMON_IDS_ID_GENERATOR_H_
