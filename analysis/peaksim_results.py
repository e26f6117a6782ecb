"""The reader of peaksim results files, kept under its first name for existing scripts: it is the module
peaksim_analysis.results itself (analysis/README.md), so `import peaksim_results` and
`from peaksim_results import open_results` work as before, and so does setting its module variables.

    import sys; sys.path.insert(0, "/path/to/peaksim/analysis")
    from peaksim_results import open_results
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peaksim_analysis.results  # noqa: E402

sys.modules[__name__] = peaksim_analysis.results
