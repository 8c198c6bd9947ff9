#include "services/personnel/app/record_cache.h"

#include "nlohmann/json.hpp"
#include "services/personnel/app/record_json.h"
#include "services/personnel/store/cache_keys.h"

namespace lawenforce::personnel {
namespace {

using nlohmann::json;

json DayJson(absl::CivilDay d) { return json::array({d.year(), d.month(), d.day()}); }
absl::CivilDay DayOf(const json& j) {
  return absl::CivilDay(j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>());
}
int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time TimeOf(const json& j) { return absl::FromUnixMicros(j.get<int64_t>()); }

template <typename T, typename Parse>
absl::StatusOr<T> ParseJson(absl::string_view bytes, Parse parse) {
  json j = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return absl::DataLossError("cached record is not JSON");
  }
  try {
    return parse(j);
  } catch (const std::exception&) {
    return absl::DataLossError("cached record has an unexpected shape");
  }
}

// Reads `key` through the cache; a value the cache cannot parse is read
// again from the store.
template <typename T, typename Load, typename Serialize, typename ParseFn>
absl::StatusOr<T> ReadThrough(cache::VersionedCache* cache, const std::string& key, Load load,
                              Serialize serialize, ParseFn parse) {
  if (cache == nullptr) return load();
  absl::StatusOr<std::string> bytes = cache->GetOrLoad(key, [&]() -> absl::StatusOr<std::string> {
    absl::StatusOr<T> record = load();
    if (!record.ok()) return record.status();
    return serialize(*record);
  });
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<T> parsed = parse(*bytes);
  return parsed.ok() ? parsed : load();
}

}  // namespace

std::string SerializeOfficer(const Officer& o) {
  std::vector<int> roles;
  for (OfficerRole r : o.roles) roles.push_back(static_cast<int>(r));
  return json{
      {"id", o.id},
      {"agency", o.agency_id},
      {"division", o.division_code},
      {"name", o.name},
      {"masked", o.id_number_masked},
      {"roles", roles},
      {"review", o.review_required},
      {"created", Micros(o.create_time)},
      {"updated", Micros(o.update_time)},
      {"version", o.version},
      {"since", Micros(o.service_start)},
      {"left", o.service_end.has_value() ? json(Micros(*o.service_end)) : json(nullptr)},
      {"why", o.service_end_reason.has_value() ? json(static_cast<int>(*o.service_end_reason))
                                               : json(nullptr)}}
      .dump();
}

absl::StatusOr<Officer> ParseOfficer(absl::string_view bytes) {
  return ParseJson<Officer>(bytes, [](const json& j) {
    Officer o;
    o.id = j.at("id").get<std::string>();
    o.agency_id = j.at("agency").get<std::string>();
    o.division_code = j.at("division").get<std::string>();
    o.name = j.at("name").get<std::string>();
    o.id_number_masked = j.at("masked").get<std::string>();
    for (int r : j.at("roles").get<std::vector<int>>())
      o.roles.push_back(static_cast<OfficerRole>(r));
    o.review_required = j.at("review").get<bool>();
    o.create_time = TimeOf(j.at("created"));
    o.update_time = TimeOf(j.at("updated"));
    o.version = j.at("version").get<int64_t>();
    o.service_start = TimeOf(j.at("since"));
    if (!j.at("left").is_null()) o.service_end = TimeOf(j.at("left"));
    if (!j.at("why").is_null()) {
      o.service_end_reason = static_cast<ServiceEndReason>(j.at("why").get<int>());
    }
    return o;
  });
}

namespace internal {

nlohmann::json CertificateToJson(const Certificate& c) {
  return json{{"id", c.id},
              {"number", c.number},
              {"officer", c.officer_id},
              {"agency", c.agency_id},
              {"division", c.division_code},
              {"kind", static_cast<int>(c.kind)},
              {"domains", c.domains},
              {"from", DayJson(c.valid_from)},
              {"until", DayJson(c.valid_until)},
              {"state", static_cast<int>(c.state)},
              {"reason", c.state_reason},
              {"review", c.review_required},
              {"created", Micros(c.create_time)},
              {"updated", Micros(c.update_time)},
              {"version", c.version},
              {"document", c.state_document},
              {"suspended_until",
               c.suspended_until.has_value() ? json(Micros(*c.suspended_until)) : json(nullptr)},
              {"replaces", c.replaces_id},
              {"replaced_by", c.replaced_by_id}};
}

Certificate CertificateFromJson(const nlohmann::json& j) {
  Certificate c;
  c.id = j.at("id").get<std::string>();
  c.number = j.at("number").get<std::string>();
  c.officer_id = j.at("officer").get<std::string>();
  c.agency_id = j.at("agency").get<std::string>();
  c.division_code = j.at("division").get<std::string>();
  c.kind = static_cast<CertificateKind>(j.at("kind").get<int>());
  c.domains = j.at("domains").get<std::vector<std::string>>();
  c.valid_from = DayOf(j.at("from"));
  c.valid_until = DayOf(j.at("until"));
  c.state = static_cast<CertificateState>(j.at("state").get<int>());
  c.state_reason = j.at("reason").get<std::string>();
  c.review_required = j.at("review").get<bool>();
  c.create_time = TimeOf(j.at("created"));
  c.update_time = TimeOf(j.at("updated"));
  c.version = j.at("version").get<int64_t>();
  c.state_document = j.at("document").get<std::string>();
  if (!j.at("suspended_until").is_null()) c.suspended_until = TimeOf(j.at("suspended_until"));
  // Entries cached before the links existed have none.
  c.replaces_id = j.value("replaces", std::string());
  c.replaced_by_id = j.value("replaced_by", std::string());
  return c;
}

nlohmann::json EventToJson(const CertificateEvent& e) {
  return json{{"seq", e.sequence},
              {"from", e.from_state.has_value() ? static_cast<int>(*e.from_state) : 0},
              {"to", static_cast<int>(e.to_state)},
              {"reason", e.reason},
              {"actor", e.actor},
              {"time", Micros(e.time)},
              {"recorded", Micros(e.record_time)},
              {"until", e.until.has_value() ? json(Micros(*e.until)) : json(nullptr)},
              {"document", e.decision_document}};
}

CertificateEvent EventFromJson(const nlohmann::json& j) {
  CertificateEvent e;
  e.sequence = j.at("seq").get<int64_t>();
  if (int from = j.at("from").get<int>(); from != 0) {
    e.from_state = static_cast<CertificateState>(from);
  }
  e.to_state = static_cast<CertificateState>(j.at("to").get<int>());
  e.reason = j.at("reason").get<std::string>();
  e.actor = j.at("actor").get<std::string>();
  e.time = TimeOf(j.at("time"));
  e.record_time = TimeOf(j.at("recorded"));
  if (!j.at("until").is_null()) e.until = TimeOf(j.at("until"));
  e.decision_document = j.at("document").get<std::string>();
  return e;
}

}  // namespace internal

std::string SerializeCertificate(const Certificate& c) {
  return internal::CertificateToJson(c).dump();
}

absl::StatusOr<Certificate> ParseCertificate(absl::string_view bytes) {
  return ParseJson<Certificate>(bytes,
                                [](const json& j) { return internal::CertificateFromJson(j); });
}

absl::StatusOr<Officer> RecordCache::GetOfficer(const std::string& id) {
  return ReadThrough<Officer>(
      cache_, OfficerCacheKey(id), [&] { return officers_->GetOfficer(id); }, SerializeOfficer,
      ParseOfficer);
}

absl::StatusOr<Certificate> RecordCache::GetCertificate(const std::string& id) {
  return ReadThrough<Certificate>(
      cache_, CertificateCacheKey(id), [&] { return certificates_->GetCertificate(id); },
      SerializeCertificate, ParseCertificate);
}

}  // namespace lawenforce::personnel
