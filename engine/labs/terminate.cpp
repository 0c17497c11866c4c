// Lab "terminate": terminate() only sends SIGTERM. The process is still
// "alive" until it has been reaped, and a dead, unreaped child is a zombie.
//
//   p = Process(target=work); p.start()
//   time.sleep(terminate_after)
//   p.terminate(); print(p.is_alive())     # often still True
//   time.sleep(join_after)                 # the child is a zombie meanwhile
//   p.join(); print(p.is_alive(), p.exitcode)   # False -15
#include "labs.h"
#include "labutil.h"
#include "runtime.h"

namespace proclab::labs {
namespace {

void terminateWork(const Args &args)
{
    print(current_process_name(), "working for", args.at(0).toInt(), "ms");
    sleep_ms(args.at(0).toInt());
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
    child.join();
    const bool aliveAfterJoin = child.is_alive();
    print("after join(): is_alive() =", aliveAfterJoin ? "True" : "False",
          " exitcode =", child.exitcode().value_or(0));
    summary.set(QT_TRANSLATE_NOOP("Summary", "alive_after_terminate"), aliveAfterTerminate);
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
        QT_TRANSLATE_NOOP(
            "Lab",
            "terminate() sends a signal and returns; the child lingers as a zombie until joined."),
        {
            ParamSpec::integer("work_ms", 0, 60000, 5000,
                               QT_TRANSLATE_NOOP("Lab", "How long the child would work"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer("terminate_after_ms", 0, 60000, 500,
                               QT_TRANSLATE_NOOP("Lab", "When main calls terminate()"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer(
                "join_after_ms", 0, 60000, 500,
                QT_TRANSLATE_NOOP("Lab", "How long main waits after terminate() before join()"),
                QT_TRANSLATE_NOOP("Lab", "ms")),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
