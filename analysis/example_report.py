#!/usr/bin/python3
"""Prints the KPI summary of a peaksim results file and saves one daily plot: the mean across
replications with its 5-95% band.

Usage: /usr/bin/python3 analysis/example_report.py OUT.h5 [--out figure.png] [--variable demand] [--by site]
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peaksim_results import MissingResultError, open_results  # noqa: E402

PREFERRED = ("demand", "sales", "on_hand")


def fail(message):
    print(f"example_report: {message}", file=sys.stderr)
    return 2


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="a peaksim results file (peaksim run ... -o OUT.h5)")
    parser.add_argument("--out", help="figure to write (default: OUT_<variable>.png beside the results)")
    parser.add_argument("--variable", help=f"recorded variable to plot (default: the first of {', '.join(PREFERRED)})")
    parser.add_argument("--by", choices=("site", "sku", "category"), help="one band per site, SKU or category")
    args = parser.parse_args(argv)

    try:
        res = open_results(args.results)
    except (OSError, ValueError) as e:
        return fail(f"cannot read {args.results}: {e}")
    with res:
        print(f"{res.attributes().get('scenario_name')}: {len(res.replications())} replications")
        for name, s in res.summary().items():
            print(f"  {name:24} {s['mean']:14.6g} ± {s['half_width']:<10.3g} (sd {s['sd']:.3g})")
        try:
            by_site = res.kpis_by("site")
        except MissingResultError as e:
            print(f"(no per-site KPIs: {e})")
        else:
            print("mean per site:")
            print(by_site.groupby(level="site", sort=False).mean().to_string(float_format=lambda v: f"{v:.6g}"))

        recorded = res.recorded_variables()
        variable = args.variable or next((v for v in PREFERRED if v in recorded), recorded[0] if recorded else None)
        if variable is None:
            return fail(f"{args.results} records no daily arrays (record.level {res.recorded_level()}): no plot written")
        out = args.out or f"{os.path.splitext(args.results)[0]}_{variable}.png"
        try:
            ax = res.plot_daily(variable, by=args.by)
        except (MissingResultError, ValueError) as e:
            return fail(str(e))
        ax.figure.tight_layout()
        ax.figure.savefig(out, dpi=120)
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
