#include "tests/integration/case_fixture.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "services/personnel/personnel_module.h"

namespace lawenforce::testing {

namespace pv1 = ::lawenforce::personnel::v1;

void CaseFixture::SetUp() {
  absl::StatusOr<std::unique_ptr<InProcessService>> personnel =
      InProcessService::Start(personnel::PersonnelSpec(), dir_, {{}, &clock_, nullptr, true});
  ASSERT_TRUE(personnel.ok()) << personnel.status();
  personnel_ = *std::move(personnel);
  personnel_stub_ = pv1::PersonnelService::NewStub(personnel_->channel());
  // case-service's own token: a region-wide system account.
  std::ofstream(dir_.File("case-service-token")) << MintTestToken(
      clock_, {auth::Role::kSystem}, "640000", "", absl::Hours(24), "case-service");
  ServiceTest<cv1::CaseService>::SetUp();
}

std::vector<std::string> CaseFixture::ExtraFlags() {
  return {absl::StrCat("--personnel-target=127.0.0.1:", personnel_->port()),
          absl::StrCat("--service-token-file=", dir_.File("case-service-token"))};
}

std::string CaseFixture::CreateAgency(const std::string& division,
                                      std::vector<std::string> domains) {
  pv1::CreateAgencyRequest req;
  req.mutable_agency()->set_name(absl::StrCat("Agency of ", division));
  req.mutable_agency()->set_division_code(division);
  for (const std::string& d : domains) req.mutable_agency()->add_domains(d);
  pv1::Agency out;
  grpc::Status s = personnel_stub_->CreateAgency(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out.id();
}

cv1::EnforcementItem CaseFixture::CreateItem(const std::string& agency_id,
                                             const std::string& code) {
  cv1::CreateItemRequest req;
  cv1::EnforcementItem* item = req.mutable_item();
  item->set_agency_id(agency_id);
  item->set_code(code);
  item->set_name("销售不符合食品安全标准的食品");
  item->set_kind(cv1::ITEM_KIND_PENALTY);
  item->set_legal_basis("《中华人民共和国食品安全法》第一百二十四条");
  item->set_domain("food_safety");
  item->set_major(true);
  cv1::EnforcementItem out;
  grpc::Status s = stub_->CreateItem(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out;
}

}  // namespace lawenforce::testing
