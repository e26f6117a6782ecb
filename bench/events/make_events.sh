#!/bin/sh
# Regenerates the holiday files of the event backtests (bench/forecast_goals.py --events) from the festival rules of
# sim/calendar/festivals.hpp: bench/events/make_events.sh [BUILD_DIR] (needs the `event_days` target built).
set -eu
here=$(dirname "$0")
tool=${1:-build}/bench/event_days
# Koubei (China): the Spring Festival days off (its eve to the 6th day), Golden Week (1-7 October) and Mid-Autumn
# with the two days after it (the official days off differ by a day here and there).
"$tool" 2015-01-01 2016-12-31 spring_festival=spring_festival:1:5 golden_week=10-01:0:6 mid_autumn=mid_autumn:0:2 \
  >"$here/koubei_holidays.csv"
# Walmart (US, weeks dated by their last day, a Friday): Thanksgiving (its week holds Black Friday), the week
# before Christmas (18-24 December) and Christmas Day.
"$tool" 2010-01-01 2013-12-31 thanksgiving=thanksgiving_us christmas_before=12-24:6:0 christmas=christmas \
  >"$here/walmart_holidays.csv"
