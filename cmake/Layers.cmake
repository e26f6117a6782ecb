# Layers whose declared dependencies are enforced by the compiler. No target gets the source root as an include
# directory: a library's folder is exposed through an include root of its own in the build tree (a directory that
# holds one symbolic link to the folder), and that root is PUBLIC to the library. A file can therefore include the
# headers of its own library and of the libraries it links, and a header of any other library fails to compile.

# A static library of the current folder, with the project's warnings; its headers are included as
# "<folder>/<name>.hpp", e.g. "sim/random/stream.hpp".
function(peaksim_library name)
  add_library(${name} STATIC ${ARGN})
  target_compile_options(${name} PRIVATE ${PEAKSIM_WARNINGS})
  peaksim_expose(${name})
endfunction()

# Makes the current folder's headers visible to `target` and to what links it (PUBLIC), and to nothing else.
function(peaksim_expose target)
  file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  set(root ${PROJECT_BINARY_DIR}/include/${target})
  get_filename_component(parent ${root}/${folder} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${root}/${folder} SYMBOLIC)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE ${root})
  else()
    target_include_directories(${target} PUBLIC ${root})
  endif()
endfunction()
