#include "common/import/import.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace lawenforce::import {
namespace {

TEST(SourceKeyTest, SystemAndIdAreCheckedNamingTheField) {
  EXPECT_TRUE(ValidateSourceSystem("source_system", "nx-amr.cms_2").ok());
  for (const char* bad : {"", "NX", "-x", "a b", "系统"}) {
    absl::Status s = ValidateSourceSystem("source_system", bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(FieldOf(s), "source_system") << bad;
  }
  EXPECT_FALSE(ValidateSourceSystem("source_system", std::string(65, 'a')).ok());
  EXPECT_TRUE(ValidateSourceId("cases[0].source_id", "2024-AJ/00017").ok());
  for (const char* bad : {"", "a b", "案件1", "x\n"}) {
    EXPECT_EQ(FieldOf(ValidateSourceId("cases[0].source_id", bad)), "cases[0].source_id") << bad;
  }
  EXPECT_FALSE(ValidateSourceId("id", std::string(129, 'a')).ok());
}

TEST(PlanDigestImportTest, NoneIsCreatedSameIsUnchangedOtherIsUpdated) {
  EXPECT_EQ(PlanDigestImport(std::nullopt, "d"), ImportOutcome::kCreated);
  EXPECT_EQ(PlanDigestImport(std::string("d"), "d"), ImportOutcome::kUnchanged);
  EXPECT_EQ(PlanDigestImport(std::string("d"), "e"), ImportOutcome::kUpdated);
}

TEST(UnderTest, AFieldGoesUnderThePrefixOtherMessagesAreLedByIt) {
  absl::Status named = Under("officer", InvalidField("name", "required"));
  EXPECT_EQ(named.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(named), "officer.name");
  EXPECT_EQ(named.message(), "officer.name: required");
  absl::Status plain = Under("record", absl::FailedPreconditionError("closed"));
  EXPECT_EQ(plain.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(plain.message(), "record: closed");
  EXPECT_FALSE(FieldOf(plain).has_value());
}

TEST(IsServerFaultTest, OnlyServerSideCodes) {
  EXPECT_TRUE(IsServerFault(absl::InternalError("x")));
  EXPECT_TRUE(IsServerFault(absl::DataLossError("x")));
  EXPECT_TRUE(IsServerFault(absl::UnknownError("x")));
  EXPECT_FALSE(IsServerFault(absl::AbortedError("x")));
  EXPECT_FALSE(IsServerFault(absl::OkStatus()));
}

}  // namespace
}  // namespace lawenforce::import
