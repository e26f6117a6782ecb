#include "forecasting/global_weights_hdf5.hpp"

#include <H5Cpp.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace peaksim::forecasting {
namespace {

constexpr const char* kFormat = "peaksim-global-model";
constexpr int kFormatVersion = 1;
// Version 3 adds the seasonal design's /config season, scale_window, season_neighbours, season_cycles, recent and
// annual;
// written only for a season > 0. Version 2 held an earlier seasonal design that was never shipped; it is refused.
constexpr int kSeasonalFormatVersion = 3;

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

H5::StrType string_type() { return H5::StrType(H5::PredType::C_S1, H5T_VARIABLE); }

void put_string(H5::H5Object& o, const std::string& name, const std::string& value) {
  o.createAttribute(name, string_type(), H5::DataSpace(H5S_SCALAR)).write(string_type(), value);
}
void put_int(H5::H5Object& o, const char* name, int value) {
  o.createAttribute(name, H5::PredType::STD_I32LE, H5::DataSpace(H5S_SCALAR)).write(H5::PredType::NATIVE_INT, &value);
}
void put_double(H5::H5Object& o, const char* name, double value) {
  o.createAttribute(name, H5::PredType::IEEE_F64LE, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_DOUBLE, &value);
}
template <typename T>
void put_vector(H5::Group& g, const char* name, const T* data, hsize_t n, const H5::PredType& disk,
                const H5::PredType& memory) {
  g.createDataSet(name, disk, H5::DataSpace(1, &n)).write(data, memory);
}
void put_matrix(H5::Group& g, const Eigen::MatrixXf& m) {
  const RowMajor rows = m;
  const hsize_t dims[2] = {static_cast<hsize_t>(m.rows()), static_cast<hsize_t>(m.cols())};
  g.createDataSet("weights", H5::PredType::IEEE_F32LE, H5::DataSpace(2, dims))
      .write(rows.data(), H5::PredType::NATIVE_FLOAT);
}

struct Reader {
  std::string path;

  [[noreturn]] void fail(const std::string& what) const { throw WeightsError(path + ": " + what); }

  H5::Attribute attribute(const H5::H5Object& o, const std::string& where, const char* name) const {
    if (!o.attrExists(name)) fail("missing attribute '" + std::string(name) + "' in " + where);
    return o.openAttribute(name);
  }
  std::string get_string(const H5::H5Object& o, const std::string& where, const char* name) const {
    H5::Attribute a = attribute(o, where, name);
    if (a.getTypeClass() != H5T_STRING) fail("attribute '" + std::string(name) + "' in " + where + " is not a string");
    std::string value;
    a.read(a.getStrType(), value);
    return value;
  }
  template <typename T>
  T get_number(const H5::H5Object& o, const std::string& where, const char* name, const H5::PredType& memory) const {
    H5::Attribute a = attribute(o, where, name);
    if (a.getSpace().getSimpleExtentNpoints() != 1 ||
        (a.getTypeClass() != H5T_INTEGER && a.getTypeClass() != H5T_FLOAT)) {
      fail("attribute '" + std::string(name) + "' in " + where + " is not a number");
    }
    T value{};
    a.read(memory, &value);
    return value;
  }
  H5::Group group(const H5::Group& parent, const std::string& name) const {
    if (!parent.nameExists(name)) fail("missing group '" + name + "'");
    return parent.openGroup(name);
  }
  // A dataset of `dims` dimensions; returns its extents.
  std::vector<hsize_t> shape(const H5::Group& g, const std::string& where, const char* name, int dims,
                             H5T_class_t kind) const {
    if (!g.nameExists(name)) fail("missing dataset '" + std::string(name) + "' in " + where);
    H5::DataSet d = g.openDataSet(name);
    if (d.getTypeClass() != kind) fail("dataset '" + std::string(name) + "' in " + where + " has the wrong type");
    H5::DataSpace space = d.getSpace();
    if (space.getSimpleExtentNdims() != dims) {
      fail("dataset '" + std::string(name) + "' in " + where + " should have " + std::to_string(dims) +
           " dimension(s)");
    }
    std::vector<hsize_t> ext(static_cast<std::size_t>(dims));
    space.getSimpleExtentDims(ext.data());
    return ext;
  }
};

}  // namespace

void write_global_model(const GlobalModel& model, const std::string& path, const Provenance& provenance,
                        const std::string& shown_as) {
  const std::string& name = shown_as.empty() ? path : shown_as;
  if (!model.ready()) throw WeightsError(name + ": the model has no weights to save");
  const GlobalConfig& c = model.config();
  H5::Exception::dontPrint();
  try {
    {
      H5::H5File file(path, H5F_ACC_TRUNC);
      H5::Group root = file.openGroup("/");
      put_string(root, "format", kFormat);
      put_int(root, "format_version", c.season > 0 ? kSeasonalFormatVersion : kFormatVersion);
      H5::Group config = file.createGroup("config");
      put_int(config, "lags", c.lags);
      put_int(config, "horizon", c.horizon);
      put_int(config, "covariates", c.covariates);
      put_double(config, "scale_floor", c.scale_floor);
      put_string(config, "frequency", c.frequency);
      if (c.season > 0) {
        put_int(config, "season", c.season);
        put_int(config, "scale_window", c.scale_window);
        put_int(config, "season_neighbours", c.season_neighbours);
        put_int(config, "season_cycles", c.season_cycles);
        put_int(config, "recent", c.recent);
        put_int(config, "annual", c.annual);
      }
      put_vector(config, "levels", c.levels.data(), c.levels.size(), H5::PredType::IEEE_F64LE,
                 H5::PredType::NATIVE_DOUBLE);
      put_vector(config, "hidden", c.hidden.data(), c.hidden.size(), H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT);
      H5::Group norm = file.createGroup("normalisation");
      const auto n = static_cast<hsize_t>(c.input_size());
      put_vector(norm, "input_mean", model.input_mean().data(), n, H5::PredType::IEEE_F32LE,
                 H5::PredType::NATIVE_FLOAT);
      put_vector(norm, "input_std", model.input_std().data(), n, H5::PredType::IEEE_F32LE, H5::PredType::NATIVE_FLOAT);
      H5::Group layers = file.createGroup("layers");
      for (int k = 0; k < model.mlp().layers(); ++k) {
        H5::Group layer = layers.createGroup(std::to_string(k));
        put_matrix(layer, model.mlp().weights[k]);
        put_vector(layer, "bias", model.mlp().biases[k].data(), static_cast<hsize_t>(model.mlp().biases[k].size()),
                   H5::PredType::IEEE_F32LE, H5::PredType::NATIVE_FLOAT);
      }
      H5::Group prov = file.createGroup("provenance");
      for (const auto& [key, value] : provenance) put_string(prov, key, value);
    }
  } catch (const H5::Exception& e) {
    throw WeightsError(name + ": cannot write the weights (" + e.getDetailMsg() + ")");
  }
}

void save_global_model(const GlobalModel& model, const std::string& path, const Provenance& provenance) {
  const std::string temporary = path + ".tmp" + std::to_string(getpid());
  try {
    write_global_model(model, temporary, provenance, path);
    std::filesystem::rename(temporary, path);
  } catch (const WeightsError&) {
    std::remove(temporary.c_str());
    throw;
  } catch (const std::filesystem::filesystem_error& e) {
    std::remove(temporary.c_str());
    throw WeightsError(path + ": cannot write the weights (" + e.what() + ")");
  }
}

GlobalModel load_global_model(const std::string& path, Provenance* provenance) {
  const Reader r{path};
  if (!std::filesystem::exists(path)) r.fail("no such file");
  H5::Exception::dontPrint();
  try {
    if (!H5::H5File::isHdf5(path)) r.fail("not an HDF5 file");
    H5::H5File file(path, H5F_ACC_RDONLY);
    H5::Group root = file.openGroup("/");
    if (!root.attrExists("format") || r.get_string(root, "/", "format") != kFormat) {
      r.fail("not a peaksim global model (the root attribute format should be '" + std::string(kFormat) + "')");
    }
    const int version = r.get_number<int>(root, "/", "format_version", H5::PredType::NATIVE_INT);
    if (version != kFormatVersion && version != kSeasonalFormatVersion) {
      r.fail("format_version " + std::to_string(version) + " is not supported (expected " +
             std::to_string(kFormatVersion) + " or " + std::to_string(kSeasonalFormatVersion) + ")");
    }
    GlobalConfig c;
    H5::Group config = r.group(root, "config");
    c.lags = r.get_number<int>(config, "/config", "lags", H5::PredType::NATIVE_INT);
    c.horizon = r.get_number<int>(config, "/config", "horizon", H5::PredType::NATIVE_INT);
    c.covariates = r.get_number<int>(config, "/config", "covariates", H5::PredType::NATIVE_INT);
    c.scale_floor = r.get_number<double>(config, "/config", "scale_floor", H5::PredType::NATIVE_DOUBLE);
    c.frequency = r.get_string(config, "/config", "frequency");
    if (version == kSeasonalFormatVersion) {
      const auto get = [&](const char* key) {
        return r.get_number<int>(config, "/config", key, H5::PredType::NATIVE_INT);
      };
      c.season = get("season");
      if (c.season < 1) r.fail("/config season must be >= 1 in format_version 3");
      c.scale_window = get("scale_window");
      c.season_neighbours = get("season_neighbours");
      c.season_cycles = get("season_cycles");
      c.recent = get("recent");
      c.annual = get("annual");
    }
    c.levels.resize(r.shape(config, "/config", "levels", 1, H5T_FLOAT)[0]);
    config.openDataSet("levels").read(c.levels.data(), H5::PredType::NATIVE_DOUBLE);
    c.hidden.resize(r.shape(config, "/config", "hidden", 1, H5T_INTEGER)[0]);
    if (!c.hidden.empty()) config.openDataSet("hidden").read(c.hidden.data(), H5::PredType::NATIVE_INT);
    try {
      c.check();
    } catch (const std::invalid_argument& e) {
      r.fail(e.what());
    }
    GlobalModel model(c);
    const auto n = static_cast<hsize_t>(c.input_size());
    H5::Group norm = r.group(root, "normalisation");
    for (const char* name : {"input_mean", "input_std"}) {
      if (r.shape(norm, "/normalisation", name, 1, H5T_FLOAT)[0] != n) {
        r.fail(std::string("/normalisation/") + name + " should have " + std::to_string(n) +
               " entries (the config's input size)");
      }
    }
    model.input_mean().resize(static_cast<Eigen::Index>(n));
    model.input_std().resize(static_cast<Eigen::Index>(n));
    norm.openDataSet("input_mean").read(model.input_mean().data(), H5::PredType::NATIVE_FLOAT);
    norm.openDataSet("input_std").read(model.input_std().data(), H5::PredType::NATIVE_FLOAT);

    H5::Group layers = r.group(root, "layers");
    const auto count = static_cast<int>(c.hidden.size()) + 1;
    if (layers.getNumObjs() != static_cast<hsize_t>(count)) {
      r.fail("/layers should hold " + std::to_string(count) + " layers (hidden sizes + output), found " +
             std::to_string(layers.getNumObjs()));
    }
    Eigen::Index fan_in = static_cast<Eigen::Index>(n);
    for (int k = 0; k < count; ++k) {
      const std::string where = "/layers/" + std::to_string(k);
      H5::Group layer = r.group(layers, std::to_string(k));
      const Eigen::Index rows = k + 1 < count ? c.hidden[k] : c.output_size();
      const auto dims = r.shape(layer, where, "weights", 2, H5T_FLOAT);
      if (dims[0] != static_cast<hsize_t>(rows) || dims[1] != static_cast<hsize_t>(fan_in)) {
        r.fail(where + "/weights is " + std::to_string(dims[0]) + " x " + std::to_string(dims[1]) + ", expected " +
               std::to_string(rows) + " x " + std::to_string(fan_in) + " from the config");
      }
      if (r.shape(layer, where, "bias", 1, H5T_FLOAT)[0] != static_cast<hsize_t>(rows)) {
        r.fail(where + "/bias should have " + std::to_string(rows) + " entries");
      }
      RowMajor w(rows, fan_in);
      layer.openDataSet("weights").read(w.data(), H5::PredType::NATIVE_FLOAT);
      Eigen::VectorXf b(rows);
      layer.openDataSet("bias").read(b.data(), H5::PredType::NATIVE_FLOAT);
      if (!w.allFinite() || !b.allFinite()) r.fail(where + " has a non-finite weight");
      model.mlp().weights.emplace_back(w);
      model.mlp().biases.push_back(std::move(b));
      fan_in = rows;
    }
    if (!model.input_mean().allFinite() || !(model.input_std().array() > 0).all()) {
      r.fail("/normalisation has a non-finite mean or a standard deviation <= 0");
    }
    if (provenance) {
      provenance->clear();
      if (root.nameExists("provenance")) {
        H5::Group prov = root.openGroup("provenance");
        for (int a = 0; a < prov.getNumAttrs(); ++a) {
          H5::Attribute attr = prov.openAttribute(static_cast<unsigned>(a));
          std::string value;
          if (attr.getTypeClass() == H5T_STRING) attr.read(attr.getStrType(), value);
          provenance->emplace_back(attr.getName(), value);
        }
      }
    }
    return model;
  } catch (const H5::Exception& e) {
    r.fail("cannot read the weights (" + e.getDetailMsg() + ")");
  }
}

}  // namespace peaksim::forecasting
