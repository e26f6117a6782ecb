// The arms of an experiment file: its named `arms`, then the points of its `sweeps` (grids and Latin hypercubes).
#pragma once
#include "sim/experiment/experiment.hpp"
#include "sim/scenario/tree.hpp"

namespace peaksim::experiment {

// Fills e.arms and e.parameters from the file's `arms` and `sweeps` (e.design_seed and e.base_edits already read),
// and each arm's design. Throws ScenarioError: names twice, a sweep parameter set twice, too many points, ...
void read_arms(const scn::Tree& root, Experiment& e);

}  // namespace peaksim::experiment
