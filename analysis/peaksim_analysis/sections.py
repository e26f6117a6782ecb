"""The report's sections for one run (a run file, or an experiment's arm): each gathers its data from the
file, draws its figure and returns (heading, HTML). A section whose data the file lacks returns a visible note
saying what is missing and how to get it."""

import warnings

import numpy as np

from . import figures
from .html import esc, figure, note, number, table
from .results import MissingResultError
from .stats import mean_interval

ZOOM_MARGIN_DAYS = 4
RECORD_HINT = ("run the scenario again with <code>--set record.level=site_daily</code> (or <code>sku_daily</code>) "
               "to record the daily arrays")

# profit = gross_margin - these + purchase_discount (docs/model.md, Money); absent ones are 0 there.
PROFIT_DEDUCTIONS = ("holding_cost", "shortage_cost", "fixed_ordering_cost", "closing_write_down", "transport_cost")
TOTAL_COST_PARTS = ("holding_cost", "shortage_cost", "fixed_ordering_cost", "transport_cost")
UTILISATION = {
    "station": ("robot_utilisation", "station_utilisation"),
    "lane": ("carrier_utilisation",),
    "site": ("robot_utilisation", "station_utilisation", "dock_utilisation", "packing_utilisation",
             "outbound_dock_utilisation"),
}
ROBOT_KPIS = ("robot_utilisation", "robot_utilisation_max", "station_utilisation", "station_utilisation_max",
              "robot_availability", "robot_failures", "picks_per_hour", "pick_backlog_mean", "pick_wait_mean",
              "pick_wait_mean_max", "pick_jobs")
FORECAST_GROUPS = (  # (title, KPIs, reference line)
    ("Error: lower is better", ("forecast_mase", "forecast_wql", "forecast_mase_sales", "forecast_wql_sales"), None),
    ("Bias: 0 is unbiased, below 0 forecasts too low", ("forecast_bias", "forecast_bias_sales"), 0.0),
    ("Coverage of the 80% interval: 0.8 is calibrated", ("forecast_coverage80", "forecast_coverage80_sales"), 0.8),
)


def _unit(catalogue, kpi):
    return catalogue.get(kpi, {}).get("unit", "")


def kpi_stats(res):
    """KPI name -> mean_interval of its values across replications, in reporting order."""
    return {name: mean_interval(values) for name, values in res.kpis(as_frame=False).items()}


def kpi_table(res, catalogue):
    stats = kpi_stats(res)
    rows, tips = [], []
    for name, s in stats.items():
        rows.append([f"<code>{esc(name)}</code>", esc(_unit(catalogue, name)), number(s["mean"]),
                     "± " + number(s["half_width"], 3), f"[{number(s['ci_low'])}, {number(s['ci_high'])}]",
                     number(s["sd"], 3), str(s["n"])])
        tips.append(catalogue.get(name, {}).get("definition"))
    n = len(res.replications())
    caption = (f"Mean over {n} replication{'s' if n != 1 else ''}; the true mean lies in the 95% interval with 95% "
               "confidence (Student t, as the simulator prints it). Hover over a KPI for its definition.")
    if n < 2:
        caption += " With one replication there is no interval."
    return "KPIs with 95% confidence intervals", table(
        ["KPI", "unit", "mean", "95% half-width", "95% interval", "sd", "n"], rows, text_columns=(0, 1),
        titles=tips) + f'<p class="caption">{esc(caption)}</p>'


def _band(stack):
    """[replications, dates] -> mean, 5% and 95% across replications (NaN where every replication is NaN)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN days: no demand in any replication
        return (np.nanmean(stack, axis=0), np.nanquantile(stack, 0.05, axis=0), np.nanquantile(stack, 0.95, axis=0))


def trajectory_panels(res):
    """(dates, panels, what is missing): inventory, backlog and service, each a mean with its 5-95% band
    across replications, summed over SKUs and sites."""
    recorded = set(res.recorded_variables())
    panels, missing, dates = [], [], None

    def total(variable):
        nonlocal dates
        dates, _, stack = res.per_replication(variable)
        return stack[:, :, 0]

    specs = (("on_hand", "Inventory: units on hand at the end of the day", "units"),
             ("backorders", "Backlog: backordered units still open at the end of the day", "units"))
    for variable, title, unit in specs:
        if variable in recorded:
            mean, low, high = _band(total(variable))
            panels.append({"title": title, "unit": unit, "mean": mean, "low": low, "high": high,
                           "variable": variable})
        else:
            missing.append(variable)
    if {"sales", "demand"} <= recorded:
        sales, demand = total("sales"), total("demand")
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(demand > 0, sales / demand, np.nan)
        mean, low, high = _band(rate)
        panels.append({"title": "Service: share of the day's demand shipped from stock (sales / demand)",
                       "unit": "share", "mean": mean, "low": low, "high": high, "variable": "fill_rate"})
    else:
        missing += [v for v in ("sales", "demand") if v not in recorded]
    return dates, panels, missing


def _peak_and_weekly(res, dates):
    """(peak mask over the dates or None, whether the dates are weeks)."""
    try:
        days = res.days()
    except MissingResultError:
        return None, False
    if len(days) == len(dates):
        return days["peak"].to_numpy().astype(bool), False
    return None, True  # sku_weekly: one date per week


def peak_window(peak, calendar_factor, margin=ZOOM_MARGIN_DAYS):
    """(first, last) day index of the run of peak days holding the highest calendar factor, widened by margin
    days each side; None without a peak day."""
    peak = np.asarray(peak, dtype=bool)
    if not peak.any():
        return None
    factor = np.where(peak, np.asarray(calendar_factor, dtype=float), -np.inf)
    top = int(np.argmax(factor))
    first = last = top
    while first > 0 and peak[first - 1]:
        first -= 1
    while last + 1 < peak.size and peak[last + 1]:
        last += 1
    return max(0, first - margin), min(peak.size - 1, last + margin)


def trajectory_sections(res, salt):
    """(trajectories, peak zoom): two (heading, HTML) pairs sharing one read of the arrays."""
    heading = "Inventory, backlog and service by day"
    zoom_heading = "Peak-week zoom"
    if not res.recorded_variables():
        why = (f"This file records no daily arrays (record.level {esc(res.recorded_level())}), so there are no "
               f"trajectories: {RECORD_HINT}.")
        return (heading, note(why)), (zoom_heading, note(why))
    dates, panels, missing = trajectory_panels(res)
    if not panels:
        why = f"The recorded arrays lack {', '.join(missing)}: {RECORD_HINT} with every variable."
        return (heading, note(why)), (zoom_heading, note(why))
    peak, weekly = _peak_and_weekly(res, dates)
    n = len(res.replications())
    lacking = note(f"Not recorded: {esc(', '.join(missing))}.") if missing else ""
    caption = (f"Each line is the mean over {n} replications, summed over every SKU and site; the band holds the "
               "middle 90% of replications (5% to 95%). Shaded days are peak days. Watch stock running down before "
               "the peak, the backlog it leaves, and how fast service recovers.")
    if weekly:
        caption += " The arrays are weekly (sku_weekly): each point is a week, stocks as on its last day."
    body = figure(figures.svg(figures.trajectories(panels, dates.values, peak), salt + "-traj"), esc(caption))
    days = res.days() if peak is not None else None
    window = peak_window(peak, days["calendar_factor"].to_numpy()) if peak is not None else None
    if window is None:
        why = ("The arrays are weekly, so there is no day-by-day zoom." if weekly else
               "No peak days in this horizon (no calendar event's before..after window reaches it).")
        zoom = note(why)
    else:
        first, last = (str(dates.iloc[i].date()) for i in window)
        zoom_caption = (f"The same trajectories from {first} to {last}: the main peak (shaded) and "
                        f"{ZOOM_MARGIN_DAYS} days either side. Look for the day the backlog starts to build and the "
                        "day service is back.")
        zoom = figure(figures.svg(figures.trajectories(panels, dates.values, peak, window=window), salt + "-zoom"),
                      esc(zoom_caption))
    return (heading, lacking + body), (zoom_heading, zoom)


def profit_steps(means):
    """The waterfall from revenue to profit as (label, signed mean), from the KPIs present."""
    steps = [("revenue", means["revenue"]), ("cost of goods sold", -means["cogs"])]
    for kpi in PROFIT_DEDUCTIONS:
        if kpi in means:
            steps.append((kpi.replace("_", " "), -means[kpi]))
    if "purchase_discount" in means:
        steps.append(("purchase discount", means["purchase_discount"]))
    return steps


def cost_section(res, salt):
    heading = "Cost breakdown"
    means = {k: s["mean"] for k, s in kpi_stats(res).items()}
    needed = ("revenue", "cogs", "profit")
    if any(k not in means for k in needed):
        return heading, note("This file lacks the money KPIs (revenue, cogs, profit) the breakdown is made of.")
    steps = profit_steps(means)
    reached = sum(amount for _, amount in steps)
    check = ""
    if not np.isclose(reached, means["profit"], rtol=1e-9, atol=1e-6 * max(1.0, abs(means["revenue"]))):
        check = note(f"The steps reach {number(reached)} but the mean profit is {number(means['profit'])}: this "
                     "file's money KPIs do not follow docs/model.md (Money).")
    caption = ("From revenue to profit, means over replications: each bar starts where the previous one ended; red "
               "takes money away, green adds it. profit = gross margin - holding - shortage - fixed ordering - "
               "closing write-down - transport + purchase discount (docs/model.md, Money).")
    body = check + figure(figures.svg(figures.waterfall(steps, "profit"), salt + "-money"), esc(caption))
    parts = [k for k in TOTAL_COST_PARTS if k in means]
    if "total_cost" in means and parts:
        total = means["total_cost"]
        in_total = list(parts)
        if "purchase_cost" in means and not np.isclose(sum(means[k] for k in parts), total, rtol=1e-9):
            in_total.append("purchase_cost")  # costs.purchase_cost_in_total
        rows = [[f"<code>{k}</code>", number(means[k]), f"{means[k] / total:.1%}" if total else "n/a"]
                for k in in_total]
        rows.append(["<strong>total_cost</strong>", f"<strong>{number(total)}</strong>", "100%"])
        body += "<h3>What total_cost is made of</h3>" + table(["part", "mean (currency)", "share"], rows)
    return heading, body


def tail_section(res, salt, catalogue):
    heading = "Tail risk across replications"
    try:
        tail = res.tail()
    except MissingResultError:
        return heading, note("This file has no /tail: runs of two or more replications write it.")
    kpis = res.kpis(as_frame=False)
    items = []
    for kpi in ("profit", "lost_sales"):
        if kpi in tail["kpis"].index and kpi in kpis:
            row = tail["kpis"].loc[kpi]
            items.append({"kpi": kpi, "unit": _unit(catalogue, kpi) or "value", "values": kpis[kpi],
                          "p95": float(row["p95"]), "cvar95": float(row["cvar95"]), "side": row["side"]})
    body = ""
    if items:
        caption = ("How the season can turn out: one bar per range of values, counting replications. P95 is the "
                   "level 95% of replications do better than; CVaR95 the mean of the worst 5% (at least one "
                   "replication), as /tail stores them (docs/output.md, Tail).")
        body += figure(figures.svg(figures.tail_histograms(items), salt + "-tail"), esc(caption))
    rows = [[f"<code>{esc(k)}</code>", esc(r["side"]), number(r["p95"]), number(r["cvar95"]), str(int(r["n"]))]
            for k, r in tail["kpis"].iterrows()]
    body += table(["KPI", "bad side", "P95", "CVaR95", "n"], rows, text_columns=(0, 1))
    peak = tail["stockout_peak"]
    if peak["of"]:
        body += (f"<p>A stock-out on a peak day happened in {peak['replications']} of {peak['of']} replications "
                 f"(probability {peak['probability']:.0%}).</p>")
    for key, what in (("worst_regions", "regions"), ("worst_skus", "SKUs")):
        if key in tail:
            rows = [[esc(name), number(value)] for name, value in tail[key].items()]
            body += f"<h3>Worst {what} by mean lost sales</h3>" + table([what[:-1], "mean lost sales (units)"], rows)
    return heading, body


def _breakdown_means(res, level, kpis):
    """label, kpi, mean, half_width per entity of /kpi_by/<level> for the KPIs present; None without it."""
    import pandas as pd

    try:
        by = res.kpis_by(level)
    except MissingResultError:
        return None
    rows = []
    for kpi in kpis:
        if kpi not in by.columns:
            continue
        for label, values in by[kpi].groupby(level=level, sort=False):
            s = mean_interval(values.to_numpy())
            if np.isfinite(s["mean"]):
                rows.append({"label": f"{label}: {kpi}", "kpi": kpi, "mean": s["mean"], "half_width": s["half_width"]})
    return pd.DataFrame(rows) if rows else None


def utilisation_section(res, salt, catalogue):
    heading = "Robots, stations and carriers: utilisation"
    titles = {"station": "Pick stations", "lane": "Carrier lanes (units carried / capacity)", "site": "Sites"}
    groups = []
    for level, kpis in UTILISATION.items():
        means = _breakdown_means(res, level, kpis)
        if means is not None:
            groups.append((titles[level], "share of capacity (1 = fully busy)", means, 1.0))
    stats = kpi_stats(res)
    robots = [k for k in ROBOT_KPIS if k in stats]
    if not groups and not robots:
        return heading, note("This scenario has no picking station, robot fleet, receiving or packing docks, or "
                             "carriers with a capacity, so there is no utilisation to show.")
    body = ""
    if groups:
        caption = ("Mean share of capacity in use over the horizon, with its 95% interval across replications; the "
                   "dashed line is full use. A bar near 1 is a bottleneck at the peak, even when the network's mean "
                   "looks comfortable.")
        body += figure(figures.svg(figures.interval_bars(groups), salt + "-util"), esc(caption))
    if robots:
        rows = [[f"<code>{k}</code>", esc(_unit(catalogue, k)), number(stats[k]["mean"]),
                 "± " + number(stats[k]["half_width"], 3)] for k in robots]
        body += "<h3>Network picking figures</h3>" + table(["KPI", "unit", "mean", "95% half-width"], rows,
                                                           text_columns=(0, 1))
    return heading, body


def forecast_section(res, salt, catalogue):
    heading = "Forecast accuracy"
    stats = kpi_stats(res)
    import pandas as pd

    groups = []
    for title, kpis, reference in FORECAST_GROUPS:
        rows = [{"label": k, "mean": stats[k]["mean"], "half_width": stats[k]["half_width"]} for k in kpis
                if k in stats]
        if rows:
            groups.append((title, "ratio" if reference != 0.8 else "share", pd.DataFrame(rows), reference))
    if not groups:
        return heading, note("This scenario has no forecast service, so there are no forecast KPIs "
                             "(scenarios/forecast_driven.yaml has one).")
    caption = ("How well the forecast service predicted demand, scored on every (series, origin, day) point: MASE "
               "and WQL below 1 beat the seasonal naive forecast; bias is the relative over- or under-forecast; an "
               "80% interval should hold 80% of the outcomes. Means with 95% intervals across replications.")
    body = figure(figures.svg(figures.interval_bars(groups), salt + "-forecast"), esc(caption))
    if "forecast_points" in stats:
        body += f"<p>Scored points per replication: {number(stats['forecast_points']['mean'])} on average.</p>"
    return heading, body


def provenance_rows(prov):
    keys = ("scenario_name", "seed", "peaksim_version", "git_commit", "build_type", "compiler", "created_utc",
            "scenario_path", "command_line")
    return [[esc(k), f"<code>{esc(prov.get(k))}</code>"] for k in keys if prov.get(k) is not None]


def provenance_section(res):
    prov = res.provenance()
    body = table(["", "value"], provenance_rows(prov), text_columns=(0, 1))
    overrides = prov.get("overrides") or []
    if isinstance(overrides, str):
        overrides = [overrides]
    body += ("<p>Scenario edits (<code>--set</code>, <code>--unset</code>, <code>-n</code>, <code>--seed</code>), in "
             "order: " + (", ".join(f"<code>{esc(o)}</code>" for o in overrides) if overrides else "none") + ".</p>")
    body += (f"<details><summary>The resolved scenario (defaults applied, edits merged)</summary>"
             f"<pre>{esc(prov.get('scenario', ''))}</pre></details>")
    return "Provenance", body
