// Lab "zombie-orphan": a child nobody has waited for yet stays a zombie; a
// child whose parent is gone becomes an orphan and is adopted. Python:
//
//   # zombie
//   p = Process(target=quick); p.start()
//   time.sleep(hold)                 # p has exited, nobody joined it: state Z
//   print(open(f"/proc/{p.pid}/stat").read().split()[2])
//   p.join()                         # reaped: the zombie disappears
//
//   # orphan
//   def grandchild(): time.sleep(hold)
//   def parent():
//       Process(target=grandchild).start()
//       time.sleep(hold / 4)
//       os._exit(0)                  # leave at once, without joining
//   p = Process(target=parent); p.start(); p.join()
//   # parent_ends=terminate: main calls p.terminate() instead. Either way the
//   # grandchild is NOT killed and NOT a zombie (the course says it would be):
//   # it runs on, adopted by the subreaper (the runner), which reaps it when
//   # it ends. A zombie is a child that has ended and nobody waited for yet.
//
// The lane states (Z, sleeping, ...) and the `reparent` event come from the
// runner's /proc sampler, not from the lab: what the kernel really reported.
#include "labs.h"
#include "labutil.h"
#include "runtime.h"
#include "translatable.h"

namespace proclab::labs {
namespace {

void zoQuick(const Args &)
{
    print(current_process_name(), "finished at once; its parent will not join it yet");
}
PROCLAB_TARGET(zoQuick);

void zoGrandchild(const Args &args)
{
    const auto [workMs] = unpack<std::int64_t>(args);
    print(current_process_name(), "runs on; parent pid", getppid_());
    sleep_ms(workMs);
    print(current_process_name(), "finished; parent pid now", getppid_());
}
PROCLAB_TARGET(zoGrandchild);

void zoParent(const Args &args)
{
    const auto [holdMs, reportFd, terminated] = unpack<std::int64_t, int, bool>(args);
    Process grandchild(zoGrandchild, Args{holdMs});
    grandchild.start();
    ReportPipe::send(reportFd, *grandchild.pid());
    if (terminated) { // parent_ends=terminate: main ends it meanwhile
        sleep_ms(holdMs);
        return;
    }
    // Long enough for the sampler (every 10 ms) to see the family first.
    sleep_ms(holdMs / 4);
    print(current_process_name(), "leaves with os._exit(0), without joining its child");
    // A normal return would not orphan anything: Python's exit handler of a
    // finishing Process joins its non-daemon children first (and so does
    // ours). Only an immediate exit, os._exit, leaves the child behind.
    os_exit(0);
}
PROCLAB_TARGET(zoParent);

void zombie(std::int64_t holdMs, Summary &summary)
{
    Process p(zoQuick, {}, "Zombie");
    p.start();
    print("main is busy for", holdMs, "ms and does not join", p.name());
    waitExitedNotReaped(*p.pid()); // the child has exited: from here on it is a zombie
    sleep_ms(holdMs);
    const char state = procState(*p.pid());
    print("/proc says", p.name(), "is in state", std::string(1, state));
    p.join();
    print("after join():", p.name(), "is", procState(*p.pid()) == '?' ? "gone" : "still there");
    summary.set(QT_TRANSLATE_NOOP("Summary", "zombie_pid"), std::int64_t(*p.pid()));
    summary.set(QT_TRANSLATE_NOOP("Summary", "observed_state"), std::string(1, state));
}

void orphan(std::int64_t holdMs, bool terminateParent, Summary &summary)
{
    ReportPipe report;
    Process parent(zoParent, Args{holdMs, report.writeFd(), terminateParent ? 1 : 0}, "Parent");
    parent.start();
    report.closeWriteEnd();
    std::int64_t orphanPid = 0;
    report.read(&orphanPid);
    if (terminateParent) {
        sleep_ms(holdMs / 4);
        parent.terminate(); // the course says its child becomes a zombie: watch it run on
    }
    parent.join();
    const pid_t runner = getppid_(); // MainProcess's parent is the runner, the subreaper
    const char orphanState = procState(pid_t(orphanPid));
    const pid_t adoptive = procParent(pid_t(orphanPid));
    print("orphan", orphanPid, "lost parent", *parent.pid(), "; its parent is now", adoptive,
          adoptive == runner ? "(the runner)" : "");
    // Main cannot join it (not its child): it waits for it through a pidfd.
    print("main waits for the orphan to end (join() is only for one's own children)");
    waitForExit(pid_t(orphanPid));
    summary.set(QT_TRANSLATE_NOOP("Summary", "orphan_pid"), orphanPid);
    summary.set(QT_TRANSLATE_NOOP("Summary", "parent_exitcode"), parent.exitcode().value_or(0));
    summary.set(QT_TRANSLATE_NOOP("Summary", "orphan_state"), std::string(1, orphanState));
    summary.set(QT_TRANSLATE_NOOP("Summary", "old_ppid"), std::int64_t(*parent.pid()));
    summary.set(QT_TRANSLATE_NOOP("Summary", "new_ppid"), std::int64_t(adoptive));
    summary.set(QT_TRANSLATE_NOOP("Summary", "runner_pid"), std::int64_t(runner));
    // Only a process's parent can reap it: the one that adopted the orphan.
    summary.set(QT_TRANSLATE_NOOP("Summary", "reaped_by"),
                adoptive == runner ? std::string("runner") : "pid " + std::to_string(adoptive));
}

void mainFn(const ParamValues &p, Summary &summary)
{
    const std::int64_t hold = p.integer("hold_ms");
    if (!p.is("mode", "orphan"))
        zombie(hold, summary);
    if (!p.is("mode", "zombie"))
        orphan(hold, p.is("parent_ends", "terminate"), summary);
}

} // namespace

const LabInfo &zombieOrphan()
{
    static const LabInfo lab{
        "zombie-orphan",
        QT_TRANSLATE_NOOP("Lab", "Zombies and orphans"),
        QT_TRANSLATE_NOOP("Lab", "1. Processes"),
        QT_TRANSLATE_NOOP(
            "Lab",
            "A finished child stays a zombie until joined; a child whose parent ended (even by "
            "terminate()) is not a zombie: it runs on, adopted."),
        {
            ParamSpec::choice(
                "mode", {"zombie", "orphan", "both"}, "both",
                QT_TRANSLATE_NOOP("Lab", "Show a zombie, an orphan, or one after the other"))
                .definesRun(),
            ParamSpec::integer(
                "hold_ms", 200, 10000, 3000,
                QT_TRANSLATE_NOOP("Lab",
                                  "How long the zombie stays unjoined and the orphan runs on"),
                QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::choice("parent_ends", {"os._exit", "terminate"}, "os._exit",
                              QT_TRANSLATE_NOOP("Lab",
                                                "How the orphan's parent ends: it leaves with "
                                                "os._exit(0), or main calls terminate() on it"))
                .definesRun(),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
