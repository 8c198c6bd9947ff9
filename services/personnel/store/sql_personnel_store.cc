#include "services/personnel/store/sql_personnel_store.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/store/idempotency.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/expiry.h"
#include "services/personnel/domain/training.h"
#include "services/personnel/store/row_mapping.h"
#include "services/personnel/store/schema.h"
#include "services/personnel/store/sql_writes.h"

namespace lawenforce::personnel {
namespace {

using store::Int;
using store::Null;
using store::Row;
using store::Text;
using store::Transaction;
using store::Value;
using namespace sql;  // NOLINT: row mapping helpers

// Turns a UNIQUE violation reported by the backend into the field the
// caller sent; other errors pass through.
absl::Status NameUniqueViolation(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kAlreadyExists) {
    return status;
  }
  const absl::string_view m = status.message();
  if (absl::StrContains(m, "id_number_index")) {
    return absl::AlreadyExistsError(
        "officer.id_number: an officer with this identity-card number is already registered");
  }
  if (absl::StrContains(m, "certificates.number")) {
    return absl::AlreadyExistsError("certificate.number: already issued");
  }
  if (absl::StrContains(m, "assessment_year")) {
    return absl::AlreadyExistsError("assessment.year: already recorded for this officer");
  }
  return absl::AlreadyExistsError("record already exists");
}

std::string LikePrefix(const std::string& prefix) { return prefix + "%"; }

class SqlPersonnelStore final : public PersonnelStore {
 public:
  SqlPersonnelStore(store::Database* db, IdGenerator* ids, StoreHooks hooks)
      : db_(db), ids_(ids), hooks_(hooks) {}

  absl::StatusOr<Created> CreateAgency(const Agency& a, const std::optional<IdempotencyKey>& key,
                                       const AuditEntry& audit) override {
    return CreateWith(key, audit, a.id, [&](Transaction& tx) {
      return tx
          .Execute(absl::StrCat("INSERT INTO agencies (", kAgencyColumns,
                                ") VALUES (?, ?, ?, ?, ?, ?, ?)"),
                   {Text(a.id), Text(a.name), Text(a.division_code), Text(JoinDomains(a.domains)),
                    store::Bool(a.require_training_for_eligibility), TimeValue(a.create_time),
                    Int(a.version)})
          .status();
    });
  }

  absl::StatusOr<Created> CreateOfficer(const Officer& o, const std::string& id_number_cipher,
                                        const std::string& id_number_index,
                                        const std::optional<IdempotencyKey>& key,
                                        const AuditEntry& audit) override {
    return CreateWith(key, audit, o.id, [&](Transaction& tx) {
      return tx
          .Execute(
              "INSERT INTO officers (id, agency_id, division_code, name, id_number_cipher, "
              "id_number_index, id_number_masked, roles, review_required, create_time, "
              "update_time, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {Text(o.id), Text(o.agency_id), Text(o.division_code), Text(o.name),
               Text(id_number_cipher), Text(id_number_index), Text(o.id_number_masked),
               Int(RoleBits(o.roles)), store::Bool(o.review_required), TimeValue(o.create_time),
               TimeValue(o.update_time), Int(o.version)})
          .status();
    });
  }

  absl::StatusOr<Created> IssueCertificate(const Certificate& c, const CertificateEvent& issue,
                                           const std::optional<IdempotencyKey>& key,
                                           const AuditEntry& audit) override {
    return CreateWith(key, audit, c.id, [&](Transaction& tx) -> absl::Status {
      absl::Status s =
          tx.Execute(absl::StrCat("INSERT INTO certificates (", kCertificateColumns,
                                  ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     {Text(c.id), Text(c.number), Text(c.officer_id), Text(c.agency_id),
                      Text(c.division_code), Int(static_cast<int64_t>(c.kind)),
                      Text(JoinDomains(c.domains)), Text(DayText(c.valid_from)),
                      Text(DayText(c.valid_until)), Int(static_cast<int64_t>(c.state)),
                      Text(c.state_reason), store::Bool(c.review_required),
                      TimeValue(c.create_time), TimeValue(c.update_time), Int(c.version)})
              .status();
      if (!s.ok()) {
        return s;
      }
      s = AppendCertificateEvent(tx, c.id, issue);
      if (!s.ok()) {
        return s;
      }
      if (hooks_.deadlines != nullptr) {
        absl::StatusOr<std::string> scheduled =
            hooks_.deadlines->Schedule(tx, {std::string(kCertificateExpiryKind), c.id,
                                            ExpiryMoment(c), c.number, kExpiryReminderLead});
        if (!scheduled.ok()) {
          return scheduled.status();
        }
      }
      return JournalEligibility(tx, c.officer_id, issue.time);
    });
  }

  absl::StatusOr<Created> RecordTraining(const TrainingRecord& t,
                                         const std::optional<IdempotencyKey>& key,
                                         const AuditEntry& audit) override {
    return CreateWith(key, audit, t.id, [&](Transaction& tx) -> absl::Status {
      absl::Status s =
          tx.Execute(absl::StrCat("INSERT INTO training_records (", kTrainingColumns,
                                  ", training_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     {Text(t.id), Text(t.officer_id), Text(t.agency_id), Text(t.division_code),
                      Int(t.minutes), Int(static_cast<int64_t>(t.category)), Text(t.course),
                      Text(DayText(t.date)), Text(t.provider), TimeValue(t.create_time),
                      Int(t.date.year())})
              .status();
      if (!s.ok()) {
        return s;
      }
      return JournalEligibility(tx, t.officer_id, t.create_time);
    });
  }

  absl::StatusOr<Created> RecordAssessment(const Assessment& a, bool flag_for_review,
                                           const std::optional<IdempotencyKey>& key,
                                           const AuditEntry& audit) override {
    return CreateWith(key, audit, a.id, [&](Transaction& tx) -> absl::Status {
      absl::Status s = tx.Execute(absl::StrCat("INSERT INTO assessments (", kAssessmentColumns,
                                               ") VALUES (?, ?, ?, ?, ?, ?, ?)"),
                                  {Text(a.id), Text(a.officer_id), Int(a.year),
                                   Int(static_cast<int64_t>(a.result)), Text(a.remarks),
                                   Text(a.recorded_by), TimeValue(a.create_time)})
                           .status();
      if (!s.ok() || !flag_for_review) {
        return s;
      }
      s = tx.Execute(
                "UPDATE officers SET review_required = 1, version = version + 1, update_time = ? "
                "WHERE id = ?",
                {TimeValue(a.create_time), Text(a.officer_id)})
              .status();
      if (!s.ok()) {
        return s;
      }
      s = tx.Execute(
                "UPDATE certificates SET review_required = 1, version = version + 1, "
                "update_time = ? WHERE officer_id = ?",
                {TimeValue(a.create_time), Text(a.officer_id)})
              .status();
      if (!s.ok()) {
        return s;
      }
      s = Journal(tx, OfficerCacheKey(a.officer_id), a.create_time);
      absl::StatusOr<std::vector<Row>> flagged =
          tx.Query("SELECT id FROM certificates WHERE officer_id = ?", {Text(a.officer_id)});
      if (!flagged.ok()) {
        return flagged.status();
      }
      for (const Row& r : *flagged) {
        if (s.ok()) s = Journal(tx, CertificateCacheKey(r.Text(0)), a.create_time);
      }
      return s;
    });
  }

  absl::StatusOr<Agency> GetAgency(const std::string& id) override {
    return GetOne<Agency>(absl::StrCat("SELECT ", kAgencyColumns, " FROM agencies WHERE id = ?"),
                          id, "agency", AgencyFromRow);
  }
  absl::StatusOr<Officer> GetOfficer(const std::string& id) override {
    return GetOne<Officer>(absl::StrCat("SELECT ", kOfficerColumns, " FROM officers WHERE id = ?"),
                           id, "officer", OfficerFromRow);
  }
  absl::StatusOr<Certificate> GetCertificate(const std::string& id) override {
    return GetOne<Certificate>(
        absl::StrCat("SELECT ", kCertificateColumns, " FROM certificates WHERE id = ?"), id,
        "certificate", CertificateFromRow);
  }

  absl::StatusOr<TrainingRecord> GetTrainingRecord(const std::string& id) override {
    return GetOne<TrainingRecord>(
        absl::StrCat("SELECT ", kTrainingColumns, " FROM training_records WHERE id = ?"), id,
        "training record", TrainingFromRow);
  }
  absl::StatusOr<Assessment> GetAssessment(const std::string& id) override {
    return GetOne<Assessment>(
        absl::StrCat("SELECT ", kAssessmentColumns, " FROM assessments WHERE id = ?"), id,
        "assessment", AssessmentFromRow);
  }

  absl::StatusOr<std::vector<CertificateEvent>> GetCertificateHistory(
      const std::string& certificate_id) override {
    return QueryAll<CertificateEvent>(
        absl::StrCat("SELECT ", kEventColumns,
                     " FROM certificate_events WHERE certificate_id = ? ORDER BY sequence"),
        {Text(certificate_id)}, EventFromRow);
  }

  absl::StatusOr<std::vector<Agency>> ListAgencies(const std::string& division_prefix,
                                                   const PageRequest& page) override {
    return QueryAll<Agency>(
        absl::StrCat("SELECT ", kAgencyColumns,
                     " FROM agencies WHERE division_code LIKE ? AND id > ? "
                     "ORDER BY id LIMIT ?"),
        {Text(LikePrefix(division_prefix)), Text(page.after_id), Int(page.limit)}, AgencyFromRow);
  }

  absl::StatusOr<std::vector<Officer>> ListOfficers(const OfficerFilter& f,
                                                    const PageRequest& page) override {
    std::string sql = absl::StrCat("SELECT ", kOfficerColumns,
                                   " FROM officers WHERE division_code LIKE ? AND id > ?");
    std::vector<Value> params = {Text(LikePrefix(f.division_prefix)), Text(page.after_id)};
    if (!f.agency_id.empty()) {
      absl::StrAppend(&sql, " AND agency_id = ?");
      params.push_back(Text(f.agency_id));
    }
    if (f.role.has_value()) {
      absl::StrAppend(&sql, " AND (roles & ?) <> 0");
      params.push_back(Int(RoleBit(*f.role)));
    }
    absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
    params.push_back(Int(page.limit));
    return QueryAll<Officer>(sql, params, OfficerFromRow);
  }

  absl::StatusOr<std::vector<Certificate>> ListCertificates(const CertificateFilter& f,
                                                            const PageRequest& page) override {
    std::string sql = absl::StrCat("SELECT ", kCertificateColumns,
                                   " FROM certificates WHERE division_code LIKE ? AND id > ?");
    std::vector<Value> params = {Text(LikePrefix(f.division_prefix)), Text(page.after_id)};
    if (!f.officer_id.empty()) {
      absl::StrAppend(&sql, " AND officer_id = ?");
      params.push_back(Text(f.officer_id));
    }
    if (f.state.has_value()) {
      const Value today = Text(DayText(f.today));
      const Value expired = Int(static_cast<int64_t>(CertificateState::kExpired));
      switch (*f.state) {
        case CertificateState::kActive:
        case CertificateState::kSuspended:
          absl::StrAppend(&sql, " AND state = ? AND valid_until >= ?");
          params.push_back(Int(static_cast<int64_t>(*f.state)));
          params.push_back(today);
          break;
        case CertificateState::kExpired:
          absl::StrAppend(&sql, " AND (state = ? OR (state IN (?, ?) AND valid_until < ?))");
          params.push_back(expired);
          params.push_back(Int(static_cast<int64_t>(CertificateState::kActive)));
          params.push_back(Int(static_cast<int64_t>(CertificateState::kSuspended)));
          params.push_back(today);
          break;
        case CertificateState::kRevoked:
        case CertificateState::kCancelled:
          absl::StrAppend(&sql, " AND state = ?");
          params.push_back(Int(static_cast<int64_t>(*f.state)));
          break;
      }
    }
    absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
    params.push_back(Int(page.limit));
    return QueryAll<Certificate>(sql, params, CertificateFromRow);
  }

  absl::StatusOr<std::vector<std::pair<Certificate, std::vector<CertificateEvent>>>>
  GetCertificatesWithHistory(const std::vector<std::string>& officer_ids) override {
    std::vector<std::pair<Certificate, std::vector<CertificateEvent>>> out;
    absl::Status s = db_->Read([&](Transaction& tx) -> absl::Status {
      for (const std::string& officer_id : officer_ids) {
        absl::StatusOr<std::vector<Row>> certs =
            tx.Query(absl::StrCat("SELECT ", kCertificateColumns,
                                  " FROM certificates WHERE officer_id = ? ORDER BY id"),
                     {Text(officer_id)});
        if (!certs.ok()) {
          return certs.status();
        }
        for (const Row& row : *certs) {
          Certificate c = CertificateFromRow(row);
          absl::StatusOr<std::vector<Row>> events = tx.Query(
              absl::StrCat("SELECT ", kEventColumns,
                           " FROM certificate_events WHERE certificate_id = ? ORDER BY sequence"),
              {Text(c.id)});
          if (!events.ok()) {
            return events.status();
          }
          std::vector<CertificateEvent> history;
          for (const Row& e : *events) {
            history.push_back(EventFromRow(e));
          }
          out.emplace_back(std::move(c), std::move(history));
        }
      }
      return absl::OkStatus();
    });
    if (!s.ok()) {
      return s;
    }
    return out;
  }

  absl::StatusOr<std::vector<TrainingRecord>> ListTrainingRecords(
      const std::string& officer_id, std::optional<int> year, const PageRequest& page) override {
    std::string sql = absl::StrCat("SELECT ", kTrainingColumns,
                                   " FROM training_records WHERE officer_id = ? AND id > ?");
    std::vector<Value> params = {Text(officer_id), Text(page.after_id)};
    if (year.has_value()) {
      absl::StrAppend(&sql, " AND training_year = ?");
      params.push_back(Int(*year));
    }
    absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
    params.push_back(Int(page.limit));
    return QueryAll<TrainingRecord>(sql, params, TrainingFromRow);
  }

  absl::StatusOr<TrainingScope> GetTrainingForScope(const std::string& officer_id,
                                                    const std::string& agency_id,
                                                    const std::string& division_prefix,
                                                    int year) override {
    TrainingScope scope;
    std::string where;
    Value param;
    if (!officer_id.empty()) {
      where = "officer_id = ?";
      param = Text(officer_id);
    } else if (!agency_id.empty()) {
      where = "agency_id = ?";
      param = Text(agency_id);
    } else {
      where = "division_code LIKE ?";
      param = Text(LikePrefix(division_prefix));
    }
    const std::string officer_where = officer_id.empty() ? where : "id = ?";
    absl::Status s = db_->Read([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<Row>> officers = tx.Query(
          absl::StrCat("SELECT id FROM officers WHERE ", officer_where, " ORDER BY id"), {param});
      if (!officers.ok()) {
        return officers.status();
      }
      for (const Row& r : *officers) {
        scope.officer_ids.push_back(r.Text(0));
      }
      absl::StatusOr<std::vector<Row>> records =
          tx.Query(absl::StrCat("SELECT ", kTrainingColumns, " FROM training_records WHERE ", where,
                                " AND training_year = ? ORDER BY id"),
                   {param, Int(year)});
      if (!records.ok()) {
        return records.status();
      }
      for (const Row& r : *records) {
        scope.records.push_back(TrainingFromRow(r));
      }
      return absl::OkStatus();
    });
    if (!s.ok()) {
      return s;
    }
    return scope;
  }

  absl::StatusOr<std::vector<std::pair<int, int64_t>>> CountedMinutesByYear(
      const std::string& officer_id) override {
    return QueryAll<std::pair<int, int64_t>>(
        "SELECT training_year, SUM(minutes) FROM training_records WHERE officer_id = ? AND "
        "category <> ? GROUP BY training_year ORDER BY training_year",
        {Text(officer_id), Int(static_cast<int64_t>(TrainingCategory::kPoliticalTheory))},
        [](const Row& r) { return std::make_pair(static_cast<int>(r.Int(0)), r.Int(1)); });
  }

  absl::StatusOr<std::vector<Assessment>> ListAssessments(const std::string& officer_id) override {
    return QueryAll<Assessment>(
        absl::StrCat("SELECT ", kAssessmentColumns,
                     " FROM assessments WHERE officer_id = ? ORDER BY assessment_year"),
        {Text(officer_id)}, AssessmentFromRow);
  }

  absl::StatusOr<std::vector<AgencyHeadcount>> Headcounts(
      const std::string& agency_id, const std::string& division_prefix) override {
    const bool by_agency = !agency_id.empty();
    return QueryAll<AgencyHeadcount>(
        absl::StrCat("SELECT a.id, a.name, a.division_code, COUNT(o.id), "
                     "COALESCE(SUM(CASE WHEN (o.roles & 2) <> 0 THEN 1 ELSE 0 END), 0) "
                     "FROM agencies a LEFT JOIN officers o ON o.agency_id = a.id WHERE ",
                     by_agency ? "a.id = ?" : "a.division_code LIKE ?",
                     " GROUP BY a.id, a.name, a.division_code ORDER BY a.division_code, a.id"),
        {by_agency ? Text(agency_id) : Text(LikePrefix(division_prefix))}, [](const Row& r) {
          return AgencyHeadcount{r.Text(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)),
                                 static_cast<int>(r.Int(4))};
        });
  }

  absl::StatusOr<std::vector<DivisionFigures>> FiguresByDivision(absl::CivilDay today,
                                                                 int year) override {
    std::map<std::string, DivisionFigures> by_code;
    auto at = [&](const std::string& code) -> DivisionFigures& {
      DivisionFigures& f = by_code[code];
      f.division_code = code;
      return f;
    };
    absl::Status s = db_->Read([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<Row>> officers = tx.Query(
          "SELECT division_code, COUNT(*), "
          "COALESCE(SUM(CASE WHEN (roles & 2) <> 0 THEN 1 ELSE 0 END), 0) "
          "FROM officers GROUP BY division_code");
      if (!officers.ok()) return officers.status();
      for (const Row& r : *officers) {
        at(r.Text(0)).officers = static_cast<int>(r.Int(1));
        at(r.Text(0)).legal_reviewers = static_cast<int>(r.Int(2));
      }
      absl::StatusOr<std::vector<Row>> certificates = tx.Query(
          "SELECT division_code, CASE WHEN state IN (?, ?) AND valid_until < ? THEN ? "
          "ELSE state END AS effective, COUNT(*) FROM certificates "
          "GROUP BY division_code, effective",
          {Int(static_cast<int64_t>(CertificateState::kActive)),
           Int(static_cast<int64_t>(CertificateState::kSuspended)), Text(DayText(today)),
           Int(static_cast<int64_t>(CertificateState::kExpired))});
      if (!certificates.ok()) return certificates.status();
      for (const Row& r : *certificates) {
        const int64_t state = r.Int(1);
        if (state >= 1 && state <= 5) {
          at(r.Text(0)).certificates_by_state[state] = static_cast<int>(r.Int(2));
        }
      }
      absl::StatusOr<std::vector<Row>> expiring = tx.Query(
          "SELECT division_code, COUNT(*) FROM certificates WHERE state IN (?, ?) "
          "AND valid_until >= ? AND valid_until <= ? GROUP BY division_code",
          {Int(static_cast<int64_t>(CertificateState::kActive)),
           Int(static_cast<int64_t>(CertificateState::kSuspended)), Text(DayText(today)),
           Text(DayText(today + 30))});
      if (!expiring.ok()) return expiring.status();
      for (const Row& r : *expiring) {
        at(r.Text(0)).certificates_expiring_30d = static_cast<int>(r.Int(1));
      }
      absl::StatusOr<std::vector<Row>> compliant = tx.Query(
          "SELECT o.division_code, COUNT(*) FROM officers o JOIN "
          "(SELECT officer_id FROM training_records WHERE training_year = ? AND category <> ? "
          "GROUP BY officer_id HAVING SUM(minutes) >= ?) t ON t.officer_id = o.id "
          "GROUP BY o.division_code",
          {Int(year), Int(static_cast<int64_t>(TrainingCategory::kPoliticalTheory)),
           Int(kRequiredTrainingMinutesPerYear)});
      if (!compliant.ok()) return compliant.status();
      for (const Row& r : *compliant) {
        at(r.Text(0)).training_compliant = static_cast<int>(r.Int(1));
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    std::vector<DivisionFigures> out;
    for (auto& [code, figures] : by_code) out.push_back(figures);
    return out;
  }

  absl::StatusOr<Officer> UpdateOfficer(const Officer& o, int64_t expected_version,
                                        const AuditEntry& audit) override {
    absl::Status s = db_->Write([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<int64_t> changed = tx.Execute(
          "UPDATE officers SET name = ?, roles = ?, update_time = ?, version = version + 1 "
          "WHERE id = ? AND version = ?",
          {Text(o.name), Int(RoleBits(o.roles)), TimeValue(o.update_time), Text(o.id),
           Int(expected_version)});
      if (!changed.ok()) {
        return changed.status();
      }
      if (*changed == 0) {
        return VersionConflict(tx, "officers", o.id, "officer", "officer.etag");
      }
      absl::Status journaled = Journal(tx, OfficerCacheKey(o.id), o.update_time);
      if (!journaled.ok()) {
        return journaled;
      }
      return WriteAuditRow(tx, *ids_, audit);
    });
    if (!s.ok()) {
      return s;
    }
    AfterCommit();
    return GetOfficer(o.id);
  }

  absl::StatusOr<Certificate> TransitionCertificate(const std::string& id, int64_t expected_version,
                                                    CertificateState to_state,
                                                    const CertificateEvent& event,
                                                    const AuditEntry& audit) override {
    absl::Status s = db_->Write([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<int64_t> changed = tx.Execute(
          "UPDATE certificates SET state = ?, state_reason = ?, review_required = 0, "
          "update_time = ?, version = version + 1 WHERE id = ? AND version = ?",
          {Int(static_cast<int64_t>(to_state)), Text(event.reason), TimeValue(event.time), Text(id),
           Int(expected_version)});
      if (!changed.ok()) {
        return changed.status();
      }
      if (*changed == 0) {
        return VersionConflict(tx, "certificates", id, "certificate", "etag");
      }
      absl::Status appended = AppendCertificateEvent(tx, id, event);
      if (!appended.ok()) {
        return appended;
      }
      if (IsFinal(to_state) && hooks_.deadlines != nullptr) {
        absl::Status cancelled = hooks_.deadlines->Cancel(tx, kCertificateExpiryKind, id);
        if (!cancelled.ok()) {
          return cancelled;
        }
      }
      absl::StatusOr<std::vector<Row>> holder =
          tx.Query("SELECT officer_id FROM certificates WHERE id = ?", {Text(id)});
      if (!holder.ok()) {
        return holder.status();
      }
      absl::Status journaled = JournalEligibility(tx, (*holder)[0].Text(0), event.time);
      if (journaled.ok()) {
        journaled = Journal(tx, CertificateCacheKey(id), event.time);
      }
      if (!journaled.ok()) {
        return journaled;
      }
      return WriteAuditRow(tx, *ids_, audit);
    });
    if (!s.ok()) {
      return s;
    }
    AfterCommit();
    return GetCertificate(id);
  }

 private:
  // One create: idempotency lookup, insert, audit and key, in one transaction.
  absl::StatusOr<Created> CreateWith(const std::optional<IdempotencyKey>& key,
                                     const AuditEntry& audit, const std::string& id,
                                     absl::FunctionRef<absl::Status(Transaction&)> insert) {
    Created created{id, false};
    absl::Status s = db_->Write([&](Transaction& tx) -> absl::Status {
      created = Created{id, false};
      if (key.has_value()) {
        absl::StatusOr<std::optional<std::string>> earlier =
            store::FindIdempotentResult(tx, key->method, key->request_id, key->request_hash);
        if (!earlier.ok()) {
          return earlier.status();
        }
        if (earlier->has_value()) {
          created = Created{**earlier, true};
          return absl::OkStatus();
        }
      }
      absl::Status inserted = NameUniqueViolation(insert(tx));
      if (!inserted.ok()) {
        return inserted;
      }
      absl::Status audited = WriteAuditRow(tx, *ids_, audit);
      if (!audited.ok() || !key.has_value()) {
        return audited;
      }
      return store::RecordIdempotentResult(tx, key->method, key->request_id, key->request_hash, id,
                                           audit.time);
    });
    if (!s.ok()) {
      return s;
    }
    AfterCommit();
    return created;
  }

  // Marks the cached eligibility inputs of `officer_id` for invalidation, in
  // the change's transaction (common/cache/invalidation_journal.h).
  absl::Status JournalEligibility(Transaction& tx, const std::string& officer_id, absl::Time now) {
    return Journal(tx, EligibilityCacheKey(officer_id), now);
  }

  absl::Status Journal(Transaction& tx, const std::string& key, absl::Time now) {
    if (hooks_.journal == nullptr) {
      return absl::OkStatus();
    }
    return hooks_.journal->Record(tx, ids_->NewId(), key, now);
  }

  // Right after a commit, before the caller answers: the cache must no
  // longer serve what the change made wrong, and new deadlines go to Redis.
  // Failures are logged by those components and retried by their loops;
  // the change itself is committed either way.
  void AfterCommit() {
    if (hooks_.journal != nullptr) {
      hooks_.journal->Flush().IgnoreError();
    }
    if (hooks_.deadlines != nullptr) {
      hooks_.deadlines->PublishPending().IgnoreError();
    }
  }

  // After an UPDATE matched no row: NOT_FOUND if the record is gone, else
  // the version moved on (ABORTED).
  absl::Status VersionConflict(Transaction& tx, absl::string_view table, const std::string& id,
                               absl::string_view resource, absl::string_view etag_field) {
    absl::StatusOr<std::vector<Row>> rows =
        tx.Query(absl::StrCat("SELECT 1 FROM ", table, " WHERE id = ?"), {Text(id)});
    if (!rows.ok()) {
      return rows.status();
    }
    if (rows->empty()) {
      return absl::NotFoundError(absl::StrCat(resource, " not found"));
    }
    return StaleEtag(etag_field);
  }

  template <typename T, typename F>
  absl::StatusOr<std::vector<T>> QueryAll(const std::string& sql, const std::vector<Value>& params,
                                          F from_row) {
    std::vector<T> out;
    absl::Status s = db_->Read([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
      if (!rows.ok()) {
        return rows.status();
      }
      out.reserve(rows->size());
      for (const Row& r : *rows) {
        out.push_back(from_row(r));
      }
      return absl::OkStatus();
    });
    if (!s.ok()) {
      return s;
    }
    return out;
  }

  template <typename T, typename F>
  absl::StatusOr<T> GetOne(const std::string& sql, const std::string& id, absl::string_view what,
                           F from_row) {
    absl::StatusOr<std::vector<T>> rows = QueryAll<T>(sql, {Text(id)}, from_row);
    if (!rows.ok()) {
      return rows.status();
    }
    if (rows->empty()) {
      return absl::NotFoundError(absl::StrCat(what, " not found"));
    }
    return std::move((*rows)[0]);
  }

  store::Database* db_;
  IdGenerator* ids_;
  StoreHooks hooks_;
};

}  // namespace

std::string EligibilityCacheKey(absl::string_view officer_id) {
  return absl::StrCat("eligibility:", officer_id);
}

std::string OfficerCacheKey(absl::string_view officer_id) {
  return absl::StrCat("officer:", officer_id);
}

std::string CertificateCacheKey(absl::string_view certificate_id) {
  return absl::StrCat("certificate:", certificate_id);
}

absl::StatusOr<std::unique_ptr<PersonnelStore>> OpenSqlPersonnelStore(store::Database* db,
                                                                      IdGenerator* ids,
                                                                      StoreHooks hooks) {
  absl::Status migrated = store::Migrate(*db, kServiceName, PersonnelMigrations());
  if (!migrated.ok()) {
    return migrated;
  }
  return std::make_unique<SqlPersonnelStore>(db, ids, hooks);
}

}  // namespace lawenforce::personnel
