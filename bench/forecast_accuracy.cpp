// bench/forecast_accuracy: rolling-origin backtests of every registered model on the real data sets of
// ../shared/data, printing MASE, wQL, bias, interval coverage and wall time per model and data set, and
// optionally writing the tables as Markdown. A benchmark: it prints figures and asserts nothing.
// Usage and metric definitions: docs/forecasting.md, "Accuracy on real data".
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bench/backtest.hpp"
#include "bench/datasets.hpp"
#include "bench/models.hpp"

namespace fs = std::filesystem;
using namespace peaksim::bench;

namespace {

struct Options {
  fs::path data = PEAKSIM_DEFAULT_DATA_DIR;
  std::vector<std::string> datasets;
  std::vector<std::string> models;
  int origins = 4;
  int validation = 0;
  int max_series = 0;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string markdown;
  std::string windows;  // per-window MASE as CSV
  bool force = false;
};

struct UsageError {
  std::string message;
};

const char* kUsage =
    "usage: forecast_accuracy [--data DIR] [--dataset NAME[,NAME...]] [--models NAME[,NAME...]]\n"
    "                         [--origins K] [--validation V] [--max-series N] [--threads N]\n"
    "                         [--markdown FILE] [--windows FILE] [--force]\n"
    "  --data DIR       the shared data folder (default " PEAKSIM_DEFAULT_DATA_DIR
    ")\n"
    "  --dataset        m5_tiny, walmart_store_sales, koubei_shop_flow (default: all three)\n"
    "  --models         models to run (default: all registered)\n"
    "  --origins K      rolling origins, spaced by the horizon, the last ending with the data (default 4)\n"
    "  --validation V   move every origin back by V horizons: tune there, never on the last V horizons (default 0)\n"
    "  --max-series N   only the first N series of each data set (default: all)\n"
    "  --threads N      threads over series (default: the hardware's)\n"
    "  --markdown FILE  also write the tables as Markdown; replaces FILE only with --force\n"
    "  --windows FILE   also write every scored window's MASE as CSV (dataset,model,series_id,origin,mase):\n"
    "                   which windows a mean MASE rests on; replaces FILE only with --force\n";

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int positive(const std::string& option, const std::string& text, int least) {
  std::size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || value < least) {
    throw UsageError{option + " " + text + ": expected an integer >= " + std::to_string(least)};
  }
  return value;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (arg == "--force") {
      o.force = true;
      continue;
    }
    if (i + 1 >= argc) throw UsageError{arg + ": unknown option or missing value"};
    const std::string value = argv[++i];
    if (arg == "--data") {
      o.data = value;
    } else if (arg == "--dataset") {
      for (const std::string& name : split_commas(value)) o.datasets.push_back(name);
    } else if (arg == "--models") {
      for (const std::string& name : split_commas(value)) o.models.push_back(name);
    } else if (arg == "--origins") {
      o.origins = positive(arg, value, 1);
    } else if (arg == "--validation") {
      o.validation = positive(arg, value, 0);
    } else if (arg == "--max-series") {
      o.max_series = positive(arg, value, 1);
    } else if (arg == "--threads") {
      o.threads = positive(arg, value, 1);
    } else if (arg == "--markdown") {
      o.markdown = value;
    } else if (arg == "--windows") {
      o.windows = value;
    } else {
      throw UsageError{arg + ": unknown option"};
    }
  }
  if (o.datasets.empty()) o.datasets = dataset_names();
  for (const std::string& name : o.datasets) {
    if (std::find(dataset_names().begin(), dataset_names().end(), name) == dataset_names().end()) {
      throw UsageError{"--dataset " + name + ": unknown; expected m5_tiny, walmart_store_sales or koubei_shop_flow"};
    }
  }
  return o;
}

std::string format(const char* pattern, double value) {
  char text[32];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

std::string percent(double share) { return format("%.1f%%", 100 * share); }

struct Row {
  std::string model;
  ModelResult result;
};

// One data set's table, as Markdown (also printed; it reads well raw).
std::string table(const std::vector<Row>& rows) {
  double naive_mase = 0;
  for (const Row& r : rows) {
    if (r.model == "seasonal_naive") naive_mase = r.result.accuracy.mase;
  }
  std::string out =
      "| model | MASE | MASE / seasonal naive | median MASE | wQL | bias | 80% coverage | 95% coverage | seconds |\n"
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const Row& r : rows) {
    const AccuracySummary& a = r.result.accuracy;
    out += "| " + r.model + " | " + format("%.3f", a.mase) + " | " +
           (naive_mase > 0 ? format("%.3f", a.mase / naive_mase) : std::string("-")) + " | " +
           format("%.3f", a.mase_median) + " | " + format("%.3f", a.wql) + " | " + format("%+.1f%%", 100 * a.bias) +
           " | " + percent(a.coverage80) + " | " + percent(a.coverage95) + " | " + format("%.1f", r.result.seconds) +
           " |\n";
  }
  return out;
}

std::string describe(const Dataset& data, const BacktestPlan& plan, std::size_t loaded) {
  std::ostringstream out;
  out << "### " << data.name << "\n\n" << data.series.size() << " series";
  if (data.series.size() < loaded) out << " (the first of " << loaded << ")";
  out << ", " << (data.step_days == 7 ? "weekly" : "daily") << ", " << civil_from_days(data.first_day) << " to "
      << civil_from_days(data.first_day + (data.length - 1) * data.step_days) << "; horizon " << data.horizon
      << ", season " << data.season << "; origins (first forecast " << (data.step_days == 7 ? "week" : "day") << "):";
  for (const int origin : plan.origins) out << " " << civil_from_days(data.first_day + origin * data.step_days);
  out << ".\n"
      << plan.windows << " (series, origin) windows scored; left out: " << plan.too_short
      << " with less than 2 horizons of history, " << plan.not_covering << " ending before the test window ends.\n"
      << "Cleaning (whole file): ";
  for (std::size_t k = 0; k < data.cleaning.size(); ++k) out << (k ? "; " : "") << data.cleaning[k];
  out << ".\n";
  return out.str();
}

// Writes next to the target, then renames: a failure leaves no partial file.
bool write_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(temporary);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) fs::remove(temporary, ec);
  return !ec;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = parse(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << e.message << "\n" << kUsage;
    return 2;
  }
  std::vector<BenchModel> models;
  for (const BenchModel& m : bench_models()) {
    if (options.models.empty() ||
        std::find(options.models.begin(), options.models.end(), m.name) != options.models.end()) {
      models.push_back(m);
    }
  }
  for (const std::string& name : options.models) {
    if (std::none_of(models.begin(), models.end(), [&](const BenchModel& m) { return m.name == name; })) {
      std::string known;
      for (const BenchModel& m : bench_models()) known += (known.empty() ? "" : ", ") + m.name;
      std::cerr << "--models " << name << ": unknown model; expected some of " << known << "\n";
      return 2;
    }
  }
  for (const std::string& path : {options.markdown, options.windows}) {
    if (!path.empty() && fs::exists(path) && !options.force) {
      std::cerr << path << ": the file exists; use --force to replace it\n";
      return 2;
    }
  }
  if (!fs::is_directory(options.data)) {
    std::cerr << options.data.string() << ": no such data folder; pass --data pointing at shared/data\n";
    return 2;
  }

  std::string markdown =
      "Rolling-origin backtest, " + std::to_string(options.origins) + " origins spaced by the horizon" +
      (options.validation > 0 ? ", moved back by " + std::to_string(options.validation) + " horizons (validation)"
                              : std::string()) +
      "; command: forecast_accuracy";
  for (int i = 1; i < argc; ++i) markdown += std::string(" ") + argv[i];
  markdown += "\n\n";
  std::string windows = "dataset,model,series_id,origin,mase\n";
  for (const std::string& name : options.datasets) {
    Dataset data;
    BacktestPlan plan;
    std::size_t loaded = 0;
    try {
      data = load_dataset(name, options.data);
      loaded = data.series.size();
      if (options.max_series > 0 && data.series.size() > static_cast<std::size_t>(options.max_series)) {
        data.series.resize(static_cast<std::size_t>(options.max_series));
      }
      plan = plan_backtest(data,
                           {.origins = options.origins, .validation = options.validation, .threads = options.threads});
    } catch (const std::exception& e) {
      std::cerr << e.what() << "\n";
      return 2;
    }
    const std::string header = describe(data, plan, loaded);
    std::cout << header << std::flush;
    std::vector<Row> rows;
    for (const BenchModel& model : models) {
      try {
        rows.push_back({model.name, run_backtest(data, plan, model, options.threads)});
      } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
      }
      const AccuracySummary& a = rows.back().result.accuracy;
      std::cout << "  " << model.name << ": MASE " << format("%.3f", a.mase) << ", wQL " << format("%.3f", a.wql)
                << ", " << format("%.1f", rows.back().result.seconds) << " s\n"
                << std::flush;
    }
    for (std::size_t m = 0; m < rows.size() && !options.windows.empty(); ++m) {
      const Row& r = rows[m];
      for (const WindowScore& w : r.result.windows) {
        windows += data.name + "," + r.model + "," + data.series[w.series].id + "," +
                   civil_from_days(data.first_day + w.origin * data.step_days) + "," +
                   (std::isnan(w.mase) ? std::string("nan") : format("%.6g", w.mase)) + "\n";
      }
    }
    const AccuracySummary& any = rows.front().result.accuracy;
    const std::string section = header + "MASE leaves out " + std::to_string(any.zero_scale) +
                                " windows whose training values have a zero scale.\n\n" + table(rows) + "\n";
    std::cout << "\n" << table(rows) << "\n";
    markdown += section;
  }
  for (const auto& [path, text] : {std::pair{options.markdown, markdown}, std::pair{options.windows, windows}}) {
    if (path.empty()) continue;
    if (!write_atomically(path, text)) {
      std::cerr << path << ": cannot write the file\n";
      return 1;
    }
    std::cout << "wrote " << path << "\n";
  }
  return 0;
}
