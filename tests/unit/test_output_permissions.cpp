// The writer's refusal of a directory the process cannot write to. Root may write anywhere, so as root (CI runs
// as root) the writer runs in a child process that first becomes an unprivileged user; where root cannot do that
// the executable says so and is reported as skipped (tests/support/skip.hpp).
#include <grp.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "sim/output/results_writer.hpp"
#include "tests/support/skip.hpp"

namespace fs = std::filesystem;

namespace {

constexpr uid_t kNobody = 65534;  // the overflow user and group id: owns nothing here

// In a child process: leaves root for the unprivileged user, or says why it cannot and returns false.
bool become_unprivileged() {
  if (::geteuid() != 0) return true;
  if (::setgroups(0, nullptr) == 0 && ::setgid(kNobody) == 0 && ::setuid(kNobody) == 0) return true;
  std::fprintf(stderr, "cannot switch to user %u: %s\n", unsigned(kNobody), std::strerror(errno));
  return false;
}

constexpr int kNotUnprivileged = 99;

// Runs `body` in a child process that is not root; returns its exit status (-1 if it did not exit).
template <typename Body>
int unprivileged_child(Body body) {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(become_unprivileged() ? body() : kNotUnprivileged);
  int status = -1;
  if (child < 0 || ::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("The writer rejects an output directory it cannot write to, naming it") {
  char pattern[] = "/tmp/peaksim-test-permissions-XXXXXX";
  REQUIRE(::mkdtemp(pattern) != nullptr);
  const fs::path dir = pattern;
  const fs::path locked = dir / "locked";
  fs::create_directory(locked);
  // Readable and searchable by everyone (the child may be another user), writable by no one.
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                           fs::perms::others_exec);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  const std::string target = (locked / "out.h5").string();
  // 0: refused with the expected message; 1: refused otherwise; 2: accepted.
  const int status = unprivileged_child([&] {
    try {
      peaksim::ResultsWriter writer(target, false, {}, {});
    } catch (const peaksim::OutputError& e) {
      const std::string expected = "directory '" + locked.string() + "' is not writable";
      return std::string(e.what()).find(expected) != std::string::npos ? 0 : 1;
    }
    return 2;
  });
  CHECK(status == 0);
  CHECK_FALSE(fs::exists(target));
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

int main(int argc, char** argv) {
  // As root, whether a child can leave root, tried before any check runs.
  const bool can = ::geteuid() != 0 || unprivileged_child([] { return 0; }) == 0;
  const std::string missing = can ? "" : "running as root, and a child process cannot become an unprivileged user";
  return peaksim::testing::run_unless_missing("test_output_permissions", missing, argc, argv);
}
