#pragma once
// The contract between proclab-runner and its host (LabSession): the runner's
// exit status says how the run ended. The host includes this header too (it
// links the runtime) and maps each value to its own state and message, so
// neither side spells the numbers. Append only: a packaged host and runner
// always come from one build, but tests and scripts compare these numbers.

#include <csignal>

namespace proclab {

// The runner's parent-death signal (PR_SET_PDEATHSIG): what it receives when
// its host dies, told apart from the host's Stop (SIGTERM), because a host
// being killed can still look alive to getppid() while its threads tear
// down. The host blocks it in the runner before exec, so a host that dies
// while the runner starts is noticed, not fatal; lab processes get it
// unblocked.
constexpr int kHostGoneSignal = SIGUSR1;

enum RunnerExit : int
{
    RunnerOk = 0,            // MainProcess returned 0
    RunnerBadInput = 2,      // unknown lab, bad parameter or option: nothing started
    RunnerLabFailed = 3,     // MainProcess exited non-zero (or could not start its program)
    RunnerStopped = 4,       // SIGTERM/SIGINT/SIGHUP (Stop), or kHostGoneSignal (the host died)
    RunnerTimedOut = 5,      // --timeout passed: the lab was killed
    RunnerInternalError = 6, // the runner itself failed (no run directory, fork refused, ...)
};

} // namespace proclab
