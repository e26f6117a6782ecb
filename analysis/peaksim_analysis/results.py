"""The run layout of a peaksim results file (docs/output.md): a file's root, or an experiment arm's group.

The raw readers (kpis(as_frame=False), array(), axes(), provenance()) need only h5py and numpy;
the tables need pandas and the plots matplotlib (scripts/install-deps installs both).
"""

import os
import sys

import h5py
import numpy as np

SUPPORTED_SCHEMAS = (1, 2)
KPI_LEVELS = ("site", "region", "sku", "lane", "station")
BY_WORDS = ("site", "sku", "category")
# Per-replication reads of a recorded array are cut into runs of whole days of about this size.
READ_BLOCK_BYTES = 64 << 20

# The level a replication's arrays were recorded at, told by their dims.
_LEVEL_OF_DIMS = {
    ("day", "sku", "site"): "sku_daily",
    ("week", "sku", "site"): "sku_weekly",
    ("day", "site"): "site_daily",
    ("day", "category", "site"): "category_daily",
}

try:
    import pandas as _pd
except ImportError:  # the raw readers work without it; the tables say how to install it
    _pd = None


class MissingResultError(LookupError):
    """The file lacks what was asked for; the message says what is missing and why."""


def _pandas(what):
    if _pd is None:
        raise ImportError(f"{what} needs pandas, which is not installed: run scripts/install-deps "
                          "(Debian package python3-pandas)")
    return _pd


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise ImportError("plot_daily needs matplotlib, which is not installed: run scripts/install-deps "
                          "(Debian package python3-matplotlib)") from None
    # Without a display, draw off-screen rather than fail on the first figure.
    if "matplotlib.pyplot" not in sys.modules and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def _text(value):
    """h5py returns variable-length strings as str in attributes but bytes in datasets."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [_text(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_text(v) for v in value]
    return value


def _plain(value):
    """numpy scalars become Python numbers, so attributes print and compare naturally."""
    value = _text(value)
    return value.item() if isinstance(value, np.generic) else value


def _column(dataset):
    """A 1-D dataset as a column: strings as str, numbers with their stored dtype."""
    if h5py.check_string_dtype(dataset.dtype) is not None:
        return _text(dataset[()])
    return dataset[()]


def _quantile_name(q):
    """0.05 -> "q05", 0.5 -> "q50", 0.025 -> "q02.5", 1 -> "q100"."""
    whole, _, frac = f"{q * 100:.10g}".partition(".")
    return "q" + whole.zfill(2) + ("." + frac if frac else "")


def _quantile_columns(quantiles):
    qs = [float(q) for q in quantiles]
    bad = [q for q in qs if not 0.0 <= q <= 1.0]
    if bad:
        raise ValueError(f"quantiles must lie in [0, 1], got {bad}")
    names = [_quantile_name(q) for q in qs]
    if len(set(names)) != len(names):
        raise ValueError(f"quantiles {qs} repeat a column name ({names})")
    return qs, names


class Results:
    """An open results file. Use as a context manager, or call close()."""

    def __init__(self, source, allow_incomplete=False):
        """source: a path (the file is opened and owned), or an open h5py group in the run layout (an
        experiment's /arms/<arm>, left open by close())."""
        if isinstance(source, h5py.Group):
            self._root, self._owned = source, False
            self.path = source.file.filename + ("" if source.name == "/" else ":" + source.name)
        else:
            self.path = str(source)
            self._root, self._owned = h5py.File(self.path, "r"), True
        self._file = self._root.file
        try:
            schema = int(self._file.attrs.get("schema_version", -1))
            if schema not in SUPPORTED_SCHEMAS:
                supported = ", ".join(str(v) for v in SUPPORTED_SCHEMAS)
                raise ValueError(f"{self.path}: schema_version {schema}, this reader supports {supported}")
            self.schema_version = schema
            complete = self._root.attrs.get("complete", self._file.attrs.get("complete", 0))
            if not allow_incomplete and int(complete) != 1:
                raise ValueError(f"{self.path}: the run did not complete (pass allow_incomplete=True to read it)")
        except Exception:
            self.close()
            raise

    def close(self):
        if self._owned:
            self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def file(self):
        """The underlying h5py.File, for anything this reader does not cover."""
        return self._file

    @property
    def root(self):
        """The group holding the run layout: the file's root, or an experiment arm's group."""
        return self._root

    def attributes(self):
        """Root attributes: schema_version, peaksim_version, git_commit, seed, replications, ..."""
        out = {k: _plain(v) for k, v in self._root.attrs.items()}
        if self._root.name != "/":  # an arm: its group's attributes are its run's
            out.update({k: _plain(v) for k, v in self._root.attrs.items()})
        return out

    def kpi_names(self):
        """KPI names in the order the simulator reports them (h5py itself lists them alphabetically)."""
        return _text(self._root["kpi"].attrs["names"])

    def replications(self):
        """Replication ids, ascending; row i of every KPI belongs to replications()[i]."""
        return self._root["kpi/replication"][()]

    def kpis(self, as_frame=None):
        """KPI values per replication: a DataFrame when pandas is present (or as_frame=True), else a dict
        of name -> float64 array aligned with replications()."""
        names = self.kpi_names()
        data = {name: self._root["kpi"][name][()] for name in names}
        if as_frame is None:
            as_frame = _pd is not None
        if not as_frame:
            return data
        pd = _pandas("kpis(as_frame=True)")
        return pd.DataFrame(data, index=pd.Index(self.replications(), name="replication"), columns=names)

    def arrays(self, replication):
        """Names of the arrays recorded for one replication."""
        return sorted(self._group(replication).keys())

    def array(self, replication, name):
        """One recorded array as (numpy int32 array, dims tuple such as ("day", "sku", "site"))."""
        dataset = self._group(replication)[name]
        return dataset[()], tuple(_text(dataset.attrs["dims"]))

    def axes(self):
        """Axis labels: date, sku, sku_category, site, category -> list of str."""
        return {name: _text(ds[()]) for name, ds in self._root["axes"].items()}

    def provenance(self):
        """What produced the file: the resolved scenario YAML, its path, the command line, the --set overrides,
        plus scenario name, seed and build identity from the root attributes."""
        group = self._root["provenance"]
        out = {name: _text(group[name][()]) for name in ("scenario", "scenario_path", "command_line", "overrides")}
        attrs = self.attributes()
        for key in ("scenario_name", "seed", "peaksim_version", "git_commit", "build_type", "compiler", "created_utc"):
            out[key] = attrs.get(key)
        return out

    def summary(self, confidence=0.95):
        """Per KPI: n, mean, sample sd, Student-t half-width and the interval. n < 2 gives sd 0 and NaN
        half-width, as the simulator's own table does."""
        from .stats import mean_interval  # scipy, imported only here so that plain reading works without it

        out = {}
        for name, values in self.kpis(as_frame=False).items():
            out[name] = mean_interval(values, confidence)
        return out

    # ---- Breakdowns and catalogue (schema 2) -------------------------------------------------

    def kpis_by(self, level):
        """KPIs per replication and site, region, SKU, lane (lanes with carriers, named "from->to") or
        station (pick stations, named "site/index"): a
        DataFrame indexed by (replication, <level>),
        one column per KPI in /kpi_by/<level>@names order. Raises MissingResultError when the file has
        no such breakdown, ValueError for an unknown level."""
        if level not in KPI_LEVELS:
            raise ValueError(f"kpis_by: unknown level {level!r}; valid levels: {', '.join(KPI_LEVELS)}")
        pd = _pandas("kpis_by")
        path = f"kpi_by/{level}"
        if path not in self._root:
            if self.schema_version < 2:
                why = "it was written by an older peaksim (schema 1) without breakdowns"
            elif level == "sku":
                why = "per-SKU KPIs are written only when the scenario sets record.kpi_by_sku: true"
            elif level == "lane":
                why = "per-lane KPIs (carrier_utilisation, carrier_refusals) are written only when some lane has carriers"
            elif level == "station":
                why = "per-station KPIs are written only when some warehouse has a picking station or robot fleet"
            else:
                why = f"schema {self.schema_version} files carry it, so this file was not written by a complete run"
            raise MissingResultError(f"{self.path}: this file has no /{path}: {why}")
        group = self._root[path]
        if "names" not in group.attrs:
            raise MissingResultError(f"{self.path}: /{path} has no @names attribute listing its KPIs")
        names = _text(group.attrs["names"])
        labels = self._labels(level)
        replications = self.replications()
        data = {}
        for name in names:  # replication-major, as the index below
            data[name] = self._flat(group[name], f"{path}/{name}", (len(replications), "replications"),
                                    (len(labels), f"{level}s"))
        index = pd.MultiIndex.from_product([replications, labels], names=["replication", level])
        return pd.DataFrame(data, index=index, columns=names)

    def tail(self):
        """The tail across replications (/tail, runs of two or more replications): a dict with "kpis", a
        DataFrame indexed by kpi with side ("upper" or "lower"), n, p95 and cvar95; "stockout_peak" with
        probability, replications (with a stock-out on a peak day) and of (replications with peak demand);
        "worst_regions" and, with the SKU breakdown, "worst_skus": Series of mean lost sales, worst first."""
        pd = _pandas("tail")
        if "tail" not in self._root:
            raise MissingResultError(f"{self.path}: this file has no /tail: it is written by runs of two or more "
                                     "replications (and by peaksim versions that know it)")
        g = self._root["tail"]
        kpis = pd.DataFrame({"side": _text(g["side"][()]), "n": g["n"][()], "p95": g["p95"][()],
                             "cvar95": g["cvar95"][()]}, index=pd.Index(_text(g["kpi"][()]), name="kpi"))
        out = {"kpis": kpis,
               "stockout_peak": {"probability": float(g["stockout_peak_probability"][()]),
                                 "replications": int(g["stockout_peak_replications"][()]),
                                 "of": int(g["peak_replications"][()])}}
        for key in ("worst_regions", "worst_skus"):
            if key in g:
                out[key] = pd.Series(g[key]["lost_sales_mean"][()], index=pd.Index(_text(g[key]["name"][()]),
                                     name=key[len("worst_"):-1]), name="lost_sales_mean")
        return out

    def skus(self):
        """The catalogue, one row per SKU indexed by its id ("sku"): category, rate, price, cost, salvage
        (and any other per-SKU dataset of /skus). The per-site policy levels are in levels()."""
        pd = _pandas("skus")
        group = self._catalogue_group("skus", "SKU ids and categories are only in /axes")
        ids = _text(group["id"][()])
        first = ["category", "rate", "price", "cost", "salvage"]
        order = [k for k in first if k in group] + sorted(k for k in group if k not in first and k != "id")
        data = {k: _column(group[k]) for k in order if group[k].shape == (len(ids),)}
        return pd.DataFrame(data, index=pd.Index(ids, name="sku"))

    def levels(self):
        """Per-SKU, per-site policy levels from /skus/level_*: a long table indexed by (sku, site) with
        one column per level (s, S, Q), so it joins skus() on "sku"."""
        pd = _pandas("levels")
        group = self._catalogue_group("skus", "policy levels are not stored")
        ids = _text(group["id"][()])
        sites = self._labels("site")
        named = [f"level_{x}" for x in ("s", "S", "Q")]
        found = [k for k in named if k in group] + sorted(k for k in group if k.startswith("level_") and k not in named)
        if not found:
            raise MissingResultError(f"{self.path}: /skus holds no level_* datasets")
        data = {}
        for key in found:  # sku-major, as the index below
            data[key[len("level_"):]] = self._flat(group[key], f"skus/{key}", (len(ids), "skus"),
                                                   (len(sites), "sites"))
        index = pd.MultiIndex.from_product([ids, sites], names=["sku", "site"])
        return pd.DataFrame(data, index=index)

    def days(self):
        """The calendar, one row per simulated day indexed by date (Timestamp): calendar_factor, peak
        (int8, 1 on a peak day) and events (event names joined by "+", "" when none)."""
        pd = _pandas("days")
        group = self._catalogue_group("days", "the calendar of each day is not stored")
        dates = pd.to_datetime(_text(group["date"][()]), format="%Y-%m-%d")
        first = ["calendar_factor", "peak", "events"]
        order = [k for k in first if k in group] + sorted(k for k in group if k not in first and k != "date")
        data = {k: _column(group[k]) for k in order if group[k].shape == (len(dates),)}
        return pd.DataFrame(data, index=pd.DatetimeIndex(dates, name="date"))

    # ---- Recorded daily arrays ---------------------------------------------------------------

    def recorded_variables(self):
        """Names of the arrays recorded per replication (none under record.level kpi_only)."""
        groups = self._replication_groups()
        return sorted(groups[0][1].keys()) if groups else []

    def recorded_level(self):
        """The record.level the arrays were written at, told by their dims; with no arrays, the resolved
        scenario's record.level (kpi_only by default)."""
        groups = self._replication_groups()
        if groups and len(groups[0][1]):
            names = list(groups[0][1].keys())
            dims = tuple(_text(groups[0][1][names[0]].attrs["dims"]))
            return _LEVEL_OF_DIMS.get(dims, f"unknown (dims [{', '.join(dims)}])")
        try:
            import yaml
            scenario = yaml.safe_load(_text(self._root["provenance/scenario"][()])) or {}
            return str(scenario.get("record", {}).get("level", "kpi_only"))
        except Exception:  # no yaml module or no provenance: nothing recorded is what kpi_only means
            return "kpi_only"

    def daily(self, variable, by=None, quantiles=(0.05, 0.95), max_bytes=1 << 30):
        """Across replications, per date (and per `by` value): the mean and the given quantiles (numpy's
        linear interpolation) of a recorded variable, summed over every other dimension.

        Returns a long DataFrame with columns date (Timestamp; a week's first day under sku_weekly),
        [by], mean, q05, q95 (names from quantiles). by: None (sum over everything but time), "site",
        "sku" or "category" (the dims of the recorded array, and "category" from SKU arrays through
        /axes/sku_category). Reads one replication at a time in runs of days, keeping only the
        reduced [replications, dates, by values] values; by="sku" splits the SKUs into blocks so that
        these stay under max_bytes."""
        pd = _pandas("daily")
        qs, qnames = _quantile_columns(quantiles)
        dates, labels, blocks = self._stacks(variable, by, max_bytes)
        n_time, n_by = len(dates), len(labels)
        mean = np.empty((n_time, n_by))
        qvals = np.empty((len(qs), n_time, n_by))
        for b0, b1, stack in blocks:
            mean[:, b0:b1] = stack.mean(axis=0)
            qvals[:, :, b0:b1] = np.quantile(stack, qs, axis=0)
        columns = {"date": np.repeat(dates.values, n_by)}
        if by is not None:
            columns[by] = np.tile(np.array(labels, dtype=object), n_time)
        columns["mean"] = mean.reshape(-1)
        for name, values in zip(qnames, qvals):
            columns[name] = values.reshape(-1)
        return pd.DataFrame(columns)

    def per_replication(self, variable, by=None):
        """A recorded variable summed as daily() sums it, before the statistics across replications:
        (dates as a pandas Series, by labels ([None] when by is None), float64 array [replications,
        dates, by values]), replications in replications() order. Holds every value at once, so use
        by=None or "site" on large files."""
        dates, labels, blocks = self._stacks(variable, by, max_bytes=None)
        return dates, labels, next(blocks)[2]

    def _stacks(self, variable, by, max_bytes):
        """(dates, by labels, generator of (b0, b1, [replications, dates, by values b0..b1) array)): the
        by axis cut into blocks of at most max_bytes (None: one block)."""
        if by is not None and by not in BY_WORDS:
            raise ValueError(f"daily: unknown by {by!r}; valid: None (sum over every dimension but time), "
                             + ", ".join(repr(w) for w in BY_WORDS))
        groups = self._replication_groups()
        recorded = sorted(groups[0][1].keys()) if groups else []  # as recorded_variables(), without a second walk
        if variable not in recorded:
            raise MissingResultError(
                f"{self.path}: variable {variable!r} was not recorded: record.level is {self.recorded_level()}, "
                f"recorded variables: {', '.join(recorded) if recorded else 'none'}")
        first = groups[0][1][variable]
        dims = tuple(_text(first.attrs["dims"]))
        shape = first.shape
        reduce, labels, by_axis = self._reducer(variable, dims, by)
        dates = self._time_labels(dims[0], shape[0])
        n_rep, n_time, n_by = len(groups), shape[0], len(labels)
        per_value = max(1, n_rep * n_time * 8)
        step = n_by if by_axis is None or max_bytes is None else max(1, min(n_by, max_bytes // per_value))

        def blocks():
            for b0 in range(0, n_by, step):
                b1 = min(n_by, b0 + step)
                stack = np.empty((n_rep, n_time, b1 - b0))
                for i, (rep, group) in enumerate(groups):
                    dataset = group[variable]
                    if dataset.shape != shape or tuple(_text(dataset.attrs["dims"])) != dims:
                        raise ValueError(f"{self.path}: replication {rep} records {variable} shaped "
                                         f"{list(dataset.shape)}, replication {groups[0][0]} {list(shape)}")
                    select = [slice(None)] * len(shape)
                    if by_axis is not None:
                        select[by_axis] = slice(b0, b1)
                    run = self._days_per_read(dataset, b1 - b0 if by_axis is not None else None, by_axis)
                    for t0 in range(0, n_time, run):
                        select[0] = slice(t0, min(n_time, t0 + run))
                        stack[i, select[0]] = reduce(dataset[tuple(select)])
                yield b0, b1, stack

        return dates, labels, blocks()

    def plot_daily(self, variable, by=None, ax=None, quantiles=(0.05, 0.95), values=None, alpha=0.25,
                   **line_kwargs):
        """Plot daily(variable, by) as a mean line over a band between the two quantiles, one line per
        by value (or the ones listed in `values`). Draws on `ax` or a new figure; returns the Axes.
        Never calls plt.show(): save with ax.figure.savefig(path)."""
        if len(quantiles) != 2:
            raise ValueError(f"plot_daily needs two quantiles (lower, upper) for the band, got {list(quantiles)}")
        table = self.daily(variable, by=by, quantiles=quantiles)
        lower, upper = _quantile_columns(quantiles)[1]
        if ax is None:
            ax = _pyplot().subplots(figsize=(9, 4))[1]
        if by is None:
            series = [(None, table)]
        else:
            known = list(dict.fromkeys(table[by]))
            wanted = known if values is None else list(values)
            unknown = [v for v in wanted if v not in known]
            if unknown:
                raise ValueError(f"plot_daily: no {by} {unknown} in {variable}; known: {', '.join(map(str, known))}")
            series = [(v, table[table[by] == v]) for v in wanted]
        for value, rows in series:
            label = f"{variable} mean" if value is None else f"{value}"
            line = ax.plot(rows["date"], rows["mean"], label=label, **line_kwargs)[0]
            ax.fill_between(rows["date"], rows[lower], rows[upper], color=line.get_color(), alpha=alpha,
                            linewidth=0, label=f"{lower}-{upper}" if value is None else None)
        n = len(self.replications())
        ax.set_title(f"{variable}{'' if by is None else ' by ' + by}: mean and {lower}-{upper} band over "
                     f"{n} replication{'s' if n != 1 else ''}")
        ax.set_xlabel("date")
        ax.set_ylabel(variable)
        ax.legend(loc="best", fontsize="small")
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_horizontalalignment("right")
        return ax

    # ---- Helpers -----------------------------------------------------------------------------

    def _catalogue_group(self, name, schema1_gap):
        if name not in self._root:
            if self.schema_version < 2:
                why = f"it was written by an older peaksim (schema 1), in which {schema1_gap}"
            else:
                why = f"schema {self.schema_version} files carry it, so this file was not written by a complete run"
            raise MissingResultError(f"{self.path}: this file has no /{name}: {why}")
        return self._root[name]

    def _flat(self, dataset, path, rows, columns):
        """A 2-D dataset read row-major into one array, after checking its shape; rows and columns are
        (length, what) pairs for the message."""
        if dataset.shape != (rows[0], columns[0]):
            raise ValueError(f"{self.path}: /{path} is shaped {list(dataset.shape)}, expected "
                             f"[{rows[0]} {rows[1]}, {columns[0]} {columns[1]}]")
        return dataset[()].reshape(-1)

    def _first_text(self, *paths):
        """The text dataset at the first of paths present (schema 2 names first, /axes as fallback)."""
        for path in paths:
            if path in self._root:
                return _text(self._root[path][()])
        raise MissingResultError(f"{self.path}: none of {', '.join('/' + p for p in paths)} is present")

    def _labels(self, word):
        sources = {"site": ("sites/name", "axes/site"), "region": ("regions/name",), "lane": ("lanes/name",),
                   "station": ("stations/name",),
                   "sku": ("skus/id", "axes/sku"),
                   "category": ("axes/category",), "sku_category": ("axes/sku_category", "skus/category")}
        return self._first_text(*sources[word])

    def _time_labels(self, dim, length):
        pd = _pandas("daily")
        dates = pd.to_datetime(self._first_text("axes/date", "days/date"), format="%Y-%m-%d")
        if dim == "week":
            dates = dates[::7]  # week k covers days 7k..7k+6
        elif dim != "day":
            raise ValueError(f"{self.path}: the first dimension is {dim!r}, expected day or week")
        if len(dates) != length:
            raise ValueError(f"{self.path}: {length} {dim}s recorded but the date axis gives {len(dates)}")
        return pd.Series(dates)

    def _reducer(self, variable, dims, by):
        """(function: block [t, ...] -> [t, by values], by labels, axis to cut into blocks or None)."""
        if by is None:
            return (lambda x: x.reshape(x.shape[0], -1).sum(axis=1, dtype=np.float64)[:, None]), [None], None
        if by in dims[1:]:
            axis = dims.index(by)
            others = tuple(a for a in range(1, len(dims)) if a != axis)
            reduce = (lambda x: x.sum(axis=others, dtype=np.float64)) if others else (lambda x: x.astype(np.float64))
            return reduce, self._labels(by), (axis if by == "sku" else None)
        if by == "category" and "sku" in dims:
            categories = self._labels("category")
            of_sku = self._labels("sku_category")
            members = [np.flatnonzero(np.array(of_sku, dtype=object) == c) for c in categories]
            axis = dims.index("sku")
            others = tuple(a for a in range(1, len(dims)) if a != axis)

            def reduce(x):
                per_sku = x.sum(axis=others, dtype=np.float64) if others else x.astype(np.float64)
                return np.stack([per_sku[:, m].sum(axis=1) for m in members], axis=1)

            return reduce, categories, None
        valid = ["None"] + [repr(d) for d in dims[1:] if d in BY_WORDS]
        if "sku" in dims:
            valid.append("'category'")
        raise MissingResultError(f"{self.path}: {variable} is recorded at {self.recorded_level()} with dims "
                                 f"[{', '.join(dims)}], so by={by!r} is not available; by can be {', '.join(valid)}")

    @staticmethod
    def _days_per_read(dataset, cut_length, cut_axis):
        """Whole days per read: about READ_BLOCK_BYTES, a multiple of the chunk's days when chunked."""
        shape = list(dataset.shape)
        if cut_axis is not None:
            shape[cut_axis] = cut_length
        per_day = max(1, int(np.prod(shape[1:], dtype=np.int64)) * dataset.dtype.itemsize)
        run = max(1, READ_BLOCK_BYTES // per_day)
        if dataset.chunks:
            run = max(dataset.chunks[0], run // dataset.chunks[0] * dataset.chunks[0])
        return run

    def _replication_groups(self):
        """(id, group) per recorded replication, by id."""
        if "replications" not in self._root:
            return []
        groups = [(int(g.attrs.get("replication", int(name[1:]))), g) for name, g in self._root["replications"].items()]
        return sorted(groups, key=lambda pair: pair[0])

    def _group(self, replication):
        key = f"replications/r{int(replication):06d}"
        if key not in self._root:
            raise KeyError(f"{self.path}: no replication {replication}")
        return self._root[key]


def open_results(path, allow_incomplete=False):
    """Open a peaksim results file for reading. Raises ValueError for an unknown schema or an
    incomplete run."""
    return Results(path, allow_incomplete=allow_incomplete)
