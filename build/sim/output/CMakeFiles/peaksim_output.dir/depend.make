# Empty dependencies file for peaksim_output.
# This may be replaced when dependencies are built.
