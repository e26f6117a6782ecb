#!/usr/bin/python3
"""Writes a synthetic sales history for `peaksim forecast` benchmarks: SERIES daily series of DAYS days each,
rows grouped by series (as exports usually are), header series_id,date,value, integer Poisson sales with a weekly
pattern and a level per series. Deterministic for a seed. Usage:

    bench/make_history.py --series 100000 --days 730 -o /tmp/history.csv
"""
import argparse
import datetime

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--series", type=int, default=100000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    first = datetime.date(2023, 1, 1)
    dates = [(first + datetime.timedelta(days=d)).isoformat() for d in range(args.days)]
    weekly = np.array([0.9, 0.85, 0.9, 1.0, 1.15, 1.3, 0.9])[np.arange(args.days) % 7]
    chunk = 1000
    with open(args.output, "w") as out:
        out.write("series_id,date,value\n")
        for start in range(0, args.series, chunk):
            count = min(chunk, args.series - start)
            level = rng.lognormal(mean=1.5, sigma=1.2, size=count)
            sales = rng.poisson(level[:, None] * weekly[None, :])
            lines = []
            for k in range(count):
                prefix = f"s{start + k},"
                lines.extend(f"{prefix}{d},{v}\n" for d, v in zip(dates, sales[k].tolist()))
            out.write("".join(lines))


if __name__ == "__main__":
    main()
