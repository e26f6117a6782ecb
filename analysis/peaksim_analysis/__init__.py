"""peaksim_analysis: reading peaksim results files and writing the HTML report (analysis/README.md).

Import by path (PYTHONPATH=analysis, or sys.path.insert(0, ".../analysis")); the report runs as
`python3 -m peaksim_analysis.report RESULTS.h5 -o report.html`.
"""

from .experiment import Experiment
from .files import NotResultsError, expand, file_kind, open_any
from .results import MissingResultError, Results, open_results
from .stats import mean_interval
from .tables import read_daily, read_experiment, read_kpis, summarise

__all__ = ["Experiment", "MissingResultError", "NotResultsError", "Results", "expand", "file_kind", "mean_interval",
           "open_any", "open_results", "read_daily", "read_experiment", "read_kpis", "summarise"]
