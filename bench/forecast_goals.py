#!/usr/bin/python3
"""Rolling-origin backtests of `peaksim forecast` / `peaksim train-forecaster` on the real data sets, through the
command line: each origin's history is written as the long CSV the command reads (the data set's own rows up to the
origin: weekly dates, gaps as absent rows, returns as negative values; no cleaning), every model is one command,
and the forecasts are scored against the data set's next H steps. See docs/forecasting.md, "Goals on the command
line".

  /usr/bin/python3 bench/forecast_goals.py [--peaksim build/cli/peaksim] [--data ../shared/data]
      [--dataset m5_tiny,walmart_store_sales,koubei_shop_flow] [--origins 4] [--validation 0]
      [--first-origin YYYY-MM-DD] [--models ...] [--events] [--markdown FILE] [--work DIR]
  /usr/bin/python3 bench/forecast_goals.py --dataset walmart_store_sales --export FILE --before YYYY-MM-DD
      (writes the data set's rows dated before the day as that CSV, e.g. to train the shipped weekly weights)

Origins: K origins spaced by the horizon, the last test window ending with the data (moved back by V horizons
with --validation V), or K origins spaced by the horizon from --first-origin, or the dates --first-origin lists. A (series, origin) window is scored
when the series is observed on the step before the origin, has at least 2H observed steps before it and at least
one observed step in the test window. MASE: per window the mean over the observed test steps of |y - q0.5| over the
in-sample MAE of seasonal naive (season 7 daily, 52 weekly; lag 1 with no more than a season of history) on the
observed pairs; the mean over windows (zero scales left out).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

HORIZON = {"m5_tiny": 28, "walmart_store_sales": 8, "koubei_shop_flow": 14}
EVENTS = {"walmart_store_sales": "walmart_holidays.csv", "koubei_shop_flow": "koubei_holidays.csv"}


def load(name, folder):
    """(dates: DatetimeIndex of the grid, ids: list, values: T x S float array with NaN where there is no value)."""
    if name == "m5_tiny":
        sales = pd.read_csv(os.path.join(folder, "sales_train.csv"))
        cal = pd.read_csv(os.path.join(folder, "calendar.csv"), usecols=["date", "d"])
        days = [c for c in sales.columns if c.startswith("d_")]
        dates = pd.to_datetime(cal.set_index("d").loc[days, "date"].values)
        return pd.DatetimeIndex(dates), list(sales["id"]), sales[days].to_numpy(float).T
    if name == "walmart_store_sales":
        t = pd.read_csv(os.path.join(folder, "train.csv"))
        t["id"] = t["Store"].astype(str) + "_" + t["Dept"].astype(str)
        wide = t.pivot_table(index="Date", columns="id", values="Weekly_Sales", aggfunc="first")
        wide.index = pd.to_datetime(wide.index)
        grid = pd.date_range(wide.index.min(), wide.index.max(), freq="7D")
        wide = wide.reindex(grid)
        return grid, list(wide.columns), wide.to_numpy(float)
    if name == "koubei_shop_flow":
        k = pd.read_csv(os.path.join(folder, "shop_daily_payments.csv"))
        k = k.set_index("shop_id")
        k.columns = pd.to_datetime(k.columns)
        grid = pd.date_range(k.columns.min(), k.columns.max(), freq="D")
        k = k.reindex(columns=grid)  # 2015-12-12 has no column: a missing day
        return grid, [str(i) for i in k.index], k.to_numpy(float).T
    raise SystemExit(f"unknown data set {name}")


def write_history(path, dates, ids, values, origin):
    """Every series' observed rows before step `origin` (gaps stay absent)."""
    part = values[:origin]
    t_idx, s_idx = np.nonzero(~np.isnan(part))
    order = np.lexsort((t_idx, s_idx))
    t_idx, s_idx = t_idx[order], s_idx[order]
    day = dates[:origin].strftime("%Y-%m-%d").to_numpy()
    frame = pd.DataFrame({"series_id": np.asarray(ids, dtype=object)[s_idx], "date": day[t_idx],
                          "value": part[t_idx, s_idx]})
    frame.to_csv(path, index=False, float_format="%.10g")


def run(cmd, log):
    start = time.time()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with open(log, "a") as f:
        f.write(" ".join(cmd) + "\n" + r.stdout + r.stderr[-4000:] + "\n")
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return time.time() - start


def read_forecasts(path, dates, ids):
    f = pd.read_csv(path, dtype={"series_id": str})
    f["date"] = pd.to_datetime(f["date"])
    pos = {d: i for i, d in enumerate(dates)}
    col = {s: i for i, s in enumerate(ids)}
    out = {}
    for q in ("q0.1", "q0.5", "q0.9"):
        m = np.full((len(dates) + 60, len(ids)), np.nan)
        t = f["date"].map(lambda d: pos.get(d, -1)).to_numpy()
        s = f["series_id"].map(col).to_numpy()
        keep = t >= 0
        m[t[keep], s[keep]] = f[q].to_numpy()[keep]
        out[q] = m
    return out


def scale_of(train, season):
    y = train[~np.isnan(train)]
    lag = season if len(y) > season else 1
    d = train[lag:] - train[:-lag]
    d = d[~np.isnan(d)]
    return np.mean(np.abs(d)) if len(d) else np.nan


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--peaksim", default="build/cli/peaksim")
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--dataset", default="m5_tiny,walmart_store_sales,koubei_shop_flow")
    ap.add_argument("--origins", type=int, default=4)
    ap.add_argument("--validation", type=int, default=0)
    ap.add_argument("--first-origin", default="", help="the first origin, or a comma-separated list of origins")
    ap.add_argument("--models", default="seasonal_naive,ensemble,global,global_trained")
    ap.add_argument("--events", action="store_true",
                    help="add ensemble_events and global_trained_events (bench/events/*_holidays.csv)")
    ap.add_argument("--markdown", default="")
    ap.add_argument("--work", default="")
    ap.add_argument("--export", default="")
    ap.add_argument("--before", default="")
    a = ap.parse_args()
    if a.export:
        dates, ids, values = load(a.dataset, os.path.join(a.data, a.dataset))
        write_history(a.export, dates, ids, values, int(np.searchsorted(dates, pd.Timestamp(a.before))))
        return
    work = a.work or tempfile.mkdtemp(prefix="forecast_goals_")
    os.makedirs(work, exist_ok=True)
    log = os.path.join(work, "commands.log")
    report = []
    for name in a.dataset.split(","):
        dates, ids, values = load(name, os.path.join(a.data, name))
        weekly = (dates[1] - dates[0]).days == 7
        season, h = (52 if weekly else 7), HORIZON[name]
        models = a.models.split(",")
        events = os.path.join(here, "events", EVENTS[name]) if a.events and name in EVENTS else ""
        if events:
            models += ["ensemble_events", "global_trained_events"]
        T = len(dates)
        if "," in a.first_origin:  # a list of origins
            origins = [dates.get_loc(pd.Timestamp(d)) for d in a.first_origin.split(",")]
        elif a.first_origin:
            first = dates.get_loc(pd.Timestamp(a.first_origin))
            origins = [first + k * h for k in range(a.origins)]
        else:
            origins = [T - h * (a.origins - k + a.validation) for k in range(a.origins)]
        sums = {m: [] for m in models}
        cover = {m: [0, 0] for m in models}
        seconds = {m: 0.0 for m in models}
        per_origin = {m: [] for m in models}
        for o in origins:
            hist = os.path.join(work, f"{name}_{o}.csv")
            write_history(hist, dates, ids, values, o)
            freq = ["--freq", "week" if weekly else "day"]
            base = [a.peaksim, "forecast", "--input", hist, "--horizon", str(h), "--quantiles", "0.1,0.5,0.9",
                    "--force"] + freq
            fc = {}
            for m in models:
                out = os.path.join(work, f"{name}_{o}_{m}.csv")
                ev = ["--events", events] if m.endswith("_events") else []
                if m in ("seasonal_naive", "ensemble", "ensemble_events"):
                    seconds[m] += run(base + ["--model", m.replace("_events", ""), "--period", str(season), "-o", out]
                                      + ev, log)
                elif m == "global":
                    seconds[m] += run(base + ["--model", "global", "-o", out], log)
                elif m.startswith("global_trained"):
                    w = os.path.join(work, f"{name}_{o}_{m}.h5")
                    design = [] if weekly else ["--season", "7", "--no-calendar", "--horizon", str(h), "--epochs", "30"]
                    seconds[m] += run([a.peaksim, "train-forecaster", "--input", hist, "-o", w, "--force", "-q"]
                                      + freq + design + ev, log)
                    seconds[m] += run(base + ["--model", "global", "--weights", w, "-o", out] + ev, log)
                fc[m] = read_forecasts(out, dates, ids)
            mases = {m: [] for m in models}
            for s in range(len(ids)):
                train = values[:o, s]
                if np.isnan(train[-1]) or np.count_nonzero(~np.isnan(train)) < 2 * h:
                    continue
                first_obs = np.argmax(~np.isnan(train))
                actual = values[o:o + h, s]
                seen = ~np.isnan(actual)
                if not seen.any():
                    continue
                sc = scale_of(train[first_obs:], season)
                for m in models:
                    med = fc[m]["q0.5"][o:o + h, s]
                    lo, hi = fc[m]["q0.1"][o:o + h, s], fc[m]["q0.9"][o:o + h, s]
                    ok = seen & ~np.isnan(med)
                    cover[m][0] += int(np.sum((actual[ok] >= lo[ok]) & (actual[ok] <= hi[ok])))
                    cover[m][1] += int(np.sum(ok))
                    if sc > 0 and ok.any():
                        mases[m].append(np.mean(np.abs(actual[ok] - med[ok])) / sc)
            for m in models:
                sums[m] += mases[m]
                per_origin[m].append(np.mean(mases[m]))
        lines = [f"#### {name}", "",
                 f"{len(ids)} series, {'weekly' if weekly else 'daily'}, {dates[0].date()} to {dates[-1].date()}; "
                 f"horizon {h}, season {season}; origins (first forecast step): "
                 + " ".join(str(dates[o].date()) for o in origins)
                 + f"; {len(sums[models[0]])} windows scored" + (f"; events {os.path.relpath(events, os.path.join(here, os.pardir))}" if events else ""),
                 "", "| model | MASE | MASE / seasonal naive | MASE / ensemble | per origin | 80% coverage | seconds |",
                 "|---|---:|---:|---:|---|---:|---:|"]
        ref = np.mean(sums["seasonal_naive"]) if "seasonal_naive" in sums else np.nan
        ens = np.mean(sums["ensemble"]) if "ensemble" in sums else np.nan
        for m in models:
            v = np.mean(sums[m])
            lines.append(f"| {m} | {v:.3f} | {v / ref:.3f} | {v / ens:.3f} | "
                         + " ".join(f"{x:.3f}" for x in per_origin[m])
                         + f" | {100 * cover[m][0] / max(cover[m][1], 1):.1f}% | {seconds[m]:.0f} |")
        text = "\n".join(lines) + "\n"
        print(text, flush=True)
        report.append(text)
    if a.markdown:
        tmp = a.markdown + ".tmp"
        with open(tmp, "w") as f:
            f.write("\n".join(report))
        os.replace(tmp, a.markdown)


if __name__ == "__main__":
    main()
