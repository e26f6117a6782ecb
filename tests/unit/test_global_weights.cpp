// The learned global model's HDF5 weights (forecasting/global_weights_hdf5), the shipped default, the synthetic
// training data (sim/kernel/synthetic_demand) and the daily covariates (sim/calendar/forecast_covariates).
#include <H5Cpp.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "forecasting/global_train.hpp"
#include "forecasting/global_weights_hdf5.hpp"
#include "sim/calendar/forecast_covariates.hpp"
#include "sim/kernel/synthetic_demand.hpp"

namespace fc = peaksim::forecasting;
namespace fs = std::filesystem;

namespace {

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& name)
      : path((fs::temp_directory_path() / ("peaksim-gw-" + std::to_string(getpid()) + "-" + name)).string()) {}
  ~TempFile() { fs::remove(path); }
};

// A small trained daily model on synthetic demand, and the data it forecasts.
struct Fixture {
  fc::Batch values;
  fc::Covariates covariates;
  fc::GlobalModel model;

  Fixture() {
    fc::GlobalConfig c;
    c.lags = 14;
    c.horizon = 7;
    c.covariates = peaksim::kDailyCovariates;
    c.hidden = {16};
    model = fc::GlobalModel(c);
    const auto data = peaksim::synthetic_demand(3, 20, 120);
    values.resize(120, 20);
    covariates.assign(c.covariates, Eigen::MatrixXd(127, 20));
    for (int s = 0; s < 20; ++s) {
      const auto rows = peaksim::daily_covariates(data[s].first, 127, data[s].log_price);
      for (int t = 0; t < 127; ++t) {
        if (t < 120) values(t, s) = data[s].demand[t];
        for (int k = 0; k < c.covariates; ++k) covariates[k](t, s) = rows[t * c.covariates + k];
      }
    }
    fc::Covariates history_covariates;
    for (const auto& m : covariates) history_covariates.push_back(m.topRows(120));
    fc::TrainOptions o;
    o.epochs = 2;
    o.windows_per_epoch = 512;
    fc::train(model, values, history_covariates, o);
  }
};

}  // namespace

TEST_CASE("weights written to HDF5 and read back give bit-identical forecasts and keep the provenance") {
  Fixture f;
  TempFile file("roundtrip.h5");
  fc::save_global_model(f.model, file.path, {{"seed", "1"}, {"data", "unit test"}});
  fc::Provenance provenance;
  const fc::GlobalModel back = fc::load_global_model(file.path, &provenance);
  CHECK(back.config().lags == 14);
  CHECK(back.config().levels == f.model.config().levels);
  CHECK(back.config().hidden == f.model.config().hidden);
  REQUIRE(provenance.size() == 2);
  CHECK(provenance[1].second == "unit test");
  const fc::ForecastOptions options{.horizon = 7};
  const fc::Forecast a = f.model.forecast(f.values, f.covariates, options);
  const fc::Forecast b = back.forecast(f.values, f.covariates, options);
  CHECK(a.mean == b.mean);
  for (std::size_t l = 0; l < a.quantiles.size(); ++l) CHECK(a.quantiles[l] == b.quantiles[l]);
}

TEST_CASE("a missing, non-HDF5, foreign or mismatched weights file gives one clear error naming it") {
  Fixture f;
  CHECK_THROWS_WITH_AS(fc::load_global_model("/nonexistent/w.h5"), "/nonexistent/w.h5: no such file", fc::WeightsError);
  TempFile text("text.h5");
  std::ofstream(text.path) << "not hdf5\n";
  CHECK_THROWS_WITH_AS(fc::load_global_model(text.path), (text.path + ": not an HDF5 file").c_str(), fc::WeightsError);
  TempFile foreign("foreign.h5");
  { H5::H5File(foreign.path, H5F_ACC_TRUNC).createGroup("data"); }
  CHECK_THROWS_WITH_AS(fc::load_global_model(foreign.path), doctest::Contains("not a peaksim global model"),
                       fc::WeightsError);
  // A layer with the wrong shape: rewrite layer 1's weights as a 3 x 3 matrix.
  TempFile bad("bad.h5");
  fc::save_global_model(f.model, bad.path, {});
  {
    H5::H5File file(bad.path, H5F_ACC_RDWR);
    file.unlink("/layers/1/weights");
    const hsize_t dims[2] = {3, 3};
    const float zeros[9] = {};
    file.openGroup("/layers/1")
        .createDataSet("weights", H5::PredType::IEEE_F32LE, H5::DataSpace(2, dims))
        .write(zeros, H5::PredType::NATIVE_FLOAT);
  }
  CHECK_THROWS_WITH_AS(fc::load_global_model(bad.path),
                       doctest::Contains("/layers/1/weights is 3 x 3, expected 70 x 16"), fc::WeightsError);
  TempFile no_layers("nolayers.h5");
  fc::save_global_model(f.model, no_layers.path, {});
  { H5::H5File(no_layers.path, H5F_ACC_RDWR).unlink("/layers/0"); }
  CHECK_THROWS_WITH_AS(fc::load_global_model(no_layers.path), doctest::Contains("/layers should hold 2 layers"),
                       fc::WeightsError);
}

TEST_CASE("the shipped default weights load and forecast synthetic demand with monotone, non-negative quantiles") {
  const std::string path = std::string(PEAKSIM_SOURCE_DIR) + "/forecasting/pretrained/global_daily.h5";
  REQUIRE_MESSAGE(fs::exists(path), "the shipped default is missing: " << path);
  fc::Provenance provenance;
  const fc::GlobalModel m = fc::load_global_model(path, &provenance);
  CHECK(m.config().covariates == peaksim::kDailyCovariates);
  CHECK(m.config().frequency == "daily");
  const int steps = 200, h = m.config().horizon;
  const auto data = peaksim::synthetic_demand(99, 30, steps);
  fc::Batch values(steps, 30);
  fc::Covariates cov(peaksim::kDailyCovariates, Eigen::MatrixXd(steps + h, 30));
  for (int s = 0; s < 30; ++s) {
    const auto rows = peaksim::daily_covariates(data[s].first, steps + h, data[s].log_price);
    for (int t = 0; t < steps + h; ++t) {
      if (t < steps) values(t, s) = data[s].demand[t];
      for (int k = 0; k < peaksim::kDailyCovariates; ++k) cov[k](t, s) = rows[t * peaksim::kDailyCovariates + k];
    }
  }
  const fc::Forecast f = m.forecast(values, cov, {.horizon = h});
  CHECK(f.mean.allFinite());
  for (std::size_t l = 0; l < f.levels.size(); ++l) {
    CHECK((f.quantiles[l].array() >= 0).all());
    if (l > 0) CHECK((f.quantiles[l].array() >= f.quantiles[l - 1].array()).all());
  }
}

// Hold-out from another seed than the default's (1): 400 synthetic series, 365 days of history, the next 28 days
// scored. The default must beat seasonal naive (period 7) on MAE of its median, and its 10%-90% interval must
// cover 75%-85% of the 11,200 values: the binomial standard error at 0.8 is 0.004, so the band leaves room for
// the model's own calibration error of a few points, which is what the band is about.
TEST_CASE("the shipped default beats seasonal naive on a synthetic hold-out and its 80% interval is calibrated") {
  const std::string path = std::string(PEAKSIM_SOURCE_DIR) + "/forecasting/pretrained/global_daily.h5";
  REQUIRE_MESSAGE(fs::exists(path), "the shipped default is missing: " << path);
  const fc::GlobalModel m = fc::load_global_model(path);
  const int steps = 365, h = 28, n = 400, c = peaksim::kDailyCovariates;
  const auto data = peaksim::synthetic_demand(2024, n, steps + h);
  fc::Batch history(steps, n);
  fc::Covariates cov(c, Eigen::MatrixXd(steps + h, n));
  for (int s = 0; s < n; ++s) {
    const std::vector<double> price(data[s].log_price.begin(), data[s].log_price.begin() + steps);
    const auto rows = peaksim::daily_covariates(data[s].first, steps + h, price);
    for (int t = 0; t < steps + h; ++t) {
      if (t < steps) history(t, s) = data[s].demand[t];
      for (int k = 0; k < c; ++k) cov[k](t, s) = rows[t * c + k];
    }
  }
  const fc::Forecast g = m.forecast(history, cov, {.horizon = h, .levels = {0.1, 0.5, 0.9}});
  const fc::Forecast naive = fc::forecast(history, {.method = fc::Method::kSeasonalNaive, .period = 7}, {.horizon = h});
  double mae_global = 0, mae_naive = 0;
  int covered = 0;
  for (int s = 0; s < n; ++s) {
    for (int k = 0; k < h; ++k) {
      const double y = data[s].demand[steps + k];
      mae_global += std::abs(y - g.quantile(k, s, 1));
      mae_naive += std::abs(y - naive.mean(k, s));
      covered += (y >= g.quantile(k, s, 0) && y <= g.quantile(k, s, 2)) ? 1 : 0;
    }
  }
  const double coverage = covered / double(n * h);
  MESSAGE("MAE global " << mae_global / (n * h) << ", seasonal naive " << mae_naive / (n * h) << ", 80% coverage "
                        << coverage);
  CHECK(mae_global < mae_naive);
  CHECK(coverage >= 0.75);
  CHECK(coverage <= 0.85);
}

TEST_CASE("synthetic demand is reproducible from its seed and spans intermittent to high-volume series") {
  const auto a = peaksim::synthetic_demand(5, 200, 365);
  const auto b = peaksim::synthetic_demand(5, 200, 365);
  const auto c = peaksim::synthetic_demand(6, 200, 365);
  CHECK(a[17].demand == b[17].demand);
  CHECK(a[17].first == b[17].first);
  CHECK(a[17].demand != c[17].demand);
  int intermittent = 0, high = 0, promoted = 0;
  for (const auto& s : a) {
    double mean = 0;
    int zeros = 0;
    for (double v : s.demand) {
      CHECK(v >= 0);
      CHECK(v == std::floor(v));  // whole units
      mean += v / 365;
      zeros += v == 0;
    }
    intermittent += zeros > 365 / 2;
    high += mean > 50;
    for (double p : s.log_price) promoted += p < 0 ? 1 : 0;
  }
  CHECK(intermittent >= 20);
  CHECK(high >= 20);
  CHECK(promoted > 0);
}

TEST_CASE("daily covariates: weekday, day of year and festival proximity peak on the festival day") {
  const auto first = peaksim::cal::Date::from_ymd(2024, 11, 1);  // a Friday; singles day is the 11th
  const auto rows = peaksim::daily_covariates(first, 60, {0.0, -0.2});
  const int c = peaksim::kDailyCovariates;
  CHECK(rows[0] == doctest::Approx(std::sin(2 * M_PI * 4 / 7)));
  CHECK(rows[10 * c + 4] == doctest::Approx(1.0));                // 2024-11-11, singles day
  CHECK(rows[9 * c + 4] == doctest::Approx(std::exp(-1.0 / 3)));  // the day before
  CHECK(rows[28 * c + 5] == doctest::Approx(1.0));                // 2024-11-29, Black Friday
  CHECK(rows[54 * c + 6] == doctest::Approx(1.0));                // 2024-12-25
  CHECK(rows[0 * c + 9] == 0.0);
  CHECK(rows[30 * c + 9] == doctest::Approx(-0.2));  // the last price repeats
}

TEST_CASE("a model of the seasonal design is written as format_version 3 and read back with its settings") {
  Fixture f;
  fc::GlobalConfig c = f.model.config();
  c.season = 7;
  c.scale_window = 21;
  c.season_neighbours = 1;
  c.season_cycles = 3;
  c.recent = 5;
  c.annual = 42;
  fc::GlobalModel seasonal(c);
  fc::Covariates history_covariates;
  for (const auto& m : f.covariates) history_covariates.push_back(m.topRows(120));
  fc::TrainOptions o;
  o.epochs = 1;
  o.windows_per_epoch = 256;
  fc::train(seasonal, f.values, history_covariates, o);
  TempFile file("seasonal.h5");
  fc::save_global_model(seasonal, file.path, {});
  {
    H5::H5File h5(file.path, H5F_ACC_RDONLY);
    int version = 0;
    h5.openGroup("/").openAttribute("format_version").read(H5::PredType::NATIVE_INT, &version);
    CHECK(version == 3);
  }
  const fc::GlobalModel back = fc::load_global_model(file.path);
  CHECK(back.config().season == 7);
  CHECK(back.config().scale_window == 21);
  CHECK(back.config().season_neighbours == 1);
  CHECK(back.config().season_cycles == 3);
  CHECK(back.config().recent == 5);
  CHECK(back.config().annual == 42);
  const fc::ForecastOptions options{.horizon = 7};
  CHECK(seasonal.forecast(f.values, f.covariates, options).mean == back.forecast(f.values, f.covariates, options).mean);
  // A model without a season keeps format_version 1, which older readers accept.
  TempFile plain("plain.h5");
  fc::save_global_model(f.model, plain.path, {});
  H5::H5File h5(plain.path, H5F_ACC_RDONLY);
  int version = 0;
  h5.openGroup("/").openAttribute("format_version").read(H5::PredType::NATIVE_INT, &version);
  CHECK(version == 1);
  CHECK(!h5.openGroup("config").attrExists("season"));
  // Version 2 held an earlier seasonal design that was never shipped: it is refused, not misread.
  {
    H5::H5File old(file.path, H5F_ACC_RDWR);
    const int two = 2;
    old.openGroup("/").openAttribute("format_version").write(H5::PredType::NATIVE_INT, &two);
  }
  CHECK_THROWS_WITH_AS(fc::load_global_model(file.path), doctest::Contains("format_version 2 is not supported"),
                       fc::WeightsError);
}
