file(REMOVE_RECURSE
  "libpeaksim_stats.a"
)
