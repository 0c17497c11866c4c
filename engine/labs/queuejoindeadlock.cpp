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
    Queue q = Queue::fromHandle(a.at(0).toInt());
    for (std::int64_t i = 0; i < a.at(1).toInt(); ++i)
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
    summary.set("join_blocked", blocked);
    summary.set("items_received", received);
    summary.set("child_exitcode", child.exitcode().value_or(0));
}

std::string check(const ParamValues &p)
{
    if (p.integer("items") <= p.integer("maxsize"))
        return "items (" + p.text("items") + ") must exceed maxsize (" + p.text("maxsize") +
               ") for put() to block";
    return {};
}

} // namespace

const LabInfo &queueJoinDeadlock()
{
    static const LabInfo lab{
        "queue-join-deadlock",
        "join() before get()",
        "3. Queues",
        "A child blocked in put() cannot end; joining it before emptying the queue hangs.",
        {
            ParamSpec::integer("items", 2, 10000, 10, "Items the child puts"),
            ParamSpec::integer("maxsize", 1, 1000, 3, "Queue(maxsize)"),
            ParamSpec::choice("order", {"join-then-get", "get-then-join"}, "join-then-get",
                              "What main does first"),
            ParamSpec::integer("join_timeout_ms", 100, 60000, 2000,
                               "How long the doomed join() waits before the lab steps in", "ms"),
        },
        mainFn,
        check,
    };
    return lab;
}

} // namespace proclab::labs
