# CMAKE generated file: DO NOT EDIT!
# Timestamp file for custom commands dependencies management for peaksim_build_info_gen.
