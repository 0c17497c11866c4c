// Lab "counter-race": `counter.value += 1` is a read and then a write. Two
// processes that read the same value both write value + 1: one increment is
// lost. With the lock, the read and the write happen as one step.
//
//   def worker(counter, gate, n):
//       gate.wait()                       # until every worker has reached it
//       for _ in range(n):
//           with lock:                    # only when lock=on
//               v = counter.value
//               pause(window_us)          # widens the race
//               counter.value = v + 1
//
// The gate is a Barrier(workers): no worker counts until the last one is
// running, then all of them do. Without it, what the race shows depends on
// how fast start() is against the work: a worker doing 10,000 increments here
// (~1 ms) was often done before main had started the next one, and the run
// lost about a fifth of what CPython's did (4,800 against 22,000, median of
// 10). A Lock main held while starting them was not enough on a loaded
// machine: a worker forked last could reach the gate milliseconds after main
// had let it go, when the others were done.
#include "barrier.h"
#include "labs.h"
#include "labutil.h"
#include "runtime.h"
#include "value.h"

namespace proclab::labs {
namespace {

void incrementOnce(Value &counter, std::int64_t windowUs)
{
    const std::int32_t v = counter.value();
    spin_us(windowUs);
    counter.set_value(v + 1);
}

void raceWorker(const Args &a)
{
    auto [counter, gate, n, useLock, windowUs] =
        unpack<Value, Barrier, std::int64_t, bool, std::int64_t>(a);
    gate.wait(); // every worker is running: all of them count from here
    Lock lock = counter.get_lock();
    for (std::int64_t i = 0; i < n; ++i) {
        if (useLock) {
            Lock::Guard held(lock);
            incrementOnce(counter, windowUs);
        } else {
            incrementOnce(counter, windowUs);
        }
    }
    print(current_process_name(), "did its", n, "increments");
}
PROCLAB_TARGET(raceWorker);

void mainFn(const ParamValues &p, Summary &summary)
{
    Value counter("counter", 0);
    const std::int64_t workers = p.integer("workers"), n = p.integer("increments");
    Barrier gate(int(workers), "gate");
    std::vector<Process> ps;
    for (std::int64_t i = 0; i < workers; ++i)
        ps.emplace_back(raceWorker, Args{counter.handle(), gate.handle(), n,
                                         p.boolean("lock") ? 1 : 0, p.integer("window_us")});
    Stopwatch clock;
    for (auto &proc : ps)
        proc.start();
    for (auto &proc : ps)
        proc.join();
    const std::int64_t expected = workers * n;
    const std::int64_t actual = counter.value();
    print("expected", expected, "got", actual);
    summary.set(QT_TRANSLATE_NOOP("Summary", "expected"), expected);
    summary.set(QT_TRANSLATE_NOOP("Summary", "actual"), actual);
    summary.set(QT_TRANSLATE_NOOP("Summary", "lost_updates"), expected - actual);
    summary.set(QT_TRANSLATE_NOOP("Summary", "elapsed_ms"), clock.elapsedMs());
}

} // namespace

const LabInfo &counterRace()
{
    static const LabInfo lab{
        "counter-race",
        QT_TRANSLATE_NOOP("Lab", "Lost updates (counter)"),
        QT_TRANSLATE_NOOP("Lab", "2. Locks and races"),
        QT_TRANSLATE_NOOP(
            "Lab",
            "counter.value += 1 is a read then a write: without a lock, increments are lost."),
        {
            ParamSpec::integer("workers", 1, 64, 4,
                               QT_TRANSLATE_NOOP("Lab", "Processes incrementing the counter"))
                .definesRun(),
            ParamSpec::integer("increments", 1, 1'000'000, 10'000,
                               QT_TRANSLATE_NOOP("Lab", "Increments per process"))
                .definesRun(),
            ParamSpec::boolean(
                "lock", false,
                QT_TRANSLATE_NOOP("Lab", "Hold the counter's lock around each increment"))
                .definesRun(),
            // 1 µs by default: a worker's 10,000 increments then take about
            // 10 ms, several time slices, as CPython's take 50 ms. With 0 they
            // take 1 ms, fit in one slice, and on a busy machine (the GUI
            // drawing on one of 2 cores) the workers ran one after another and
            // lost nothing: median 0 in 10 runs against 26,650 with 1 µs.
            ParamSpec::integer(
                "window_us", 0, 100'000, 1,
                QT_TRANSLATE_NOOP("Lab", "Pause between the read and the write (widens the race)"),
                QT_TRANSLATE_NOOP("Lab", "µs")),
        },
        mainFn,
        nullptr, // every parameter set in range runs (issue 12)
        {"lost_updates", QT_TRANSLATE_NOOP("Lab", "Lost updates (expected − actual)")},
    };
    return lab;
}

} // namespace proclab::labs
