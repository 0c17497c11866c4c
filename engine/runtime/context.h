#pragma once
// Per-process state of the runtime (Python's _current_process and its
// _children set). Internal to engine/runtime.

#include "tracerecord.h"
#include "tracering.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace proclab::detail {

struct ChildState
{
    std::string name;
    std::string identity; // "1:2" -> Process-1:2
    std::optional<bool> daemon;
    pid_t creatorPid = 0;
    pid_t pid = 0;
    int pidfd = -1;       // opened by the first timed join (see waitChild)
    bool noPidfd = false; // pidfd_open failed: timed joins wait on SIGCHLD
    bool started = false;
    bool reaped = false;
    std::optional<int> exitcode;
};

struct ProcessContext
{
    std::string name = "MainProcess";
    std::string identity; // empty for MainProcess
    int childCounter = 0;
    bool daemon = false;
    StartMethod method = StartMethod::Fork;
    std::vector<std::shared_ptr<ChildState>> children;
    // Python's util.Finalize with exitpriority 0: run first by exitFunction()
    // (a Manager's shutdown), newest first. Never inherited by a child.
    std::vector<std::function<void()>> finalizers;
    TraceRing ring;
    int ringFd = -1;
};

ProcessContext &context();

// Becomes a fresh lab process after fork() or exec(): new identity, no
// children, trace slot bound, lane recorded, SIGTERM recorder installed.
// `parent`: the pid of the process that forked it (it knows it: no getppid
// call), 0 to ask the kernel (after exec; MainProcess).
void becomeProcess(const std::string &name, const std::string &identity, bool daemon,
                   std::uint32_t slot, std::int64_t flags, pid_t parent = 0);

// Python's util._exit_function for the calling process: runs the finalizers,
// terminates the daemonic children, joins the rest (bootstrap.cpp).
void exitFunction();

// Waiting for and reaping children: reaper.h.

} // namespace proclab::detail
