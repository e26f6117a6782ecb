"""Synthetic sales histories with known festival shapes, weekly weights and price elasticities, written as the
CSV files scripts/calibrate reads (for test_calibration.py)."""

import datetime as dt

import numpy as np
import pandas as pd

WEEKLY = np.array([0.9, 0.92, 0.95, 0.97, 1.06, 1.15, 1.05])  # Monday .. Sunday, mean 1

# (name, rule, profile, before, after, multiplier, pull days, pull factor, hangover days, hangover factor)
FESTIVALS = [("spring_festival", "spring_festival", "flat", 1, 5, 0.7, 7, 1.3, 4, 0.85),
             ("double_11", "11-11", "linear", 2, 1, 2.5, 0, 1.0, 0, 1.0)]


def festival_factor(days, festivals):
    """docs/model.md, Demand: the product of every event's factor on each day (numpy datetime64[D])."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "analysis"))
    from calibration.date_rules import occurrences
    first, last = dt.date.fromisoformat(str(days[0])), dt.date.fromisoformat(str(days[-1]))
    F = np.ones(len(days))
    for _, rule, profile, b, a, m, p, pf, h, hf in festivals:
        for occ in occurrences(rule, first - dt.timedelta(days=60), last + dt.timedelta(days=60)):
            k = (days - np.datetime64(occ)).astype(int)
            inside = (k >= -b) & (k <= a)
            w = np.where(k <= 0, 1 - np.abs(k) / (b + 1), 1 - k / (a + 1)) if profile == "linear" else 1.0
            F *= np.where(inside, 1 + (m - 1) * w, 1.0)
            F *= np.where((k < -b) & (k >= -b - p), pf, 1.0) * np.where((k > a) & (k <= a + h), hf, 1.0)
    return F


def daily_history(seed, n_series=40, start="2014-01-06", n_days=3 * 364, festivals=FESTIVALS, trend=0.15):
    """Poisson daily sales: level_s x (1 + trend x years) x weekly x festivals."""
    rng = np.random.default_rng(seed)
    days = np.datetime64(start) + np.arange(n_days).astype("timedelta64[D]")
    weekday = (days.view("int64") - 4) % 7  # 1970-01-05 was a Monday
    mu_t = WEEKLY[weekday] * festival_factor(days, festivals) * (1 + trend * np.arange(n_days) / 365)
    level = rng.lognormal(np.log(40), 0.6, n_series)
    y = rng.poisson(level[:, None] * mu_t[None, :])
    return pd.DataFrame({"series": np.repeat([f"s{i}" for i in range(n_series)], n_days),
                         "date": np.tile(pd.to_datetime(days).strftime("%Y-%m-%d"), n_series),
                         "value": y.ravel()})


def weekly_history(seed, week_multiplier=1.4, n_series=40):
    """Weeks ending Friday (as Walmart's): Black Friday's whole week (before 6d) at week_multiplier."""
    bf = [("black_friday", "black_friday", "flat", 6, 0, week_multiplier, 0, 1.0, 0, 1.0)]
    daily = daily_history(seed, n_series, start="2013-01-05", n_days=3 * 364, festivals=bf)  # a Saturday
    daily["week_end"] = pd.to_datetime(daily["date"]) + pd.to_timedelta(
        (4 - pd.to_datetime(daily["date"]).dt.weekday) % 7, unit="D")
    return daily.groupby(["series", "week_end"], as_index=False)["value"].sum().rename(columns={"week_end": "date"})


def price_history(seed, elasticity=-2.5, cross=0.8, deal_lift=1.5, n_stores=25, n_items=4, n_weeks=80, sd=0.25,
                  level=3.0, counts=False):
    """log q = store-item effect + week effect + e log p + c mean log(other items' prices) + log(lift) deal + noise;
    counts: q is instead a Poisson count with that log mean (no noise term), zeros and all."""
    rng = np.random.default_rng(seed)
    base = np.exp(rng.normal(1.0, 0.2, n_items))
    week = rng.normal(0, 0.2, n_weeks)
    rows = []
    for s in range(n_stores):
        deal = rng.random((n_items, n_weeks)) < 0.15
        logp = np.log(base)[:, None] + rng.normal(0, 0.08, (n_items, n_weeks)) - 0.2 * deal
        for i in range(n_items):
            others = (logp.sum(0) - logp[i]) / (n_items - 1)
            mu = rng.normal(level, 0.5) + week + elasticity * logp[i] + cross * others + np.log(deal_lift) * deal[i]
            q = rng.poisson(np.exp(mu)).astype(float) if counts else np.exp(mu + rng.normal(0, sd, n_weeks))
            for t in range(n_weeks):
                rows.append((s, i + 1, t, q[t], np.exp(logp[i, t]), int(deal[i, t]),
                             *np.exp(logp[:, t])))
    cols = ["store", "item", "week", "units", "price", "deal"] + [f"p{k + 1}" for k in range(n_items)]
    return pd.DataFrame(rows, columns=cols)
