"""scripts/calibrate: festivals | prices | prepare-m5. Bad input: one message on stderr, exit status 2."""

import argparse
import datetime as dt
import re
import sys


from .date_rules import BUILT_IN, occurrences
from .errors import CalibrationError, suggestion


def _cols(text):
    return [c for c in text.split(",") if c]


def _event(text):
    """NAME (a built-in rule) or NAME=RULE."""
    name, _, rule = text.partition("=")
    rule = rule or name
    if not re.fullmatch(r"[A-Za-z0-9_.:-]+", name):
        raise CalibrationError(f"--event '{text}': the name must match [A-Za-z0-9_.:-]+")
    if "=" not in text and name not in BUILT_IN:
        raise CalibrationError(f"--event '{text}': not a built-in festival{suggestion(name, BUILT_IN)}; "
                               f"give NAME=RULE for other dates (RULE: MM-DD, lunar:MM-DD or YYYY-MM-DD)")
    return name, rule


def _window(text):
    """NAME=PROFILE,BEFORE,AFTER,PULL_DAYS,HANGOVER_DAYS: windows held instead of chosen."""
    name, _, spec = text.partition("=")
    parts = spec.split(",")
    if len(parts) != 5 or parts[0] not in ("flat", "linear") or not all(p.isdigit() for p in parts[1:]):
        raise CalibrationError(f"--window '{text}': expected NAME=flat|linear,BEFORE,AFTER,PULL_DAYS,HANGOVER_DAYS "
                               f"(whole days), e.g. black_friday=flat,6,0,0,7")
    return name, (parts[0], *map(int, parts[1:]))


def festivals(args):
    from . import festivals as fe, history, report
    ids = _cols(args.series_col)
    if args.cluster_col and args.cluster_col not in ids:
        raise CalibrationError(f"--cluster-col '{args.cluster_col}' must be one of --series-col ({', '.join(ids)})"
                               f"{suggestion(args.cluster_col, ids)}")
    events = [fe.Event(*_event(t)) for t in args.event]
    for e in events:
        occurrences(e.rule, dt.date(2000, 1, 1), dt.date(2000, 1, 2))  # a bad rule is refused before any reading
    names = [e.name for e in events]
    fixed = dict(_window(t) for t in args.window)
    for n in fixed:
        if n not in names:
            raise CalibrationError(f"--window names '{n}', which is not an --event{suggestion(n, names)}")
    long = history.load_long(args.history, _cols(args.series_col), args.date_col, args.value_col,
                             args.date_format, args.wide, args.cluster_col)
    grid = history.Grid(long, args.week_label)
    fit = fe.FestivalFit(grid, events, args.max_window, args.max_shoulder, args.neighbours).fit(fixed)
    clusters = grid.cluster.astype(str) if args.cluster_col else None
    ci, wci = fe.bootstrap(fit, args.bootstrap, args.seed, clusters)
    weekly = fit.weekly_weights()
    print(f"# {len(grid.series)} series, {len(grid.periods)} {'days' if grid.step == 1 else 'weeks'} "
          f"({grid.periods[0].date()} .. {grid.periods[-1].date()}); {fit.n_periods} periods near the events; "
          f"{args.bootstrap} bootstrap draws over {'clusters ' + args.cluster_col if args.cluster_col else 'series'}")
    print(report.festival_table(fit, ci, wci))
    if args.show_fit:
        print(report.fit_table(fit))
    fragment = report.festival_yaml(events, weekly)
    print(fragment)
    if args.yaml:
        with open(args.yaml, "w") as f:
            f.write(fragment)


def prices(args):
    from . import history, prices as pr, report
    frame = history.read_csv(args.history)
    result = pr.estimate(frame, args.history, series=_cols(args.series_col), time=args.time_col,
                         quantity=args.quantity_col, price=args.price_col, promo=_cols(args.promo_col),
                         cross=_cols(args.cross_cols), item=args.item_col, group=args.by,
                         cluster=args.cluster_col, n_boot=args.bootstrap, seed=args.seed, model=args.model)
    left = "quantity <= 0 left out: log-log" if args.model == "loglog" else "negative quantity"
    print(f"# {result['n']} observations ({result['dropped']} with {left}; "
          f"{result['missing']} with a blank quantity or price), "
          f"{args.bootstrap} bootstrap draws over {result['cluster_col']}")
    print(report.price_table(result))
    fragment = report.price_yaml(result)
    print(fragment)
    if args.yaml:
        with open(args.yaml, "w") as f:
            f.write(fragment)


def prepare_m5(args):
    from . import datasets
    datasets.m5_weekly(args.data_dir).to_csv(args.out, index=False)
    print(f"wrote {args.out}")


def main(argv=None):
    p = argparse.ArgumentParser(prog="scripts/calibrate", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    f = sub.add_parser("festivals", help="festival multipliers, shapes and weekly weights")
    f.add_argument("history")
    f.add_argument("--series-col", default="series", help="id column(s), comma-separated")
    f.add_argument("--date-col", default="date")
    f.add_argument("--value-col", default="value")
    f.add_argument("--wide", action="store_true", help="one column per date after the id column(s)")
    f.add_argument("--date-format", help="strptime format; default ISO 8601")
    f.add_argument("--week-label", choices=("end", "start"), default="end",
                   help="weekly data: the date is the week's last (end) or first (start) day")
    f.add_argument("--event", action="append", required=True,
                   help="a built-in festival name, or NAME=RULE (peaksim date rule); repeatable")
    f.add_argument("--window", action="append", default=[], help="NAME=PROFILE,BEFORE,AFTER,PULL,HANGOVER: hold")
    f.add_argument("--max-window", type=int, default=7, help="largest before/after searched (days)")
    f.add_argument("--max-shoulder", type=int, default=14, help="largest pull-forward/hangover searched (days)")
    f.add_argument("--neighbours", type=int, default=4, help="clean periods per side in the baseline")
    f.add_argument("--show-fit", action="store_true", help="also print observed and fitted ratios near the events")
    f.add_argument("--cluster-col", help="resample clusters of series by this id column (one of --series-col)")
    f.add_argument("--bootstrap", type=int, default=200)
    f.add_argument("--seed", type=int, default=1)
    f.add_argument("--yaml", help="also write the YAML fragment to this file")
    f.set_defaults(run=festivals)
    q = sub.add_parser("prices", help="own- and cross-price elasticity, promotion lift")
    q.add_argument("history")
    q.add_argument("--series-col", default="series", help="id column(s) of a series (fixed effect)")
    q.add_argument("--time-col", default="week", help="period column (time fixed effects)")
    q.add_argument("--quantity-col", default="units")
    q.add_argument("--price-col", default="price")
    q.add_argument("--promo-col", default="", help="0/1 (or fraction) promotion columns, comma-separated")
    q.add_argument("--cross-cols", default="", help="the category's price columns, one per item")
    q.add_argument("--item-col", help="which of --cross-cols is the row's own (its values are 1..K)")
    q.add_argument("--model", choices=("loglog", "poisson"), default="loglog",
                   help="loglog: OLS of log units (zeros left out); poisson: Poisson pseudo-ML, zeros kept")
    q.add_argument("--by", help="also an own elasticity per value of this column (e.g. a category)")
    q.add_argument("--cluster-col", help="bootstrap clusters (default: the series)")
    q.add_argument("--bootstrap", type=int, default=200)
    q.add_argument("--seed", type=int, default=1)
    q.add_argument("--yaml")
    q.set_defaults(run=prices)
    m = sub.add_parser("prepare-m5", help="m5_tiny -> weekly long CSV with price (for `prices`)")
    m.add_argument("data_dir")
    m.add_argument("-o", "--out", required=True)
    m.set_defaults(run=prepare_m5)
    args = p.parse_args(argv)
    try:
        args.run(args)
    except CalibrationError as e:
        print(f"calibrate {args.command}: {e}", file=sys.stderr)
        return 2
    return 0
