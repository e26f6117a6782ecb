#include "sim/experiment/experiment_file.hpp"

#include <H5Cpp.h>
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "sim/common/output_file.hpp"
#include "sim/output/hdf5_io.hpp"
#include "sim/output/results_writer.hpp"

namespace peaksim::experiment {
namespace {

using namespace hdf5;

std::string edits_text(const std::vector<Edit>& edits) {
  std::string out;
  for (const Edit& e : edits) out += (out.empty() ? "" : "\n") + e.text;
  return out;
}

void write_experiment_group(H5::H5File& f, const Experiment& e, const ExperimentRecord& r) {
  H5::Group g = f.createGroup("experiment");
  write_string(g, "file", e.file);
  write_string(g, "text", e.text);
  write_string(g, "scenario_path", e.scenario_path);
  H5::Group arms = g.createGroup("arms");
  std::vector<std::string> names, sweeps, edits;
  for (const Arm& a : e.arms) {
    names.push_back(a.name);
    sweeps.push_back(a.sweep);
    edits.push_back(edits_text(a.edits));
  }
  write_strings(arms, "name", names);
  write_strings(arms, "sweep", sweeps);
  write_strings(arms, "edits", edits);
  write_numbers(arms, "replications", std::vector<std::int64_t>(e.arms.size(), r.replications));
  H5::Group design = g.createGroup("design");
  for (std::size_t p = 0; p < e.parameters.size(); ++p) {
    std::vector<double> values;
    for (const Arm& a : e.arms)
      values.push_back(p < a.design.size() ? a.design[p] : std::numeric_limits<double>::quiet_NaN());
    write_numbers(design, e.parameters[p], values);
  }
  H5::Group compare = g.createGroup("compare");
  std::vector<std::string> kpis, goals;
  for (const Comparison& c : e.compare) {
    kpis.push_back(c.kpi);
    goals.push_back(c.goal == Goal::minimize ? "min" : "max");
  }
  write_strings(compare, "kpi", kpis);
  write_strings(compare, "goal", goals);

  const ComparisonTables& t = r.tables;
  {
    H5::Group s = g.createGroup("summary");
    std::vector<std::string> arm, kpi;
    std::vector<std::int64_t> n;
    std::vector<double> mean, sd, hw;
    for (const ArmSummary& row : t.summary) {
      arm.push_back(row.arm), kpi.push_back(row.kpi), n.push_back(row.n);
      mean.push_back(row.mean), sd.push_back(row.sd), hw.push_back(row.half_width);
    }
    write_strings(s, "arm", arm), write_strings(s, "kpi", kpi), write_numbers(s, "n", n);
    write_numbers(s, "mean", mean), write_numbers(s, "sd", sd), write_numbers(s, "half_width", hw);
  }
  {
    H5::Group p = g.createGroup("paired");
    std::vector<std::string> arm, kpi;
    std::vector<std::int64_t> n;
    std::vector<double> mean, sd, hw, better;
    for (const PairedDifference& row : t.paired) {
      arm.push_back(row.arm), kpi.push_back(row.kpi), n.push_back(row.n);
      mean.push_back(row.mean), sd.push_back(row.sd), hw.push_back(row.half_width);
      better.push_back(row.better_share);
    }
    write_strings(p, "arm", arm), write_strings(p, "kpi", kpi), write_numbers(p, "n", n);
    write_numbers(p, "mean", mean), write_numbers(p, "sd", sd), write_numbers(p, "half_width", hw);
    write_numbers(p, "better_share", better);
  }
  {
    H5::Group q = g.createGroup("ranking");
    std::vector<std::string> kpi, arm;
    std::vector<std::int64_t> rank;
    std::vector<double> best;
    for (const RankRow& row : t.ranking) {
      kpi.push_back(row.kpi), arm.push_back(row.arm), rank.push_back(row.rank);
      best.push_back(row.probability_best);
    }
    write_strings(q, "kpi", kpi), write_strings(q, "arm", arm), write_numbers(q, "rank", rank);
    write_numbers(q, "probability_best", best);
  }
  if (e.stopping) {
    H5::Group s = g.createGroup("stopping");
    write_string(s, "kpi", e.stopping->kpi);
    // As the experiment file writes it: a half-width, or a percentage of |mean|.
    const std::string target = e.stopping->half_width ? fmt::format("{}", *e.stopping->half_width)
                                                      : fmt::format("{}%", e.stopping->relative.value_or(0) * 100);
    write_string(s, "target", target);
    const std::int32_t met = r.stopping_met.value_or(false) ? 1 : 0;
    const auto [on_disk, in_memory] = types<std::int32_t>();
    s.createDataSet("met", on_disk, H5::DataSpace(H5S_SCALAR)).write(&met, in_memory);
  }
}

}  // namespace

struct ExperimentFileWriter::Impl {
  std::unique_ptr<OutputFile> output;
  std::unique_ptr<H5::H5File> file;
  ~Impl() {
    try {
      if (file) file->close();
    } catch (...) {
      static_cast<void>(file.release());  // a failed close must not be retried (HDF5 1.10 crashes then)
    }
  }
};

ExperimentFileWriter::ExperimentFileWriter(const std::string& path, bool force, const std::vector<std::string>& inputs)
    : impl_(std::make_unique<Impl>()) {
  H5::Exception::dontPrint();
  try {
    impl_->output = std::make_unique<OutputFile>(path, force, inputs);
  } catch (const OutputFileError& e) {
    throw OutputRefused(e.what());
  }
  try {
    const H5::FileAccPropList access = small_cache_access();
    impl_->file =
        std::make_unique<H5::H5File>(impl_->output->temporary(), H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, access);
    write_file_header(*impl_->file, this_build(), "experiment");
    impl_->file->createGroup("arms");
  } catch (const H5::Exception& e) {
    throw OutputError(fmt::format("HDF5 error while creating '{}': {}", path, e.getDetailMsg()));
  }
}

ExperimentFileWriter::~ExperimentFileWriter() = default;

void ExperimentFileWriter::add_arm(const std::string& arm, const std::string& run_file) {
  try {
    const H5::H5File source(run_file, H5F_ACC_RDONLY, H5::FileCreatPropList::DEFAULT, small_cache_access());
    const H5::Group arms = impl_->file->openGroup("arms");
    if (H5Ocopy(source.getId(), "/", arms.getId(), arm.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
      throw OutputError(fmt::format("cannot copy '{}' to /arms/{} of '{}'", run_file, arm, impl_->output->target()));
  } catch (const H5::Exception& e) {
    throw OutputError(
        fmt::format("HDF5 error while adding arm '{}' to '{}': {}", arm, impl_->output->target(), e.getDetailMsg()));
  }
}

void ExperimentFileWriter::commit(const Experiment& e, const ExperimentRecord& record) {
  try {
    H5::H5File& f = *impl_->file;
    write_attribute(f, "experiment_name", e.name);
    write_scalar_attribute(f, "seed", record.seed);
    write_scalar_attribute(f, "design_seed", e.design_seed);
    write_attribute(f, "baseline", e.baseline);
    write_experiment_group(f, e, record);
    write_scalar_attribute(f, "complete", std::int32_t{1});
    f.flush(H5F_SCOPE_GLOBAL);
    f.close();
    impl_->file.reset();
  } catch (const H5::Exception& ex) {
    throw OutputError(fmt::format("HDF5 error while finishing '{}': {}", impl_->output->target(), ex.getDetailMsg()));
  }
  try {
    impl_->output->commit();
  } catch (const OutputFileError& ex) {
    throw OutputError(ex.what());
  }
}

}  // namespace peaksim::experiment
