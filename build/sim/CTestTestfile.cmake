# CMake generated Testfile for 
# Source directory: /work/main/sim
# Build directory: /work/main/build/sim
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("random")
subdirs("calendar")
subdirs("expr")
subdirs("stats")
subdirs("scenario")
subdirs("kernel")
subdirs("output")
subdirs("montecarlo")
subdirs("cli")
