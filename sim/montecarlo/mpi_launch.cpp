#include "sim/montecarlo/mpi_launch.hpp"

#include <cstdlib>
#include <string>

namespace peaksim {
namespace {

// The rank count a launcher variable gives: 0 when absent or not a whole number.
long ranks_in(const char* variable) {
  const char* value = std::getenv(variable);
  if (value == nullptr || *value == '\0') return 0;
  char* end = nullptr;
  const long n = std::strtol(value, &end, 10);
  return *end == '\0' && n > 0 ? n : 0;
}

}  // namespace

MpiLaunch mpi_launch_from_environment() {
  // Open MPI's mpirun sets OMPI_COMM_WORLD_SIZE; MPICH's and Intel MPI's hydra set PMI_SIZE.
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const long n = ranks_in(variable);
    if (n > 0) return n > 1 ? MpiLaunch::many : MpiLaunch::none;
  }
  // A PMIx launcher (e.g. srun --mpi=pmix) may name the rank alone.
  return std::getenv("PMIX_RANK") != nullptr ? MpiLaunch::unknown : MpiLaunch::none;
}

}  // namespace peaksim
