// Building blocks of the parameter table (schema.cpp), for the files that hold some of its rows.
#pragma once
#include <string>
#include <vector>

#include "sim/scenario/schema.hpp"

namespace peaksim::scn {

// A row as schema.cpp builds its own: parent and key from the path; sections and lists default to empty.
Param table_row(std::string path, Type type, std::string meaning);

// robot_schema.cpp: the rows of sites.warehouses[].robots.
std::vector<Param> robot_rows();
std::vector<Param> receiving_rows();  // receiving.cpp
std::vector<Param> packing_rows();    // packing.cpp
// pricing.cpp: catalog.price_response (after the catalog's rows) and the pricing section (before record).
std::vector<Param> pricing_catalog_rows();
std::vector<Param> pricing_rows();
// promotions.cpp: the promotions section (after the pricing section).
std::vector<Param> promotion_rows();
// shocks.cpp: spikes, level shifts and what-ifs of sites.regions[].shocks; the category_shocks list.
std::vector<Param> region_shock_rows();
std::vector<Param> category_shock_rows();
std::vector<Param> substitution_rows();  // substitution.cpp
std::vector<Param> returns_rows();       // returns.cpp

}  // namespace peaksim::scn
