#!/usr/bin/python3
"""Opens reports in headless Chromium and fails on any console message: the page has no script, so anything
Chromium reports on the console (an error, a refused load) is a fault. Exits 77 (skipped, with the reason) on a
machine without Chromium; scripts/install-deps installs it.

How a console message is seen: with --enable-logging=stderr --v=0, Chromium writes every console message of the
page to standard error as a line holding ":CONSOLE" (level and source follow). A page that logs an error on
purpose is opened first, so that a Chromium that stopped writing those lines fails this test rather than passing
it silently. --dump-dom then proves the page was parsed (its sections and figures are in the DOM), and
--screenshot leaves a PNG beside the report for a person to look at.

Usage: test_report_chromium.py PEAKSIM DIR (the folder make_report_files.py filled)
"""

import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..", "..", "analysis")
sys.path.insert(0, HERE)
from harness import Checks, expect, expect_equal  # noqa: E402

SKIP = 77
test = Checks()
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
         "--no-first-run", "--disable-extensions"]


def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def open_page(path, *extra):
    """(exit status, console lines, stdout) of Chromium on file://path."""
    profile = path + ".chromium-profile"  # a profile of its own: runs in parallel do not share one
    shutil.rmtree(profile, ignore_errors=True)
    try:
        done = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, "file://" + path],
                              capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.returncode, console, done.stdout


def report(ctx, name):
    peaksim, d = ctx
    folder = os.path.join(d, "chromium")
    os.makedirs(folder, exist_ok=True)
    out = os.path.join(folder, f"{name}.html")
    env = dict(os.environ, PYTHONPATH=ANALYSIS, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-m", "peaksim_analysis.report", os.path.join(d, f"{name}.h5"), "-o", out,
                           "--force", "--peaksim", peaksim], capture_output=True, text=True, env=env, timeout=600)
    expect_equal((done.returncode, done.stderr), (0, ""), f"report of {name}.h5")
    return out


@test
def a_console_error_is_seen(ctx):
    os.makedirs(os.path.join(ctx[1], "chromium"), exist_ok=True)
    path = os.path.join(ctx[1], "chromium", "control.html")
    with open(path, "w") as f:
        f.write('<!DOCTYPE html><html><body><p>control</p><script>console.error("control-error");</script>'
                "</body></html>")
    status, console, dom = open_page(path, "--dump-dom")
    expect_equal(status, 0, "chromium runs")
    expect(any("control-error" in line for line in console), f"the control's error is seen: {console}")


@test
def run_report_opens_without_console_messages(ctx):
    path = report(ctx, "robots")
    status, console, dom = open_page(path, "--dump-dom")
    expect_equal((status, console), (0, []), "no console message")
    for section in ("kpis", "trajectories", "peak", "money", "tail", "utilisation", "forecast", "provenance"):
        expect(f'id="{section}"' in dom, f"section {section} in the DOM")
    expect(dom.count("<svg") >= 5, "the figures are in the DOM")
    status, console, _ = open_page(path, "--screenshot=" + path[:-5] + ".png", "--window-size=1000,6000",
                                   "--hide-scrollbars")
    expect_equal((status, console), (0, []), "screenshot without console message")
    expect(os.path.getsize(path[:-5] + ".png") > 10000, "a screenshot was written")


@test
def experiment_report_opens_without_console_messages(ctx):
    path = report(ctx, "experiment")
    status, console, dom = open_page(path, "--dump-dom")
    expect_equal((status, console), (0, []), "no console message")
    expect('id="comparison"' in dom and 'id="ranking"' in dom, "comparison and ranking in the DOM")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    if chromium() is None:
        print("SKIP: chromium is not installed (scripts/install-deps installs it); the report was not opened")
        sys.exit(SKIP)
    sys.exit(test.run((os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))))
