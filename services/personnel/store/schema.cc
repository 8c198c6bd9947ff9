#include "services/personnel/store/schema.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/cache/invalidation_journal.h"
#include "common/deadlines/schema.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"

namespace lawenforce::personnel {
namespace {

// Times are integer microseconds since the Unix epoch (UTC); civil dates are
// 'YYYY-MM-DD' text (sortable); domains are comma-separated codes (codes
// cannot contain commas); officer roles are a bit set (1 officer, 2 legal
// reviewer, 4 supervisor); enums are their numeric domain values.
constexpr absl::string_view kInitialSchema = R"sql(
CREATE TABLE agencies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  division_code TEXT NOT NULL,
  domains TEXT NOT NULL,
  require_training INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX agencies_by_division ON agencies (division_code, id);

CREATE TABLE officers (
  id TEXT PRIMARY KEY,
  agency_id TEXT NOT NULL REFERENCES agencies (id),
  division_code TEXT NOT NULL,
  name TEXT NOT NULL,
  id_number_cipher TEXT NOT NULL,
  id_number_index TEXT NOT NULL UNIQUE,
  id_number_masked TEXT NOT NULL,
  roles INTEGER NOT NULL,
  review_required INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX officers_by_division ON officers (division_code, id);
CREATE INDEX officers_by_agency ON officers (agency_id, id);

CREATE TABLE certificates (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  officer_id TEXT NOT NULL REFERENCES officers (id),
  agency_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  kind INTEGER NOT NULL,
  domains TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  state INTEGER NOT NULL,
  state_reason TEXT NOT NULL,
  review_required INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX certificates_by_officer ON certificates (officer_id);
CREATE INDEX certificates_by_division ON certificates (division_code, id);

CREATE TABLE certificate_events (
  certificate_id TEXT NOT NULL REFERENCES certificates (id),
  sequence INTEGER NOT NULL,
  from_state INTEGER,
  to_state INTEGER NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  event_time INTEGER NOT NULL,
  PRIMARY KEY (certificate_id, sequence)
);

CREATE TABLE training_records (
  id TEXT PRIMARY KEY,
  officer_id TEXT NOT NULL REFERENCES officers (id),
  agency_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  category INTEGER NOT NULL,
  course TEXT NOT NULL,
  training_date TEXT NOT NULL,
  training_year INTEGER NOT NULL,
  provider TEXT NOT NULL,
  create_time INTEGER NOT NULL
);
CREATE INDEX training_by_officer_year ON training_records (officer_id, training_year, id);
CREATE INDEX training_by_division_year ON training_records (division_code, training_year);

CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  officer_id TEXT NOT NULL REFERENCES officers (id),
  assessment_year INTEGER NOT NULL,
  result INTEGER NOT NULL,
  remarks TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  UNIQUE (officer_id, assessment_year)
);

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  event_time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_by_resource ON audit_log (resource_id, event_time);
)sql";

// Issue 14.
// - The identity-card ciphertext is raw AES-GCM bytes: TEXT cannot hold it
//   on PostgreSQL, so it moves to a BLOB (BYTEA) column, existing rows
//   converted byte for byte.
// - Idempotency records stored an unkeyed SHA-256 of the whole request,
//   which confirms a guessed identity-card number to anyone holding the
//   file. They are dropped: keys are now caller-scoped with a keyed hash
//   (common/app/use_case.h KeyFor), so no old key could match again, and
//   every create is protected from a duplicate by its own uniqueness rule.
//   (SQLite keeps the deleted bytes in free pages until VACUUM:
//   docs/api/personnel.md, section 7.)
// - History events record when they were recorded besides when they took
//   effect; existing events took effect when they were recorded.
// - Certificate numbers are unique whatever their case: stored upper case.
constexpr absl::string_view kIssue14Schema = R"sql(
ALTER TABLE officers ADD COLUMN id_number_sealed BLOB;
UPDATE officers SET id_number_sealed = CAST(id_number_cipher AS BLOB);
ALTER TABLE officers DROP COLUMN id_number_cipher;
DELETE FROM idempotency_keys;
ALTER TABLE certificate_events ADD COLUMN record_time INTEGER;
UPDATE certificate_events SET record_time = event_time;
UPDATE certificates SET number = UPPER(number);
)sql";

// Issue 22: bulk import from HR systems. One row per imported record:
// which record of ours it is and the keyed digest of what was imported
// (an officer's holds the identity-card number: HMAC under the PII key).
constexpr absl::string_view kImportSourcesSchema = R"sql(
CREATE TABLE import_sources (
  kind TEXT NOT NULL,
  system TEXT NOT NULL,
  source_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  digest TEXT NOT NULL,
  first_import_time INTEGER NOT NULL,
  last_import_time INTEGER NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (kind, system, source_id)
);
)sql";

// Issue 22: officer lifecycles. An officer's service is a list of periods
// at agencies (a transfer closes one and opens the next; leaving a post or
// retiring closes the last); the officer row keeps the current agency and
// standing. Every officer so far has served their agency since
// registration.
constexpr absl::string_view kOfficerServiceSchema = R"sql(
CREATE TABLE officer_service (
  officer_id TEXT NOT NULL REFERENCES officers (id),
  sequence INTEGER NOT NULL,
  agency_id TEXT NOT NULL REFERENCES agencies (id),
  division_code TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  end_reason INTEGER,
  end_note TEXT NOT NULL,
  end_actor TEXT NOT NULL,
  record_time INTEGER NOT NULL,
  PRIMARY KEY (officer_id, sequence)
);
CREATE INDEX officer_service_by_agency ON officer_service (agency_id, start_time);
CREATE INDEX officer_service_by_division ON officer_service (division_code, start_time);
INSERT INTO officer_service (officer_id, sequence, agency_id, division_code, start_time,
                             end_time, end_reason, end_note, end_actor, record_time)
  SELECT id, 1, agency_id, division_code, create_time, NULL, NULL, '', '', create_time
  FROM officers;
ALTER TABLE officers ADD COLUMN service_start INTEGER;
UPDATE officers SET service_start = create_time;
ALTER TABLE officers ADD COLUMN service_end INTEGER;
ALTER TABLE officers ADD COLUMN service_end_reason INTEGER;
)sql";

// Issue 22: certificate lifecycles. A suspension may have an end (the
// deadline engine writes the reinstatement), and a change may name the
// decision document it rests on.
constexpr absl::string_view kCertificateTermsSchema = R"sql(
ALTER TABLE certificates ADD COLUMN state_document TEXT;
ALTER TABLE certificates ADD COLUMN suspended_until INTEGER;
ALTER TABLE certificate_events ADD COLUMN until_time INTEGER;
ALTER TABLE certificate_events ADD COLUMN decision_document TEXT;
)sql";

// Issue 22: ListAuditEntries. The audit log gains the RPC method, the
// record's division (with its tier prefixes) and the changed fields. Rows
// written before are given the division their record has now and the
// method their action stands for; a denial of an id that names no record,
// or of a division, keeps an empty division (only a region-wide list
// shows it).
constexpr absl::string_view kAuditBackfillSql = R"sql(
UPDATE audit_log SET division_code = (SELECT a.division_code FROM agencies a
  WHERE a.id = audit_log.resource_id) WHERE resource_id IN (SELECT id FROM agencies);
UPDATE audit_log SET division_code = (SELECT o.division_code FROM officers o
  WHERE o.id = audit_log.resource_id) WHERE resource_id IN (SELECT id FROM officers);
UPDATE audit_log SET division_code = (SELECT c.division_code FROM certificates c
  WHERE c.id = audit_log.resource_id) WHERE resource_id IN (SELECT id FROM certificates);
UPDATE audit_log SET division_code = (SELECT o.division_code FROM training_records t
  JOIN officers o ON o.id = t.officer_id WHERE t.id = audit_log.resource_id)
  WHERE resource_id IN (SELECT id FROM training_records);
UPDATE audit_log SET division_code = (SELECT o.division_code FROM assessments s
  JOIN officers o ON o.id = s.officer_id WHERE s.id = audit_log.resource_id)
  WHERE resource_id IN (SELECT id FROM assessments);
UPDATE audit_log SET method = CASE action
  WHEN 'agency.create' THEN 'CreateAgency'
  WHEN 'agency.import' THEN 'ImportAgencies'
  WHEN 'agency.import_link' THEN 'ImportAgencies'
  WHEN 'officer.create' THEN 'CreateOfficer'
  WHEN 'officer.update' THEN 'UpdateOfficer'
  WHEN 'officer.review_cleared' THEN 'ClearOfficerReview'
  WHEN 'officer.import' THEN 'ImportOfficers'
  WHEN 'officer.import_update' THEN 'ImportOfficers'
  WHEN 'officer.transfer' THEN 'TransferOfficer'
  WHEN 'officer.return' THEN 'TransferOfficer'
  WHEN 'officer.leave_post' THEN 'EndOfficerService'
  WHEN 'officer.retire' THEN 'EndOfficerService'
  WHEN 'certificate.issue' THEN 'IssueCertificate'
  WHEN 'certificate.suspend' THEN 'SuspendCertificate'
  WHEN 'certificate.reinstate' THEN 'ReinstateCertificate'
  WHEN 'certificate.revoke' THEN 'RevokeCertificate'
  WHEN 'certificate.cancel' THEN CASE
    WHEN detail LIKE 'officer transferred%' THEN 'TransferOfficer'
    WHEN detail LIKE 'officer %' THEN 'EndOfficerService'
    ELSE 'CancelCertificate' END
  WHEN 'training.record' THEN 'RecordTraining'
  WHEN 'training.import' THEN 'ImportTrainingRecords'
  WHEN 'assessment.record' THEN 'RecordAssessment'
  ELSE CASE WHEN action LIKE 'denied.%' THEN substr(action, 8) ELSE '' END END;
)sql";

// Issue 22: renewal and replacement (换证/补证) link the old and the new
// certificate.
constexpr absl::string_view kCertificateLinksSchema = R"sql(
ALTER TABLE certificates ADD COLUMN replaces_id TEXT;
ALTER TABLE certificates ADD COLUMN replaced_by_id TEXT;
)sql";

}  // namespace

const std::vector<store::Migration>& PersonnelMigrations() {
  static const auto* const kMigrations = [] {
    static const std::string kFirst = absl::StrCat(kInitialSchema, store::kIdempotencyKeysTableSql);
    static const std::string kAuditScope =
        absl::StrCat(store::kAuditLogScopeSql, kAuditBackfillSql, store::kAuditLogScopeFillSql);
    return new std::vector<store::Migration>{
        {1, "initial personnel schema", kFirst},
        {2, "deadlines (certificate expiry)", deadlines::kDeadlinesTableSql},
        {3, "cache invalidation journal", cache::kCacheInvalidationsTableSql},
        {4, "sealed id numbers, keyed idempotency, recorded event times", kIssue14Schema},
        {5, "import sources (bulk import from HR systems)", kImportSourcesSchema},
        {6, "officer service periods (transfer, leaving, retirement)", kOfficerServiceSchema},
        {7, "suspensions with an end, decision documents", kCertificateTermsSchema},
        {8, "audit log: method, division, changed fields, list indexes", kAuditScope},
        {9, "certificate renewal and replacement links", kCertificateLinksSchema},
    };
  }();
  return *kMigrations;
}

}  // namespace lawenforce::personnel
