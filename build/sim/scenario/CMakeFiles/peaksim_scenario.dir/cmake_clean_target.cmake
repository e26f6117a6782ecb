file(REMOVE_RECURSE
  "libpeaksim_scenario.a"
)
