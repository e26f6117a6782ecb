# Empty compiler generated dependencies file for peaksim.
# This may be replaced when dependencies are built.
