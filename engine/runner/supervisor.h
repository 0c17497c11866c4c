#pragma once
// proclab-runner: forks the lab's MainProcess into its own process group,
// stays single-threaded, reaps every lab process (it is their child
// subreaper) and ends the whole group on Stop, timeout or host death.
//
//   host --SIGTERM--> runner --SIGKILL to group L--> MainProcess, children...
//
// The runner is not in group L, so one kill(-L) reaches every lab process
// but never the runner, which then reaps them all: nothing survives a run.

#include "lab.h"
#include "pythonmain.h"
#include "tracering.h"

#include <optional>
#include <string>
#include <sys/types.h>

namespace proclab {

struct RunRequest
{
    const LabInfo *lab = nullptr;
    ParamValues params;
    int ringFd = -1;
    TraceRing ring;
    double timeoutSeconds = 0; // 0: none
    pid_t hostPid = 0;         // 0: not started by a host
    std::string runDir;        // the host's per-run directory; empty: make one
    std::optional<PythonProgram> python; // set: run this CPython program instead of `lab`
};

// Exit codes of proclab-runner (the host maps them to its own).
enum RunnerExit : int
{
    RunnerOk = 0,
    RunnerBadInput = 2,
    RunnerLabFailed = 3,
    RunnerStopped = 4,
    RunnerTimedOut = 5,
    RunnerInternalError = 6,
};

int supervise(RunRequest &request);

} // namespace proclab
