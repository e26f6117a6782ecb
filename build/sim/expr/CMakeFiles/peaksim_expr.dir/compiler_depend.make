# Empty compiler generated dependencies file for peaksim_expr.
# This may be replaced when dependencies are built.
