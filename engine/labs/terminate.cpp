// Lab "terminate": terminate() only sends SIGTERM and returns. Right after it
// is_alive() is usually still True (the signal has not been handled yet); once
// the child has died it is a zombie until something reaps it: join(), or the
// first is_alive() / exitcode that finds it dead (resources/notes/terminate.py).
//
//   p = Process(target=work); p.start()
//   time.sleep(terminate_after)
//   p.terminate(); print(p.is_alive())     # usually still True
//   time.sleep(join_after)                 # dead, not reaped: state Z in /proc
//   p.join(); print(p.is_alive(), p.exitcode)   # False -15
#include "labs.h"
#include "labutil.h"
#include "runtime.h"

namespace proclab::labs {
namespace {

void terminateWork(const Args &args)
{
    const auto [workMs] = unpack<std::int64_t>(args);
    print(current_process_name(), "working for", workMs, "ms");
    sleep_ms(workMs);
    print(current_process_name(), "finished (not terminated in time)");
}
PROCLAB_TARGET(terminateWork);

void mainFn(const ParamValues &p, Summary &summary)
{
    Process child(terminateWork, Args{p.integer("work_ms")});
    child.start();
    sleep_ms(p.integer("terminate_after_ms"));
    child.terminate();
    const bool aliveAfterTerminate = child.is_alive();
    print("right after terminate(): is_alive() =", aliveAfterTerminate ? "True" : "False");
    sleep_ms(p.integer("join_after_ms"));
    // No is_alive() in between: it would reap the dead child, as in Python.
    const char zombie = procState(*child.pid());
    child.join();
    const bool aliveAfterJoin = child.is_alive();
    print("after join(): is_alive() =", aliveAfterJoin ? "True" : "False",
          " exitcode =", child.exitcode().value_or(0));
    summary.set(QT_TRANSLATE_NOOP("Summary", "alive_after_terminate"), aliveAfterTerminate);
    summary.set(QT_TRANSLATE_NOOP("Summary", "state_before_join"), std::string(1, zombie));
    summary.set(QT_TRANSLATE_NOOP("Summary", "alive_after_join"), aliveAfterJoin);
    summary.set(QT_TRANSLATE_NOOP("Summary", "exitcode"), child.exitcode().value_or(0));
}

} // namespace

const LabInfo &terminate()
{
    static const LabInfo lab{
        "terminate",
        QT_TRANSLATE_NOOP("Lab", "terminate() and zombies"),
        QT_TRANSLATE_NOOP("Lab", "1. Processes"),
        QT_TRANSLATE_NOOP("Lab", "terminate() sends a signal and returns; the dead child is a "
                                 "zombie until join() (or is_alive()) reaps it."),
        {
            ParamSpec::integer("work_ms", 0, 60000, 5000,
                               QT_TRANSLATE_NOOP("Lab", "How long the child would work"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer("terminate_after_ms", 0, 60000, 500,
                               QT_TRANSLATE_NOOP("Lab", "When main calls terminate()"),
                               QT_TRANSLATE_NOOP("Lab", "ms"))
                .definesRun(),
            ParamSpec::integer(
                "join_after_ms", 0, 60000, 500,
                QT_TRANSLATE_NOOP("Lab", "How long main waits after terminate() before join()"),
                QT_TRANSLATE_NOOP("Lab", "ms"))
                .definesRun(),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
