"""Errors that the report's command line catches before anything else is imported (no h5py needed)."""


class NotResultsError(ValueError):
    """The path is missing, unreadable, not a peaksim results file, or a run that did not complete."""
