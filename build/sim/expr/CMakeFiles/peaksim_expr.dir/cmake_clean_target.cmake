file(REMOVE_RECURSE
  "libpeaksim_expr.a"
)
