"""Festival multipliers and shapes, and weekly weights, from a sales history (docs/calibration.md).

Model (docs/model.md, Demand): on day d an event multiplies demand by F(d): `multiplier` over
[date - before, date + after] (flat, or linear: full on the day, 1 one day past each edge), `pull_forward.factor`
on the `pull_forward.days` before that window, `hangover.factor` on the `hangover.days` after it; events multiply.
A period (day or week) of the history has the mean of F over its days times the baseline.

Baseline: per series and period, the median of the nearest `neighbours` same-weekday days (weekly data: weeks)
outside every event's reach on each side, interpolated linearly between the two sides (so a linear trend
cancels). Ratio profile: R_p = sum_s y_sp / sum_s b_sp (volume-weighted, as "total sales" ratios are).
Fit: for fixed integer windows the factors enter linearly, so each event's (multiplier, pull-forward, hangover)
is a least-squares fit given the other events (coordinate descent); windows and profile are chosen by BIC.
Intervals: bootstrap over series (or clusters of series), refitting the factors with the chosen windows."""

import datetime as dt
import warnings

import numpy as np

from .date_rules import occurrences
from .errors import CalibrationError


class Event:
    def __init__(self, name, rule):
        self.name, self.rule = name, rule
        self.profile, self.before, self.after, self.pull_days, self.hang_days = "flat", 0, 0, 0, 0
        self.multiplier = self.pull_factor = self.hang_factor = 1.0

    def windows(self):
        return (self.profile, self.before, self.after, self.pull_days, self.hang_days)

    def set_windows(self, w):
        self.profile, self.before, self.after, self.pull_days, self.hang_days = w


def _columns(offsets, windows):
    """Per day: (main window weight, in pull-forward, in hangover) for day offsets from the nearest occurrence."""
    profile, b, a, p, h = windows
    k = offsets
    inside = (k >= -b) & (k <= a)
    if profile == "flat":
        main = inside.astype(float)
    else:  # linear: 1 on the day, reaching 0 one day past each edge
        main = np.where(k <= 0, 1 - np.abs(k) / (b + 1), 1 - k / (a + 1)) * inside
    pull = ((k < -b) & (k >= -b - p)).astype(float)
    hang = ((k > a) & (k <= a + h)).astype(float)
    return main, pull, hang


class FestivalFit:
    def __init__(self, grid, events, max_window=7, max_shoulder=14, neighbours=4):
        self.grid, self.events = grid, events
        self.max_window, self.max_shoulder = max_window, max_shoulder
        days = grid.days  # [period, day of period] datetime64[D]
        first = dt.date.fromisoformat(str(days.min())) - dt.timedelta(days=60)
        last = dt.date.fromisoformat(str(days.max())) + dt.timedelta(days=60)
        reach = max_window + max_shoulder
        self.offsets = []  # per event: [period, day] offset to the nearest occurrence (large when none)
        affected = np.zeros(days.shape[0], bool)
        for e in events:
            occ = np.array(occurrences(e.rule, first, last), dtype="datetime64[D]")
            if occ.size == 0:
                raise CalibrationError(f"event '{e.name}' ({e.rule}) has no date near the history")
            diff = (days[..., None] - occ).astype(int)
            nearest = np.take_along_axis(diff, np.abs(diff).argmin(-1)[..., None], -1)[..., 0]
            self.offsets.append(nearest)
            affected |= (np.abs(nearest) <= reach).any(1)
            e.seen = int(((nearest == 0).any(1)).sum())
            if e.seen == 0:
                raise CalibrationError(f"event '{e.name}' ({e.rule}) never falls inside the history "
                                       f"({days.min()} .. {days.max()})")
        self.affected = affected
        self.B = self._baseline(neighbours)
        Y = grid.Y
        self.valid = np.isfinite(Y) & np.isfinite(self.B) & (self.B > 0)
        self.Yv, self.Bv = np.where(self.valid, Y, 0.0), np.where(self.valid, self.B, 0.0)

    def _baseline(self, k):
        """Series x period baseline from clean periods of the same phase (weekday for daily data)."""
        Y, n = self.grid.Y, self.grid.Y.shape[1]
        lag = 7 if self.grid.step == 1 else 1
        clean = ~self.affected
        B = np.full(Y.shape, np.nan)
        for p in range(n):
            sides = []
            for direction in (-1, 1):
                idx, q = [], p + direction * lag
                while 0 <= q < n and len(idx) < k and abs(q - p) <= 26 * lag:
                    if clean[q]:
                        idx.append(q)
                    q += direction * lag
                if idx:
                    vals = Y[:, idx]
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows: no baseline
                        med = np.nanmedian(vals, axis=1)
                    med[np.isfinite(vals).sum(1) < min(2, len(idx))] = np.nan
                    sides.append((med, np.mean(np.abs(np.array(idx) - p))))
            if len(sides) == 2:
                (ml, dl), (mr, dr) = sides
                both = (dr * ml + dl * mr) / (dl + dr)
                B[:, p] = np.where(np.isfinite(both), both, np.where(np.isfinite(ml), ml, mr))
            elif sides:
                B[:, p] = sides[0][0]
        return B

    def ratio(self, w=None):
        """R_p over the series weighted by w (bootstrap counts), NaN where no series has a baseline."""
        num = self.Yv.sum(0) if w is None else w @ self.Yv
        den = self.Bv.sum(0) if w is None else w @ self.Bv
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / den, np.nan)

    def _factor(self, i, windows=None, params=None):
        e = self.events[i]
        main, pull, hang = _columns(self.offsets[i], windows or e.windows())
        m, pf, hf = params or (e.multiplier, e.pull_factor, e.hang_factor)
        return 1 + (m - 1) * main + (pf - 1) * pull + (hf - 1) * hang

    def _fit_one(self, i, R, use, windows):
        """Least-squares factors of event i with the given windows, the others held; (params, sse)."""
        others = np.ones(self.offsets[i].shape)
        for j in range(len(self.events)):
            if j != i:
                others *= self._factor(j)
        cols = [c * others for c in _columns(self.offsets[i], windows)]
        G = others.mean(1)[use]
        X = np.column_stack([c.mean(1)[use] for c in cols])
        y = R[use] - G
        keep = np.abs(X).sum(0) > 0
        beta = np.zeros(3)
        if keep.any():
            beta[keep] = np.linalg.lstsq(X[:, keep], y, rcond=None)[0]
        sse = float(np.sum((y - X @ beta) ** 2))
        return tuple(1 + beta), sse

    def _candidates(self):
        """Every (profile, before, after, pull days, hangover days) searched; a shoulder of weekly data is whole
        weeks (a part of a week is not identified)."""
        sides = range(self.max_window + 1)
        shoulders = range(0, self.max_shoulder + 1, self.grid.step)
        return [(pr, b, a, p, h) for pr in ("flat", "linear") for b in sides for a in sides
                for p in shoulders for h in shoulders]

    def _search(self, i, R, use, candidates, chunk=1500):
        """Least squares of event i's factors for every candidate window at once (others held); the best by
        BIC among those with factors > 0: (windows, factors)."""
        others = np.ones(self.offsets[i].shape)
        for j in range(len(self.events)):
            if j != i:
                others *= self._factor(j)
        K, O = self.offsets[i][use][None], others[use][None]
        y = R[use] - others[use].mean(1)
        n = len(y)
        best = None
        for c0 in range(0, len(candidates), chunk):
            cs = candidates[c0:c0 + chunk]
            lin = np.array([c[0] == "linear" for c in cs])[:, None, None]
            b, a, p, h = (np.array([c[k] for c in cs])[:, None, None] for k in (1, 2, 3, 4))
            inside = (K >= -b) & (K <= a)
            main = np.where(lin, np.where(K <= 0, 1 - np.abs(K) / (b + 1), 1 - K / (a + 1)), 1.0) * inside
            X = np.stack([(main * O).mean(-1), (((K < -b) & (K >= -b - p)) * O).mean(-1),
                          (((K > a) & (K <= a + h)) * O).mean(-1)], -1)  # candidate x period x 3
            XtX = np.einsum("cnk,cnl->ckl", X, X)
            empty = np.abs(X).sum(1) == 0  # a shoulder of 0 days: its factor stays 1
            XtX += np.eye(3)[None] * empty[:, :, None]
            beta = np.linalg.solve(XtX, np.einsum("cnk,n->ck", X, y)[..., None])[..., 0]
            sse = ((y[None] - np.einsum("cnk,ck->cn", X, beta)) ** 2).sum(1)
            k = 1 + 2 * (p[:, 0, 0] > 0) + 2 * (h[:, 0, 0] > 0)
            bic = n * np.log(np.maximum(sse, 1e-300) / n) + k * np.log(n)
            bic[(1 + beta).min(1) <= 0.01] = np.inf  # peaksim's factors are > 0
            # weekly data cannot place a peak inside its week: on a tie take the wider window
            width = (b + a)[:, 0, 0] * (-1 if self.grid.step == 7 else 1)
            j = np.lexsort((width, np.round(bic, 9)))[0]
            key = (round(float(bic[j]), 9), int(width[j]))
            if np.isfinite(bic[j]) and (best is None or key < best[0]):
                best = (key, cs[j], tuple(1 + beta[j]))
        if best is None:
            raise CalibrationError(f"event '{self.events[i].name}': no window gives positive factors")
        return best[1], best[2]

    def fit(self, fixed=None, sweeps=3):
        """Chooses windows (unless `fixed` gives them by event name) and factors on the full sample."""
        fixed = fixed or {}
        R = self.ratio()
        use = self.affected & np.isfinite(R)
        self.n_periods = int(use.sum())
        if self.n_periods < 3:
            raise CalibrationError("too few periods near the events have a baseline to fit them")
        candidates = self._candidates()
        for _ in range(sweeps):
            for i, e in enumerate(self.events):
                windows, factors = self._search(i, R, use, [fixed[e.name]] if e.name in fixed else candidates)
                e.set_windows(windows)
                e.multiplier, e.pull_factor, e.hang_factor = factors
        return self

    def refit_factors(self, w, sweeps=3):
        """Factors with the windows held, on the ratio profile of bootstrap weights w; [event][3]."""
        saved = [(e.multiplier, e.pull_factor, e.hang_factor) for e in self.events]
        R = self.ratio(w)
        use = self.affected & np.isfinite(R)
        for _ in range(sweeps):
            for i, e in enumerate(self.events):
                (e.multiplier, e.pull_factor, e.hang_factor), _ = self._fit_one(i, R, use, e.windows())
        out = [(e.multiplier, e.pull_factor, e.hang_factor, self._event_period_ratio(i)) for i, e in
               enumerate(self.events)]
        for e, s in zip(self.events, saved):
            e.multiplier, e.pull_factor, e.hang_factor = s
        return out

    def _event_period_ratio(self, i):
        """The fitted factor of the period holding the event day (all events applied), averaged over years."""
        F = np.ones(self.offsets[i].shape)
        for j in range(len(self.events)):
            F *= self._factor(j)
        holds = (self.offsets[i] == 0).any(1)
        return float(F.mean(1)[holds].mean())

    def fitted(self):
        """Per period: the model's factor (all events, mean over the period's days)."""
        F = np.ones(self.offsets[0].shape)
        for j in range(len(self.events)):
            F *= self._factor(j)
        return F.mean(1)

    def observed_event_period_ratio(self, i, w=None):
        holds = (self.offsets[i] == 0).any(1)
        return float(np.nanmean(self.ratio(w)[holds]))

    def weekly_weights(self, w=None):
        """Monday..Sunday factors (mean 1) from whole clean weeks, volume-weighted; None for weekly data."""
        if self.grid.step != 1:
            return None
        days = self.grid.days[:, 0]
        start = int(np.argmax((days.astype("datetime64[D]").view("int64") - 4) % 7 == 0))  # first Monday
        n_weeks = (len(days) - start) // 7
        Y = self.grid.Y[:, start:start + 7 * n_weeks].reshape(len(self.grid.series), n_weeks, 7)
        clean = (~self.affected[start:start + 7 * n_weeks]).reshape(n_weeks, 7).all(1)
        whole = np.isfinite(Y).all(2) & clean[None, :]
        totals = np.where(whole[..., None], Y, 0.0).sum(1)  # series x weekday
        totals = totals.sum(0) if w is None else w @ totals
        return 7 * totals / totals.sum()


def bootstrap(fit, n_boot=200, seed=1, clusters=None):
    """Percentile 95% intervals by resampling series (or clusters: one label per series) with replacement."""
    rng = np.random.default_rng(seed)
    labels = np.arange(len(fit.grid.series)) if clusters is None else np.unique(clusters, return_inverse=True)[1]
    n_clusters = labels.max() + 1
    draws, weeks = [], []
    for _ in range(n_boot):
        counts = np.bincount(rng.integers(0, n_clusters, n_clusters), minlength=n_clusters).astype(float)
        w = counts[labels]
        draws.append(fit.refit_factors(w))
        ww = fit.weekly_weights(w)
        if ww is not None:
            weeks.append(ww)
    draws = np.array(draws)  # boot x event x (multiplier, pull, hangover, event-period ratio)
    ci = np.percentile(draws, [2.5, 97.5], axis=0)
    wci = np.percentile(np.array(weeks), [2.5, 97.5], axis=0) if weeks else None
    return ci, wci
