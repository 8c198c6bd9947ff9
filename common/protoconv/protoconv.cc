#include "common/protoconv/protoconv.h"

#include <openssl/sha.h>

#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace lawenforce::protoconv {
namespace {

constexpr int64_t kMinSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z

}  // namespace

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t micros = absl::ToUnixMicros(t);
  int64_t seconds = micros / 1000000;
  int64_t rem = micros % 1000000;
  if (rem < 0) {
    rem += 1000000;
    --seconds;
  }
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(rem * 1000));
  return ts;
}

absl::StatusOr<absl::Time> FromTimestamp(absl::string_view field,
                                         const google::protobuf::Timestamp& ts) {
  if (ts.seconds() < kMinSeconds || ts.seconds() > kMaxSeconds) {
    return InvalidField(absl::StrCat(field, ".seconds"), "out of range");
  }
  if (ts.nanos() < 0 || ts.nanos() > 999999999) {
    return InvalidField(absl::StrCat(field, ".nanos"), "must be 0..999999999");
  }
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

absl::StatusOr<std::optional<absl::Time>> OptionalTime(absl::string_view field, bool present,
                                                       const google::protobuf::Timestamp& ts) {
  if (!present) return std::nullopt;
  absl::StatusOr<absl::Time> t = FromTimestamp(field, ts);
  if (!t.ok()) return t.status();
  return *t;
}

lawenforce::common::v1::Date ToDate(absl::CivilDay day) {
  lawenforce::common::v1::Date d;
  d.set_year(static_cast<int32_t>(day.year()));
  d.set_month(day.month());
  d.set_day(day.day());
  return d;
}

absl::StatusOr<absl::CivilDay> FromDate(absl::string_view field, bool present,
                                        const lawenforce::common::v1::Date& date) {
  if (!present) {
    return InvalidField(field, "required");
  }
  if (date.year() < 1900 || date.year() > 9999) {
    return InvalidField(absl::StrCat(field, ".year"), "must be 1900..9999");
  }
  if (date.month() < 1 || date.month() > 12) {
    return InvalidField(absl::StrCat(field, ".month"), "must be 1..12");
  }
  if (date.day() < 1 || date.day() > 31) {
    return InvalidField(absl::StrCat(field, ".day"), "must be 1..31");
  }
  absl::CivilDay day(date.year(), date.month(), date.day());
  if (day.year() != date.year() || day.month() != date.month() || day.day() != date.day()) {
    return InvalidField(field, "not a calendar date");
  }
  return day;
}

lawenforce::common::v1::Tier ToTier(Tier tier) {
  switch (tier) {
    case Tier::kRegion:
      return lawenforce::common::v1::TIER_REGION;
    case Tier::kCity:
      return lawenforce::common::v1::TIER_CITY;
    case Tier::kCounty:
      return lawenforce::common::v1::TIER_COUNTY;
    case Tier::kTownship:
      return lawenforce::common::v1::TIER_TOWNSHIP;
  }
  return lawenforce::common::v1::TIER_UNSPECIFIED;
}

std::string CanonicalRequestHash(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const google::protobuf::FieldDescriptor* f = copy->GetDescriptor()->FindFieldByName("request_id");
  if (f != nullptr) {
    copy->GetReflection()->ClearField(copy.get(), f);
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&coded);
  }
  const std::string canonical = absl::StrCat(copy->GetDescriptor()->full_name(), "\n", bytes);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

std::string CanonicalBytes(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

std::string RequestIdOf(const google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* f =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (f == nullptr || f->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return "";
  }
  return request.GetReflection()->GetString(request, f);
}

lawenforce::common::v1::Tier TierOf(const Divisions& divisions, absl::string_view code) {
  absl::StatusOr<Division> division = divisions.Lookup(code);
  return division.ok() ? ToTier(division->tier) : lawenforce::common::v1::TIER_UNSPECIFIED;
}

}  // namespace lawenforce::protoconv
