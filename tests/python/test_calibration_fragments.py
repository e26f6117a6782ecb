"""The YAML fragments of scripts/calibrate, pasted into repository scenarios, pass `peaksim validate` and carry
the estimates: the calendar of a festivals run replaces black_friday.yaml's, the price response of a prices run
replaces mooncake_markdown.yaml's.

usage: test_calibration_fragments.py PEAKSIM"""

import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import calibration_synthetic as syn  # noqa: E402
from harness import Checks, expect, expect_equal  # noqa: E402

checks = Checks()
TMP = Path(tempfile.mkdtemp(prefix="calibration_fragments_"))


def calibrate(*args):
    r = subprocess.run([str(ROOT / "scripts" / "calibrate"), *map(str, args)], capture_output=True, text=True)
    expect_equal(r.returncode, 0, f"calibrate exit status ({r.stderr})")
    return r.stdout


def validate(peaksim, text, name):
    path = TMP / name
    path.write_text(text)
    r = subprocess.run([peaksim, "validate", str(path)], capture_output=True, text=True)
    expect_equal(r.returncode, 0, f"peaksim validate {name}: {r.stderr}")
    return r.stdout


def without_top_level(text, key):
    """text without the top-level mapping `key:` (up to the next top-level key)."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if re.match(r"[A-Za-z_]", line):
            skipping = line.startswith(f"{key}:")
        if not skipping:
            out.append(line)
    return "".join(out)


@checks
def a_festivals_fragment_replaces_a_scenarios_calendar_and_validates(peaksim):
    history = TMP / "daily.csv"
    syn.daily_history(11, n_series=12, n_days=2 * 364).to_csv(history, index=False)
    fragment = TMP / "calendar.yaml"
    calibrate("festivals", history, "--event", "spring_festival", "--event", "double_11=11-11", "--max-window", "5",
              "--max-shoulder", "8", "--bootstrap", "20", "--yaml", fragment)
    text = fragment.read_text()
    for key in ("weekly: [", "name: spring_festival", 'date: "11-11"', "pull_forward: {factor: ", "hangover: {"):
        expect(key in text, f"fragment has {key!r}:\n{text}")
    scenario = without_top_level((ROOT / "scenarios" / "black_friday.yaml").read_text(), "calendar") + text
    out = validate(peaksim, scenario, "calibrated_calendar.yaml")
    expect("valid" in out, out)


@checks
def a_prices_fragment_replaces_a_scenarios_price_response_and_validates(peaksim):
    history = TMP / "prices.csv"
    syn.price_history(12, n_stores=10, n_weeks=40).to_csv(history, index=False)
    fragment = TMP / "price.yaml"
    calibrate("prices", history, "--series-col", "store,item", "--quantity-col", "units", "--promo-col", "deal",
              "--bootstrap", "10",
              "--yaml", fragment)
    lines = fragment.read_text().splitlines()
    expect_equal(lines[:3], ["catalog:", "  price_response:", "    form: constant_elasticity"], "fragment head")
    elasticity = float(lines[3].split(":")[1])
    # with the deal in the model; without it the deals' price cuts would steepen the slope
    expect(-3 < elasticity < -2, f"elasticity {elasticity} near the true -2.5")
    scenario = (ROOT / "scenarios" / "mooncake_markdown.yaml").read_text()
    old = "  price_response: {form: constant_elasticity, elasticity: -2.5}\n"
    expect(old in scenario, "mooncake_markdown.yaml still has its price response line")
    out = validate(peaksim, scenario.replace(old, "\n".join(lines[1:4]) + "\n"), "calibrated_prices.yaml")
    expect("valid" in out, out)


if __name__ == "__main__":
    sys.exit(checks.run(sys.argv[1]))
