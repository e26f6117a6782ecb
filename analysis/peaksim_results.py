"""Read peaksim results files (HDF5, schema in docs/output.md) with h5py and numpy.

Import it by path, no installation needed::

    import sys; sys.path.insert(0, "/path/to/peaksim/analysis")
    from peaksim_results import open_results

    with open_results("out.h5") as res:
        print(res.summary())                      # mean, sd and 95% CI per KPI
        on_hand, dims = res.array(0, "on_hand")   # dims == ("day", "sku", "site")

pandas is optional: when it is installed, kpis() returns a DataFrame indexed by replication.
"""

import math

import h5py
import numpy as np

SUPPORTED_SCHEMA = 2

try:
    import pandas as _pd
except ImportError:  # pandas is optional
    _pd = None


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


class Results:
    """An open results file. Use as a context manager, or call close()."""

    def __init__(self, path, allow_incomplete=False):
        self.path = str(path)
        self._file = h5py.File(self.path, "r")
        try:
            schema = int(self._file.attrs.get("schema_version", -1))
            if schema != SUPPORTED_SCHEMA:
                raise ValueError(f"{self.path}: schema_version {schema}, this reader supports {SUPPORTED_SCHEMA}")
            if not allow_incomplete and int(self._file.attrs.get("complete", 0)) != 1:
                raise ValueError(f"{self.path}: the run did not complete (pass allow_incomplete=True to read it)")
        except Exception:
            self._file.close()
            raise

    def close(self):
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def file(self):
        """The underlying h5py.File, for anything this reader does not cover."""
        return self._file

    def attributes(self):
        """Root attributes: schema_version, peaksim_version, git_commit, seed, replications, ..."""
        return {k: _plain(v) for k, v in self._file.attrs.items()}

    def kpi_names(self):
        """KPI names in the order the simulator reports them (h5py itself lists them alphabetically)."""
        return _text(self._file["kpi"].attrs["names"])

    def replications(self):
        """Replication ids, ascending; row i of every KPI belongs to replications()[i]."""
        return self._file["kpi/replication"][()]

    def kpis(self, as_frame=None):
        """KPI values per replication: a DataFrame when pandas is present (or as_frame=True), else a dict
        of name -> float64 array aligned with replications()."""
        data = {name: self._file["kpi"][name][()] for name in self.kpi_names()}
        if as_frame is None:
            as_frame = _pd is not None
        if not as_frame:
            return data
        if _pd is None:
            raise ImportError("kpis(as_frame=True) needs pandas")
        return _pd.DataFrame(data, index=_pd.Index(self.replications(), name="replication"))

    def arrays(self, replication):
        """Names of the arrays recorded for one replication."""
        return sorted(self._group(replication).keys())

    def array(self, replication, name):
        """One recorded array as (numpy int32 array, dims tuple such as ("day", "sku", "site"))."""
        dataset = self._group(replication)[name]
        return dataset[()], tuple(_text(dataset.attrs["dims"]))

    def axes(self):
        """Axis labels: date, sku, sku_category, site, category -> list of str."""
        return {name: _text(ds[()]) for name, ds in self._file["axes"].items()}

    def provenance(self):
        """What produced the file: the resolved scenario YAML, its path, the command line, the --set overrides,
        plus scenario name, seed and build identity from the root attributes."""
        group = self._file["provenance"]
        out = {name: _text(group[name][()]) for name in ("scenario", "scenario_path", "command_line", "overrides")}
        attrs = self.attributes()
        for key in ("scenario_name", "seed", "peaksim_version", "git_commit", "build_type", "compiler", "created_utc"):
            out[key] = attrs.get(key)
        return out

    def summary(self, confidence=0.95):
        """Per KPI: n, mean, sample sd, Student-t half-width and the interval. n < 2 gives sd 0 and NaN
        half-width, as the simulator's own table does."""
        from scipy.stats import t  # imported here so that plain reading works without scipy

        out = {}
        for name, values in self.kpis(as_frame=False).items():
            values = np.asarray(values, dtype=float)
            n = values.size
            mean = float(values.mean()) if n else math.nan
            sd = float(values.std(ddof=1)) if n >= 2 else 0.0
            half = float(t.ppf(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n)) if n >= 2 else math.nan
            out[name] = {"n": n, "mean": mean, "sd": sd, "half_width": half,
                         "ci_low": mean - half, "ci_high": mean + half}
        return out

    def _group(self, replication):
        key = f"replications/r{int(replication):06d}"
        if key not in self._file:
            raise KeyError(f"{self.path}: no replication {replication}")
        return self._file[key]


def open_results(path, allow_incomplete=False):
    """Open a peaksim results file for reading. Raises ValueError for an unknown schema or an
    incomplete run."""
    return Results(path, allow_incomplete=allow_incomplete)
