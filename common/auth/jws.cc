#include "common/auth/jws.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace lawenforce::auth::internal {
namespace {

constexpr size_t kMinSecretBytes = 32;
constexpr int kMinRsaBits = 2048;
constexpr size_t kMaxPemBytes = 1 << 20;
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The 6-bit value of a base64url character, or -1.
int SextetOf(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// Refuses to prompt on the terminal for an encrypted PEM's passphrase.
int NoPassphrase(char*, int, int, void*) { return 0; }

// Parses a PEM key with `read`, then checks that it is RSA and large enough.
template <typename ReadFn>
absl::StatusOr<EVP_PKEY*> ReadRsaPem(absl::string_view pem, ReadFn read, absl::string_view what) {
  if (pem.size() > kMaxPemBytes) {
    return absl::InvalidArgumentError(absl::StrCat("RS256 key: not a PEM ", what));
  }
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (bio == nullptr) {
    return absl::InternalError("cannot allocate a BIO");
  }
  EVP_PKEY* pkey = read(bio.get(), nullptr, &NoPassphrase, nullptr);
  ERR_clear_error();
  if (pkey == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("RS256 key: not a PEM ", what));
  }
  if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA || EVP_PKEY_get_bits(pkey) < kMinRsaBits) {
    EVP_PKEY_free(pkey);
    return absl::InvalidArgumentError(
        absl::StrCat("RS256 key: must be an RSA key of at least ", kMinRsaBits, " bits"));
  }
  return pkey;
}

}  // namespace

std::string Base64UrlEncode(absl::string_view data) {
  std::string out;
  out.reserve((data.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(data[i]) << 16) | (static_cast<uint8_t>(data[i + 1]) << 8) |
                 static_cast<uint8_t>(data[i + 2]);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
    out.push_back(kAlphabet[n & 63]);
  }
  size_t rest = data.size() - i;
  if (rest == 1) {
    uint32_t n = static_cast<uint8_t>(data[i]) << 16;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
  } else if (rest == 2) {
    uint32_t n = (static_cast<uint8_t>(data[i]) << 16) | (static_cast<uint8_t>(data[i + 1]) << 8);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
  }
  return out;
}

std::optional<std::string> Base64UrlDecode(absl::string_view text) {
  if (text.size() % 4 == 1) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int sextet = SextetOf(c);
    if (sextet < 0) {
      return std::nullopt;
    }
    buffer = (buffer << 6) | static_cast<uint32_t>(sextet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  // Leftover bits (2 or 4) must be zero for the encoding to be canonical.
  if ((buffer & ((1u << bits) - 1)) != 0) {
    return std::nullopt;
  }
  return out;
}

std::string Sha256(absl::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest;
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

void JwsKey::PkeyDeleter::operator()(EVP_PKEY* pkey) const { EVP_PKEY_free(pkey); }

JwsKey::~JwsKey() { OPENSSL_cleanse(secret_.data(), secret_.size()); }

absl::StatusOr<std::unique_ptr<JwsKey>> JwsKey::ForVerifying(Algorithm algorithm,
                                                             absl::string_view key) {
  if (algorithm == Algorithm::kHs256) {
    if (key.size() < kMinSecretBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("HS256 key: the secret must be at least ", kMinSecretBytes, " bytes"));
    }
    return std::unique_ptr<JwsKey>(new JwsKey(algorithm, std::string(key), nullptr));
  }
  absl::StatusOr<EVP_PKEY*> pkey = ReadRsaPem(key, &PEM_read_bio_PUBKEY, "public key");
  if (!pkey.ok()) {
    return pkey.status();
  }
  return std::unique_ptr<JwsKey>(new JwsKey(algorithm, "", PkeyPtr(*pkey)));
}

absl::StatusOr<std::unique_ptr<JwsKey>> JwsKey::ForVerifyingRsa(absl::string_view modulus,
                                                                absl::string_view exponent) {
  auto bn = [](absl::string_view bytes) {
    return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                     static_cast<int>(bytes.size()), nullptr);
  };
  BIGNUM* n = bn(modulus);
  BIGNUM* e = bn(exponent);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM* params = nullptr;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY* pkey = nullptr;
  const bool built = n != nullptr && e != nullptr && bld != nullptr && ctx != nullptr &&
                     OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) == 1 &&
                     OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) == 1 &&
                     (params = OSSL_PARAM_BLD_to_param(bld)) != nullptr &&
                     EVP_PKEY_fromdata_init(ctx) == 1 &&
                     EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) == 1;
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  EVP_PKEY_CTX_free(ctx);
  BN_free(n);
  BN_free(e);
  ERR_clear_error();
  if (!built || pkey == nullptr) {
    EVP_PKEY_free(pkey);
    return absl::InvalidArgumentError("RS256 key: not a usable RSA modulus and exponent");
  }
  if (EVP_PKEY_get_bits(pkey) < kMinRsaBits) {
    EVP_PKEY_free(pkey);
    return absl::InvalidArgumentError(
        absl::StrCat("RS256 key: RSA keys must have at least ", kMinRsaBits, " bits"));
  }
  return std::unique_ptr<JwsKey>(new JwsKey(Algorithm::kRs256, "", PkeyPtr(pkey)));
}

absl::StatusOr<std::unique_ptr<JwsKey>> JwsKey::ForSigning(Algorithm algorithm,
                                                           absl::string_view key) {
  if (algorithm == Algorithm::kHs256) {
    return ForVerifying(algorithm, key);
  }
  absl::StatusOr<EVP_PKEY*> pkey = ReadRsaPem(key, &PEM_read_bio_PrivateKey, "private key");
  if (!pkey.ok()) {
    return pkey.status();
  }
  return std::unique_ptr<JwsKey>(new JwsKey(algorithm, "", PkeyPtr(*pkey)));
}

bool JwsKey::Verify(absl::string_view signing_input, absl::string_view signature) const {
  if (algorithm_ == Algorithm::kHs256) {
    absl::StatusOr<std::string> expected = Sign(signing_input);
    // The length of an HS256 signature is public; only the bytes are secret.
    return expected.ok() && expected->size() == signature.size() &&
           CRYPTO_memcmp(expected->data(), signature.data(), signature.size()) == 0;
  }
  if (signature.size() != static_cast<size_t>(EVP_PKEY_get_size(pkey_.get()))) {
    return false;
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  bool ok = ctx != nullptr &&
            EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey_.get()) == 1 &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(),
                             reinterpret_cast<const unsigned char*>(signing_input.data()),
                             signing_input.size()) == 1;
  ERR_clear_error();
  return ok;
}

absl::StatusOr<std::string> JwsKey::Sign(absl::string_view signing_input) const {
  if (algorithm_ == Algorithm::kHs256) {
    std::string mac(EVP_MAX_MD_SIZE, '\0');
    unsigned int mac_len = 0;
    if (HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
             reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(),
             reinterpret_cast<unsigned char*>(mac.data()), &mac_len) == nullptr) {
      ERR_clear_error();
      return absl::InternalError("HMAC-SHA256 failed");
    }
    mac.resize(mac_len);
    return mac;
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  size_t size = 0;
  const auto* input = reinterpret_cast<const unsigned char*>(signing_input.data());
  if (ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, input, signing_input.size()) != 1) {
    ERR_clear_error();
    return absl::InternalError("RS256 signing failed");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, input,
                     signing_input.size()) != 1) {
    ERR_clear_error();
    return absl::InternalError("RS256 signing failed");
  }
  signature.resize(size);
  return signature;
}

}  // namespace lawenforce::auth::internal
