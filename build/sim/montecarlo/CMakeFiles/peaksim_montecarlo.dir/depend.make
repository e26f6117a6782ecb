# Empty dependencies file for peaksim_montecarlo.
# This may be replaced when dependencies are built.
