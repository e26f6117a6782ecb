"""Opening any peaksim results file: a run (`peaksim run`, `merge`) or an experiment (`peaksim experiment`),
told by the root attribute `kind` (a file without it is a run), with one message for what is not one."""

import glob
import os

import h5py

from .experiment import Experiment
from .errors import NotResultsError
from .results import Results


def file_kind(path):
    """"run" or "experiment"; NotResultsError with the reason for anything else."""
    if not os.path.exists(path):
        raise NotResultsError(f"cannot read '{path}': No such file or directory")
    if os.path.isdir(path):
        raise NotResultsError(f"cannot read '{path}': it is a directory")
    try:
        handle = h5py.File(path, "r")
    except OSError as e:
        why = "not an HDF5 file" if h5py.is_hdf5(path) is False else str(e)
        raise NotResultsError(f"'{path}' is not a peaksim results file ({why})") from None
    with handle:
        if "schema_version" not in handle.attrs:
            raise NotResultsError(f"'{path}' is not a peaksim results file (no schema_version attribute)")
        kind = handle.attrs.get("kind", "run")
        kind = kind.decode() if isinstance(kind, bytes) else str(kind)
        if kind not in ("run", "experiment"):
            raise NotResultsError(f"'{path}' has kind '{kind}'; this reader knows run and experiment files")
        if int(handle.attrs.get("complete", 0)) != 1:
            raise NotResultsError(f"'{path}' is incomplete (complete = 0): its run was interrupted or is "
                                  "still being written")
        return kind


def open_any(path):
    """A Results for a run file, an Experiment for an experiment file (NotResultsError otherwise)."""
    kind = file_kind(path)
    try:
        return Results(path) if kind == "run" else Experiment(path)
    except (ValueError, LookupError) as e:
        raise NotResultsError(str(e)) from None


def expand(paths_or_globs):
    """Paths and glob patterns (one string or a list) as a list of paths: each pattern's matches sorted, in
    the order given. A pattern that matches nothing raises FileNotFoundError."""
    if isinstance(paths_or_globs, (str, os.PathLike)):
        paths_or_globs = [paths_or_globs]
    out = []
    for item in map(str, paths_or_globs):
        if glob.has_magic(item):
            matches = sorted(glob.glob(item))
            if not matches:
                raise FileNotFoundError(f"no file matches {item!r}")
            out.extend(matches)
        else:
            out.append(item)
    return out


def units(path):
    """(run attributes, Results) per run the file holds: the file itself for a run (arm None), each arm for
    an experiment. The attributes are the tidy tables' columns: file, kind, scenario_name, seed, arm. Yields
    while the file is open."""
    handle = open_any(path)
    with handle:
        if isinstance(handle, Results):
            attrs = handle.attributes()
            yield {"file": path, "kind": "run", "scenario_name": attrs.get("scenario_name"),
                   "seed": attrs.get("seed"), "arm": None}, handle
            return
        for arm in handle.arm_names():
            res = handle.arm(arm)
            attrs = res.attributes()
            yield {"file": path, "kind": "experiment", "scenario_name": attrs.get("scenario_name"),
                   "seed": attrs.get("seed"), "arm": arm}, res
