#!/usr/bin/python3
"""Checks the per-lane carrier figures of a real `peaksim run` with carriers on inbound and outbound lanes:
/lanes/name and /kpi_by/lane, read through analysis/peaksim_results.py.

Usage: /usr/bin/python3 tests/python/test_lane_output.py RESULTS.h5   (a run of scenarios/orders_two_centres.yaml)
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "analysis"))
import peaksim_results  # noqa: E402
from harness import Checks  # noqa: E402

check = Checks()

# The scenario's lanes with carriers, in its order.
LANES = ["north_fc->north", "south_fc->south"]


@check
def lanes_are_named_from_to_in_scenario_order(res):
    lanes = res.kpis_by("lane")
    names = list(lanes.index.get_level_values("lane").unique())
    assert names == LANES, f"lanes {names}"
    assert list(lanes.columns) == ["carrier_utilisation", "carrier_refusals"], f"columns {list(lanes.columns)}"
    assert len(lanes) == len(res.replications()) * len(LANES), f"rows {len(lanes)}"


@check
def each_lane_carries_its_own_sites_refusals(res):
    # Each centre has one lane with carriers (its outbound one), so lane and site agree there.
    lanes, sites = res.kpis_by("lane"), res.kpis_by("site")
    for lane, site in zip(LANES, ["north_fc", "south_fc"]):
        a = lanes.xs(lane, level="lane")["carrier_refusals"].to_numpy()
        b = sites.xs(site, level="site")["carrier_refusals"].to_numpy()
        assert np.array_equal(a, b), f"{lane}: {a} != {site}: {b}"
    net = res.kpis()["carrier_refusals"].to_numpy()
    total = lanes["carrier_refusals"].groupby(level="replication").sum().to_numpy()
    assert np.array_equal(net, total), f"lanes {total} do not add up to the network's {net}"
    util = lanes["carrier_utilisation"].to_numpy()
    assert ((util > 0) & (util <= 1)).all(), f"utilisation {util}"


def main(path):
    with peaksim_results.open_results(path) as res:
        return check.run(res)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
