// Rows of doubles, one per replication and all of one width, kept in an unnamed temporary file as they arrive (in
// any order) and read back in replication order a slice at a time: what a results file writes per replication
// (/kpi, /kpi_by) then costs the parent memory for the replication ids only, whatever their number.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace peaksim {

class RowSpool {
public:
  // The file is made in `folder` (no name: nothing is left behind, whatever ends the process), or in the system's
  // temporary folder when that file system cannot.
  explicit RowSpool(const std::string& folder);
  ~RowSpool();
  RowSpool(const RowSpool&) = delete;
  RowSpool& operator=(const RowSpool&) = delete;

  // The first row sets the width; throws std::runtime_error when a row has another width or the file cannot grow.
  void add(std::uint64_t id, const std::vector<double>& row);
  std::size_t size() const { return ids_.size(); }
  std::size_t width() const { return width_; }
  std::vector<std::uint64_t> sorted_ids() const;

  // Calls visit(first, count, rows) over the rows in replication order, `rows` holding `count` rows (row-major)
  // starting at sorted position `first`, about `slice_bytes` at a time.
  using SliceVisitor = std::function<void(std::size_t first, std::size_t count, const std::vector<double>& rows)>;
  void for_each_slice(const SliceVisitor& visit, std::size_t slice_bytes = 1 << 20) const;

private:
  int fd_ = -1;
  std::size_t width_ = 0;
  std::vector<std::uint64_t> ids_;  // in arrival order: row i of the file
};

}  // namespace peaksim
