#include "common/ids/id_generator.h"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "common/status/errors.h"

namespace lawenforce {
namespace {

std::string FormatUuid(const std::array<uint8_t, 16>& b) {
  char out[37];
  std::snprintf(out, sizeof(out),
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

}  // namespace

std::string RandomIdGenerator::NewId() {
  std::array<uint8_t, 16> bytes;
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // The CSPRNG failing means the process cannot make safe ids at all.
    std::abort();
  }
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return FormatUuid(bytes);
}

std::string IdGenerator::NewOrderedId() {
  // 48 bits of milliseconds and 12 of counter (the version nibble sits
  // between), advanced by one past the last id made when the clock has not
  // moved on (or went back): strictly increasing within the process.
  static std::atomic<uint64_t> last{0};
  const uint64_t now_ms = static_cast<uint64_t>(absl::ToUnixMillis(absl::Now()));
  uint64_t prev = last.load();
  uint64_t next;
  do {
    next = std::max(now_ms << 12, prev + 1);
  } while (!last.compare_exchange_weak(prev, next));
  std::array<uint8_t, 16> bytes;
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) std::abort();
  const uint64_t ms = next >> 12;
  const uint64_t counter = next & 0xfff;
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  bytes[6] = static_cast<uint8_t>(0x70 | (counter >> 8));  // version 7
  bytes[7] = static_cast<uint8_t>(counter & 0xff);
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return FormatUuid(bytes);
}

std::string SequentialIdGenerator::NewId() {
  uint64_t n = next_.fetch_add(1);
  char out[37];
  std::snprintf(out, sizeof(out), "00000000-0000-4000-8000-%012llx",
                static_cast<unsigned long long>(n));
  return out;
}

bool IsValidId(absl::string_view id) {
  if (id.size() != 36) {
    return false;
  }
  for (size_t i = 0; i < id.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (id[i] != '-') {
        return false;
      }
    } else if (!absl::ascii_isdigit(static_cast<unsigned char>(id[i])) &&
               (id[i] < 'a' || id[i] > 'f')) {
      return false;
    }
  }
  return true;
}

absl::Status ValidateId(absl::string_view field, absl::string_view id) {
  if (id.empty()) {
    return InvalidField(field, "required");
  }
  if (!IsValidId(id)) {
    return InvalidField(field, "must be a lower-case UUID (8-4-4-4-12 hex digits)");
  }
  return absl::OkStatus();
}

}  // namespace lawenforce
