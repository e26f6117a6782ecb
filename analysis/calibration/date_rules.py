"""peaksim's festival date rules (docs/festivals.md) in Python, so that a history's event days are the days the
simulator would use. Lunar dates decode the table the simulator itself compiles (sim/calendar/lunar_table.cpp),
so both read one source."""

import datetime as dt
import re
from pathlib import Path

from .errors import CalibrationError

_LUNAR_CPP = Path(__file__).resolve().parents[2] / "sim" / "calendar" / "lunar_table.cpp"
_FIRST_LUNAR_YEAR = 1900

_FIXED = {"christmas": (12, 25), "new_year": (1, 1), "valentines": (2, 14), "singles_day": (11, 11),
          "double_twelve": (12, 12), "mid_year_618": (6, 18)}
_LUNAR = {"spring_festival": (1, 1), "lantern_festival": (1, 15), "dragon_boat": (5, 5), "mid_autumn": (8, 15)}
_US = ("black_friday", "cyber_monday", "thanksgiving_us")
BUILT_IN = tuple(_FIXED) + tuple(_LUNAR) + _US

_words = None


def _lunar_words():
    global _words
    if _words is None:
        text = _LUNAR_CPP.read_text()
        _words = [int(w, 16) for w in re.findall(r"0x[0-9a-fA-F]+", text.split("kLunarYears", 2)[-1])]
    return _words


def lunar_to_gregorian(year, month, day):
    """Day `day` of the regular lunar month `month` of lunar year `year`, or None (outside the table, or day 30
    of a 29-day month). Word layout: sim/calendar/lunar_table.hpp."""
    words = _lunar_words()
    i = year - _FIRST_LUNAR_YEAR
    if not 0 <= i < len(words):
        return None
    w = words[i]
    leap = (w >> 13) & 0xF
    offset = (w >> 17) & 0x3F
    n_months = 13 if leap else 12
    lengths = [30 if (w >> k) & 1 else 29 for k in range(n_months)]
    index = month - 1 + (1 if leap and month > leap else 0)  # the leap month sits right after month `leap`
    if day > lengths[index]:
        return None
    return dt.date(year, 1, 1) + dt.timedelta(days=offset + sum(lengths[:index]) + day - 1)


def _thanksgiving(year):
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def occurrences(rule, start, end):
    """Every date of `rule` in [start, end] (datetime.date), increasing; CalibrationError for a bad rule."""
    out = []
    years = range(start.year - 1, end.year + 1)
    if rule in _FIXED:
        out = [dt.date(y, *_FIXED[rule]) for y in years]
    elif rule in _LUNAR:
        out = [lunar_to_gregorian(y, *_LUNAR[rule]) for y in years]
    elif rule in _US:
        shift = {"thanksgiving_us": 0, "black_friday": 1, "cyber_monday": 4}[rule]
        out = [_thanksgiving(y) + dt.timedelta(days=shift) for y in years]
    elif m := re.fullmatch(r"lunar:(\d\d)-(\d\d)", rule):
        mo, d = int(m[1]), int(m[2])
        if not (1 <= mo <= 12 and 1 <= d <= 30):
            raise CalibrationError(f"date rule '{rule}': lunar month must be 01-12 and day 01-30")
        out = [lunar_to_gregorian(y, mo, d) for y in years]
    elif m := re.fullmatch(r"(\d\d)-(\d\d)", rule):
        mo, d = int(m[1]), int(m[2])
        try:
            dt.date(2000, mo, d)  # a leap year: 02-29 is valid, 02-30 is not
        except ValueError:
            raise CalibrationError(f"date rule '{rule}': no such day of the year") from None
        for y in years:
            try:
                out.append(dt.date(y, mo, d))
            except ValueError:
                pass  # 02-29 outside leap years
    elif re.fullmatch(r"\d{4}-\d\d-\d\d", rule):
        try:
            out = [dt.date.fromisoformat(rule)]
        except ValueError:
            raise CalibrationError(f"date rule '{rule}': not a valid date") from None
    else:
        from .errors import suggestion
        raise CalibrationError(f"date rule '{rule}': expected a built-in name ({', '.join(BUILT_IN)}), "
                               f"MM-DD, lunar:MM-DD or YYYY-MM-DD{suggestion(rule, BUILT_IN)}")
    return sorted(d for d in out if d is not None and start <= d <= end)
