// The fields of one comma-separated line, empty ones kept ("a,,b" has three). No quoting: the history and events
// files peaksim reads hold ids, dates and numbers.
#pragma once
#include <string>
#include <vector>

namespace peaksim::cli {

inline std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return fields;
    start = comma + 1;
  }
}

}  // namespace peaksim::cli
