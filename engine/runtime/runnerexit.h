#pragma once
// The contract between proclab-runner and its host (LabSession): the runner's
// exit status says how the run ended. The host includes this header too (it
// links the runtime) and maps each value to its own state and message, so
// neither side spells the numbers. Append only: a packaged host and runner
// always come from one build, but tests and scripts compare these numbers.

namespace proclab {

enum RunnerExit : int
{
    RunnerOk = 0,            // MainProcess returned 0
    RunnerBadInput = 2,      // unknown lab, bad parameter or option: nothing started
    RunnerLabFailed = 3,     // MainProcess exited non-zero (or could not start its program)
    RunnerStopped = 4,       // SIGTERM/SIGINT/SIGHUP (Stop, or the host went away)
    RunnerTimedOut = 5,      // --timeout passed: the lab was killed
    RunnerInternalError = 6, // the runner itself failed (no run directory, fork refused, ...)
};

} // namespace proclab
