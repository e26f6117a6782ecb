// Whether this process was started by an MPI launcher with more than one rank, read from the environment the
// launcher sets, before (and without) initializing MPI: a command started without mpirun never touches MPI.
#pragma once

namespace peaksim {

// What the launcher's environment says about the number of ranks.
enum class MpiLaunch {
  none,     // not started by an MPI launcher, or by one with a single rank
  many,     // more than one rank (OMPI_COMM_WORLD_SIZE or PMI_SIZE above 1)
  unknown,  // started by a PMIx launcher that names the rank only (PMIX_RANK): MPI itself must tell the size
};

MpiLaunch mpi_launch_from_environment();

}  // namespace peaksim
