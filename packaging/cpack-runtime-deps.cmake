# SPDX-License-Identifier: MIT
# Read by cpack while it makes a package (CPACK_PROJECT_CONFIG_FILE). For the .deb it adds to Depends the
# packages the built program loads or opens at run time that no linker sees, each at least at the version
# it was probed with: `check-deb-closure.sh --runtime` runs the program and lists them (packaging/). The
# packages of the linked libraries come from dpkg-shlibdeps (CPACK_DEBIAN_PACKAGE_SHLIBDEPS). A failed probe
# stops the packaging: a package with dependencies missing would install and then fail on the agency's machine.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()
execute_process(COMMAND ${CPACK_PW_RUNTIME_PROBE} --runtime ${CPACK_PW_BUILD_DIR}
                OUTPUT_VARIABLE pw_found ERROR_VARIABLE pw_errors RESULT_VARIABLE pw_rc)
if(NOT pw_rc EQUAL 0 OR pw_found STREQUAL "")
  message(FATAL_ERROR "The run-time dependencies of ${CPACK_PW_BUILD_DIR}/app/placement-workbench could not "
                      "be computed (exit ${pw_rc}):\n${pw_errors}")
endif()
string(REPLACE "\n" ";" pw_lines "${pw_found}")
set(pw_depends)
foreach(pw_line IN LISTS pw_lines)
  if(pw_line MATCHES "^([^\t]+)\t([^\t]+)\t(.*)$")
    list(APPEND pw_depends "${CMAKE_MATCH_1} (>= ${CMAKE_MATCH_2})")
    message(STATUS "Run-time dependency no linker sees: ${CMAKE_MATCH_1} (for ${CMAKE_MATCH_3})")
  endif()
endforeach()
list(JOIN pw_depends ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
