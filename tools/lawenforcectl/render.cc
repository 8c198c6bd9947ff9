#include "tools/lawenforcectl/render.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "common/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"
#include "tools/lawenforcectl/text.h"

namespace lawenforce::ctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr absl::string_view kTimestampType = "google.protobuf.Timestamp";
constexpr absl::string_view kDateType = "lawenforce.common.v1.Date";
constexpr absl::string_view kNextPageToken = "next_page_token";
// Guards against recursive message types.
constexpr int kMaxDepth = 4;

// Messages printed as one value rather than flattened.
bool IsValueMessage(const Descriptor* type) {
  return type->full_name() == kTimestampType || type->full_name() == kDateType;
}

bool IsTableField(const FieldDescriptor* field) {
  return field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
         !IsValueMessage(field->message_type());
}

// A field reached from the top message through singular sub-messages.
struct Column {
  std::vector<const FieldDescriptor*> path;
  std::string name;  // dotted proto names: "figures.officer_count"
};

// Collects the value columns of `type`; with `tables`, repeated message
// fields are collected there instead of becoming "[n]" columns.
void CollectColumns(const Descriptor* type, std::vector<const FieldDescriptor*> prefix,
                    std::vector<Column>* columns, std::vector<Column>* tables) {
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    std::vector<const FieldDescriptor*> path = prefix;
    path.push_back(field);
    std::vector<std::string> names;
    for (const FieldDescriptor* f : path) {
      names.push_back(f->name());
    }
    Column column{path, absl::StrJoin(names, ".")};
    if (tables != nullptr && IsTableField(field)) {
      tables->push_back(std::move(column));
    } else if (!field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
               !IsValueMessage(field->message_type()) &&
               static_cast<int>(path.size()) < kMaxDepth) {
      CollectColumns(field->message_type(), path, columns, tables);
    } else {
      columns->push_back(std::move(column));
    }
  }
}

std::string EnumText(const EnumDescriptor* type, int number) {
  const auto* value = type->FindValueByNumber(number);
  if (value == nullptr) {
    return absl::StrCat(number);  // Newer server, older CLI: show the number.
  }
  // The prefix is what precedes UNSPECIFIED in the zero value's name.
  constexpr absl::string_view kUnspecified = "UNSPECIFIED";
  std::string prefix;
  const auto* zero = type->FindValueByNumber(0);
  if (zero != nullptr && absl::EndsWith(zero->name(), kUnspecified)) {
    prefix = zero->name().substr(0, zero->name().size() - kUnspecified.size());
  }
  absl::string_view name = value->name();
  if (!prefix.empty() && absl::StartsWith(name, prefix) && name.size() > prefix.size()) {
    name.remove_prefix(prefix.size());
  }
  return std::string(name);
}

std::string ValueMessageText(const Message& message) {
  const Descriptor* type = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  const auto int_field = [&](absl::string_view name) -> int64_t {
    const FieldDescriptor* field = type->FindFieldByName(std::string(name));
    return field->cpp_type() == FieldDescriptor::CPPTYPE_INT64
               ? reflection->GetInt64(message, field)
               : reflection->GetInt32(message, field);
  };
  if (type->full_name() == kTimestampType) {
    absl::Time time = absl::FromUnixSeconds(int_field("seconds"));
    return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", time, ChinaTimeZone());
  }
  // Date.
  char text[32];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02d", static_cast<int>(int_field("year")),
                static_cast<int>(int_field("month")), static_cast<int>(int_field("day")));
  return text;
}

// One element (index >= 0) or the singular value (index < 0) of `field`.
std::string FieldValueText(const Message& message, const FieldDescriptor* field, int index) {
  const Reflection* r = message.GetReflection();
  const bool rep = index >= 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(message, field, index)
                              : r->GetInt32(message, field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(message, field, index)
                              : r->GetInt64(message, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(message, field, index)
                              : r->GetUInt32(message, field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(message, field, index)
                              : r->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(rep ? r->GetRepeatedDouble(message, field, index)
                              : r->GetDouble(message, field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(rep ? r->GetRepeatedFloat(message, field, index)
                              : r->GetFloat(message, field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(message, field, index) : r->GetBool(message, field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumText(field->enum_type(), rep ? r->GetRepeatedEnumValue(message, field, index)
                                              : r->GetEnumValue(message, field));
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value =
          rep ? r->GetRepeatedString(message, field, index) : r->GetString(message, field);
      return field->type() == FieldDescriptor::TYPE_BYTES ? absl::Base64Escape(value)
                                                          : Sanitize(value);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      if (rep) {
        const Message& element = r->GetRepeatedMessage(message, field, index);
        return IsValueMessage(field->message_type()) ? ValueMessageText(element) : "{...}";
      }
      if (!r->HasField(message, field)) {
        return "";
      }
      const Message& value = r->GetMessage(message, field);
      // A zero Timestamp (the epoch) is no moment of this domain: a server
      // that set the field without a value. Shown as empty, like unset.
      if (value.GetDescriptor()->full_name() == kTimestampType && value.ByteSizeLong() == 0) {
        return "";
      }
      return ValueMessageText(value);
    }
  }
  return "";
}

// The text of `column` in `message`; "" when a sub-message on the path is
// unset.
std::string ColumnText(const Message& message, const Column& column) {
  const Message* current = &message;
  for (size_t i = 0; i + 1 < column.path.size(); ++i) {
    const Reflection* r = current->GetReflection();
    if (!r->HasField(*current, column.path[i])) {
      return "";
    }
    current = &r->GetMessage(*current, column.path[i]);
  }
  const FieldDescriptor* field = column.path.back();
  const Reflection* r = current->GetReflection();
  if (!field->is_repeated()) {
    return FieldValueText(*current, field, -1);
  }
  int size = r->FieldSize(*current, field);
  if (IsTableField(field)) {
    return size == 0 ? "" : absl::StrCat("[", size, "]");
  }
  std::vector<std::string> parts;
  for (int i = 0; i < size; ++i) {
    parts.push_back(FieldValueText(*current, field, i));
  }
  return absl::StrJoin(parts, ",");
}

// The message holding the last field of `column`, or nullptr when a
// sub-message on its path is unset.
const Message* Parent(const Message& message, const Column& column) {
  const Message* current = &message;
  for (size_t i = 0; i + 1 < column.path.size(); ++i) {
    const Reflection* r = current->GetReflection();
    if (!r->HasField(*current, column.path[i])) {
      return nullptr;
    }
    current = &r->GetMessage(*current, column.path[i]);
  }
  return current;
}

// A table of the elements of repeated message field `field` of `parent`,
// each line prefixed by `indent`.
std::string RenderTable(const Message& parent, const FieldDescriptor* field,
                        absl::string_view indent) {
  const Reflection* r = parent.GetReflection();
  const int rows = r->FieldSize(parent, field);
  std::vector<Column> columns;
  CollectColumns(field->message_type(), {}, &columns, /*tables=*/nullptr);

  // cells[c][row]; keep only the columns with a value somewhere.
  std::vector<Column> kept;
  std::vector<std::vector<std::string>> cells;
  for (const Column& column : columns) {
    std::vector<std::string> values;
    bool any = false;
    for (int row = 0; row < rows; ++row) {
      values.push_back(ColumnText(r->GetRepeatedMessage(parent, field, row), column));
      any = any || !values.back().empty();
    }
    if (any) {
      kept.push_back(column);
      cells.push_back(std::move(values));
    }
  }
  if (rows == 0) {
    return absl::StrCat(indent, "(no ", field->name(), ")\n");
  }
  if (kept.empty()) {
    return absl::StrCat(indent, "(", rows, " ", field->name(), ", every field empty)\n");
  }

  std::vector<std::string> headers;
  std::vector<size_t> widths;
  for (size_t c = 0; c < kept.size(); ++c) {
    headers.push_back(absl::AsciiStrToUpper(kept[c].name));
    size_t width = DisplayWidth(headers.back());
    for (const std::string& cell : cells[c]) {
      width = std::max(width, DisplayWidth(cell));
    }
    widths.push_back(width);
  }
  std::string out;
  const auto line = [&](const auto& text_of) {
    std::string row_text(indent);
    for (size_t c = 0; c < kept.size(); ++c) {
      const bool last = c + 1 == kept.size();
      absl::StrAppend(&row_text, last ? text_of(c) : PadRight(text_of(c), widths[c] + 2));
    }
    // Empty trailing cells would leave trailing blanks.
    absl::StrAppend(&out, absl::StripTrailingAsciiWhitespace(row_text), "\n");
  };
  line([&](size_t c) { return headers[c]; });
  for (int row = 0; row < rows; ++row) {
    line([&](size_t c) { return cells[c][row]; });
  }
  return out;
}

// The repeated field of a list response, or nullptr when `type` is not
// one (see the header).
const FieldDescriptor* ListField(const Descriptor* type) {
  const FieldDescriptor* list = nullptr;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (IsTableField(field) && list == nullptr) {
      list = field;
    } else if (field->name() != kNextPageToken) {
      return nullptr;
    }
  }
  return list;
}

std::string RenderListing(const Message& message) {
  std::vector<Column> columns;
  std::vector<Column> tables;
  CollectColumns(message.GetDescriptor(), {}, &columns, &tables);

  std::vector<std::pair<std::string, std::string>> lines;
  size_t key_width = 0;
  for (const Column& column : columns) {
    std::string value = ColumnText(message, column);
    if (value.empty()) {
      continue;
    }
    key_width = std::max(key_width, column.name.size() + 1);
    lines.emplace_back(column.name, std::move(value));
  }
  std::string out;
  for (const auto& [name, value] : lines) {
    absl::StrAppend(&out, PadRight(absl::StrCat(name, ":"), key_width), " ", value, "\n");
  }
  for (const Column& table : tables) {
    const Message* parent = Parent(message, table);
    if (parent == nullptr || parent->GetReflection()->FieldSize(*parent, table.path.back()) == 0) {
      absl::StrAppend(&out, table.name, ": (none)\n");
      continue;
    }
    absl::StrAppend(&out, table.name, ":\n", RenderTable(*parent, table.path.back(), "  "));
  }
  return out;
}

}  // namespace

absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view text) {
  if (text == "table") {
    return OutputFormat::kTable;
  }
  if (text == "json") {
    return OutputFormat::kJson;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--output: want one of table|json, got \"", text, "\""));
}

std::string TimestampText(const google::protobuf::Timestamp& timestamp) {
  return ValueMessageText(timestamp);
}
std::string DateText(const common::v1::Date& date) { return ValueMessageText(date); }
std::string EnumValueText(const EnumDescriptor* type, int number) { return EnumText(type, number); }

std::string Render(const Message& message, OutputFormat format) {
  return format == OutputFormat::kJson ? RenderJson(message) : RenderText(message);
}

std::string RenderText(const Message& message) {
  const FieldDescriptor* list = ListField(message.GetDescriptor());
  if (list == nullptr) {
    return RenderListing(message);
  }
  std::string out = RenderTable(message, list, "");
  const FieldDescriptor* token =
      message.GetDescriptor()->FindFieldByName(std::string(kNextPageToken));
  if (token != nullptr) {
    std::string next = message.GetReflection()->GetString(message, token);
    if (!next.empty()) {
      absl::StrAppend(&out, "next page: --page-token ", Sanitize(next), "  (or --all)\n");
    }
  }
  return out;
}

std::string RenderJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string out;
  if (!google::protobuf::util::MessageToJsonString(message, &out, options).ok()) {
    // Only an unresolvable Any can fail; the personnel API has none.
    return "{}\n";
  }
  if (out.empty() || out.back() != '\n') {
    out.push_back('\n');
  }
  return out;
}

}  // namespace lawenforce::ctl
