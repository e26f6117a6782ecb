#!/bin/sh
# An installed peaksim (cmake --install) finds its shipped weights (and `report` its analysis package) under
# <prefix>/share/peaksim from a folder
# outside the source and build trees; PEAKSIM_DATA_DIR overrides that; a missing file is an error naming the
# places looked at, with status 2 and nothing written.
# Usage: installed_copy.sh BUILD_DIR SOURCE_DIR (SOURCE_DIR: only for the test's scenario input). It works in a
# fresh folder under $TMPDIR (default /tmp), removed when every check passed. $CMAKE: the cmake to install with.
set -u
build=$1 src=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/peaksim-installed-XXXXXX") || exit 1
failures=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

mkdir -p "$work/run" "$work/data/pretrained" "$work/empty" || exit 1
"${CMAKE:-cmake}" --install "$build" --prefix "$work/prefix" > "$work/install.log" || { cat "$work/install.log"; exit 1; }
peaksim=$work/prefix/bin/peaksim
weights=$work/prefix/share/peaksim/pretrained/global_daily.h5
check "the install holds bin/peaksim and share/peaksim/pretrained/global_daily.h5" test -x "$peaksim" -a -f "$weights"

# Two daily series of 90 days with a weekly pattern.
python3 - "$work/run/h.csv" << 'PY'
import datetime, sys
with open(sys.argv[1], "w") as out:
    out.write("series_id,date,value\n")
    for sid, base in (("a", 20), ("b", 150)):
        for t in range(90):
            day = datetime.date(2024, 8, 1) + datetime.timedelta(days=t)
            out.write(f"{sid},{day},{round(base * (1.4 if day.weekday() >= 5 else 1.0)) + t % 3}\n")
PY
cd "$work/run" || exit 1
forecast() {  # forecast OUTPUT [ENV=VALUE...]: the installed peaksim, run here
  out=$1
  shift
  env "$@" "$peaksim" forecast --input h.csv --horizon 7 --model global -o "$out" 2> err.txt
}

check "forecast --model global runs with the installed weights" forecast installed.csv -u PEAKSIM_DATA_DIR
check "its forecasts are those of the build tree's peaksim" \
  sh -c "'$build/cli/peaksim' forecast --input h.csv --horizon 7 --model global -o built.csv && cmp -s built.csv installed.csv"
check "a scenario with forecast.model global validates with the installed weights" \
  sh -c "env -u PEAKSIM_DATA_DIR '$peaksim' validate '$src/scenarios/forecast_driven.yaml' --set forecast.model=global >/dev/null"

cp "$weights" "$work/data/pretrained/" || exit 1
check "PEAKSIM_DATA_DIR holding the file is used" forecast override.csv PEAKSIM_DATA_DIR="$work/data"
check "  with the same forecasts" cmp -s installed.csv override.csv
forecast never.csv PEAKSIM_DATA_DIR="$work/empty"
check "PEAKSIM_DATA_DIR without the file: status 2" test $? -eq 2
check "  the message names the variable and the file" \
  grep -q "PEAKSIM_DATA_DIR is set to '$work/empty' but $work/empty/pretrained/global_daily.h5 does not exist" err.txt
check "  nothing written" test ! -e never.csv

# peaksim report runs the analysis package installed under share/peaksim/analysis, on a run made here.
env -u PEAKSIM_DATA_DIR "$peaksim" run "$src/scenarios/reference/single_sS.yaml" -n 2 -q -o run.h5 \
  --set catalog.generate.count=5 --set horizon=30d
check "report writes the page with the installed analysis package" \
  sh -c "env -u PEAKSIM_DATA_DIR '$peaksim' report run.h5 -o run.html && grep -q '<svg' run.html"
check "  the package is under share/peaksim/analysis" test -f "$work/prefix/share/peaksim/analysis/peaksim_analysis/report.py"

rm "$weights"
forecast never.csv -u PEAKSIM_DATA_DIR
check "no shipped weights anywhere: status 2" test $? -eq 2
check "  the message lists the places looked at" \
  grep -q "cannot find the shipped pretrained/global_daily.h5: looked at $work/prefix/bin/pretrained/global_daily.h5, $weights;" err.txt
check "  nothing written" test ! -e never.csv
env -u PEAKSIM_DATA_DIR "$peaksim" validate "$src/scenarios/forecast_driven.yaml" --set forecast.model=global \
  > /dev/null 2> err.txt
check "the scenario without them: status 2" test $? -eq 2
check "  the message names forecast.weights and the places" grep -q "forecast.weights: cannot find the shipped" err.txt

if [ $failures -eq 0 ]; then rm -rf "$work"; else echo "$failures check(s) failed; files left in $work"; fi
exit $((failures != 0))
