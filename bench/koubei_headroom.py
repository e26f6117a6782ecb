#!/usr/bin/env python3
"""How much of Koubei's forecast error any history-only model could remove (docs/forecasting.md, "Where
Koubei's gap lies").

Two figures, on the same windows and MASE as bench/forecast_accuracy (blank days inside a shop's span count
as 0, the day without a column takes the mean of the same weekday a week before and after, a window needs 2H
days of history and its whole test window, MASE = MAE / in-sample MAE of the weekly seasonal naive):

Seasonal naive here is the plain value of a week before; the bench's row scores its median quantile, which
adds the median in-sample error (docs/forecasting.md, "Prediction intervals"): means within 0.002 of each other.

1. MASE over seasonal naive of a weekday profile (the median of the last 4 weeks' deviations from their mean)
   added to a level: the last 7 days' mean (a forecast), or the test window's own mean (an oracle). The gap
   between them is what knowing each window's level would be worth.
2. How well the level change, log((test mean + 1) / (last 7 days' mean + 1)), can be told from what is known
   at the origin: the shop's last two weekly changes, the change of all shops and of the shop's city (R^2 of a
   least-squares fit over origins every 3 days).

usage: bench/koubei_headroom.py [DATA_DIR]   (default: ../shared/data next to the repository)
"""
import csv
import datetime as dt
import pathlib
import sys

import numpy as np

H, SEASON = 14, 7


def load(folder):
    rows = list(csv.reader(open(folder / "shop_daily_payments.csv", encoding="utf-8")))
    first = dt.date.fromisoformat(rows[0][1])
    steps = [(dt.date.fromisoformat(h) - first).days for h in rows[0][1:]]
    length = steps[-1] + 1
    has_column = np.zeros(length, bool)
    has_column[steps] = True
    matrix = np.full((len(rows) - 1, length), np.nan)  # NaN outside a shop's span
    ids = []
    for i, row in enumerate(rows[1:]):
        y, recorded = np.zeros(length), np.zeros(length, bool)
        for k, text in enumerate(row[1:]):
            if text:
                y[steps[k]], recorded[steps[k]] = float(text), True
        span = np.flatnonzero(recorded)
        if len(span) == 0:
            continue
        lo, hi = span[0], span[-1]
        for t in range(lo, hi + 1):
            if not has_column[t]:
                near = [y[u] for u in (t - 7, t + 7) if lo <= u <= hi and has_column[u]]
                y[t] = np.mean(near) if near else 0.0
        matrix[i, lo:hi + 1] = y[lo:hi + 1]
        ids.append(row[0])
    return matrix, ids, length


def mase_scale(train):
    return np.abs(train[SEASON:] - train[:-SEASON]).mean() if len(train) > SEASON else 0.0


def profile_levels(matrix, length, validation):
    ratios = {}
    for k in range(4, 0, -1):
        origin = length - (k + validation) * H
        for series in matrix:
            known = np.flatnonzero(~np.isnan(series))
            start, end = known[0], known[-1]
            if origin - start < max(2 * H, 28) or end < origin + H - 1:
                continue
            train, test = series[start:origin], series[origin:origin + H]
            scale = mase_scale(train)
            if scale <= 0:
                continue
            weeks = train[-28:].reshape(4, 7)
            profile = np.tile(np.median(weeks - weeks.mean(1, keepdims=True), 0), 2)
            forecasts = {"seasonal naive": np.tile(train[-7:], 2),
                         "profile + last week's level": profile + train[-7:].mean(),
                         "profile + the test window's level (oracle)": profile + test.mean()}
            for name, f in forecasts.items():
                ratios.setdefault(name, []).append(np.abs(test - np.maximum(f, 0)).mean() / scale)
    naive = np.mean(ratios["seasonal naive"])
    label = "validation origins" if validation else "standard origins"
    for name, values in ratios.items():
        print(f"  {label}: {name}: MASE {np.mean(values):.3f} ({np.mean(values) / naive:.3f} of seasonal naive)")


def level_r2(matrix, cities, length):
    rows = []
    for origin in range(120, length - H, 3):
        def window_mean(a, b):
            return matrix[:, origin + a:origin + b].mean(1)  # NaN when any day is outside the span
        last, prev, older, test = window_mean(-7, 0), window_mean(-14, -7), window_mean(-28, -14), window_mean(0, H)
        ok = ~np.isnan(last + prev + older + test) & (last > 5) & (prev > 5) & (older > 5)
        market = np.log(last[ok].sum() / prev[ok].sum())
        for city in np.unique(cities[ok]):
            members = ok & (cities == city)
            local = np.log(last[members].sum() / prev[members].sum()) if members.sum() >= 5 else market
            for i in np.flatnonzero(members):
                rows.append((np.log((test[i] + 1) / (last[i] + 1)), np.log((last[i] + 1) / (prev[i] + 1)),
                             np.log((prev[i] + 1) / (older[i] + 1)), market, local))
    data = np.array(rows)
    target = data[:, 0]

    def r2(columns):
        x = np.column_stack([np.ones(len(target)), data[:, columns]])
        residual = target - x @ np.linalg.lstsq(x, target, rcond=None)[0]
        return 1 - residual.var() / target.var()

    print(f"  level change over {len(target)} (shop, origin) pairs: R^2 from the shop's own changes "
          f"{r2([1, 2]):.3f}, adding all shops' change {r2([1, 2, 3]):.3f}, adding the city's {r2([1, 2, 3, 4]):.3f}")


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    data = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "data"
    folder = data / "koubei_shop_flow"
    if not (folder / "shop_daily_payments.csv").is_file():
        print(f"{folder / 'shop_daily_payments.csv'}: no such file; pass the shared data folder", file=sys.stderr)
        sys.exit(2)
    matrix, ids, length = load(folder)
    info = {row[0]: row[1] for row in list(csv.reader(open(folder / "shop_info.csv", encoding="utf-8")))[1:]}
    cities = np.array([info.get(shop, "") for shop in ids])
    matrix = matrix[~np.isnan(matrix).all(1)]
    profile_levels(matrix, length, 4)
    profile_levels(matrix, length, 0)
    level_r2(matrix, cities, length)


if __name__ == "__main__":
    main()
