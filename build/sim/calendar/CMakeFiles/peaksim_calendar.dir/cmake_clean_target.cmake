file(REMOVE_RECURSE
  "libpeaksim_calendar.a"
)
