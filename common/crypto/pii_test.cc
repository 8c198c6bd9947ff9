#include "common/crypto/pii.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::crypto {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::Eq;

// Bytes 0x00..0x1f.
constexpr absl::string_view kMasterKey =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr absl::string_view kIdNumber = "64010419800101123X";
constexpr absl::string_view kIdColumn = "officer.id_number";

std::unique_ptr<PiiProtector> Protector(absl::string_view key = kMasterKey) {
  absl::StatusOr<std::unique_ptr<PiiProtector>> p = PiiProtector::Create(key);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *std::move(p) : nullptr;
}

TEST(PiiProtectorTest, DecryptReturnsWhatWasEncrypted) {
  auto pii = Protector();
  for (absl::string_view plaintext :
       {kIdNumber, absl::string_view(""), absl::string_view("张三 13900000000")}) {
    ASSERT_OK_AND_ASSIGN(std::string sealed, pii->Encrypt(plaintext, kIdColumn));
    EXPECT_EQ(sealed.size(), 1 + 12 + plaintext.size() + 16);
    EXPECT_EQ(sealed[0], '\x01');
    if (!plaintext.empty()) {
      EXPECT_EQ(absl::string_view(sealed).find(plaintext), absl::string_view::npos);
    }
    EXPECT_THAT(pii->Decrypt(sealed, kIdColumn), IsOkAndHolds(Eq(std::string(plaintext))));
  }
}

TEST(PiiProtectorTest, DecryptsTheReferenceCiphertext) {
  // Python: AESGCM(HMAC-SHA256(master, "lawenforce/pii/aes-256-gcm/v1")).encrypt(
  //   bytes(range(100, 112)), b"13900000000", b"complaint.contact"), prefixed with 0x01 and the
  //   nonce.
  std::string sealed = absl::HexStringToBytes(
      "016465666768696a6b6c6d6e6f57b9e4ce20dbe5b9aca7790e6db4a4b4c09d76d903619c068757a1");
  EXPECT_THAT(Protector()->Decrypt(sealed, "complaint.contact"),
              IsOkAndHolds(Eq(std::string("13900000000"))));
}

TEST(PiiProtectorTest, CiphertextMovedToAnotherContextIsDataLoss) {
  auto pii = Protector();
  ASSERT_OK_AND_ASSIGN(std::string sealed, pii->Encrypt(kIdNumber, kIdColumn));
  EXPECT_THAT(pii->Decrypt(sealed, "complainant.id_number"), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(pii->Decrypt(sealed, ""), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(PiiProtectorTest, AnyFlippedByteIsDataLoss) {
  auto pii = Protector();
  ASSERT_OK_AND_ASSIGN(std::string sealed, pii->Encrypt(kIdNumber, kIdColumn));
  for (size_t i = 0; i < sealed.size(); ++i) {
    std::string altered = sealed;
    altered[i] ^= 0x01;
    EXPECT_THAT(pii->Decrypt(altered, kIdColumn), StatusIs(absl::StatusCode::kDataLoss))
        << "byte " << i;
  }
}

TEST(PiiProtectorTest, TruncatedOrUnversionedInputIsDataLoss) {
  auto pii = Protector();
  ASSERT_OK_AND_ASSIGN(std::string sealed, pii->Encrypt(kIdNumber, kIdColumn));
  EXPECT_THAT(pii->Decrypt("", kIdColumn), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(pii->Decrypt(sealed.substr(0, 28), kIdColumn), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(pii->Decrypt(sealed.substr(0, sealed.size() - 1), kIdColumn),
              StatusIs(absl::StatusCode::kDataLoss));
  std::string version_two = sealed;
  version_two[0] = '\x02';
  EXPECT_THAT(pii->Decrypt(version_two, kIdColumn),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::HasSubstr("version")));
}

TEST(PiiProtectorTest, AnotherMasterKeyCannotDecrypt) {
  ASSERT_OK_AND_ASSIGN(std::string sealed, Protector()->Encrypt(kIdNumber, kIdColumn));
  auto other = Protector("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  EXPECT_THAT(other->Decrypt(sealed, kIdColumn), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(PiiProtectorTest, EncryptingTwiceGivesDifferentCiphertexts) {
  auto pii = Protector();
  ASSERT_OK_AND_ASSIGN(std::string first, pii->Encrypt(kIdNumber, kIdColumn));
  ASSERT_OK_AND_ASSIGN(std::string second, pii->Encrypt(kIdNumber, kIdColumn));
  EXPECT_NE(first, second);
  EXPECT_NE(first.substr(1, 12), second.substr(1, 12));  // Fresh nonces.
}

TEST(PiiProtectorTest, BlindIndexIsDeterministicHexOfTheDerivedKey) {
  auto pii = Protector();
  // Python: hmac(HMAC-SHA256(master, "lawenforce/pii/blind-index/v1"),
  //              b"officer.id_number\0" + b"64010419800101123X").hexdigest()
  EXPECT_EQ(pii->BlindIndex(kIdNumber, kIdColumn),
            "37a1bdf5508a39e79028dcae34b230a0a6d2a249b5aab090071387d1380b7302");
  EXPECT_EQ(pii->BlindIndex(kIdNumber, kIdColumn), Protector()->BlindIndex(kIdNumber, kIdColumn));
}

TEST(PiiProtectorTest, BlindIndexSeparatesContextsAndValues) {
  auto pii = Protector();
  EXPECT_NE(pii->BlindIndex(kIdNumber, kIdColumn),
            pii->BlindIndex(kIdNumber, "complainant.id_number"));
  EXPECT_NE(pii->BlindIndex(kIdNumber, kIdColumn),
            pii->BlindIndex("640104198001011234", kIdColumn));
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  EXPECT_NE(pii->BlindIndex("c", "ab"), pii->BlindIndex("bc", "a"));
}

TEST(PiiProtectorTest, RequestHashIsKeyedAndNotAPlainDigest) {
  auto pii = Protector();
  // Python: hmac(HMAC-SHA256(master, "lawenforce/idempotency/request-hash/v1"),
  //              b"CreateOfficer\n1234").hexdigest()
  EXPECT_EQ(pii->RequestHash("CreateOfficer\n1234"),
            "e725b652bcd6b5369b25f27a0884ec265e4b8e1464b208ebc5f9c10d161cc01f");
  EXPECT_NE(pii->RequestHash("x"), pii->BlindIndex("x", ""));
  EXPECT_NE(pii->RequestHash("x"),
            Protector("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
                ->RequestHash("x"));
}

TEST(PiiProtectorTest, PageTokenTagIsSixteenBytesOfItsOwnKey) {
  auto pii = Protector();
  EXPECT_EQ(absl::BytesToHexString(pii->PageTokenTag("x")), "81c9ce04a42f11c32198522f66f711f4");
}

TEST(PiiProtectorTest, MasterKeyIsCaseInsensitiveHex) {
  std::string upper = absl::AsciiStrToUpper(kMasterKey);
  EXPECT_EQ(Protector(upper)->BlindIndex(kIdNumber, kIdColumn),
            Protector()->BlindIndex(kIdNumber, kIdColumn));
}

TEST(PiiProtectorTest, MalformedMasterKeyIsInvalidArgument) {
  for (absl::string_view bad : {absl::string_view(""), kMasterKey.substr(0, 62),
                                absl::string_view("000102030405060708090a0b0c0d0e0f"
                                                  "101112131415161718191a1b1c1d1e1f00"),
                                absl::string_view("g00102030405060708090a0b0c0d0e0f"
                                                  "101112131415161718191a1b1c1d1e1f"),
                                absl::string_view("0x0102030405060708090a0b0c0d0e0f"
                                                  "101112131415161718191a1b1c1d1e1f")}) {
    EXPECT_THAT(PiiProtector::Create(bad), StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
  }
}

}  // namespace
}  // namespace lawenforce::crypto
