"""The statistics the tables and the report share: the Student-t interval of a mean, as the simulator's own
KPI table computes it (sim/stats/summary.hpp)."""

import math

import numpy as np


def mean_interval(values, confidence=0.95):
    """n, mean, sample sd, Student-t half-width and the interval. n < 2 gives sd 0 and a NaN half-width, and a
    NaN value a NaN mean, as the simulator's table does."""
    from scipy.stats import t

    values = np.asarray(values, dtype=float)
    n = int(values.size)
    mean = float(values.mean()) if n else math.nan
    sd = float(values.std(ddof=1)) if n >= 2 else 0.0
    half = float(t.ppf(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n)) if n >= 2 else math.nan
    return {"n": n, "mean": mean, "sd": sd, "half_width": half, "ci_low": mean - half, "ci_high": mean + half}
