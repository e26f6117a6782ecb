"""What the report says of each KPI (unit, definition, tail side): the KPI table `peaksim kpis` prints, the
one the simulator computes from (docs/model.md), read from the executable rather than copied here."""

import os
import shutil
import subprocess


def find_peaksim(given=None):
    """The peaksim executable: the one given, else `peaksim` on PATH, else the build tree's beside this
    package's source tree (build/cli/peaksim); None when there is none."""
    if given:
        return given
    on_path = shutil.which("peaksim")
    if on_path:
        return on_path
    here = os.path.dirname(os.path.abspath(__file__))
    built = os.path.join(here, "..", "..", "build", "cli", "peaksim")
    return os.path.normpath(built) if os.access(built, os.X_OK) else None


def parse(markdown):
    """The rows of the KPI table: name -> dict(unit, present, levels, definition, tail) with tail "upper",
    "lower" or None."""
    out = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 5 or not cells[0].startswith("`"):
            continue
        name = cells[0].strip("`")
        definition = "|".join(cells[4:]).strip()
        tail = "upper" if "tail: upper" in definition else "lower" if "tail: lower" in definition else None
        out[name] = {"unit": cells[1], "present": cells[2], "levels": cells[3],
                     "definition": definition.replace("`", ""), "tail": tail}
    return out


def load(peaksim):
    """(catalogue, None) from `peaksim kpis`, or ({}, why not) when it cannot be run."""
    if not peaksim:
        return {}, "no peaksim executable was found (give --peaksim PATH)"
    try:
        done = subprocess.run([peaksim, "kpis"], capture_output=True, text=True, timeout=60)
    except OSError as e:
        return {}, f"cannot run {peaksim} kpis: {e.strerror}"
    if done.returncode != 0:
        return {}, f"{peaksim} kpis failed with status {done.returncode}"
    catalogue = parse(done.stdout)
    return (catalogue, None) if catalogue else ({}, f"{peaksim} kpis printed no KPI table")
