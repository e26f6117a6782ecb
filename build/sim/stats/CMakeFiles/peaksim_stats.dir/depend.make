# Empty dependencies file for peaksim_stats.
# This may be replaced when dependencies are built.
