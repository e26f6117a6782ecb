"""One error type for bad user input: the command prints its message and exits 2."""

import difflib


class CalibrationError(Exception):
    pass


def suggestion(word, choices):
    """"; did you mean 'x'?" for the nearest of choices, or ""."""
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not near:
        lowered = {c.lower(): c for c in choices}
        near = [lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)]
    return f"; did you mean '{near[0]}'?" if near else ""


def require_columns(frame, columns, source):
    """CalibrationError naming the first missing column, the nearest present one and all present ones."""
    for c in columns:
        if c not in frame.columns:
            present = [str(x) for x in frame.columns]
            shown = ", ".join(present[:12]) + (", ..." if len(present) > 12 else "")
            raise CalibrationError(f"{source}: no column '{c}'{suggestion(c, present)} (columns: {shown})")
