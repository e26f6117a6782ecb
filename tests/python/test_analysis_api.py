#!/usr/bin/python3
"""Checks the tables and plots of analysis/peaksim_results.py (kpis, kpis_by, skus, levels, days, daily,
plot_daily) and analysis/example_report.py on small files built here with h5py, against numbers
worked out by hand.

Usage: /usr/bin/python3 tests/python/test_analysis_api.py
"""

import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..", "..", "analysis")
sys.path.insert(0, ANALYSIS)
import peaksim_results  # noqa: E402
from harness import Checks, expect, expect_close, expect_raises  # noqa: E402
from peaksim_results import MissingResultError  # noqa: E402

TEXT = h5py.string_dtype()
REPS = [1, 2, 5]  # ids need not be contiguous
MULT = [2, 1, 3]  # per replication, so that sorting (not file order) decides the quantiles
DATES = [f"2024-11-{d:02d}" for d in range(1, 11)]  # 10 days: weeks of 7 and 3
SKUS, CATS, SITES, REGIONS = ["A", "B", "C"], ["toys", "toys", "garden"], ["north", "south"], ["east", "west", "central"]
LANES = ["vendor->north", "north->east"]  # lanes with carriers
KPI_NAMES = ["total_cost", "fill_rate"]  # reporting order, not alphabetical
test = Checks()


def text(values):
    return np.array(values, dtype=TEXT)


def demand(k, t, s, w):
    """Replication index k, period t, SKU s, site w: the recorded value of every fixture array."""
    return MULT[k] * (t + 1) + 10 * s + 100 * w


def write(path, schema=2, level="sku_daily", variables=("demand", "sales"), kpi_by_sku=True, catalogue=True,
          lanes=True):
    with h5py.File(path, "w") as f:
        f.attrs["schema_version"] = np.int32(schema)
        f.attrs["complete"] = np.int32(1)
        f.attrs["replications"] = np.int64(len(REPS))
        f.attrs["scenario_name"] = "fixture"
        prov = f.create_group("provenance")
        prov["scenario"] = f"name: fixture\nrecord:\n  level: {level}\n"
        ax = f.create_group("axes")
        ax["date"], ax["sku"], ax["sku_category"] = text(DATES), text(SKUS), text(CATS)
        ax["site"], ax["category"] = text(SITES), text(sorted(set(CATS)))
        cats = sorted(set(CATS))
        for k, rep in enumerate(REPS):
            g = f.create_group(f"replications/r{rep:06d}")
            g.attrs["replication"] = np.int64(rep)
            if level == "kpi_only":
                continue
            if level in ("sku_daily", "sku_weekly"):
                dims = ("day" if level == "sku_daily" else "week", "sku", "site")
                periods = 10 if level == "sku_daily" else 2
                values = [[[demand(k, t, s, w) for w in range(2)] for s in range(3)] for t in range(periods)]
            elif level == "site_daily":
                dims = ("day", "site")
                values = [[demand(k, t, 0, w) for w in range(2)] for t in range(10)]
            else:  # category_daily: category c stands where SKU c would
                dims = ("day", "category", "site")
                values = [[[demand(k, t, c, w) for w in range(2)] for c in range(len(cats))] for t in range(10)]
            for var in variables:
                data = np.array(values, dtype=np.int32)
                # Chunks of 3 days, as the writer cuts time: a read of whole chunks then spans several runs.
                ds = g.create_dataset(var, data=data, chunks=(min(3, len(data)),) + data.shape[1:], compression="gzip")
                ds.attrs["dims"] = text(dims)
        kpi = f.create_group("kpi")
        kpi["replication"] = np.array(REPS, dtype=np.int64)
        kpi["fill_rate"] = np.array([0.9, 0.8, 0.95])
        kpi["total_cost"] = np.array([100.0, 200.0, 300.0])
        kpi.attrs["names"] = text(KPI_NAMES)
        if schema < 2:
            return path
        f["sites/name"], f["regions/name"] = text(SITES), text(REGIONS)
        if lanes:
            f["lanes/name"] = text(LANES)
        for by, n in (("site", 2), ("region", 3), ("sku", 3), ("lane", 2)):
            if (by == "sku" and not kpi_by_sku) or (by == "lane" and not lanes):
                continue
            g = f.create_group(f"kpi_by/{by}")
            g.attrs["names"] = text(KPI_NAMES)
            # value = 1000*kpi + 10*replication index + group index, so every cell says where it belongs
            for j, name in enumerate(KPI_NAMES):
                g[name] = np.array([[1000.0 * j + 10 * k + i for i in range(n)] for k in range(len(REPS))])
        if catalogue:
            f["skus/id"], f["skus/category"] = text(SKUS), text(CATS)
            f["skus/rate"] = np.array([1.5, 2.0, 0.25])
            f["skus/price"], f["skus/cost"], f["skus/salvage"] = (np.array([10.0, 20.0, 30.0]), np.array([4.0, 8.0, 12.0]),
                                                                  np.array([1.0, 2.0, 3.0]))
            f["skus/level_s"] = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
            f["skus/level_S"] = np.array([[10.0, 20.0], [30.0, 40.0], [50.0, 60.0]])
            f["skus/level_Q"] = np.array([[7.0, 8.0], [9.0, 11.0], [12.0, 13.0]])
            f["days/date"] = text(DATES)
            f["days/calendar_factor"] = np.linspace(1.0, 1.9, 10)
            f["days/peak"] = np.array([0, 0, 0, 0, 0, 0, 1, 1, 0, 0], dtype=np.int8)
            f["days/events"] = text([""] * 6 + ["singles_day+black_friday", "black_friday", "", ""])
    return path


def hand_quantile(values, q):
    """Linear interpolation between order statistics (numpy's and pandas' default), written out."""
    v = sorted(values)
    pos = q * (len(v) - 1)
    lo = int(pos)
    return v[lo] + (pos - lo) * (v[min(lo + 1, len(v) - 1)] - v[lo])


def opened(tmp, name, **kw):
    return peaksim_results.open_results(write(os.path.join(tmp, name), **kw))


@test
def kpis_are_indexed_by_replication_in_reported_order(tmp):
    with opened(tmp, "a.h5") as res:
        k = res.kpis()
    expect(list(k.index) == REPS and k.index.name == "replication", f"index {list(k.index)}")
    expect(list(k.columns) == KPI_NAMES, f"columns {list(k.columns)}")
    expect_close(k.loc[5, "fill_rate"], 0.95, "fill_rate of replication 5")


@test
def kpis_by_site_region_sku_and_lane_are_tidy_and_keep_each_cell_in_place(tmp):
    with opened(tmp, "a.h5") as res:
        for level, labels in (("site", SITES), ("region", REGIONS), ("sku", SKUS), ("lane", LANES)):
            t = res.kpis_by(level)
            expect(list(t.index.names) == ["replication", level], f"{level} index names {t.index.names}")
            expect(list(t.columns) == KPI_NAMES, f"{level} columns {list(t.columns)}")
            expect(len(t) == len(REPS) * len(labels), f"{level} rows {len(t)}")
            for k, rep in enumerate(REPS):
                for i, label in enumerate(labels):
                    for j, name in enumerate(KPI_NAMES):
                        expect_close(t.loc[(rep, label), name], 1000 * j + 10 * k + i, f"{level} {rep} {label} {name}")
        # By hand: fill_rate of replication 2 (index 1) at "west" (index 1) is 1000 + 10 + 1.
        expect_close(res.kpis_by("region").loc[(2, "west"), "fill_rate"], 1011.0, "a literal cell")
        expect_close(res.kpis_by("lane").loc[(5, "north->east"), "fill_rate"], 1021.0, "a literal lane cell")


@test
def kpis_by_explains_what_is_missing_and_why(tmp):
    with opened(tmp, "no_sku.h5", kpi_by_sku=False) as res:
        expect_raises(MissingResultError, ["/kpi_by/sku", "record.kpi_by_sku: true"], lambda: res.kpis_by("sku"))
        expect_raises(LookupError, ["/kpi_by/sku"], lambda: res.kpis_by("sku"))
        expect_raises(ValueError, ["'warehouse'", "site, region, sku, lane"], lambda: res.kpis_by("warehouse"))
        expect_raises(MissingResultError, ["/tail", "two or more replications"], res.tail)
    with opened(tmp, "no_lane.h5", lanes=False) as res:
        expect_raises(MissingResultError, ["/kpi_by/lane", "some lane has carriers"], lambda: res.kpis_by("lane"))
        expect_raises(MissingResultError, ["/kpi_by/station", "picking station or robot fleet"],
                      lambda: res.kpis_by("station"))
    with opened(tmp, "old.h5", schema=1) as res:
        expect(res.kpis().shape == (3, 2), "schema 1 KPIs still read")
        for level in ("site", "region", "sku"):
            expect_raises(MissingResultError, [f"/kpi_by/{level}", "schema 1", "without breakdowns"],
                          lambda: res.kpis_by(level))


@test
def skus_levels_and_days_read_the_catalogue(tmp):
    with opened(tmp, "a.h5") as res:
        s, lv, d = res.skus(), res.levels(), res.days()
    expect(list(s.index) == SKUS and s.index.name == "sku", f"sku index {list(s.index)}")
    expect(list(s.columns) == ["category", "rate", "price", "cost", "salvage"], f"sku columns {list(s.columns)}")
    expect(list(s["category"]) == CATS, "categories")
    expect_close(s.loc["C", ["rate", "price", "cost", "salvage"]].values, [0.25, 30.0, 12.0, 3.0], "SKU C")
    expect(list(lv.index.names) == ["sku", "site"] and list(lv.columns) == ["s", "S", "Q"], f"levels {lv.columns}")
    expect(len(lv) == 6, f"levels rows {len(lv)}")
    expect_close(lv.loc[("B", "south")].values, [4.0, 40.0, 11.0], "levels of B at south")
    expect_close(lv.loc[("C", "north")].values, [5.0, 50.0, 12.0], "levels of C at north")
    expect(str(d.index.dtype) == "datetime64[ns]" and d.index.name == "date", f"days index {d.index.dtype}")
    expect(str(d.index[0].date()) == "2024-11-01" and len(d) == 10, "first date and length")
    expect(list(d.columns) == ["calendar_factor", "peak", "events"], f"day columns {list(d.columns)}")
    expect(d["peak"].dtype == np.int8 and int(d["peak"].sum()) == 2, "peak flags")
    expect(d.loc["2024-11-07", "events"] == "singles_day+black_friday" and d.loc["2024-11-01", "events"] == "",
           "events")
    expect_close(d.loc["2024-11-10", "calendar_factor"], 1.9, "calendar_factor")


@test
def catalogue_readers_refuse_files_without_it(tmp):
    with opened(tmp, "bare.h5", catalogue=False) as res:
        for fn, group in ((res.skus, "/skus"), (res.levels, "/skus"), (res.days, "/days")):
            expect_raises(MissingResultError, [group], fn)
    with opened(tmp, "old.h5", schema=1) as res:
        expect_raises(MissingResultError, ["/days", "schema 1"], res.days)


@test
def breakdowns_and_levels_of_the_wrong_shape_are_refused_with_the_shape_expected(tmp):
    path = write(os.path.join(tmp, "misshapen.h5"))
    with h5py.File(path, "r+") as f:
        del f["kpi_by/site/fill_rate"], f["skus/level_S"]
        f["kpi_by/site/fill_rate"] = np.zeros((3, 3))
        f["skus/level_S"] = np.zeros((2, 2))
    with peaksim_results.open_results(path) as res:
        expect_raises(ValueError, ["/kpi_by/site/fill_rate is shaped [3, 3]", "expected [3 replications, 2 sites]"],
                      lambda: res.kpis_by("site"))
        expect_raises(ValueError, ["/skus/level_S is shaped [2, 2]", "expected [3 skus, 2 sites]"], res.levels)


@test
def daily_totals_match_hand_sums_and_quantiles(tmp):
    with opened(tmp, "a.h5") as res:
        t = res.daily("demand")
    expect(list(t.columns) == ["date", "mean", "q05", "q95"], f"columns {list(t.columns)}")
    expect(len(t) == 10 and str(t["date"].dtype) == "datetime64[ns]", "one row per date")
    # Day 0 totals: 6*m + 360 with m = 2, 1, 3 -> 372, 366, 378.
    expect_close(t.loc[0, ["mean", "q05", "q95"]].values, [372.0, 366.6, 377.4], "day 0 by hand")
    for d in range(10):
        totals = [sum(demand(k, d, s, w) for s in range(3) for w in range(2)) for k in range(3)]
        expect_close(t.loc[d, "mean"], sum(totals) / 3, f"mean of day {d}")
        expect_close(t.loc[d, "q05"], hand_quantile(totals, 0.05), f"q05 of day {d}")
        expect_close(t.loc[d, "q95"], hand_quantile(totals, 0.95), f"q95 of day {d}")


@test
def daily_by_site_sku_and_category_keeps_one_row_per_date_and_value(tmp):
    with opened(tmp, "a.h5") as res:
        site = res.daily("demand", by="site", quantiles=(0.1, 0.5, 0.975))
        sku = res.daily("sales", by="sku")
        cat = res.daily("demand", by="category")
    expect(list(site.columns) == ["date", "site", "mean", "q10", "q50", "q97.5"], f"columns {list(site.columns)}")
    expect(len(site) == 20 and list(site["site"][:4]) == ["north", "south", "north", "south"], "site rows")
    # Day 0, north: 3*m + 30 -> 36, 33, 39.
    expect_close(site.loc[0, ["mean", "q10", "q50", "q97.5"]].values, [36.0, 33.6, 36.0, 38.85], "north day 0")
    for label, table, group_of in (("site", site, lambda s, w: w), ("sku", sku, lambda s, w: s),
                                   ("category", cat, lambda s, w: ["garden", "toys"].index(CATS[s]))):
        names = {"site": SITES, "sku": SKUS, "category": ["garden", "toys"]}[label]
        expect(len(table) == 10 * len(names), f"{label} rows {len(table)}")
        for row in table.itertuples():
            d = DATES.index(str(row.date.date()))
            g = names.index(getattr(row, label))
            totals = [sum(demand(k, d, s, w) for s in range(3) for w in range(2) if group_of(s, w) == g)
                      for k in range(3)]
            expect_close(row.mean, sum(totals) / 3, f"{label} {names[g]} day {d}")
            expect_close(getattr(row, "q05") if label != "site" else getattr(row, "q50"),
                         hand_quantile(totals, 0.05 if label != "site" else 0.5), f"{label} quantile day {d}")
    # Day 0: garden = SKU C = 2m + 140 -> mean 144; toys = 4m + 220 -> mean 228.
    expect_close(cat[cat["date"] == "2024-11-01"]["mean"].values, [144.0, 228.0], "categories on day 0")


@test
def daily_reads_in_blocks_without_changing_the_answer(tmp):
    with opened(tmp, "a.h5") as res:
        whole = res.daily("demand", by="sku")
        old = peaksim_results.READ_BLOCK_BYTES
        peaksim_results.READ_BLOCK_BYTES = 1  # one chunk of days per read
        try:
            blocked = res.daily("demand", by="sku", max_bytes=3 * 10 * 8)  # one SKU per block
            total = res.daily("demand")
        finally:
            peaksim_results.READ_BLOCK_BYTES = old
    expect(whole.equals(blocked), "SKU blocks and day runs should give the same table")
    expect_close(total["mean"].values, whole.groupby("date")["mean"].sum().values, "SKUs add up to the total")


@test
def daily_handles_each_recorded_level(tmp):
    with opened(tmp, "weekly.h5", level="sku_weekly") as res:
        t = res.daily("demand", by="site")
        weeks = list(t["date"].dt.strftime("%Y-%m-%d").unique())
        expect(weeks == ["2024-11-01", "2024-11-08"], f"weeks start on {weeks}")
        expect_close(t["mean"].values, [36.0, 336.0, 42.0, 342.0], "weekly means by site")  # 3*m*(t+1) + 30 + 300*w
    with opened(tmp, "site.h5", level="site_daily") as res:
        t = res.daily("demand", by="site")
        expect_close(t["mean"].values[:2], [2.0, 102.0], "site_daily day 0")  # m + 100*w, mean m = 2
        expect_close(res.daily("demand")["mean"].values[:1], [104.0], "site_daily total day 0")
        expect_raises(MissingResultError, ["site_daily", "by='sku'", "None, 'site'"],
                      lambda: res.daily("demand", by="sku"))
    with opened(tmp, "cat.h5", level="category_daily") as res:
        t = res.daily("demand", by="category")
        expect(list(t["category"][:2]) == ["garden", "toys"], "category labels")
        expect_close(t["mean"].values[:2], [104.0, 124.0], "category_daily day 0")  # 2m + 20c + 100
        expect_raises(MissingResultError, ["category_daily", "None, 'category', 'site'"],
                      lambda: res.daily("demand", by="sku"))


@test
def daily_names_the_variable_the_level_and_what_was_recorded(tmp):
    with opened(tmp, "kpi_only.h5", level="kpi_only") as res:
        expect(res.recorded_variables() == [], "kpi_only records nothing")
        expect_raises(MissingResultError, ["'demand'", "kpi_only", "recorded variables: none"],
                      lambda: res.daily("demand"))
    with opened(tmp, "sales.h5", variables=("sales", "on_hand")) as res:
        expect_raises(MissingResultError, ["'demand'", "sku_daily", "on_hand, sales"], lambda: res.daily("demand"))
        expect_raises(ValueError, ["'region'", "None", "'site', 'sku', 'category'"],
                      lambda: res.daily("sales", by="region"))
        expect_raises(ValueError, ["[0, 1]"], lambda: res.daily("sales", quantiles=(0.5, 95)))


@test
def tables_without_pandas_say_how_to_install_it(tmp):
    with opened(tmp, "a.h5") as res:
        saved = peaksim_results._pd
        peaksim_results._pd = None
        try:
            for fn in (lambda: res.kpis_by("site"), res.skus, res.days, lambda: res.daily("demand")):
                expect_raises(ImportError, ["pandas", "scripts/install-deps"], fn)
            expect(isinstance(res.kpis(), dict), "kpis() falls back to a dict of arrays")
        finally:
            peaksim_results._pd = saved


@test
def plot_daily_draws_the_mean_and_a_band(tmp):
    with opened(tmp, "a.h5") as res:
        ax = res.plot_daily("demand")
        expect(len(ax.lines) == 1 and len(ax.collections) == 1, "one line, one band")
        expect_close(ax.lines[0].get_ydata()[:1], [372.0], "the line is the mean")
        band = ax.collections[0].get_paths()[0].vertices[:, 1]
        # q05 of day 0 and q95 of day 9 (totals 480, 420, 540 -> 480 + 0.9 * 60)
        expect_close([band.min(), band.max()], [366.6, 534.0], "band")
        ax2 = res.plot_daily("demand", by="site", values=["south"])
        expect(len(ax2.lines) == 1 and ax2.lines[0].get_label() == "south", "one chosen site")
        expect_raises(ValueError, ["east", "north, south"], lambda: res.plot_daily("demand", by="site", values=["east"]))
        png = os.path.join(tmp, "plot.png")
        ax.figure.savefig(png)
    expect(os.path.getsize(png) > 1000, "a PNG was written")


@test
def example_report_prints_kpis_and_saves_a_plot(tmp):
    path = write(os.path.join(tmp, "report.h5"))
    png = os.path.join(tmp, "report.png")
    script = os.path.join(ANALYSIS, "example_report.py")
    run = subprocess.run([sys.executable, script, path, "--out", png], capture_output=True, text=True)
    expect(run.returncode == 0, f"exit {run.returncode}: {run.stderr}")
    expect("fill_rate" in run.stdout and "total_cost" in run.stdout and "north" in run.stdout, run.stdout)
    expect(os.path.getsize(png) > 1000, "figure written")
    bad = os.path.join(tmp, "bad.png")
    run = subprocess.run([sys.executable, script, path, "--variable", "backorders", "--out", bad],
                         capture_output=True, text=True)
    expect(run.returncode == 2 and "'backorders'" in run.stderr and "demand, sales" in run.stderr, run.stderr)
    expect(not os.path.exists(bad), "nothing written on bad input")


def main():
    tmp = tempfile.mkdtemp(prefix="peaksim-test-analysis-")
    try:
        return test.run(tmp)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
