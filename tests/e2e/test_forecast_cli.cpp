// End-to-end: `peaksim forecast` on small history files written by the tests.
#include <doctest/doctest.h>

#include <cmath>
#include <iomanip>

#include "forecasting/forecast.hpp"
#include "sim/calendar/date.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;
namespace fc = peaksim::forecasting;

namespace {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) fields.push_back(field);
  return fields;
}

Table read_csv(const std::string& path) {
  std::stringstream ss(read_text(path));
  std::string line;
  Table t;
  std::getline(ss, line);
  t.header = split(line);
  while (std::getline(ss, line)) t.rows.push_back(split(line));
  return t;
}

// A weekly pattern with a small trend and noise-like wiggles, `days` long.
std::vector<double> weekly(int days, double base) {
  std::vector<double> y;
  for (int t = 0; t < days; ++t) y.push_back(base + 0.2 * t + 5.0 * ((t % 7) == 5) + 3.0 * std::sin(1.7 * t));
  return y;
}

// Writes series `id`, one row per day from `first`, to `out`.
void rows(std::ostream& out, const std::string& id, const std::string& first, const std::vector<double>& y) {
  const auto day = peaksim::cal::Date::parse(first);
  for (std::size_t t = 0; t < y.size(); ++t) {
    out << id << ',' << (*day + static_cast<int>(t)).to_string() << ',' << std::setprecision(17) << y[t] << '\n';
  }
}

fc::Forecast library(const std::vector<double>& y, fc::Method method, int horizon, std::vector<double> levels) {
  fc::Batch b(static_cast<Eigen::Index>(y.size()), 1);
  for (std::size_t t = 0; t < y.size(); ++t) b(static_cast<Eigen::Index>(t), 0) = y[t];
  return fc::forecast(b, {.method = method, .window = 7, .period = 7}, {.horizon = horizon, .levels = levels});
}

}  // namespace

TEST_CASE("a good run writes one row per series and day ahead, with the library's means and monotone quantiles") {
  TempDir dir;
  const auto a = weekly(28, 20), b = weekly(21, 50);
  {
    std::ofstream in(dir / "history.csv");
    in << "series_id,date,value,price\n";
    std::stringstream body;
    rows(body, "A", "2024-03-01", a);
    rows(body, "B", "2024-03-10", b);
    // Extra columns are ignored: add a price to every row.
    std::string line;
    while (std::getline(body, line)) in << line << ",9.99\n";
  }
  const Outcome o =
      run_peaksim("forecast --input " + (dir / "history.csv") +
                  " --horizon 7 --model holt_winters_additive --quantiles 0.8,0.5,0.95 -o " + (dir / "f.csv"));
  INFO(o.err);
  REQUIRE(o.status == 0);
  const Table t = read_csv(dir / "f.csv");
  CHECK(t.header == std::vector<std::string>{"series_id", "date", "mean", "q0.5", "q0.8", "q0.95", "model", "warning"});
  REQUIRE(t.rows.size() == 14);
  CHECK(t.rows[0][0] == "A");
  CHECK(t.rows[0][1] == "2024-03-29");
  CHECK(t.rows[6][1] == "2024-04-04");
  CHECK(t.rows[7][0] == "B");
  CHECK(t.rows[7][1] == "2024-03-31");
  const auto fa = library(a, fc::Method::kHoltWintersAdditive, 7, {0.5, 0.8, 0.95});
  const auto fb = library(b, fc::Method::kHoltWintersAdditive, 7, {0.5, 0.8, 0.95});
  for (int h = 0; h < 7; ++h) {  // numbers are printed with 6 significant digits
    CHECK(std::stod(t.rows[h][2]) == doctest::Approx(fa.mean(h, 0)).epsilon(5e-6));
    CHECK(std::stod(t.rows[7 + h][2]) == doctest::Approx(fb.mean(h, 0)).epsilon(5e-6));
    CHECK(std::stod(t.rows[h][4]) == doctest::Approx(fa.quantile(h, 0, 1)).epsilon(5e-6));
  }
  for (const auto& r : t.rows) {
    REQUIRE(r.size() >= 7);  // the empty warning is the last field
    CHECK(r[6] == "holt_winters_additive");
    CHECK(std::stod(r[3]) <= std::stod(r[4]));
    CHECK(std::stod(r[4]) <= std::stod(r[5]));
  }
}

TEST_CASE("auto and ensemble forecast every series, including zero, constant and short ones") {
  TempDir dir;
  const auto a = weekly(35, 10);
  {
    std::ofstream in(dir / "history.csv");
    in << "series_id,date,value\n";
    rows(in, "seasonal", "2024-01-01", a);
    rows(in, "zeros", "2024-01-01", std::vector<double>(35, 0.0));
    rows(in, "flat", "2024-01-20", std::vector<double>(16, 4.0));
    rows(in, "short", "2024-02-01", {3, 1, 4});
  }
  for (const std::string model : {"auto", "ensemble"}) {
    INFO("model " << model);
    const std::string out = dir / (model + ".csv");
    const Outcome o =
        run_peaksim("forecast --input " + (dir / "history.csv") + " --horizon 5 --model " + model + " -o " + out);
    INFO(o.err);
    REQUIRE(o.status == 0);
    const Table t = read_csv(out);
    CHECK(t.header.size() == 10);
    REQUIRE(t.rows.size() == 20);
    for (const auto& r : t.rows) {
      for (std::size_t c = 2; c < 8; ++c) CHECK(std::isfinite(std::stod(r[c])));
      if (r[0] == "zeros") CHECK(std::stod(r[2]) == 0);
      if (r[0] == "flat") CHECK(std::stod(r[2]) == doctest::Approx(4.0));
    }
    CHECK(o.err.find("notice: series 'short'") != std::string::npos);
  }
  // The ensemble mean is the mean of its four members.
  const Table e = read_csv(dir / "ensemble.csv");
  double expected = 0;
  for (const auto m :
       {fc::Method::kSes, fc::Method::kHoltDamped, fc::Method::kHoltWintersAdditive, fc::Method::kSeasonalNaive}) {
    expected += library(a, m, 5, {0.5}).mean(0, 0) / 4;
  }
  CHECK(std::stod(e.rows[0][2]) == doctest::Approx(expected).epsilon(5e-6));  // 6 significant digits
}

TEST_CASE("every kind of bad history exits with status 2, one message naming file and line, and writes nothing") {
  struct Case {
    std::string text, message;
  };
  const std::vector<Case> cases = {
      {"", "h.csv: the file is empty; expected the header 'series_id,date,value' and at least one row"},
      {"series_id,date,value\n", "h.csv: no rows after the header; expected at least one"},
      {"id,date,value\na,2024-03-01,1\n",
       "h.csv:1: expected the header 'series_id,date,value' (extra columns may follow), got 'id,date,value'"},
      {"series_id,date,value\na,2024-03-01,1\na,2024-03-02\n", "h.csv:3: expected 3 fields as in the header, got 2"},
      {"series_id,date,value\na,2024-02-30,1\n", "h.csv:2:2 (date): expected a date YYYY-MM-DD, got '2024-02-30'"},
      {"series_id,date,value\na,2024-03-01,1\na,2024-03-02,lots\n", "h.csv:3:3 (value): expected a number, got 'lots'"},
      {"series_id,date,value\na,2024-03-01,inf\n",
       "h.csv:2:3 (value): expected a finite number or an empty field (missing), got 'inf'"},
      {"series_id,date,value\na,1900-01-01,1\na,1900-01-02,1\na,2024-03-02,1\n",
       "h.csv:4: series 'a' spans 45352 steps of 1 days (from 1900-01-01 to 2024-03-02); expected at most 36600"},
      {"series_id,date,value\na,2024-03-01,\na,2024-03-02,\n",
       "h.csv:2: series 'a' has no value: every one of its rows has an empty value field"},
      {"series_id,date,value\na,2024-03-01,1\nb,2024-03-01,1\na,2024-03-01,2\n",
       "h.csv:4: series 'a' has a second value for 2024-03-01 (the first is on line 2)"},
      {"series_id,date,value\nx,2024-03-01,1\nx,2024-03-08,1\nx,2024-03-15,1\nx,2024-03-18,1\n",
       "h.csv:5: series 'x': 2024-03-18 is 3 days after 2024-03-15 (line 4), not a whole number of steps of 7 days "
       "(the most common step between its dates; or give --freq)"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    { std::ofstream(dir / "h.csv") << c.text; }
    const Outcome o = run_peaksim("forecast --input h.csv --horizon 3 --model ses -o out.csv", dir.path.string());
    INFO("input:\n" << c.text);
    CHECK(o.status == 2);
    CHECK(o.err == c.message + "\n");
    CHECK(!fs::exists(dir / "out.csv"));
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  }
}

TEST_CASE("an existing forecast file is kept unless --force is given") {
  TempDir dir;
  {
    std::ofstream in(dir / "h.csv");
    in << "series_id,date,value\n";
    rows(in, "a", "2024-03-01", weekly(14, 5));
  }
  { std::ofstream(dir / "f.csv") << "precious"; }
  const std::string args = "forecast --input " + (dir / "h.csv") + " --horizon 2 --model ses -o " + (dir / "f.csv");
  const Outcome refused = run_peaksim(args);
  CHECK(refused.status == 2);
  CHECK(refused.err == "'" + dir / "f.csv" + "' already exists; use --force to overwrite it\n");
  CHECK(read_text(dir / "f.csv") == "precious");
  CHECK(run_peaksim(args + " --force").status == 0);
  CHECK(read_csv(dir / "f.csv").rows.size() == 2);
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 2);
}

TEST_CASE("an unknown model and bad quantiles are rejected with status 2") {
  TempDir dir;
  {
    std::ofstream in(dir / "h.csv");
    in << "series_id,date,value\n";
    rows(in, "a", "2024-03-01", weekly(14, 5));
  }
  const std::string args = "forecast --input " + (dir / "h.csv") + " --horizon 2 -o " + (dir / "f.csv");
  const Outcome unknown = run_peaksim(args + " --model prophet");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.rfind("--model prophet: unknown model; expected one of moving_average,", 0) == 0);
  const Outcome levels = run_peaksim(args + " --model ses --quantiles 0.5,1.5");
  CHECK(levels.status == 2);
  CHECK(levels.err == "--quantiles 0.5,1.5: expected levels in (0, 1) separated by commas, such as 0.5,0.9\n");
  CHECK(!fs::exists(dir / "f.csv"));
}

TEST_CASE("forecast --help lists the model names") {
  const Outcome o = run_peaksim("forecast --help");
  CHECK(o.status == 0);
  CHECK(o.out.find("holt_winters_multiplicative") != std::string::npos);
  CHECK(o.out.find("ensemble") != std::string::npos);
}

TEST_CASE("--period sets the season of the seasonal models, also inside auto, and must be positive") {
  TempDir dir;
  const std::vector<double> pattern = {3, 9, 4, 12, 6};  // a season of 5 days
  std::vector<double> y;
  for (int t = 0; t < 40; ++t) y.push_back(pattern[t % 5]);
  {
    std::ofstream in(dir / "history.csv");
    in << "series_id,date,value\n";
    rows(in, "five", "2024-01-01", y);
  }
  for (const std::string model : {"seasonal_naive", "auto"}) {
    INFO("model " << model);
    const std::string out = dir / (model + ".csv");
    const Outcome o = run_peaksim("forecast --input " + (dir / "history.csv") + " --horizon 5 --period 5 --model " +
                                  model + " -o " + out);
    INFO(o.err);
    REQUIRE(o.status == 0);
    const Table t = read_csv(out);
    REQUIRE(t.rows.size() == 5);
    for (int h = 0; h < 5; ++h) CHECK(std::stod(t.rows[h][2]) == pattern[h]);  // 40 days: the next is day 0
  }
  const Outcome o = run_peaksim("forecast --input " + (dir / "history.csv") +
                                " --horizon 5 --period 7 --model auto -o " + (dir / "weekly.csv"));
  CHECK(o.status == 0);
  CHECK(std::stod(read_csv(dir / "weekly.csv").rows[0][2]) != pattern[0]);  // a weekly season misses the pattern
  const Outcome zero = run_peaksim("forecast --input " + (dir / "history.csv") +
                                   " --horizon 5 --period 0 --model ses -o " + (dir / "never.csv"));
  CHECK(zero.status == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "never.csv"));
}

TEST_CASE("holt_winters_double takes --period2, gives the library's forecasts, and refuses a missing or bad one") {
  TempDir dir;
  std::vector<double> y = weekly(90, 30);
  for (int t = 0; t < 90; ++t) y[t] += 6.0 * (t % 28 < 4);  // a four-day bump every 28 days
  {
    std::ofstream in(dir / "history.csv");
    in << "series_id,date,value\n";
    rows(in, "two", "2024-01-01", y);
    rows(in, "short", "2024-03-01", weekly(40, 10));  // under 2 x 28 days: SES, with a notice
  }
  const std::string args = "forecast --input " + (dir / "history.csv") + " --horizon 10 --model holt_winters_double";
  const Outcome o = run_peaksim(args + " --period 7 --period2 28 --quantiles 0.5 -o " + (dir / "f.csv"));
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(o.err.find("notice: series 'short': too short for holt_winters_double (40 points): fell back to ses") !=
        std::string::npos);
  fc::Batch b(90, 1);
  for (int t = 0; t < 90; ++t) b(t, 0) = y[t];
  const fc::Forecast expected = fc::forecast(b, {.method = fc::Method::kHoltWintersDouble, .period = 7, .period2 = 28},
                                             {.horizon = 10, .levels = {0.5}});
  REQUIRE(expected.used[0] == fc::Method::kHoltWintersDouble);
  const Table t = read_csv(dir / "f.csv");
  int checked = 0;
  for (const auto& row : t.rows) {
    if (row[0] != "two") continue;
    CHECK(std::stod(row[2]) == doctest::Approx(expected.mean(checked, 0)).epsilon(5e-6));
    ++checked;
  }
  CHECK(checked == 10);

  const std::string hint = "(e.g. --period 7 --period2 364); got ";
  const Outcome missing = run_peaksim(args + " -o " + (dir / "never.csv"));
  CHECK(missing.status == 2);
  CHECK(missing.err ==
        "--model holt_winters_double needs --period2, a second season longer than --period 7 " + hint + "none\n");
  const Outcome not_longer = run_peaksim(args + " --period 7 --period2 7 -o " + (dir / "never.csv"));
  CHECK(not_longer.status == 2);
  CHECK(not_longer.err ==
        "--model holt_winters_double needs --period2, a second season longer than --period 7 " + hint + "7\n");
  const Outcome not_a_number = run_peaksim(args + " --period2 year -o " + (dir / "never.csv"));
  CHECK(not_a_number.status == 2);
  CHECK_FALSE(fs::exists(dir / "never.csv"));
}
