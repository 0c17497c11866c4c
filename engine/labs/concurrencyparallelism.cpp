// Lab "concurrency-parallelism": processes that take turns on one core are
// concurrent; only processes on several cores at once are parallel. CPU-bound
// work gets faster only with cores; waiting (I/O) overlaps even on one core.
//
//   def work(ms):                        # cpu: compute for ms of CPU time
//       ...                              # io: time.sleep(ms / 1000), a real blocking wait
//   start = time.time()
//   for _ in range(workers): work(ms)    # serial, in the main process
//   serial = time.time() - start
//   if cores == "one": os.sched_setaffinity(0, {cpu})   # children inherit the mask
//   ps = [Process(target=work, args=(ms,)) for _ in range(workers)]
//   start = time.time(); [p.start() for p in ps]; [p.join() for p in ps]
//   print("speedup", serial / (time.time() - start))
//
// Main pins ITSELF before starting the workers, so each worker runs on that
// core from its first instruction: everything the workers do happens on one
// core, and their CPU time can never exceed the wall time (cores_busy <= 1).
// (Pinning inside the worker would leave its start-up free to run elsewhere.)
//
// The cores each process really ran on come from the runner's /proc sampler
// (the `cpu` counter of every lane).
#include "labs.h"
#include "labutil.h"
#include "runtime.h"
#include "translatable.h"

#include <cmath>
#include <ctime>
#include <sys/resource.h>

namespace proclab::labs {
namespace {

enum Task : std::int64_t
{
    Cpu = 0,
    Io = 1,
    Mixed = 2
};

std::uint64_t processCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000ull + std::uint64_t(ts.tv_nsec);
}

// Real computation (counting primes by trial division) until this process has
// used `ms` of CPU TIME, not wall time: sharing a core, a worker gets only its
// share of it and so needs longer, which is what the lab shows.
std::int64_t computeFor(std::int64_t ms)
{
    const std::uint64_t until = processCpuNs() + std::uint64_t(ms) * 1'000'000ull;
    std::int64_t primes = 0;
    std::uint64_t n = 2;
    while (processCpuNs() < until) {
        for (int k = 0; k < 200; ++k, ++n) {
            bool prime = true;
            for (std::uint64_t d = 2; d * d <= n; ++d) {
                if (n % d == 0) {
                    prime = false;
                    break;
                }
            }
            primes += prime;
        }
    }
    return primes;
}

void work(Task task, std::int64_t ms)
{
    switch (task) {
    case Cpu:
        computeFor(ms);
        break;
    case Io:
        sleep_ms(ms); // blocks off the CPU, as a read from a disk or a socket would
        break;
    case Mixed:
        // Half computing, half waiting, in five rounds.
        for (int round = 0; round < 5; ++round) {
            computeFor(ms / 10);
            sleep_ms(ms / 10);
        }
        break;
    }
}

// CPU time used by the caller's reaped children so far, in ms. Python:
// t = os.times(); t.children_user + t.children_system
double childrenCpuMs()
{
    rusage ru{};
    getrusage(RUSAGE_CHILDREN, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

void cpWorker(const Args &args)
{
    auto [task, ms] = unpack<Task, std::int64_t>(args);
    work(task, ms);
}
PROCLAB_TARGET(cpWorker);

Task taskOf(const ParamValues &p)
{
    return p.is("task", "io") ? Io : p.is("task", "mixed") ? Mixed : Cpu;
}

void mainFn(const ParamValues &p, Summary &summary)
{
    const std::int64_t workers = p.integer("workers");
    const std::int64_t ms = p.integer("cpu_ms");
    const Task task = taskOf(p);
    const std::vector<int> allowed = sched_getaffinity(0);
    const int pin = p.is("cores", "one") && !allowed.empty() ? allowed.front() : -1;

    print("serial:", workers, "tasks of", ms, "ms, one after another in MainProcess");
    Stopwatch serialClock;
    for (std::int64_t i = 0; i < workers; ++i)
        work(task, ms);
    const double serialMs = serialClock.elapsedMs();
    print("serial took", int(serialMs), "ms");

    print("parallel:", workers, "processes", pin >= 0 ? "all pinned to CPU" : "on all",
          pin >= 0 ? std::to_string(pin) : std::to_string(allowed.size()) + " CPUs");
    std::vector<Process> ps;
    for (std::int64_t i = 0; i < workers; ++i)
        ps.emplace_back(cpWorker, Args{std::int64_t(task), ms});
    if (pin >= 0)
        sched_setaffinity(0, {pin}); // the workers inherit it at fork
    const double cpuBefore = childrenCpuMs();
    Stopwatch clock;
    for (auto &proc : ps)
        proc.start();
    for (auto &proc : ps)
        proc.join();
    const double elapsedMs = clock.elapsedMs();
    if (pin >= 0)
        sched_setaffinity(0, allowed);
    // CPU time the workers used together, per wall-clock time: how many cores
    // were busy on average. Pinned to one core from their fork on it cannot
    // exceed 1, whatever else the machine runs; wall-clock times (and so the
    // speedup) depend on the machine's other load.
    const double workersCpuMs = childrenCpuMs() - cpuBefore;
    const double coresBusy = elapsedMs > 0 ? workersCpuMs / elapsedMs : 0;
    const double speedup = elapsedMs > 0 ? serialMs / elapsedMs : 0;
    auto round2 = [](double v) { return std::round(v * 100) / 100; };
    print("processes took", int(elapsedMs), "ms; speedup", round2(speedup), "; cores busy",
          round2(coresBusy));

    summary.set(QT_TRANSLATE_NOOP("Summary", "workers"), workers);
    summary.set(QT_TRANSLATE_NOOP("Summary", "cpus_allowed"), std::int64_t(allowed.size()));
    summary.set(QT_TRANSLATE_NOOP("Summary", "pinned_cpu"), std::int64_t(pin));
    summary.set(QT_TRANSLATE_NOOP("Summary", "serial_ms"), serialMs);
    summary.set(QT_TRANSLATE_NOOP("Summary", "elapsed_ms"), elapsedMs);
    summary.set(QT_TRANSLATE_NOOP("Summary", "speedup"), round2(speedup));
    summary.set(QT_TRANSLATE_NOOP("Summary", "workers_cpu_ms"), workersCpuMs);
    summary.set(QT_TRANSLATE_NOOP("Summary", "cores_busy"), round2(coresBusy));
}

// Each run does the work twice (serially, then with processes); keep a run
// within about 20 s.
constexpr std::int64_t kMaxTotalMs = 10000;

std::string check(const ParamValues &p)
{
    const std::int64_t total = p.integer("workers") * p.integer("cpu_ms");
    if (total > kMaxTotalMs)
        return fillPattern(QT_TRANSLATE_NOOP("Params",
                                             "workers × cpu_ms must be at most %1 ms (the "
                                             "work runs twice: serially, then in "
                                             "processes), got %2 × %3 = %4"),
                           {std::to_string(kMaxTotalMs), p.text("workers"), p.text("cpu_ms"),
                            std::to_string(total)});
    return {};
}

} // namespace

const LabInfo &concurrencyParallelism()
{
    static const LabInfo lab{
        "concurrency-parallelism",
        QT_TRANSLATE_NOOP("Lab", "Concurrency and parallelism"),
        QT_TRANSLATE_NOOP("Lab", "1. Processes"),
        QT_TRANSLATE_NOOP(
            "Lab",
            "CPU-bound processes only finish sooner with more cores; waiting ones overlap on one."),
        {
            ParamSpec::integer("workers", 1, 16, 4,
                               QT_TRANSLATE_NOOP("Lab", "How many worker processes"))
                .definesRun(),
            ParamSpec::choice(
                "task", {"cpu", "io", "mixed"}, "cpu",
                QT_TRANSLATE_NOOP("Lab",
                                  "Compute (cpu), wait as for I/O (io), or half of each (mixed)"))
                .definesRun(),
            ParamSpec::integer(
                "cpu_ms", 50, 10000, 1000,
                QT_TRANSLATE_NOOP("Lab", "Work per task: CPU time to compute, or time to wait"),
                QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::choice(
                "cores", {"one", "all"}, "one",
                QT_TRANSLATE_NOOP("Lab", "Pin every worker to one CPU, or let them use all CPUs"))
                .definesRun(),
        },
        mainFn,
        check,
        {"speedup", QT_TRANSLATE_NOOP("Lab", "Speedup (serial time ÷ elapsed time)")},
    };
    return lab;
}

} // namespace proclab::labs
