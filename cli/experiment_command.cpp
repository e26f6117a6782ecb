// `peaksim experiment FILE.yaml -o results.h5`: load the experiment and every arm, then hand them to the runner
// (sim/experiment/runner.hpp), which runs them on common random numbers, resumably, and writes the comparison.
#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <iostream>

#include "cli/cli_checks.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "model/experiment_arms.hpp"
#include "model/memory_budget.hpp"
#include "sim/experiment/experiment.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/montecarlo/task_scheduler.hpp"
#include "sim/scenario/loader.hpp"

namespace peaksim::cli {

int experiment(const ExperimentOptions& options) {
  mallopt(M_MMAP_THRESHOLD, 1 << 20);  // as `run` does: large result buffers go back to the system at once
  std::unique_ptr<TaskScheduler> scheduler;
  try {
    scheduler = make_task_scheduler();
  } catch (const std::exception& e) {
    std::cerr << "peaksim: " << e.what() << '\n';
    return 1;
  }
  const bool root = scheduler->is_root();
  // Every rank checks the input; rank 0 alone speaks.
  const auto refuse = [root](const std::string& message) {
    if (root) std::cerr << message << '\n';
    return 2;
  };
  if (refuse_folder(options.file, "an experiment file (YAML)")) return 2;
  // Under MPI each rank runs one worker unless told otherwise: the ranks are the parallelism.
  const int jobs = options.jobs > 0 ? options.jobs : scheduler->ranks() > 1 ? 1 : default_jobs();
  experiment::Experiment e;
  PreparedArms arms;
  try {
    e = experiment::load_experiment(options.file);
    arms = prepare_arms(e, jobs, options.batch);
  } catch (const ScenarioError& error) {
    return refuse(error.what());
  } catch (const ArmRefused& error) {
    return refuse(error.what());
  }

  experiment::RunnerOptions run{options.output, options.force, options.resume,       options.quiet,
                                jobs,           options.batch, options.command_line, {}};
  std::unique_ptr<Progress> progress;
  if (root && !options.quiet && isatty(STDERR_FILENO))
    run.progress = [&progress](std::size_t done, std::size_t total) {
      if (!progress) progress = std::make_unique<Progress>(total, true, done);
      progress->update(done, total);
    };
  try {
    experiment::run_experiment(e, arms.runs, run, *scheduler, std::cout);
    if (progress) progress->done();
    if (root) report_memory_when_asked();
  } catch (const experiment::ExperimentRefused& error) {
    return refuse("peaksim: " + std::string(error.what()));
  } catch (const experiment::ExperimentFailed& error) {
    if (progress) progress->done();
    if (root) std::cerr << error.what() << '\n';
    return error.status();
  }
  return 0;
}

}  // namespace peaksim::cli
