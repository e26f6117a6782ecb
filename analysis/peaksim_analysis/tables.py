"""Tidy tables over many files: one row per observation, the run's attributes as columns, so that files,
arms and seeds stack with pandas.concat and split with groupby."""

from .experiment import Experiment
from .files import expand, open_any, units
from .results import _pandas
from .stats import mean_interval

RUN_COLUMNS = ("file", "kind", "scenario_name", "seed", "arm")


def read_kpis(paths_or_globs):
    """KPI values per replication: columns file, kind ("run" or "experiment"), scenario_name, seed, arm (None
    for a run), replication, kpi, value; KPIs in each file's reporting order."""
    pd = _pandas("read_kpis")
    frames = []
    for path in expand(paths_or_globs):
        for attrs, res in units(path):
            wide = res.kpis(as_frame=True)
            long = wide.reset_index().melt(id_vars="replication", var_name="kpi", value_name="value")
            for i, column in enumerate(RUN_COLUMNS):
                long.insert(i, column, attrs[column])
            frames.append(long)
    columns = list(RUN_COLUMNS) + ["replication", "kpi", "value"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def read_daily(paths_or_globs, variable, by=None, quantiles=(0.05, 0.95)):
    """Results.daily(variable, by, quantiles) of every run in the files, stacked: the run columns, then date,
    [by], mean and the quantile columns."""
    pd = _pandas("read_daily")
    frames = []
    for path in expand(paths_or_globs):
        for attrs, res in units(path):
            table = res.daily(variable, by=by, quantiles=quantiles)
            for i, column in enumerate(RUN_COLUMNS):
                table.insert(i, column, attrs[column])
            frames.append(table)
    return pd.concat(frames, ignore_index=True)


def summarise(kpis, by=RUN_COLUMNS + ("kpi",), confidence=0.95):
    """A read_kpis() table reduced to n, mean, sd, half_width, ci_low and ci_high per group of `by`, groups
    in order of appearance."""
    pd = _pandas("summarise")
    by = list(by)
    rows = []
    for key, group in kpis.groupby(by, sort=False, dropna=False):
        rows.append(dict(zip(by, key if isinstance(key, tuple) else (key,)),
                         **mean_interval(group["value"].to_numpy(dtype=float), confidence)))
    return pd.DataFrame(rows)


def read_experiment(path):
    """An experiment file's tables: a dict with "summary" (arm, kpi, n, mean, sd, half_width), "paired" (arm,
    kpi: arm - baseline per replication, with better_share), "ranking" (kpi, arm, rank, probability_best),
    "design" (indexed by arm: sweep, edits, replications, a column per sweep parameter), "compare" (kpi,
    goal) and "attributes" (experiment_name, design_seed, baseline, ...)."""
    handle = open_any(path)
    with handle:
        if not isinstance(handle, Experiment):
            raise ValueError(f"'{path}' is a run file, not an experiment file")
        out = {name: handle.table(name) for name in ("summary", "paired", "ranking")}
        out["design"] = handle.design()
        out["compare"] = handle.compare()
        out["attributes"] = handle.attributes()
        return out
