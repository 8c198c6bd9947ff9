#include "common/crypto/pii.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <climits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace lawenforce::crypto {
namespace {

constexpr unsigned char kVersion = 0x01;
constexpr size_t kKeyBytes = 32;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;
constexpr size_t kOverhead = 1 + kNonceBytes + kTagBytes;
constexpr absl::string_view kEncryptionLabel = "lawenforce/pii/aes-256-gcm/v1";
constexpr absl::string_view kIndexLabel = "lawenforce/pii/blind-index/v1";
constexpr absl::string_view kRequestHashLabel = "lawenforce/idempotency/request-hash/v1";
constexpr absl::string_view kPageTokenLabel = "lawenforce/paging/page-token/v1";
constexpr size_t kPageTagBytes = 16;

std::string Hex(absl::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * bytes.size());
  for (unsigned char byte : bytes) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0f]);
  }
  return hex;
}

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// HMAC-SHA256(key, message) as 32 raw bytes.
std::string HmacSha256(absl::string_view key, absl::string_view message) {
  std::string mac(EVP_MAX_MD_SIZE, '\0');
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(message), message.size(),
       Bytes(mac), &mac_len);
  mac.resize(mac_len);
  return mac;
}

absl::Status CryptoFailure(absl::string_view what) {
  ERR_clear_error();
  return absl::InternalError(absl::StrCat("pii: ", what, " failed"));
}

absl::Status Corrupt(absl::string_view why) {
  ERR_clear_error();
  return absl::DataLossError(absl::StrCat("pii ciphertext: ", why));
}

}  // namespace

PiiProtector::~PiiProtector() {
  OPENSSL_cleanse(encryption_key_.data(), encryption_key_.size());
  OPENSSL_cleanse(index_key_.data(), index_key_.size());
  OPENSSL_cleanse(request_key_.data(), request_key_.size());
  OPENSSL_cleanse(paging_key_.data(), paging_key_.size());
}

absl::StatusOr<std::unique_ptr<PiiProtector>> PiiProtector::Create(
    absl::string_view master_key_hex) {
  if (master_key_hex.size() != 2 * kKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("pii master key: must be ", 2 * kKeyBytes, " hex characters"));
  }
  std::string master(kKeyBytes, '\0');
  for (size_t i = 0; i < kKeyBytes; ++i) {
    int high = HexValue(master_key_hex[2 * i]);
    int low = HexValue(master_key_hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      OPENSSL_cleanse(master.data(), master.size());
      return absl::InvalidArgumentError("pii master key: must be hexadecimal");
    }
    master[i] = static_cast<char>(high * 16 + low);
  }
  std::unique_ptr<PiiProtector> protector(new PiiProtector());
  protector->encryption_key_ = HmacSha256(master, kEncryptionLabel);
  protector->index_key_ = HmacSha256(master, kIndexLabel);
  protector->request_key_ = HmacSha256(master, kRequestHashLabel);
  protector->paging_key_ = HmacSha256(master, kPageTokenLabel);
  OPENSSL_cleanse(master.data(), master.size());
  if (protector->encryption_key_.size() != kKeyBytes || protector->index_key_.size() != kKeyBytes ||
      protector->request_key_.size() != kKeyBytes || protector->paging_key_.size() != kKeyBytes) {
    return CryptoFailure("key derivation");
  }
  return protector;
}

absl::StatusOr<std::string> PiiProtector::Encrypt(absl::string_view plaintext,
                                                  absl::string_view context) const {
  if (plaintext.size() > INT_MAX - kOverhead || context.size() > INT_MAX) {
    return absl::InvalidArgumentError("pii: plaintext too long");
  }
  std::string out(kOverhead + plaintext.size(), '\0');
  out[0] = static_cast<char>(kVersion);
  unsigned char* nonce = Bytes(out) + 1;
  unsigned char* body = nonce + kNonceBytes;
  if (RAND_bytes(nonce, kNonceBytes) != 1) {
    return CryptoFailure("nonce generation");
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (ctx == nullptr ||
      EVP_EncryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), Bytes(encryption_key_), nonce, nullptr) !=
          1 ||
      (!context.empty() && EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(context),
                                             static_cast<int>(context.size())) != 1) ||
      (!plaintext.empty() && EVP_EncryptUpdate(ctx.get(), body, &len, Bytes(plaintext),
                                               static_cast<int>(plaintext.size())) != 1) ||
      EVP_EncryptFinal_ex(ctx.get(), body + plaintext.size(), &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, body + plaintext.size()) !=
          1) {
    return CryptoFailure("encryption");
  }
  return out;
}

absl::StatusOr<std::string> PiiProtector::Decrypt(absl::string_view ciphertext,
                                                  absl::string_view context) const {
  if (ciphertext.size() < kOverhead) {
    return Corrupt("too short");
  }
  if (static_cast<unsigned char>(ciphertext[0]) != kVersion) {
    return Corrupt("unknown version");
  }
  if (ciphertext.size() > INT_MAX || context.size() > INT_MAX) {
    return Corrupt("too long");
  }
  const unsigned char* nonce = Bytes(ciphertext) + 1;
  const unsigned char* body = nonce + kNonceBytes;
  const size_t body_size = ciphertext.size() - kOverhead;
  // The tag is only read, but the ctrl API takes a non-const pointer.
  std::string tag(ciphertext.substr(ciphertext.size() - kTagBytes));

  std::string plaintext(body_size, '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (ctx == nullptr ||
      EVP_DecryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), Bytes(encryption_key_), nonce, nullptr) !=
          1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1) {
    return CryptoFailure("decryption");
  }
  if ((!context.empty() && EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(context),
                                             static_cast<int>(context.size())) != 1) ||
      (body_size > 0 && EVP_DecryptUpdate(ctx.get(), Bytes(plaintext), &len, body,
                                          static_cast<int>(body_size)) != 1) ||
      EVP_DecryptFinal_ex(ctx.get(), Bytes(plaintext) + body_size, &len) != 1) {
    // Never hand out plaintext that failed authentication.
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return Corrupt("authentication failed (altered, wrong context or wrong key)");
  }
  return plaintext;
}

std::string PiiProtector::BlindIndex(absl::string_view plaintext, absl::string_view context) const {
  std::string message = absl::StrCat(context, absl::string_view("\0", 1), plaintext);
  std::string mac = HmacSha256(index_key_, message);
  OPENSSL_cleanse(message.data(), message.size());
  return Hex(mac);
}

std::string PiiProtector::RequestHash(absl::string_view canonical_request) const {
  return Hex(HmacSha256(request_key_, canonical_request));
}

std::string PiiProtector::PageTokenTag(absl::string_view message) const {
  return HmacSha256(paging_key_, message).substr(0, kPageTagBytes);
}

}  // namespace lawenforce::crypto
