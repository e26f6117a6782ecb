#include "sim/output/row_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <stdexcept>

namespace peaksim {
namespace {

[[noreturn]] void fail(const char* doing) {
  throw std::runtime_error(std::string("cannot ") + doing +
                           " the temporary file of per-replication rows: " + std::strerror(errno));
}

// O_TMPFILE: a file with no name, gone when closed, so no signal handler or stale-file sweep has to know of it.
int unnamed_file(const std::string& folder) {
  const std::string dir = folder.empty() ? "." : folder;
  int fd = open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) fd = open(std::filesystem::temp_directory_path().c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) fail("create");
  return fd;
}

}  // namespace

RowSpool::RowSpool(const std::string& folder) : fd_(unnamed_file(folder)) {}

RowSpool::~RowSpool() { close(fd_); }

void RowSpool::add(std::uint64_t id, const std::vector<double>& row) {
  if (ids_.empty()) width_ = row.size();
  if (row.size() != width_)
    throw std::runtime_error("replication " + std::to_string(id) + " has " + std::to_string(row.size()) +
                             " values to record per replication, earlier ones " + std::to_string(width_));
  const std::size_t bytes = width_ * sizeof(double);
  const auto* p = reinterpret_cast<const char*>(row.data());
  off_t at = off_t(ids_.size() * bytes);
  for (std::size_t done = 0; done < bytes;) {
    const ssize_t w = pwrite(fd_, p + done, bytes - done, at + off_t(done));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) fail("write");
    done += std::size_t(w);
  }
  ids_.push_back(id);
}

std::vector<std::uint64_t> RowSpool::sorted_ids() const {
  std::vector<std::uint64_t> out = ids_;
  std::sort(out.begin(), out.end());
  return out;
}

void RowSpool::for_each_slice(const SliceVisitor& visit, std::size_t slice_bytes) const {
  std::vector<std::size_t> order(ids_.size());  // file rows in replication order
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) { return ids_[a] < ids_[b]; });
  const std::size_t bytes = width_ * sizeof(double);
  const std::size_t per_slice = std::max<std::size_t>(1, slice_bytes / std::max<std::size_t>(1, bytes));
  std::vector<double> rows;
  for (std::size_t first = 0; first < order.size(); first += per_slice) {
    const std::size_t count = std::min(per_slice, order.size() - first);
    rows.resize(count * width_);
    for (std::size_t i = 0; i < count; ++i) {
      auto* p = reinterpret_cast<char*>(rows.data() + i * width_);
      const off_t at = off_t(order[first + i] * bytes);
      for (std::size_t done = 0; done < bytes;) {
        const ssize_t r = pread(fd_, p + done, bytes - done, at + off_t(done));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) fail("read");
        done += std::size_t(r);
      }
    }
    visit(first, count, rows);
  }
}

}  // namespace peaksim
