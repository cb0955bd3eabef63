# SPDX-License-Identifier: MIT
# Read by cpack while it makes a package (CPACK_PROJECT_CONFIG_FILE). For the .deb it adds to Depends the
# packages the built program loads or opens at run time that no linker sees, each at least at the upstream
# version it was probed with: `check-deb-closure.sh --runtime` runs the program and lists them (packaging/). The
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
    # The upstream part of the probed version (no epoch, Debian revision or +dfsg repack suffix): any
    # Debian 12 point release satisfies it, not only the exact build of the probing machine.
    set(pw_package "${CMAKE_MATCH_1}")
    set(pw_for "${CMAKE_MATCH_3}")
    string(REGEX REPLACE "^[0-9]+:" "" pw_version "${CMAKE_MATCH_2}")
    string(REGEX REPLACE "-[^-]*$" "" pw_version "${pw_version}")
    string(REGEX REPLACE "[+~].*$" "" pw_version "${pw_version}")
    list(APPEND pw_depends "${pw_package} (>= ${pw_version})")
    message(STATUS "Run-time dependency no linker sees: ${pw_package} (for ${pw_for})")
  endif()
endforeach()
list(JOIN pw_depends ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
