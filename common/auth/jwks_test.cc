// Token keys from a JSON Web Key Set: selection by kid, per-key algorithms,
// clear refusals, and rotation by rewriting the file (no restart).

#include "common/auth/jwks.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/auth/token.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::auth {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

const std::string kSecret1 = "first-secret-0123456789abcdef-0123456789";
const std::string kSecret2 = "second-secret-0123456789abcdef-012345678";

std::string OctKey(const std::string& kid, const std::string& secret) {
  return absl::StrCat(R"({"kty":"oct","kid":")", kid, R"(","alg":"HS256","use":"sig","k":")",
                      internal::Base64UrlEncode(secret), R"("})");
}

std::string Jwks(const std::vector<std::string>& keys) {
  std::string out = R"({"keys":[)";
  for (size_t i = 0; i < keys.size(); ++i) absl::StrAppend(&out, i ? "," : "", keys[i]);
  return out + "]}";
}

// An RSA key as a private PEM (for minting) and a JWK (for verifying).
struct RsaJwk {
  std::string private_pem;
  std::string jwk;
};

std::string BnBytes(EVP_PKEY* pkey, const char* name) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(pkey, name, &bn);
  std::string bytes(BN_num_bytes(bn), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(bn);
  return bytes;
}

RsaJwk MakeRsa(const std::string& kid) {
  EVP_PKEY* pkey = EVP_RSA_gen(2048);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  RsaJwk out{
      std::string(data, static_cast<size_t>(size)),
      absl::StrCat(R"({"kty":"RSA","kid":")", kid, R"(","n":")",
                   internal::Base64UrlEncode(BnBytes(pkey, OSSL_PKEY_PARAM_RSA_N)), R"(","e":")",
                   internal::Base64UrlEncode(BnBytes(pkey, OSSL_PKEY_PARAM_RSA_E)), R"("})")};
  BIO_free(bio);
  EVP_PKEY_free(pkey);
  return out;
}

TEST(ParseJwksTest, ReadsOctAndRsaKeysByKid) {
  ASSERT_OK_AND_ASSIGN(internal::KeySet keys,
                       internal::ParseJwks(Jwks({OctKey("k1", kSecret1), MakeRsa("r1").jwk})));
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys.at("k1")->algorithm(), Algorithm::kHs256);
  EXPECT_EQ(keys.at("r1")->algorithm(), Algorithm::kRs256);
}

TEST(ParseJwksTest, RefusesWhatItCannotUseNamingTheKey) {
  const auto bad = [](const std::string& json) { return internal::ParseJwks(json).status(); };
  EXPECT_THAT(bad("[]"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Key Set")));
  EXPECT_THAT(bad(Jwks({})), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no key")));
  EXPECT_THAT(bad(Jwks({R"({"kty":"oct","k":"YWJj"})"})),
              StatusIs(absl::StatusCode::kInvalidArgument, "keys[0]: kid is required"));
  EXPECT_THAT(bad(Jwks({OctKey("k1", kSecret1), OctKey("k1", kSecret2)})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("keys[1]: duplicate kid")));
  EXPECT_THAT(bad(Jwks({OctKey("k1", "short")})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("keys[0]: HS256 key")));
  EXPECT_THAT(bad(Jwks({R"({"kty":"EC","kid":"e1"})"})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("keys[0]: kty")));
  EXPECT_THAT(bad(Jwks({absl::StrCat(R"({"kty":"oct","kid":"k","use":"enc","k":")",
                                     internal::Base64UrlEncode(kSecret1), R"("})")})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("use")));
}

class JwksVerifierTest : public ::testing::Test {
 protected:
  void Write(const std::string& json) {
    // Replace atomically, as a Secret volume update does.
    std::ofstream(dir_.File("jwks.json.new")) << json;
    std::rename(dir_.File("jwks.json.new").c_str(), dir_.File("jwks.json").c_str());
  }

  std::unique_ptr<TokenVerifier> Verifier() {
    VerifierOptions options;
    options.jwks_path = dir_.File("jwks.json");
    options.jwks_refresh = absl::Seconds(10);
    absl::StatusOr<std::unique_ptr<TokenVerifier>> v = CreateTokenVerifier(options, &clock_);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *std::move(v) : nullptr;
  }

  std::string Mint(const std::string& kid, const std::string& key,
                   Algorithm alg = Algorithm::kHs256) {
    MintOptions m;
    m.algorithm = alg;
    m.key = key;
    m.key_id = kid;
    m.subject = "op";
    m.roles = {Role::kSupervisor};
    m.division_code = "640000";
    m.issued_at = clock_.Now();
    return *MintToken(m);
  }

  testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1748736000)};
};

TEST_F(JwksVerifierTest, EachTokenIsVerifiedByTheKeyItNames) {
  RsaJwk rsa = MakeRsa("r1");
  Write(Jwks({OctKey("k1", kSecret1), OctKey("k2", kSecret2), rsa.jwk}));
  std::unique_ptr<TokenVerifier> v = Verifier();
  EXPECT_OK(v->Verify(Mint("k1", kSecret1)));
  EXPECT_OK(v->Verify(Mint("k2", kSecret2)));
  EXPECT_OK(v->Verify(Mint("r1", rsa.private_pem, Algorithm::kRs256)));
  EXPECT_THAT(v->Verify(Mint("k1", kSecret2)),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("bad signature")));
  EXPECT_THAT(v->Verify(Mint("", kSecret1)),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("names no key")));
  EXPECT_THAT(
      v->Verify(Mint("k9", kSecret1)),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("not a current verification key")));
  // The RSA key's kid with an HS256 signature: each key has one algorithm.
  EXPECT_THAT(v->Verify(Mint("r1", kSecret1)),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("wrong algorithm")));
}

TEST_F(JwksVerifierTest, ARetiredKeyIsRefusedOnceTheFileChangesWithoutARestart) {
  Write(Jwks({OctKey("k1", kSecret1)}));
  std::unique_ptr<TokenVerifier> v = Verifier();
  const std::string old_token = Mint("k1", kSecret1);
  const std::string new_token = Mint("k2", kSecret2);
  EXPECT_OK(v->Verify(old_token));  // and remembered
  EXPECT_THAT(v->Verify(new_token), StatusIs(absl::StatusCode::kUnauthenticated));

  // Rotation step 1: publish the new key beside the old one.
  Write(Jwks({OctKey("k1", kSecret1), OctKey("k2", kSecret2)}));
  clock_.Advance(absl::Seconds(11));
  EXPECT_OK(v->Verify(old_token));
  EXPECT_OK(v->Verify(new_token));

  // Step 2: retire the old key. Its tokens stop at the next check, even the
  // ones verified (and remembered) before.
  Write(Jwks({OctKey("k2", kSecret2)}));
  clock_.Advance(absl::Seconds(11));
  EXPECT_THAT(v->Verify(old_token), StatusIs(absl::StatusCode::kUnauthenticated,
                                             HasSubstr("not a current verification key")));
  EXPECT_OK(v->Verify(new_token));
}

TEST_F(JwksVerifierTest, ABrokenFileKeepsThePreviousKeys) {
  Write(Jwks({OctKey("k1", kSecret1)}));
  std::unique_ptr<TokenVerifier> v = Verifier();
  Write("{not json");
  clock_.Advance(absl::Seconds(11));
  EXPECT_OK(v->Verify(Mint("k1", kSecret1)));
}

TEST_F(JwksVerifierTest, AnUnreadableFileOrAKeyBesideItFailsAtStart) {
  VerifierOptions options;
  options.jwks_path = dir_.File("missing.json");
  EXPECT_THAT(CreateTokenVerifier(options, &clock_).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cannot read")));
  Write(Jwks({OctKey("k1", kSecret1)}));
  options.jwks_path = dir_.File("jwks.json");
  options.key = kSecret1;
  EXPECT_THAT(CreateTokenVerifier(options, &clock_).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not both")));
}

}  // namespace
}  // namespace lawenforce::auth
