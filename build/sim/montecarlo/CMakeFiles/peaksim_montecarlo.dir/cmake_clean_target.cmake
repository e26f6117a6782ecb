file(REMOVE_RECURSE
  "libpeaksim_montecarlo.a"
)
