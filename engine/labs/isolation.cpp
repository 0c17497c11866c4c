// Lab "isolation": processes do not share memory. Python equivalent:
//
//   value = 100                      # module level: a spawned child runs this again
//   def child():
//       global value
//       print("child_value_seen_at_start:", value); value = 0
//       print("child_value_after:", value)   # the child reports what only it sees
//   if __name__ == "__main__":
//       value = <parameter>           # main changes it before start()
//       p = Process(target=child); p.start(); p.join()
//       print("parent still sees", value)
#include "labs.h"
#include "labutil.h"
#include "runtime.h"

namespace proclab::labs {
namespace {

std::int64_t g_value = 100; // "module level": initialised again in every spawned image

void isolationChild(const Args &args)
{
    const std::int64_t seen = g_value;
    print("child_value_seen_at_start:", seen);
    g_value = 0;
    print("child_value_after:", g_value);
    const auto [reportFd] = unpack<int>(args);
    ReportPipe::send(reportFd, seen);
    ReportPipe::send(reportFd, g_value);
}
PROCLAB_TARGET(isolationChild);

void mainFn(const ParamValues &p, Summary &summary)
{
    set_start_method(p.is("method", "spawn") ? StartMethod::Spawn : StartMethod::Fork);
    g_value = p.integer("value");
    print("main set value =", g_value);

    ReportPipe report;
    Process child(isolationChild, Args{report.writeFd()});
    child.start();
    report.closeWriteEnd();
    std::int64_t seen = -1, after = -1;
    report.read(&seen);
    report.read(&after);
    child.join();
    print("parent still sees value =", g_value);

    summary.set(QT_TRANSLATE_NOOP("Summary", "method"), p.choice("method"));
    summary.set(QT_TRANSLATE_NOOP("Summary", "parent_value_after"), g_value);
    summary.set(QT_TRANSLATE_NOOP("Summary", "child_value_seen_at_start"), seen);
    summary.set(QT_TRANSLATE_NOOP("Summary", "child_value_after"), after);
}

} // namespace

const LabInfo &isolation()
{
    static const LabInfo lab{
        "isolation",
        QT_TRANSLATE_NOOP("Lab", "Data isolation"),
        QT_TRANSLATE_NOOP("Lab", "1. Processes"),
        QT_TRANSLATE_NOOP(
            "Lab", "A child changes its copy of a global; the parent's value does not move."),
        {
            ParamSpec::choice(
                "method", {"fork", "spawn"}, "fork",
                QT_TRANSLATE_NOOP(
                    "Lab", "fork copies main's current memory; spawn starts a fresh program"))
                .definesRun(),
            ParamSpec::integer(
                "value", -1000000, 1000000, 100,
                QT_TRANSLATE_NOOP("Lab", "What main sets the global to before start()"))
                .definesRun(),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
