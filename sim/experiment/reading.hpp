// What the experiment loader's files share: reading one value of the experiment file's tree with a message in the
// scenario loader's form (FILE:LINE:COLUMN: key.path: message), and turning `set`/`unset` into edits.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/experiment/experiment.hpp"
#include "sim/scenario/tree.hpp"

namespace peaksim::experiment::reading {

using scn::Tree;

// Limits of an experiment file (docs/experiments.md, Limits).
inline constexpr std::size_t kMaxArms = 10'000;       // named arms and sweep points together
inline constexpr std::size_t kMaxArmNameBytes = 200;  // an arm's name, also as an HDF5 group and file name
inline constexpr std::int64_t kMaxLatinSamples = 10'000;

// Refuses a node that is not a map, and keys of it outside `known` (naming the nearest known key).
void require_map(const Tree& node, const std::string& path, const std::string& what);
void only_keys(const Tree& node, const std::string& path, const std::vector<std::string>& known);
// A key `node` must hold (`what` says what it is, for the message).
const Tree& required(const Tree& node, const std::string& path, const std::string& key, const std::string& what);

std::int64_t integer(const Tree& node, const std::string& path, std::int64_t at_least, std::int64_t at_most);
double number(const Tree& node, const std::string& path);  // a finite number within the scenario's magnitude
std::string text(const Tree& node, const std::string& path, const std::string& what);  // a non-empty scalar
// An arm or sweep name: non-empty text without '/', not "." or "..", at most kMaxArmNameBytes.
std::string name(const Tree& node, const std::string& path, const std::string& what);

// The edits of a map's `set` (a map of key path -> value) and `unset` (a list of key paths), in the order the
// map writes those two keys. Each edit's origin is its value (set) or item (unset) in the file.
std::vector<Edit> edits_of(const Tree& owner, const std::string& path);
// One --set edit, "key=value" with the value in YAML flow form, located at the value.
Edit set_edit(const std::string& key, const Tree& value, const std::string& path);
// A key path as set/unset/sweeps write it: non-empty, without '=' or spaces.
std::string key_path(const std::string& key, const std::string& where, const std::string& path);

}  // namespace peaksim::experiment::reading
