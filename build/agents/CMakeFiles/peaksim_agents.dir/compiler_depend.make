# Empty compiler generated dependencies file for peaksim_agents.
# This may be replaced when dependencies are built.
