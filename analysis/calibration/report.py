"""The outputs: a YAML fragment peaksim accepts, and a plain-text table of estimates with 95% intervals."""

import numpy as np


def _num(x):
    return f"{x:.4g}"


def festival_yaml(events, weekly=None):
    lines = ["calendar:"]
    if weekly is not None:
        lines.append("  weekly: [" + ", ".join(f"{w:.3f}" for w in weekly) + "]  # Monday .. Sunday")
    lines.append("  events:")
    for e in events:
        lines += [f"    - name: {e.name}", f"      date: \"{e.rule}\"", f"      multiplier: {e.multiplier:.3f}",
                  f"      before: {e.before}d", f"      after: {e.after}d", f"      profile: {e.profile}"]
        if e.pull_days:
            lines.append(f"      pull_forward: {{factor: {e.pull_factor:.3f}, days: {e.pull_days}d}}")
        if e.hang_days:
            lines.append(f"      hangover: {{factor: {e.hang_factor:.3f}, days: {e.hang_days}d}}")
    return "\n".join(lines) + "\n"


def festival_table(fit, ci, wci=None):
    rows = [("parameter", "estimate", "95% low", "95% high", "scenario key")]
    for i, e in enumerate(fit.events):
        key = f"calendar.events[{e.name}]"
        rows.append((f"{e.name}: window", f"{e.profile}, before {e.before}d, after {e.after}d", "", "",
                     f"{key}.profile/before/after"))
        rows.append((f"{e.name}: multiplier", _num(e.multiplier), _num(ci[0, i, 0]), _num(ci[1, i, 0]),
                     f"{key}.multiplier"))
        if e.pull_days:
            rows.append((f"{e.name}: pull-forward factor ({e.pull_days}d)", _num(e.pull_factor),
                         _num(ci[0, i, 1]), _num(ci[1, i, 1]), f"{key}.pull_forward"))
        if e.hang_days:
            rows.append((f"{e.name}: hangover factor ({e.hang_days}d)", _num(e.hang_factor),
                         _num(ci[0, i, 2]), _num(ci[1, i, 2]), f"{key}.hangover"))
        unit = "day" if fit.grid.step == 1 else "week"
        rows.append((f"{e.name}: fitted {unit} holding the event / baseline", _num(fit._event_period_ratio(i)),
                     _num(ci[0, i, 3]), _num(ci[1, i, 3]), "(derived)"))
        rows.append((f"{e.name}: observed {unit} holding the event / baseline",
                     _num(fit.observed_event_period_ratio(i)), "", "", f"(data, {e.seen} occurrences)"))
    if wci is not None:
        for d, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
            rows.append((f"weekly weight {name}", _num(fit.weekly_weights()[d]), _num(wci[0, d]),
                         _num(wci[1, d]), f"calendar.weekly[{d}]"))
    return _format(rows)


def fit_table(fit):
    """Each period near the events: its first day, the observed ratio to the baseline and the model's."""
    R, F = fit.ratio(), fit.fitted()
    rows = [("period from", "observed", "fitted")]
    rows += [(str(fit.grid.days[p, 0]), f"{R[p]:.3f}", f"{F[p]:.3f}") for p in range(len(R))
             if fit.affected[p] and np.isfinite(R[p])]
    return _format(rows)


def _format(rows):
    widths = [max(len(str(r[c])) for r in rows) for c in range(len(rows[0]))]
    out = ["  ".join(str(r[c]).ljust(widths[c]) for c in range(len(r))).rstrip() for r in rows]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


def price_yaml(result):
    e = result["own"]
    lines = ["catalog:", "  price_response:", "    form: constant_elasticity", f"    elasticity: {e[0]:.3f}"]
    by = result.get("by_group")
    if by:
        lines.append("  price_response_by_category:")
        # the keys must be the scenario's category names; peaksim refuses others
        for g, est in by.items():
            if est[0] < 0:
                lines += [f"    {g}:", "      form: constant_elasticity", f"      elasticity: {est[0]:.3f}"]
            else:
                lines.append(f"    # {g}: left out, its estimate {est[0]:.3f} is not negative (peaksim needs < 0)")
    return "\n".join(lines) + "\n"


def price_table(result):
    rows = [("parameter", "estimate", "95% low", "95% high", "scenario key")]
    rows.append(("own-price elasticity", *map(_num, result["own"]), "catalog.price_response.elasticity"))
    for name, est in result.get("by_group", {}).items():
        rows.append((f"own-price elasticity, {result['group_col']} {name}", *map(_num, est),
                     f"catalog.price_response_by_category.{name}.elasticity"))
    if "cross" in result:
        rows.append(("cross-price elasticity (mean log price of the other items)", *map(_num, result["cross"]),
                     "none: no scenario key (report only)"))
    for col, est in result.get("lifts", {}).items():
        rows.append((f"lift when {col} = 1 (exp of its coefficient)", *map(_num, est),
                     "none: no scenario key (report only)"))
    rows.append(("observations used / clusters", f"{result['n']} / {result['clusters']}", "", "", ""))
    return _format(rows)
