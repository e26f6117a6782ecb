#!/usr/bin/python3
"""Checks a real `peaksim run` output through analysis/peaksim_results.py: provenance, the /kpi
contract, and that the recorded daily arrays conserve units and add up to the KPIs.

Usage: /usr/bin/python3 tests/python/test_run_output.py RESULTS.h5   (a run of scenarios/black_friday.yaml)
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "analysis"))
import peaksim_results  # noqa: E402
from harness import Checks  # noqa: E402

check = Checks()

CONTRACT = ["fill_rate", "total_cost", "holding_cost", "shortage_cost", "fixed_ordering_cost", "revenue", "profit",
            "demand", "sales", "lost_sales", "orders_placed", "avg_on_hand", "replication"]


@check
def check_contract(res):
    names = set(res.kpi_names()) | {"replication"}
    missing = [k for k in CONTRACT if k not in names]
    assert not missing, f"/kpi lacks {missing}"
    reps = list(res.replications())
    assert reps == sorted(reps), f"replications not sorted: {reps}"


@check
def check_provenance(res):
    prov = res.provenance()
    assert "black_friday" in prov["scenario"], "the resolved scenario text is not stored"
    assert prov["git_commit"], "no git commit recorded"
    assert prov["seed"] is not None, "no seed recorded"


@check
def check_conservation_and_totals(res):
    kpis = res.kpis(as_frame=False)
    for i, rep in enumerate(res.replications()):
        a = {name: res.array(rep, name)[0].astype(np.int64) for name in res.arrays(rep)}
        dims = res.array(rep, "on_hand")[1]
        assert dims == ("day", "sku", "site"), f"dims {dims}"
        # Units are neither created nor lost (lost-sales scenario: no backorders are filled).
        assert kpis["backorders_filled"][i] == 0
        d_on_hand = a["on_hand"][1:] - a["on_hand"][:-1]
        assert np.array_equal(d_on_hand, a["receipts"][1:] - a["sales"][1:]), f"r{rep}: on hand does not balance"
        d_on_order = a["on_order"][1:] - a["on_order"][:-1]
        assert np.array_equal(d_on_order, a["orders"][1:] - a["receipts"][1:]), f"r{rep}: on order does not balance"
        assert np.array_equal(a["demand"], a["sales"] + a["lost_sales"]), f"r{rep}: demand != sales + lost"
        # The KPI totals are the sums of the arrays.
        for kpi, array in [("demand", "demand"), ("sales", "sales"), ("lost_sales", "lost_sales"),
                           ("units_received", "receipts"), ("units_ordered", "orders")]:
            assert kpis[kpi][i] == a[array].sum(), f"r{rep}: {kpi} {kpis[kpi][i]} != sum {a[array].sum()}"
        days = a["on_hand"].shape[0]
        assert np.isclose(kpis["avg_on_hand"][i], a["on_hand"].sum() / days, rtol=1e-12)
        assert np.isclose(kpis["fill_rate"][i], a["sales"].sum() / a["demand"].sum(), rtol=1e-12)


@check
def check_daily_tables(res):
    """daily() against the raw arrays: per-date totals and per-site sums, mean and 5-95% quantiles."""
    reps = res.replications()
    stacked = np.stack([res.array(rep, "demand")[0].astype(np.int64) for rep in reps])  # [rep, day, sku, site]
    total = stacked.sum(axis=(2, 3))
    table = res.daily("demand")
    assert len(table) == total.shape[1], f"{len(table)} rows for {total.shape[1]} days"
    assert np.allclose(table["mean"], total.mean(axis=0), rtol=1e-12), "daily mean != mean of the day totals"
    assert np.allclose(table["q95"], np.quantile(total, 0.95, axis=0), rtol=1e-12), "daily q95"
    assert np.allclose(table["q05"], np.quantile(total, 0.05, axis=0), rtol=1e-12), "daily q05"
    assert str(table["date"].iloc[0].date()) == res.axes()["date"][0], "first date"
    by_site = res.daily("demand", by="site")
    per_site = stacked.sum(axis=2)  # [rep, day, site]
    site_shape = per_site.shape[1:]
    assert np.allclose(by_site["mean"].to_numpy().reshape(site_shape), per_site.mean(axis=0), rtol=1e-12)
    for q in (0.05, 0.95):
        column = by_site[f"q{round(q * 100):02d}"].to_numpy().reshape(site_shape)
        assert np.allclose(column, np.quantile(per_site, q, axis=0), rtol=1e-12), f"daily by site q{q}"
    assert list(by_site["site"][: per_site.shape[2]]) == res.axes()["site"], "site order"


@check
def check_breakdowns_and_tables(res):
    """/kpi_by adds up to /kpi; /skus and /days describe the scenario that ran."""
    assert res.schema_version == 2, f"a run writes schema 2, not {res.schema_version}"
    assert len(res.kpis_by("site")) == len(res.replications()) * len(res.axes()["site"]), "(replication, site) rows"
    net = res.kpis()
    additive_site = ["demand", "sales", "lost_sales", "revenue", "cogs", "purchase_cost", "fixed_ordering_cost",
                     "holding_cost", "shortage_cost", "opening_stock_value", "closing_stock_value",
                     "pipeline_value", "gross_margin", "profit", "units_ordered", "orders_placed"]
    by_site = res.kpis_by("site").groupby(level="replication").sum()
    for kpi in additive_site:
        assert np.allclose(by_site[kpi], net[kpi], rtol=1e-9), f"sites do not add up to the network's {kpi}"
    by_region = res.kpis_by("region").groupby(level="replication").sum()
    for kpi in ["demand", "sales", "lost_sales", "backorders_filled", "revenue", "cogs", "gross_margin"]:
        assert np.allclose(by_region[kpi], net[kpi], rtol=1e-9), f"regions do not add up to the network's {kpi}"
    # The money identity of docs/model.md, per replication.
    lhs = net["opening_stock_value"] + net["purchase_cost"]
    rhs = net["cogs"] + net["closing_stock_value"] + net["pipeline_value"]
    assert np.allclose(lhs, rhs, rtol=1e-9), "opening + purchases != cogs + closing + pipeline"
    skus = res.skus()
    assert list(skus.index) == res.axes()["sku"], "/skus/id is not the SKU axis"
    assert (skus["cost"] > 0).all() and (skus["price"] > skus["cost"]).all(), "SKU prices and costs"
    levels = res.levels()
    assert len(levels) == len(skus) * len(res.axes()["site"]), "one level row per (sku, site)"
    assert (levels["S"] >= levels["s"]).all(), "(s,S) levels with S below s"
    days = res.days()
    assert [str(d.date()) for d in days.index] == res.axes()["date"], "/days/date is not the date axis"
    events = set("+".join(days["events"]).split("+")) - {""}
    assert {"singles_day", "black_friday", "cyber_monday", "christmas"} <= events, f"events {events}"
    black_friday = days.loc["2026-11-27"]
    assert "black_friday" in black_friday["events"] and black_friday["peak"] == 1, "Black Friday is a peak day"
    assert black_friday["calendar_factor"] > 2, f"Black Friday factor {black_friday['calendar_factor']}"


@check
def check_tail(res):
    """tail() recomputed from /kpi: nearest-rank P95 and the mean of the worst ceil(5% n), per side."""
    tail = res.tail()
    kpis = res.kpis()
    assert {"lost_sales", "profit", "backorders_end"} <= set(tail["kpis"].index), f"tail KPIs {list(tail['kpis'].index)}"
    for kpi, row in tail["kpis"].iterrows():
        x = np.sort(kpis[kpi].dropna().to_numpy() * (1 if row["side"] == "upper" else -1))
        n = len(x)
        rank, worst = -(-95 * n // 100), -(-5 * n // 100)
        sign = 1 if row["side"] == "upper" else -1
        assert row["n"] == n and row["p95"] == sign * x[rank - 1], f"{kpi} p95 {row['p95']}"
        assert np.isclose(row["cvar95"], sign * x[n - worst:].mean(), rtol=1e-12), f"{kpi} cvar95 {row['cvar95']}"
    peak = kpis["fill_rate_peak"].dropna()
    assert tail["stockout_peak"]["of"] == len(peak) and tail["stockout_peak"]["replications"] == (peak < 1).sum()
    region_means = res.kpis_by("region")["lost_sales"].groupby(level="region").mean().sort_values(ascending=False)
    assert list(tail["worst_regions"].index) == list(region_means.index[:5]), "worst regions"


def main(path):
    with peaksim_results.open_results(path) as res:
        return check.run(res)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
