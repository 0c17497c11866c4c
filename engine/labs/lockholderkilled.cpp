// Lab "lock-holder-killed": a process holding a lock is terminated. Its
// cleanup never runs, so it never releases the lock, and as in Python nobody
// else can: the waiter waits for ever. Main gives up after give_up_ms and
// terminates it too (resources/notes/lock-holder-killed.py).
//
//   holder: lock.acquire(); time.sleep(hold_ms); lock.release()   # terminated meanwhile
//   waiter: time.sleep(0.05); with lock: print("got it")
//   main:   time.sleep(terminate_after_ms); h.terminate(); h.join()
//           w.join(give_up_ms); if w.is_alive(): w.terminate(); w.join()
#include "labs.h"
#include "labutil.h"
#include "lock.h"
#include "runtime.h"

namespace proclab::labs {
namespace {

void lockHolder(const Args &a)
{
    auto [lock, workMs] = unpack<Lock, std::int64_t>(a);
    lock.acquire();
    print(current_process_name(), "holds the lock and works for", workMs, "ms");
    sleep_ms(workMs);
    lock.release();
    print(current_process_name(), "released the lock");
}
PROCLAB_TARGET(lockHolder);

void lockWaiter(const Args &a)
{
    auto [lock, delayMs] = unpack<Lock, std::int64_t>(a);
    sleep_ms(delayMs); // let the holder take it first
    print(current_process_name(), "wants the lock");
    Lock::Guard held(lock);
    print(current_process_name(), "got the lock");
}
PROCLAB_TARGET(lockWaiter);

void mainFn(const ParamValues &p, Summary &summary)
{
    Lock lock("shared-lock", Lock::IfOwnerDies::StayLocked); // Python's Lock
    Process holder(lockHolder, Args{lock.handle(), p.integer("hold_ms")});
    Process waiter(lockWaiter, Args{lock.handle(), std::int64_t(50)});
    holder.start();
    waiter.start();
    Stopwatch clock;
    sleep_ms(p.integer("terminate_after_ms"));
    holder.terminate();
    holder.join();
    waiter.join(double(p.integer("give_up_ms")) / 1000.0);
    const bool stuck = waiter.is_alive();
    if (stuck) {
        print("the waiter is stuck behind a lock nobody will release");
        report_error_on(*waiter.pid(), QT_TRANSLATE_NOOP("Lab", "hung: waiting for a lock its "
                                                                "terminated holder never released"));
        waiter.terminate();
        waiter.join();
    }
    summary.set(QT_TRANSLATE_NOOP("Summary", "holder_exitcode"), holder.exitcode().value_or(0));
    summary.set(QT_TRANSLATE_NOOP("Summary", "waiter_exitcode"), waiter.exitcode().value_or(0));
    summary.set(QT_TRANSLATE_NOOP("Summary", "completed"), waiter.exitcode() == 0);
    summary.set(QT_TRANSLATE_NOOP("Summary", "elapsed_ms"), clock.elapsedMs());
}

std::string check(const ParamValues &p)
{
    if (p.integer("terminate_after_ms") >= p.integer("hold_ms"))
        return fillPattern(
            QT_TRANSLATE_NOOP("Params", "terminate_after_ms (%1) must be less than hold_ms (%2), "
                                        "or the holder releases the lock before it is terminated"),
            {p.text("terminate_after_ms"), p.text("hold_ms")});
    return {};
}

} // namespace

const LabInfo &lockHolderKilled()
{
    static const LabInfo lab{
        "lock-holder-killed",
        QT_TRANSLATE_NOOP("Lab", "Lock holder terminated"),
        QT_TRANSLATE_NOOP("Lab", "2. Locks and races"),
        QT_TRANSLATE_NOOP("Lab", "terminate() skips cleanup: the lock stays held for ever and "
                                 "the next acquirer hangs."),
        {
            ParamSpec::integer("hold_ms", 1, 60000, 5000,
                               QT_TRANSLATE_NOOP("Lab", "How long the holder keeps the lock"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer("terminate_after_ms", 0, 60000, 500,
                               QT_TRANSLATE_NOOP("Lab", "When main terminates it"),
                               QT_TRANSLATE_NOOP("Lab", "ms"))
                .definesRun(),
            ParamSpec::integer(
                "give_up_ms", 100, 60000, 3000,
                QT_TRANSLATE_NOOP("Lab",
                                  "How long main waits for the waiter, w.join(timeout), before "
                                  "terminating it"),
                QT_TRANSLATE_NOOP("Lab", "ms"))
                .definesRun(),
        },
        mainFn,
        check,
    };
    return lab;
}

} // namespace proclab::labs
