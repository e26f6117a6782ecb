// End-to-end: `--events FILE` of `peaksim forecast` (classical models with event effects, the learned model with
// event covariates) and `peaksim train-forecaster`: CSV and scenario events, and the refusals.
#include <doctest/doctest.h>

#include <cmath>

#include "forecasting/global_weights_hdf5.hpp"
#include "sim/calendar/date.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;

namespace {

const auto kFirst = *peaksim::cal::Date::parse("2024-01-01");

// Two daily series with a weekly pattern; on every 30th day ("promo") series a sells three times as much.
void write_history(const std::string& path, int days) {
  std::ofstream out(path);
  out << "series_id,date,value\n";
  for (const char* id : {"a", "b"}) {
    for (int t = 0; t < days; ++t) {
      double y = (id[0] == 'a' ? 40 : 90) * (1 + 0.3 * ((t % 7) >= 5)) + 2 * std::sin(1.7 * t);
      if (id[0] == 'a' && t % 30 == 29) y *= 3;
      out << id << ',' << (kFirst + t).to_string() << ',' << std::round(y) << '\n';
    }
  }
}

void write_events(const std::string& path, int days) {
  std::ofstream out(path);
  out << "date,name,series_id\n";
  for (int t = 29; t < days; t += 30) out << (kFirst + t).to_string() << ",promo,a\n";
}

// The mean column of series `id` in a forecast file, in date order.
std::vector<double> means(const std::string& path, const std::string& id) {
  std::stringstream ss(read_text(path));
  std::string line;
  std::getline(ss, line);
  std::vector<double> out;
  while (std::getline(ss, line)) {
    std::stringstream ls(line);
    std::string sid, date, mean;
    std::getline(ls, sid, ',');
    std::getline(ls, date, ',');
    std::getline(ls, mean, ',');
    if (sid == id) out.push_back(std::stod(mean));
  }
  return out;
}

}  // namespace

TEST_CASE("forecast --events: a classical model puts each series' own event effect on its future event days") {
  TempDir dir;
  const int days = 200;  // the next promo is day 209: the 10th step ahead
  write_history(dir / "h.csv", days);
  write_events(dir / "e.csv", days + 30);
  const std::string base = "forecast --input " + (dir / "h.csv") + " --horizon 14 --model seasonal_naive ";
  const Outcome plain = run_peaksim(base + "-o " + (dir / "plain.csv"));
  const Outcome with = run_peaksim(base + "--events " + (dir / "e.csv") + " -o " + (dir / "events.csv"));
  INFO(with.err);
  REQUIRE(plain.status == 0);
  REQUIRE(with.status == 0);
  const auto p = means(dir / "plain.csv", "a"), e = means(dir / "events.csv", "a");
  REQUIRE(e.size() == 14);
  CHECK(e[9] / p[9] == doctest::Approx(3).epsilon(0.1));  // the promo lift, fitted on the 6 past promos
  CHECK(e[8] == p[8]);
  CHECK(means(dir / "events.csv", "b") == means(dir / "plain.csv", "b"));  // series b has no event
}

TEST_CASE("forecast --events with a scenario takes its calendar.events") {
  TempDir dir;
  write_history(dir / "h.csv", 400);
  const Outcome o = run_peaksim("forecast --input " + (dir / "h.csv") + " --horizon 14 --model ensemble --events " +
                                source_path("scenarios/singles_day_apparel.yaml") + " -o " + (dir / "f.csv"));
  INFO(o.err);
  CHECK(o.status == 0);
}

TEST_CASE("train-forecaster --events trains event covariates, and forecast then needs --events") {
  TempDir dir;
  write_history(dir / "h.csv", 200);
  write_events(dir / "e.csv", 230);
  const std::string h = dir / "h.csv", e = dir / "e.csv";
  const Outcome t = run_peaksim("train-forecaster --input " + h +
                                " --season 7 --no-calendar --horizon 14 --epochs 2 "
                                "-q --events " +
                                e + " -o " + (dir / "w.h5"));
  INFO(t.err);
  REQUIRE(t.status == 0);
  const std::string fc = "forecast --input " + h + " --horizon 14 --model global --weights " + (dir / "w.h5");
  const Outcome without = run_peaksim(fc + " -o " + (dir / "f1.csv"));
  CHECK(without.status == 2);
  CHECK(without.err.find("trained with events: pass --events") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "f1.csv"));
  const Outcome with = run_peaksim(fc + " --events " + e + " -o " + (dir / "f2.csv"));
  INFO(with.err);
  CHECK(with.status == 0);
  CHECK(means(dir / "f2.csv", "a").size() == 14);
  // The shipped model has no event covariates: --events is refused, not ignored.
  const Outcome shipped =
      run_peaksim("forecast --input " + h + " --horizon 14 --model global --events " + e + " -o " + (dir / "f3.csv"));
  CHECK(shipped.status == 2);
  CHECK(shipped.err.find("trained without events") != std::string::npos);
}

TEST_CASE("a bad events file gets one message naming the file, line and column, and exit status 2") {
  TempDir dir;
  write_history(dir / "h.csv", 60);
  const auto run_with = [&](const std::string& text) {
    std::ofstream(dir / "e.csv") << text;
    return run_peaksim("forecast --input " + (dir / "h.csv") + " --horizon 7 --model ses --force --events " +
                       (dir / "e.csv") + " -o " + (dir / "f.csv"));
  };
  const std::string file = dir / "e.csv";
  Outcome o = run_with("date,name\n2024-01-05,promo\n2024-13-01,promo\n");
  CHECK(o.status == 2);
  CHECK(o.err == file + ":3:1 (date): expected a date YYYY-MM-DD, got '2024-13-01'\n");
  o = run_with("day,name\n");
  CHECK(o.status == 2);
  CHECK(o.err == file + ":1:1: expected the header 'date,name' or 'date,name,series_id', got 'day,name'\n");
  o = run_with("date,name\n2024-01-05,\n");
  CHECK(o.status == 2);
  CHECK(o.err == file + ":2:2 (name): expected an event name, got nothing\n");
  o = run_with("date,name,series_id\n2024-01-05,promo\n");
  CHECK(o.status == 2);
  CHECK(o.err == file + ":2:1: expected 3 fields as in the header, got 2\n");
  CHECK_FALSE(fs::exists(dir / "f.csv"));
}

TEST_CASE("the forecast service gives a model trained with events the scenario's calendar.events") {
  TempDir dir;
  write_history(dir / "h.csv", 200);
  write_events(dir / "e.csv", 230);
  const Outcome t =
      run_peaksim("train-forecaster --input " + (dir / "h.csv") + " --season 7 --no-calendar --epochs 2 -q --events " +
                  (dir / "e.csv") + " -o " + (dir / "w.h5"));
  INFO(t.err);
  REQUIRE(t.status == 0);
  const std::string run = "run " + source_path("scenarios/forecast_driven.yaml") +
                          " --set catalog.generate.count=10 --set horizon=60d -q -n 2 --set forecast.model=global"
                          " --set forecast.weights=" +
                          (dir / "w.h5");
  const Outcome sim = run_peaksim(run + " -o " + (dir / "run.h5"));
  INFO(sim.err);
  CHECK(sim.status == 0);
}

TEST_CASE("train-forecaster on weekly data trains the weekly design, with missing weeks masked and returns kept") {
  TempDir dir;
  {
    std::ofstream out(dir / "w.csv");
    out << "series_id,date,value\n";
    const auto friday = *peaksim::cal::Date::parse("2010-02-05");
    for (int s = 0; s < 4; ++s) {
      for (int w = 0; w < 130; ++w) {
        if (s == 1 && w % 9 == 4) continue;  // missing weeks
        const double y = 100 * (1 + s) * (1 + 0.5 * (w % 52 == 42)) + 7 * std::sin(0.9 * w + s) - (w == 60 ? 250 : 0);
        out << 'd' << s << ',' << (friday + 7 * w).to_string() << ',' << y << '\n';
      }
    }
  }
  const Outcome t = run_peaksim("train-forecaster -q --input " + (dir / "w.csv") + " --epochs 3 -o " + (dir / "w.h5"));
  INFO(t.err);
  REQUIRE(t.status == 0);
  const peaksim::forecasting::GlobalModel m = peaksim::forecasting::load_global_model(dir / "w.h5");
  CHECK(m.config().frequency == "weekly");
  CHECK(m.config().season == 52);
  CHECK(m.config().horizon == 8);
  CHECK(m.config().season_neighbours == 3);
  const Outcome f = run_peaksim("forecast --input " + (dir / "w.csv") + " --horizon 8 --model global --weights " +
                                (dir / "w.h5") + " -o " + (dir / "f.csv"));
  INFO(f.err);
  CHECK(f.status == 0);
  CHECK(means(dir / "f.csv", "d1").size() == 8);
  // A daily model cannot forecast weekly series.
  const Outcome daily = run_peaksim("forecast --input " + (dir / "w.csv") + " --horizon 8 --model global --weights " +
                                    source_path("forecasting/pretrained/global_daily.h5") + " -o " + (dir / "g.csv"));
  CHECK(daily.status == 2);
  CHECK(daily.err.find("a daily model with 10 covariates; a weekly model with") != std::string::npos);
}
