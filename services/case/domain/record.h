#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_RECORD_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_RECORD_H_

// The full-process record (执法全过程记录, APL art. 47): an append-only
// list of entries per case, each naming actor, time, action and the
// evidence it refers to (by content hash), chained by SHA-256 so that an
// altered, removed or reordered entry is found by anyone who recomputes
// the chain: VerifyChain here, or a third party from an export
// (docs/api/cases.md "Verifying a record"), without database access.
//
// entry hash = lower-case hex SHA-256 of
//   "lawenforce.case-record.v1" || F(case_id) || F(seq) || F(time) ||
//   F(actor) || F(action) || F(officers) || F(summary) || F(evidence) ||
//   F(prev_hash)
// where F(x) is the decimal byte length of x, ':', x, '\n'; seq and time
// (unix microseconds) are decimal; officers are the ids joined by ',';
// evidence is each "sha256|kind|description" joined by '\n'; the first
// entry's prev_hash is 64 zeros. The chain head is the last entry's hash.
//
// Entries carry no protected value (identity-card numbers are never in an
// entry, masked or not).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace lawenforce::cases {

struct EvidenceRef {
  std::string sha256;       // 64 lower-case hex digits of the evidence file's content
  std::string kind;         // "photo", "video", "transcript"...: 1..32 characters
  std::string description;  // 1..200 characters
};

struct RecordEntry {
  int64_t seq = 0;  // 1, 2, ... per case
  absl::Time time;
  std::string actor;                     // token subject
  std::string action;                    // CaseEventName or "file", "clock_overdue"...
  std::vector<std::string> officer_ids;  // the officers who acted, if any
  std::string summary;
  std::vector<EvidenceRef> evidence;
  std::string prev_hash;
  std::string hash;
};

// 64 zeros: the prev_hash of a case's first entry.
const std::string& GenesisHash();

// The hash of `e` as the header describes (e.hash is ignored).
std::string EntryHash(const std::string& case_id, const RecordEntry& e);

// `e` as the next entry after `prev_hash`: seq, prev_hash and hash set.
RecordEntry ChainEntry(const std::string& case_id, RecordEntry e, int64_t seq,
                       const std::string& prev_hash);

// INVALID_ARGUMENT naming "evidence[i].<field>".
absl::Status ValidateEvidence(const std::vector<EvidenceRef>& evidence);

struct ChainHead {
  int64_t length = 0;
  std::string hash;  // GenesisHash() for an empty record
};

struct Verification {
  bool intact = true;
  int64_t entries_verified = 0;  // entries before the first problem
  std::optional<int64_t> first_bad_seq;
  std::string problem;  // "entry 3: hash does not match its content"
  ChainHead head;       // as recomputed
};

// Recomputes the chain of `entries` (as stored, in seq order) and compares
// each stored hash and link, then the recomputed head with `recorded` when
// given (the head recorded on the case: the record must end exactly there;
// a removed last entry shows only here), then, when `exported` is given (a
// head a third party exported earlier, before later acts), that the record
// still holds it: entry `exported.length` hashes to `exported.hash` (the
// record may have grown since, never changed below it).
Verification VerifyChain(const std::string& case_id, const std::vector<RecordEntry>& entries,
                         const std::optional<ChainHead>& recorded = std::nullopt,
                         const std::optional<ChainHead>& exported = std::nullopt);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_RECORD_H_
