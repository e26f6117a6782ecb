// The few HDF5 writes the results file is made of, shared by the writer's parts (results_writer.cpp,
// tables_writer.cpp). Numbers are little-endian on disk, so files compare byte for byte across hosts; strings are
// variable-length UTF-8 (h5py returns str for attributes, bytes for datasets).
#pragma once
#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace peaksim::hdf5 {

inline H5::StrType string_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

inline H5::DataSpace vector_space(hsize_t n) { return H5::DataSpace(1, &n); }

// A write that converts values (strings, numbers into little-endian) goes through HDF5's conversion buffer, which
// is allocated and zeroed whole for every write: 1 MiB by default, which made the few small writes of a results
// file's header most of the cost of an experiment's many shard files. 64 KiB is ample: conversion goes in strips.
inline const H5::DSetMemXferPropList& small_conversion_buffer() {
  static const H5::DSetMemXferPropList plist = [] {
    H5::DSetMemXferPropList p;
    p.setBuffer(64 * 1024, nullptr, nullptr);
    return p;
  }();
  return plist;
}

// How a results file is opened: closing it closes any object left open, and its metadata cache is held to 512 KB.
// By default that cache grows to 32 MB as a file gains objects (a replication's group and arrays), so the memory of
// a writer, or of a copy of a whole run file (H5Ocopy), grew with the replications. 512 KB holds a replication's
// objects and the group that lists them; entries evicted are written to the file early, which changes no value.
// (Capping HDF5's free lists as well saved no memory and cost a fresh, zeroed 1 MB cache at every file open.)
inline H5::FileAccPropList small_cache_access() {
  H5::FileAccPropList access;
  access.setFcloseDegree(H5F_CLOSE_STRONG);
  H5AC_cache_config_t cache;
  cache.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  H5Pget_mdc_config(access.getId(), &cache);
  cache.set_initial_size = true;
  cache.initial_size = 1 << 18;
  cache.min_size = 1 << 18;
  cache.max_size = 1 << 19;
  H5Pset_mdc_config(access.getId(), &cache);
  return access;
}

// {on disk, in memory}.
template <typename T>
std::pair<const H5::PredType&, const H5::PredType&> types() {
  using P = H5::PredType;
  if constexpr (std::is_same_v<T, std::int8_t>)
    return {P::STD_I8LE, P::NATIVE_INT8};
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return {P::STD_I32LE, P::NATIVE_INT32};
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return {P::STD_I64LE, P::NATIVE_INT64};
  else if constexpr (std::is_same_v<T, std::uint64_t>)
    return {P::STD_U64LE, P::NATIVE_UINT64};
  else
    return {P::IEEE_F64LE, P::NATIVE_DOUBLE};
}

// Creates or overwrites, since commit() updates attributes written at creation.
template <typename T>
void write_scalar_attribute(H5::H5Object& object, const char* name, T value) {
  if (object.attrExists(name)) object.removeAttr(name);
  const auto [on_disk, in_memory] = types<T>();
  object.createAttribute(name, on_disk, H5::DataSpace(H5S_SCALAR)).write(in_memory, &value);
}

// `values` in row-major order of `shape` (1-D when shape is empty).
template <typename T>
void write_numbers(H5::Group& group, const std::string& name, const std::vector<T>& values,
                   std::vector<hsize_t> shape = {}) {
  if (shape.empty()) shape = {values.size()};
  const auto [on_disk, in_memory] = types<T>();
  H5::DataSet dataset = group.createDataSet(name, on_disk, H5::DataSpace(int(shape.size()), shape.data()));
  if (!values.empty())
    dataset.write(values.data(), in_memory, H5::DataSpace::ALL, H5::DataSpace::ALL, small_conversion_buffer());
}

// A scalar for one value, a 1-D array (possibly empty) for a list.
inline void write_attribute(H5::H5Object& object, const char* name, const std::string& value) {
  object.createAttribute(name, string_type(), H5::DataSpace(H5S_SCALAR)).write(string_type(), value);
}

inline void write_attribute(H5::H5Object& object, const char* name, const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  H5::Attribute attribute = object.createAttribute(name, string_type(), vector_space(values.size()));
  if (!values.empty()) attribute.write(string_type(), pointers.data());
}

inline void write_string(H5::Group& group, const char* name, const std::string& value) {
  group.createDataSet(name, string_type(), H5::DataSpace(H5S_SCALAR))
      .write(value, string_type(), H5::DataSpace::ALL, H5::DataSpace::ALL, small_conversion_buffer());
}

inline void write_strings(H5::Group& group, const char* name, const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  H5::DataSet dataset = group.createDataSet(name, string_type(), vector_space(values.size()));
  if (!values.empty())
    dataset.write(pointers.data(), string_type(), H5::DataSpace::ALL, H5::DataSpace::ALL, small_conversion_buffer());
}

}  // namespace peaksim::hdf5
