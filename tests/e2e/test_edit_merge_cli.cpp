// The command line's scenario edits and `peaksim merge`, as a user runs them: edits apply in order and are recorded
// in the file; a merge of parts run with --first is the file one run over all replications writes (dataset by
// dataset, stored chunk by chunk, /tail and the printed summary recomputed); each refusal is one exact message,
// exit status 2 and a folder left as it was.
#include <doctest/doctest.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "sim/output/results_reader.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;

namespace {

const std::string kReference = source_path("scenarios/reference/single_sS.yaml");
// Small and fast, with recorded arrays (several chunks each) and the SKU breakdown, so that every part of a
// results file is merged.
const std::string kSmall =
    " --set catalog.generate.count=20 --set record.level=sku_daily --set record.kpi_by_sku=true -q ";

std::vector<std::string> read_strings(const H5::DataSet& ds) { return peaksim::read_string_dataset(ds); }

std::vector<std::string> read_strings(const std::string& file, const std::string& dataset) {
  H5::H5File f(file, H5F_ACC_RDONLY);
  if (f.openDataSet(dataset).getSpace().getSimpleExtentType() == H5S_SCALAR) {
    std::string one;
    f.openDataSet(dataset).read(one, f.openDataSet(dataset).getStrType());
    return {one};
  }
  return read_strings(f.openDataSet(dataset));
}

// Every object below the root, by path.
std::set<std::string> objects(const H5::H5File& f) {
  std::set<std::string> out;
  H5Ovisit(
      f.getId(), H5_INDEX_NAME, H5_ITER_NATIVE,
      [](hid_t, const char* name, const H5O_info_t*, void* data) -> herr_t {
        static_cast<std::set<std::string>*>(data)->insert(name);
        return 0;
      },
      &out);
  return out;
}

// A dataset's values as comparable bytes: strings as text, numbers in their native type (NaN compares by bits).
std::string content(const H5::DataSet& ds) {
  const H5::DataType type = ds.getDataType();
  if (type.getClass() == H5T_STRING) {
    if (ds.getSpace().getSimpleExtentType() == H5S_SCALAR) {
      std::string one;
      ds.read(one, ds.getStrType());
      return one;
    }
    std::string all;
    for (const std::string& s : read_strings(ds)) all += s + '\0';
    return all;
  }
  const hid_t native = H5Tget_native_type(type.getId(), H5T_DIR_DEFAULT);
  std::string bytes(std::size_t(ds.getSpace().getSimpleExtentNpoints()) * H5Tget_size(native), '\0');
  if (!bytes.empty()) H5Dread(ds.getId(), native, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
  H5Tclose(native);
  return bytes;
}

// The stored bytes of each chunk of a chunked dataset, by chunk index.
std::vector<std::string> stored_chunks(const H5::DataSet& ds) {
  std::vector<std::string> out;
  const H5::DataSpace space = ds.getSpace();
  hsize_t n = 0;
  H5Dget_num_chunks(ds.getId(), space.getId(), &n);
  for (hsize_t c = 0; c < n; ++c) {
    std::vector<hsize_t> offset(std::size_t(space.getSimpleExtentNdims()));
    unsigned mask = 0;
    haddr_t address = 0;
    hsize_t size = 0;
    H5Dget_chunk_info(ds.getId(), space.getId(), c, offset.data(), &mask, &address, &size);
    std::string bytes(std::size_t(size), '\0');
    std::uint32_t filters = 0;
    H5Dread_chunk(ds.getId(), H5P_DEFAULT, offset.data(), &filters, bytes.data());
    out.push_back(bytes);
  }
  return out;
}

std::string attribute_text(const H5::H5Object& object, const std::string& name) {
  const H5::Attribute a = object.openAttribute(name);
  const H5::DataType type = a.getDataType();
  if (type.getClass() == H5T_STRING && a.getSpace().getSimpleExtentType() == H5S_SCALAR) {
    std::string one;
    a.read(a.getStrType(), one);
    return one;
  }
  if (type.getClass() == H5T_STRING) {
    std::vector<char*> raw(std::size_t(a.getSpace().getSimpleExtentNpoints()));
    H5::StrType st(H5::PredType::C_S1, H5T_VARIABLE);
    st.setCset(H5T_CSET_UTF8);
    if (!raw.empty()) a.read(st, raw.data());
    std::string all;
    for (char* p : raw) all += std::string(p) + '\0';
    H5Dvlen_reclaim(st.getId(), a.getSpace().getId(), H5P_DEFAULT, raw.data());
    return all;
  }
  const hid_t native = H5Tget_native_type(type.getId(), H5T_DIR_DEFAULT);
  std::string bytes(std::size_t(a.getSpace().getSimpleExtentNpoints()) * H5Tget_size(native), '\0');
  H5Aread(a.getId(), native, bytes.data());
  H5Tclose(native);
  return bytes;
}

std::vector<std::string> attribute_names(const H5::H5Object& object) {
  std::vector<std::string> names;
  for (int i = 0; i < object.getNumAttrs(); ++i) names.push_back(object.openAttribute(unsigned(i)).getName());
  std::sort(names.begin(), names.end());
  return names;
}

// The KPI table and tail that run and merge print, without the first line (which names the file and the time).
std::string summary(const std::string& out) { return out.substr(out.find('\n') + 1); }

// Runs `args` in the folder and checks the exact message, status 2 and an unchanged folder.
void check_refused(const TempDir& dir, const std::string& args, const std::string& expected) {
  INFO("peaksim " << args);
  const auto before = listing(dir.path);
  const Outcome o = run_peaksim(args, dir.path.string());
  CHECK(o.status == 2);
  CHECK(o.err == expected);
  CHECK(o.out.empty());
  CHECK(listing(dir.path) == before);
}

}  // namespace

TEST_CASE("--set and --unset apply in command-line order and the file records them in that order") {
  TempDir dir;
  // Deleting the policy and then giving one of another type: in the other order the policy would be gone.
  const Outcome o = run_peaksim("run " + kReference + kSmall +
                                "--unset policy --set 'policy={type: base_stock, S: 30}' -n 2 -o " + (dir / "e.h5"));
  REQUIRE(o.status == 0);
  CHECK(read_strings(dir / "e.h5", "/provenance/overrides") ==
        std::vector<std::string>{"catalog.generate.count=20", "record.level=sku_daily", "record.kpi_by_sku=true",
                                 "--unset policy", "policy={type: base_stock, S: 30}", "replications=2"});
  CHECK(read_strings(dir / "e.h5", "/skus/policy") == std::vector<std::string>(20, "base_stock"));
  const Outcome reversed = run_peaksim("validate " + kReference +
                                       " --set 'policy={type: base_stock, S: 30}' --unset "
                                       "policy --unset policy.s");
  CHECK(reversed.status == 2);
  CHECK(reversed.err ==
        "--unset policy.s: policy: nothing to delete: the scenario has no key 'policy' here (keys here: name, "
        "description, start_date, horizon, seed, replications, calendar, catalog, sites, lanes, costs, record)\n");
}

TEST_CASE("a bad edit is one message with exit status 2, and run writes nothing") {
  TempDir dir;
  fs::copy_file(kReference, dir / "s.yaml");
  check_refused(
      dir, "run s.yaml -q -o out.h5 --unset polcy",
      "--unset polcy: polcy: nothing to delete: the scenario has no key 'polcy' here; did you mean 'policy'?\n");
  check_refused(dir, "run s.yaml -q -o out.h5 --set 'lanes[4].from=x'",
                "--set lanes[4].from=x: lanes[4]: index 4 is beyond the end of 'lanes' (2 items)\n");
  check_refused(dir, "run s.yaml -q -o out.h5 --set 'policy[+]=1'",
                "--set policy[+]=1: policy: cannot append to 'policy': it holds a map, not a list\n");
  check_refused(
      dir, "run s.yaml -q -o out.h5 --unset horizon",
      "--unset horizon: horizon: missing required key 'horizon' (a duration with a unit, such as 3d or 12h)\n");
  check_refused(dir, "run s.yaml -q -o out.h5 --set 'policy.s=~'",
                "--set policy.s=~: policy.s: a null value (~, null or nothing) is not a value; to delete the key use "
                "--unset policy.s, and for empty text write policy.s=''\n");
}

TEST_CASE("merging replications 0-3 and 4-7 gives the file of one run of 0-7, dataset by dataset") {
  TempDir dir;
  const std::string run = "run " + kReference + kSmall;
  REQUIRE(run_peaksim(run + "-n 4 -o a.h5", dir.path.string()).status == 0);
  REQUIRE(run_peaksim(run + "-n 4 --first 4 -o b.h5", dir.path.string()).status == 0);
  const Outcome single = run_peaksim("run " + kReference +
                                         " --set catalog.generate.count=20 --set record.level=sku_daily --set "
                                         "record.kpi_by_sku=true -n 8 -o all.h5",
                                     dir.path.string());
  REQUIRE(single.status == 0);
  const Outcome merged = run_peaksim("merge b.h5 a.h5 -o m.h5", dir.path.string());  // any order of the parts
  REQUIRE(merged.status == 0);
  CHECK(merged.err.empty());
  // The summary printed is recomputed over all eight: the same KPI table and tail as the single run's.
  CHECK(summary(merged.out) == summary(single.out));
  CHECK(merged.out.find("stock-out on a peak day") != std::string::npos);

  const H5::H5File one(dir / "all.h5", H5F_ACC_RDONLY), m(dir / "m.h5", H5F_ACC_RDONLY);
  std::set<std::string> expected = objects(one);
  expected.insert("provenance/merged_from");  // what a merge adds: the files it joined
  REQUIRE(objects(m) == expected);
  CHECK(read_strings(dir / "m.h5", "/provenance/merged_from") == std::vector<std::string>{"b.h5", "a.h5"});
  int datasets = 0, chunked = 0;
  for (const std::string& path : objects(one)) {
    INFO(path);
    if (path == ".") continue;  // the root, whose attributes are compared below
    if (one.childObjType(path) == H5O_TYPE_GROUP) {
      const H5::Group a = one.openGroup(path), b = m.openGroup(path);
      CHECK(attribute_names(a) == attribute_names(b));
      for (const std::string& name : attribute_names(a)) CHECK(attribute_text(a, name) == attribute_text(b, name));
      continue;
    }
    const H5::DataSet a = one.openDataSet(path), b = m.openDataSet(path);
    CHECK(attribute_names(a) == attribute_names(b));
    for (const std::string& name : attribute_names(a)) CHECK(attribute_text(a, name) == attribute_text(b, name));
    if (path == "provenance/command_line") {
      CHECK(content(b) == std::string(PEAKSIM_BIN) + " merge b.h5 a.h5 -o m.h5");
      continue;
    }
    ++datasets;
    CHECK(content(a) == content(b));
    if (path.rfind("replications/", 0) == 0 && a.getCreatePlist().getLayout() == H5D_CHUNKED) {
      ++chunked;
      CHECK(stored_chunks(a) == stored_chunks(b));  // stored as the run stored them, byte for byte
    }
  }
  CHECK(datasets > 50);
  CHECK(chunked > 8);
  // Root attributes: all equal but the time the file was made.
  for (const std::string& name : attribute_names(one))
    if (name != "created_utc") CHECK(attribute_text(one, name) == attribute_text(m, name));
}

TEST_CASE("merge refuses inputs of another seed, scenario or build, repeated ids and files that are not results") {
  TempDir dir;
  const std::string run = "run " + kReference + kSmall;
  REQUIRE(run_peaksim(run + "-n 2 -o a.h5", dir.path.string()).status == 0);
  REQUIRE(run_peaksim(run + "-n 2 --first 1 -o overlap.h5", dir.path.string()).status == 0);
  REQUIRE(run_peaksim(run + "-n 2 --first 2 --seed 7 -o seed7.h5", dir.path.string()).status == 0);
  REQUIRE(run_peaksim(run + "-n 2 --first 2 --set costs.order_fixed=11 -o other.h5", dir.path.string()).status == 0);
  REQUIRE(run_peaksim(run + "-n 2 --first 2 -o b.h5", dir.path.string()).status == 0);
  // A part written by another build: b.h5 as if from another commit.
  fs::copy_file(dir / "b.h5", dir / "build.h5");
  {
    H5::H5File f(dir / "build.h5", H5F_ACC_RDWR);
    f.removeAttr("git_commit");
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    f.createAttribute("git_commit", type, H5::DataSpace(H5S_SCALAR)).write(type, std::string("0123abc"));
  }
  std::ofstream(dir / "notes.h5") << "not HDF5\n";
  {
    H5::H5File plain(dir / "plain.h5", H5F_ACC_TRUNC);  // HDF5, but not a results file
    plain.createGroup("data");
  }
  check_refused(dir, "merge a.h5 seed7.h5 -o m.h5",
                "peaksim: 'seed7.h5' has seed 7 but 'a.h5' has seed 20250101; only runs of one scenario and seed "
                "merge\n");
  check_refused(dir, "merge a.h5 other.h5 -o m.h5",
                "peaksim: 'other.h5' ran another scenario than 'a.h5' (line 81 of the stored scenario reads "
                "'  order_fixed: 10' in 'a.h5' and '  order_fixed: 11' in 'other.h5'); only runs of one scenario "
                "and seed merge\n");
  const std::string version = attribute_text(H5::H5File(dir / "a.h5", H5F_ACC_RDONLY), "peaksim_version");
  const std::string commit = attribute_text(H5::H5File(dir / "a.h5", H5F_ACC_RDONLY), "git_commit");
  check_refused(dir, "merge a.h5 build.h5 -o m.h5",
                "peaksim: 'build.h5' was written by peaksim " + version + " (0123abc) but 'a.h5' by peaksim " +
                    version + " (" + commit +
                    "); only files of one build merge, since another build may simulate differently\n");
  check_refused(dir, "merge a.h5 b.h5 overlap.h5 -o m.h5",
                "peaksim: replication 1 is in both 'a.h5' and 'overlap.h5'; the files of a merge hold different "
                "replications (run the parts with --first)\n");
  check_refused(dir, "merge a.h5 ./a.h5 -o m.h5",
                "peaksim: 'a.h5' and './a.h5' are the same file; give each part once\n");
  check_refused(dir, "merge a.h5 notes.h5 -o m.h5",
                "peaksim: 'notes.h5' is not a peaksim results file (not an HDF5 file)\n");
  check_refused(dir, "merge a.h5 plain.h5 -o m.h5",
                "peaksim: 'plain.h5' is not a peaksim results file (no schema_version or provenance)\n");
  check_refused(dir, "merge a.h5 missing.h5 -o m.h5", "peaksim: cannot read 'missing.h5': No such file or directory\n");
  // The output goes through the safe path: never an input, never an existing file without --force.
  check_refused(dir, "merge a.h5 b.h5 -o b.h5 --force",
                "peaksim: cannot write 'b.h5': it is the input file 'b.h5'; choose another output\n");
  check_refused(dir, "merge a.h5 b.h5 -o seed7.h5",
                "peaksim: 'seed7.h5' already exists; use --force to overwrite it\n");
  REQUIRE(run_peaksim("merge a.h5 b.h5 -q -o seed7.h5 --force", dir.path.string()).status == 0);
  CHECK(read_doubles(dir / "seed7.h5", "/kpi/replication") == std::vector<double>{0, 1, 2, 3});
}
