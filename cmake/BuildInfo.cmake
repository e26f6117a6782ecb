# Writes build_info.cpp with version, git commit and build type, refreshed at every build
# so that result files name the exact code that produced them.
set(PEAKSIM_BUILD_INFO_CPP ${CMAKE_BINARY_DIR}/generated/build_info.cpp)
add_custom_target(peaksim_build_info_gen
  COMMAND ${CMAKE_COMMAND}
          -DSRC_DIR=${CMAKE_SOURCE_DIR} -DOUT=${PEAKSIM_BUILD_INFO_CPP}
          -DVERSION=${PROJECT_VERSION} -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
          -DCOMPILER=${CMAKE_CXX_COMPILER_ID}-${CMAKE_CXX_COMPILER_VERSION}
          -P ${CMAKE_SOURCE_DIR}/cmake/write_build_info.cmake
  BYPRODUCTS ${PEAKSIM_BUILD_INFO_CPP}
  COMMENT "Recording build information")
