// ProcLab against CPython's multiprocessing, case by case (bench_python.py is
// the Python side; run_trace_bench.py runs both alternately and prints the
// table). Not a test: timings are reported, never checked.
//
// Run: bench_python CASE [CASE...] | all
//
// Tracing is ON and complete: this process is the host, as proclab-run is. It
// creates the trace ring, starts MainProcess (bench_python_main: a fresh image
// without Qt, as the runner's MainProcess is; it runs the case, every record
// written) and decodes the ring into a TraceModel while the case runs,
// exactly as LabSession does. Each case prints
// "RESULT impl=proclab case=NAME ms=... ok=1 records=N".
#include "bench_python_cases.h"

#include "bootstrap.h"
#include "ringreader.h"
#include "tracedrain.h"
#include "tracemodel.h"
#include "tracewriter.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace proclab;

namespace {

constexpr std::uint32_t kSlotCapacity = 1u << 18; // as LabSession

// MainProcess: bench_python_main (beside this program), a fresh image without
// Qt as proclab-runner is, runs the case on the ring and reports it on stdout.
[[noreturn]] void runMain(const bench::Case &c, int ringFd, pid_t host)
{
    setpgid(0, 0);
    char exe[4096];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        _exit(3);
    exe[n] = '\0';
    std::string main = exe;
    main = main.substr(0, main.rfind('/') + 1) + "bench_python_main";
    const std::string fdArg = "--ring-fd=" + std::to_string(ringFd);
    const std::string hostArg = "--host=" + std::to_string(host);
    execl(main.c_str(), main.c_str(), fdArg.c_str(), hostArg.c_str(), c.name, (char *)nullptr);
    std::perror("bench_python: cannot run bench_python_main");
    _exit(3);
}

int runCase(const bench::Case &c)
{
    QTemporaryDir traceDir(QDir::tempPath() + QStringLiteral("/proclab-bench-trace-XXXXXX"));
    RingReader reader;
    if (!reader.create(kRingSlots, kSlotCapacity, traceDir.path())) {
        std::perror("bench_python: trace ring");
        return 2;
    }
    RingHeader *h = reader.ring().header();
    h->slotsClaimed.store(kMainSlot + 1);
    fcntl(reader.fd(), F_SETFD, 0);
    // As LabSession does: pages allocated ahead of the writers.
    reader.startPreparing();
    std::fflush(stdout);
    const pid_t host = getpid();
    const pid_t main = fork();
    if (main < 0) {
        std::perror("bench_python: fork");
        return 2;
    }
    if (main == 0)
        runMain(c, reader.fd(), host);
    h->labPgid.store(main); // (as the runner does: the preparer goes to idle priority)

    // The host: the same drain thread as LabSession, decoding while the case runs.
    std::mutex m;
    std::condition_variable cv;
    bool finalSeen = false;
    TraceDrain drain(reader, std::make_unique<EventStore>(traceDir.path()), RecordDecoder(),
                     [&] {
                         std::lock_guard lock(m);
                         cv.notify_all();
                     });
    drain.start();
    int status = 0;
    while (waitpid(main, &status, 0) < 0 && errno == EINTR) {
    }
    drain.finish();
    std::uint64_t records = 0;
    while (!finalSeen) {
        std::unique_lock lock(m);
        cv.wait_for(lock, std::chrono::milliseconds(50));
        lock.unlock();
        if (auto u = drain.take()) {
            records = u->records;
            finalSeen = u->final;
        }
    }
    std::printf(" records=%llu spills=%llu stalls_ms=%.1f\n", (unsigned long long)records,
                (unsigned long long)reader.spills(), double(reader.stallNs()) / 1e6);
    std::fflush(stdout);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (isSpawnedChild(argc, argv))
        return runSpawnedChild(argc, argv);
    QCoreApplication app(argc, argv);
    QTemporaryDir runDir(QDir::tempPath() + QStringLiteral("/proclab-bench-XXXXXX"));
    qputenv("PROCLAB_RUN_DIR", runDir.path().toLocal8Bit());

    std::vector<const bench::Case *> chosen;
    for (int i = 1; i < argc; ++i) {
        const std::string_view name = argv[i];
        bool found = false;
        for (const bench::Case &c : bench::cases())
            if (name == "all" || name == c.name) {
                chosen.push_back(&c);
                found = true;
            }
        if (!found) {
            std::fprintf(stderr, "bench_python: unknown case '%s'; cases:", argv[i]);
            for (const bench::Case &c : bench::cases())
                std::fprintf(stderr, " %s", c.name);
            std::fprintf(stderr, "\n");
            return 2;
        }
    }
    if (chosen.empty()) {
        std::fprintf(stderr, "usage: bench_python CASE... | all\n");
        return 2;
    }
    int worst = 0;
    for (const bench::Case *c : chosen)
        worst = std::max(worst, runCase(*c));
    return worst;
}
