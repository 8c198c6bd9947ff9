#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_RENDER_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_RENDER_H_

// Turns any response message into text for stdout, by protobuf reflection,
// so a new RPC or field needs no printing code.
//
// Table output (the default):
//  - A list response (one repeated message field, plus at most
//    next_page_token) is a column table, one row per item. Columns are the
//    item's fields in proto order, headed by the upper-case field name;
//    singular sub-messages are flattened into dotted columns
//    (FIGURES.OFFICER_COUNT). A column that is empty in every row is left
//    out. Columns are separated by two spaces and aligned by display width
//    (a Chinese character counts 2). When the server returned a
//    next_page_token, a last line says how to get the next page.
//  - Any other message is a "field: value" listing, one line per field,
//    sub-messages flattened as dotted names, followed by one indented
//    table per repeated message field.
//  - Values: enums without their type prefix (ACTIVE, LEGAL_REVIEWER);
//    Timestamps as RFC 3339 in China Standard Time to the second;
//    Dates as YYYY-MM-DD; repeated scalars joined by ','; bools as
//    true/false; strings with control characters escaped. An empty value
//    (empty string, unset or zero Timestamp, unset Date, empty repeated
//    field) is not shown in a listing. Zero, false and UNSPECIFIED are
//    values and are shown.
//
// JSON output is the canonical proto3 JSON mapping with the proto field
// names (snake_case, as in the .proto and docs), every primitive field
// printed even when zero/false/empty (so `jq .eligible` never sees null),
// enums by full name, indented.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/timestamp.pb.h"
#include "lawenforce/common/v1/common.pb.h"

namespace lawenforce::ctl {

enum class OutputFormat { kTable, kJson };

// "table" or "json"; INVALID_ARGUMENT naming --output otherwise.
absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view text);

// Text for stdout, ending in a newline.
std::string Render(const google::protobuf::Message& message, OutputFormat format);

// The table output's spelling of single values, for commands that lay out
// a response of their own: a Timestamp in China Standard Time to the
// second, a Date as YYYY-MM-DD, an enum value without its type prefix.
std::string TimestampText(const google::protobuf::Timestamp& timestamp);
std::string DateText(const common::v1::Date& date);
std::string EnumValueText(const google::protobuf::EnumDescriptor* type, int number);
std::string RenderText(const google::protobuf::Message& message);
std::string RenderJson(const google::protobuf::Message& message);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_RENDER_H_
