# Installs the three front doors and a CMake package that only a project
# building against the same LLVM major accepts.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(VIBEGUARD_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/vibeguard")
configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/vibeguardConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/vibeguardConfig.cmake"
  INSTALL_DESTINATION "${VIBEGUARD_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/vibeguardConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/vibeguardConfig.cmake"
  "${PROJECT_BINARY_DIR}/vibeguardConfigVersion.cmake"
  DESTINATION "${VIBEGUARD_INSTALL_CMAKEDIR}")
install(EXPORT VibeGuardTargets NAMESPACE vibeguard::
  DESTINATION "${VIBEGUARD_INSTALL_CMAKEDIR}")
