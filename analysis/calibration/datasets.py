"""Shaping the m5_tiny files (daily sales, calendar, weekly prices) into one weekly long table for `prices`."""

from pathlib import Path

import pandas as pd

from .errors import CalibrationError


def m5_weekly(data_dir):
    """store_id, item_id, dept_id, wm_yr_wk, units (sum of the week's 7 days), price (that week's shelf price):
    whole Walmart weeks with a price only (a week without a price is a week the item was not listed)."""
    d = Path(data_dir)
    try:
        sales = pd.read_csv(d / "sales_train.csv")
        cal = pd.read_csv(d / "calendar.csv", usecols=["d", "wm_yr_wk"])
        prices = pd.read_csv(d / "sell_prices.csv")
    except FileNotFoundError as e:
        raise CalibrationError(f"{data_dir}: not an m5_tiny folder ({e.filename} is missing)") from None
    long = sales.melt(id_vars=["id", "item_id", "dept_id", "cat_id", "store_id", "state_id"], var_name="d",
                      value_name="units").merge(cal, on="d")
    weekly = long.groupby(["store_id", "item_id", "dept_id", "wm_yr_wk"], as_index=False).agg(
        units=("units", "sum"), days=("units", "size"))
    weekly = weekly[weekly.days == 7].drop(columns="days")
    return weekly.merge(prices, on=["store_id", "item_id", "wm_yr_wk"]).rename(columns={"sell_price": "price"})
