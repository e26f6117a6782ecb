// An experiment file (scenarios/experiments/*.yaml): a base scenario, the arms to compare on common random
// numbers (named edits, or arms made by sweeps: grids and Latin hypercubes with their own design seed), how many
// replications or a stopping rule, and which KPIs to compare against which baseline arm.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peaksim::experiment {

// One scenario edit as `peaksim run` takes it: "key.path=value" (a --set, value in YAML flow form) or
// "--unset key.path" (sim/scenario/loader.hpp, kUnsetPrefix). `origin` is where the experiment file wrote it,
// "FILE:LINE:COLUMN", so that a value the scenario refuses is reported there.
struct Edit {
  std::string text;
  std::string origin;
};

struct Arm {
  std::string name;         // unique; for sweep points "<sweep>[key=value,...]"
  std::vector<Edit> edits;  // applied in order on the base scenario
  std::string sweep;        // the sweep that made it, "" for a named arm
  // The sweep parameters' values of this arm (same order as Experiment::parameters; NaN where not set).
  std::vector<double> design;
};

// Which way is better for a compared KPI.
enum class Goal { minimize, maximize };

struct Comparison {
  std::string kpi;  // a KPI name of /kpi
  Goal goal = Goal::minimize;
};

// Run until every arm's 95% half-width of `kpi` is at most `half_width` (absolute) or `relative` x |mean|,
// in blocks of `block` replications per arm, from `min_replications` to `max_replications`.
struct StoppingRule {
  std::string kpi;
  std::optional<double> half_width;
  std::optional<double> relative;
  std::int64_t min_replications = 0;
  std::int64_t max_replications = 0;
  std::int64_t block = 0;
};

struct Experiment {
  std::string name;
  std::string file;                   // the experiment file as given
  std::string text;                   // its contents, stored in the results for provenance
  std::string scenario_path;          // the base scenario, resolved relative to the experiment file
  std::vector<Edit> base_edits;       // edits every arm gets first (the experiment's own `set`/`unset`)
  std::optional<std::uint64_t> seed;  // the simulation seed, else the scenario's
  std::uint64_t design_seed = 0;      // Latin hypercube sampling and the bootstrap of the ranking
  std::int64_t replications = 0;      // fixed count (when no stopping rule)
  std::optional<StoppingRule> stopping;
  std::vector<Arm> arms;                // named arms first, then sweep points, in file order
  std::vector<std::string> parameters;  // the sweep parameters' key paths, first-seen order
  std::string baseline;                 // an arm name
  std::vector<Comparison> compare;
};

// Reads and checks an experiment file. Throws ScenarioError (sim/scenario/loader.hpp) naming file, line,
// column and key path; an unknown key names the nearest known one. Does not load the base scenario.
Experiment load_experiment(const std::string& path);

}  // namespace peaksim::experiment
