// End-to-end: `peaksim forecast` on the inputs of real exports: weekly and other steps, missing dates and empty
// values, returns (negative values), and the output's model and warning columns, number format and streaming.
#include <doctest/doctest.h>

#include <cmath>
#include <iomanip>
#include <limits>
#include <regex>

#include "cli/csv_fields.hpp"
#include "forecasting/forecast.hpp"
#include "sim/calendar/date.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;
namespace fc = peaksim::forecasting;

namespace {

using peaksim::cli::split_commas;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Rows of a CSV (the header first), every field kept (a trailing empty warning too).
std::vector<std::vector<std::string>> csv(const std::string& path) {
  std::stringstream ss(read_text(path));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(ss, line)) rows.push_back(split_commas(line));
  return rows;
}

// Rows of series `id` from `first`, one every `step` days; NaN values are written as empty fields, and entries of
// `skip` (indices) get no row at all.
void rows(std::ostream& out, const std::string& id, const std::string& first, int step, const std::vector<double>& y,
          const std::vector<int>& skip = {}) {
  const auto day = *peaksim::cal::Date::parse(first);
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (std::find(skip.begin(), skip.end(), static_cast<int>(t)) != skip.end()) continue;
    out << id << ',' << (day + static_cast<int>(t) * step).to_string() << ',';
    if (!std::isnan(y[t])) out << std::setprecision(17) << y[t];
    out << '\n';
  }
}

std::vector<double> yearly_weeks(int weeks, double base) {
  std::vector<double> y;
  for (int t = 0; t < weeks; ++t) y.push_back(base + 0.5 * t + 20 * std::sin(2 * M_PI * t / 52.0) + 3 * std::sin(t));
  return y;
}

std::vector<double> daily(int days, double base) {
  std::vector<double> y;
  for (int t = 0; t < days; ++t) y.push_back(base + 5.0 * ((t % 7) == 5) + 3.0 * std::sin(1.7 * t));
  return y;
}

fc::Forecast library(const std::vector<double>& y, fc::Method method, int period, int horizon) {
  fc::Batch b(static_cast<Eigen::Index>(y.size()), 1);
  for (std::size_t t = 0; t < y.size(); ++t) b(static_cast<Eigen::Index>(t), 0) = y[t];
  return fc::forecast(b, {.method = method, .period = period}, {.horizon = horizon, .levels = {0.5}});
}

Outcome forecast(const TempDir& dir, const std::string& input, const std::string& args, const std::string& out) {
  return run_peaksim("forecast --input " + (dir / input) + " -o " + (dir / out) + " " + args);
}

}  // namespace

TEST_CASE("weekly data: the step is inferred, the season is 52 weeks, the horizon counts weeks") {
  TempDir dir;
  const auto long_one = yearly_weeks(120, 100), short_one = yearly_weeks(60, 40);
  {
    std::ofstream in(dir / "w.csv");
    in << "series_id,date,value\n";
    rows(in, "long", "2010-02-05", 7, long_one);
    rows(in, "short", "2011-01-07", 7, short_one);
  }
  const Outcome o = forecast(dir, "w.csv", "--horizon 4 --model holt_winters_additive --quantiles 0.5", "f.csv");
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(o.out.find("2 series, 4 steps ahead (weekly)") != std::string::npos);
  const auto t = csv(dir / "f.csv");
  REQUIRE(t.size() == 1 + 8);
  CHECK(t[0] == std::vector<std::string>{"series_id", "date", "mean", "q0.5", "model", "warning"});
  const auto last = *peaksim::cal::Date::parse("2010-02-05") + 119 * 7;
  const fc::Forecast expected = library(long_one, fc::Method::kHoltWintersAdditive, 52, 4);
  REQUIRE(expected.used[0] == fc::Method::kHoltWintersAdditive);
  for (int h = 0; h < 4; ++h) {
    CHECK(t[1 + h][1] == (last + 7 * (h + 1)).to_string());
    CHECK(std::stod(t[1 + h][2]) == doctest::Approx(expected.mean(h, 0)).epsilon(5e-6));
    CHECK(t[1 + h][4] == "holt_winters_additive");
    CHECK(t[1 + h][5].empty());
  }
  CHECK(t[5][4] == "ses");
  CHECK(t[5][5] == "too short for holt_winters_additive (60 points): fell back to ses");
  CHECK(o.err.find("warnings: 1 of 2 series") != std::string::npos);

  // --freq week says the same; a step the dates do not follow is refused at the row.
  REQUIRE(
      forecast(dir, "w.csv", "--horizon 4 --model holt_winters_additive --quantiles 0.5 --freq week", "g.csv").status ==
      0);
  CHECK(read_text(dir / "g.csv") == read_text(dir / "f.csv"));
  const Outcome wrong = forecast(dir, "w.csv", "--horizon 4 --model ses --freq 14d", "never.csv");
  CHECK(wrong.status == 2);
  CHECK(wrong.err == (dir / "w.csv") +
                         ":3: series 'long': 2010-02-12 is 7 days after 2010-02-05 (line 2), not a whole number of "
                         "steps of 14 days (--freq)\n");
  CHECK_FALSE(fs::exists(dir / "never.csv"));
}

TEST_CASE("a sparse series of a weekly file takes the step of the series before it") {
  TempDir dir;
  {
    std::ofstream in(dir / "w.csv");
    in << "series_id,date,value\n";
    rows(in, "full", "2010-02-05", 7, yearly_weeks(20, 100));
    // Rows 28, 28, 14 and 28 days apart: most often 28, once 14; every one a whole number of weeks.
    in << "sparse,2010-02-05,5\nsparse,2010-03-05,6\nsparse,2010-04-02,7\nsparse,2010-04-16,8\n"
          "sparse,2010-05-14,9\n";
  }
  const Outcome o = forecast(dir, "w.csv", "--horizon 2 --model ses --quantiles 0.5", "f.csv");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const auto t = csv(dir / "f.csv");
  CHECK(t[3][1] == "2010-05-21");  // a week after its last row
  CHECK(t[3][5].find("10 of 15 steps missing") == 0);
  // Alone in its file there is no weekly series before it: its most common step (28 days) does not fit the 14.
  {
    std::ofstream in(dir / "alone.csv");
    in << "series_id,date,value\nsparse,2010-02-05,5\nsparse,2010-03-05,6\nsparse,2010-04-02,7\n"
          "sparse,2010-04-16,8\n";
  }
  const Outcome alone = forecast(dir, "alone.csv", "--horizon 2 --model ses", "g.csv");
  CHECK(alone.status == 2);
  CHECK(alone.err.find("alone.csv:5: series 'sparse': 2010-04-16 is 14 days after 2010-04-02 (line 4), not a whole "
                       "number of steps of 28 days") != std::string::npos);
}

TEST_CASE("bad --freq and --fill words are refused with status 2 and nothing written") {
  TempDir dir;
  {
    std::ofstream in(dir / "h.csv");
    in << "series_id,date,value\n";
    rows(in, "a", "2024-01-01", 1, daily(30, 10));
  }
  for (const std::string freq : {"month", "0d", "7", "400d", "-7d"}) {
    const Outcome o = forecast(dir, "h.csv", "--horizon 3 --model ses --freq=" + freq, "f.csv");
    CHECK(o.status == 2);
    CHECK(o.err == "--freq " + freq + ": expected day, week or Nd (a step of N days, N from 1 to 366), e.g. 14d\n");
  }
  const Outcome fill = forecast(dir, "h.csv", "--horizon 3 --model ses --fill zeros", "f.csv");
  CHECK(fill.status == 2);
  CHECK(fill.err == "--fill zeros: expected missing or zero (did you mean zero?)\n");
  CHECK_FALSE(fs::exists(dir / "f.csv"));
}

TEST_CASE("a missing date or an empty value is a missing observation; --fill zero makes it a zero sale") {
  TempDir dir;
  std::vector<double> y = daily(40, 20);
  {
    std::ofstream in(dir / "gaps.csv");
    in << "series_id,date,value\n";
    std::vector<double> holes = y;
    holes[12] = kNaN;                             // an empty value
    rows(in, "a", "2024-01-01", 1, holes, {25});  // and no row for day 25
  }
  const Outcome o = forecast(dir, "gaps.csv", "--horizon 3 --model holt_winters_additive --quantiles 0.5", "f.csv");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const auto t = csv(dir / "f.csv");
  std::vector<double> with_nan = y;
  with_nan[12] = with_nan[25] = kNaN;
  const fc::Forecast expected = library(with_nan, fc::Method::kHoltWintersAdditive, 7, 3);
  for (int h = 0; h < 3; ++h) CHECK(std::stod(t[1 + h][2]) == doctest::Approx(expected.mean(h, 0)).epsilon(5e-6));
  CHECK(t[1][5] == "2 of 40 steps missing");
  CHECK(o.err.find("2 missing steps in 1 series") != std::string::npos);

  // --fill zero: the same as a file with zero rows there.
  {
    std::ofstream in(dir / "zeros.csv");
    in << "series_id,date,value\n";
    std::vector<double> zeros = y;
    zeros[12] = zeros[25] = 0;
    rows(in, "a", "2024-01-01", 1, zeros);
  }
  REQUIRE(forecast(dir, "gaps.csv", "--horizon 3 --model ses --fill zero", "filled.csv").status == 0);
  REQUIRE(forecast(dir, "zeros.csv", "--horizon 3 --model ses", "explicit.csv").status == 0);
  const auto filled = csv(dir / "filled.csv"), explicit_zeros = csv(dir / "explicit.csv");
  REQUIRE(filled.size() == explicit_zeros.size());
  for (std::size_t r = 1; r < filled.size(); ++r) {
    for (std::size_t c = 0; c < 9; ++c) CHECK(filled[r][c] == explicit_zeros[r][c]);
  }
  CHECK(filled[1][9] == "2 of 40 steps missing");  // still reported: they were filled
}

TEST_CASE(
    "returns: negative values are accepted; forecasts stop at the series' least value, or at 0 with "
    "--nonnegative") {
  TempDir dir;
  std::vector<double> y;
  for (int t = 0; t < 30; ++t) y.push_back(6 - 0.5 * t);  // net sales falling below zero, to -8.5
  {
    std::ofstream in(dir / "r.csv");
    in << "series_id,date,value\n";
    rows(in, "falling", "2024-01-01", 1, y);
  }
  REQUIRE(forecast(dir, "r.csv", "--horizon 10 --model holt_damped", "f.csv").status == 0);
  bool below_zero = false;
  for (const auto& r : csv(dir / "f.csv")) {
    if (r[0] == "series_id") continue;
    for (std::size_t c = 2; c < 8; ++c) {
      CHECK(std::stod(r[c]) >= -8.5);
      below_zero = below_zero || std::stod(r[c]) < 0;
    }
  }
  CHECK(below_zero);
  REQUIRE(forecast(dir, "r.csv", "--horizon 10 --model holt_damped --nonnegative", "n.csv").status == 0);
  for (const auto& r : csv(dir / "n.csv")) {
    if (r[0] != "series_id") {
      for (std::size_t c = 2; c < 8; ++c) CHECK(std::stod(r[c]) >= 0);
    }
  }
}

TEST_CASE("the model column names each series' model; a typo of --model gets a suggestion") {
  TempDir dir;
  {
    std::ofstream in(dir / "h.csv");
    in << "series_id,date,value\n";
    rows(in, "a", "2024-01-01", 1, daily(60, 10));
    rows(in, "b", "2024-01-01", 1, std::vector<double>(60, 0.0));
  }
  REQUIRE(forecast(dir, "h.csv", "--horizon 2 --model ensemble", "e.csv").status == 0);
  CHECK(csv(dir / "e.csv")[1][8] == "ensemble(ses+holt_damped+holt_winters_additive+seasonal_naive)");
  const Outcome chosen = forecast(dir, "h.csv", "--horizon 2 --model auto", "a.csv");
  REQUIRE(chosen.status == 0);
  const auto t = csv(dir / "a.csv");
  for (std::size_t r = 1; r < t.size(); ++r) CHECK(fc::method_from_key(t[r][8]).has_value());
  CHECK(chosen.err.find("auto: series per chosen model: ") != std::string::npos);

  const Outcome typo = forecast(dir, "h.csv", "--horizon 2 --model holtwinters", "never.csv");
  CHECK(typo.status == 2);
  CHECK(typo.err.rfind("--model holtwinters: unknown model (did you mean holt_winters_additive, "
                       "holt_winters_multiplicative or holt_winters_double?); expected one of ",
                       0) == 0);
  const Outcome near = forecast(dir, "h.csv", "--horizon 2 --model sess", "never.csv");
  CHECK(near.err.rfind("--model sess: unknown model (did you mean ses?)", 0) == 0);
}

TEST_CASE("a two-point series: the median is the mean, the interval is not zero-wide, and a warning says why") {
  TempDir dir;
  {
    std::ofstream in(dir / "h.csv");
    in << "series_id,date,value\n";
    rows(in, "two", "2024-01-01", 1, {10, 14});
    rows(in, "flat", "2024-01-01", 1, {5, 5});
  }
  const Outcome o = forecast(dir, "h.csv", "--horizon 2 --model ses --quantiles 0.1,0.5,0.9", "f.csv");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const auto t = csv(dir / "f.csv");
  CHECK(t[1][2] == t[1][4]);                       // median == mean
  CHECK(std::stod(t[1][3]) < std::stod(t[1][5]));  // a real interval
  CHECK(t[1][7] == "2 observations: Normal interval from the size of the one-step errors");
  CHECK(t[3][7].find("zero-width interval: no one-step error in the history") != std::string::npos);
  CHECK(o.err.find("notice: series 'two': 2 observations") != std::string::npos);
}

TEST_CASE("numbers are printed with at most 6 significant digits and no exponent") {
  TempDir dir;
  {
    std::ofstream in(dir / "h.csv");
    in << "series_id,date,value\n";
    rows(in, "a", "2024-01-01", 1, daily(50, 1234.56789));
    rows(in, "b", "2024-01-01", 1, daily(50, 0.123456789));
  }
  REQUIRE(forecast(dir, "h.csv", "--horizon 5 --model holt_winters_additive --nonnegative", "f.csv").status == 0);
  const std::regex plain(R"(-?\d+(\.\d+)?)");
  for (const auto& r : csv(dir / "f.csv")) {
    if (r[0] == "series_id") continue;
    for (std::size_t c = 2; c < 8; ++c) {
      INFO(r[c]);
      CHECK(std::regex_match(r[c], plain));
      std::string digits;
      for (const char ch : r[c]) {
        if (std::isdigit(static_cast<unsigned char>(ch)) && !(digits.empty() && ch == '0')) digits += ch;
      }
      CHECK(digits.size() <= 6);
    }
  }
}

TEST_CASE("a file read a chunk at a time and the same rows interleaved give the same forecasts") {
  TempDir dir;
  const int series = 2100;  // more than one chunk
  {
    std::ofstream grouped(dir / "grouped.csv"), mixed(dir / "mixed.csv");
    grouped << "series_id,date,value\n";
    mixed << "series_id,date,value\n";
    for (int s = 0; s < series; ++s) rows(grouped, "s" + std::to_string(s), "2024-01-01", 1, daily(15 + s % 5, s % 13));
    for (int t = 0; t < 19; ++t) {  // date-major: every series' row of day t, then day t + 1
      for (int s = 0; s < series; ++s) {
        const auto y = daily(15 + s % 5, s % 13);
        if (t < static_cast<int>(y.size())) {
          mixed << 's' << s << ',' << (*peaksim::cal::Date::parse("2024-01-01") + t).to_string() << ','
                << std::setprecision(17) << y[t] << '\n';
        }
      }
    }
  }
  const Outcome a = forecast(dir, "grouped.csv", "--horizon 3 --model auto --threads 2", "a.csv");
  REQUIRE(a.status == 0);
  CHECK(a.err.find("reading the whole file") == std::string::npos);
  const Outcome b = forecast(dir, "mixed.csv", "--horizon 3 --model auto", "b.csv");
  REQUIRE(b.status == 0);
  CHECK(b.err.find("rows of series 's0' appear again after other series; read the whole file first") !=
        std::string::npos);
  CHECK(read_text(dir / "a.csv") == read_text(dir / "b.csv"));
  CHECK(csv(dir / "a.csv").size() == 1 + 3 * series);
}

TEST_CASE("the learned global model takes weekly data (the shipped weekly weights) and missing values (masked)") {
  TempDir dir;
  {
    std::ofstream in(dir / "w.csv");
    in << "series_id,date,value\n";
    rows(in, "w", "2010-02-05", 7, yearly_weeks(80, 50));
    std::ofstream gaps(dir / "g.csv");
    gaps << "series_id,date,value\n";
    rows(gaps, "g", "2024-01-01", 1, daily(80, 50), {30});
    std::ofstream other(dir / "o.csv");
    other << "series_id,date,value\n";
    rows(other, "o", "2024-01-05", 14, daily(40, 50));
  }
  const Outcome weekly = forecast(dir, "w.csv", "--horizon 8 --model global", "fw.csv");
  INFO(weekly.err);
  CHECK(weekly.status == 0);
  CHECK(weekly.out.find("global_weekly.h5") != std::string::npos);
  CHECK(csv(dir / "fw.csv").size() == 1 + 8);
  const Outcome too_far = forecast(dir, "w.csv", "--horizon 9 --model global", "f9.csv");
  CHECK(too_far.status == 2);
  CHECK(too_far.err.find("forecasts at most 8 weeks ahead") != std::string::npos);
  const Outcome missing = forecast(dir, "g.csv", "--horizon 4 --model global", "fg.csv");
  INFO(missing.err);
  CHECK(missing.status == 0);
  const Outcome no_weights = forecast(dir, "o.csv", "--horizon 4 --model global", "fo.csv");
  CHECK(no_weights.status == 2);
  CHECK(no_weights.err == "no weights are shipped for data every 14 days, or pass --weights FILE\n");
}
