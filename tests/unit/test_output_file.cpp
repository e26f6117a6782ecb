// OutputFile (sim/common/output_file.hpp): publishing without replacing, and the removal of temporaries that
// killed processes left.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/common/output_file.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace peaksim;

namespace {

using peaksim::test::TempDir;

std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The pid of a process that has just ended (and been reaped): no process has it now.
pid_t dead_pid() {
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(0);
  REQUIRE(::waitpid(child, nullptr, 0) == child);
  return child;
}

}  // namespace

TEST_CASE("A file that appears at the target while writing is kept, and commit says so") {
  TempDir dir;
  OutputFile out(dir / "a.csv", false);
  std::ofstream(out.temporary()) << "mine";
  std::ofstream(dir / "a.csv") << "theirs";
  try {
    out.commit();
    FAIL("commit replaced a file that appeared meanwhile");
  } catch (const OutputFileError& e) {
    CHECK_FALSE(e.bad_input());
    CHECK(std::string(e.what()) == "'" + dir / "a.csv" +
                                       "' appeared while peaksim was writing it and is kept; nothing was written (use "
                                       "--force to replace it)");
  }
  CHECK(slurp(dir / "a.csv") == "theirs");
}

TEST_CASE("With force, commit replaces the target; the temporary name is short whatever the target's") {
  TempDir dir;
  const std::string long_name = std::string(250, 'y');
  std::ofstream(dir / long_name) << "old";
  OutputFile out(dir / long_name, true);
  CHECK(fs::path(out.temporary()).parent_path() == dir.path);
  CHECK(fs::path(out.temporary()).filename().string().size() < 40);
  std::ofstream(out.temporary()) << "new";
  out.commit();
  CHECK(slurp(dir / long_name) == "new");
  CHECK(std::distance(fs::directory_iterator(dir.path), {}) == 1);
}

TEST_CASE("A symbolic link to nothing at the target counts as an existing file") {
  TempDir dir;
  fs::create_symlink(dir / "nowhere", dir / "out.h5");
  CHECK_THROWS_WITH_AS(OutputFile(dir / "out.h5", false),
                       ("'" + dir / "out.h5" + "' already exists; use --force to overwrite it").c_str(),
                       OutputFileError);
}

TEST_CASE("Only temporaries of processes that no longer exist are removed, and only peaksim's") {
  TempDir dir;
  const std::string dead = ".peaksim-" + std::to_string(dead_pid()) + "-1.tmp";
  const std::string mine = ".peaksim-" + std::to_string(::getpid()) + "-7.tmp";
  const std::string parent = ".peaksim-" + std::to_string(::getppid()) + "-1.tmp";  // alive: it started us
  for (const std::string& name : {dead, mine, parent, std::string(".peaksim-notes.txt"), std::string("data.csv")})
    std::ofstream(dir / name) << "x";
  CHECK(remove_stale_temporaries(dir.path.string()) == 1);
  CHECK_FALSE(fs::exists(dir / dead));
  for (const std::string& name : {mine, parent, std::string(".peaksim-notes.txt"), std::string("data.csv")}) {
    INFO(name);
    CHECK(fs::exists(dir / name));
  }
}

TEST_CASE("An OutputFile destroyed before commit removes its temporary file and leaves the folder empty") {
  TempDir dir;
  std::string temporary;
  {
    OutputFile out(dir / "b.csv", false);
    temporary = out.temporary();
    std::ofstream(temporary) << "partial";
  }
  CHECK_FALSE(fs::exists(temporary));
  CHECK(std::distance(fs::directory_iterator(dir.path), {}) == 0);
}

TEST_CASE("A link planted under a temporary name redirects nothing: another name is taken, created exclusively") {
  TempDir dir;
  std::ofstream(dir / "victim") << "keep";
  // Names of this process's next temporaries (the counter is shared by the test cases run before).
  for (int n = 1; n <= 50; ++n)
    fs::create_symlink(dir / "victim",
                       dir / (".peaksim-" + std::to_string(::getpid()) + "-" + std::to_string(n) + ".tmp"));
  OutputFile out(dir / "c.csv", false);
  CHECK(fs::is_regular_file(fs::symlink_status(out.temporary())));
  std::ofstream(out.temporary()) << "mine";
  out.commit();
  CHECK(slurp(dir / "victim") == "keep");
  CHECK(slurp(dir / "c.csv") == "mine");
}
