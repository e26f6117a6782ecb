#!/usr/bin/python3
"""Checks a real `peaksim run` output through analysis/peaksim_results.py: provenance, the /kpi
contract, and that the recorded daily arrays conserve units and add up to the KPIs.

Usage: /usr/bin/python3 tests/python/test_run_output.py RESULTS.h5   (a run of scenarios/black_friday.yaml)
"""

import os
import sys
import traceback

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "analysis"))
import peaksim_results  # noqa: E402

CONTRACT = ["fill_rate", "total_cost", "holding_cost", "shortage_cost", "fixed_ordering_cost", "revenue", "profit",
            "demand", "sales", "lost_sales", "orders_placed", "avg_on_hand", "replication"]


def check_contract(res):
    names = set(res.kpi_names()) | {"replication"}
    missing = [k for k in CONTRACT if k not in names]
    assert not missing, f"/kpi lacks {missing}"
    reps = list(res.replications())
    assert reps == sorted(reps), f"replications not sorted: {reps}"


def check_provenance(res):
    prov = res.provenance()
    assert "black_friday" in prov["scenario"], "the resolved scenario text is not stored"
    assert prov["git_commit"], "no git commit recorded"
    assert prov["seed"] is not None, "no seed recorded"


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


def main(path):
    passed = failed = 0
    with peaksim_results.open_results(path) as res:
        for check in (check_contract, check_provenance, check_conservation_and_totals):
            try:
                check(res)
                passed += 1
            except Exception:  # report every failing check, not just the first
                failed += 1
                print(f"FAILED {check.__name__}")
                traceback.print_exc()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
