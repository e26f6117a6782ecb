#!/usr/bin/python3
"""Checks the per-station pick figures of a real `peaksim run` with two robot fleets: /stations/name and
/kpi_by/station, read through analysis/peaksim_results.py, against /kpi_by/site.

Usage: /usr/bin/python3 tests/python/test_station_output.py RESULTS.h5   (a run of scenarios/robot_fleet.yaml)
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "analysis"))
import peaksim_results  # noqa: E402
from harness import Checks  # noqa: E402

check = Checks()

# fc_east has two stations, fc_west one.
STATIONS = {"fc_east": ["fc_east/0", "fc_east/1"], "fc_west": ["fc_west/0"]}


@check
def stations_are_named_site_and_index_in_scenario_order(res):
    stations = res.kpis_by("station")
    names = list(stations.index.get_level_values("station").unique())
    assert names == STATIONS["fc_east"] + STATIONS["fc_west"], f"stations {names}"
    expected = ["pick_jobs", "robot_utilisation", "station_utilisation", "picks_per_hour"]
    assert list(stations.columns) == expected, f"columns {list(stations.columns)}"
    assert len(stations) == len(res.replications()) * 3, f"rows {len(stations)}"


@check
def a_fleets_stations_add_up_to_its_site_row(res):
    stations, sites = res.kpis_by("station"), res.kpis_by("site")
    for site, names in STATIONS.items():
        rows = stations[stations.index.get_level_values("station").isin(names)]
        site_row = sites.xs(site, level="site")
        for kpi in ("pick_jobs", "robot_utilisation", "picks_per_hour"):
            total = rows[kpi].groupby(level="replication").sum().to_numpy()
            assert np.allclose(total, site_row[kpi].to_numpy(), rtol=1e-12, atol=0), f"{site} {kpi}: {total}"
        mean = rows["station_utilisation"].groupby(level="replication").mean().to_numpy()
        assert np.allclose(mean, site_row["station_utilisation"].to_numpy(), rtol=1e-12, atol=0), f"{site}: {mean}"
    util = stations["station_utilisation"].to_numpy()
    assert ((util > 0) & (util < 1)).all(), f"station utilisation {util}"


def main(path):
    with peaksim_results.open_results(path) as res:
        return check.run(res)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
