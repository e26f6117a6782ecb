"""The report's figures. Each function takes plain data (numpy arrays, dicts, DataFrames), never a file, and
returns a matplotlib Figure, so that tests can draw one from known numbers and inspect what it holds; svg()
turns a figure into inline SVG for the page."""

import io
import re

import numpy as np

from .results import _pyplot

WIDTH = 9.0  # inches; the page is about 900 px wide at 100 dpi
BAND_ALPHA = 0.25
PEAK_COLOUR = "#f4d03f"


def svg(fig, salt):
    """The figure as an <svg> element to put straight into HTML: text kept as text (smaller, searchable), ids
    salted with `salt` so that two figures on one page never share one, no date (the same data, the same
    bytes). Closes the figure."""
    import matplotlib

    plt = _pyplot()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    # Inside HTML the parser gives <svg> its namespace and knows xlink:href, so the namespace declarations can
    # go, and so can the metadata block: left in the page are no addresses at all, only "#id" references.
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    # matplotlib numbers its elements from 1 in every figure (patch_1, ...): ids, and references to them, get
    # the salt so that they stay unique on a page.
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{salt}-{m.group(1)}"', text)
    return re.sub(r"(href=\"#|url\(#)([^\")]+)", lambda m: f"{m.group(1)}{salt}-{m.group(2)}", text)


def _amount(value):
    """A value for a label: thousands separated when large, 4 significant figures otherwise."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def _thousands(axis):
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _: _amount(v)))


def _figure(rows=1, cols=1, height=3.2, **kw):
    plt = _pyplot()
    return plt.subplots(rows, cols, figsize=(WIDTH, height * rows), squeeze=False, **kw)


def _shade_peak(ax, dates, peak):
    """Peak days (an event's before..after window) as a pale background, one span per run of days."""
    peak = np.asarray(peak, dtype=bool)
    if not peak.any():
        return
    day = np.timedelta64(1, "D")
    starts = np.flatnonzero(peak & ~np.r_[False, peak[:-1]])
    ends = np.flatnonzero(peak & ~np.r_[peak[1:], False])
    for k, (a, b) in enumerate(zip(starts, ends)):
        ax.axvspan(dates[a] - day / 2, dates[b] + day / 2, color=PEAK_COLOUR, alpha=0.3, linewidth=0,
                   label="peak days" if k == 0 else None)


def trajectories(panels, dates, peak=None, window=None, title=None):
    """One row per panel: the mean across replications as a line over its 5-95% band. panels: dicts with
    title, unit, mean, low, high (arrays over dates); peak: 1 on peak days (shaded); window: (first, last)
    date indices to zoom on."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    fig, axes = _figure(len(panels), 1, height=2.4, sharex=True)
    sl = slice(None) if window is None else slice(window[0], window[1] + 1)
    for ax, panel in zip(axes[:, 0], panels):
        x = dates[sl]
        if peak is not None:
            _shade_peak(ax, x, np.asarray(peak)[sl])
        ax.fill_between(x, panel["low"][sl], panel["high"][sl], alpha=BAND_ALPHA, linewidth=0, color="C0",
                        label="5-95% of replications")
        ax.plot(x, panel["mean"][sl], color="C0", linewidth=1.6, label="mean")
        ax.set_title(panel["title"], loc="left", fontsize="medium")
        ax.set_ylabel(panel["unit"])
        ax.grid(alpha=0.3)
    axes[0, 0].legend(loc="upper left", fontsize="small", ncol=3)
    if title:
        fig.suptitle(title)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def arm_trajectories(arms, dates, peak=None):
    """The mean trajectories of several arms, one line per arm in each panel (bands left out so that the lines
    stay legible). arms: (arm name, panels as trajectories() takes them), the same panels for every arm."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    titles = [(p["title"], p["unit"]) for p in arms[0][1]]
    fig, axes = _figure(len(titles), 1, height=2.4, sharex=True)
    for row, (ax, (title, unit)) in enumerate(zip(axes[:, 0], titles)):
        if peak is not None:
            _shade_peak(ax, dates, peak)
        for k, (arm, panels) in enumerate(arms):
            ax.plot(dates, panels[row]["mean"], color=f"C{k % 10}", linewidth=1.4, label=arm)
        ax.set_title(title, loc="left", fontsize="medium")
        ax.set_ylabel(unit)
        ax.grid(alpha=0.3)
    axes[0, 0].legend(loc="upper left", fontsize="small", ncol=2)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def waterfall(steps, total_label):
    """From the first step to the total: steps are (label, signed amount); each bar starts where the running
    sum stood, and a last bar shows the total. Positive steps green, negative red."""
    fig, axes = _figure(height=0.42 * (len(steps) + 1) + 0.8)
    ax = axes[0, 0]
    labels, lefts, widths, colours = [], [], [], []
    running = 0.0
    for label, amount in steps:
        labels.append(label)
        lefts.append(running if amount >= 0 else running + amount)
        widths.append(abs(amount))
        colours.append("#2e8b57" if amount >= 0 else "#c0392b")
        running += amount
    labels.append(total_label)
    lefts.append(min(0.0, running))
    widths.append(abs(running))
    colours.append("#34495e")
    y = np.arange(len(labels))[::-1]
    ax.barh(y, widths, left=lefts, color=colours, height=0.6)
    for yi, left, width, (label, amount) in zip(y, lefts, widths, list(steps) + [(total_label, running)]):
        ax.text(left + width, yi, f"  {amount:+,.0f}" if label != total_label else f"  {amount:,.0f}",
                va="center", fontsize="small")
    ax.set_yticks(y, labels)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("currency (mean over replications)")
    _thousands(ax.xaxis)
    ax.grid(axis="x", alpha=0.3)
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig


def tail_histograms(items):
    """One panel per item: a histogram of a KPI's values across replications, with its mean and the P95 and
    CVaR95 of /tail as vertical lines. items: dicts with kpi, unit, values, p95, cvar95, side."""
    from matplotlib.ticker import MaxNLocator

    fig, axes = _figure(1, len(items), height=3.2)
    for ax, item in zip(axes[0], items):
        values = np.asarray(item["values"], dtype=float)
        values = values[np.isfinite(values)]
        ax.hist(values, bins=max(5, min(30, values.size // 2)), color="#95a5a6", edgecolor="white")
        ax.axvline(values.mean(), color="C0", linewidth=1.5, label=f"mean {_amount(values.mean())}")
        ax.axvline(item["p95"], color="#e67e22", linestyle="--", linewidth=1.5, label=f"P95 {_amount(item['p95'])}")
        ax.axvline(item["cvar95"], color="#c0392b", linewidth=1.5, label=f"CVaR95 {_amount(item['cvar95'])}")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        _thousands(ax.xaxis)
        ax.tick_params(axis="x", labelrotation=20)
        worse = "lower" if item["side"] == "lower" else "higher"
        ax.set_title(f"{item['kpi']} ({worse} is worse)", fontsize="medium")
        ax.set_xlabel(item["unit"])
        ax.set_ylabel("replications")
        ax.set_ylim(top=ax.get_ylim()[1] * 1.35)  # room for the legend above the bars
        ax.legend(fontsize="x-small", loc="upper center", ncol=3)
    fig.tight_layout()
    return fig


def interval_bars(groups):
    """Horizontal bars with 95% intervals, one panel per group. groups: (title, xlabel, DataFrame with label,
    mean, half_width, reference): reference is an x to mark with a dashed line (a nominal level) or None."""
    heights = [0.35 * len(table) + 1.1 for _, _, table, _ in groups]
    plt = _pyplot()
    fig, axes = plt.subplots(len(groups), 1, figsize=(WIDTH, sum(heights)), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    for ax, (title, xlabel, table, reference) in zip(axes[:, 0], groups):
        y = np.arange(len(table))[::-1]
        err = np.nan_to_num(table["half_width"].to_numpy(dtype=float))
        ax.barh(y, table["mean"], xerr=err, color="#5dade2", height=0.6, capsize=3)
        ax.set_yticks(y, list(table["label"]))
        ax.set_title(title, loc="left", fontsize="medium")
        if reference is not None:
            ax.axvline(reference, color="black", linestyle="--", linewidth=0.8)
        ax.grid(axis="x", alpha=0.3)
        ax.set_xlabel(xlabel)
    fig.tight_layout()
    return fig


def forest(panels, baseline):
    """The paired differences arm - baseline with their 95% intervals, one panel per compared KPI, a line at
    0 (no difference). panels: (kpi, goal, DataFrame with arm, mean, half_width, better_share)."""
    heights = [0.4 * len(table) + 1.1 for _, _, table in panels]
    plt = _pyplot()
    fig, axes = plt.subplots(len(panels), 1, figsize=(WIDTH, sum(heights)), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    for ax, (kpi, goal, table) in zip(axes[:, 0], panels):
        y = np.arange(len(table))[::-1]
        mean = table["mean"].to_numpy(dtype=float)
        half = np.nan_to_num(table["half_width"].to_numpy(dtype=float))
        better = (mean < 0) if goal == "min" else (mean > 0)
        clear = np.abs(mean) > half  # the interval excludes 0
        colours = np.where(clear & better, "#2e8b57", np.where(clear, "#c0392b", "#7f8c8d"))
        for yi, m, h, c in zip(y, mean, half, colours):
            ax.errorbar(m, yi, xerr=h, fmt="o", color=c, capsize=4, linewidth=1.6)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_yticks(y, [f"{a}  ({b:.0%} better)" for a, b in zip(table["arm"], table["better_share"])])
        ax.set_title(f"{kpi}: arm - {baseline} ({'lower' if goal == 'min' else 'higher'} is better)",
                     loc="left", fontsize="medium")
        ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig
