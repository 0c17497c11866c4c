// Lab "queue-join-deadlock": a child that put items must get them taken
// before it can finish. Joining it first waits for ever (here: until
// join_timeout_ms, so the lab can show it and then recover).
//
//   def child(q):  for i in range(items): q.put(i)     # blocks once q is full
//   join-then-get: p.join()  -> never returns;  get-then-join: get all, then p.join()
#include "labs.h"
#include "labutil.h"
#include "queue.h"
#include "runtime.h"

namespace proclab::labs {
namespace {

void deadlockChild(const Args &a)
{
    auto [q, items] = unpack<Queue, std::int64_t>(a);
    for (std::int64_t i = 0; i < items; ++i)
        q.put(Arg(i));
    print(current_process_name(), "put all its items and can finish");
}
PROCLAB_TARGET(deadlockChild);

void mainFn(const ParamValues &p, Summary &summary)
{
    Queue q("q", int(p.integer("maxsize")));
    const std::int64_t items = p.integer("items");
    Process child(deadlockChild, Args{q.handle(), items});
    child.start();
    bool blocked = false;
    if (p.is("order", "join-then-get")) {
        child.join(double(p.integer("join_timeout_ms")) / 1000.0);
        blocked = child.is_alive();
        if (blocked)
            print("join() gave up after", p.integer("join_timeout_ms"),
                  "ms: the child is stuck in put() because nobody gets — a deadlock");
    }
    std::int64_t received = 0;
    for (; received < items; ++received)
        q.get();
    child.join();
    summary.set(QT_TRANSLATE_NOOP("Summary", "join_blocked"), blocked);
    summary.set(QT_TRANSLATE_NOOP("Summary", "items_received"), received);
    summary.set(QT_TRANSLATE_NOOP("Summary", "child_exitcode"), child.exitcode().value_or(0));
}

std::string check(const ParamValues &p)
{
    if (p.integer("items") <= p.integer("maxsize"))
        return fillPattern(
            QT_TRANSLATE_NOOP("Params", "items (%1) must exceed maxsize (%2) for put() to block"),
            {p.text("items"), p.text("maxsize")});
    return {};
}

} // namespace

const LabInfo &queueJoinDeadlock()
{
    static const LabInfo lab{
        "queue-join-deadlock",
        QT_TRANSLATE_NOOP("Lab", "join() before get()"),
        QT_TRANSLATE_NOOP("Lab", "3. Queues"),
        QT_TRANSLATE_NOOP(
            "Lab",
            "A child blocked in put() cannot end; joining it before emptying the queue hangs."),
        {
            ParamSpec::integer("items", 2, 10000, 10,
                               QT_TRANSLATE_NOOP("Lab", "Items the child puts"))
                .definesRun(),
            ParamSpec::integer("maxsize", 1, 1000, 3, QT_TRANSLATE_NOOP("Lab", "Queue(maxsize)"))
                .definesRun(),
            ParamSpec::choice("order", {"join-then-get", "get-then-join"}, "join-then-get",
                              QT_TRANSLATE_NOOP("Lab", "What main does first"))
                .definesRun(),
            ParamSpec::integer(
                "join_timeout_ms", 100, 60000, 2000,
                QT_TRANSLATE_NOOP("Lab",
                                  "How long the doomed join() waits before the lab steps in"),
                QT_TRANSLATE_NOOP("Lab", "ms")),
        },
        mainFn,
        check,
    };
    return lab;
}

} // namespace proclab::labs
