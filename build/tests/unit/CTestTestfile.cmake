# CMake generated Testfile for 
# Source directory: /work/main/tests/unit
# Build directory: /work/main/build/tests/unit
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[test_random]=] "/work/main/build/tests/unit/test_random")
set_tests_properties([=[test_random]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;7;add_test;/work/main/tests/unit/CMakeLists.txt;4;peaksim_test;/work/main/tests/unit/CMakeLists.txt;0;")
add_test([=[test_calendar]=] "/work/main/build/tests/unit/test_calendar")
set_tests_properties([=[test_calendar]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;7;add_test;/work/main/tests/unit/CMakeLists.txt;7;peaksim_test;/work/main/tests/unit/CMakeLists.txt;0;")
add_test([=[test_scenario]=] "/work/main/build/tests/unit/test_scenario")
set_tests_properties([=[test_scenario]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;7;add_test;/work/main/tests/unit/CMakeLists.txt;10;peaksim_test;/work/main/tests/unit/CMakeLists.txt;0;")
add_test([=[test_stats]=] "/work/main/build/tests/unit/test_stats")
set_tests_properties([=[test_stats]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;7;add_test;/work/main/tests/unit/CMakeLists.txt;13;peaksim_test;/work/main/tests/unit/CMakeLists.txt;0;")
add_test([=[test_output]=] "/work/main/build/tests/unit/test_output")
set_tests_properties([=[test_output]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;7;add_test;/work/main/tests/unit/CMakeLists.txt;16;peaksim_test;/work/main/tests/unit/CMakeLists.txt;0;")
