// Lab "daemon": a daemonic child is terminated when the main process's code
// ends; a daemon may not create children.
//
//   def child():
//       if spawn_grandchild: Process(target=...).start()   # AssertionError
//       time.sleep(child_work)
//   p = Process(target=child, daemon=True); p.start()
//   time.sleep(main_work)     # main's code ends here: the daemon is terminated
#include "labs.h"
#include "labutil.h"
#include "runtime.h"

#include <memory>

namespace proclab::labs {
namespace {

void daemonGrandchild(const Args &)
{
    print("grandchild running");
}
PROCLAB_TARGET(daemonGrandchild);

void daemonChild(const Args &args)
{
    auto [workMs, daemonic, startGrandchild] = unpack<std::int64_t, bool, bool>(args);
    print(current_process_name(), "started; daemon =", daemonic ? "True" : "False");
    if (daemonic && startGrandchild) {
        try {
            Process grandchild(daemonGrandchild);
            grandchild.start();
        } catch (const ProcessError &e) {
            print("start() refused:", e.what());
        }
    }
    sleep_ms(workMs);
    print(current_process_name(), "finished its work");
}
PROCLAB_TARGET(daemonChild);

void mainFn(const ParamValues &p, Summary &summary)
{
    const bool daemon = p.boolean("daemon");
    auto child = std::make_shared<Process>(
        daemonChild,
        Args{p.integer("child_work_ms"), daemon ? 1 : 0, p.boolean("daemon_spawns_child") ? 1 : 0},
        "", daemon);
    child->start();
    Stopwatch clock;
    print("main working for", p.integer("main_work_ms"), "ms");
    sleep_ms(p.integer("main_work_ms"));
    print("main code ends here");
    summary.set(QT_TRANSLATE_NOOP("Summary", "daemon"), daemon);
    summary.set(QT_TRANSLATE_NOOP("Summary", "main_code_ms"), clock.elapsedMs());
    summary.afterExit([child](Summary &s) {
        s.set(QT_TRANSLATE_NOOP("Summary", "child_exitcode"), child->exitcode().value_or(0));
        s.set(QT_TRANSLATE_NOOP("Summary", "child_terminated_by_main_exit"),
              child->exitcode() == -15);
    });
}

} // namespace

const LabInfo &daemon()
{
    static const LabInfo lab{
        "daemon",
        QT_TRANSLATE_NOOP("Lab", "Daemon processes"),
        QT_TRANSLATE_NOOP("Lab", "1. Processes"),
        QT_TRANSLATE_NOOP(
            "Lab", "A daemon child dies with its parent's code; a normal child is waited for."),
        {
            ParamSpec::boolean("daemon", true,
                               QT_TRANSLATE_NOOP("Lab", "Start the child with daemon=True"))
                .definesRun(),
            ParamSpec::integer("child_work_ms", 0, 60000, 3000,
                               QT_TRANSLATE_NOOP("Lab", "How long the child works"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer("main_work_ms", 0, 60000, 500,
                               QT_TRANSLATE_NOOP("Lab", "How long main works before it ends"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::boolean(
                "daemon_spawns_child", false,
                QT_TRANSLATE_NOOP("Lab",
                                  "Let the daemon try to start a child of its own (refused)"))
                .definesRun(),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
