#include "common/auth/token.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/auth/jws.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace lawenforce::auth {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

constexpr absl::StatusCode kUnauthenticated = absl::StatusCode::kUnauthenticated;
const std::string kSecret = "0123456789abcdef0123456789abcdef";  // 32 bytes.

struct RsaPems {
  std::string public_pem;
  std::string private_pem;
};

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

RsaPems GenerateRsa(unsigned int bits) {
  EVP_PKEY* pkey = EVP_RSA_gen(bits);
  EXPECT_NE(pkey, nullptr);
  BIO* pub = BIO_new(BIO_s_mem());
  BIO* priv = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(pub, pkey);
  PEM_write_bio_PrivateKey(priv, pkey, nullptr, nullptr, 0, nullptr, nullptr);
  RsaPems pems{BioContents(pub), BioContents(priv)};
  BIO_free(pub);
  BIO_free(priv);
  EVP_PKEY_free(pkey);
  return pems;
}

// A token with arbitrary header and claims, signed with `secret` under HS256
// whatever the header says.
std::string SignHs256(const Json& header, const Json& claims, const std::string& secret = kSecret) {
  std::string input = absl::StrCat(internal::Base64UrlEncode(header.dump()), ".",
                                   internal::Base64UrlEncode(claims.dump()));
  auto key = internal::JwsKey::ForSigning(Algorithm::kHs256, secret);
  EXPECT_TRUE(key.ok()) << key.status();
  return absl::StrCat(input, ".", internal::Base64UrlEncode(*(*key)->Sign(input)));
}

class TokenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { rsa_ = new RsaPems(GenerateRsa(2048)); }
  static void TearDownTestSuite() {
    delete rsa_;
    rsa_ = nullptr;
  }

  MintOptions Mint() const {
    MintOptions m;
    m.key = kSecret;
    m.subject = "officer-640104-0001";
    m.roles = {Role::kOfficer, Role::kSupervisor};
    m.division_code = "640104";
    m.agency_id = "agency-17";
    m.issued_at = clock_.Now();
    m.lifetime = absl::Hours(1);
    return m;
  }

  VerifierOptions Verify() const {
    VerifierOptions v;
    v.key = kSecret;
    return v;
  }

  std::unique_ptr<TokenVerifier> MakeVerifier(const VerifierOptions& options) {
    absl::StatusOr<std::unique_ptr<TokenVerifier>> verifier = CreateTokenVerifier(options, &clock_);
    EXPECT_TRUE(verifier.ok()) << verifier.status();
    return verifier.ok() ? *std::move(verifier) : nullptr;
  }

  // Claims a verifier with default options accepts.
  Json ValidClaims() const {
    return Json{{"sub", "officer-1"},
                {"roles", {"officer"}},
                {"division", "640104"},
                {"exp", absl::ToUnixSeconds(clock_.Now() + absl::Hours(1))}};
  }

  static inline RsaPems* rsa_ = nullptr;
  FakeClock clock_;
};

TEST_F(TokenTest, Hs256MintedTokenVerifiesToItsClaims) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  auto verifier = MakeVerifier(Verify());
  ASSERT_OK_AND_ASSIGN(Principal p, verifier->Verify(token));
  EXPECT_EQ(p.subject, "officer-640104-0001");
  EXPECT_TRUE(p.roles.Has(Role::kOfficer));
  EXPECT_TRUE(p.roles.Has(Role::kSupervisor));
  EXPECT_FALSE(p.roles.Has(Role::kAuditor));
  EXPECT_EQ(p.division_code, "640104");
  EXPECT_EQ(p.agency_id, "agency-17");
  EXPECT_EQ(p.expires_at, clock_.Now() + absl::Hours(1));
}

TEST_F(TokenTest, MintedHeaderNamesTheAlgorithmAndType) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  ASSERT_EQ(parts.size(), 3u);
  Json header = Json::parse(*internal::Base64UrlDecode(parts[0]));
  EXPECT_EQ(header, (Json{{"alg", "HS256"}, {"typ", "JWT"}}));
  Json claims = Json::parse(*internal::Base64UrlDecode(parts[1]));
  EXPECT_EQ(claims["iat"], absl::ToUnixSeconds(clock_.Now()));
  EXPECT_EQ(claims["exp"], absl::ToUnixSeconds(clock_.Now() + absl::Hours(1)));
  EXPECT_EQ(claims["roles"], (Json{"officer", "supervisor"}));
  EXPECT_FALSE(claims.contains("iss"));
  EXPECT_FALSE(claims.contains("aud"));
}

TEST_F(TokenTest, Rs256MintedTokenVerifiesWithThePublicKey) {
  MintOptions m = Mint();
  m.algorithm = Algorithm::kRs256;
  m.key = rsa_->private_pem;
  m.issuer = "lawenforce-idp";
  m.audience = "cases";
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(m));
  VerifierOptions v;
  v.algorithm = Algorithm::kRs256;
  v.key = rsa_->public_pem;
  v.issuer = "lawenforce-idp";
  v.audience = "cases";
  auto verifier = MakeVerifier(v);
  ASSERT_OK_AND_ASSIGN(Principal p, verifier->Verify(token));
  EXPECT_EQ(p.subject, "officer-640104-0001");
  EXPECT_EQ(p.division_code, "640104");
  // And again, now from the cache.
  ASSERT_OK_AND_ASSIGN(Principal again, verifier->Verify(token));
  EXPECT_EQ(again.subject, p.subject);
  EXPECT_EQ(again.expires_at, p.expires_at);
}

TEST_F(TokenTest, Rs256TokenFromAnotherKeyIsRefused) {
  RsaPems other = GenerateRsa(2048);
  MintOptions m = Mint();
  m.algorithm = Algorithm::kRs256;
  m.key = other.private_pem;
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(m));
  VerifierOptions v;
  v.algorithm = Algorithm::kRs256;
  v.key = rsa_->public_pem;
  EXPECT_THAT(MakeVerifier(v)->Verify(token), StatusIs(kUnauthenticated, HasSubstr("signature")));
}

TEST_F(TokenTest, TamperedPayloadIsRefused) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  Json claims = Json::parse(*internal::Base64UrlDecode(parts[1]));
  claims["roles"] = {"agency_admin"};
  claims["division"] = "640000";
  std::string forged =
      absl::StrCat(parts[0], ".", internal::Base64UrlEncode(claims.dump()), ".", parts[2]);
  EXPECT_THAT(MakeVerifier(Verify())->Verify(forged),
              StatusIs(kUnauthenticated, HasSubstr("bad signature")));
}

TEST_F(TokenTest, TamperedSignatureIsRefused) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  size_t middle = token.rfind('.') + 10;
  token[middle] = token[middle] == 'A' ? 'B' : 'A';
  EXPECT_THAT(MakeVerifier(Verify())->Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("bad signature")));
}

TEST_F(TokenTest, SignatureFromAnotherSecretIsRefused) {
  std::string token = SignHs256({{"alg", "HS256"}}, ValidClaims(), std::string(32, 'x'));
  EXPECT_THAT(MakeVerifier(Verify())->Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("bad signature")));
}

TEST_F(TokenTest, AlgNoneIsRefused) {
  std::string unsigned_token =
      absl::StrCat(internal::Base64UrlEncode(R"({"alg":"none","typ":"JWT"})"), ".",
                   internal::Base64UrlEncode(ValidClaims().dump()), ".");
  EXPECT_THAT(MakeVerifier(Verify())->Verify(unsigned_token),
              StatusIs(kUnauthenticated, HasSubstr("wrong algorithm")));
  // Even with a valid HS256 signature over it.
  EXPECT_THAT(MakeVerifier(Verify())->Verify(SignHs256({{"alg", "none"}}, ValidClaims())),
              StatusIs(kUnauthenticated, HasSubstr("wrong algorithm")));
}

TEST_F(TokenTest, OtherOrMissingAlgorithmsAreRefused) {
  auto verifier = MakeVerifier(Verify());
  for (const Json& header :
       {Json{{"alg", "HS512"}}, Json{{"alg", "hs256"}}, Json{{"alg", 256}}, Json{{"typ", "JWT"}}}) {
    EXPECT_THAT(verifier->Verify(SignHs256(header, ValidClaims())),
                StatusIs(kUnauthenticated, HasSubstr("wrong algorithm")))
        << header.dump();
  }
}

TEST_F(TokenTest, Hs256TokenSignedWithThePublicKeyIsRefusedByAnRs256Verifier) {
  // The RS256->HS256 key-confusion attack: the public key is public.
  MintOptions m = Mint();
  m.algorithm = Algorithm::kHs256;
  m.key = rsa_->public_pem;
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(m));
  VerifierOptions v;
  v.algorithm = Algorithm::kRs256;
  v.key = rsa_->public_pem;
  EXPECT_THAT(MakeVerifier(v)->Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("wrong algorithm")));
}

TEST_F(TokenTest, WrongTypeAndCriticalHeadersAreRefused) {
  auto verifier = MakeVerifier(Verify());
  EXPECT_OK(verifier->Verify(SignHs256({{"alg", "HS256"}}, ValidClaims())));
  EXPECT_OK(verifier->Verify(SignHs256({{"alg", "HS256"}, {"typ", "JWT"}}, ValidClaims())));
  EXPECT_THAT(verifier->Verify(SignHs256({{"alg", "HS256"}, {"typ", "JWE"}}, ValidClaims())),
              StatusIs(kUnauthenticated));
  EXPECT_THAT(verifier->Verify(SignHs256({{"alg", "HS256"}, {"crit", {"exp"}}}, ValidClaims())),
              StatusIs(kUnauthenticated));
}

TEST_F(TokenTest, ExpiredTokenIsRefused) {
  MintOptions m = Mint();
  m.issued_at = clock_.Now() - absl::Hours(2);
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(m));
  EXPECT_THAT(MakeVerifier(Verify())->Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("expired")));
}

TEST_F(TokenTest, TokensLivingLongerThanTheCapAreRefused) {
  MintOptions m = Mint();
  m.lifetime = absl::Hours(24);
  ASSERT_OK_AND_ASSIGN(std::string day, MintToken(m));
  EXPECT_OK(MakeVerifier(Verify())->Verify(day));  // default cap: 24 h
  m.lifetime = absl::Hours(24) + absl::Seconds(1);
  ASSERT_OK_AND_ASSIGN(std::string longer, MintToken(m));
  EXPECT_THAT(MakeVerifier(Verify())->Verify(longer),
              StatusIs(kUnauthenticated, HasSubstr("lifetime exceeds the maximum")));
  VerifierOptions capped = Verify();
  capped.max_lifetime = absl::Hours(2);
  m.lifetime = absl::Hours(3);
  ASSERT_OK_AND_ASSIGN(std::string three, MintToken(m));
  EXPECT_THAT(MakeVerifier(capped)->Verify(three), StatusIs(kUnauthenticated));
  // Without iat the remaining life is measured.
  Json claims = ValidClaims();
  claims["exp"] = absl::ToUnixSeconds(clock_.Now() + absl::Hours(30));
  EXPECT_THAT(MakeVerifier(Verify())->Verify(SignHs256({{"alg", "HS256"}}, claims)),
              StatusIs(kUnauthenticated, HasSubstr("lifetime")));
  capped.max_lifetime = absl::ZeroDuration();
  EXPECT_OK(MakeVerifier(capped)->Verify(three));
}

TEST_F(TokenTest, TheSubjectSystemIsReserved) {
  MintOptions m = Mint();
  m.subject = "system";
  m.roles = {Role::kSystem};
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(m));
  EXPECT_THAT(MakeVerifier(Verify())->Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("reserved")));
}

TEST_F(TokenTest, LeewayToleratesSmallClockSkewOnExpiry) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  auto verifier = MakeVerifier(Verify());  // Default leeway: 30 s.
  clock_.Advance(absl::Hours(1) + absl::Seconds(29));
  EXPECT_OK(verifier->Verify(token));
  clock_.Advance(absl::Seconds(1));
  EXPECT_THAT(verifier->Verify(token), StatusIs(kUnauthenticated, HasSubstr("expired")));
}

TEST_F(TokenTest, CachedTokenIsRefusedOnceItExpires) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  VerifierOptions v = Verify();
  v.leeway = absl::ZeroDuration();
  auto verifier = MakeVerifier(v);
  ASSERT_OK(verifier->Verify(token));  // Verified and cached.
  clock_.Advance(absl::Hours(1) - absl::Seconds(1));
  ASSERT_OK(verifier->Verify(token));  // Served from the cache.
  clock_.Advance(absl::Seconds(1));
  EXPECT_THAT(verifier->Verify(token), StatusIs(kUnauthenticated, HasSubstr("expired")));
}

TEST_F(TokenTest, CachedTokenIsRefusedAfterExpiryPlusLeeway) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  auto verifier = MakeVerifier(Verify());
  ASSERT_OK(verifier->Verify(token));
  clock_.Advance(absl::Hours(2));
  EXPECT_THAT(verifier->Verify(token), StatusIs(kUnauthenticated, HasSubstr("expired")));
}

TEST_F(TokenTest, VerifierWithoutCacheBehavesTheSame) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  VerifierOptions v = Verify();
  v.cache_capacity = 0;
  auto verifier = MakeVerifier(v);
  ASSERT_OK(verifier->Verify(token));
  ASSERT_OK(verifier->Verify(token));
  clock_.Advance(absl::Hours(2));
  EXPECT_THAT(verifier->Verify(token), StatusIs(kUnauthenticated, HasSubstr("expired")));
}

TEST_F(TokenTest, NotBeforeInTheFutureIsRefusedUntilItPasses) {
  Json claims = ValidClaims();
  claims["nbf"] = absl::ToUnixSeconds(clock_.Now() + absl::Minutes(5));
  std::string token = SignHs256({{"alg", "HS256"}}, claims);
  auto verifier = MakeVerifier(Verify());
  EXPECT_THAT(verifier->Verify(token), StatusIs(kUnauthenticated, HasSubstr("not yet valid")));
  // The refusal was not cached.
  clock_.Advance(absl::Minutes(5) - absl::Seconds(30));
  EXPECT_OK(verifier->Verify(token));
}

TEST_F(TokenTest, EachRequiredClaimIsRequired) {
  auto verifier = MakeVerifier(Verify());
  for (const char* claim : {"sub", "roles", "division", "exp"}) {
    Json claims = ValidClaims();
    claims.erase(claim);
    EXPECT_THAT(verifier->Verify(SignHs256({{"alg", "HS256"}}, claims)),
                StatusIs(kUnauthenticated, HasSubstr(claim)))
        << claim;
  }
}

TEST_F(TokenTest, MalformedClaimsAreRefused) {
  auto verifier = MakeVerifier(Verify());
  std::vector<std::pair<const char*, Json>> bad = {
      {"sub", ""},          {"sub", 17},          {"roles", Json::array()},
      {"roles", "officer"}, {"division", "6401"}, {"division", "64010a"},
      {"division", 640104}, {"exp", "tomorrow"},  {"exp", nullptr},
      {"nbf", "yesterday"}, {"iat", true},        {"agency", 17},
      {"exp", 1e300},
  };
  for (const auto& [claim, value] : bad) {
    Json claims = ValidClaims();
    claims[claim] = value;
    EXPECT_THAT(verifier->Verify(SignHs256({{"alg", "HS256"}}, claims)), StatusIs(kUnauthenticated))
        << claim << "=" << value.dump();
  }
}

TEST_F(TokenTest, UnknownRoleIsRefused) {
  Json claims = ValidClaims();
  claims["roles"] = {"officer", "superuser"};
  EXPECT_THAT(MakeVerifier(Verify())->Verify(SignHs256({{"alg", "HS256"}}, claims)),
              StatusIs(kUnauthenticated, HasSubstr("unknown role")));
}

TEST_F(TokenTest, NineDigitTownshipDivisionAndFractionalDatesAreAccepted) {
  Json claims = ValidClaims();
  claims["division"] = "640104001";
  claims["exp"] = absl::ToUnixSeconds(clock_.Now()) + 60.5;
  claims["iat"] = absl::ToUnixSeconds(clock_.Now()) - 0.25;
  ASSERT_OK_AND_ASSIGN(Principal p,
                       MakeVerifier(Verify())->Verify(SignHs256({{"alg", "HS256"}}, claims)));
  EXPECT_EQ(p.division_code, "640104001");
  EXPECT_EQ(p.expires_at, clock_.Now() + absl::Seconds(60.5));
  EXPECT_EQ(p.agency_id, "");
}

TEST_F(TokenTest, WrongIssuerIsRefused) {
  VerifierOptions v = Verify();
  v.issuer = "lawenforce-idp";
  auto verifier = MakeVerifier(v);
  MintOptions m = Mint();
  ASSERT_OK_AND_ASSIGN(std::string no_issuer, MintToken(m));
  EXPECT_THAT(verifier->Verify(no_issuer), StatusIs(kUnauthenticated, HasSubstr("issuer")));
  m.issuer = "someone-else";
  ASSERT_OK_AND_ASSIGN(std::string other_issuer, MintToken(m));
  EXPECT_THAT(verifier->Verify(other_issuer), StatusIs(kUnauthenticated, HasSubstr("issuer")));
  m.issuer = "lawenforce-idp";
  ASSERT_OK_AND_ASSIGN(std::string right_issuer, MintToken(m));
  EXPECT_OK(verifier->Verify(right_issuer));
}

TEST_F(TokenTest, AudienceMayBeAStringOrAnArrayThatContainsIt) {
  VerifierOptions v = Verify();
  v.audience = "cases";
  auto verifier = MakeVerifier(v);
  auto with_aud = [&](const Json& aud) {
    Json claims = ValidClaims();
    if (!aud.is_null()) claims["aud"] = aud;
    return verifier->Verify(SignHs256({{"alg", "HS256"}}, claims));
  };
  EXPECT_OK(with_aud("cases"));
  EXPECT_OK(with_aud(Json{"personnel", "cases"}));
  EXPECT_THAT(with_aud(nullptr), StatusIs(kUnauthenticated, HasSubstr("audience")));
  EXPECT_THAT(with_aud("personnel"), StatusIs(kUnauthenticated, HasSubstr("audience")));
  EXPECT_THAT(with_aud(Json{"personnel"}), StatusIs(kUnauthenticated, HasSubstr("audience")));
  EXPECT_THAT(with_aud(Json::array()), StatusIs(kUnauthenticated, HasSubstr("audience")));
}

TEST_F(TokenTest, OversizedTokenIsRefused) {
  MintOptions m = Mint();
  m.agency_id = std::string(7000, 'a');
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(m));
  ASSERT_GT(token.size(), 8u * 1024);
  EXPECT_THAT(MakeVerifier(Verify())->Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("too long")));
  EXPECT_THAT(MakeVerifier(Verify())->Verify(std::string(8 * 1024 + 1, 'a')),
              StatusIs(kUnauthenticated, HasSubstr("too long")));
}

TEST_F(TokenTest, MalformedEncodingsAreRefused) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  auto verifier = MakeVerifier(Verify());
  std::vector<std::string> malformed = {
      "",
      "abc",
      absl::StrCat(parts[0], ".", parts[1]),
      absl::StrCat(token, ".", parts[2]),
      absl::StrCat(parts[0], "=.", parts[1], ".", parts[2]),
      absl::StrCat(parts[0], ".", parts[1], ".", parts[2], "=="),
      absl::StrCat(parts[0], ".", parts[1], "+/.", parts[2]),
      absl::StrCat(internal::Base64UrlEncode("not json"), ".", parts[1], ".", parts[2]),
      absl::StrCat(internal::Base64UrlEncode("[\"HS256\"]"), ".", parts[1], ".", parts[2]),
      SignHs256({{"alg", "HS256"}}, Json::array({"sub", "roles"})),
  };
  for (const std::string& bad : malformed) {
    EXPECT_THAT(verifier->Verify(bad), StatusIs(kUnauthenticated)) << bad;
  }
}

TEST_F(TokenTest, RefusalsNeverQuoteTheToken) {
  ASSERT_OK_AND_ASSIGN(std::string token, MintToken(Mint()));
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  auto verifier = MakeVerifier(Verify());
  std::string tampered = token;
  tampered[tampered.rfind('.') + 5] ^= 1;
  clock_.Advance(absl::Hours(3));
  for (const std::string& bad : {token, tampered}) {
    absl::StatusOr<Principal> result = verifier->Verify(bad);
    EXPECT_THAT(result,
                StatusIs(kUnauthenticated, AllOf(Not(HasSubstr(parts[0])), Not(HasSubstr(parts[1])),
                                                 Not(HasSubstr(parts[2])))));
  }
}

TEST_F(TokenTest, KeysThatCannotBeTrustedAreRefusedAtCreation) {
  VerifierOptions v = Verify();
  v.key = std::string(31, 's');
  EXPECT_THAT(CreateTokenVerifier(v, &clock_), StatusIs(absl::StatusCode::kInvalidArgument));
  MintOptions m = Mint();
  m.key = v.key;
  EXPECT_THAT(MintToken(m), StatusIs(absl::StatusCode::kInvalidArgument));

  v.algorithm = Algorithm::kRs256;
  v.key = "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n";
  EXPECT_THAT(CreateTokenVerifier(v, &clock_), StatusIs(absl::StatusCode::kInvalidArgument));
  v.key = rsa_->private_pem;  // A private key where a public key belongs.
  EXPECT_THAT(CreateTokenVerifier(v, &clock_), StatusIs(absl::StatusCode::kInvalidArgument));
  v.key = GenerateRsa(1024).public_pem;
  EXPECT_THAT(CreateTokenVerifier(v, &clock_), StatusIs(absl::StatusCode::kInvalidArgument));

  m.algorithm = Algorithm::kRs256;
  m.key = rsa_->public_pem;  // A public key cannot sign.
  EXPECT_THAT(MintToken(m), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(TokenTest, MintingRequiresTheIdentityClaims) {
  MintOptions m = Mint();
  m.subject = "";
  EXPECT_THAT(MintToken(m), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("subject")));
  m = Mint();
  m.roles.clear();
  EXPECT_THAT(MintToken(m), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("roles")));
  m = Mint();
  m.division_code = "6401";
  EXPECT_THAT(MintToken(m), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("division")));
  m = Mint();
  m.agency_id = "\xff\xfe";
  EXPECT_THAT(MintToken(m), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("UTF-8")));
  m = Mint();
  m.lifetime = absl::ZeroDuration();
  EXPECT_THAT(MintToken(m), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("lifetime")));
}

TEST_F(TokenTest, ConcurrentVerificationsAgreeWhileTheCacheEvicts) {
  std::vector<std::string> tokens;
  for (int i = 0; i < 16; ++i) {
    MintOptions m = Mint();
    m.subject = absl::StrCat("officer-", i);
    ASSERT_OK_AND_ASSIGN(std::string token, MintToken(m));
    tokens.push_back(token);
  }
  VerifierOptions v = Verify();
  v.cache_capacity = 5;  // Smaller than the working set: constant eviction.
  auto verifier = MakeVerifier(v);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < 200; ++n) {
        size_t i = static_cast<size_t>(n * 7 + t) % tokens.size();
        absl::StatusOr<Principal> p = verifier->Verify(tokens[i]);
        if (!p.ok() || p->subject != absl::StrCat("officer-", i)) {
          failures.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
}

TEST(AlgorithmTest, ParsesTheTwoSupportedNamesExactly) {
  EXPECT_THAT(ParseAlgorithm("HS256"), ::lawenforce::testing::IsOkAndHolds(Algorithm::kHs256));
  EXPECT_THAT(ParseAlgorithm("RS256"), ::lawenforce::testing::IsOkAndHolds(Algorithm::kRs256));
  EXPECT_THAT(ParseAlgorithm("none"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseAlgorithm("hs256"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(AlgorithmName(Algorithm::kRs256), "RS256");
}

}  // namespace
}  // namespace lawenforce::auth
