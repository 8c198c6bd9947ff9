# The PostgreSQL server fixture (postgres_server.h) for tests that need a
# real PostgreSQL; included from CMakeLists.txt.
if(LAWENFORCE_BUILD_TESTS)
  pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
  lawenforce_cc_library(NAME testing_postgres
    SRCS postgres_server.cc
    HDRS postgres_server.h
    DEPS lawenforce::testing PkgConfig::LIBPQ absl::status absl::statusor absl::strings
         absl::synchronization absl::time GTest::gtest)
  lawenforce_cc_test(NAME testing_postgres_server_test SRCS postgres_server_test.cc
    DEPS lawenforce::testing_postgres lawenforce::testing LABELS integration)
endif()
