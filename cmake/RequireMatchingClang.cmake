# Refuses any compiler but the clang++ of the LLVM we build against. Clang
# classes cross the plugin boundary, so the plugin must be compiled exactly
# like the clang-tidy that loads it; GCC-built plugins load and then crash.
function(vibeguard_require_matching_clang)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR
      "vibeguard must be compiled with the clang++ of LLVM ${LLVM_VERSION_MAJOR} "
      "(${LLVM_TOOLS_BINARY_DIR}/clang++), not with ${CMAKE_CXX_COMPILER_ID} "
      "${CMAKE_CXX_COMPILER_VERSION} (${CMAKE_CXX_COMPILER}). Re-run cmake in a "
      "fresh build directory with -DCMAKE_CXX_COMPILER=${LLVM_TOOLS_BINARY_DIR}/clang++")
  endif()
  string(REGEX MATCH "^[0-9]+" compiler_major "${CMAKE_CXX_COMPILER_VERSION}")
  if(NOT compiler_major EQUAL LLVM_VERSION_MAJOR)
    message(FATAL_ERROR
      "vibeguard must be compiled with clang++ ${LLVM_VERSION_MAJOR} to match "
      "the LLVM it builds against, but CMAKE_CXX_COMPILER is clang "
      "${CMAKE_CXX_COMPILER_VERSION} (${CMAKE_CXX_COMPILER}). Re-run cmake in a "
      "fresh build directory with -DCMAKE_CXX_COMPILER=${LLVM_TOOLS_BINARY_DIR}/clang++")
  endif()
endfunction()
