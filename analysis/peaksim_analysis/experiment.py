"""An experiment results file (`peaksim experiment`): the comparison tables of /experiment and each arm's
results in the run layout under /arms/<arm>/ (docs/output.md, Experiments)."""

import h5py
import numpy as np

from .results import MissingResultError, Results, _column, _pandas, _plain, _text

# The comparison tables: their key columns, then their value columns.
TABLES = {
    "summary": ("arm", "kpi", "n", "mean", "sd", "half_width"),
    "paired": ("arm", "kpi", "n", "mean", "sd", "half_width", "better_share"),
    "ranking": ("kpi", "arm", "rank", "probability_best"),
}


class Experiment:
    """An open experiment file. Use as a context manager, or call close(). Arms are Results on their group."""

    def __init__(self, path, allow_incomplete=False):
        self.path = str(path)
        self._file = h5py.File(self.path, "r")
        self._allow_incomplete = allow_incomplete
        try:
            if "experiment" not in self._file:
                raise MissingResultError(f"{self.path}: this file has no /experiment group")
            # The root's schema and completeness are checked as a run file's are.
            Results(self._file, allow_incomplete=allow_incomplete)
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
        return self._file

    def attributes(self):
        """Root attributes: experiment_name, design_seed, baseline, and the build identity of a run file."""
        return {k: _plain(v) for k, v in self._file.attrs.items()}

    def baseline(self):
        return str(self.attributes().get("baseline", ""))

    def arm_names(self):
        """Arm names in the experiment's order (named arms, then sweep points)."""
        return _text(self._file["experiment/arms/name"][()])

    def arm(self, name):
        """One arm's results, read as a run file (Results on /arms/<name>)."""
        if name not in self.arm_names() or name not in self._file["arms"]:
            raise MissingResultError(f"{self.path}: no arm {name!r}; arms: {', '.join(self.arm_names())}")
        return Results(self._file["arms"][name], allow_incomplete=self._allow_incomplete)

    def table(self, name):
        """summary, paired or ranking as a DataFrame with the columns of TABLES (rows as stored)."""
        pd = _pandas(name)
        path = f"experiment/{name}"
        if path not in self._file:
            raise MissingResultError(f"{self.path}: this file has no /{path}")
        group = self._file[path]
        return pd.DataFrame({column: _column(group[column]) for column in TABLES[name]})

    def compare(self):
        """The compared KPIs and their goal ("min" or "max"), in the experiment's order."""
        pd = _pandas("compare")
        group = self._file["experiment/compare"]
        return pd.DataFrame({"kpi": _text(group["kpi"][()]), "goal": _text(group["goal"][()])})

    def design(self):
        """One row per arm, indexed by arm: sweep, edits, replications, then one column per sweep parameter
        (its value in the arm, NaN where unset)."""
        pd = _pandas("design")
        arms = self._file["experiment/arms"]
        data = {"sweep": _text(arms["sweep"][()]), "edits": _text(arms["edits"][()]),
                "replications": arms["replications"][()]}
        if "experiment/design" in self._file:
            for key, dataset in self._file["experiment/design"].items():
                data[key] = np.asarray(dataset[()], dtype=float)
        return pd.DataFrame(data, index=pd.Index(self.arm_names(), name="arm"))

    def stopping(self):
        """The stopping rule's outcome (kpi, target, met) or None when the experiment had none."""
        if "experiment/stopping" not in self._file:
            return None
        group = self._file["experiment/stopping"]
        out = {}
        for key in group:
            value = group[key][()]
            if isinstance(value, np.ndarray):  # stored as one-element arrays or as scalars: the same
                value = value.reshape(-1)[0]
            out[key] = _plain(value)
        return out

    def provenance(self):
        """The experiment file as given, its text, the base scenario's path and the root attributes."""
        group = self._file["experiment"]
        out = {key: _text(group[key][()]) for key in ("file", "text", "scenario_path") if key in group}
        out.update(self.attributes())
        return out
