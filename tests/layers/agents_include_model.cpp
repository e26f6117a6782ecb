// Must not compile: the agents layer does not see the model layer above it (docs/architecture.md).
#include "model/network_plan.hpp"
