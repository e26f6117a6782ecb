// A fresh directory for one test, made with mkdtemp(3) under /tmp and removed with all it holds at the end, so
// that tests never see each other's files.
#pragma once
#include <doctest/doctest.h>
#include <stdlib.h>

#include <cstddef>
#include <filesystem>
#include <iterator>
#include <string>
#include <system_error>

namespace peaksim::test {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name = "peaksim-test") {
    std::string pattern = "/tmp/" + name + "-XXXXXX";
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path), {}));
  }
};

}  // namespace peaksim::test
