// The full-process record's hash chain: recomputable from its entries and
// the documented canonical form; any altered, removed or reordered entry
// is found, and a removed last entry against the recorded head.

#include "services/case/domain/record.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::ExpectInvalidField;
using ::testing::HasSubstr;

const std::string kCase = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ab";

std::vector<RecordEntry> Chain(int n) {
  std::vector<RecordEntry> out;
  std::string prev = GenesisHash();
  for (int i = 1; i <= n; ++i) {
    RecordEntry e;
    e.time = absl::FromUnixSeconds(1748736000 + i);
    e.actor = "officer-a";
    e.action = i == 1 ? "file" : "record_evidence";
    e.officer_ids = {"o1", "o2"};
    e.summary = "step " + std::to_string(i);
    e.evidence = {{std::string(64, 'a'), "photo", "现场照片"}};
    out.push_back(ChainEntry(kCase, e, i, prev));
    prev = out.back().hash;
  }
  return out;
}

TEST(RecordTest, AnIntactChainVerifiesToItsHead) {
  std::vector<RecordEntry> entries = Chain(4);
  EXPECT_EQ(entries[0].prev_hash, GenesisHash());
  EXPECT_EQ(entries[1].prev_hash, entries[0].hash);
  Verification v = VerifyChain(kCase, entries, ChainHead{4, entries[3].hash});
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries_verified, 4);
  EXPECT_EQ(v.head.hash, entries[3].hash);
  EXPECT_TRUE(VerifyChain(kCase, {}).intact);
  EXPECT_EQ(VerifyChain(kCase, {}).head.hash, GenesisHash());
}

TEST(RecordTest, TheHashFollowsTheDocumentedCanonicalForm) {
  // Recomputed outside C++ from the header's definition (Python hashlib).
  RecordEntry e;
  e.seq = 1;
  e.time = absl::FromUnixMicros(1);
  e.actor = "a";
  e.action = "file";
  e.summary = "s";
  e.prev_hash = GenesisHash();
  EXPECT_EQ(EntryHash("c", e), "9f2629ea00a70d663f54f2cd7cffa5b187c19d571825d2207b61707b9dabe9d3");
  RecordEntry other = e;
  other.summary = "t";
  EXPECT_NE(EntryHash("c", e), EntryHash("c", other));
  EXPECT_NE(EntryHash("c", e), EntryHash("d", e)) << "bound to the case";
  // Field boundaries cannot be shifted: "ab"+"c" differs from "a"+"bc".
  RecordEntry x = e, y = e;
  x.actor = "ab";
  x.action = "c";
  y.actor = "a";
  y.action = "bc";
  EXPECT_NE(EntryHash("c", x), EntryHash("c", y));
}

TEST(RecordTest, AnAlteredEntryIsFound) {
  std::vector<RecordEntry> entries = Chain(4);
  entries[2].summary = "step 3, rewritten";
  Verification v = VerifyChain(kCase, entries);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_THAT(v.problem, HasSubstr("hash does not match"));
  EXPECT_EQ(v.entries_verified, 2);
}

TEST(RecordTest, AnAlteredEntryWithARecomputedHashBreaksTheNextLink) {
  std::vector<RecordEntry> entries = Chain(4);
  entries[1].evidence[0].sha256 = std::string(64, 'b');
  entries[1].hash = EntryHash(kCase, entries[1]);
  Verification v = VerifyChain(kCase, entries);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_THAT(v.problem, HasSubstr("does not link"));
}

TEST(RecordTest, ARemovedOrReorderedEntryIsFound) {
  std::vector<RecordEntry> removed = Chain(4);
  removed.erase(removed.begin() + 1);
  EXPECT_THAT(VerifyChain(kCase, removed).problem, HasSubstr("entry 2 is missing or out of order"));
  std::vector<RecordEntry> swapped = Chain(4);
  std::swap(swapped[1], swapped[2]);
  EXPECT_FALSE(VerifyChain(kCase, swapped).intact);
}

TEST(RecordTest, ARemovedLastEntryShowsAgainstTheRecordedHead) {
  std::vector<RecordEntry> entries = Chain(4);
  const ChainHead head{4, entries[3].hash};
  entries.pop_back();
  EXPECT_TRUE(VerifyChain(kCase, entries).intact) << "the chain alone cannot tell";
  Verification v = VerifyChain(kCase, entries, head);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_THAT(v.problem, HasSubstr("head recorded on the case is entry 4"));
}

// A third party exported the head after entry 2; the record has grown since.
TEST(RecordTest, AnExportedHeadVerifiesWhileTheRecordHoldsItAndGrows) {
  std::vector<RecordEntry> entries = Chain(4);
  const ChainHead recorded{4, entries[3].hash};
  const ChainHead exported{2, entries[1].hash};
  Verification v = VerifyChain(kCase, entries, recorded, exported);
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.head.length, 4);
  EXPECT_TRUE(VerifyChain(kCase, entries, recorded, ChainHead{0, GenesisHash()}).intact);

  // An exported head the record does not hold: another hash, or beyond it.
  v = VerifyChain(kCase, entries, recorded, ChainHead{2, entries[2].hash});
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_THAT(v.problem, HasSubstr("not to the exported head"));
  v = VerifyChain(kCase, entries, recorded, ChainHead{5, entries[3].hash});
  EXPECT_FALSE(v.intact);
  EXPECT_THAT(v.problem, HasSubstr("the exported head is entry 5"));

  // The whole record rewritten consistently (every hash recomputed, the
  // case's head updated too): only the exported head shows it.
  std::vector<RecordEntry> rewritten = Chain(4);
  rewritten[0].summary = "altered";
  std::string prev = GenesisHash();
  for (RecordEntry& e : rewritten) {
    e.prev_hash = prev;
    e.hash = EntryHash(kCase, e);
    prev = e.hash;
  }
  const ChainHead rewritten_head{4, rewritten[3].hash};
  EXPECT_TRUE(VerifyChain(kCase, rewritten, rewritten_head).intact);
  v = VerifyChain(kCase, rewritten, rewritten_head, exported);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
}

TEST(RecordTest, EvidenceReferencesAreContentHashes) {
  EXPECT_OK(ValidateEvidence({{std::string(64, 'f'), "photo", "x"}}));
  ExpectInvalidField(ValidateEvidence({{std::string(63, 'f'), "photo", "x"}}),
                     "evidence[0].sha256");
  ExpectInvalidField(ValidateEvidence({{std::string(64, 'F'), "photo", "x"}}),
                     "evidence[0].sha256");
  ExpectInvalidField(ValidateEvidence({{std::string(64, 'f'), "", "x"}}), "evidence[0].kind");
}

}  // namespace
}  // namespace lawenforce::cases
