// The cases of bench_python (ProcLab side): each mirrors a function of
// bench_python.py line for line. They run inside MainProcess, every record
// traced, and return the milliseconds from just before the first start() to
// just after the last join() (process start and reaping included, as in the
// Python script).
#include "bench_python_cases.h"

#include "lock.h"
#include "manager.h"
#include "pipe.h"
#include "process.h"
#include "queue.h"
#include "runtime.h"
#include "value.h"

#include <chrono>
#include <vector>

namespace proclab::bench {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void noop(const Args &) {}
PROCLAB_TARGET(noop);

// def incr(counter, n, locked):
//     for _ in range(n):
//         if locked:
//             with counter.get_lock(): counter.value += 1
//         else:
//             counter.value += 1
void incr(const Args &a)
{
    Value counter = Value::fromHandle(a.at(0).toInt());
    Lock lock = counter.get_lock();
    const std::int64_t n = a.at(1).toInt();
    if (a.at(2).toInt() != 0) {
        for (std::int64_t i = 0; i < n; ++i) {
            Lock::Guard held(lock);
            counter.set_value(counter.value() + 1);
        }
    } else {
        for (std::int64_t i = 0; i < n; ++i)
            counter.set_value(counter.value() + 1);
    }
}
PROCLAB_TARGET(incr);

void queueProducer(const Args &a)
{
    Queue q = Queue::fromHandle(a.at(0).toInt());
    for (std::int64_t i = 0, n = a.at(1).toInt(); i < n; ++i)
        q.put(Arg(i));
}
PROCLAB_TARGET(queueProducer);

void queueConsumer(const Args &a)
{
    Queue q = Queue::fromHandle(a.at(0).toInt());
    for (std::int64_t i = 0, n = a.at(1).toInt(); i < n; ++i)
        (void)q.get();
}
PROCLAB_TARGET(queueConsumer);

void pipeSender(const Args &a)
{
    Connection c = Connection::fromHandle(a.at(0).toString());
    for (std::int64_t i = 0, n = a.at(1).toInt(); i < n; ++i)
        c.send(Arg(i));
}
PROCLAB_TARGET(pipeSender);

void pipeReceiver(const Args &a)
{
    Connection c = Connection::fromHandle(a.at(0).toString());
    for (std::int64_t i = 0, n = a.at(1).toInt(); i < n; ++i)
        (void)c.recv();
}
PROCLAB_TARGET(pipeReceiver);

void managerAppender(const Args &a)
{
    ListProxy l = ListProxy::fromHandle(a.at(0).toString());
    for (std::int64_t i = 0, n = a.at(1).toInt(); i < n; ++i)
        l.append(Arg(i));
}
PROCLAB_TARGET(managerAppender);

double startJoin(std::int64_t n)
{
    std::vector<Process> ps;
    for (std::int64_t i = 0; i < n; ++i)
        ps.emplace_back(noop, Args{});
    const auto t0 = Clock::now();
    for (Process &p : ps)
        p.start();
    for (Process &p : ps)
        p.join();
    return msSince(t0);
}

double counter(std::int64_t workers, std::int64_t n, bool locked, bool *ok)
{
    Value v("counter", 0);
    std::vector<Process> ps;
    for (std::int64_t i = 0; i < workers; ++i)
        ps.emplace_back(incr, Args{v.handle(), n, locked ? 1 : 0});
    const auto t0 = Clock::now();
    for (Process &p : ps)
        p.start();
    for (Process &p : ps)
        p.join();
    const double ms = msSince(t0);
    *ok = !locked || v.value() == workers * n;
    return ms;
}

double queue(std::int64_t n, int maxsize, bool *ok)
{
    Queue q("q", maxsize);
    Process producer(queueProducer, Args{q.handle(), n});
    Process consumer(queueConsumer, Args{q.handle(), n});
    const auto t0 = Clock::now();
    producer.start();
    consumer.start();
    producer.join();
    consumer.join();
    const double ms = msSince(t0);
    *ok = q.totals().got == n;
    return ms;
}

double pipe(std::int64_t n, bool *ok)
{
    auto [r, w] = Pipe(false, "p");
    Process sender(pipeSender, Args{w.handle(), n});
    Process receiver(pipeReceiver, Args{r.handle(), n});
    const auto t0 = Clock::now();
    sender.start();
    receiver.start();
    r.close();
    w.close();
    sender.join();
    receiver.join();
    const double ms = msSince(t0);
    *ok = sender.exitcode() == 0 && receiver.exitcode() == 0;
    return ms;
}

double manager(std::int64_t n, bool *ok)
{
    Manager m;
    ListProxy l = m.list("l");
    Process child(managerAppender, Args{l.handle(), n});
    const auto t0 = Clock::now();
    child.start();
    child.join();
    const double ms = msSince(t0);
    *ok = l.size() == n;
    m.shutdown();
    return ms;
}

} // namespace

const std::vector<Case> &cases()
{
    static const std::vector<Case> all{
        {"start-join-64", "start and join 64 processes",
         [](bool *ok) {
             *ok = true;
             return startJoin(64);
         }},
        {"counter-4x100k", "4 processes x 100,000 unlocked counter.value += 1",
         [](bool *ok) { return counter(4, 100'000, false, ok); }},
        {"locked-2x100k", "2 x 100,000 increments under the lock",
         [](bool *ok) { return counter(2, 100'000, true, ok); }},
        {"queue-unbounded", "Queue(), 20,000 ints 1 -> 1",
         [](bool *ok) { return queue(20'000, 0, ok); }},
        {"queue-max10", "Queue(maxsize=10), 20,000 ints 1 -> 1",
         [](bool *ok) { return queue(20'000, 10, ok); }},
        {"pipe", "Pipe(duplex=False), 20,000 ints 1 -> 1", [](bool *ok) { return pipe(20'000, ok); }},
        {"manager", "Manager list, 20,000 appends from a child",
         [](bool *ok) { return manager(20'000, ok); }},
    };
    return all;
}

} // namespace proclab::bench
