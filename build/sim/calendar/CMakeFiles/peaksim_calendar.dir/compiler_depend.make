# Empty compiler generated dependencies file for peaksim_calendar.
# This may be replaced when dependencies are built.
