#include "services/case/store/case_facts.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/status/macros.h"
#include "common/store/values.h"
#include "services/case/store/case_rows.h"

namespace lawenforce::cases::sql {
namespace {

using store::Bool;
using store::Int;
using store::Null;
using store::Row;
using store::Text;
using store::TimeValue;

constexpr char kFactsColumns[] =
    "case_id, seq, entry_time, division_code, agency_id, kind, state, filed_at, decided_at, "
    "outcome, outside_benchmark, publish, review_required, reviews, published_at, publicity_due, "
    "transfer_reported_at, handed_over_at, ended_at, open_dues";

store::Value OptTime(const std::optional<absl::Time>& t) {
  return t.has_value() ? TimeValue(*t) : Null();
}

std::optional<absl::Time> OptTimeAt(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return store::TimeFromMicros(r.Int(i));
}

// "<a>:<b>,<a>:<b>" pairs of integers.
std::string Pairs(const std::vector<std::pair<int64_t, int64_t>>& pairs) {
  return absl::StrJoin(pairs, ",", [](std::string* out, const std::pair<int64_t, int64_t>& p) {
    absl::StrAppend(out, p.first, ":", p.second);
  });
}

absl::StatusOr<std::vector<std::pair<int64_t, int64_t>>> ReadPairs(absl::string_view column,
                                                                   const std::string& text) {
  std::vector<std::pair<int64_t, int64_t>> out;
  if (text.empty()) return out;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    std::pair<absl::string_view, absl::string_view> p = absl::StrSplit(item, ':');
    int64_t a = 0, b = 0;
    if (!absl::SimpleAtoi(p.first, &a) || !absl::SimpleAtoi(p.second, &b)) {
      return absl::DataLossError(absl::StrCat("case_facts.", column, " is malformed"));
    }
    out.push_back({a, b});
  }
  return out;
}

absl::StatusOr<CaseFacts> FactsFromRow(const Row& r) {
  CaseFacts f;
  f.case_id = r.Text(0);
  f.seq = r.Int(1);
  f.entry_time = store::TimeFromMicros(r.Int(2));
  f.division_code = r.Text(3);
  f.agency_id = r.Text(4);
  f.kind = static_cast<ItemKind>(r.Int(5));
  f.state = static_cast<CaseState>(r.Int(6));
  f.filed_at = store::TimeFromMicros(r.Int(7));
  f.decided_at = OptTimeAt(r, 8);
  f.outcome = static_cast<Outcome>(r.Int(9));
  f.outside_benchmark = r.Bool(10);
  f.publish = r.Bool(11);
  f.review_required = r.Bool(12);
  LE_ASSIGN_OR_RETURN(auto reviews, ReadPairs("reviews", r.Text(13)));
  for (const auto& [micros, outcome] : reviews) {
    f.reviews.push_back({store::TimeFromMicros(micros), static_cast<ReviewOutcome>(outcome)});
  }
  f.published_at = OptTimeAt(r, 14);
  f.publicity_due = OptTimeAt(r, 15);
  f.transfer_reported_at = OptTimeAt(r, 16);
  f.handed_over_at = OptTimeAt(r, 17);
  f.ended_at = OptTimeAt(r, 18);
  LE_ASSIGN_OR_RETURN(auto dues, ReadPairs("open_dues", r.Text(19)));
  for (const auto& [kind, micros] : dues) {
    f.open_dues.push_back({static_cast<ClockKind>(kind), store::TimeFromMicros(micros)});
  }
  return f;
}

// The row of a case filed before facts were kept, from its stored body.
absl::StatusOr<CaseFacts> BodyFacts(store::Transaction& tx, const std::string& case_id) {
  LE_ASSIGN_OR_RETURN(CaseBundle b, ReadBundle(tx, case_id));
  CaseFacts f = FactsAfter(b.c, b.clocks, std::nullopt, 0, b.c.filed_at);
  LE_RETURN_IF_ERROR(InsertFacts(tx, f));
  return f;
}

}  // namespace

absl::Status InsertFacts(store::Transaction& tx, const CaseFacts& f) {
  std::vector<std::pair<int64_t, int64_t>> reviews;
  for (const ReviewFact& r : f.reviews) {
    reviews.push_back({absl::ToUnixMicros(r.time), static_cast<int64_t>(r.outcome)});
  }
  std::vector<std::pair<int64_t, int64_t>> dues;
  for (const DueFact& d : f.open_dues) {
    dues.push_back({static_cast<int64_t>(d.kind), absl::ToUnixMicros(d.due)});
  }
  return tx
      .Execute(
          absl::StrCat("INSERT INTO case_facts (", kFactsColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          {Text(f.case_id),
           Int(f.seq),
           TimeValue(f.entry_time),
           Text(f.division_code),
           Text(f.agency_id),
           Int(static_cast<int64_t>(f.kind)),
           Int(static_cast<int64_t>(f.state)),
           TimeValue(f.filed_at),
           OptTime(f.decided_at),
           Int(static_cast<int64_t>(f.outcome)),
           Bool(f.outside_benchmark),
           Bool(f.publish),
           Bool(f.review_required),
           Text(Pairs(reviews)),
           OptTime(f.published_at),
           OptTime(f.publicity_due),
           OptTime(f.transfer_reported_at),
           OptTime(f.handed_over_at),
           OptTime(f.ended_at),
           Text(Pairs(dues))})
      .status();
}

absl::StatusOr<std::optional<CaseFacts>> PreviousFacts(store::Transaction& tx,
                                                       const std::string& case_id, bool existing) {
  LE_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(absl::StrCat("SELECT ", kFactsColumns,
                            " FROM case_facts WHERE case_id = ? ORDER BY seq DESC LIMIT 1"),
               {Text(case_id)}));
  if (!rows.empty()) return FactsFromRow(rows[0]);
  if (!existing) return std::nullopt;
  return BodyFacts(tx, case_id);
}

absl::StatusOr<int64_t> BackfillFacts(store::Database& db, int batch) {
  int64_t written = 0;
  LE_RETURN_IF_ERROR(db.RunExclusive("backfill:case_facts", [&]() -> absl::Status {
    for (bool more = true; more;) {
      int64_t in_batch = 0;
      LE_RETURN_IF_ERROR(db.Write([&](store::Transaction& tx) -> absl::Status {
        in_batch = 0;
        LE_ASSIGN_OR_RETURN(
            std::vector<Row> pending,
            tx.Query("SELECT case_id FROM case_facts_pending ORDER BY case_id LIMIT ?",
                     {Int(batch)}));
        more = static_cast<int64_t>(pending.size()) == batch;
        for (const Row& r : pending) {
          const std::string id = r.Text(0);
          // An act may have written them first (PreviousFacts).
          LE_ASSIGN_OR_RETURN(
              std::vector<Row> has,
              tx.Query("SELECT 1 FROM case_facts WHERE case_id = ? LIMIT 1", {Text(id)}));
          if (has.empty()) {
            absl::StatusOr<CaseFacts> f = BodyFacts(tx, id);
            if (f.ok()) {
              ++in_batch;
            } else if (f.status().code() != absl::StatusCode::kNotFound) {
              return f.status();
            }
          }
          LE_RETURN_IF_ERROR(
              tx.Execute("DELETE FROM case_facts_pending WHERE case_id = ?", {Text(id)}).status());
        }
        return absl::OkStatus();
      }));
      written += in_batch;
    }
    return absl::OkStatus();
  }));
  return written;
}

absl::StatusOr<std::vector<CaseFacts>> LatestFacts(store::Transaction& tx, const FactsScope& scope,
                                                   absl::Time as_of) {
  const auto [low, high] = PrefixRange(scope.division_prefix);
  std::vector<store::Value> params = {Text(low), Text(high)};
  std::string where = "f.division_code >= ? AND f.division_code < ?";
  if (!scope.agency_id.empty()) {
    absl::StrAppend(&where, " AND f.agency_id = ?");
    params.push_back(Text(scope.agency_id));
  }
  params.push_back(TimeValue(as_of));
  params.push_back(TimeValue(as_of));
  // A case's facts are recorded in seq order at non-decreasing moments
  // (RecordedAt): its latest before as_of is the one of the highest seq
  // among them, found by the key.
  LE_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(absl::StrCat("SELECT f.", absl::StrReplaceAll(kFactsColumns, {{", ", ", f."}}),
                            " FROM case_facts f WHERE ", where,
                            " AND f.entry_time < ? AND f.seq = (SELECT MAX(g.seq) FROM case_facts "
                            "g WHERE g.case_id = f.case_id AND g.entry_time < ?) ORDER BY "
                            "f.case_id"),
               params));
  std::vector<CaseFacts> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    LE_ASSIGN_OR_RETURN(CaseFacts f, FactsFromRow(r));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace lawenforce::cases::sql
