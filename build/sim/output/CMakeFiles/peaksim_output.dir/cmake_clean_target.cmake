file(REMOVE_RECURSE
  "libpeaksim_output.a"
)
