# The PostgreSQL backend (postgres_database.h; postgres_connection.h,
# postgres_errors.h, postgres_endpoint.h and postgres_sql.h are internal to
# it) and OpenDatabase() over both backends (open.h). Included from
# CMakeLists.txt.
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)

lawenforce_cc_library(NAME store_postgres
  SRCS postgres_database.cc postgres_connection.cc postgres_errors.cc postgres_endpoint.cc
       postgres_sql.cc
  HDRS postgres_database.h postgres_connection.h postgres_errors.h postgres_endpoint.h
       postgres_sql.h
  DEPS lawenforce::store lawenforce::status PkgConfig::LIBPQ absl::status absl::statusor
       absl::strings absl::span absl::function_ref absl::flat_hash_map absl::synchronization
       absl::time absl::random_random)

lawenforce_cc_library(NAME store_open
  SRCS open.cc
  HDRS open.h
  DEPS lawenforce::store lawenforce::store_postgres absl::status absl::statusor absl::strings
       absl::flat_hash_set absl::time)

lawenforce_cc_test(NAME store_postgres_sql_test SRCS postgres_sql_test.cc
  DEPS lawenforce::store_postgres lawenforce::testing LABELS unit)
lawenforce_cc_test(NAME store_open_test SRCS open_test.cc
  DEPS lawenforce::store_open lawenforce::testing LABELS unit)
# Against both backends: a real SQLite file and a throwaway PostgreSQL.
lawenforce_cc_test(NAME store_database_contract_test SRCS database_contract_test.cc
  DEPS lawenforce::store_open lawenforce::store_postgres lawenforce::testing
       lawenforce::testing_postgres Threads::Threads LABELS integration)
# Digests and copies between every pair of backends.
lawenforce_cc_test(NAME store_transfer_test SRCS transfer_test.cc
  DEPS lawenforce::store_open lawenforce::testing lawenforce::testing_postgres LABELS integration)
lawenforce_cc_test(NAME store_postgres_database_test SRCS postgres_database_test.cc
  DEPS lawenforce::store_open lawenforce::store_postgres lawenforce::testing
       lawenforce::testing_postgres Threads::Threads LABELS integration)
