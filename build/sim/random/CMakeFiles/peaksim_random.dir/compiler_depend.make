# Empty compiler generated dependencies file for peaksim_random.
# This may be replaced when dependencies are built.
