#include "services/personnel/app/eligibility_source.h"

#include "nlohmann/json.hpp"
#include "services/personnel/app/record_json.h"
#include "services/personnel/store/cache_keys.h"

namespace lawenforce::personnel {
namespace {

using nlohmann::json;

}  // namespace

std::string SerializeFacts(const OfficerFacts& f) {
  json certificates = json::array();
  for (const CertificateWithHistory& cw : f.certificates) {
    json history = json::array();
    for (const CertificateEvent& e : cw.history) history.push_back(internal::EventToJson(e));
    certificates.push_back(
        {{"certificate", internal::CertificateToJson(cw.certificate)}, {"history", history}});
  }
  json training = json::array();
  for (const CountedTraining& t : f.counted_training) {
    training.push_back(json::array({t.year, t.minutes, absl::ToUnixMicros(t.recorded)}));
  }
  json service = json::array();
  for (const ServicePeriod& p : f.service) {
    service.push_back(json::array(
        {p.sequence, p.agency_id, p.division_code, absl::ToUnixMicros(p.start),
         p.end == absl::InfiniteFuture() ? json(nullptr) : json(absl::ToUnixMicros(p.end)),
         p.end_reason.has_value() ? static_cast<int>(*p.end_reason) : 0}));
  }
  return json{{"found", f.found},
              {"division", f.division_code},
              {"training", f.agency_requires_training},
              {"service", service},
              {"requires", f.requires_training},
              {"certificates", certificates},
              {"counted", training}}
      .dump();
}

absl::StatusOr<OfficerFacts> ParseFacts(absl::string_view bytes) {
  json j = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return absl::DataLossError("cached eligibility facts are not JSON");
  }
  try {
    OfficerFacts f;
    f.found = j.at("found").get<bool>();
    f.division_code = j.at("division").get<std::string>();
    f.agency_requires_training = j.at("training").get<bool>();
    for (const json& cj : j.at("certificates")) {
      CertificateWithHistory cw;
      cw.certificate = internal::CertificateFromJson(cj.at("certificate"));
      for (const json& ej : cj.at("history")) cw.history.push_back(internal::EventFromJson(ej));
      f.certificates.push_back(std::move(cw));
    }
    for (const json& p : j.at("service")) {
      ServicePeriod period;
      period.sequence = p.at(0).get<int64_t>();
      period.agency_id = p.at(1).get<std::string>();
      period.division_code = p.at(2).get<std::string>();
      period.start = absl::FromUnixMicros(p.at(3).get<int64_t>());
      if (!p.at(4).is_null()) period.end = absl::FromUnixMicros(p.at(4).get<int64_t>());
      if (const int reason = p.at(5).get<int>(); reason != 0) {
        period.end_reason = static_cast<ServiceEndReason>(reason);
      }
      f.service.push_back(std::move(period));
    }
    f.requires_training = j.at("requires").get<std::map<std::string, bool>>();
    for (const json& t : j.at("counted")) {
      f.counted_training.push_back(CountedTraining{t.at(0).get<int>(), t.at(1).get<int64_t>(),
                                                   absl::FromUnixMicros(t.at(2).get<int64_t>())});
    }
    return f;
  } catch (const std::exception&) {
    return absl::DataLossError("cached eligibility facts have an unexpected shape");
  }
}

absl::StatusOr<OfficerFacts> EligibilitySource::LoadFromStore(const std::string& officer_id) {
  OfficerFacts f;
  f.officer_id = officer_id;
  absl::StatusOr<Officer> officer = store_->GetOfficer(officer_id);
  if (officer.status().code() == absl::StatusCode::kNotFound) {
    return f;  // found = false
  }
  if (!officer.ok()) return officer.status();
  f.found = true;
  f.division_code = officer->division_code;
  absl::StatusOr<std::vector<ServicePeriod>> service = store_->GetServicePeriods(officer_id);
  if (!service.ok()) return service.status();
  f.service = *std::move(service);
  absl::StatusOr<Agency> agency = store_->GetAgency(officer->agency_id);
  if (!agency.ok()) return agency.status();
  f.agency_requires_training = agency->require_training_for_eligibility;
  f.requires_training[agency->id] = agency->require_training_for_eligibility;
  for (const ServicePeriod& p : f.service) {
    if (f.requires_training.contains(p.agency_id)) continue;
    absl::StatusOr<Agency> served = store_->GetAgency(p.agency_id);
    if (!served.ok()) return served.status();
    f.requires_training[p.agency_id] = served->require_training_for_eligibility;
  }
  absl::StatusOr<std::vector<CertificateWithHistory>> certificates =
      store_->GetCertificatesWithHistory({officer_id});
  if (!certificates.ok()) return certificates.status();
  f.certificates = *std::move(certificates);
  absl::StatusOr<std::vector<CountedTraining>> training = store_->CountedTrainingOf(officer_id);
  if (!training.ok()) return training.status();
  f.counted_training = *std::move(training);
  return f;
}

absl::StatusOr<std::vector<OfficerFacts>> EligibilitySource::Load(
    const std::vector<std::string>& officer_ids) {
  std::vector<OfficerFacts> out;
  out.reserve(officer_ids.size());
  if (cache_ == nullptr) {
    for (const std::string& id : officer_ids) {
      absl::StatusOr<OfficerFacts> f = LoadFromStore(id);
      if (!f.ok()) return f.status();
      out.push_back(*std::move(f));
    }
    return out;
  }
  std::vector<std::string> keys;
  keys.reserve(officer_ids.size());
  for (const std::string& id : officer_ids) keys.push_back(EligibilityCacheKey(id));
  absl::StatusOr<std::vector<std::string>> bytes = cache_->GetOrLoadMany(
      keys,
      [&](const std::vector<std::string>& missing) -> absl::StatusOr<std::vector<std::string>> {
        std::vector<std::string> loaded;
        for (const std::string& key : missing) {
          std::string id = key.substr(key.find(':') + 1);
          absl::StatusOr<OfficerFacts> f = LoadFromStore(id);
          if (!f.ok()) return f.status();
          loaded.push_back(SerializeFacts(*f));
        }
        return loaded;
      });
  if (!bytes.ok()) return bytes.status();
  for (size_t i = 0; i < officer_ids.size(); ++i) {
    absl::StatusOr<OfficerFacts> f = ParseFacts((*bytes)[i]);
    if (!f.ok()) {
      // A value we cannot read is treated as a miss from the store.
      f = LoadFromStore(officer_ids[i]);
      if (!f.ok()) return f.status();
    }
    f->officer_id = officer_ids[i];
    out.push_back(*std::move(f));
  }
  return out;
}

}  // namespace lawenforce::personnel
