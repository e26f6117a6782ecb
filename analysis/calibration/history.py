"""Reading a sales history CSV (long: one row per series and date; or wide: one column per date) into a
series x period matrix on a regular daily or weekly grid. Bad input raises CalibrationError."""

import numpy as np
import pandas as pd

from .errors import CalibrationError, require_columns


def read_csv(path):
    try:
        return pd.read_csv(path, low_memory=False)
    except FileNotFoundError:
        raise CalibrationError(f"{path}: no such file") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise CalibrationError(f"{path}: not a readable CSV file ({e})") from None


def parse_dates(values, what, date_format=None):
    """pandas datetimes; CalibrationError naming the first value that does not parse (CSV line number)."""
    parsed = pd.to_datetime(values, format=date_format, errors="coerce")
    bad = np.flatnonzero(pd.isna(parsed) & pd.notna(values))
    if bad.size:
        i = bad[0]
        where = f"line {i + 2}" if isinstance(values, pd.Series) else "header"
        raise CalibrationError(f"{what}, {where}: cannot read '{np.asarray(values)[i]}' as a date"
                               f" (expected {date_format or 'YYYY-MM-DD'})")
    return parsed


def numeric(frame, column, source):
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = np.flatnonzero(values.isna() & frame[column].notna())
    if bad.size:
        i = bad[0]
        raise CalibrationError(f"{source}, line {i + 2}, column '{column}': cannot read "
                               f"'{frame[column].iloc[i]}' as a number")
    return values


def series_id(frame, columns):
    if len(columns) == 1:
        return frame[columns[0]].astype(str)
    return frame[columns].astype(str).agg("/".join, axis=1)


def load_long(path, series_cols, date_col, value_col, date_format=None, wide=False, cluster_col=None):
    """DataFrame with columns series, date, value (NaN = no record), and cluster (that id column) if asked."""
    frame = read_csv(path)
    if wide:
        require_columns(frame, series_cols, path)
        date_cols = [c for c in frame.columns if c not in series_cols]
        dates = parse_dates(pd.Index(date_cols), f"{path}: date column", date_format)
        values = frame[date_cols].apply(pd.to_numeric, errors="coerce")
        out = pd.DataFrame({"series": np.repeat(series_id(frame, series_cols).to_numpy(), len(date_cols)),
                            "date": np.tile(np.asarray(dates), len(frame)),
                            "value": values.to_numpy(dtype=float).ravel()})
        if cluster_col:
            out["cluster"] = np.repeat(frame[cluster_col].astype(str).to_numpy(), len(date_cols))
        return out
    require_columns(frame, list(series_cols) + [date_col, value_col], path)
    out = pd.DataFrame({"series": series_id(frame, series_cols),
                        "date": parse_dates(frame[date_col], f"{path}, column '{date_col}'", date_format),
                        "value": numeric(frame, value_col, path)})
    if cluster_col:
        out["cluster"] = frame[cluster_col].astype(str)
    return out


class Grid:
    """Values on a regular grid: Y[series, period]; `days[p]` the calendar days period p covers."""

    def __init__(self, long, week_label="end"):
        dates = np.sort(long["date"].unique())
        if len(dates) < 3:
            raise CalibrationError("the history has fewer than 3 distinct dates")
        step = int(np.median(np.diff(dates)) / np.timedelta64(1, "D"))
        if step not in (1, 7):
            raise CalibrationError(f"the dates are {step} days apart (median): expected daily (1) or weekly (7)")
        self.step = step
        first, last = pd.Timestamp(dates[0]), pd.Timestamp(dates[-1])
        offsets = (long["date"] - first) / pd.Timedelta(days=1)
        if step == 7 and np.any(offsets % 7 != 0):
            i = int(np.flatnonzero(offsets.to_numpy() % 7 != 0)[0])
            raise CalibrationError(f"weekly history: date {long['date'].iloc[i].date()} is not a whole number of "
                                   f"weeks after {first.date()}")
        self.periods = pd.date_range(first, last, freq=f"{step}D")
        self.series = np.sort(long["series"].unique())
        s = np.searchsorted(self.series, long["series"].to_numpy())
        p = (offsets.to_numpy() // step).astype(int)
        self.Y = np.full((len(self.series), len(self.periods)), np.nan)
        self.Y[s, p] = long["value"].to_numpy(dtype=float)
        # each series' cluster label (bootstrap blocks), when the history has one
        self.cluster = None
        if "cluster" in long:
            self.cluster = np.empty(len(self.series), dtype=object)
            self.cluster[s] = long["cluster"].to_numpy()
        # the days of each period: weekly dates label a week's last day (Walmart) or its first
        shift = {"end": -6, "start": 0}[week_label] if step == 7 else 0
        base = self.periods.values.astype("datetime64[D]") + np.timedelta64(shift, "D")
        self.days = base[:, None] + np.arange(step).astype("timedelta64[D]")[None, :]
