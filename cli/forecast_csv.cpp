#include "cli/forecast_csv.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <iostream>

namespace peaksim::cli {

std::string format_number(double value) {
  if (value == 0) return "0";
  const double magnitude = std::abs(value);
  if (!std::isfinite(value) || magnitude < 1e-4 || magnitude >= 1e15) return fmt::format("{:.6g}", value);
  const int integer_digits = static_cast<int>(std::floor(std::log10(magnitude))) + 1;
  std::string text = fmt::format("{:.{}f}", value, std::max(0, 6 - integer_digits));
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") return "0";
  return text;
}

ForecastWriter::ForecastWriter(OutputFile& output, const std::vector<double>& levels) : output_(output) {
  errno = 0;
  file_ = std::fopen(output.temporary().c_str(), "w");
  if (file_ == nullptr) error_ = errno != 0 ? errno : EIO;
  fmt::format_to(std::back_inserter(text_), "series_id,date,mean");
  for (const double level : levels) fmt::format_to(std::back_inserter(text_), ",q{}", level);
  fmt::format_to(std::back_inserter(text_), ",model,warning\n");
}

ForecastWriter::~ForecastWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void ForecastWriter::flush() {
  if (error_ == 0 && std::fwrite(text_.data(), 1, text_.size(), file_) != text_.size()) {
    error_ = errno != 0 ? errno : EIO;
  }
  text_.clear();
}

void ForecastWriter::write(const Series& series, const SeriesForecast& f) {
  const auto out = std::back_inserter(text_);
  for (std::size_t h = 0; h < f.mean.size(); ++h) {
    fmt::format_to(out, "{},{},{}", series.id, series.date(static_cast<int>(series.values.size() + h)).to_string(),
                   format_number(f.mean[h]));
    for (const auto& q : f.quantiles) fmt::format_to(out, ",{}", format_number(q[h]));
    fmt::format_to(out, ",{},{}\n", f.model, f.warning);
  }
  if (text_.size() > (1 << 16)) flush();
}

bool ForecastWriter::finish() {
  flush();
  if (file_ != nullptr && std::fclose(file_) != 0 && error_ == 0) error_ = errno != 0 ? errno : EIO;
  file_ = nullptr;
  if (error_ != 0) {
    std::cerr << fmt::format("{}: cannot write the file: {}\n", output_.target(), std::strerror(error_));
    return false;
  }
  try {
    output_.commit();
  } catch (const OutputFileError& e) {
    std::cerr << e.what() << '\n';
    return false;
  }
  return true;
}

}  // namespace peaksim::cli
