// One output file of a command, written aside and published only when complete (docs/reliability.md):
// the target is checked before anything is computed, the content goes to a hidden temporary file in the
// target's folder, and commit() moves it into place without replacing a file that appeared meanwhile
// (unless `force`). A signal removes the temporary file (fault_cleanup.hpp); one left by a killed process is
// hidden, and the next commit in that folder removes it.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace peaksim {

class OutputFileError : public std::runtime_error {
public:
  // `bad_input`: refused before anything was written (exit status 2); else a failure while writing (1).
  OutputFileError(const std::string& message, bool bad_input) : std::runtime_error(message), bad_input_(bad_input) {}
  bool bad_input() const { return bad_input_; }

private:
  bool bad_input_;
};

class OutputFile {
public:
  // Refuses (bad input) a target that names no file, is in a missing or unwritable folder, is a directory or
  // anything but a regular file, exists without `force`, or is the same file as one of `inputs` (by device and
  // inode, whatever the spelling or link). Then creates temporary(), empty, for the writer to fill.
  OutputFile(const std::string& target, bool force, const std::vector<std::string>& inputs = {});
  ~OutputFile();  // unlinks the temporary file unless commit() succeeded
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const std::string& target() const { return target_; }
  // `.peaksim-PID-N.tmp` beside the target: short whatever the target's name, so it fits NAME_MAX when the
  // target does; registered for removal on a signal before it is created (exclusively, never through a link).
  const std::string& temporary() const { return temporary_; }

  // Syncs the temporary file and moves it to the target: without `force` it fails if the target exists now
  // (renameat2 RENAME_NOREPLACE, or link(2) where the file system lacks it). Then removes temporaries that
  // killed peaksim processes left in the folder. Throws OutputFileError (not bad input) on failure.
  void commit();

private:
  std::string target_;
  std::string temporary_;
  bool force_;
  int slot_ = -1;
  bool committed_ = false;
};

// Moves `from`, a file already synced, to `to` in the same file system without replacing a file there, then syncs
// `to`'s folder: a finished file published a second time (an experiment's shard, from its staging folder). Throws
// OutputFileError (not bad input) on failure, EEXIST included.
void move_without_replacing(const std::string& from, const std::string& to);

// Removes `.peaksim-PID-*` files of `folder` whose process no longer exists; returns how many.
int remove_stale_temporaries(const std::string& folder);

}  // namespace peaksim
