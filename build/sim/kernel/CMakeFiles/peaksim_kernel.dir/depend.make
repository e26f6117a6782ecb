# Empty dependencies file for peaksim_kernel.
# This may be replaced when dependencies are built.
