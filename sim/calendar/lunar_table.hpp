// Encoded Chinese lunar years for lunar_to_gregorian; the data lives in the generated lunar_table.cpp.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

namespace peaksim::cal::detail {

// Supported lunar years; regenerate with scripts/gen_lunar_table.py to change them.
inline constexpr int kLunarFirstYear = 1900;
inline constexpr int kLunarLastYear = 2099;
inline constexpr std::size_t kLunarYearCount = kLunarLastYear - kLunarFirstYear + 1;

// One word per lunar year:
//   bits 0..12   month lengths in calendar order, the leap month in its place: 1 = 30 days, 0 = 29
//   bits 13..16  the leap month (1..12), or 0 when the year has none
//   bits 17..22  the lunar new year, as days after 1 January of the same Gregorian year
extern const std::array<std::uint32_t, kLunarYearCount> kLunarYears;

}  // namespace peaksim::cal::detail
