"""scripts/calibrate's estimators on the real histories of ../shared/data: estimates inside the plausible ranges
docs/calibration.md documents. Where the folder is absent it prints why and exits 77 (ctest: skipped).

usage: test_calibration_real_data.py DATA_DIR"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "analysis"))

from calibration import datasets, festivals as fe, history, prices  # noqa: E402
from harness import Checks, expect  # noqa: E402

checks = Checks()


def festival_fit(path, events, n_boot=20, **kw):
    series = kw.pop("series")
    long = history.load_long(path, series, kw.pop("date", None), kw.pop("value", None), wide=kw.pop("wide", False))
    fit = fe.FestivalFit(history.Grid(long), [fe.Event(n, n) for n in events]).fit()
    ci, _ = fe.bootstrap(fit, n_boot, 1)
    return fit, ci


@checks
def walmart_black_friday_week_is_1_2_to_1_6_times_its_baseline(data):
    fit, ci = festival_fit(data / "walmart_store_sales" / "train.csv", ["black_friday", "christmas"],
                           series=["Store", "Dept"], date="Date", value="Weekly_Sales")
    week = fit._event_period_ratio(0)
    expect(1.2 <= week <= 1.6 and ci[0, 0, 3] < week < ci[1, 0, 3], f"Black Friday week {week:.3f} {ci[:, 0, 3]}")
    christmas = fit.events[1]
    expect(christmas.multiplier > 1.3, f"the days before Christmas: multiplier {christmas.multiplier:.3f}")


@checks
def koubei_spring_festival_has_a_surge_before_and_a_drop_on_it(data):
    fit, ci = festival_fit(data / "koubei_shop_flow" / "shop_daily_payments.csv", ["spring_festival"],
                           series=["shop_id"], wide=True)
    e = fit.events[0]
    expect(e.pull_days >= 3 and 1.1 <= e.pull_factor <= 1.6, f"surge: {e.pull_factor:.3f} on {e.pull_days} days")
    expect(0.6 <= e.multiplier <= 0.97 and e.before + e.after >= 3, f"festival: {e.multiplier:.3f} on {e.windows()}")


def price_fit(frame, source, **kw):
    return prices.estimate(frame, source, n_boot=10, seed=1, **kw)


@checks
def dominicks_own_price_elasticity_is_between_minus_4_and_minus_1_5(data):
    path = data / "dominicks_oj" / "oj_weekly.csv"
    r = price_fit(history.read_csv(path), str(path), series=["store", "brand"], time="week", quantity="units",
                  price="own_price", promo=["deal", "feat"], cross=[f"price{k}" for k in range(1, 12)], item="brand",
                  cluster="store")
    expect(-4 <= r["own"][0] <= -1.5 and r["own"][1] < r["own"][0] < r["own"][2], f"own {r['own']}")
    expect(r["cross"][1] > 0, f"the other brands are substitutes: cross {r['cross']}")
    expect(1.2 <= r["lifts"]["feat"][0] <= 4, f"feature lift {r['lifts']['feat']}")


@checks
def m5_own_price_elasticity_is_negative_and_between_minus_3_and_minus_0_3(data):
    frame = datasets.m5_weekly(data / "m5_tiny")
    r = price_fit(frame, "m5_tiny", series=["store_id", "item_id"], time="wm_yr_wk", quantity="units", price="price")
    expect(-3 <= r["own"][0] <= -0.3, f"own {r['own']}")


if __name__ == "__main__":
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[1] / ".." / "shared" / "data"
    if not (data / "walmart_store_sales").is_dir():
        print(f"test_calibration_real_data: skipped: no shared data at {data.resolve()}")
        sys.exit(77)
    sys.exit(checks.run(data))
