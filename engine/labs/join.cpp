// Lab "join": where join() stands decides whether children run one after
// another or side by side.
//
//   ps = [Process(target=work) for _ in range(n)]
//   join-in-loop:     for p in ps: p.start(); p.join()
//   join-after-start: for p in ps: p.start()
//                     for p in ps: p.join()
//   no-join:          for p in ps: p.start()      # main's code ends first
#include "labs.h"
#include "labutil.h"
#include "runtime.h"

namespace proclab::labs {
namespace {

void joinWork(const Args &args)
{
    const auto [workMs] = unpack<std::int64_t>(args);
    print(current_process_name(), "working for", workMs, "ms");
    sleep_ms(workMs);
}
PROCLAB_TARGET(joinWork);

void mainFn(const ParamValues &p, Summary &summary)
{
    const std::int64_t work = p.integer("work_ms");
    std::vector<Process> ps;
    for (std::int64_t i = 0; i < p.integer("n"); ++i)
        ps.emplace_back(joinWork, Args{work});

    Stopwatch clock;
    if (p.is("mode", "join-in-loop")) {
        for (auto &proc : ps) {
            proc.start();
            proc.join();
        }
    } else {
        for (auto &proc : ps)
            proc.start();
        if (p.is("mode", "join-after-start"))
            for (auto &proc : ps)
                proc.join();
    }
    int stillRunning = 0;
    for (auto &proc : ps)
        stillRunning += proc.is_alive() ? 1 : 0;
    print("main code finished after", int(clock.elapsedMs()), "ms;", stillRunning,
          "children still running");
    summary.set(QT_TRANSLATE_NOOP("Summary", "elapsed_ms"), clock.elapsedMs());
    summary.set(QT_TRANSLATE_NOOP("Summary", "expected_serial_ms"), p.integer("n") * work);
    summary.set(QT_TRANSLATE_NOOP("Summary", "children_running_when_main_ended"), stillRunning);
}

} // namespace

const LabInfo &join()
{
    static const LabInfo lab{
        "join",
        QT_TRANSLATE_NOOP("Lab", "join(): wait for children"),
        QT_TRANSLATE_NOOP("Lab", "1. Processes"),
        QT_TRANSLATE_NOOP(
            "Lab",
            "join() blocks the caller until the child ends; its position sets the total time."),
        {
            ParamSpec::integer("n", 1, 64, 5, QT_TRANSLATE_NOOP("Lab", "How many child processes"))
                .definesRun(),
            ParamSpec::integer("work_ms", 0, 60000, 1000,
                               QT_TRANSLATE_NOOP("Lab", "How long each child works"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::choice("mode", {"join-in-loop", "join-after-start", "no-join"},
                              "join-in-loop", QT_TRANSLATE_NOOP("Lab", "Where main calls join()"))
                .definesRun(),
        },
        mainFn,
        nullptr,
        {"elapsed_ms", QT_TRANSLATE_NOOP("Lab", "Main's elapsed time (ms)")},
    };
    return lab;
}

} // namespace proclab::labs
