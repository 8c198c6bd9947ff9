// LuaScript (declared in redis_client.h): the script's SHA-1, as Redis
// computes it for EVALSHA.

#include <openssl/evp.h>

#include <string>
#include <utility>

#include "common/redis/redis_client.h"

namespace lawenforce::redis {
namespace {

std::string Sha1Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha1(), nullptr) != 1) {
    // Not expected with a working libcrypto. No script has this digest, so
    // Eval then fails with FAILED_PRECONDITION (NOSCRIPT) instead of running
    // another script.
    return std::string(40, '0');
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

}  // namespace

LuaScript::LuaScript(std::string source) : source_(std::move(source)), sha1_(Sha1Hex(source_)) {}

}  // namespace lawenforce::redis
