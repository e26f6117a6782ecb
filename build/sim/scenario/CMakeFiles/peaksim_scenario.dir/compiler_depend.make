# Empty compiler generated dependencies file for peaksim_scenario.
# This may be replaced when dependencies are built.
