file(REMOVE_RECURSE
  "libpeaksim_agents.a"
)
