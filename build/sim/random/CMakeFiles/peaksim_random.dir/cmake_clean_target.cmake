file(REMOVE_RECURSE
  "libpeaksim_random.a"
)
