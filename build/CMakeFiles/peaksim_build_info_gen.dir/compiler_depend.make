# Empty custom commands generated dependencies file for peaksim_build_info_gen.
# This may be replaced when dependencies are built.
