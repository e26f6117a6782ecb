#include "sim/common/output_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "sim/common/fault_cleanup.hpp"

namespace peaksim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPrefix = ".peaksim-";

std::string folder_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// Returns 0 or errno. Without an fsync before the rename a crash could leave an empty file under the final name;
// the folder's fsync makes the rename itself durable.
int sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return errno;
  const int rc = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return rc;
}

// Moves `from` to `to` unless `to` exists; returns 0 or errno (EEXIST when it does).
int publish_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return errno;
  // A file system without RENAME_NOREPLACE: link(2) fails with EEXIST just as atomically.
  if (::link(from.c_str(), to.c_str()) != 0) return errno;
  ::unlink(from.c_str());
  return 0;
}

int next_number() {
  static int n = 0;
  return ++n;
}

}  // namespace

OutputFile::OutputFile(const std::string& target, bool force, const std::vector<std::string>& inputs)
    : target_(target), force_(force) {
  const fs::path path(target);
  if (target.empty() || path.filename().empty() || path.filename() == "." || path.filename() == "..") {
    throw OutputFileError(fmt::format("output path '{}' does not name a file", target), true);
  }
  const std::string folder = folder_of(target);
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    throw OutputFileError(fmt::format("cannot write '{}': directory '{}' does not exist", target, folder), true);
  }
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    throw OutputFileError(fmt::format("cannot write '{}': directory '{}' is not writable", target, folder), true);
  }
  if (::stat(target.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw OutputFileError(fmt::format("cannot write '{}': it is a directory", target), true);
    if (!S_ISREG(st.st_mode)) {
      // Replacing a device or a pipe would be a surprise (as root, -o /dev/null would replace /dev/null).
      throw OutputFileError(
          fmt::format("cannot write '{}': it is not a regular file; peaksim writes only regular files", target), true);
    }
    for (const std::string& input : inputs) {
      struct stat in {};
      if (!input.empty() && ::stat(input.c_str(), &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino) {
        throw OutputFileError(
            fmt::format("cannot write '{}': it is the input file '{}'; choose another output", target, input), true);
      }
    }
    if (!force) throw OutputFileError(fmt::format("'{}' already exists; use --force to overwrite it", target), true);
  } else if (errno != ENOENT) {
    throw OutputFileError(fmt::format("cannot write '{}': {}", target, std::strerror(errno)), true);
  } else if (::lstat(target.c_str(), &st) == 0 && !force) {  // a symbolic link to nothing is still a name in use
    throw OutputFileError(fmt::format("'{}' already exists; use --force to overwrite it", target), true);
  }
  // Created here, exclusively and without following a link: the writers then open a file that is surely ours
  // (in a shared folder such as /tmp a link planted under a predictable name would redirect the write).
  for (int attempt = 0;; ++attempt) {
    temporary_ = (fs::path(folder) / fmt::format("{}{}-{}.tmp", kPrefix, ::getpid(), next_number())).string();
    slot_ = watch_temporary(temporary_);
    const int fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return;
    }
    const int err = errno;
    unwatch_temporary(slot_);
    slot_ = -1;
    if (err != EEXIST || attempt == 100) {
      const std::string name = temporary_;
      temporary_.clear();  // not ours: the destructor must leave it
      throw OutputFileError(fmt::format("cannot write '{}': cannot create '{}': {}", target, name, std::strerror(err)),
                            false);
    }
  }
}

void move_without_replacing(const std::string& from, const std::string& to) {
  if (const int err = publish_no_replace(from, to); err != 0)
    throw OutputFileError(fmt::format("cannot move '{}' to '{}': {}", from, to, std::strerror(err)), false);
  sync_path(folder_of(to), O_RDONLY | O_DIRECTORY);  // best effort, as commit()
}

OutputFile::~OutputFile() {
  if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
  unwatch_temporary(slot_);
}

void OutputFile::commit() {
  if (committed_) throw OutputFileError(fmt::format("'{}': committed twice", target_), false);
  if (const int err = sync_path(temporary_, O_RDONLY); err != 0) {
    throw OutputFileError(fmt::format("cannot write '{}': {}", target_, std::strerror(err)), false);
  }
  if (force_) {
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
      throw OutputFileError(fmt::format("cannot write '{}': {}", target_, std::strerror(errno)), false);
    }
  } else if (const int err = publish_no_replace(temporary_, target_); err == EEXIST) {
    throw OutputFileError(fmt::format("'{}' appeared while peaksim was writing it and is kept; nothing was written "
                                      "(use --force to replace it)",
                                      target_),
                          false);
  } else if (err != 0) {
    throw OutputFileError(fmt::format("cannot write '{}': {}", target_, std::strerror(err)), false);
  }
  committed_ = true;
  unwatch_temporary(slot_);
  slot_ = -1;
  sync_path(folder_of(target_), O_RDONLY | O_DIRECTORY);  // best effort
  remove_stale_temporaries(folder_of(target_));
}

int remove_stale_temporaries(const std::string& folder) {
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) return 0;
  int removed = 0;
  const std::size_t prefix = std::strlen(kPrefix);
  while (const dirent* entry = ::readdir(dir)) {
    const char* name = entry->d_name;
    if (std::strncmp(name, kPrefix, prefix) != 0) continue;
    char* end = nullptr;
    errno = 0;
    const long pid = std::strtol(name + prefix, &end, 10);
    if (errno != 0 || end == name + prefix || *end != '-' || pid <= 0 || pid == long(::getpid())) continue;
    // Only a process that no longer exists: a live one (even another user's, EPERM) may still be writing.
    if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) continue;
    struct stat st {};
    if (::fstatat(::dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) continue;
    if (::unlinkat(::dirfd(dir), name, 0) == 0) ++removed;
  }
  ::closedir(dir);
  return removed;
}

}  // namespace peaksim
