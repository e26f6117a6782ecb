// End-to-end: `peaksim forecast --model global` with the shipped default and with trained weights, and
// `peaksim train-forecaster` (synthetic pretraining, fine-tuning on a CSV, bad input).
#include <doctest/doctest.h>

#include <cmath>
#include <iomanip>

#include "forecasting/global_weights_hdf5.hpp"
#include "sim/calendar/date.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;
namespace fc = peaksim::forecasting;

namespace {

// Two daily series with a weekly pattern and a price column; `days` long from 2024-08-01.
void write_history(const std::string& path, int days, bool price = true) {
  std::ofstream out(path);
  out << "series_id,date,value" << (price ? ",price" : "") << '\n';
  const auto first = *peaksim::cal::Date::parse("2024-08-01");
  for (const char* id : {"shop_a", "shop_b"}) {
    const double base = id[5] == 'a' ? 20 : 150;
    for (int t = 0; t < days; ++t) {
      const double y = std::round(base * (1 + 0.4 * ((t % 7) >= 5)) + 3 * std::sin(1.3 * t));
      out << id << ',' << (first + t).to_string() << ',' << y;
      if (price) out << ',' << (t % 30 < 3 ? 8.0 : 10.0);
      out << '\n';
    }
  }
}

std::vector<std::vector<std::string>> csv_rows(const std::string& path) {
  std::stringstream ss(read_text(path));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(ss, line)) {
    std::vector<std::string> fields;
    std::stringstream ls(line);
    std::string f;
    while (std::getline(ls, f, ',')) fields.push_back(f);
    rows.push_back(fields);
  }
  return rows;
}

}  // namespace

TEST_CASE("forecast --model global with the shipped weights writes monotone quantiles for every series and day") {
  TempDir dir;
  write_history(dir / "h.csv", 120);
  const Outcome o =
      run_peaksim("forecast --input " + (dir / "h.csv") + " --horizon 14 --model global -o " + (dir / "f.csv"));
  INFO(o.err);
  REQUIRE(o.status == 0);
  const auto rows = csv_rows(dir / "f.csv");
  REQUIRE(rows.size() == 1 + 2 * 14);
  CHECK(rows[0] == std::vector<std::string>{"series_id", "date", "mean", "q0.5", "q0.8", "q0.9", "q0.95", "q0.99",
                                            "model", "warning"});
  CHECK(rows[1][0] == "shop_a");
  CHECK(rows[1][1] == "2024-11-29");  // the day after the last of 120 days from 2024-08-01
  double mean_a = 0, mean_b = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    double previous = -1;
    CHECK(rows[r][8] == "global");
    for (std::size_t c = 3; c < 8; ++c) {
      const double q = std::stod(rows[r][c]);
      CHECK(q >= previous);
      previous = q;
    }
    (r <= 14 ? mean_a : mean_b) += std::stod(rows[r][2]) / 14;
  }
  // The model is scale-free: a series at 150 a day must be forecast far above one at 20 a day.
  CHECK(mean_b > 3 * mean_a);
  CHECK(mean_a > 5);
}

TEST_CASE("forecast --model global refuses a horizon beyond the model's and a bad weights file, writing nothing") {
  TempDir dir;
  write_history(dir / "h.csv", 60, false);
  const std::string args = "forecast --input " + (dir / "h.csv") + " --model global -o " + (dir / "f.csv");
  const Outcome far = run_peaksim(args + " --horizon 40");
  CHECK(far.status == 2);
  CHECK(far.err.find("--horizon 40: the global model") == 0);
  { std::ofstream(dir / "w.h5") << "garbage"; }
  const Outcome bad = run_peaksim(args + " --horizon 7 --weights " + (dir / "w.h5"));
  CHECK(bad.status == 2);
  CHECK(bad.err == (dir / "w.h5") + ": not an HDF5 file\n");
  const Outcome missing = run_peaksim(args + " --horizon 7 --weights " + (dir / "none.h5"));
  CHECK(missing.status == 2);
  CHECK(missing.err == (dir / "none.h5") + ": no such file\n");
  CHECK(!fs::exists(dir / "f.csv"));
}

TEST_CASE("a bad price gives one message naming the file, line and field") {
  TempDir dir;
  {
    std::ofstream out(dir / "h.csv");
    out << "series_id,date,value,price\na,2024-01-01,3,10\na,2024-01-02,4,free\n";
  }
  const Outcome o =
      run_peaksim("forecast --input " + (dir / "h.csv") + " --horizon 2 --model global -o " + (dir / "f.csv"));
  CHECK(o.status == 2);
  CHECK(o.err == (dir / "h.csv") + ":3:4 (price): expected a finite number > 0, got 'free'\n");
}

TEST_CASE("train-forecaster pretrains on synthetic demand reproducibly and fine-tunes on a history CSV") {
  TempDir dir;
  const std::string synthetic = "train-forecaster -q --synthetic 40 --days 200 --epochs 2 --seed 7 -o ";
  const Outcome a = run_peaksim(synthetic + (dir / "a.h5"));
  INFO(a.err);
  REQUIRE(a.status == 0);
  REQUIRE(run_peaksim(synthetic + (dir / "b.h5")).status == 0);
  fc::Provenance provenance;
  const fc::GlobalModel ma = fc::load_global_model(dir / "a.h5", &provenance);
  const fc::GlobalModel mb = fc::load_global_model(dir / "b.h5");
  for (int k = 0; k < ma.mlp().layers(); ++k) CHECK(ma.mlp().weights[k] == mb.mlp().weights[k]);
  bool has_seed = false;
  for (const auto& [key, value] : provenance) has_seed = has_seed || (key == "seed" && value == "7");
  CHECK(has_seed);
  // Existing output without --force: refused.
  const Outcome again = run_peaksim(synthetic + (dir / "a.h5"));
  CHECK(again.status == 2);
  CHECK(again.err == "'" + (dir / "a.h5") + "' already exists; use --force to overwrite it\n");

  write_history(dir / "h.csv", 150);
  const Outcome ft = run_peaksim("train-forecaster -q --input " + (dir / "h.csv") + " --init " + (dir / "a.h5") +
                                 " --epochs 2 -o " + (dir / "ft.h5"));
  INFO(ft.err);
  REQUIRE(ft.status == 0);
  const fc::GlobalModel tuned = fc::load_global_model(dir / "ft.h5");
  CHECK(tuned.mlp().weights[0] != ma.mlp().weights[0]);
  const Outcome f = run_peaksim("forecast --input " + (dir / "h.csv") + " --horizon 7 --model global --weights " +
                                (dir / "ft.h5") + " -o " + (dir / "f.csv"));
  CHECK(f.status == 0);
}

TEST_CASE("train-forecaster trains on series of unequal length, every day of the longer one included") {
  TempDir dir;
  const auto write = [&](const std::string& name, int long_days, int short_days) {
    std::ofstream out(dir / name);
    out << "series_id,date,value\n";
    const auto first = *peaksim::cal::Date::parse("2024-01-01");
    for (int t = 0; t < long_days; ++t) out << "long," << (first + t).to_string() << ',' << 20 + t % 7 << '\n';
    for (int t = 0; t < short_days; ++t) out << "short," << (first + t).to_string() << ',' << 90 + 3 * (t % 7) << '\n';
  };
  write("unequal.csv", 150, 90);
  write("equal.csv", 90, 90);
  fc::Provenance unequal, equal;
  const std::string train = "train-forecaster -q --epochs 1 --input ";
  REQUIRE(run_peaksim(train + (dir / "unequal.csv") + " -o " + (dir / "u.h5")).status == 0);
  REQUIRE(run_peaksim(train + (dir / "equal.csv") + " -o " + (dir / "e.h5")).status == 0);
  fc::load_global_model(dir / "u.h5", &unequal);
  fc::load_global_model(dir / "e.h5", &equal);
  const auto windows = [](const fc::Provenance& p) {
    for (const auto& [key, value] : p)
      if (key == "training_windows") return std::stol(value);
    return -1L;
  };
  // The 60 extra days of the long series add training windows; the short one is not cut to a common length.
  CHECK(windows(unequal) > windows(equal));
  CHECK(windows(equal) > 0);
}

TEST_CASE("train-forecaster refuses a missing mode, a short history and a bad --init, writing nothing") {
  TempDir dir;
  const Outcome none = run_peaksim("train-forecaster -o " + (dir / "w.h5"));
  CHECK(none.status == 2);
  CHECK(none.err.find("give either --synthetic N") != std::string::npos);
  write_history(dir / "short.csv", 25);  // shorter than the horizon (28) plus one
  const Outcome short_history =
      run_peaksim("train-forecaster -q --input " + (dir / "short.csv") + " -o " + (dir / "w.h5"));
  CHECK(short_history.status == 2);
  CHECK(short_history.err.find("too short") != std::string::npos);
  const Outcome bad_init = run_peaksim("train-forecaster -q --input " + (dir / "short.csv") + " --init " +
                                       (dir / "short.csv") + " -o " + (dir / "w.h5"));
  CHECK(bad_init.status == 2);
  CHECK(bad_init.err == (dir / "short.csv") + ": not an HDF5 file\n");
  CHECK(!fs::exists(dir / "w.h5"));
}

TEST_CASE("train-forecaster --season trains the seasonal design, and forecast and the forecast service use it") {
  TempDir dir;
  write_history(dir / "h.csv", 200, false);
  const Outcome t =
      run_peaksim("train-forecaster -q --input " + (dir / "h.csv") +
                  " --season 7 --recent 7 --season-cycles 2 --no-calendar --epochs 4 -o " + (dir / "s.h5"));
  INFO(t.err);
  REQUIRE(t.status == 0);
  const fc::GlobalModel m = fc::load_global_model(dir / "s.h5");
  CHECK(m.config().season == 7);
  CHECK(m.config().recent == 7);
  CHECK(m.config().season_cycles == 2);
  CHECK(m.config().covariates == 0);
  CHECK(m.config().lags == 28);

  const Outcome f = run_peaksim("forecast --input " + (dir / "h.csv") + " --horizon 14 --model global --weights " +
                                (dir / "s.h5") + " -o " + (dir / "f.csv"));
  INFO(f.err);
  REQUIRE(f.status == 0);
  const auto rows = csv_rows(dir / "f.csv");
  REQUIRE(rows.size() == 1 + 2 * 14);
  // shop_b sells 150 a day and 40% more at weekends: the forecast keeps the weekly shape from the base.
  double weekend = 0, weekday = 0;
  for (std::size_t r = 15; r <= 28; ++r) {
    const auto day = peaksim::cal::Date::parse(rows[r][1]);
    REQUIRE(day.has_value());
    const bool is_weekend = (*day - *peaksim::cal::Date::parse("2024-08-01")) % 7 >= 5;  // as write_history
    (is_weekend ? weekend : weekday) += std::stod(rows[r][3]) / (is_weekend ? 4 : 10);
  }
  CHECK(weekend > 1.25 * weekday);

  // The simulation's forecast service takes a model without the calendar too.
  const Outcome sim =
      run_peaksim("run " + source_path("scenarios/forecast_driven.yaml") +
                  " --set catalog.generate.count=10 --set horizon=60d -q -n 2 --set forecast.model=global"
                  " --set forecast.weights=" +
                  (dir / "s.h5") + " -o " + (dir / "run.h5"));
  INFO(sim.err);
  CHECK(sim.status == 0);
  // A history shorter than its lags + season (28 + 7) is a scenario error: status 2, nothing written.
  const Outcome too_short =
      run_peaksim("validate " + source_path("scenarios/forecast_driven.yaml") +
                  " --set forecast.model=global --set forecast.history=30d --set forecast.weights=" + (dir / "s.h5"));
  CHECK(too_short.status == 2);
  CHECK(too_short.err.find("needs a history of at least the model's lags + season = 35d") != std::string::npos);
  // The forecast command pads a short series and says so.
  write_history(dir / "short.csv", 30, false);
  const Outcome padded =
      run_peaksim("forecast --input " + (dir / "short.csv") + " --horizon 7 --model global --weights " +
                  (dir / "s.h5") + " -o " + (dir / "fs.csv"));
  CHECK(padded.status == 0);
  CHECK(padded.err.find("30 points: fewer than the 35 the model reads (lags + season)") != std::string::npos);

  // A design option with --init is refused: the fine-tuned model keeps the given weights' design.
  const Outcome mixed = run_peaksim("train-forecaster -q --input " + (dir / "h.csv") + " --init " + (dir / "s.h5") +
                                    " --season 7 -o " + (dir / "x.h5"));
  CHECK(mixed.status == 2);
  CHECK(mixed.err.find("--season, --lags, --horizon, --neighbours, --events and --no-calendar describe a new model") !=
        std::string::npos);
  const Outcome lone_annual =
      run_peaksim("train-forecaster -q --input " + (dir / "h.csv") + " --annual 364 -o " + (dir / "x.h5"));
  CHECK(lone_annual.status == 2);
  CHECK(lone_annual.err == "train-forecaster: --annual belongs to the seasonal design: give --season too\n");
  CHECK(!fs::exists(dir / "x.h5"));
}
