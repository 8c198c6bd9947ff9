#include "tools/lawenforcectl/import_requests.h"

#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace lawenforce::ctl {
namespace {

namespace pv1 = personnel::v1;

// The raw records of `text`: fields of each record and the line it starts on.
absl::StatusOr<std::vector<std::pair<int, std::vector<std::string>>>> SplitCsv(
    absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  std::vector<std::pair<int, std::vector<std::string>>> out;
  std::vector<std::string> fields;
  std::string field;
  int line = 1;
  int record_line = 1;
  bool quoted = false;
  bool after_quote = false;  // the field's closing quote was read
  bool any = false;          // the record has any character
  auto end_record = [&] {
    if (any) {
      fields.push_back(std::move(field));
      out.emplace_back(record_line, std::move(fields));
    }
    fields.clear();
    field.clear();
    any = false;
    after_quote = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      end_record();
      ++line;
      record_line = line;
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
      any = true;
      continue;
    }
    if (after_quote) {
      return absl::InvalidArgumentError(
          absl::StrCat("--file line ", line, ": text after a closing quote"));
    }
    if (c == '"') {
      if (!field.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--file line ", line, ": a quote inside an unquoted field"));
      }
      quoted = true;
      any = true;
      continue;
    }
    field.push_back(c);
    any = true;
  }
  if (quoted) {
    return absl::InvalidArgumentError(
        absl::StrCat("--file line ", record_line, ": a quoted field is not closed"));
  }
  end_record();
  return out;
}

// The record's cell `column`, trimmed; empty when the column is absent.
std::string Cell(const CsvRow& row, const std::string& column) {
  auto it = row.cells.find(column);
  return it == row.cells.end() ? "" : std::string(absl::StripAsciiWhitespace(it->second));
}

// "--file line N, column C: <what>" from a value parser's "--C: <what>".
absl::Status RowError(const CsvRow& row, absl::string_view column, const absl::Status& s) {
  absl::string_view what = s.message();
  absl::ConsumePrefix(&what, absl::StrCat("--", column, ": "));
  return absl::InvalidArgumentError(
      absl::StrCat("--file line ", row.line, ", column ", column, ": ", what));
}

// The ';'-separated values of a cell, trimmed, empty ones dropped.
std::vector<std::string> List(const std::string& cell) {
  std::vector<std::string> out;
  for (absl::string_view v : absl::StrSplit(cell, ';')) {
    v = absl::StripAsciiWhitespace(v);
    if (!v.empty()) out.emplace_back(v);
  }
  return out;
}

template <typename Request, typename Record, typename Fill>
absl::StatusOr<std::vector<Request>> BuildCsvImport(const Args& args, const RequestContext& context,
                                                    const std::vector<std::string>& known,
                                                    const std::vector<std::string>& required,
                                                    Record* (*add)(Request&), Fill fill) {
  int batch = 0;
  absl::StatusOr<Request> prototype = ImportPrototype<Request>(args, &batch);
  if (!prototype.ok()) return prototype.status();
  absl::StatusOr<std::string> text = ReadFileFlag(args, context, "file");
  if (!text.ok()) return text.status();
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(*text, known, required);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InvalidArgumentError("--file: no records");
  std::vector<Request> out;
  int in_batch = batch;
  for (const CsvRow& row : *rows) {
    if (in_batch == batch) {
      out.push_back(*prototype);
      in_batch = 0;
    }
    Record* record = add(out.back());
    record->set_source_id(Cell(row, "source_id"));
    if (absl::Status s = fill(row, *record); !s.ok()) return s;
    ++in_batch;
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text,
                                             const std::vector<std::string>& known,
                                             const std::vector<std::string>& required) {
  absl::StatusOr<std::vector<std::pair<int, std::vector<std::string>>>> records = SplitCsv(text);
  if (!records.ok()) return records.status();
  if (records->empty()) return absl::InvalidArgumentError("--file: no header row");
  std::vector<std::string> header;
  std::set<std::string> seen;
  const std::set<std::string> allowed(known.begin(), known.end());
  for (const std::string& raw : (*records)[0].second) {
    std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
    if (!allowed.contains(name)) {
      return absl::InvalidArgumentError(absl::StrCat("--file line 1: unknown column \"", name,
                                                     "\"; the columns are ",
                                                     absl::StrJoin(known, ", ")));
    }
    if (!seen.insert(name).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("--file line 1: column \"", name, "\" appears twice"));
    }
    header.push_back(std::move(name));
  }
  for (const std::string& name : required) {
    if (!seen.contains(name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--file line 1: missing column \"", name, "\""));
    }
  }
  std::vector<CsvRow> out;
  for (size_t r = 1; r < records->size(); ++r) {
    auto& [line, fields] = (*records)[r];
    if (fields.size() != header.size()) {
      return absl::InvalidArgumentError(absl::StrCat("--file line ", line, ": ", fields.size(),
                                                     " fields; the header has ", header.size()));
    }
    CsvRow row;
    row.line = line;
    for (size_t i = 0; i < header.size(); ++i) row.cells[header[i]] = std::move(fields[i]);
    out.push_back(std::move(row));
  }
  return out;
}

absl::StatusOr<std::vector<pv1::ImportAgenciesRequest>> BuildImportAgencies(
    const Args& args, const RequestContext& context) {
  return BuildCsvImport<pv1::ImportAgenciesRequest, pv1::ImportedAgency>(
      args, context, {"source_id", "name", "division_code", "domains", "require_training"},
      {"source_id", "name", "division_code", "domains"},
      [](pv1::ImportAgenciesRequest& r) { return r.add_agencies(); },
      [](const CsvRow& row, pv1::ImportedAgency& record) -> absl::Status {
        pv1::Agency* a = record.mutable_agency();
        a->set_name(Cell(row, "name"));
        a->set_division_code(Cell(row, "division_code"));
        for (const std::string& d : List(Cell(row, "domains"))) a->add_domains(d);
        const std::string training = absl::AsciiStrToLower(Cell(row, "require_training"));
        if (training == "true" || training == "1" || training == "yes") {
          a->set_require_training_for_eligibility(true);
        } else if (!training.empty() && training != "false" && training != "0" &&
                   training != "no") {
          return RowError(row, "require_training",
                          absl::InvalidArgumentError(
                              absl::StrCat("want true or false, got \"", training, "\"")));
        }
        return absl::OkStatus();
      });
}

absl::StatusOr<std::vector<pv1::ImportOfficersRequest>> BuildImportOfficers(
    const Args& args, const RequestContext& context) {
  return BuildCsvImport<pv1::ImportOfficersRequest, pv1::ImportedOfficer>(
      args, context, {"source_id", "name", "id_number", "roles", "agency_source_id", "agency_id"},
      {"source_id", "name", "id_number", "roles"},
      [](pv1::ImportOfficersRequest& r) { return r.add_officers(); },
      [](const CsvRow& row, pv1::ImportedOfficer& record) -> absl::Status {
        pv1::Officer* o = record.mutable_officer();
        o->set_name(Cell(row, "name"));
        o->set_id_number(Cell(row, "id_number"));
        o->set_agency_id(Cell(row, "agency_id"));
        record.set_agency_source_id(Cell(row, "agency_source_id"));
        for (const std::string& role : List(Cell(row, "roles"))) {
          absl::StatusOr<int> value =
              ParseChoiceFlag("roles", absl::AsciiStrToLower(role), OfficerRoleChoices());
          if (!value.ok()) return RowError(row, "roles", value.status());
          o->add_roles(static_cast<pv1::OfficerRole>(*value));
        }
        return absl::OkStatus();
      });
}

absl::StatusOr<std::vector<pv1::ImportTrainingRecordsRequest>> BuildImportTraining(
    const Args& args, const RequestContext& context) {
  return BuildCsvImport<pv1::ImportTrainingRecordsRequest, pv1::ImportedTrainingRecord>(
      args, context,
      {"source_id", "officer_source_id", "officer_id", "date", "hours", "category", "course",
       "provider"},
      {"source_id", "date", "hours", "category", "course", "provider"},
      [](pv1::ImportTrainingRecordsRequest& r) { return r.add_records(); },
      [](const CsvRow& row, pv1::ImportedTrainingRecord& record) -> absl::Status {
        pv1::TrainingRecord* t = record.mutable_record();
        t->set_officer_id(Cell(row, "officer_id"));
        record.set_officer_source_id(Cell(row, "officer_source_id"));
        absl::StatusOr<common::v1::Date> date = ParseDateFlag("date", Cell(row, "date"));
        if (!date.ok()) return RowError(row, "date", date.status());
        *t->mutable_date() = *date;
        absl::StatusOr<double> hours = ParsePositiveNumberFlag("hours", Cell(row, "hours"));
        if (!hours.ok()) return RowError(row, "hours", hours.status());
        t->set_hours(*hours);
        absl::StatusOr<int> category = ParseChoiceFlag(
            "category", absl::AsciiStrToLower(Cell(row, "category")), TrainingCategoryChoices());
        if (!category.ok()) return RowError(row, "category", category.status());
        t->set_category(static_cast<pv1::TrainingCategory>(*category));
        t->set_course(Cell(row, "course"));
        t->set_provider(Cell(row, "provider"));
        return absl::OkStatus();
      });
}

}  // namespace lawenforce::ctl
