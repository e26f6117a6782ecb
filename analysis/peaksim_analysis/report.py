"""python3 -m peaksim_analysis.report RESULTS.h5 -o report.html [--force]: one self-contained HTML page of a run
or experiment file (`peaksim report` runs it). Exit status 0, 1 on a failure, 2 on bad input (nothing written)."""

import argparse
import os
import sys
import traceback

from .errors import NotResultsError

PROG = "peaksim report"


class BadInput(Exception):
    """Refused before anything was written (exit status 2)."""


def build(path, catalogue, catalogue_missing=None):
    """The report of the file at `path` as HTML text; NotResultsError for what is not a complete results file."""
    from . import experiment_sections as xs
    from . import sections as rs
    from .experiment import Experiment
    from .files import open_any
    from .html import Page, esc, note

    handle = open_any(path)
    with handle:
        if isinstance(handle, Experiment):
            attrs = handle.attributes()
            baseline = handle.baseline()
            page = Page(f"Experiment {attrs.get('experiment_name', '')}",
                        f"{esc(os.path.basename(path))}: {len(handle.arm_names())} arms, baseline {esc(baseline)}")
            for anchor, pair in (("design", xs.overview_section(handle)),
                                 ("kpis", xs.arm_kpi_section(handle, catalogue)),
                                 ("comparison", xs.comparison_section(handle, "cmp")),
                                 ("ranking", xs.ranking_section(handle)),
                                 ("arm-trajectories", xs.arm_trajectory_section(handle, "cmp"))):
                page.add(anchor, *pair)
            run, prefix = handle.arm(baseline), f"Baseline ({baseline}): "
        else:
            attrs = handle.attributes()
            n = len(handle.replications())
            page = Page(f"{attrs.get('scenario_name', 'peaksim run')}",
                        f"{esc(os.path.basename(path))}: {n} replication{'s' if n != 1 else ''}, seed "
                        f"{esc(attrs.get('seed'))}, peaksim {esc(attrs.get('peaksim_version'))}")
            run, prefix = handle, ""
            heading, body = rs.kpi_table(run, catalogue)
            if catalogue_missing:
                body = note(f"No units or definitions: {esc(catalogue_missing)}.") + body
            page.add("kpis", heading, body)
        traj, zoom = rs.trajectory_sections(run, "run")
        for anchor, (heading, body) in (("trajectories", traj), ("peak", zoom),
                                        ("money", rs.cost_section(run, "run")),
                                        ("tail", rs.tail_section(run, "run", catalogue)),
                                        ("utilisation", rs.utilisation_section(run, "run", catalogue)),
                                        ("forecast", rs.forecast_section(run, "run", catalogue)),
                                        ("provenance", rs.provenance_section(run))):
            page.add(anchor, prefix + heading, body)
        if isinstance(handle, Experiment):
            page.add("experiment-provenance", *xs.provenance_section(handle))
        return page.render()


def check_target(target, source, force):
    """The output rules of every peaksim command (sim/common/output_file.hpp), with its messages: a file name in
    an existing, writable folder, a regular file or nothing, not the input, absent unless --force."""
    name = os.path.basename(target)
    if not target or name in ("", ".", ".."):
        raise BadInput(f"output path '{target}' does not name a file")
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise BadInput(f"cannot write '{target}': directory '{folder}' does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BadInput(f"cannot write '{target}': directory '{folder}' is not writable")
    if os.path.lexists(target):
        if os.path.isdir(target):
            raise BadInput(f"cannot write '{target}': it is a directory")
        if os.path.exists(target) and not os.path.isfile(target):
            raise BadInput(f"cannot write '{target}': it is not a regular file; peaksim writes only regular files")
        if os.path.exists(target) and os.path.exists(source) and os.path.samefile(source, target):
            raise BadInput(f"cannot write '{target}': it is the input file '{source}'; choose another output")
        if not force:
            raise BadInput(f"'{target}' already exists; use --force to overwrite it")


def publish(text, target, force):
    """Writes a hidden temporary file beside the target (named as peaksim's own, so that one left by a killed
    process is swept by the next peaksim output there) and moves it into place: never over a file that
    appeared meanwhile without force."""
    folder = os.path.dirname(target) or "."
    temporary = os.path.join(folder, f".peaksim-{os.getpid()}-report.tmp")
    try:
        with open(temporary, "x", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise BadInput(f"'{target}' already exists; use --force to overwrite it") from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def main(argv=None):
    parser = argparse.ArgumentParser(prog=PROG, description="Write one self-contained HTML report of a peaksim "
                                     "results file (a run or an experiment).")
    parser.add_argument("results", help="a results file written by peaksim run, merge or experiment")
    parser.add_argument("-o", "--output", required=True, help="the HTML file to write")
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")
    parser.add_argument("--peaksim", help="the peaksim executable whose KPI table gives units and definitions "
                        "(default: peaksim on PATH, or the build tree's)")
    # peaksim report passes the hidden temporary file it created and checked, and publishes it itself.
    parser.add_argument("--into-temporary", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        from . import kpi_catalogue

        if not args.into_temporary:
            check_target(args.output, args.results, args.force)
        catalogue, why = kpi_catalogue.load(kpi_catalogue.find_peaksim(args.peaksim))
        text = build(args.results, catalogue, why)
        if args.into_temporary:
            with open(args.output, "w", encoding="utf-8") as out:
                out.write(text)
        else:
            publish(text, args.output, args.force)
    except (BadInput, NotResultsError) as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return 2
    except ImportError as e:
        print(f"{PROG}: {e}; scripts/install-deps installs what the report needs (python3-h5py, python3-numpy, "
              "python3-scipy, python3-pandas, python3-matplotlib)", file=sys.stderr)
        return 1
    except Exception:  # a failure while writing: say where, status 1
        traceback.print_exc()
        print(f"{PROG}: the report of '{args.results}' failed (above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
