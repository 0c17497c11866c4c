// Lab "queue-basics": Queue(maxsize) blocks a put while full and a get while
// empty; with block=False (put_nowait / get_nowait), or past a timeout, they
// raise Full / Empty (resources/notes/queue-basics.py).
//
//   q = Queue(maxsize)
//   consumer: time.sleep(consumer_delay); get until None (or queue.Empty)
//   main:     for i in range(puts): q.put(i, block, timeout)   # stop at queue.Full
//             time.sleep(0.5); q.put(None, block, timeout)    # the sentinel
//
// timeout_ms -1 is Python's timeout=None (wait for ever); 0 raises at once.
#include "labs.h"
#include "labutil.h"
#include "queue.h"
#include "runtime.h"

namespace proclab::labs {
namespace {

std::optional<double> timeoutOf(std::int64_t ms)
{
    return ms >= 0 ? std::optional<double>(double(ms) / 1000.0) : std::nullopt;
}

// q.put(item, timeout=...) when blocking, q.put_nowait(item) when not.
void put(Queue &q, const Arg &item, bool block, std::optional<double> timeout)
{
    if (block)
        q.put(item, true, timeout);
    else
        q.put_nowait(item);
}

Arg get(Queue &q, bool block, std::optional<double> timeout)
{
    return block ? q.get(true, timeout) : q.get_nowait();
}

void basicsConsumer(const Args &a)
{
    auto [q, block, timeoutMs, delayMs, report] =
        unpack<Queue, bool, std::int64_t, std::int64_t, std::int64_t>(a);
    const auto timeout = timeoutOf(timeoutMs);
    sleep_ms(delayMs); // main fills the queue meanwhile
    std::int64_t gets = 0;
    bool empty = false;
    for (;;) {
        try {
            const Arg item = get(q, block, timeout);
            if (item.isNone()) // the sentinel: no more items
                break;
            ++gets;
            print("got", item.toInt(), "- qsize() now", q.qsize());
        } catch (const Empty &) {
            print("get() raised queue.Empty; q.empty() =", q.empty() ? "True" : "False");
            report_error(QT_TRANSLATE_NOOP("Lab", "queue.Empty"));
            empty = true;
            break;
        }
    }
    print("gets_done:", gets);
    print("empty_raised:", empty ? "True" : "False");
    ReportPipe::send(int(report), gets);
    ReportPipe::send(int(report), empty);
}
PROCLAB_TARGET(basicsConsumer);

void mainFn(const ParamValues &p, Summary &summary)
{
    const bool block = p.boolean("block");
    const auto timeout = timeoutOf(p.integer("timeout_ms"));
    Queue q("q", int(p.integer("maxsize")));
    ReportPipe report; // what only the consumer knows, for the summary
    Process consumer(basicsConsumer, Args{q.handle(), block ? 1 : 0, p.integer("timeout_ms"),
                                          p.integer("consumer_delay_ms"), report.writeFd()});
    consumer.start();
    report.closeWriteEnd();
    std::int64_t puts = 0, depth = 0;
    bool full = false;
    for (std::int64_t i = 0; i < p.integer("puts"); ++i) {
        try {
            put(q, Arg(i), block, timeout);
        } catch (const Full &) {
            print("put() raised queue.Full; q.full() =", q.full() ? "True" : "False");
            report_error(QT_TRANSLATE_NOOP("Lab", "queue.Full"));
            full = true;
            break;
        }
        ++puts;
        depth = std::max<std::int64_t>(depth, q.qsize());
        print("put", i, "- qsize() now", q.qsize());
    }
    sleep_ms(500);
    try {
        put(q, Arg(), block, timeout); // None: "no more items"
    } catch (const Full &) {           // the consumer will stop at queue.Empty instead
        print("no room for the None either");
        report_error(QT_TRANSLATE_NOOP("Lab", "queue.Full"));
    }
    std::int64_t gets = 0, empty = 0;
    report.read(&gets);
    report.read(&empty);
    consumer.join();
    summary.set(QT_TRANSLATE_NOOP("Summary", "puts_done"), puts);
    summary.set(QT_TRANSLATE_NOOP("Summary", "full_raised"), full);
    summary.set(QT_TRANSLATE_NOOP("Summary", "gets_done"), gets);
    summary.set(QT_TRANSLATE_NOOP("Summary", "empty_raised"), empty != 0);
    summary.set(QT_TRANSLATE_NOOP("Summary", "max_depth"), depth);
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
            ParamSpec::integer("maxsize", 1, 1000, 3, QT_TRANSLATE_NOOP("Lab", "Queue(maxsize)"))
                .definesRun(),
            ParamSpec::integer("puts", 1, 1000, 4,
                               QT_TRANSLATE_NOOP("Lab", "How many items main puts"))
                .definesRun(),
            ParamSpec::boolean(
                "block", true,
                QT_TRANSLATE_NOOP("Lab", "put()/get() wait (True) or put_nowait()/get_nowait() "
                                         "raise at once (False)"))
                .definesRun(),
            ParamSpec::integer(
                "timeout_ms", -1, 60000, -1,
                QT_TRANSLATE_NOOP("Lab", "Longest wait when blocking: -1 is timeout=None (for "
                                         "ever), 0 raises at once"),
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
