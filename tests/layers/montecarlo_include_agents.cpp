// Must not compile: Monte Carlo knows nothing of agents (docs/architecture.md).
#include "agents/plan.hpp"
