# Target helpers in the style of abseil's absl_cc_library / absl_cc_test.
#
# lawenforce_cc_library(NAME foo SRCS a.cc HDRS a.h DEPS x y)
#   defines library lawenforce_foo and alias lawenforce::foo.
# lawenforce_cc_test(NAME foo_test SRCS foo_test.cc DEPS lawenforce::foo LABELS unit
#                    [BOTH_STORES])
#   defines an executable linked with GTest::gmock_main and registers it with CTest.
#   BOTH_STORES registers it a second time as foo_test_postgres with
#   LAWENFORCE_TEST_STORE=postgres: its in-process services then store on a
#   PostgreSQL server the test starts (common/testing/service_fixture.h).

function(lawenforce_cc_library)
  cmake_parse_arguments(LE "" "NAME" "SRCS;HDRS;DEPS" ${ARGN})
  set(_target lawenforce_${LE_NAME})
  if(LE_SRCS)
    add_library(${_target} STATIC ${LE_SRCS} ${LE_HDRS})
    target_include_directories(${_target} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
    target_link_libraries(${_target} PUBLIC ${LE_DEPS})
  else()
    add_library(${_target} INTERFACE)
    target_include_directories(${_target} INTERFACE ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
    target_link_libraries(${_target} INTERFACE ${LE_DEPS})
  endif()
  add_library(lawenforce::${LE_NAME} ALIAS ${_target})
endfunction()

function(lawenforce_cc_test)
  if(NOT LAWENFORCE_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(LE "BOTH_STORES" "NAME;TIMEOUT" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${LE_NAME} ${LE_SRCS})
  target_include_directories(${LE_NAME} PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
  target_link_libraries(${LE_NAME} PRIVATE ${LE_DEPS} GTest::gmock_main)
  target_compile_definitions(${LE_NAME} PRIVATE
    LAWENFORCE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    LAWENFORCE_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${LE_NAME} COMMAND ${LE_NAME})
  if(NOT LE_LABELS)
    set(LE_LABELS unit)
  endif()
  if(NOT LE_TIMEOUT)
    set(LE_TIMEOUT 300)
  endif()
  set_tests_properties(${LE_NAME} PROPERTIES LABELS "${LE_LABELS}" TIMEOUT ${LE_TIMEOUT})
  if(LE_BOTH_STORES)
    add_test(NAME ${LE_NAME}_postgres COMMAND ${LE_NAME})
    set_tests_properties(${LE_NAME}_postgres PROPERTIES LABELS "${LE_LABELS};postgres"
      TIMEOUT ${LE_TIMEOUT} ENVIRONMENT "LAWENFORCE_TEST_STORE=postgres")
  endif()
endfunction()

# lawenforce_proto_library(NAME foo PROTOS a.proto b.proto DEPS other_proto GRPC [ROOT dir])
#   generates C++ messages (and gRPC stubs with GRPC) for files under proto/ and
#   defines lawenforce_foo / lawenforce::foo. Generated headers are included as
#   "lawenforce/<area>/v1/x.pb.h".
function(lawenforce_proto_library)
  cmake_parse_arguments(LE "GRPC" "NAME;ROOT" "PROTOS;DEPS" ${ARGN})
  if(NOT LE_ROOT)
    set(LE_ROOT ${PROJECT_SOURCE_DIR}/proto)
  endif()
  set(_out ${PROJECT_BINARY_DIR}/gen)
  # The file's own root first: protoc names outputs after the first include
  # path that contains the file.
  set(_includes ${LE_ROOT} ${PROJECT_SOURCE_DIR}/proto ${PROJECT_SOURCE_DIR}/proto/third_party)
  list(REMOVE_DUPLICATES _includes)
  list(TRANSFORM _includes PREPEND "-I")
  set(_srcs)
  set(_hdrs)
  foreach(_proto ${LE_PROTOS})
    get_filename_component(_abs ${_proto} ABSOLUTE)
    file(RELATIVE_PATH _rel ${LE_ROOT} ${_abs})
    string(REGEX REPLACE "\\.proto$" "" _base ${_rel})
    set(_gen ${_out}/${_base}.pb.cc ${_out}/${_base}.pb.h)
    set(_args --cpp_out=${_out})
    if(LE_GRPC)
      list(APPEND _gen ${_out}/${_base}.grpc.pb.cc ${_out}/${_base}.grpc.pb.h)
      list(APPEND _args --grpc_out=${_out} --plugin=protoc-gen-grpc=${GRPC_CPP_PLUGIN})
    endif()
    add_custom_command(
      OUTPUT ${_gen}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_out}
      COMMAND protobuf::protoc ${_includes}
              ${_args} ${_abs}
      DEPENDS ${_abs} protobuf::protoc
      COMMENT "protoc ${_rel}"
      VERBATIM)
    list(APPEND _srcs ${_out}/${_base}.pb.cc)
    if(LE_GRPC)
      list(APPEND _srcs ${_out}/${_base}.grpc.pb.cc)
    endif()
  endforeach()
  add_library(lawenforce_${LE_NAME} STATIC ${_srcs})
  target_include_directories(lawenforce_${LE_NAME} PUBLIC ${_out})
  # Generated code is not ours to warn about.
  target_compile_options(lawenforce_${LE_NAME} PRIVATE -w)
  target_link_libraries(lawenforce_${LE_NAME} PUBLIC protobuf::libprotobuf ${LE_DEPS})
  if(LE_GRPC)
    target_link_libraries(lawenforce_${LE_NAME} PUBLIC gRPC::grpc++)
  endif()
  add_library(lawenforce::${LE_NAME} ALIAS lawenforce_${LE_NAME})
endfunction()
