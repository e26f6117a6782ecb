// Must not compile: the core's kernel does not see the agents above it (docs/architecture.md).
#include "agents/warehouse.hpp"
