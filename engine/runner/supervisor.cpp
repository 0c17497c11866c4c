#include "supervisor.h"

#include "auxtable.h"
#include "bootstrap.h"
#include "descendants.h"
#include "procsampler.h"
#include "reaper.h"
#include "slotpool.h"
#include "tracewriter.h"

#include <algorithm>
#include <string>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <ftw.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace proclab {

namespace {

// The run's private directory (files a lab works on); removed after the run.
std::string makeRunDir()
{
    const char *tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/proclab-run-XXXXXX";
    if (!mkdtemp(templ.data()))
        return {};
    return templ;
}

void removeTree(const std::string &dir)
{
    if (dir.empty())
        return;
    nftw(
        dir.c_str(),
        [](const char *path, const struct stat *, int, struct FTW *) { return ::remove(path); }, 16,
        FTW_DEPTH | FTW_PHYS);
}

sigset_t controlSignals()
{
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGALRM, kHostGoneSignal})
        sigaddset(&set, s);
    return set;
}

[[noreturn]] void runMainProcess(RunRequest &request, const sigset_t &blocked, pid_t runner,
                                 int auxFd)
{
    setpgid(0, 0);
    // MainProcess must not outlive the runner (docs/RELIABILITY.md: runner killed).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != runner)
        _exit(RunnerInternalError);
    sigprocmask(SIG_UNBLOCK, &blocked, nullptr);
    for (int s : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGALRM, kHostGoneSignal})
        signal(s, SIG_DFL);

    if (request.python)
        execPythonMain(*request.python, request.ring, request.ringFd, auxFd);
    initMainProcess(request.ring, request.ringFd);
    Summary summary;
    struct Call
    {
        RunRequest *request;
        Summary *summary;
    } call{&request, &summary};
    int code = runBody(
        [](void *d) {
            auto *c = static_cast<Call *>(d);
            c->request->lab->main(c->request->params, *c->summary);
        },
        &call);
    code = finishMainProcess(code, summary);
    _exit(code & 0xff);
}

} // namespace

int supervise(RunRequest &request)
{
    RingHeader *header = request.ring.header();
    if (header->t0Ns == 0)
        header->t0Ns = trace::nowNs();
    header->runnerPid.store(getpid());
    header->slotsClaimed.store(kMainSlot + 1);
    trace::bind(request.ring, kRunnerSlot);

    // Orphaned lab processes are re-parented to us, so we can reap them all.
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    // Held from here on, so a host that dies now is noticed below or in the
    // loop, not by SIGTERM's default action, which would leave the run's
    // directory behind.
    const sigset_t signals = controlSignals();
    sigprocmask(SIG_BLOCK, &signals, nullptr);
    bool hostGone = false;
    if (request.hostPid != 0) {
        prctl(PR_SET_PDEATHSIG, kHostGoneSignal); // host gone: stop the lab like a Stop press
                                                  // (docs/RELIABILITY.md: host killed)
        sigset_t pending;
        sigpending(&pending);
        if (getppid() != request.hostPid || sigismember(&pending, kHostGoneSignal)) {
            // The host is gone: nobody else removes its directories.
            removeTree(request.runDir);
            if (header->spillDir[0] != '\0')
                removeTree(header->spillDir);
            return RunnerStopped;
        }
    }

    // The host makes the directory (and removes it even if we crash); run
    // standalone, we make our own. Either way we empty and remove it at the end.
    const std::string runDir = request.runDir.empty() ? makeRunDir() : request.runDir;
    if (runDir.empty()) {
        std::fprintf(stderr, "proclab-runner: cannot create the run directory: %s\n",
                     std::strerror(errno));
        return RunnerInternalError;
    }
    setenv("PROCLAB_RUN_DIR", runDir.c_str(), 1);

    // A Python run's processes take pooled slots as they start (slotpool.h):
    // the sampler looks at all of them. The shared table (Value versions,
    // pipe message numbers) is inherited by MainProcess and passed on.
    int auxFd = -1;
    if (request.python) {
        header->slotsClaimed.store(
            std::min(header->slotCount, kFirstPooledSlot + kMaxPooledProcesses));
        auxFd = AuxTable::create();
        if (auxFd < 0) {
            std::fprintf(stderr, "proclab-runner: cannot create the tracer's table: %s\n",
                         std::strerror(errno));
            return RunnerInternalError;
        }
    }

    const pid_t runner = getpid();
    const pid_t mainPid = fork();
    if (mainPid < 0) {
        std::fprintf(stderr, "proclab-runner: fork failed: %s\n", std::strerror(errno));
        return RunnerInternalError;
    }
    if (mainPid == 0)
        runMainProcess(request, signals, runner, auxFd);
    if (auxFd >= 0)
        close(auxFd);
    setpgid(mainPid, mainPid); // also in the child: whichever runs first wins the race
    const pid_t labGroup = mainPid;
    header->labPgid.store(labGroup);

    // Fractions count: --timeout 0.5 must not become 0 s.
    const std::uint64_t startNs = trace::nowNs();
    const std::uint64_t deadlineNs =
        request.timeoutSeconds > 0 ? startNs + std::uint64_t(request.timeoutSeconds * 1e9) : 0;
    ProcSampler sampler(request.ring, labGroup);
    std::uint64_t nextSampleNs = startNs;

    RunStatus status = RunStatus::Finished;
    struct Reaping
    {
        const TraceRing &ring;
        pid_t mainPid;
        int mainExit = -1;
    } reaping{request.ring, mainPid};
    bool groupKilled = false;
    auto killGroup = [&](RunStatus why) {
        if (status == RunStatus::Finished)
            status = why;
        if (!groupKilled)
            kill(-labGroup, SIGKILL); // safe: we still have unreaped descendants in it
        groupKilled = true;
        killDescendants(runner); // also those that left the group (setsid)
    };

    for (;;) {
        // Reap whatever has ended; false means no lab process is left. A lab
        // process records its own exit unless SIGKILL ended it; a Python
        // process may not have (MainProcess never can): the host keeps the
        // process's own record where there is one. A reaped Python process
        // gives its pooled slot back.
        const bool anyLeft = reapExitedChildren(
            request.python ? ExitRecord::Always : ExitRecord::IfUnrecorded,
            [](void *d, pid_t pid, int code) {
                auto *r = static_cast<Reaping *>(d);
                if (pid == r->mainPid)
                    r->mainExit = code;
                releaseSlotOf(r->ring, pid);
            },
            &reaping);
        if (!anyLeft)
            break;

        // The wait for signals doubles as the sampler's clock: it ends at the
        // next sampling tick (or the deadline, whichever comes first).
        std::uint64_t now = trace::nowNs();
        if (now >= nextSampleNs) {
            if (!header->eventsOff)
                sampler.sampleOnce();
            nextSampleNs += ProcSampler::kPeriodNs;
            if (nextSampleNs <= now)
                nextSampleNs = now + ProcSampler::kPeriodNs; // fell behind: no burst to catch up
        }
        std::uint64_t wakeNs = nextSampleNs;
        if (deadlineNs != 0) {
            if (now >= deadlineNs) {
                killGroup(RunStatus::TimedOut);
                wakeNs = std::min(wakeNs, now + 50'000'000);
            } else {
                wakeNs = std::min(wakeNs, deadlineNs);
            }
        }
        now = trace::nowNs();
        const std::uint64_t waitNs = wakeNs > now ? wakeNs - now : 0;
        const timespec left{time_t(waitNs / 1'000'000'000), long(waitNs % 1'000'000'000)};
        siginfo_t info{};
        const int sig = sigtimedwait(&signals, &info, &left);
        if (sig == kHostGoneSignal)
            hostGone = true;
        if (sig == SIGTERM || sig == SIGINT || sig == SIGHUP || sig == kHostGoneSignal)
            killGroup(RunStatus::Stopped);
        else if (groupKilled)
            killDescendants(runner); // one that forked while it was being killed
    }

    removeTree(runDir); // every lab process is gone: nothing can still write there
    // The host removes its trace directory once it has read the spill files;
    // if the host is gone, nobody will: do it here. (A host being killed can
    // still be our parent for a moment: its death signal says it all.)
    // With the host alive, the directory is removed too if no writer spilled
    // (it is empty then); else the host adopts the files (RingReader).
    if (header->spillDir[0] != '\0') {
        if (request.hostPid != 0 && (hostGone || getppid() != request.hostPid))
            removeTree(header->spillDir);
        else
            rmdir(header->spillDir); // fails, harmlessly, when there are spill files
    }
    if (std::getenv("PROCLAB_SAMPLER_STATS")) // measurement aid (see procsampler.h)
        std::fprintf(stderr,
                     "proclab-runner: sampler %llu rounds, %llu reads, %llu records, "
                     "%.1f us CPU per round\n",
                     (unsigned long long)sampler.rounds(), (unsigned long long)sampler.reads(),
                     (unsigned long long)sampler.recordsWritten(),
                     sampler.rounds() ? double(sampler.costNs()) / 1e3 / double(sampler.rounds())
                                      : 0.0);
    if (status == RunStatus::Finished && reaping.mainExit != 0)
        status = RunStatus::LabFailed;
    trace::here(RecordKind::RunEnd, std::int64_t(status), reaping.mainExit);
    switch (status) {
    case RunStatus::Finished:
        return RunnerOk;
    case RunStatus::LabFailed:
        return RunnerLabFailed;
    case RunStatus::Stopped:
        return RunnerStopped;
    case RunStatus::TimedOut:
        return RunnerTimedOut;
    }
    return RunnerInternalError;
}

} // namespace proclab
