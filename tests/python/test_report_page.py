#!/usr/bin/python3
"""Checks `peaksim report` and `python3 -m peaksim_analysis.report` end to end: the page is one self-contained,
well-formed HTML file with every section, and bad input or a bad output path gets one message, exit status 2
and nothing written.

Usage: test_report_page.py PEAKSIM DIR (the folder make_report_files.py filled)
"""

import html.parser
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..", "..", "analysis")
sys.path.insert(0, HERE)
from harness import Checks, expect, expect_equal  # noqa: E402

test = Checks()
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
RUN_SECTIONS = ("kpis", "trajectories", "peak", "money", "tail", "utilisation", "forecast", "provenance")
EXPERIMENT_SECTIONS = ("design", "kpis", "comparison", "ranking", "arm-trajectories", "trajectories", "peak", "money", "tail",
                       "utilisation", "forecast", "provenance", "experiment-provenance")


class Structure(html.parser.HTMLParser):
    """Tags opened and closed in order (outside <svg>, whose self-closed elements HTML allows), ids, and
    every attribute that could fetch something."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids, self.links, self.tags = [], [], [], [], set()
        self.fetching = []  # attribute values and style text that would load something

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
            if name in ("src", "href", "xlink:href", "action", "poster", "data"):
                self.links.append((tag, name, value))
            if value and re.search(r"^\s*(https?:|//)|url\(\s*['\"]?(?!#)", value):
                self.fetching.append(f"{tag} {name}={value}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style" and re.search(r"url\(|@import", data):
            self.fetching.append("style: " + data)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()


def check_page(path, sections):
    text = open(path, encoding="utf-8").read()
    expect(text.startswith("<!DOCTYPE html>"), f"{path}: a doctype")
    parser = Structure()
    parser.feed(text)
    parser.close()
    expect_equal(parser.errors, [], f"{path}: tags nest")
    expect_equal(parser.stack, [], f"{path}: every tag closed")
    expect_equal(len(parser.ids), len(set(parser.ids)), f"{path}: ids are unique")
    for section in sections:
        expect(section in parser.ids, f"{path}: section {section}")
    outside = [link for link in parser.links if not link[2].startswith("#")]
    expect_equal(outside, [], f"{path}: every link points inside the page")
    expect_equal(parser.fetching, [], f"{path}: no attribute or style loads anything")
    expect(not ({"script", "link", "iframe", "object", "embed", "img"} & parser.tags),
           f"{path}: no script, no external resource ({parser.tags & {'script', 'link', 'img'}})")
    svgs = re.findall(r"<svg.*?</svg>", text, flags=re.S)
    for i, svg in enumerate(svgs):  # well-formed XML once the namespaces HTML implies are declared again
        ET.fromstring(svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg" '
                                  'xmlns:xlink="http://www.w3.org/1999/xlink"', 1))
    return text, len(svgs)


def peaksim_report(peaksim, *args):
    return subprocess.run([peaksim, "report", *args], capture_output=True, text=True, timeout=600)


def own_folder(d, fresh=True):
    """The folder this test writes its pages in (other tests write beside the results files at the same time)."""
    folder = os.path.join(d, "page")
    if fresh:
        shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    return folder


def hidden(folder):
    """Hidden temporary files left in folder (none in a folder that does not exist)."""
    if not os.path.isdir(folder):
        return []
    return sorted(n for n in os.listdir(folder) if n.startswith(".peaksim-"))


@test
def run_report_is_a_self_contained_page(ctx):
    peaksim, d = ctx
    out = os.path.join(own_folder(d), "robots.html")
    done = peaksim_report(peaksim, os.path.join(d, "robots.h5"), "-o", out)
    expect_equal((done.returncode, done.stderr), (0, ""), "peaksim report succeeds quietly")
    text, figures = check_page(out, RUN_SECTIONS)
    expect(figures >= 5, f"trajectories, zoom, money, tail, utilisation figures (got {figures})")
    expect("<code>fill_rate</code></td><td class=\"text\">share</td>" in text, "units from peaksim kpis")
    expect("<details><summary>The resolved scenario" in text, "the resolved scenario, collapsed")
    expect_equal(hidden(own_folder(d, fresh=False)), [], "no temporary file left")


@test
def experiment_report_has_the_comparison(ctx):
    peaksim, d = ctx
    out = os.path.join(own_folder(d, fresh=False), "experiment.html")
    done = peaksim_report(peaksim, os.path.join(d, "experiment.h5"), "-o", out, "--force")
    expect_equal((done.returncode, done.stderr), (0, ""), "peaksim report succeeds")
    text, figures = check_page(out, EXPERIMENT_SECTIONS)
    expect("S=s+2*m, lean" in text and "review[policy.review_period=3]" in text, "arm names as written")


@test
def a_real_experiment_file_matches_the_layout_the_tests_assume(ctx):
    """experiment.h5 is written by make_report_files.py to the documented layout; experiment_run.h5 is the same
    arms run by `peaksim experiment`. On common random numbers their tables must agree, and the page renders."""
    import h5py
    peaksim, d = ctx
    made, real = os.path.join(d, "experiment.h5"), os.path.join(d, "experiment_run.h5")

    def tables(path):
        out = {}
        with h5py.File(path, "r") as f:
            expect_equal(f.attrs["kind"], "experiment", f"{path}: kind")
            for table in ("summary", "paired"):
                g = f["experiment"][table]
                arms, kpis = g["arm"].asstr()[()], g["kpi"].asstr()[()]
                for i, (arm, kpi) in enumerate(zip(arms, kpis)):
                    out[(table, arm, kpi)] = (int(g["n"][i]), float(g["mean"][i]), float(g["half_width"][i]))
            names = set()
            f["experiment"].visit(names.add)
        # The made file's third arm stands for a sweep point (a design column); the real run names it as an arm.
        return out, {n for n in names if not n.startswith(("stopping", "design/"))}

    made_tables, made_names = tables(made)
    real_tables, real_names = tables(real)
    expect_equal(sorted(real_names), sorted(made_names), "the same /experiment datasets")
    expect_equal(sorted(real_tables), sorted(made_tables), "the same (table, arm, kpi) rows")
    for key, (n, mean, hw) in made_tables.items():
        rn, rmean, rhw = real_tables[key]
        expect_equal(rn, n, f"{key}: n")
        expect(abs(rmean - mean) <= 1e-9 * max(1.0, abs(mean)), f"{key}: mean {rmean} vs {mean}")
        expect(abs(rhw - hw) <= 1e-9 * max(1.0, abs(hw)) or (hw != hw and rhw != rhw), f"{key}: half-width")
    out = os.path.join(own_folder(d, fresh=False), "experiment_run.html")
    done = peaksim_report(peaksim, real, "-o", out, "--force")
    expect_equal((done.returncode, done.stderr), (0, ""), "peaksim report succeeds on a real experiment")
    text, _ = check_page(out, EXPERIMENT_SECTIONS)
    expect("S=s+2*m, lean" in text and "review[policy.review_period=3]" in text, "arm names as written")


@test
def missing_data_gives_visible_notes(ctx):
    peaksim, d = ctx
    out = os.path.join(own_folder(d, fresh=False), "kpi_only.html")
    done = peaksim_report(peaksim, os.path.join(d, "kpi_only.h5"), "-o", out, "--force")
    expect_equal(done.returncode, 0, "succeeds")
    text, _ = check_page(out, RUN_SECTIONS)
    expect(text.count('class="note"') >= 5, "trajectories, zoom, tail, utilisation and forecast say why not")


def refused(peaksim, d, args, words, target):
    before = open(target, "rb").read() if os.path.exists(target) else None
    done = peaksim_report(peaksim, *args)
    expect_equal(done.returncode, 2, f"{args}: exit status 2 ({done.stderr})")
    lines = done.stderr.strip().splitlines()
    expect_equal(len(lines), 1, f"{args}: one message: {done.stderr}")
    for w in words:
        expect(w in lines[0], f"{args}: {w!r} in {lines[0]!r}")
    after = open(target, "rb").read() if os.path.exists(target) else None
    expect_equal(after, before, f"{args}: {target} untouched")
    expect_equal(hidden(os.path.dirname(target) or "."), [], "no temporary file left")


@test
def bad_input_and_outputs_are_refused(ctx):
    peaksim, d = ctx
    bad = os.path.join(d, "refusals")
    shutil.rmtree(bad, ignore_errors=True)
    os.makedirs(bad)
    out = os.path.join(bad, "out.html")
    refused(peaksim, d, [os.path.join(bad, "missing.h5"), "-o", out], ["cannot read", "No such file"], out)
    notes = os.path.join(bad, "notes.h5")
    with open(notes, "w") as f:
        f.write("not hdf5\n")
    refused(peaksim, d, [notes, "-o", out], ["not a peaksim results file", "not an HDF5 file"], out)
    other = os.path.join(bad, "other.h5")
    with h5py.File(other, "w") as f:
        f["x"] = 1
    refused(peaksim, d, [other, "-o", out], ["not a peaksim results file", "schema_version"], out)
    partial = os.path.join(bad, "partial.h5")
    shutil.copy(os.path.join(d, "kpi_only.h5"), partial)
    with h5py.File(partial, "a") as f:
        f.attrs["complete"] = 0
    refused(peaksim, d, [partial, "-o", out], ["incomplete"], out)
    with open(out, "w") as f:
        f.write("keep me\n")
    refused(peaksim, d, [os.path.join(d, "kpi_only.h5"), "-o", out], ["already exists", "--force"], out)
    refused(peaksim, d, [partial, "-o", partial, "--force"], ["is the input file"], partial)
    refused(peaksim, d, [os.path.join(d, "kpi_only.h5"), "-o", os.path.join(bad, "no", "x.html")],
            ["does not exist"], os.path.join(bad, "no", "x.html"))
    expect(not os.path.exists(os.path.join(bad, "no")), "no folder made")
    expect_equal(hidden(bad), [], "no temporary file left beside the refusals")
    done = peaksim_report(peaksim, os.path.join(d, "kpi_only.h5"), "-o", out, "--force")
    expect_equal(done.returncode, 0, "--force replaces the file")
    expect(open(out).read().startswith("<!DOCTYPE html>"), "the report replaced it")


def children(pid):
    """Process ids whose parent is pid (from /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if entry.isdigit() and int(fields[1]) == pid:
                out.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    return out


@test
def a_signal_leaves_no_file_and_no_python_behind(ctx):
    peaksim, d = ctx
    folder = own_folder(d, fresh=False)
    out = os.path.join(folder, "signalled.html")
    proc = subprocess.Popen([peaksim, "report", os.path.join(d, "experiment.h5"), "-o", out],
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    python = []
    while not python and proc.poll() is None and time.monotonic() < deadline:
        python = children(proc.pid)
        time.sleep(0.01)
    expect(python, "peaksim report started its Python")
    proc.send_signal(signal.SIGTERM)
    status = proc.wait(timeout=120)
    expect_equal(status, -signal.SIGTERM if status < 0 else 128 + signal.SIGTERM, "ended by the signal")
    time.sleep(0.5)
    expect(not any(os.path.exists(f"/proc/{p}") and open(f"/proc/{p}/stat").read().split()[2] != "Z"
                   for p in python), "the Python child is gone")
    expect(not os.path.exists(out), "no page")
    expect_equal(hidden(folder), [], "no temporary file left")


@test
def the_python_module_follows_the_same_rules(ctx):
    peaksim, d = ctx
    out = os.path.join(own_folder(d, fresh=False), "module_robots.html")
    if os.path.exists(out):
        os.unlink(out)
    env = dict(os.environ, PYTHONPATH=ANALYSIS, PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "peaksim_analysis.report", os.path.join(d, "robots.h5"), "-o", out,
           "--peaksim", peaksim]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    expect_equal((done.returncode, done.stderr), (0, ""), "python3 -m peaksim_analysis.report succeeds")
    check_page(out, RUN_SECTIONS)
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    expect_equal(again.returncode, 2, "no overwrite without --force")
    expect("already exists" in again.stderr, again.stderr)
    expect_equal(hidden(os.path.dirname(out)), [], "no temporary file left")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(test.run((os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))))
