#!/usr/bin/python3
"""Checks a file written by tests/unit/make_sample_results through analysis/peaksim_results.py.

Usage: /usr/bin/python3 tests/python/test_read_results.py SAMPLE.h5
The expected values below mirror the formulas documented in make_sample_results.cpp.
"""

import math
import os
import shutil
import sys
import tempfile

import h5py
import numpy as np
from scipy.stats import t

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "analysis"))
import peaksim_results  # noqa: E402
from harness import Checks, expect_close, expect_equal, expect_raises  # noqa: E402

REPLICATIONS = [0, 1, 2]
test = Checks()


@test
def root_attributes_describe_a_complete_schema_1_run(path):
    with peaksim_results.open_results(path) as res:
        attrs = res.attributes()
    expect_equal(attrs["schema_version"], 2, "schema_version")
    expect_equal(attrs["complete"], 1, "complete")
    expect_equal(attrs["replications"], 3, "replications")
    expect_equal(attrs["seed"], 42, "seed")
    expect_equal(attrs["scenario_name"], "sample", "scenario_name")
    for key in ("peaksim_version", "git_commit", "build_type", "compiler", "created_utc"):
        if not isinstance(attrs[key], str) or not attrs[key]:
            raise AssertionError(f"{key} should be a non-empty string, got {attrs[key]!r}")


@test
def kpis_are_sorted_by_replication_and_keep_their_reported_order(path):
    with peaksim_results.open_results(path) as res:
        expect_equal(res.replications(), np.array(REPLICATIONS, dtype=np.int64), "replications")
        expect_equal(res.replications().dtype, np.dtype("int64"), "replication dtype")
        expect_equal(res.kpi_names(), ["fill_rate", "total_cost"], "kpi order")
        kpis = res.kpis(as_frame=False)
    expect_equal(kpis["fill_rate"], np.array([0.95 + 0.01 * r for r in REPLICATIONS]), "fill_rate")
    expect_equal(kpis["total_cost"], np.array([2762000.0 + 1000.0 * r for r in REPLICATIONS]), "total_cost")
    expect_equal(kpis["total_cost"].dtype, np.dtype("float64"), "KPI dtype")


@test
def kpis_default_to_a_data_frame_only_when_pandas_is_installed(path):
    with peaksim_results.open_results(path) as res:
        kpis = res.kpis()
    if peaksim_results._pd is None:
        expect_equal(type(kpis), dict, "kpis() without pandas")
    else:
        expect_equal(list(kpis.index), REPLICATIONS, "DataFrame index")
        expect_equal(list(kpis.columns), ["fill_rate", "total_cost"], "DataFrame columns")


@test
def arrays_come_back_with_values_and_dims(path):
    with peaksim_results.open_results(path) as res:
        expect_equal(res.arrays(1), ["on_hand", "shipments"], "array names")
        for r in REPLICATIONS:
            on_hand, dims = res.array(r, "on_hand")
            expect_equal(dims, ("day", "sku", "site"), "on_hand dims")
            day, sku, site = np.indices((4, 3, 2))
            expect_equal(on_hand, 1000 * r + 100 * day + 10 * sku + site, f"on_hand of replication {r}")
            expect_equal(on_hand.dtype, np.dtype("int32"), "on_hand dtype")
            shipments, dims = res.array(r, "shipments")
            expect_equal(dims, ("day",), "shipments dims")
            expect_equal(shipments, r + np.arange(4), f"shipments of replication {r}")
        try:
            res.array(9, "on_hand")
        except KeyError:
            pass
        else:
            raise AssertionError("a missing replication should raise KeyError")


@test
def arrays_are_chunked_and_gzip_compressed_with_shuffle(path):
    with h5py.File(path, "r") as f:
        ds = f["replications/r000002/on_hand"]
        expect_equal(ds.compression, "gzip", "compression")
        expect_equal(ds.compression_opts, 1, "gzip level")
        expect_equal(ds.shuffle, True, "shuffle")
        expect_equal(ds.chunks, (4, 3, 2), "chunks of a small array")


@test
def axes_and_provenance_read_back_as_text(path):
    with peaksim_results.open_results(path) as res:
        axes = res.axes()
        prov = res.provenance()
    expect_equal(axes["date"], ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"], "date axis")
    expect_equal(axes["sku"], ["SKU-A", "SKU-B", "SKU-C"], "sku axis")
    expect_equal(axes["sku_category"], ["toys", "toys", "garden"], "sku_category axis")
    expect_equal(axes["site"], ["north", "south"], "site axis")
    expect_equal(axes["category"], ["garden", "toys"], "category axis")
    expect_equal(prov["scenario"], "name: sample\nseed: 42\nhorizon_days: 4\n", "resolved scenario")
    expect_equal(prov["scenario_path"], "scenarios/sample.yaml", "scenario_path")
    expect_equal(prov["command_line"], "peaksim run scenarios/sample.yaml --replications 3 --set horizon_days=4",
                 "command_line")
    expect_equal(prov["overrides"], ["horizon_days=4", "sites[0].capacity=500"], "overrides")
    expect_equal(prov["seed"], 42, "provenance seed")


@test
def summary_matches_an_independent_t_interval(path):
    with peaksim_results.open_results(path) as res:
        summary = res.summary()
        narrow = res.summary(confidence=0.5)
    costs = np.array([2762000.0, 2763000.0, 2764000.0])
    s = summary["total_cost"]
    expect_equal(s["n"], 3, "n")
    expect_close(s["mean"], 2763000.0, "mean")
    expect_close(s["sd"], 1000.0, "sd")  # deviations -1000, 0, 1000: s^2 = 2e6 / 2
    expect_close(s["half_width"], t.ppf(0.975, 2) * 1000.0 / math.sqrt(3), "half_width")
    expect_close(s["half_width"], 4.302653 * 1000.0 / math.sqrt(3), "half_width vs t table", rel=1e-6)
    expect_close(s["ci_high"] - s["ci_low"], 2 * s["half_width"], "interval width")
    expect_close(costs.mean(), s["mean"], "numpy mean")
    if not narrow["total_cost"]["half_width"] < s["half_width"]:
        raise AssertionError("a 50% interval should be narrower than a 95% one")


@test
def incomplete_or_newer_files_are_refused(path):
    tmp = tempfile.mkdtemp(prefix="peaksim-test-read-")
    try:
        for attr, value, message in (("complete", 0, "did not complete"), ("schema_version", 3, "schema_version")):
            copy = os.path.join(tmp, f"{attr}.h5")
            shutil.copyfile(path, copy)
            with h5py.File(copy, "r+") as f:
                f.attrs.modify(attr, value)
            expect_raises(ValueError, [message], lambda: peaksim_results.open_results(copy).close())
        copy = os.path.join(tmp, "complete.h5")
        with peaksim_results.open_results(copy, allow_incomplete=True) as res:
            expect_equal(res.attributes()["complete"], 0, "complete of an incomplete file")
    finally:
        shutil.rmtree(tmp)


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} SAMPLE.h5", file=sys.stderr)
        return 2
    return test.run(argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
