#!/usr/bin/python3
"""Writes the small results files the report's tests read, with the peaksim executable given, into OUT_DIR:

  robots.h5      scenarios/robot_fleet.yaml, 3 replications, site_daily: stations, robot KPIs, peak days, /tail
  carriers.h5    scenarios/orders_two_centres.yaml, 2 replications: lanes with carriers, orders
  forecast.h5    scenarios/forecast_driven.yaml, 2 replications: the forecast KPIs
  kpi_only.h5    scenarios/reference/single_sS.yaml, 1 replication, kpi_only: what the notes are for
  arm_*.h5       the arms of experiment.h5, from scenarios/reference/single_sS.yaml (paired: one seed)
  experiment.h5  those arms in the experiment layout (written here with h5py, as `peaksim experiment` would)
  experiment_run.h5  the same arms run by `peaksim experiment` itself (experiment_run.yaml beside it)

Usage: make_report_files.py PEAKSIM SOURCE_DIR OUT_DIR
"""

import os
import subprocess
import sys

import h5py
import numpy as np
from scipy.stats import t

SMALL_REFERENCE = ["--set", "catalog.generate.count=40", "--set", "horizon=120d", "--set", "start_date=2025-09-01",
                   "--set", "record.level=site_daily"]
# (name, sweep, edits): a named baseline, a named arm whose name holds the characters arm names may, a sweep point.
ARMS = [
    ("baseline", "", []),
    ("S=s+2*m, lean", "", ["policy.S=s + 2*m"]),
    ("review[policy.review_period=3]", "review", ["policy.review_period=3d"]),
]
COMPARE = [("profit", "max"), ("fill_rate", "max"), ("total_cost", "min")]
ARM_REPLICATIONS = 6


def run(peaksim, scenario, out, *args):
    cmd = [peaksim, "run", scenario, "-q", "--force", "-o", out, *args]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr}")


def half_width(values):
    n = len(values)
    return float(t.ppf(0.975, n - 1) * np.std(values, ddof=1) / np.sqrt(n))


def strings(group, name, values):
    group.create_dataset(name, data=np.array(values, dtype=object), dtype=h5py.string_dtype())


def write_experiment(path, arm_files, scenario):
    """The layout of the experiment file (root attributes, /experiment tables, /arms/<arm> run groups) filled
    from the arms' run files; the tables are computed here from the arms' /kpi."""
    kpis = {}
    with h5py.File(path, "w") as out:
        for (arm, _, _), source in zip(ARMS, arm_files):
            with h5py.File(source, "r") as run_file:
                group = out.create_group(f"arms/{arm}")
                for key in run_file:
                    run_file.copy(run_file[key], group, name=key)
                for key in ("scenario_name", "seed", "replications", "complete"):
                    group.attrs[key] = run_file.attrs[key]
                if arm == ARMS[0][0]:
                    for key, value in run_file.attrs.items():
                        out.attrs[key] = value
                kpis[arm] = {k: run_file[f"kpi/{k}"][()] for k, _ in COMPARE}
        out.attrs["kind"] = "experiment"
        out.attrs["experiment_name"] = "reference_policy_check"
        out.attrs["design_seed"] = np.uint64(7)
        out.attrs["baseline"] = ARMS[0][0]
        exp = out.create_group("experiment")
        exp.create_dataset("file", data="experiment.yaml", dtype=h5py.string_dtype())
        exp.create_dataset("text", data="name: reference_policy_check\nscenario: single_sS.yaml\n",
                           dtype=h5py.string_dtype())
        exp.create_dataset("scenario_path", data=scenario, dtype=h5py.string_dtype())
        arms = exp.create_group("arms")
        strings(arms, "name", [a for a, _, _ in ARMS])
        strings(arms, "sweep", [s for _, s, _ in ARMS])
        strings(arms, "edits", ["\n".join(e) for _, _, e in ARMS])
        arms.create_dataset("replications", data=np.full(len(ARMS), ARM_REPLICATIONS, dtype=np.int64))
        design = exp.create_group("design")
        design.create_dataset("policy.review_period", data=np.array([np.nan, np.nan, 3.0]))
        stopping = exp.create_group("stopping")
        stopping.create_dataset("kpi", data="profit", dtype=h5py.string_dtype())
        stopping.create_dataset("target", data="half_width <= 2%", dtype=h5py.string_dtype())
        stopping.create_dataset("met", data=np.int32(0))
        compare = exp.create_group("compare")
        strings(compare, "kpi", [k for k, _ in COMPARE])
        strings(compare, "goal", [g for _, g in COMPARE])

        summary, paired, ranking = [], [], []
        base = ARMS[0][0]
        for arm, _, _ in ARMS:
            for kpi, goal in COMPARE:
                v = kpis[arm][kpi]
                summary.append((arm, kpi, len(v), v.mean(), v.std(ddof=1), half_width(v)))
                if arm != base:
                    d = v - kpis[base][kpi]
                    better = np.mean(d < 0) if goal == "min" else np.mean(d > 0)
                    paired.append((arm, kpi, len(d), d.mean(), d.std(ddof=1), half_width(d), better))
        for kpi, goal in COMPARE:
            values = np.array([kpis[a][kpi] for a, _, _ in ARMS])  # [arm, replication]
            best = values.argmin(axis=0) if goal == "min" else values.argmax(axis=0)
            p_best = np.bincount(best, minlength=len(ARMS)) / values.shape[1]  # share of replications won
            means = values.mean(axis=1)
            order = np.argsort(means if goal == "min" else -means, kind="stable")
            for rank, i in enumerate(order, start=1):
                ranking.append((kpi, ARMS[i][0], rank, p_best[i]))
        for name, rows, columns in (("summary", summary, ("arm", "kpi", "n", "mean", "sd", "half_width")),
                                    ("paired", paired, ("arm", "kpi", "n", "mean", "sd", "half_width",
                                                        "better_share")),
                                    ("ranking", ranking, ("kpi", "arm", "rank", "probability_best"))):
            group = exp.create_group(name)
            for j, column in enumerate(columns):
                values = [r[j] for r in rows]
                if isinstance(values[0], str):
                    strings(group, column, values)
                elif column in ("n", "rank"):
                    group.create_dataset(column, data=np.array(values, dtype=np.int64))
                else:
                    group.create_dataset(column, data=np.array(values, dtype=np.float64))


def run_experiment(peaksim, path, scenario):
    """The arms of ARMS as an experiment file, run by `peaksim experiment` into experiment_run.h5 beside it."""
    lines = ["experiment: reference_policy_check", f"scenario: {scenario}", f"replications: {ARM_REPLICATIONS}",
             "set:"]
    for edit in SMALL_REFERENCE[1::2]:
        key, value = edit.split("=", 1)
        lines.append(f"  {key}: {value}")
    lines.append(f"baseline: {ARMS[0][0]}")
    lines.append("compare: [" + ", ".join(f"{{kpi: {k}, goal: {g}}}" for k, g in COMPARE) + "]")
    lines.append("arms:")
    for name, _, arm_edits in ARMS:
        lines.append(f"  - name: \"{name}\"")
        if arm_edits:
            lines.append("    set:")
            for edit in arm_edits:
                key, value = edit.split("=", 1)
                lines.append(f"      {key}: \"{value}\"")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    out = os.path.join(os.path.dirname(path), "experiment_run.h5")
    subprocess.run([peaksim, "experiment", path, "-q", "-o", out, "--force"], check=True)


def main(peaksim, source, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    scen = os.path.join(source, "scenarios")
    run(peaksim, os.path.join(scen, "robot_fleet.yaml"), os.path.join(out_dir, "robots.h5"), "-n", "3")
    run(peaksim, os.path.join(scen, "orders_two_centres.yaml"), os.path.join(out_dir, "carriers.h5"), "-n", "2")
    run(peaksim, os.path.join(scen, "forecast_driven.yaml"), os.path.join(out_dir, "forecast.h5"), "-n", "2")
    reference = os.path.join(scen, "reference", "single_sS.yaml")
    run(peaksim, reference, os.path.join(out_dir, "kpi_only.h5"), "-n", "1", "--set", "catalog.generate.count=20",
        "--set", "horizon=60d")
    arm_files = []
    for i, (_, _, edits) in enumerate(ARMS):
        path = os.path.join(out_dir, f"arm_{i}.h5")
        args = SMALL_REFERENCE + ["-n", str(ARM_REPLICATIONS)]
        for edit in edits:
            args += ["--set", edit]
        run(peaksim, reference, path, *args)
        arm_files.append(path)
    write_experiment(os.path.join(out_dir, "experiment.h5"), arm_files, reference)
    run_experiment(peaksim, os.path.join(out_dir, "experiment_run.yaml"), reference)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
