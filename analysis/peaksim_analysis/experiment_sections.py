"""The report's sections for an experiment file: the arms and their design, the per-arm KPI table, the paired
comparison with the baseline (forest plot) and the ranking with the probability of being best."""

from . import figures
from .html import esc, figure, note, number, table
from .results import MissingResultError
from .sections import RECORD_HINT, kpi_stats, trajectory_panels


def overview_section(exp):
    attrs = exp.attributes()
    design = exp.design()
    params = [c for c in design.columns if c not in ("sweep", "edits", "replications")]
    rows = []
    for arm, row in design.iterrows():
        edits = "<br>".join(f"<code>{esc(e)}</code>" for e in str(row["edits"]).splitlines() if e) or "(none)"
        mark = " <strong>(baseline)</strong>" if arm == exp.baseline() else ""
        rows.append([esc(arm) + mark, esc(row["sweep"]) or "—", edits, str(int(row["replications"]))] +
                    [number(row[p]) for p in params])
    body = (f"<p>Experiment <strong>{esc(attrs.get('experiment_name', ''))}</strong>: {len(rows)} arms, each run on "
            f"the same replications (common random numbers, so that differences are paired); baseline "
            f"<strong>{esc(exp.baseline())}</strong>, design seed {esc(attrs.get('design_seed'))}.</p>")
    body += table(["arm", "sweep", "edits", "replications"] + [f"<code>{esc(p)}</code>" for p in params], rows,
                  text_columns=(0, 1, 2))
    stop = exp.stopping()
    if stop:
        met = "every arm met it" if int(stop.get("met", 0)) == 1 else "max_replications ended the run first"
        body += (f"<p>Stopping rule on {esc(stop.get('kpi'))} (target {esc(stop.get('target'))}): {met}.</p>")
    return "Experiment design", body


def arm_kpi_section(exp, catalogue):
    """Every KPI of the arms: rows KPIs (compared ones first), one column per arm, mean ± 95% half-width."""
    arms = exp.arm_names()
    stats = {}
    for arm in arms:
        with exp.arm(arm) as res:
            stats[arm] = kpi_stats(res)
    compared = list(exp.compare()["kpi"])
    names = compared + [k for k in stats[arms[0]] if k not in compared]
    rows, tips = [], []
    for kpi in names:
        cells = [f"<code>{esc(kpi)}</code>{' *' if kpi in compared else ''}",
                 esc(catalogue.get(kpi, {}).get("unit", ""))]
        for arm in arms:
            s = stats[arm].get(kpi)
            cells.append("n/a" if s is None else f"{number(s['mean'])} ± {number(s['half_width'], 2)}")
        rows.append(cells)
        tips.append(catalogue.get(kpi, {}).get("definition"))
    caption = ("Mean ± 95% half-width over each arm's replications. * marks the KPIs the experiment compares; "
               "the arms' intervals overlap more than their paired differences do, so read the comparison below "
               "to tell arms apart.")
    return "KPIs per arm", table(["KPI", "unit"] + [esc(a) for a in arms], rows, text_columns=(0, 1),
                                 titles=tips) + f'<p class="caption">{esc(caption)}</p>'


def forest_panels(exp):
    """(kpi, goal, paired rows of that KPI) per compared KPI, arms in the experiment's order."""
    paired = exp.table("paired")
    order = {arm: i for i, arm in enumerate(exp.arm_names())}
    panels = []
    for kpi, goal in exp.compare().itertuples(index=False):
        rows = paired[paired["kpi"] == kpi].copy()
        rows["order"] = rows["arm"].map(order)
        panels.append((kpi, goal, rows.sort_values("order").reset_index(drop=True)))
    return [p for p in panels if len(p[2])]


def comparison_section(exp, salt):
    heading = "Comparison with the baseline"
    panels = forest_panels(exp)
    if not panels:
        return heading, note("This experiment has a single arm, so there is nothing to compare with the baseline.")
    caption = (f"Each dot is the mean over replications of (arm - {exp.baseline()}) on the same replication, the "
               "bar its 95% interval. Green: better than the baseline with 95% confidence; red: worse; grey: the "
               "interval holds 0, so no difference is established. 'better' is the share of replications in which "
               "the arm did better.")
    return heading, figure(figures.svg(figures.forest(panels, exp.baseline()), salt + "-forest"), esc(caption))


def arm_trajectory_data(exp):
    """(dates, peak mask or None, [(arm, panels)]) of the arms that recorded the daily arrays, the same panels
    for all; None when no arm recorded them."""
    arms, dates, peak = [], None, None
    for arm in exp.arm_names():
        with exp.arm(arm) as res:
            if not res.recorded_variables():
                continue
            dates, panels, _ = trajectory_panels(res)
            arms.append((arm, panels))
            if peak is None:
                try:
                    days = res.days()
                    peak = days["peak"].to_numpy().astype(bool) if len(days) == len(dates) else None
                except MissingResultError:
                    peak = None
    if not arms:
        return None
    kinds = [[p["variable"] for p in panels] for _, panels in arms]
    if any(k != kinds[0] for k in kinds):
        return None  # the arms recorded different variables: nothing to put side by side
    return dates, peak, arms


def arm_trajectory_section(exp, salt):
    heading = "Inventory, backlog and service by day, per arm"
    data = arm_trajectory_data(exp)
    if data is None:
        return heading, note(f"The arms record no daily arrays (or not the same ones): {RECORD_HINT}.")
    dates, peak, arms = data
    caption = ("The mean over replications of each arm, summed over every SKU and site; shaded days are peak days. "
               "The baseline's band across replications is in its section below.")
    return heading, figure(figures.svg(figures.arm_trajectories(arms, dates.values, peak), salt + "-arms"),
                           esc(caption))


def ranking_section(exp):
    ranking = exp.table("ranking")
    goals = dict(exp.compare().itertuples(index=False))
    body = ""
    for kpi, rows in ranking.groupby("kpi", sort=False):
        rows = rows.sort_values("rank")
        cells = [[str(int(r["rank"])), esc(r["arm"]),
                  f'<span class="bar" style="width:{100 * r["probability_best"]:.1f}px"></span> '
                  f"{r['probability_best']:.0%}"] for _, r in rows.iterrows()]
        body += (f"<h3><code>{esc(kpi)}</code> ({'lower' if goals.get(kpi) == 'min' else 'higher'} is better)</h3>"
                 + table(["rank", "arm", "P(best)"], cells, text_columns=(1, 2)))
    caption = ("Arms ranked by their mean, best first; P(best) is the probability that the arm is truly the best, "
               "as the experiment estimated it from the replications.")
    return "Ranking", body + f'<p class="caption">{esc(caption)}</p>'


def provenance_section(exp):
    prov = exp.provenance()
    keys = ("experiment_name", "baseline", "design_seed", "peaksim_version", "git_commit", "build_type", "compiler",
            "created_utc", "file", "scenario_path")
    rows = [[esc(k), f"<code>{esc(prov[k])}</code>"] for k in keys if prov.get(k) is not None]
    body = table(["", "value"], rows, text_columns=(0, 1))
    body += (f"<details><summary>The experiment file</summary><pre>{esc(prov.get('text', ''))}</pre></details>")
    return "Experiment provenance", body
