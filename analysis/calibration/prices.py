"""Price response from a history with prices: log-log regression with series and period fixed effects
(docs/calibration.md).

log q_st = a_s + g_t + e log p_st [+ c log pbar_-i,st] [+ sum_k d_k promo_k,st] + u_st

`e` is the own-price elasticity (peaksim's constant_elasticity: f(r) = r^e), `c` the cross-price elasticity on the
mean log price of the category's other items, exp(d_k) the lift of promotion k. The period effects g_t absorb
seasonality and chain-wide events, so e is identified from price moves that differ across series. The fixed
effects are swept out by alternating projections (weighted, so a bootstrap draw is a weight per cluster).
Intervals: percentile bootstrap over clusters (stores or series), 95%."""

import numpy as np
import pandas as pd

from .errors import CalibrationError, require_columns
from .history import numeric


def _demean(M, groups, w, tol=1e-9, max_iter=200):
    """M with the weighted means of every group factor in `groups` swept out (alternating projections)."""
    M = M.copy()
    sums = [np.bincount(g, weights=w) for g in groups]
    for _ in range(max_iter):
        change = 0.0
        for g, s in zip(groups, sums):
            with np.errstate(invalid="ignore", divide="ignore"):
                means = np.column_stack([np.bincount(g, weights=w * M[:, j]) / s for j in range(M.shape[1])])
            means = np.nan_to_num(means)
            M -= means[g]
            change = max(change, float(np.abs(means).max()))
        if change < tol:
            break
    return M


def _wls(y, X, groups, w):
    keep = w > 0
    y, X, w = y[keep], X[keep], w[keep]
    groups = [np.unique(g[keep], return_inverse=True)[1] for g in groups]
    Z = _demean(np.column_stack([y, X]), groups, w)
    sw = np.sqrt(w)[:, None]
    return np.linalg.lstsq(Z[:, 1:] * sw, Z[:, 0] * sw[:, 0], rcond=None)[0]


def _ppml(q, X, groups, w, tol=1e-8, max_iter=100):
    """Poisson pseudo-maximum likelihood with the group effects (iteratively reweighted least squares): the
    slopes of log E[q] = effects + X b. Zeros count (no log of 0); rows of a group that never sells have no finite
    effect and say nothing about b, so they are left out."""
    keep = w > 0
    q, X, w = q[keep], X[keep], w[keep]
    while True:
        alive = np.ones(len(q), bool)
        for g in groups:
            g = g[keep]
            alive &= np.bincount(g, weights=w * q)[g] > 0
        if alive.all():
            break
        keep[np.flatnonzero(keep)[~alive]] = False
        q, X, w = q[alive], X[alive], w[alive]
    groups = [np.unique(g[keep], return_inverse=True)[1] for g in groups]
    mu = (q + np.average(q, weights=w)) / 2
    eta, beta = np.log(mu), np.zeros(X.shape[1])
    for _ in range(max_iter):
        z = eta + (q - mu) / mu
        W = w * mu
        Z = _demean(np.column_stack([z, X]), groups, W)
        sw = np.sqrt(W)[:, None]
        new = np.linalg.lstsq(Z[:, 1:] * sw, Z[:, 0] * sw[:, 0], rcond=None)[0]
        eta = z - (Z[:, 0] - Z[:, 1:] @ new)  # the effects are z's part the demeaning took out
        mu = np.exp(eta)
        done = np.abs(new - beta).max() < tol
        beta = new
        if done:
            break
    return beta


def estimate(frame, source, *, series, time, quantity, price, promo=(), cross=(), item=None, group=None,
             cluster=None, n_boot=200, seed=1, model="loglog"):
    needed = list(series) + [time, quantity, price] + list(promo) + list(cross)
    needed += [c for c in (item, group, cluster) if c]
    require_columns(frame, needed, source)
    if cross and not item:
        raise CalibrationError("--cross-cols needs --item-col: which of them is each row's own price")
    q = numeric(frame, quantity, source)
    p = numeric(frame, price, source)
    bad = np.flatnonzero(p.to_numpy() <= 0)
    if bad.size:
        i = bad[0]
        raise CalibrationError(f"{source}, line {i + 2}, column '{price}': price {p.iloc[i]} is not positive")
    cols, names = [np.log(p.to_numpy())], ["own"]
    if cross:
        P = np.column_stack([numeric(frame, c, source).to_numpy() for c in cross])
        if np.any(P[np.isfinite(P)] <= 0):
            r = int(np.flatnonzero((P <= 0).any(1))[0])
            raise CalibrationError(f"{source}, line {r + 2}: a price in {', '.join(cross)} is not positive")
        own_index = numeric(frame, item, source).to_numpy()
        if not np.isin(own_index[np.isfinite(own_index)], np.arange(1, len(cross) + 1)).all():
            raise CalibrationError(f"column '{item}' must hold 1..{len(cross)}: the position of the row's own "
                                   f"price in --cross-cols")
        logs = np.log(P)
        k = len(cross)
        own_log = logs[np.arange(len(P)), np.nan_to_num(own_index, nan=1).astype(int) - 1]
        cols.append((logs.sum(1) - own_log) / (k - 1))
        names.append("cross")
    for c in promo:
        cols.append(numeric(frame, c, source).to_numpy())
        names.append(c)
    X = np.column_stack(cols)
    qv = q.to_numpy(dtype=float)
    ok = np.isfinite(X).all(1) & np.isfinite(qv)
    if model == "poisson" and np.any(qv[ok] < 0):
        i = int(np.flatnonzero(ok & (qv < 0))[0])
        raise CalibrationError(f"{source}, line {i + 2}, column '{quantity}': quantity {qv[i]} is negative")
    positive = ok & ((qv > 0) if model == "loglog" else (qv >= 0))
    dropped = int((ok & ~positive).sum())
    y = np.log(qv[positive]) if model == "loglog" else qv[positive]
    solve = _wls if model == "loglog" else _ppml
    X = X[positive]
    sub = frame.loc[positive]
    sid = pd.factorize(sub[list(series)].astype(str).agg("/".join, axis=1))[0]
    tid = pd.factorize(sub[time])[0]
    cl = pd.factorize(sub[cluster].astype(str))[0] if cluster else sid
    groups = [sid, tid]
    gcodes, glabels = (pd.factorize(sub[group]) if group else (None, None))

    def fit(w):
        beta = solve(y, X, groups, w)
        out = {"own": beta[0]}
        if "cross" in names:
            out["cross"] = beta[1]
        for j, n in enumerate(names):
            if n not in ("own", "cross"):
                out[n] = np.exp(beta[j])
        if group:  # one own slope per group, the other terms shared
            G = np.column_stack([X[:, 0] * (gcodes == g) for g in range(len(glabels))])
            b = solve(y, np.column_stack([G, X[:, 1:]]), groups, w)
            for g, label in enumerate(glabels):
                out[f"by:{label}"] = b[g]
        return out

    point = fit(np.ones(len(y)))
    rng = np.random.default_rng(seed)
    n_cl = cl.max() + 1
    draws = []
    for _ in range(n_boot):
        counts = np.bincount(rng.integers(0, n_cl, n_cl), minlength=n_cl).astype(float)
        draws.append(fit(counts[cl]))
    def triple(key):
        vals = np.array([d[key] for d in draws])
        lo, hi = np.percentile(vals, [2.5, 97.5]) if n_boot else (np.nan, np.nan)
        return (point[key], lo, hi)
    result = {"own": triple("own"), "n": len(y), "dropped": dropped, "missing": int((~ok).sum()), "clusters": int(n_cl),
              "cluster_col": cluster or "series", "group_col": group,
              "lifts": {n: triple(n) for n in names if n not in ("own", "cross")}}
    if "cross" in names:
        result["cross"] = triple("cross")
    if group:
        result["by_group"] = {str(label): triple(f"by:{label}") for label in glabels}
    return result
