// Allocation of a distribution centre's scarce stock among waiting orders (agents/allocation.hpp),
// each case worked by hand. Queue: destination 0 asks 5, then destination 1 asks 3, then 0 asks 4
// (0 waits for 9, 1 for 3, 12 in all); 7 units on hand.
#include <doctest/doctest.h>

#include "agents/allocation.hpp"

using namespace peaksim;
using namespace peaksim::agents;

namespace {

std::deque<TransferRequest> queue() { return {{0, 5}, {1, 3}, {0, 4}}; }

bool same(const std::deque<TransferRequest>& q, const std::vector<std::pair<int, std::int64_t>>& expected) {
  if (q.size() != expected.size()) return false;
  for (std::size_t i = 0; i < q.size(); ++i)
    if (q[i].to != expected[i].first || q[i].units != expected[i].second) return false;
  return true;
}

}  // namespace

TEST_CASE("fifo ships to the requests in the order placed: 5 to the first, 2 of the second's 3") {
  auto q = queue();
  CHECK(allocate(Allocation::fifo, 7, q, 2) == std::vector<std::int64_t>{5, 2});
  CHECK(same(q, {{1, 1}, {0, 4}}));
}

TEST_CASE("priority fills destinations in lane order: 7 of destination 0's 9, none for 1") {
  auto q = queue();
  CHECK(allocate(Allocation::priority, 7, q, 2) == std::vector<std::int64_t>{7, 0});
  CHECK(same(q, {{1, 3}, {0, 2}}));  // destination 0's oldest request is filled first
}

TEST_CASE("fair share: 7 x 9/12 = 5.25 and 7 x 3/12 = 1.75 round to 5 and 2 by largest remainder") {
  auto q = queue();
  CHECK(allocate(Allocation::fair_share, 7, q, 2) == std::vector<std::int64_t>{5, 2});
  CHECK(same(q, {{1, 1}, {0, 4}}));
}

TEST_CASE("fair share breaks equal remainders in lane order: 2 units for three who ask 1 each go to the first two") {
  std::deque<TransferRequest> q = {{2, 1}, {1, 1}, {0, 1}};
  CHECK(allocate(Allocation::fair_share, 2, q, 3) == std::vector<std::int64_t>{1, 1, 0});
  CHECK(same(q, {{2, 1}}));
}

TEST_CASE("every rule ships everything when stock covers the queue, and nothing from an empty shelf") {
  for (Allocation rule : {Allocation::fifo, Allocation::fair_share, Allocation::priority}) {
    auto q = queue();
    CHECK(allocate(rule, 0, q, 2) == std::vector<std::int64_t>{0, 0});
    CHECK(q.size() == 3);
    CHECK(allocate(rule, 20, q, 2) == std::vector<std::int64_t>{9, 3});
    CHECK(q.empty());
  }
}

TEST_CASE("fair share stays exact where available x asked passes 2^63") {
  std::deque<TransferRequest> q = {{0, 3'000'000'000'000}, {1, 1'000'000'000'000}};
  CHECK(allocate(Allocation::fair_share, 3'999'999'999'999, q, 2) ==
        std::vector<std::int64_t>{3'000'000'000'000 - 1, 1'000'000'000'000});
}
