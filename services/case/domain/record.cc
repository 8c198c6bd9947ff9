#include "services/case/domain/record.h"

#include <openssl/sha.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::cases {
namespace {

void Field(std::string& out, absl::string_view x) { absl::StrAppend(&out, x.size(), ":", x, "\n"); }

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

bool IsHex64(absl::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

}  // namespace

const std::string& GenesisHash() {
  static const auto* const kGenesis = new std::string(64, '0');
  return *kGenesis;
}

std::string EntryHash(const std::string& case_id, const RecordEntry& e) {
  std::string canonical = "lawenforce.case-record.v1";
  Field(canonical, case_id);
  Field(canonical, absl::StrCat(e.seq));
  Field(canonical, absl::StrCat(absl::ToUnixMicros(e.time)));
  Field(canonical, e.actor);
  Field(canonical, e.action);
  Field(canonical, absl::StrJoin(e.officer_ids, ","));
  Field(canonical, e.summary);
  std::vector<std::string> evidence;
  for (const EvidenceRef& r : e.evidence) {
    evidence.push_back(absl::StrCat(r.sha256, "|", r.kind, "|", r.description));
  }
  Field(canonical, absl::StrJoin(evidence, "\n"));
  Field(canonical, e.prev_hash);
  return Sha256Hex(canonical);
}

RecordEntry ChainEntry(const std::string& case_id, RecordEntry e, int64_t seq,
                       const std::string& prev_hash) {
  e.seq = seq;
  e.prev_hash = prev_hash;
  e.hash = EntryHash(case_id, e);
  return e;
}

absl::Status ValidateEvidence(const std::vector<EvidenceRef>& evidence) {
  if (evidence.size() > 50) return InvalidField("evidence", "at most 50 references");
  for (size_t i = 0; i < evidence.size(); ++i) {
    const std::string field = absl::StrCat("evidence[", i, "]");
    if (!IsHex64(evidence[i].sha256)) {
      return InvalidField(field + ".sha256", "must be 64 lower-case hex digits (SHA-256)");
    }
    LE_RETURN_IF_ERROR(ValidateText(field + ".kind", evidence[i].kind, 32));
    LE_RETURN_IF_ERROR(ValidateText(field + ".description", evidence[i].description, 200));
  }
  return absl::OkStatus();
}

Verification VerifyChain(const std::string& case_id, const std::vector<RecordEntry>& entries,
                         const std::optional<ChainHead>& recorded,
                         const std::optional<ChainHead>& exported) {
  Verification v;
  std::string prev = GenesisHash();
  auto fail = [&](int64_t seq, std::string problem) {
    v.intact = false;
    v.first_bad_seq = seq;
    v.problem = std::move(problem);
  };
  for (size_t i = 0; i < entries.size(); ++i) {
    const RecordEntry& e = entries[i];
    const int64_t want_seq = static_cast<int64_t>(i) + 1;
    if (e.seq != want_seq) {
      fail(want_seq,
           absl::StrCat("entry ", want_seq, " is missing or out of order (found ", e.seq, ")"));
      break;
    }
    if (e.prev_hash != prev) {
      fail(e.seq, absl::StrCat("entry ", e.seq, " does not link to the entry before it"));
      break;
    }
    if (EntryHash(case_id, e) != e.hash) {
      fail(e.seq, absl::StrCat("entry ", e.seq, ": hash does not match its content"));
      break;
    }
    prev = e.hash;
    ++v.entries_verified;
  }
  v.head = {v.entries_verified, prev};
  if (v.intact && recorded.has_value() &&
      (recorded->length != v.head.length || recorded->hash != v.head.hash)) {
    fail(std::min(recorded->length, v.head.length) + 1,
         absl::StrCat("the record ends at entry ", v.head.length, " with head ",
                      v.head.hash.substr(0, 12), "..., but the head recorded on the case is entry ",
                      recorded->length, " ", recorded->hash.substr(0, 12), "..."));
  }
  if (v.intact && exported.has_value()) {
    if (exported->length > v.head.length) {
      fail(v.head.length + 1, absl::StrCat("the exported head is entry ", exported->length,
                                           ", but the record ends at entry ", v.head.length));
    } else {
      const std::string& at =
          exported->length == 0 ? GenesisHash() : entries[exported->length - 1].hash;
      if (at != exported->hash) {
        fail(exported->length,
             absl::StrCat("entry ", exported->length, " hashes to ", at.substr(0, 12),
                          "..., not to the exported head ", exported->hash.substr(0, 12),
                          "...: the record changed at or before it"));
      }
    }
  }
  return v;
}

}  // namespace lawenforce::cases
