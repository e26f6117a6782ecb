file(REMOVE_RECURSE
  "libpeaksim_kernel.a"
)
