#!/usr/bin/python3
"""Checks each figure and table of the HTML report (analysis/peaksim_analysis) on the files make_report_files.py
writes: that it is drawn, and that it holds what it should, against numbers worked out here from the raw file.

Usage: test_report_figures.py DIR (the folder make_report_files.py filled)
"""

import math
import os
import re
import sys

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "analysis"))
sys.path.insert(0, HERE)
import matplotlib  # noqa: E402

matplotlib.use("Agg")
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from harness import Checks, expect, expect_close, expect_equal, expect_raises  # noqa: E402
from peaksim_analysis import (Experiment, figures, open_results, read_daily, read_experiment,  # noqa: E402
                              read_kpis, summarise)
from peaksim_analysis import experiment_sections as xs  # noqa: E402
from peaksim_analysis import sections as rs  # noqa: E402

test = Checks()


def raw_total(path, variable):
    """[replication, day] sums over SKUs and sites, read with h5py alone."""
    with h5py.File(path, "r") as f:
        groups = sorted(f["replications"].values(), key=lambda g: int(g.attrs["replication"]))
        return np.array([g[variable][()].reshape(g[variable].shape[0], -1).sum(axis=1) for g in groups], float)


def bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


@test
def trajectories_mean_inside_its_band_and_equal_to_the_raw_sums(d):
    path = os.path.join(d, "robots.h5")
    with open_results(path) as res:
        dates, panels, missing = rs.trajectory_panels(res)
        days = res.days()
    expect_equal([p["variable"] for p in panels], ["on_hand", "backorders", "fill_rate"], "panels")
    expect_equal(missing, [], "nothing missing at site_daily")
    on_hand = raw_total(path, "on_hand")
    expect_close(panels[0]["mean"], on_hand.mean(axis=0), "on-hand mean = mean of raw daily sums")
    expect_close(panels[0]["low"], np.quantile(on_hand, 0.05, axis=0), "on-hand band low = 5% quantile")
    sales, demand = raw_total(path, "sales"), raw_total(path, "demand")
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(demand > 0, sales / demand, np.nan)
    expect_close(np.nan_to_num(panels[2]["mean"], nan=-1), np.nan_to_num(np.nanmean(rate, axis=0), nan=-1),
                 "daily fill rate = mean of sales/demand per replication")
    for p in panels:
        ok = np.isfinite(p["mean"])
        expect(np.all(p["low"][ok] <= p["mean"][ok] + 1e-9) and np.all(p["mean"][ok] <= p["high"][ok] + 1e-9),
               f"{p['variable']}: the band lies around the mean")
    fig = figures.trajectories(panels, dates.values, days["peak"].to_numpy())
    for ax, p in zip(fig.axes, panels):
        line = [ln for ln in ax.get_lines() if ln.get_label() == "mean"][0]
        expect_close(np.asarray(line.get_ydata(), float), p["mean"], f"{p['variable']}: the line is the mean")
        band = [c for c in ax.collections if isinstance(c, PolyCollection) and c.get_label().startswith("5-95")][0]
        ys = band.get_paths()[0].vertices[:, 1]
        finite = np.isfinite(p["low"])
        expect_close([ys.min(), ys.max()], [np.nanmin(p["low"][finite]), np.nanmax(p["high"][finite])],
                     f"{p['variable']}: the band spans low..high")
    expect(days["peak"].any(), "robot_fleet has peak days")
    shaded = [c for c in fig.axes[0].patches if c.get_label() == "peak days"]
    expect(shaded, "peak days are shaded")


@test
def peak_zoom_covers_the_main_peak_and_a_margin(d):
    peak = np.array([0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0], bool)
    factor = np.array([1, 1, 2, 2, 1, 1, 1, 3, 5, 3, 1, 1, 1, 1, 1, 1], float)
    expect_equal(rs.peak_window(peak, factor, margin=2), (5, 11), "the run holding the top factor, +-2 days")
    expect_equal(rs.peak_window(peak, factor, margin=9), (0, 15), "clipped to the horizon")
    expect_equal(rs.peak_window(np.zeros(5, bool), np.ones(5)), None, "no peak day, no window")
    with open_results(os.path.join(d, "robots.h5")) as res:
        dates, panels, _ = rs.trajectory_panels(res)
        days = res.days()
        window = rs.peak_window(days["peak"].to_numpy(), days["calendar_factor"].to_numpy())
        (_, zoom) = rs.trajectory_sections(res, "t")[1]
    fig = figures.trajectories(panels, dates.values, days["peak"].to_numpy(), window=window)
    x = fig.axes[0].get_lines()[0].get_xdata()
    expect_equal(len(x), window[1] - window[0] + 1, "the zoom draws the window's days only")
    expect("<svg" in zoom, "the zoom section holds a figure")
    first = str(dates.iloc[window[0]].date())
    expect(first in zoom, f"the caption names the first day {first}")


@test
def cost_waterfall_adds_up_to_profit(d):
    with open_results(os.path.join(d, "carriers.h5")) as res:
        kpis = res.kpis()
    means = kpis.mean().to_dict()
    steps = rs.profit_steps(means)
    labels = [s[0] for s in steps]
    expect("transport cost" in labels, "carriers charge transport_cost, a step of the waterfall")
    expect_close(sum(a for _, a in steps), means["profit"], "the steps reach the mean profit", rel=1e-9)
    fig = figures.waterfall(steps, "profit")
    rects = bars(fig.axes[0])
    expect_equal(len(rects), len(steps) + 1, "one bar per step and one for the total")
    expect_close(rects[-1].get_width(), abs(means["profit"]), "the last bar is the profit", rel=1e-9)
    with open_results(os.path.join(d, "carriers.h5")) as res:
        _, body = rs.cost_section(res, "t")
    expect("do not follow" not in body, "no identity warning on a real file")
    expect("What total_cost is made of" in body, "the total_cost parts are listed")


@test
def tail_histograms_mark_p95_and_cvar95_of_the_tail(d):
    path = os.path.join(d, "robots.h5")
    with open_results(path) as res:
        tail = res.tail()
        kpis = res.kpis()
        heading, body = rs.tail_section(res, "t", {})
    n = len(kpis)
    for kpi in ("profit", "lost_sales"):
        values = np.sort(kpis[kpi].to_numpy())
        lower = tail["kpis"].loc[kpi, "side"] == "lower"
        k = math.ceil(0.05 * n)
        # nearest rank on the bad side, docs/output.md (Tail)
        p95 = values[n - math.ceil(0.95 * n)] if lower else values[math.ceil(0.95 * n) - 1]
        cvar = values[:k].mean() if lower else values[-k:].mean()
        expect_close(tail["kpis"].loc[kpi, "p95"], p95, f"{kpi} P95 by the nearest rank")
        expect_close(tail["kpis"].loc[kpi, "cvar95"], cvar, f"{kpi} CVaR95, mean of the worst {k}")
    items = [{"kpi": k, "unit": "u", "values": kpis[k].to_numpy(), "p95": tail["kpis"].loc[k, "p95"],
              "cvar95": tail["kpis"].loc[k, "cvar95"], "side": tail["kpis"].loc[k, "side"]}
             for k in ("profit", "lost_sales")]
    fig = figures.tail_histograms(items)
    for ax, item in zip(fig.axes, items):
        lines = {ln.get_label().split()[0]: ln.get_xdata()[0] for ln in ax.get_lines()}
        expect_close([lines["P95"], lines["CVaR95"], lines["mean"]],
                     [item["p95"], item["cvar95"], np.mean(item["values"])], f"{item['kpi']}: marked values")
        expect_equal(int(sum(p.get_height() for p in bars(ax))), n, f"{item['kpi']}: the bars count every replication")
    expect("<svg" in body and "Worst regions" in body, "the tail section has its figure and worst regions")


@test
def utilisation_bars_are_the_stations_means(d):
    with open_results(os.path.join(d, "robots.h5")) as res:
        by = res.kpis_by("station")
        table = rs._breakdown_means(res, "station", rs.UTILISATION["station"])
        _, body = rs.utilisation_section(res, "t", {})
    expected = []
    for kpi in rs.UTILISATION["station"]:
        if kpi in by.columns:
            for station, values in by[kpi].groupby(level="station", sort=False):
                if np.isfinite(values.mean()):
                    expected.append((f"{station}: {kpi}", values.mean()))
    expect(len(expected) >= 2, "robot_fleet has stations")
    expect_equal(list(table["label"]), [e[0] for e in expected], "one bar per station and KPI")
    expect_close(table["mean"].to_numpy(), [e[1] for e in expected], "bar lengths are the means across replications")
    fig = figures.interval_bars([("stations", "share", table, 1.0)])
    expect_equal(len(bars(fig.axes[0])), len(expected), "bars drawn")
    refs = [ln.get_xdata()[0] for ln in fig.axes[0].get_lines() if ln.get_linestyle() == "--"]
    expect_equal(refs, [1.0], "full use marked at 1")
    expect("Network picking figures" in body and "<svg" in body, "section has the figure and the robot table")
    with open_results(os.path.join(d, "carriers.h5")) as res:
        lanes = rs._breakdown_means(res, "lane", ("carrier_utilisation",))
        lane_names = list(res.kpis_by("lane").index.get_level_values("lane").unique())
    expect(lanes is None or set(lanes["label"]) <= {f"{n}: carrier_utilisation" for n in lane_names},
           "carrier bars are the file's lanes")


@test
def forecast_bars_hold_the_forecast_kpis(d):
    with open_results(os.path.join(d, "forecast.h5")) as res:
        kpis = res.kpis()
        _, body = rs.forecast_section(res, "t", {})
    present = [k for k in kpis.columns if k.startswith("forecast_") and k != "forecast_points"]
    expect(present, "forecast_driven writes forecast KPIs")
    for k in present:
        expect(f">{k}<" in body, f"{k} is labelled in the figure")
    expect("Scored points" in body, "the number of scored points is said")
    with open_results(os.path.join(d, "robots.h5")) as res:
        _, none = rs.forecast_section(res, "t", {})
    expect('class="note"' in none and "no forecast service" in none, "without a forecast service: a note")


@test
def notes_say_what_is_missing_and_how_to_get_it(d):
    with open_results(os.path.join(d, "kpi_only.h5")) as res:
        (h1, traj), (h2, zoom) = rs.trajectory_sections(res, "t")
        _, tail = rs.tail_section(res, "t", {})
        _, util = rs.utilisation_section(res, "t", {})
    for body in (traj, zoom):
        expect('class="note"' in body and "record.level=site_daily" in body, "trajectories: how to record them")
    expect('class="note"' in tail and "two or more replications" in tail, "tail: why it is missing")
    expect('class="note"' in util, "utilisation: a note")


@test
def forest_plot_has_one_interval_per_arm_and_kpi(d):
    path = os.path.join(d, "experiment.h5")
    with Experiment(path) as exp:
        panels = xs.forest_panels(exp)
        arms = exp.arm_names()
        baseline = exp.baseline()
        paired = exp.table("paired")
    expect_equal([p[0] for p in panels], ["profit", "fill_rate", "total_cost"], "a panel per compared KPI")
    fig = figures.forest(panels, baseline)
    for ax, (kpi, goal, rows) in zip(fig.axes, panels):
        expect_equal(list(rows["arm"]), [a for a in arms if a != baseline], f"{kpi}: every arm but the baseline")
        centres = [ln.get_xdata()[0] for ln in ax.get_lines() if ln.get_marker() == "o"]
        expect_equal(len(centres), len(arms) - 1, f"{kpi}: one interval per arm")
        want = paired[paired["kpi"] == kpi].set_index("arm").loc[list(rows["arm"])]
        expect_close(sorted(centres), sorted(want["mean"]), f"{kpi}: centres are the paired means")
        segments = [c for c in ax.collections if c.get_segments()]
        widths = sorted(abs(s[1][0] - s[0][0]) / 2 for c in segments for s in c.get_segments())
        expect_close(widths, sorted(want["half_width"]), f"{kpi}: bars are the 95% half-widths")
        zero = [ln for ln in ax.get_lines() if ln.get_marker() != "o"]
        expect(any([float(x) for x in ln.get_xdata()] == [0.0, 0.0] for ln in zero), f"{kpi}: a line marks 0")


@test
def arm_trajectories_have_one_line_per_arm(d):
    path = os.path.join(d, "experiment.h5")
    with Experiment(path) as exp:
        dates, peak, arms = xs.arm_trajectory_data(exp)
        names = exp.arm_names()
        _, body = xs.arm_trajectory_section(exp, "t")
    expect_equal([a for a, _ in arms], names, "every arm recorded its arrays")
    fig = figures.arm_trajectories(arms, dates.values, peak)
    for row, ax in enumerate(fig.axes):
        lines = {ln.get_label(): ln for ln in ax.get_lines()}
        expect_equal(sorted(lines), sorted(names), "one line per arm")
        for arm, panels in arms:
            expect_close(np.nan_to_num(np.asarray(lines[arm].get_ydata(), float), nan=-1),
                         np.nan_to_num(panels[row]["mean"], nan=-1), f"{arm}: its mean")
    with h5py.File(path, "r") as f:  # the baseline's on-hand line against its raw arrays
        groups = sorted(f["arms/baseline/replications"].values(), key=lambda g: int(g.attrs["replication"]))
        raw = np.array([g["on_hand"][()].reshape(g["on_hand"].shape[0], -1).sum(axis=1) for g in groups], float)
    expect_close(arms[0][1][0]["mean"], raw.mean(axis=0), "baseline on hand = mean of its raw daily sums")
    expect("<svg" in body, "the section holds the figure")


@test
def ranking_and_arm_table_agree_with_the_experiment_tables(d):
    path = os.path.join(d, "experiment.h5")
    tables = read_experiment(path)
    with Experiment(path) as exp:
        _, ranking = xs.ranking_section(exp)
        _, arm_table = xs.arm_kpi_section(exp, {})
        _, design = xs.overview_section(exp)
    for kpi, rows in tables["ranking"].groupby("kpi", sort=False):
        expect_close(rows["probability_best"].sum(), 1.0, f"{kpi}: P(best) sums to 1")
        order = list(rows.sort_values("rank")["arm"])
        section = ranking[ranking.index(f"<code>{kpi}</code>"):]
        positions = [section.index(f"<td class=\"text\">{a}</td>") for a in order]
        expect_equal(positions, sorted(positions), f"{kpi}: arms listed best first")
    # The per-arm table computes each arm's interval from its /kpi: the same as /experiment/summary.
    for _, row in tables["summary"].iterrows():
        from peaksim_analysis.html import number
        cell = f"{number(row['mean'])} ± {number(row['half_width'], 2)}"
        expect(cell in arm_table, f"{row['arm']} {row['kpi']}: {cell} in the per-arm table")
    expect("policy.review_period" in design and "(baseline)" in design, "design table with its parameter")
    expect("Stopping rule on profit (target half_width &lt;= 2%): max_replications ended the run first" in design,
           "the stopping rule's outcome")


@test
def tidy_tables_have_run_columns(d):
    kpis = read_kpis([os.path.join(d, "robots.h5"), os.path.join(d, "experiment.h5")])
    expect_equal(list(kpis.columns), ["file", "kind", "scenario_name", "seed", "arm", "replication", "kpi", "value"],
                 "read_kpis columns")
    with open_results(os.path.join(d, "robots.h5")) as res:
        wide = res.kpis()
    runs = kpis[kpis["kind"] == "run"]
    expect_equal(len(runs), wide.size, "a row per (replication, KPI) of the run")
    expect(runs["arm"].isna().all(), "a run has no arm")
    expect_equal(list(kpis[kpis["kind"] == "experiment"]["arm"].unique()),
                 ["baseline", "S=s+2*m, lean", "review[policy.review_period=3]"], "arms in order")
    from_glob = read_kpis(os.path.join(d, "arm_*.h5"))
    expect_equal(sorted(from_glob["file"].unique()), sorted(os.path.join(d, f"arm_{i}.h5") for i in range(3)), "glob")
    expect_raises(FileNotFoundError, ["no file matches"], lambda: read_kpis(os.path.join(d, "nothing_*.h5")))
    s = summarise(kpis[kpis["kind"] == "experiment"])
    summary = read_experiment(os.path.join(d, "experiment.h5"))["summary"]
    merged = summary.merge(s, on=["arm", "kpi"], suffixes=("", "_tidy"))
    expect_equal(len(merged), len(summary), "summarise covers the compared KPIs")
    expect_close(merged["mean_tidy"], merged["mean"], "summarise means = /experiment/summary", rel=1e-12)
    expect_close(merged["half_width_tidy"], merged["half_width"], "half-widths agree", rel=1e-9)
    daily = read_daily(os.path.join(d, "experiment.h5"), "on_hand", by="site")
    expect_equal(list(daily.columns[:7]), ["file", "kind", "scenario_name", "seed", "arm", "date", "site"],
                 "read_daily columns")
    expect_equal(daily["arm"].nunique(), 3, "read_daily: every arm")
    expect_raises(ValueError, ["run file"], lambda: read_experiment(os.path.join(d, "robots.h5")))


@test
def svg_has_no_address_and_unique_ids(d):
    fig = figures.waterfall([("a", 5.0), ("b", -2.0)], "total")
    one = figures.svg(fig, "one")
    fig = figures.waterfall([("a", 5.0), ("b", -2.0)], "total")
    two = figures.svg(fig, "two")
    expect(one.startswith("<svg") and one.rstrip().endswith("</svg>"), "an <svg> element")
    expect("http" not in one and "<metadata" not in one, "no address, no metadata")
    ids = set(re.findall(r'id="([^"]+)"', one)) & set(re.findall(r'id="([^"]+)"', two))
    expect_equal(ids, set(), "two figures on a page share no id")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(test.run(sys.argv[1]))
