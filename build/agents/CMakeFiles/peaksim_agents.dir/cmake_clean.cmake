file(REMOVE_RECURSE
  "CMakeFiles/peaksim_agents.dir/customer_region.cpp.o"
  "CMakeFiles/peaksim_agents.dir/customer_region.cpp.o.d"
  "CMakeFiles/peaksim_agents.dir/planner.cpp.o"
  "CMakeFiles/peaksim_agents.dir/planner.cpp.o.d"
  "CMakeFiles/peaksim_agents.dir/policies.cpp.o"
  "CMakeFiles/peaksim_agents.dir/policies.cpp.o.d"
  "CMakeFiles/peaksim_agents.dir/supplier.cpp.o"
  "CMakeFiles/peaksim_agents.dir/supplier.cpp.o.d"
  "CMakeFiles/peaksim_agents.dir/warehouse.cpp.o"
  "CMakeFiles/peaksim_agents.dir/warehouse.cpp.o.d"
  "libpeaksim_agents.a"
  "libpeaksim_agents.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim_agents.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
