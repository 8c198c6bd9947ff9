#include "bench/case_bench_data.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "bench/bench_support.h"
#include "common/status/macros.h"
#include "common/store/values.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "services/case/domain/case.h"
#include "services/case/domain/clocks.h"
#include "services/case/store/case_json.h"

namespace lawenforce::bench {
namespace {

using cases::CaseState;
using cases::ClockKind;
using cases::ClockState;
using store::Value;

using Rng = std::mt19937_64;

std::string Uuid(Rng& rng) {
  const uint64_t a = rng(), b = rng();
  return absl::StrFormat("%08x-%04x-4%03x-%04x-%012x", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                         0x8000 | ((b >> 48) & 0x3fff), b & 0xffffffffffffULL);
}

std::string Hex(Rng& rng, int digits) {
  std::string out;
  while (static_cast<int>(out.size()) < digits) absl::StrAppendFormat(&out, "%016x", rng());
  out.resize(digits);
  return out;
}

double Uniform(Rng& rng) { return std::uniform_real_distribution<double>(0, 1)(rng); }

absl::Duration Between(Rng& rng, absl::Duration low, absl::Duration high) {
  return low + (high - low) * Uniform(rng);
}

// Multi-row INSERTs of one table, `rows_per_statement` rows each.
class Bulk {
 public:
  Bulk(std::string table, std::vector<std::string> columns, int rows_per_statement)
      : table_(std::move(table)), columns_(std::move(columns)), per_(rows_per_statement) {}
  void Add(std::vector<Value> row) {
    for (Value& v : row) values_.push_back(std::move(v));
    ++rows_;
  }
  int64_t rows() const { return rows_; }
  // Writes what was added (again, when the transaction is retried).
  absl::Status Flush(store::Transaction& tx) const {
    const size_t width = columns_.size();
    const std::string tuple =
        absl::StrCat("(", absl::StrJoin(std::vector<std::string>(width, "?"), ", "), ")");
    for (int64_t first = 0; first < rows_; first += per_) {
      const int64_t n = std::min<int64_t>(per_, rows_ - first);
      const std::string sql =
          absl::StrCat("INSERT INTO ", table_, " (", absl::StrJoin(columns_, ", "), ") VALUES ",
                       absl::StrJoin(std::vector<std::string>(n, tuple), ", "));
      LE_RETURN_IF_ERROR(
          tx.Execute(sql, absl::MakeConstSpan(values_).subspan(first * width, n * width)).status());
    }
    return absl::OkStatus();
  }
  void Clear() {
    values_.clear();
    rows_ = 0;
  }

 private:
  std::string table_;
  std::vector<std::string> columns_;
  int per_;
  std::vector<Value> values_;
  int64_t rows_ = 0;
};

struct Agency {
  std::string id, division;
  std::vector<std::string> items, officers, certificates;
};

// Which agency files a case: county agencies carry most of the load.
struct Agencies {
  std::vector<Agency> all;
  std::discrete_distribution<size_t> pick;
};

Agencies MakeAgencies(const CaseCatalog& catalog, uint64_t seed) {
  Rng rng(seed * 7 + 1);
  Agencies out;
  std::vector<double> weights;
  auto add = [&](const std::string& division, int count, double weight) {
    for (int i = 0; i < count; ++i) {
      Agency a{Uuid(rng), division, {}, {}, {}};
      for (int k = 0; k < 15; ++k) a.items.push_back(Uuid(rng));
      for (int k = 0; k < 20; ++k) {
        a.officers.push_back(Uuid(rng));
        a.certificates.push_back(Uuid(rng));
      }
      out.all.push_back(std::move(a));
      weights.push_back(weight);
    }
  };
  for (const std::string& d : catalog.cities) add(d, 8, 4);
  for (const std::string& d : catalog.counties) add(d, 12, 6);
  for (const std::string& d : catalog.townships) add(d, 1, 1);
  out.pick = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  return out;
}

struct ClockRow {
  ClockKind kind;
  ClockState state;
  absl::Time start;
  std::string start_event;
  calendar::StatutoryPeriod period;
  std::optional<absl::Time> due, ended;
  bool on_time = false;
};

CaseState PickState(Rng& rng, absl::Duration age) {
  using S = CaseState;
  struct W {
    S s;
    double w;
  };
  static const std::vector<W> kFresh = {{S::kFiled, .35},
                                        {S::kInvestigating, .45},
                                        {S::kLegalReview, .05},
                                        {S::kNotified, .10},
                                        {S::kWithdrawn, .05}};
  static const std::vector<W> kRecent = {
      {S::kFiled, .03},       {S::kInvestigating, .15}, {S::kLegalReview, .04},
      {S::kNotified, .08},    {S::kDecided, .15},       {S::kPublished, .15},
      {S::kExecuted, .15},    {S::kClosed, .20},        {S::kTransferPending, .01},
      {S::kTransferred, .02}, {S::kWithdrawn, .02}};
  static const std::vector<W> kOld = {{S::kInvestigating, .015}, {S::kNotified, .005},
                                      {S::kDecided, .01},        {S::kPublished, .01},
                                      {S::kExecuted, .04},       {S::kClosed, .88},
                                      {S::kTransferred, .02},    {S::kWithdrawn, .02}};
  const std::vector<W>& table = age < absl::Hours(24 * 20)    ? kFresh
                                : age < absl::Hours(24 * 120) ? kRecent
                                                              : kOld;
  double r = Uniform(rng);
  for (const W& w : table) {
    if (r < w.w) return w.s;
    r -= w.w;
  }
  return table.back().s;
}

bool IsDecided(CaseState s) {
  return s == CaseState::kDecided || s == CaseState::kPublished || s == CaseState::kExecuted ||
         s == CaseState::kClosed;
}

}  // namespace

absl::StatusOr<CaseCatalog> MakeCatalog(const std::string& divisions_path, uint64_t seed) {
  std::ifstream in(divisions_path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", divisions_path));
  CaseCatalog c;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() < 3 || f[0] == "code") continue;
    if (f[2] == "city") c.cities.push_back(f[0]);
    if (f[2] == "county") c.counties.push_back(f[0]);
    if (f[2] == "township") c.townships.push_back(f[0]);
  }
  if (c.counties.empty()) return absl::InvalidArgumentError("no counties in the division table");
  for (const Agency& a : MakeAgencies(c, seed).all) {
    c.agencies.push_back(a.id);
    c.items.insert(c.items.end(), a.items.begin(), a.items.end());
    c.officers.insert(c.officers.end(), a.officers.begin(), a.officers.end());
    c.officer_divisions.insert(c.officer_divisions.end(), a.officers.size(), a.division);
  }
  return c;
}

absl::StatusOr<LoadReport> LoadCases(store::Database& db, const CaseCatalog& catalog, int64_t total,
                                     absl::Time now, uint64_t seed, int per_transaction) {
  using store::Bool;
  using store::Int;
  using store::Null;
  using store::Text;
  using store::TimeValue;
  const int64_t started = NowNanos();
  Agencies agencies = MakeAgencies(catalog, seed);
  Rng rng(seed);
  const absl::Time first = now - absl::Hours(24 * 365 * 3);
  const std::string no_events = cases::json::ClockEvents({}).dump();
  Bulk case_rows(
      "cases",
      {"id", "agency_id", "division_code", "item_id", "state", "enterprise_party", "overdue",
       "violation_time", "filed_at", "decided_at", "closed_at", "record_length", "record_head",
       "detail", "update_time", "version", "next_due_at"},
      100);
  Bulk party_rows("case_parties",
                  {"case_id", "position", "kind", "name", "credit_code", "id_number_ciphertext",
                   "id_number_index", "id_number_masked"},
                  200);
  Bulk officer_rows("case_officers", {"officer_id", "case_id"}, 500);
  Bulk clock_rows(
      "case_clocks",
      {"case_id", "kind", "division_code", "state", "start_time", "start_event", "period_count",
       "period_unit", "events", "due_at", "provisional", "ended_at", "on_time", "version"},
      100);
  Bulk act_rows("case_acts",
                {"id", "case_id", "division_code", "officer_id", "action", "act_time", "record_seq",
                 "certificate_id"},
                200);
  LoadReport report;
  if (db.dialect() == "sqlite") {
    // The load only: the writer connection gets a large page cache (the
    // readers the services run keep SQLite's default).
    LE_RETURN_IF_ERROR(db.Write(
        [](store::Transaction& tx) { return tx.Execute("PRAGMA cache_size=-1000000").status(); }));
  }
  auto opt = [](const std::optional<absl::Time>& t) { return t ? TimeValue(*t) : Null(); };
  for (int64_t done = 0; done < total;) {
    const int64_t n = std::min<int64_t>(per_transaction, total - done);
    for (int64_t i = 0; i < n; ++i) {
      const Agency& a = agencies.all[agencies.pick(rng)];
      cases::Case c;
      c.id = Uuid(rng);
      c.agency_id = a.id;
      c.division_code = a.division;
      const size_t item = rng() % a.items.size();
      c.item_id = a.items[item];
      c.item_code = absl::StrFormat("SCJG-CF-%03d", item + 1);
      c.kind = cases::ItemKind::kPenalty;
      c.domain = "market_regulation";
      c.facts = "当事人在经营场所销售超过保质期的预包装食品，执法人员现场检查时发现并拍照取证。";
      c.filed_at = store::TimeFromMicros(absl::ToUnixMicros(first + (now - first) * Uniform(rng)));
      c.violation_time = c.filed_at - Between(rng, absl::Hours(1), absl::Hours(24 * 60));
      const absl::Duration age = now - c.filed_at;
      c.state = PickState(rng, age);
      const size_t o1 = rng() % a.officers.size();
      const size_t o2 = (o1 + 1 + rng() % (a.officers.size() - 1)) % a.officers.size();
      c.officer_ids = {a.officers[o1], a.officers[o2]};
      c.filed_by = absl::StrCat("officer-", o1);
      c.item_version_at_filing = 1;
      absl::Time last = c.filed_at;
      std::optional<absl::Time> decided;
      if (IsDecided(c.state)) {
        decided = c.filed_at + Between(rng, absl::Hours(24 * 5),
                                       std::min(absl::Hours(24 * 85), age - absl::Hours(24 * 2)));
        cases::Decision d;
        d.sanction = {"general",
                      {cases::PenaltyKind::kFine},
                      static_cast<int64_t>(50000 + 1000 * (rng() % 450))};
        d.item_version = 1;
        d.benchmark_version = 1;
        d.time = *decided;
        c.decision = d;
        last = *decided;
      }
      if (c.state == CaseState::kPublished || c.state == CaseState::kExecuted ||
          c.state == CaseState::kClosed) {
        c.published_at =
            std::min(now, *decided + Between(rng, absl::Hours(2), absl::Hours(24 * 8)));
        last = *c.published_at;
      }
      if (c.state == CaseState::kExecuted || c.state == CaseState::kClosed) {
        c.executed_at = std::min(now, last + Between(rng, absl::Hours(24), absl::Hours(24 * 15)));
        last = *c.executed_at;
      }
      if (c.state == CaseState::kClosed || c.state == CaseState::kWithdrawn ||
          c.state == CaseState::kTransferred) {
        c.closed_at = std::min(now, last + Between(rng, absl::Hours(1), absl::Hours(24 * 20)));
        last = *c.closed_at;
        if (c.state != CaseState::kClosed) c.end_reason = "证据不足，撤销立案";
      }
      // Clocks.
      std::vector<ClockRow> clocks;
      clocks.push_back({ClockKind::kLimitation,
                        ClockState::kMet,
                        c.violation_time,
                        "violation",
                        {2, calendar::PeriodUnit::kYears},
                        c.violation_time + absl::Hours(24 * 730),
                        c.filed_at,
                        true});
      {
        ClockRow k{ClockKind::kDecision,
                   ClockState::kRunning,
                   c.filed_at,
                   "filed",
                   {90, calendar::PeriodUnit::kCalendarDays},
                   c.filed_at + absl::Hours(24 * 90),
                   std::nullopt,
                   false};
        if (decided) {
          k.state = ClockState::kMet;
          k.ended = decided;
          k.on_time = true;
        } else if (c.closed_at) {
          k.state = ClockState::kStopped;
          k.ended = c.closed_at;
        } else if (*k.due <= now && Uniform(rng) < 0.75) {
          k.state = ClockState::kOverdue;  // the deadline engine fired it
          k.ended = k.due;
        }
        clocks.push_back(k);
      }
      if (decided) {
        ClockRow k{ClockKind::kPublicity,
                   ClockState::kRunning,
                   *decided,
                   "decided",
                   {7, calendar::PeriodUnit::kWorkingDays},
                   *decided + absl::Hours(24 * 9),
                   std::nullopt,
                   false};
        if (c.published_at) {
          k.state = ClockState::kMet;
          k.ended = c.published_at;
          k.on_time = Uniform(rng) < 0.93;
        } else if (*k.due <= now && Uniform(rng) < 0.8) {
          k.state = ClockState::kOverdue;
          k.ended = k.due;
        }
        clocks.push_back(k);
        const absl::Time served = *decided + absl::Hours(48);
        ClockRow pay{ClockKind::kPayment,
                     ClockState::kRunning,
                     served,
                     "served",
                     {15, calendar::PeriodUnit::kCalendarDays},
                     served + absl::Hours(24 * 15),
                     std::nullopt,
                     false};
        if (c.executed_at) {
          pay.state = ClockState::kMet;
          pay.ended = c.executed_at;
          pay.on_time = true;
        } else if (*pay.due <= now && Uniform(rng) < 0.5) {
          pay.state = ClockState::kLapsed;  // the party's window, never overdue
          pay.ended = pay.due;
        }
        clocks.push_back(pay);
      }
      // As the store keeps them: flagged when a clock is OVERDUE; the
      // earliest due moment of a running clock that is not the party's.
      std::optional<absl::Time> next_due;
      for (const ClockRow& k : clocks) {
        c.overdue = c.overdue || k.state == ClockState::kOverdue;
        if (k.state == ClockState::kRunning && !cases::RuleOf(k.kind).party_window &&
            (!next_due || *k.due < *next_due)) {
          next_due = k.due;
        }
      }
      // Parties.
      const bool enterprise = Uniform(rng) < 0.35;
      const int parties = Uniform(rng) < 0.10 ? 2 : 1;
      for (int p = 0; p < parties; ++p) {
        const bool is_enterprise = enterprise && p == 0;
        party_rows.Add({Text(c.id), Int(p),
                        Int(static_cast<int64_t>(is_enterprise ? cases::PartyKind::kEnterprise
                                                               : cases::PartyKind::kIndividual)),
                        Text(is_enterprise ? "宁夏某某商贸有限公司" : "张三"),
                        Text(is_enterprise ? absl::StrCat("91640100", Hex(rng, 10)) : ""),
                        Text(is_enterprise ? "" : Hex(rng, 92)),
                        Text(is_enterprise ? "" : Hex(rng, 64)),
                        Text(is_enterprise ? "" : "640104********123X")});
      }
      c.update_time = last;
      c.version = 1 + static_cast<int64_t>(c.state);
      c.record_length = c.version;
      c.record_head = Hex(rng, 64);
      case_rows.Add({Text(c.id), Text(c.agency_id), Text(c.division_code), Text(c.item_id),
                     Int(static_cast<int64_t>(c.state)), Bool(enterprise), Bool(c.overdue),
                     TimeValue(c.violation_time), TimeValue(c.filed_at), opt(decided),
                     opt(c.closed_at), Int(c.record_length), Text(c.record_head),
                     Text(cases::json::CaseDetail(c).dump()), TimeValue(c.update_time),
                     Int(c.version), opt(next_due)});
      for (size_t k = 0; k < c.officer_ids.size(); ++k) {
        officer_rows.Add({Text(c.officer_ids[k]), Text(c.id)});
        const size_t which = k == 0 ? o1 : o2;
        act_rows.Add({Text(Uuid(rng)), Text(c.id), Text(c.division_code), Text(c.officer_ids[k]),
                      Text("case.file"), TimeValue(c.filed_at), Int(1),
                      Text(a.certificates[which])});
      }
      for (const ClockRow& k : clocks) {
        clock_rows.Add({Text(c.id), Int(static_cast<int64_t>(k.kind)), Text(c.division_code),
                        Int(static_cast<int64_t>(k.state)), TimeValue(k.start), Text(k.start_event),
                        Int(k.period.count), Int(static_cast<int64_t>(k.period.unit)),
                        Text(no_events), opt(k.due), Bool(false), opt(k.ended), Bool(k.on_time),
                        Int(1)});
      }
    }
    LE_RETURN_IF_ERROR(db.Write([&](store::Transaction& tx) -> absl::Status {
      for (const Bulk* b : {&case_rows, &party_rows, &officer_rows, &clock_rows, &act_rows}) {
        LE_RETURN_IF_ERROR(b->Flush(tx));
      }
      return absl::OkStatus();
    }));
    report.cases += case_rows.rows();
    report.parties += party_rows.rows();
    report.officers += officer_rows.rows();
    report.clocks += clock_rows.rows();
    report.acts += act_rows.rows();
    for (Bulk* b : {&case_rows, &party_rows, &officer_rows, &clock_rows, &act_rows}) b->Clear();
    done += n;
    if (done % 100000 == 0 || done == total) {
      Print(absl::StrFormat("  loaded %d cases (%.0f s)", done, (NowNanos() - started) / 1e9));
    }
  }
  report.seconds = (NowNanos() - started) / 1e9;
  return report;
}

absl::StatusOr<std::vector<std::string>> SampleCaseIds(store::Database& db, int n) {
  std::vector<std::string> out;
  LE_RETURN_IF_ERROR(db.Read([&](store::Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(
        std::vector<store::Row> rows,
        tx.Query("SELECT id FROM cases ORDER BY random() LIMIT ?", {store::Int(n)}));
    for (const store::Row& r : rows) out.push_back(r.Text(0));
    return absl::OkStatus();
  }));
  return out;
}

std::unique_ptr<CaseBenchEnv> NewCaseBenchEnv(absl::Time now) {
  const std::string divisions_path = testing::DivisionsPath();
  const std::string calendar_path =
      (std::filesystem::path(divisions_path).parent_path() / "cn-working-calendar.tsv").string();
  return std::make_unique<CaseBenchEnv>(
      OrDie(Divisions::LoadFromFile(divisions_path), "divisions"),
      OrDie(crypto::PiiProtector::Create(std::string(64, 'b')), "PiiProtector"),
      OrDie(calendar::WorkingCalendar::LoadFromFile(calendar_path,
                                                    {.provisional_through_year = 2028}),
            "calendar"),
      now);
}

}  // namespace lawenforce::bench
