#include "sim/montecarlo/task_scheduler.hpp"

namespace peaksim {
namespace {

class LocalScheduler final : public TaskScheduler {
public:
  int rank() const override { return 0; }
  int ranks() const override { return 1; }
  void run_round(std::size_t n, const std::function<void(std::size_t)>& execute,
                 const std::function<void(std::size_t)>& finished) override {
    for (std::size_t i = 0; i < n; ++i) {
      execute(i);
      if (finished) finished(i);
    }
  }
  std::string broadcast(const std::string& from_root) override { return from_root; }
};

}  // namespace

std::unique_ptr<TaskScheduler> make_local_scheduler() { return std::make_unique<LocalScheduler>(); }

std::unique_ptr<TaskScheduler> make_task_scheduler() { return make_local_scheduler(); }

}  // namespace peaksim
