// Writes an events file (CSV `date,name`, as `peaksim forecast --events` reads it) from the festival rules of
// sim/calendar/festivals.hpp, so that holiday dates are computed, not typed:
//   event_days FROM TO NAME=RULE[:BEFORE:AFTER] ...
// Each occurrence of RULE (a built-in name, "MM-DD", "lunar:MM-DD" or a date) between FROM and TO gives the days
// from BEFORE days before it to AFTER days after it (default 0, 0), named NAME. bench/events/make_events.sh uses it.
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <variant>

#include "sim/calendar/festivals.hpp"

int main(int argc, char** argv) {
  using namespace peaksim::cal;
  if (argc < 4) {
    std::fprintf(stderr, "usage: event_days FROM TO NAME=RULE[:BEFORE:AFTER] ...\n");
    return 2;
  }
  const auto from = Date::parse(argv[1]);
  const auto to = Date::parse(argv[2]);
  if (!from || !to) {
    std::fprintf(stderr, "event_days: FROM and TO must be dates YYYY-MM-DD\n");
    return 2;
  }
  std::set<std::pair<Date, std::string>> days;
  for (int a = 3; a < argc; ++a) {
    const std::string spec = argv[a];
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "event_days: expected NAME=RULE[:BEFORE:AFTER], got '%s'\n", spec.c_str());
      return 2;
    }
    std::string rule_text = spec.substr(eq + 1);
    int before = 0, after = 0;
    // A lunar rule holds a colon itself: the window is the last two colon-separated numbers.
    const auto c2 = rule_text.rfind(':');
    const auto c1 = c2 == std::string::npos || c2 == 0 ? std::string::npos : rule_text.rfind(':', c2 - 1);
    if (c1 != std::string::npos && rule_text.find_first_not_of("0123456789:", c1) == std::string::npos) {
      before = std::atoi(rule_text.substr(c1 + 1, c2 - c1 - 1).c_str());
      after = std::atoi(rule_text.substr(c2 + 1).c_str());
      rule_text.resize(c1);
    }
    const auto parsed = parse_date_rule(rule_text);
    if (const auto* error = std::get_if<std::string>(&parsed)) {
      std::fprintf(stderr, "event_days: %s: %s\n", spec.c_str(), error->c_str());
      return 2;
    }
    for (const Date at : occurrences(std::get<DateRule>(parsed), *from, *to)) {
      for (int d = -before; d <= after; ++d) days.insert({at + d, spec.substr(0, eq)});
    }
  }
  std::printf("date,name\n");
  for (const auto& [date, name] : days) std::printf("%s,%s\n", date.to_string().c_str(), name.c_str());
  return 0;
}
