// Lab "queue-basics": Queue(maxsize) blocks a put while full and a get while
// empty; with block=False (or past a timeout) they raise Full / Empty.
//
//   q = Queue(maxsize)
//   consumer: time.sleep(consumer_delay); get `puts` items;
//             then q.get(block, timeout) once more, on the empty queue
//   main:     for i in range(puts): q.put(i, block, timeout)   # blocks when full
//             time.sleep(0.5); q.put(None)
#include "labs.h"
#include "labutil.h"
#include "queue.h"
#include "runtime.h"

namespace proclab::labs {
namespace {

std::optional<double> timeoutOf(std::int64_t ms)
{
    return ms > 0 ? std::optional<double>(double(ms) / 1000.0) : std::nullopt;
}

void basicsConsumer(const Args &a)
{
    Queue q = Queue::fromHandle(a.at(0).toInt());
    const bool block = a.at(1).toInt() != 0;
    const auto timeout = timeoutOf(a.at(2).toInt());
    sleep_ms(a.at(4).toInt()); // main fills the queue meanwhile
    std::int64_t got = 0;
    for (; got < a.at(3).toInt(); ++got) {
        try {
            const Arg item = q.get(block, timeout);
            if (item.isNone()) { // main's put() raised Full, so its None came early
                print("got None: main stopped putting early");
                break;
            }
            print("got", item.toInt(), "- depth now", q.qsize());
        } catch (const Empty &) {
            print("get() raised queue.Empty");
            break;
        }
    }
    // Now the queue is empty: one more get() waits (or raises) the same way.
    try {
        const Arg last = q.get(block, timeout);
        print(last.isNone() ? "got None: main's last put ended the wait" : "got an item");
    } catch (const Empty &) {
        print("get() on the empty queue raised queue.Empty");
    }
}
PROCLAB_TARGET(basicsConsumer);

void mainFn(const ParamValues &p, Summary &summary)
{
    const bool block = p.boolean("block");
    Queue q("q", int(p.integer("maxsize")));
    Process consumer(basicsConsumer, Args{q.handle(), block ? 1 : 0, p.integer("timeout_ms"),
                                          p.integer("puts"), p.integer("consumer_delay_ms")});
    consumer.start();
    std::int64_t putOk = 0;
    bool full = false;
    for (std::int64_t i = 0; i < p.integer("puts"); ++i) {
        try {
            q.put(Arg(i), block, timeoutOf(p.integer("timeout_ms")));
            print("put", i, "- depth now", q.qsize());
            ++putOk;
        } catch (const Full &) {
            print("put(", i, ") raised queue.Full");
            full = true;
            break;
        }
    }
    sleep_ms(500);
    q.put(Arg()); // None: what a consumer blocked on the empty queue receives
    consumer.join();
    const Queue::Totals t = q.totals();
    summary.set(QT_TRANSLATE_NOOP("Summary", "puts_done"), putOk);
    summary.set(QT_TRANSLATE_NOOP("Summary", "full_raised"), full);
    summary.set(QT_TRANSLATE_NOOP("Summary", "gets_done"), t.got);
    summary.set(QT_TRANSLATE_NOOP("Summary", "max_depth"), t.maxDepth);
}

} // namespace

const LabInfo &queueBasics()
{
    static const LabInfo lab{
        "queue-basics",
        QT_TRANSLATE_NOOP("Lab", "Queue: blocking put/get"),
        QT_TRANSLATE_NOOP("Lab", "3. Queues"),
        QT_TRANSLATE_NOOP(
            "Lab",
            "A full queue blocks put(), an empty one blocks get(); without blocking they raise."),
        {
            ParamSpec::integer("maxsize", 1, 1000, 3, QT_TRANSLATE_NOOP("Lab", "Queue(maxsize)")),
            ParamSpec::integer("puts", 1, 1000, 4,
                               QT_TRANSLATE_NOOP("Lab", "How many items main puts")),
            ParamSpec::boolean(
                "block", true,
                QT_TRANSLATE_NOOP("Lab", "put()/get() wait (True) or raise at once (False)")),
            ParamSpec::integer("timeout_ms", 0, 60000, 0,
                               QT_TRANSLATE_NOOP("Lab", "Longest wait; 0 waits forever"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer(
                "consumer_delay_ms", 0, 60000, 1000,
                QT_TRANSLATE_NOOP("Lab", "How long the consumer waits before its first get"),
                QT_TRANSLATE_NOOP("Lab", "ms")),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
