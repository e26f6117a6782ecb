file(REMOVE_RECURSE
  "CMakeFiles/peaksim_montecarlo.dir/replication.cpp.o"
  "CMakeFiles/peaksim_montecarlo.dir/replication.cpp.o.d"
  "CMakeFiles/peaksim_montecarlo.dir/worker_pool.cpp.o"
  "CMakeFiles/peaksim_montecarlo.dir/worker_pool.cpp.o.d"
  "libpeaksim_montecarlo.a"
  "libpeaksim_montecarlo.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim_montecarlo.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
