# Empty dependencies file for test_scenario.
# This may be replaced when dependencies are built.
