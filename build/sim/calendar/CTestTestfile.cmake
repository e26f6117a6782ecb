# CMake generated Testfile for 
# Source directory: /work/main/sim/calendar
# Build directory: /work/main/build/sim/calendar
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
