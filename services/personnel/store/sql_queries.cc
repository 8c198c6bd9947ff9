#include "services/personnel/store/sql_queries.h"

#include <limits>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "services/personnel/domain/policy.h"
#include "services/personnel/domain/training.h"
#include "services/personnel/store/row_mapping.h"

namespace lawenforce::personnel::queries {
namespace {

using store::Int;
using store::Row;
using store::Text;
using store::Transaction;
using store::Value;
using namespace sql;  // NOLINT: row mapping helpers

std::string LikePrefix(const std::string& prefix) { return prefix + "%"; }

Value StateValue(CertificateState s) { return Int(static_cast<int64_t>(s)); }

constexpr char kEventsOf[] = "FROM certificate_events WHERE certificate_id = ? ORDER BY sequence";

}  // namespace

absl::StatusOr<Agency> GetAgency(const RecordStore& records, const std::string& id) {
  return records.GetOne<Agency>(
      absl::StrCat("SELECT ", kAgencyColumns, " FROM agencies WHERE id = ?"), {Text(id)}, "agency",
      AgencyFromRow);
}

namespace {

// The first row, if any.
template <typename T>
absl::StatusOr<std::optional<T>> FirstOf(absl::StatusOr<std::vector<T>> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(std::move((*rows)[0]));
}

}  // namespace

absl::StatusOr<std::optional<SourceLink>> GetSourceLink(const RecordStore& records,
                                                        const std::string& kind,
                                                        const std::string& system,
                                                        const std::string& source_id) {
  return FirstOf(records.QueryAll<SourceLink>(
      absl::StrCat("SELECT ", kSourceLinkColumns,
                   " FROM import_sources WHERE kind = ? AND system = ? AND source_id = ?"),
      {Text(kind), Text(system), Text(source_id)}, SourceLinkFromRow));
}

absl::StatusOr<std::optional<Agency>> FindAgencyByName(const RecordStore& records,
                                                       const std::string& division_code,
                                                       const std::string& name) {
  return FirstOf(
      records.QueryAll<Agency>(absl::StrCat("SELECT ", kAgencyColumns,
                                            " FROM agencies WHERE division_code = ? AND name = ?"),
                               {Text(division_code), Text(name)}, AgencyFromRow));
}

absl::StatusOr<std::optional<Officer>> FindOfficerByIdNumber(const RecordStore& records,
                                                             const std::string& id_number_index) {
  return FirstOf(records.QueryAll<Officer>(
      absl::StrCat("SELECT ", kOfficerColumns, " FROM officers WHERE id_number_index = ?"),
      {Text(id_number_index)}, OfficerFromRow));
}

absl::StatusOr<Officer> GetOfficer(const RecordStore& records, const std::string& id) {
  return records.GetOne<Officer>(
      absl::StrCat("SELECT ", kOfficerColumns, " FROM officers WHERE id = ?"), {Text(id)},
      "officer", OfficerFromRow);
}

absl::StatusOr<Certificate> GetCertificate(const RecordStore& records, const std::string& id) {
  return records.GetOne<Certificate>(
      absl::StrCat("SELECT ", kCertificateColumns, " FROM certificates WHERE id = ?"), {Text(id)},
      "certificate", CertificateFromRow);
}

absl::StatusOr<Certificate> GetCertificateByNumber(const RecordStore& records,
                                                   const std::string& number) {
  return records.GetOne<Certificate>(
      absl::StrCat("SELECT ", kCertificateColumns, " FROM certificates WHERE number = ?"),
      {Text(number)}, "certificate", CertificateFromRow);
}

absl::StatusOr<TrainingRecord> GetTrainingRecord(const RecordStore& records,
                                                 const std::string& id) {
  return records.GetOne<TrainingRecord>(
      absl::StrCat("SELECT ", kTrainingColumns, " FROM training_records WHERE id = ?"), {Text(id)},
      "training record", TrainingFromRow);
}

absl::StatusOr<Assessment> GetAssessment(const RecordStore& records, const std::string& id) {
  return records.GetOne<Assessment>(
      absl::StrCat("SELECT ", kAssessmentColumns, " FROM assessments WHERE id = ?"), {Text(id)},
      "assessment", AssessmentFromRow);
}

absl::StatusOr<std::vector<CertificateEvent>> GetCertificateHistory(
    const RecordStore& records, const std::string& certificate_id) {
  return records.QueryAll<CertificateEvent>(absl::StrCat("SELECT ", kEventColumns, " ", kEventsOf),
                                            {Text(certificate_id)}, EventFromRow);
}

absl::StatusOr<std::vector<Agency>> ListAgencies(const RecordStore& records,
                                                 const std::string& division_prefix,
                                                 const PageRequest& page) {
  return records.QueryPage<Agency>(
      absl::StrCat("SELECT ", kAgencyColumns, " FROM agencies WHERE division_code LIKE ?"),
      {Text(LikePrefix(division_prefix))}, page, AgencyFromRow);
}

absl::StatusOr<std::vector<Officer>> ListOfficers(const RecordStore& records,
                                                  const OfficerFilter& f, const PageRequest& page) {
  std::string sql =
      absl::StrCat("SELECT ", kOfficerColumns, " FROM officers WHERE division_code LIKE ?");
  std::vector<Value> params = {Text(LikePrefix(f.division_prefix))};
  if (!f.agency_id.empty()) {
    absl::StrAppend(&sql, " AND agency_id = ?");
    params.push_back(Text(f.agency_id));
  }
  if (f.role.has_value()) {
    absl::StrAppend(&sql, " AND (roles & ?) <> 0");
    params.push_back(Int(RoleBit(*f.role)));
  }
  if (!f.name_prefix.empty()) {
    // The first characters compared, not LIKE (no wildcard in a name can
    // widen it) nor a range (PostgreSQL compares text by its collation).
    int64_t chars = 0;
    for (unsigned char ch : f.name_prefix) chars += (ch & 0xC0) != 0x80 ? 1 : 0;
    absl::StrAppend(&sql, " AND substr(name, 1, ?) = ?");
    params.push_back(Int(chars));
    params.push_back(Text(f.name_prefix));
  }
  if (!f.id_number_index.empty()) {
    absl::StrAppend(&sql, " AND id_number_index = ?");
    params.push_back(Text(f.id_number_index));
  }
  if (f.review_required.has_value()) {
    absl::StrAppend(&sql, " AND review_required = ?");
    params.push_back(Int(*f.review_required ? 1 : 0));
  }
  if (f.in_service.has_value()) {
    absl::StrAppend(&sql,
                    *f.in_service ? " AND service_end IS NULL" : " AND service_end IS NOT NULL");
  }
  if (f.without_valid_certificate_on.has_value()) {
    const Value day = Text(DayText(*f.without_valid_certificate_on));
    absl::StrAppend(&sql,
                    " AND service_end IS NULL AND NOT EXISTS (SELECT 1 FROM certificates c WHERE "
                    "c.officer_id = "
                    "officers.id AND c.kind = ? AND c.state = ? AND c.valid_from <= ? AND "
                    "c.valid_until >= ?)");
    params.push_back(Int(static_cast<int64_t>(CertificateKind::kEnforcement)));
    params.push_back(StateValue(CertificateState::kActive));
    params.push_back(day);
    params.push_back(day);
  }
  return records.QueryPage<Officer>(sql, std::move(params), page, OfficerFromRow);
}

absl::StatusOr<std::vector<Certificate>> ListCertificates(const RecordStore& records,
                                                          const CertificateFilter& f,
                                                          const PageRequest& page) {
  std::string sql =
      absl::StrCat("SELECT ", kCertificateColumns, " FROM certificates WHERE division_code LIKE ?");
  std::vector<Value> params = {Text(LikePrefix(f.division_prefix))};
  if (!f.officer_id.empty()) {
    absl::StrAppend(&sql, " AND officer_id = ?");
    params.push_back(Text(f.officer_id));
  }
  if (f.state.has_value()) {
    const Value today = Text(DayText(f.today));
    switch (*f.state) {
      case CertificateState::kActive:
      case CertificateState::kSuspended:
        absl::StrAppend(&sql, " AND state = ? AND valid_until >= ?");
        params.push_back(StateValue(*f.state));
        params.push_back(today);
        break;
      case CertificateState::kExpired:
        absl::StrAppend(&sql, " AND (state = ? OR (state IN (?, ?) AND valid_until < ?))");
        params.push_back(StateValue(CertificateState::kExpired));
        params.push_back(StateValue(CertificateState::kActive));
        params.push_back(StateValue(CertificateState::kSuspended));
        params.push_back(today);
        break;
      case CertificateState::kRevoked:
      case CertificateState::kCancelled:
        absl::StrAppend(&sql, " AND state = ?");
        params.push_back(StateValue(*f.state));
        break;
    }
  }
  if (f.expiring_through.has_value()) {
    absl::StrAppend(&sql, " AND state IN (?, ?) AND valid_until >= ? AND valid_until <= ?");
    params.push_back(StateValue(CertificateState::kActive));
    params.push_back(StateValue(CertificateState::kSuspended));
    params.push_back(Text(DayText(f.today)));
    params.push_back(Text(DayText(*f.expiring_through)));
  }
  return records.QueryPage<Certificate>(sql, std::move(params), page, CertificateFromRow);
}

absl::StatusOr<std::vector<CertificateWithHistory>> GetCertificatesWithHistory(
    const RecordStore& records, const std::vector<std::string>& officer_ids) {
  std::vector<CertificateWithHistory> out;
  LE_RETURN_IF_ERROR(records.db()->Read([&](Transaction& tx) -> absl::Status {
    for (const std::string& officer_id : officer_ids) {
      LE_ASSIGN_OR_RETURN(
          std::vector<Row> certificates,
          tx.Query(absl::StrCat("SELECT ", kCertificateColumns,
                                " FROM certificates WHERE officer_id = ? ORDER BY id"),
                   {Text(officer_id)}));
      for (const Row& row : certificates) {
        CertificateWithHistory entry{CertificateFromRow(row), {}};
        LE_ASSIGN_OR_RETURN(std::vector<Row> events,
                            tx.Query(absl::StrCat("SELECT ", kEventColumns, " ", kEventsOf),
                                     {Text(entry.certificate.id)}));
        for (const Row& e : events) entry.history.push_back(EventFromRow(e));
        out.push_back(std::move(entry));
      }
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<TrainingRecord>> ListTrainingRecords(const RecordStore& records,
                                                                const std::string& officer_id,
                                                                std::optional<int> year,
                                                                const PageRequest& page) {
  std::string sql =
      absl::StrCat("SELECT ", kTrainingColumns, " FROM training_records WHERE officer_id = ?");
  std::vector<Value> params = {Text(officer_id)};
  if (year.has_value()) {
    absl::StrAppend(&sql, " AND training_year = ?");
    params.push_back(Int(*year));
  }
  return records.QueryPage<TrainingRecord>(sql, std::move(params), page, TrainingFromRow);
}

absl::StatusOr<TrainingScope> GetTrainingForScope(const RecordStore& records,
                                                  const std::string& officer_id,
                                                  const std::string& agency_id,
                                                  const std::string& division_prefix, int year) {
  // The officers of the scope: those whose last period overlapping the
  // year is in it.
  const Value year_start = TimeValue(EndOfYear(year - 1));
  const Value year_end = TimeValue(EndOfYear(year));
  std::string conditions =
      "s.start_time < ? AND (s.end_time IS NULL OR s.end_time > ?) AND NOT EXISTS (SELECT 1 "
      "FROM officer_service l WHERE l.officer_id = s.officer_id AND l.sequence > s.sequence AND "
      "l.start_time < ?) AND ";
  std::vector<Value> params = {year_end, year_start, year_end};
  if (!officer_id.empty()) {
    absl::StrAppend(&conditions, "s.officer_id = ?");
    params.push_back(Text(officer_id));
  } else if (!agency_id.empty()) {
    absl::StrAppend(&conditions, "s.agency_id = ?");
    params.push_back(Text(agency_id));
  } else {
    absl::StrAppend(&conditions, "s.division_code LIKE ?");
    params.push_back(Text(LikePrefix(division_prefix)));
  }
  const std::string in_scope =
      absl::StrCat("SELECT s.officer_id FROM officer_service s WHERE ", conditions);
  TrainingScope scope;
  LE_RETURN_IF_ERROR(records.db()->Read([&](Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> members,
        tx.Query(absl::StrCat("SELECT s.officer_id, o.name, s.agency_id, s.division_code FROM "
                              "officer_service s JOIN officers o ON o.id = s.officer_id WHERE ",
                              conditions, " ORDER BY s.officer_id"),
                 params));
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> periods,
        tx.Query(absl::StrCat("SELECT officer_id, start_time, end_time FROM officer_service WHERE "
                              "officer_id IN (",
                              in_scope, ") ORDER BY officer_id, sequence"),
                 params));
    size_t next = 0;
    for (const Row& m : members) {
      OfficerInService officer{m.Text(0), {}};
      for (; next < periods.size() && periods[next].Text(0) == officer.officer_id; ++next) {
        const Row& r = periods[next];
        officer.service.push_back(
            ServiceSpan{store::TimeFromMicros(r.Int(1)),
                        r.IsNull(2) ? absl::InfiniteFuture() : store::TimeFromMicros(r.Int(2))});
      }
      scope.officers.push_back(std::move(officer));
      scope.members.push_back({m.Text(1), m.Text(2), m.Text(3)});
    }
    std::vector<Value> record_params = params;
    record_params.push_back(Int(year));
    LE_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        tx.Query(absl::StrCat("SELECT ", kTrainingColumns,
                                              " FROM training_records WHERE officer_id IN (",
                                              in_scope, ") AND training_year = ? ORDER BY id"),
                                 record_params));
    for (const Row& r : rows) scope.records.push_back(TrainingFromRow(r));
    return absl::OkStatus();
  }));
  return scope;
}

absl::StatusOr<std::vector<ServicePeriod>> GetServicePeriods(const RecordStore& records,
                                                             const std::string& officer_id) {
  return records.QueryAll<ServicePeriod>(
      absl::StrCat("SELECT ", kServicePeriodColumns,
                   " FROM officer_service WHERE officer_id = ? ORDER BY sequence"),
      {Text(officer_id)}, ServicePeriodFromRow);
}

absl::StatusOr<std::vector<CountedTraining>> CountedTrainingOf(const RecordStore& records,
                                                               const std::string& officer_id) {
  return records.QueryAll<CountedTraining>(
      "SELECT training_year, minutes, create_time FROM training_records WHERE officer_id = ? AND "
      "category <> ? ORDER BY training_year, create_time",
      {Text(officer_id), Int(static_cast<int64_t>(TrainingCategory::kPoliticalTheory))},
      [](const Row& r) {
        return CountedTraining{static_cast<int>(r.Int(0)), r.Int(1),
                               store::TimeFromMicros(r.Int(2))};
      });
}

absl::StatusOr<std::vector<AuditEntry>> ListAudit(const RecordStore& records,
                                                  const std::string& resource_id) {
  return records.QueryAll<AuditEntry>(
      "SELECT actor, action, resource_id, detail, event_time FROM audit_log WHERE resource_id = ? "
      "ORDER BY event_time, id",
      {Text(resource_id)}, [](const Row& r) {
        return AuditEntry{r.Text(0), r.Text(1), r.Text(2), r.Text(3),
                          store::TimeFromMicros(r.Int(4))};
      });
}

absl::StatusOr<std::vector<Assessment>> ListAssessments(const RecordStore& records,
                                                        const std::string& officer_id) {
  return records.QueryAll<Assessment>(
      absl::StrCat("SELECT ", kAssessmentColumns,
                   " FROM assessments WHERE officer_id = ? ORDER BY assessment_year"),
      {Text(officer_id)}, AssessmentFromRow);
}

absl::StatusOr<std::vector<AgencyHeadcount>> Headcounts(const RecordStore& records,
                                                        const std::string& agency_id,
                                                        const std::string& division_prefix,
                                                        absl::Time as_of) {
  const bool by_agency = !agency_id.empty();
  // Infinite times do not fit the column: the largest micros value stands
  // for "no bound" (then only open periods cover it).
  const Value at =
      as_of == absl::InfiniteFuture() ? Int(std::numeric_limits<int64_t>::max()) : TimeValue(as_of);
  return records.QueryAll<AgencyHeadcount>(
      absl::StrCat("SELECT a.id, a.name, a.division_code, COUNT(m.id), "
                   "COALESCE(SUM(CASE WHEN (m.roles & 2) <> 0 THEN 1 ELSE 0 END), 0) "
                   "FROM agencies a LEFT JOIN (SELECT s.agency_id, o.id, o.roles FROM "
                   "officer_service s JOIN officers o ON o.id = s.officer_id WHERE "
                   "s.start_time < ? AND (s.end_time IS NULL OR s.end_time >= ?)) m "
                   "ON m.agency_id = a.id WHERE a.create_time < ? AND ",
                   by_agency ? "a.id = ?" : "a.division_code LIKE ?",
                   " GROUP BY a.id, a.name, a.division_code ORDER BY a.division_code, a.id"),
      {at, at, at, by_agency ? Text(agency_id) : Text(LikePrefix(division_prefix))},
      [](const Row& r) {
        return AgencyHeadcount{r.Text(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)),
                               static_cast<int>(r.Int(4))};
      });
}

absl::StatusOr<std::vector<DivisionFigures>> FiguresByDivision(const RecordStore& records,
                                                               absl::CivilDay today, int year,
                                                               int64_t required_minutes) {
  std::map<std::string, DivisionFigures> by_code;
  auto at = [&](const std::string& code) -> DivisionFigures& {
    DivisionFigures& f = by_code[code];
    f.division_code = code;
    return f;
  };
  const Value active = StateValue(CertificateState::kActive);
  const Value suspended = StateValue(CertificateState::kSuspended);
  LE_RETURN_IF_ERROR(records.db()->Read([&](Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(std::vector<Row> officers,
                        tx.Query("SELECT division_code, COUNT(*), "
                                 "COALESCE(SUM(CASE WHEN (roles & 2) <> 0 THEN 1 ELSE 0 END), 0) "
                                 "FROM officers WHERE service_end IS NULL GROUP BY division_code"));
    for (const Row& r : officers) {
      at(r.Text(0)).officers = static_cast<int>(r.Int(1));
      at(r.Text(0)).legal_reviewers = static_cast<int>(r.Int(2));
    }
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> certificates,
        tx.Query(
            "SELECT division_code, CASE WHEN state IN (?, ?) AND valid_until < ? THEN ? "
            "ELSE state END AS effective, COUNT(*) FROM certificates "
            "GROUP BY division_code, effective",
            {active, suspended, Text(DayText(today)), StateValue(CertificateState::kExpired)}));
    for (const Row& r : certificates) {
      const int64_t state = r.Int(1);
      if (state >= 1 && state <= 5) {
        at(r.Text(0)).certificates_by_state[state] = static_cast<int>(r.Int(2));
      }
    }
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> expiring,
        tx.Query("SELECT division_code, COUNT(*) FROM certificates WHERE state IN (?, ?) "
                 "AND valid_until >= ? AND valid_until <= ? GROUP BY division_code",
                 {active, suspended, Text(DayText(today)), Text(DayText(today + 30))}));
    for (const Row& r : expiring) {
      at(r.Text(0)).certificates_expiring_30d = static_cast<int>(r.Int(1));
    }
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> compliant,
        tx.Query("SELECT o.division_code, COUNT(*) FROM officers o JOIN "
                 "(SELECT officer_id FROM training_records WHERE training_year = ? AND "
                 "category <> ? GROUP BY officer_id HAVING SUM(minutes) >= ?) t "
                 "ON t.officer_id = o.id WHERE o.service_end IS NULL GROUP BY o.division_code",
                 {Int(year), Int(static_cast<int64_t>(TrainingCategory::kPoliticalTheory)),
                  Int(required_minutes)}));
    for (const Row& r : compliant) {
      at(r.Text(0)).training_compliant = static_cast<int>(r.Int(1));
    }
    return absl::OkStatus();
  }));
  std::vector<DivisionFigures> out;
  out.reserve(by_code.size());
  for (auto& [code, figures] : by_code) out.push_back(figures);
  return out;
}

}  // namespace lawenforce::personnel::queries
