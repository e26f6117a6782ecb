// The loaders read files, so each harness writes its input to one file in a private temporary folder of its
// process (under $TMPDIR) and hands that path over; the folder goes at a normal exit.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace peaksim::fuzz {

class InputFile {
public:
  explicit InputFile(const std::string& name) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/peaksim-fuzz-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    folder_ = pattern;
    path_ = folder_ + "/" + name;
  }
  ~InputFile() {
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }
  // Replaces the file's content with the input bytes.
  const std::string& write(const std::uint8_t* data, std::size_t size) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    out.close();
    if (!out) {
      std::perror(path_.c_str());
      std::abort();
    }
    return path_;
  }

private:
  std::string folder_, path_;
};

}  // namespace peaksim::fuzz
