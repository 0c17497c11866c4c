// runtime_scenarios SCENARIO [fork|spawn]
// PROCLAB_TEST_DENY_PIDFD=ENOSYS|EPERM runtime_scenarios ...
//
// A small lab program that tst_runtime runs once per scenario. It is
// single-threaded and links only the runtime (no Qt): lab code may only fork
// from a single-threaded process. It becomes MainProcess on a trace ring of its
// own, runs ONE scenario, lets finishMainProcess() run Python's exit handler,
// and prints what it observed as one JSON object line on stdout.
//
// Scenarios order events with pipes and waitid(WNOWAIT), never with sleeps:
// a child says "ready" on a pipe, blocks until a pipe reaches EOF, or blocks
// until it is signalled. A failed scenario prints {"client_error": ...} and
// exits 3.
//
// With PROCLAB_TEST_DENY_PIDFD set, a seccomp filter (inherited by every child,
// across fork and exec) makes pidfd_open and pidfd_send_signal fail with that
// errno, as on kernels before 5.3 or under older container profiles: the
// runtime must wait and signal without pidfds. The report then says which
// errno pidfd_open really gave ("pidfd_open_errno").

#include "barrier.h"
#include "bootstrap.h"
#include "futex.h"
#include "lock.h"
#include "manager.h"
#include "pipe.h"
#include "process.h"
#include "procstat.h"
#include "queue.h"
#include "runtime.h"
#include "summary.h"
#include "tracering.h"
#include "tracewriter.h"
#include "value.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <map>
#include <optional>
#include <poll.h>
#include <sched.h>
#include <stdexcept>
#include <string>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace proclab;

namespace {

// ---- observations -----------------------------------------------------------

class Report
{
public:
    void set(const std::string &key, std::int64_t v) { put(key, std::to_string(v)); }
    void set(const std::string &key, int v) { set(key, std::int64_t(v)); }
    void set(const std::string &key, bool v) { put(key, v ? "true" : "false"); }
    void set(const std::string &key, const std::string &v) { put(key, jsonQuote(v)); }
    void set(const std::string &key, const char *v) { set(key, std::string(v)); }
    void set(const std::string &key, std::optional<int> v)
    {
        if (v)
            set(key, *v);
        else
            put(key, "null");
    }
    void set(const std::string &key, const std::vector<std::int64_t> &list)
    {
        std::string json = "[";
        for (std::size_t i = 0; i < list.size(); ++i)
            json += (i ? "," : "") + std::to_string(list[i]);
        put(key, json + "]");
    }
    void set(const std::string &key, const std::vector<std::string> &list)
    {
        std::string json = "[";
        for (std::size_t i = 0; i < list.size(); ++i)
            json += (i ? "," : "") + jsonQuote(list[i]);
        put(key, json + "]");
    }
    std::string json() const
    {
        std::string out = "{";
        for (std::size_t i = 0; i < m_fields.size(); ++i)
            out += (i ? "," : "") + jsonQuote(m_fields[i].first) + ":" + m_fields[i].second;
        return out + "}";
    }

private:
    void put(const std::string &key, std::string json)
    {
        for (auto &f : m_fields)
            if (f.first == key) {
                f.second = std::move(json);
                return;
            }
        m_fields.emplace_back(key, std::move(json));
    }
    std::vector<std::pair<std::string, std::string>> m_fields;
};

struct ScenarioFailed : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string &why)
{
    throw ScenarioFailed(why);
}

// ---- pipes --------------------------------------------------------------------

// Not close-on-exec: spawned children find their ends by the numbers passed in
// their arguments. Closed on unwinding, so a failed scenario releases children
// that wait for EOF.
struct Pipe
{
    int r = -1;
    int w = -1;
    Pipe()
    {
        int fds[2];
        if (pipe(fds) != 0)
            fail(std::string("pipe: ") + std::strerror(errno));
        r = fds[0];
        w = fds[1];
    }
    ~Pipe()
    {
        closeRead();
        closeWrite();
    }
    Pipe(const Pipe &) = delete;
    Pipe &operator=(const Pipe &) = delete;
    void closeRead()
    {
        if (r >= 0)
            close(r);
        r = -1;
    }
    void closeWrite()
    {
        if (w >= 0)
            close(w);
        w = -1;
    }
};

void closeFd(std::int64_t fd)
{
    if (fd >= 0)
        close(int(fd));
}

void writeLine(std::int64_t fd, const std::string &text)
{
    const std::string line = text + "\n"; // short lines: one atomic pipe write
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = write(int(fd), line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail(std::string("write: ") + std::strerror(errno));
        done += std::size_t(n);
    }
}

// One line without its newline; nullopt at EOF.
std::optional<std::string> readLine(int fd)
{
    std::string line;
    for (;;) {
        char c;
        const ssize_t n = read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(std::string("read: ") + std::strerror(errno));
        if (n == 0)
            return line.empty() ? std::nullopt : std::optional<std::string>(line);
        if (c == '\n')
            return line;
        line += c;
    }
}

void expectReady(int fd)
{
    const auto line = readLine(fd);
    if (line != "ready")
        fail("child did not report ready, got: " + line.value_or("EOF"));
}

// Every "key=value" line until EOF (every write end closed).
std::map<std::string, std::string> readLinesToEof(int fd)
{
    std::map<std::string, std::string> out;
    while (const auto line = readLine(fd)) {
        const auto eq = line->find('=');
        if (eq == std::string::npos)
            out[*line] = "";
        else
            out[line->substr(0, eq)] = line->substr(eq + 1);
    }
    return out;
}

std::string valueOf(const std::map<std::string, std::string> &lines, const std::string &key)
{
    const auto it = lines.find(key);
    return it == lines.end() ? std::string("<missing>") : it->second;
}

// Blocks until every write end of `fd` is closed.
void waitForEof(int fd)
{
    for (;;) {
        char c;
        const ssize_t n = read(fd, &c, 1);
        if (n > 0 || (n < 0 && errno == EINTR))
            continue;
        return;
    }
}

// A child that only ends by a signal. PDEATHSIG: should the client die first,
// the child does not outlive it.
[[noreturn]] void blockUntilSignalled()
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    for (;;)
        pause();
}

// ---- /proc and waitid ---------------------------------------------------------------

char procState(pid_t pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    FILE *f = std::fopen(path, "re");
    if (!f)
        return '?';
    char buf[512];
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = '\0';
    const char *paren = std::strrchr(buf, ')');
    return paren && paren[1] == ' ' ? paren[2] : '?';
}

// Children of this process, zombies included.
int countOwnChildren()
{
    DIR *d = opendir("/proc");
    if (!d)
        fail("cannot read /proc");
    int count = 0;
    const pid_t self = ::getpid();
    while (const dirent *e = readdir(d)) {
        char *end = nullptr;
        const long pid = std::strtol(e->d_name, &end, 10);
        if (*end != '\0' || pid <= 0)
            continue;
        char path[64];
        std::snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        FILE *f = std::fopen(path, "re");
        if (!f)
            continue;
        char buf[512];
        const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
        std::fclose(f);
        buf[n] = '\0';
        const char *paren = std::strrchr(buf, ')');
        int ppid = 0;
        char state = 0;
        if (paren && std::sscanf(paren + 1, " %c %d", &state, &ppid) == 2 && ppid == self)
            ++count;
    }
    closedir(d);
    return count;
}

// Waits until `pid` has exited WITHOUT reaping it: it stays a zombie.
void waitForExitNoReap(pid_t pid)
{
    siginfo_t info{};
    while (waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0)
        if (errno != EINTR)
            fail(std::string("waitid: ") + std::strerror(errno));
}

bool procEntryExists(pid_t pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d", int(pid));
    return access(path, F_OK) == 0;
}

double monotonicMs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// ---- the trace ring, read in place (nobody drains this ring) ------------------

struct TracedRecord
{
    Record record;
    std::string text;
};

std::vector<TracedRecord> slotRecords(std::uint32_t slot)
{
    const TraceRing &ring = trace::ring();
    const SlotHeader *s = ring.slot(slot);
    const Record *records = ring.records(slot);
    const std::uint64_t capacity = ring.header()->slotCapacity;
    const std::uint64_t written = s->written.load(std::memory_order_acquire);
    std::vector<TracedRecord> out;
    for (std::uint64_t i = s->read.load(std::memory_order_acquire); i < written;) {
        TracedRecord t{records[i & (capacity - 1)], {}};
        for (std::uint16_t c = 0; c < t.record.textChunks; ++c) {
            const char *chunk =
                reinterpret_cast<const char *>(&records[(i + 1 + c) & (capacity - 1)]);
            t.text.append(chunk, strnlen(chunk, kTextPerChunk));
        }
        i += 1 + t.record.textChunks;
        out.push_back(std::move(t));
    }
    return out;
}

std::optional<std::uint32_t> slotOf(pid_t pid)
{
    const RingHeader *h = trace::ring().header();
    const std::uint32_t used = std::min(h->slotsClaimed.load(), h->slotCount);
    for (std::uint32_t i = 0; i < used; ++i)
        if (trace::ring().slot(i)->pid.load() == pid)
            return i;
    return std::nullopt;
}

std::vector<TracedRecord> recordsOf(const std::vector<TracedRecord> &all, RecordKind kind,
                                    pid_t lane)
{
    std::vector<TracedRecord> out;
    for (const auto &t : all)
        if (t.record.kind == kind && t.record.pid == lane)
            out.push_back(t);
    return out;
}

std::vector<std::int64_t> fieldA(const std::vector<TracedRecord> &records)
{
    std::vector<std::int64_t> out;
    for (const auto &t : records)
        out.push_back(t.record.a);
    return out;
}

std::vector<std::int64_t> fieldB(const std::vector<TracedRecord> &records)
{
    std::vector<std::int64_t> out;
    for (const auto &t : records)
        out.push_back(t.record.b);
    return out;
}

// ---- state a scenario inspects in its children ----------------------------------

// Module-level state: a spawned image runs this initialiser again, a forked
// child inherits the value its parent had at start().
pid_t g_initialisedInPid = 0;
int initialiseGlobal()
{
    g_initialisedInPid = ::getpid();
    return 100;
}
int g_moduleValue = initialiseGlobal();

pid_t g_ranInPid = 0;

// ---- targets (names are unique in the program: spawn finds them by name) -----

void scnReturn(const Args &) {}
PROCLAB_TARGET(scnReturn);

void scnExitSeven(const Args &)
{
    proclab::exit(7);
}
PROCLAB_TARGET(scnExitSeven);

void scnThrow(const Args &)
{
    throw std::runtime_error("scenario body failed");
}
PROCLAB_TARGET(scnThrow);

// args: readyW (or -1). Says ready, then waits for a signal.
void scnBlock(const Args &a)
{
    if (a.at(0).toInt() >= 0) {
        writeLine(a.at(0).toInt(), "ready");
        closeFd(a.at(0).toInt());
    }
    blockUntilSignalled();
}
PROCLAB_TARGET(scnBlock);

// args: readyW (or -1), waitR, waitW. Closes its copy of waitW, says ready,
// returns at EOF of waitR.
void scnWaitForEof(const Args &a)
{
    closeFd(a.at(2).toInt());
    if (a.at(0).toInt() >= 0) {
        writeLine(a.at(0).toInt(), "ready");
        closeFd(a.at(0).toInt());
    }
    waitForEof(int(a.at(1).toInt()));
}
PROCLAB_TARGET(scnWaitForEof);

// args: reportW
void scnReportPid(const Args &a)
{
    writeLine(a.at(0).toInt(), "pid=" + std::to_string(getpid_()));
}
PROCLAB_TARGET(scnReportPid);

void scnRecordPid(const Args &)
{
    g_ranInPid = ::getpid();
}
PROCLAB_TARGET(scnRecordPid);

// args: reportW
void scnReportGrandchildName(const Args &a)
{
    writeLine(a.at(0).toInt(), "grandchild=" + current_process_name());
}
PROCLAB_TARGET(scnReportGrandchildName);

// args: reportW. Reports its own name and starts a grandchild that reports its name.
void scnNamesChild(const Args &a)
{
    const std::int64_t fd = a.at(0).toInt();
    writeLine(fd, "child=" + current_process_name());
    Process grandchild(scnReportGrandchildName, Args{fd});
    writeLine(fd, "grandchild_object=" + grandchild.name());
    grandchild.start();
    grandchild.join();
    writeLine(fd, "grandchild_exitcode=" + std::to_string(grandchild.exitcode().value_or(-1000)));
}
PROCLAB_TARGET(scnNamesChild);

// args: reportW. A daemon that tries to have a child; the error is not caught.
void scnDaemonStartsChild(const Args &a)
{
    const std::int64_t fd = a.at(0).toInt();
    Process grandchild(scnReturn);
    writeLine(fd, std::string("grandchild_inherits_daemon=") + (grandchild.daemon() ? "1" : "0"));
    try {
        grandchild.start();
        writeLine(fd, "started");
        grandchild.join();
    } catch (const ProcessError &e) {
        writeLine(fd, std::string("error=") + e.what());
        throw;
    }
}
PROCLAB_TARGET(scnDaemonStartsChild);

// args: reportW
void scnIsolation(const Args &a)
{
    const std::int64_t fd = a.at(0).toInt();
    writeLine(fd, "seen=" + std::to_string(g_moduleValue));
    writeLine(fd,
              std::string("initialised_here=") + (g_initialisedInPid == ::getpid() ? "1" : "0"));
    g_moduleValue = 7;
    writeLine(fd, "changed_to=" + std::to_string(g_moduleValue));
}
PROCLAB_TARGET(scnIsolation);

// args: readyW, holdR, holdW. Closes its copy of holdW, waits for EOF on holdR,
// i.e. until every other holder (the daemon) is gone, then returns once its
// parent sleeps: in the exit handler that is only the implicit join. Returning
// at EOF would race the handler's second active_children(), which reaps a
// child that has already ended without joining it (as Python's does).
void scnExitHandlerWorker(const Args &a)
{
    closeFd(a.at(2).toInt());
    writeLine(a.at(0).toInt(), "ready");
    closeFd(a.at(0).toInt());
    waitForEof(int(a.at(1).toInt()));
    const pid_t parent = ::getppid();
    while (procState(parent) != 'S')
        sched_yield();
}
PROCLAB_TARGET(scnExitHandlerWorker);

// args: readyW, reportW. Cleanup that runs only when the body ends normally.
void scnCleanupThenBlock(const Args &a)
{
    struct Cleanup
    {
        std::int64_t fd;
        ~Cleanup() { writeLine(fd, "cleanup_ran"); }
    } cleanup{a.at(1).toInt()};
    writeLine(a.at(0).toInt(), "ready");
    if (a.size() > 2 && a.at(2).toInt() == 1)
        return; // the control case: a normal return runs the cleanup
    blockUntilSignalled();
}
PROCLAB_TARGET(scnCleanupThenBlock);

// Deliberately NOT registered: spawn cannot find it by name.
void scnNotRegistered(const Args &) {}

// Subclass style (Python: class Worker(Process): def run(self): ...).
// args: reportW, text
class ScnReporterProcess : public Process
{
public:
    explicit ScnReporterProcess(const Args &a) : Process(a) {}
    void run() override
    {
        const std::int64_t fd = args().at(0).toInt();
        writeLine(fd, "name=" + name());
        writeLine(fd, "current=" + current_process_name());
        writeLine(fd, "arg=" + args().at(1).toString());
        writeLine(fd, std::string("fresh_image=") + (g_initialisedInPid == ::getpid() ? "1" : "0"));
        // Python: inside run(), self.pid is this process's pid and self.is_alive() is True.
        writeLine(fd, std::string("self_pid_ok=") + (pid() == ::getpid() ? "1" : "0"));
        writeLine(fd, std::string("self_alive=") + (is_alive() ? "1" : "0"));
        proclab::exit(5);
    }

protected:
    const char *spawnClass() const override { return "ScnReporterProcess"; }
};
PROCLAB_PROCESS_CLASS(ScnReporterProcess);

// ---- scenarios ----------------------------------------------------------------

using Scenario = void (*)(Report &, Summary &);

template <typename F> std::optional<std::string> errorOf(F &&f)
{
    try {
        f();
    } catch (const ProcessError &e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

void setError(Report &r, const std::optional<std::string> &error)
{
    r.set("error", error.value_or("<no error>"));
}

// ---- locks ----------------------------------------------------------------------

// Exit code tells what the child saw: 0 acquired, 3 not acquired.
void scnTryLock(const Args &a)
{
    Lock lock = Lock::fromHandle(a.at(0).toInt());
    const bool got = a.at(1).toInt() < 0 ? lock.acquire(false)
                                         : lock.acquire(true, double(a.at(1).toInt()) / 1000.0);
    proclab::exit(got ? 0 : 3);
}
PROCLAB_TARGET(scnTryLock);

void scnReleaseLock(const Args &a)
{
    Lock::fromHandle(a.at(0).toInt()).release();
}
PROCLAB_TARGET(scnReleaseLock);

void lockReleaseUnlocked(Report &r, Summary &)
{
    Lock lock("l");
    setError(r, errorOf([&] { lock.release(); }));
}

void rlockRules(Report &r, Summary &)
{
    RLock lock("r");
    setError(r, errorOf([&] { lock.release(); }));
    r.set("first", lock.acquire());
    r.set("reentrant", lock.acquire());
    lock.release();
    lock.release();
    r.set("error_after_balanced_release",
          errorOf([&] { lock.release(); }).value_or(std::string("none")));
}

void lockHeldElsewhere(Report &r, Summary &)
{
    Lock lock("l");
    lock.acquire();
    Process nonBlocking(scnTryLock, Args{lock.handle(), std::int64_t(-1)});
    nonBlocking.start();
    nonBlocking.join();
    r.set("nonblocking_exitcode", nonBlocking.exitcode());
    const std::uint64_t t0 = trace::nowNs();
    Process timed(scnTryLock, Args{lock.handle(), std::int64_t(50)});
    timed.start();
    timed.join();
    r.set("timed_exitcode", timed.exitcode());
    r.set("timed_waited_at_least_50ms", trace::nowNs() - t0 >= 50'000'000ull);
    // Python's Lock may be released by another process.
    Process releaser(scnReleaseLock, Args{lock.handle()});
    releaser.start();
    releaser.join();
    r.set("releaser_exitcode", releaser.exitcode());
    r.set("acquired_after_foreign_release", lock.acquire(false));
    lock.release();
}

// ---- the lock's futex use ----------------------------------------------------------

std::string countsSince(const detail::FutexCounts &before)
{
    const detail::FutexCounts c = detail::futexCounts();
    return std::to_string(c.waits - before.waits) + "," +
           std::to_string(c.timeouts - before.timeouts) + "," +
           std::to_string(c.wakes - before.wakes);
}

// counter.value += 1, n times, without the user's lock: each access takes the
// Value's own lock, as CPython's synchronized wrapper does. Reports its futex
// calls as "c<index>=waits,timeouts,wakes".
void scnIncrementAndCount(const Args &a)
{
    Value counter = Value::fromHandle(a.at(0).toInt());
    const detail::FutexCounts before = detail::futexCounts();
    for (std::int64_t i = 0, n = a.at(1).toInt(); i < n; ++i)
        counter.set_value(counter.value() + 1);
    writeLine(a.at(2).toInt(), "c" + std::to_string(a.at(3).toInt()) + "=" + countsSince(before));
}
PROCLAB_TARGET(scnIncrementAndCount);

// More processes than CPUs take one Value's lock 40,000 times each: holders
// are preempted holding it, and the others sleep on it. A release makes a
// wake system call only when a sleeper marked the lock, so the wakes of all
// processes together are at most two per wait (the release that ends it, and
// the release of a lock taken after sleeping). Counting waiters instead made
// a wake of every release while one waiter was on its way to sleep: 8 per wait.
void lockWakesOnlyForSleepers(Report &r, Summary &)
{
    const long cpus = std::max(1L, sysconf(_SC_NPROCESSORS_ONLN));
    const int children = int(std::min(16L, 2 * cpus));
    Value counter("counter", 0);
    Pipe report;
    std::vector<Process> running;
    for (int i = 0; i < children; ++i) {
        Process p(scnIncrementAndCount,
                  Args{counter.handle(), std::int64_t(20'000), std::int64_t(report.w), i});
        p.start();
        running.push_back(std::move(p));
    }
    report.closeWrite();
    for (auto &p : running)
        p.join();
    std::uint64_t waits = 0, wakes = 0;
    int reports = 0;
    for (const auto &[key, counts] : readLinesToEof(report.r)) {
        unsigned long long w = 0, t = 0, k = 0;
        if (key.size() > 1 && key[0] == 'c' &&
            std::sscanf(counts.c_str(), "%llu,%llu,%llu", &w, &t, &k) == 3) {
            ++reports;
            waits += w;
            wakes += k;
        }
    }
    r.set("reports", reports == children);
    r.set("waits", std::int64_t(waits));
    r.set("wakes", std::int64_t(wakes));
    r.set("wakes_at_most_two_per_wait", wakes <= 2 * waits);
    r.set("at_most_all_increments", std::int64_t(counter.value()) <= 20'000LL * children);
}

// Waits for the lock the parent holds, after saying "ready".
void scnAcquireAndCount(const Args &a)
{
    Lock lock = Lock::fromHandle(a.at(0).toInt());
    const detail::FutexCounts before = detail::futexCounts();
    writeLine(a.at(1).toInt(), "ready");
    lock.acquire();
    lock.release();
    writeLine(a.at(1).toInt(), "counts=" + countsSince(before));
}
PROCLAB_TARGET(scnAcquireAndCount);

// A process asleep on a Lock is woken by the release, not by its own time
// limit (the 50 ms check that the holder lives): the release saw the mark.
void lockReleaseWakesTheSleeper(Report &r, Summary &)
{
    Lock lock("l");
    lock.acquire();
    Pipe report;
    Process waiter(scnAcquireAndCount, Args{lock.handle(), std::int64_t(report.w)});
    waiter.start();
    report.closeWrite();
    const auto ready = readLine(report.r);
    const pid_t pid = waiter.pid().value_or(0);
    // It spins first (microseconds), then sleeps in the kernel: state S.
    while (procState(pid) != 'S') {
    }
    lock.release();
    const auto counts = readLine(report.r);
    waiter.join();
    unsigned long long w = 0, t = 0, k = 0;
    const bool parsed = counts && std::sscanf(counts->c_str(), "counts=%llu,%llu,%llu", &w, &t, &k) == 3;
    r.set("ready", ready.has_value());
    r.set("slept", parsed && w >= 1);
    r.set("timed_out", parsed ? std::int64_t(t) : -1);
    r.set("exitcode", waiter.exitcode());
}

void startTwice(Report &r, Summary &)
{
    Process p(scnReturn);
    p.start();
    setError(r, errorOf([&] { p.start(); }));
    r.set("children_after_second_start", countOwnChildren());
    p.join();
    r.set("exitcode", p.exitcode());
}

void joinBeforeStart(Report &r, Summary &)
{
    Process p(scnReturn);
    setError(r, errorOf([&] { p.join(); }));
    r.set("is_alive", p.is_alive());
    r.set("children", countOwnChildren());
}

void setDaemonAfterStart(Report &r, Summary &)
{
    Process p(scnReturn);
    p.start();
    setError(r, errorOf([&] { p.set_daemon(true); }));
    r.set("daemon", p.daemon());
    p.join();
    r.set("exitcode", p.exitcode());
}

void daemonStartsChild(Report &r, Summary &)
{
    Pipe report;
    Process p(scnDaemonStartsChild, Args{report.w}, {}, true);
    p.start();
    report.closeWrite();
    p.join();
    const auto lines = readLinesToEof(report.r);
    r.set("error", valueOf(lines, "error"));
    r.set("grandchild_inherits_daemon", valueOf(lines, "grandchild_inherits_daemon") == "1");
    r.set("grandchild_started", lines.count("started") > 0);
    r.set("exitcode", p.exitcode());
}

void spawnUnregisteredTarget(Report &r, Summary &)
{
    Process p(scnNotRegistered);
    setError(r, errorOf([&] { p.start(); }));
    r.set("pid", p.pid());
    r.set("children", countOwnChildren());
}

// exit_*: one child, its exitcode after join.
void exitCode(Report &r, TargetFn target)
{
    Process p(target);
    p.start();
    p.join();
    r.set("exitcode", p.exitcode());
    r.set("is_alive", p.is_alive());
}
void exitReturn(Report &r, Summary &)
{
    exitCode(r, scnReturn);
}
void exitSeven(Report &r, Summary &)
{
    exitCode(r, scnExitSeven);
}
void exitThrow(Report &r, Summary &)
{
    exitCode(r, scnThrow);
}

void exitBySignal(Report &r, bool useKill)
{
    Pipe ready;
    Process p(scnBlock, Args{ready.w});
    p.start();
    ready.closeWrite();
    expectReady(ready.r);
    r.set("exitcode_while_running", p.exitcode());
    useKill ? p.kill() : p.terminate();
    p.join();
    r.set("exitcode", p.exitcode());
    r.set("is_alive", p.is_alive());
}
void exitTerminate(Report &r, Summary &)
{
    exitBySignal(r, false);
}
void exitKill(Report &r, Summary &)
{
    exitBySignal(r, true);
}

void joinTimeout(Report &r, Summary &)
{
    Pipe ready, hold;
    Process p(scnWaitForEof, Args{ready.w, hold.r, hold.w});
    p.start();
    ready.closeWrite();
    expectReady(ready.r);
    const double t0 = monotonicMs();
    p.join(0.05);
    r.set("timed_join_ms", std::int64_t(monotonicMs() - t0));
    r.set("alive_after_timed_join", p.is_alive());
    r.set("exitcode_after_timed_join", p.exitcode());
    p.terminate();
    p.join();
    r.set("exitcode", p.exitcode());
    r.set("alive_after_join", p.is_alive());
}

void pidBeforeAndAfterStart(Report &r, Summary &)
{
    Pipe report;
    Process p(scnReportPid, Args{report.w});
    r.set("pid_before_start", p.pid());
    p.start();
    report.closeWrite();
    r.set("pid_after_start", p.pid());
    r.set("pid_is_not_own", p.pid() != ::getpid());
    p.join();
    const auto lines = readLinesToEof(report.r);
    r.set("pid_matches_child", valueOf(lines, "pid") == std::to_string(p.pid().value_or(-1)));
    r.set("pid_after_join", p.pid());
    r.set("exitcode", p.exitcode());
    // A forked child records its parent's pid as the parent knew it (no
    // getppid call); a spawned one asks the kernel: both must be ours.
    const pid_t child = p.pid().value_or(-1);
    const auto childSlot = slotOf(child);
    const auto begins = childSlot ? recordsOf(slotRecords(*childSlot), RecordKind::ProcBegin, child)
                                  : std::vector<TracedRecord>{};
    r.set("child_recorded_parent_is_self",
          fieldA(begins) == std::vector<std::int64_t>{::getpid()});
    // A fork the runtime does not make: the child must not go on with the
    // parent's cached pid (detail::selfPid).
    int fds[2];
    if (pipe(fds) == 0) {
        (void)detail::selfPid(); // cached in this process
        const pid_t raw = fork();
        if (raw == 0) {
            const char ok = detail::selfPid() == ::getpid() ? '1' : '0';
            (void)!write(fds[1], &ok, 1);
            _exit(0);
        }
        close(fds[1]);
        char got = '?';
        (void)!read(fds[0], &got, 1);
        close(fds[0]);
        waitpid(raw, nullptr, 0);
        r.set("raw_fork_child_knows_its_pid", got == '1');
    }
}

void joinTwice(Report &r, Summary &)
{
    Process p(scnExitSeven);
    p.start();
    p.join();
    r.set("first_join_exitcode", p.exitcode());
    const auto again = errorOf([&] {
        p.join();
        p.join(0.0);
    });
    r.set("second_join_error", again.value_or(""));
    r.set("exitcode", p.exitcode());
    // After the reap, terminate()/kill() must not signal anyone (the pid may be reused).
    p.terminate();
    p.kill();
    r.set("exitcode_after_signals", p.exitcode());
}

void defaultNames(Report &r, Summary &)
{
    Pipe report;
    r.set("main", current_process_name());
    Process p1(scnNamesChild, Args{report.w});
    Process p2(scnReturn);
    r.set("first", p1.name());
    r.set("second", p2.name());
    p1.start();
    report.closeWrite();
    p1.join();
    const auto lines = readLinesToEof(report.r);
    r.set("child_sees", valueOf(lines, "child"));
    r.set("grandchild_object", valueOf(lines, "grandchild_object"));
    r.set("grandchild_sees", valueOf(lines, "grandchild"));
    r.set("grandchild_exitcode", valueOf(lines, "grandchild_exitcode"));
    Process named(scnReturn, {}, "worker");
    Process p4(scnReturn);
    r.set("named", named.name());
    r.set("after_named", p4.name());
    r.set("exitcode", p1.exitcode());
}

void runInCaller(Report &r, Summary &)
{
    Process p(scnRecordPid);
    p.run();
    r.set("ran_in_caller", g_ranInPid == ::getpid());
    r.set("pid", p.pid());
    r.set("is_alive", p.is_alive());
    r.set("children", countOwnChildren());
    r.set("active_children", active_children());
    setError(r, errorOf([&] { p.join(); })); // run() is not start()
}

void isolation(Report &r, Summary &)
{
    Pipe report;
    g_moduleValue = 42; // changed after the initialiser, before start()
    Process p(scnIsolation, Args{report.w});
    p.start();
    report.closeWrite();
    p.join();
    const auto lines = readLinesToEof(report.r);
    r.set("child_saw", valueOf(lines, "seen"));
    r.set("child_initialised_again", valueOf(lines, "initialised_here") == "1");
    r.set("child_changed_to", valueOf(lines, "changed_to"));
    r.set("parent_after_join", g_moduleValue);
    r.set("exitcode", p.exitcode());
}

// A daemon and a worker still run when the scenario returns. The worker waits
// for EOF on a pipe only the daemon holds: it can only end after the exit
// handler has terminated the daemon, so joining it proves the order.
void exitHandler(Report &r, Summary &summary)
{
    Pipe ready, hold;
    auto daemon = std::make_shared<Process>(scnBlock, Args{ready.w}, std::string{}, true);
    daemon->start(); // inherits hold.w and keeps it
    auto worker = std::make_shared<Process>(scnExitHandlerWorker, Args{ready.w, hold.r, hold.w});
    worker->start();
    ready.closeWrite();
    hold.closeWrite();
    expectReady(ready.r);
    expectReady(ready.r);
    r.set("daemon_alive_at_main_end", daemon->is_alive());
    r.set("worker_alive_at_main_end", worker->is_alive());
    const pid_t daemonPid = *daemon->pid();
    const pid_t workerPid = *worker->pid();
    summary.afterExit([&r, daemon, worker, daemonPid, workerPid](Summary &) {
        r.set("daemon_exitcode", daemon->exitcode());
        r.set("worker_exitcode", worker->exitcode());
        const auto main = slotRecords(kMainSlot);
        r.set("daemon_terminated_recorded",
              !recordsOf(main, RecordKind::DaemonTerminated, daemonPid).empty());
        bool implicitJoin = false;
        for (const auto &t : recordsOf(main, RecordKind::JoinBegin, ::getpid()))
            implicitJoin = implicitJoin || (t.record.a == workerPid && t.record.b == -2);
        r.set("worker_joined_at_exit_recorded", implicitJoin);
        r.set("children_left", countOwnChildren());
    });
}

// zombie_*: a child that exited but was not reaped is a zombie until `reap` runs.
void zombie(Report &r, void (*reap)(Process &, Report &))
{
    Process p(scnExitSeven);
    p.start();
    const pid_t pid = *p.pid();
    waitForExitNoReap(pid);
    r.set("state_before", std::string(1, procState(pid)));
    reap(p, r);
    r.set("gone_after", !procEntryExists(pid));
    r.set("exitcode", p.exitcode());
    p.join();
    r.set("exitcode_after_join", p.exitcode());
    bool reapedFromZombie = false;
    for (const auto &t : recordsOf(slotRecords(kMainSlot), RecordKind::Reaped, pid))
        reapedFromZombie = t.record.b == 'Z' && t.record.a == ::getpid();
    r.set("reap_recorded_as_zombie", reapedFromZombie);
}
void zombieJoin(Report &r, Summary &)
{
    zombie(r, [](Process &p, Report &) { p.join(); });
}
void zombieIsAlive(Report &r, Summary &)
{
    zombie(r, [](Process &p, Report &out) { out.set("is_alive", p.is_alive()); });
}
void zombieNextStart(Report &r, Summary &)
{
    zombie(r, [](Process &, Report &out) {
        Process next(scnReturn);
        next.start();
        next.join();
        out.set("next_exitcode", next.exitcode());
    });
}
void zombieActiveChildren(Report &r, Summary &)
{
    zombie(r, [](Process &, Report &out) { out.set("active_children", active_children()); });
}

// One slot left in the ring: the first start takes it, the second is refused
// before anything is forked.
void capLastSlot(Report &r, Summary &)
{
    RingHeader *h = trace::ring().header();
    h->slotsClaimed.store(h->slotCount - 1);
    Pipe ready, hold;
    Process last(scnWaitForEof, Args{ready.w, hold.r, hold.w});
    last.start();
    ready.closeWrite();
    expectReady(ready.r);
    Process refused(scnReturn);
    setError(r, errorOf([&] { refused.start(); }));
    r.set("children", countOwnChildren());
    r.set("processes_refused", std::int64_t(h->processesRefused.load()));
    r.set("refused_pid", refused.pid());
    r.set("refused_is_alive", refused.is_alive());
    hold.closeWrite();
    last.join();
    r.set("exitcode", last.exitcode());
}

// The real thing: 128 processes run at once, the 129th is refused.
void capAllProcesses(Report &r, Summary &)
{
    Pipe hold;
    std::vector<Process> running;
    std::optional<std::string> error;
    for (int i = 0; i < 1000 && !error; ++i) {
        Process p(scnWaitForEof, Args{-1, hold.r, hold.w});
        error = errorOf([&] { p.start(); });
        if (!error)
            running.push_back(std::move(p));
    }
    setError(r, error);
    r.set("started", int(running.size()));
    r.set("children", countOwnChildren());
    r.set("processes_refused", std::int64_t(trace::ring().header()->processesRefused.load()));
    hold.closeWrite();
    int zeroExits = 0;
    for (auto &p : running) {
        p.join();
        zeroExits += p.exitcode() == 0 ? 1 : 0;
    }
    r.set("zero_exits", zeroExits);
}

// Three children: exit(7), terminate(), kill(). Where each one's ProcBegin and
// Exit records landed, read from the ring after they were joined.
void traceRecords(Report &r, Summary &)
{
    Pipe ready;
    Process exited(scnExitSeven);
    Process terminated(scnBlock, Args{ready.w});
    Process killed(scnBlock, Args{ready.w});
    exited.start();
    terminated.start();
    killed.start();
    ready.closeWrite();
    expectReady(ready.r);
    expectReady(ready.r);
    terminated.terminate();
    killed.kill();
    exited.join();
    terminated.join();
    killed.join();

    const pid_t self = ::getpid();
    const auto main = slotRecords(kMainSlot);
    const std::pair<const char *, Process *> children[] = {
        {"exited", &exited}, {"terminated", &terminated}, {"killed", &killed}};
    for (const auto &[tag, p] : children) {
        const std::string t = tag;
        const pid_t pid = *p->pid();
        r.set(t + "_exitcode", p->exitcode());
        const auto slot = slotOf(pid);
        r.set(t + "_has_slot", slot.has_value());
        const auto own = slot ? slotRecords(*slot) : std::vector<TracedRecord>{};
        const auto begin = recordsOf(own, RecordKind::ProcBegin, pid);
        r.set(t + "_begin_name", begin.empty() ? std::string("<none>") : begin.front().text);
        r.set(t + "_begin_parent_is_main", !begin.empty() && begin.front().record.a == self);
        r.set(t + "_begin_spawned_flag",
              !begin.empty() && (begin.front().record.b & ProcSpawned) != 0);
        r.set(t + "_own_exits", fieldA(recordsOf(own, RecordKind::Exit, pid)));
        const auto atReap = recordsOf(main, RecordKind::Exit, pid);
        r.set(t + "_exits_seen_at_reap", fieldA(atReap));
        r.set(t + "_exit_flags_at_reap", fieldB(atReap));
        r.set(t + "_reaped_records", int(recordsOf(main, RecordKind::Reaped, pid).size()));
    }
    std::int64_t stalls = 0;
    for (std::uint32_t i = 0; i < trace::ring().header()->slotCount; ++i)
        stalls += std::int64_t(trace::ring().slot(i)->stalls.load());
    r.set("stalls", stalls);
    r.set("main_start_records", int(recordsOf(main, RecordKind::Start, self).size()));
}

// start() immediately followed by terminate(), many times: the SIGTERM may
// arrive before the child has become a lab process. Its exit must then still
// be recorded on the child's own lane, and never in MainProcess's slot.
void startThenTerminate(Report &r, Summary &)
{
    const int rounds = 100;
    const pid_t self = ::getpid();
    std::vector<std::int64_t> codes;
    int missingExits = 0;
    int exitsInMainSlot = 0;
    for (int i = 0; i < rounds; ++i) {
        Process p(scnBlock, Args{-1});
        p.start();
        p.terminate();
        p.join();
        if (p.exitcode() != -15)
            codes.push_back(p.exitcode().value_or(-1000));
        const pid_t pid = *p.pid();
        const auto slot = slotOf(pid);
        const auto own = slot ? slotRecords(*slot) : std::vector<TracedRecord>{};
        if (recordsOf(own, RecordKind::Exit, pid).empty())
            ++missingExits;
    }
    for (const auto &t : slotRecords(kMainSlot))
        if (t.record.kind == RecordKind::Exit)
            ++exitsInMainSlot;
    r.set("rounds", rounds);
    r.set("unexpected_exitcodes", codes);
    r.set("exits_without_own_record", missingExits);
    r.set("exit_records_in_main_slot", exitsInMainSlot);
    r.set("main_lane_intact",
          recordsOf(slotRecords(kMainSlot), RecordKind::ProcBegin, self).size() == 1);
}

void subclass(Report &r, Summary &)
{
    Pipe report;
    ScnReporterProcess p(Args{report.w, "hello"});
    p.start();
    report.closeWrite();
    p.join();
    const auto lines = readLinesToEof(report.r);
    r.set("name_in_run", valueOf(lines, "name"));
    r.set("current_process", valueOf(lines, "current"));
    r.set("arg", valueOf(lines, "arg"));
    r.set("fresh_image", valueOf(lines, "fresh_image") == "1");
    r.set("self_pid_ok", valueOf(lines, "self_pid_ok") == "1");
    r.set("self_alive", valueOf(lines, "self_alive") == "1");
    r.set("exitcode", p.exitcode());
}

void cleanupCase(Report &r, bool terminate)
{
    Pipe ready, report;
    Process p(scnCleanupThenBlock, Args{ready.w, report.w, terminate ? 0 : 1});
    p.start();
    ready.closeWrite();
    report.closeWrite();
    expectReady(ready.r);
    if (terminate)
        p.terminate();
    p.join();
    r.set("cleanup_ran", readLinesToEof(report.r).count("cleanup_ran") > 0);
    r.set("exitcode", p.exitcode());
}
void terminateSkipsCleanup(Report &r, Summary &)
{
    cleanupCase(r, true);
}
void returnRunsCleanup(Report &r, Summary &)
{
    cleanupCase(r, false);
}

// ---- queues ----------------------------------------------------------------------

// What a queue call raised: "Full", "Empty", a ProcessError's message, or "<no error>".
template <typename F> std::string raisedBy(F &&f)
{
    try {
        f();
    } catch (const Full &) {
        return "Full";
    } catch (const Empty &) {
        return "Empty";
    } catch (const ProcessError &e) {
        return e.what();
    }
    return "<no error>";
}

std::vector<TracedRecord> allSlotRecords()
{
    const RingHeader *h = trace::ring().header();
    std::vector<TracedRecord> out;
    for (std::uint32_t i = 0; i < std::min(h->slotsClaimed.load(), h->slotCount); ++i)
        for (auto &t : slotRecords(i))
            out.push_back(std::move(t));
    return out;
}

std::int64_t ringStalls()
{
    std::int64_t stalls = 0;
    for (std::uint32_t i = 0; i < trace::ring().header()->slotCount; ++i)
        stalls += std::int64_t(trace::ring().slot(i)->stalls.load());
    return stalls;
}

bool isQueueWait(const TracedRecord &t, RecordKind kind, const Queue &q, QueueWait what)
{
    return t.record.kind == kind && t.record.a == q.handle() && t.record.b == std::int64_t(what);
}

// Polls `pid`'s own slot until it holds a record `match` accepts: the process's
// own statement that it got there (e.g. "I am blocked in put()"). Bounded, so a
// broken runtime fails the scenario instead of hanging it.
template <typename Match> bool awaitRecordOf(pid_t pid, Match &&match)
{
    const double deadline = monotonicMs() + 10000;
    while (monotonicMs() < deadline) {
        if (const auto slot = slotOf(pid))
            for (const auto &t : slotRecords(*slot))
                if (t.record.pid == pid && match(t))
                    return true;
        const timespec pause{0, 1'000'000};
        nanosleep(&pause, nullptr);
    }
    return false;
}

// Whether `fd` has something to read right now (data or EOF).
bool readable(int fd)
{
    pollfd p{fd, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

// args: queue, first, count. Puts first, first+1, ... (blocking).
void scnPutRange(const Args &a)
{
    Queue q = Queue::fromHandle(a.at(0).toInt());
    for (std::int64_t i = 0; i < a.at(2).toInt(); ++i)
        q.put(Arg(a.at(1).toInt() + i));
}
PROCLAB_TARGET(scnPutRange);

// args: queue, reportW. The queue is full: the put blocks until the parent gets.
void scnBlockedPut(const Args &a)
{
    Queue q = Queue::fromHandle(a.at(0).toInt());
    q.put(Arg("second"));
    writeLine(a.at(1).toInt(), "put_returned");
}
PROCLAB_TARGET(scnBlockedPut);

// args: in, out, count. Gets `count` items from `in` and puts each into `out`.
void scnEcho(const Args &a)
{
    Queue in = Queue::fromHandle(a.at(0).toInt());
    Queue out = Queue::fromHandle(a.at(1).toInt());
    for (std::int64_t i = 0; i < a.at(2).toInt(); ++i)
        out.put(in.get());
}
PROCLAB_TARGET(scnEcho);

// args: joinable queue, results queue, count, reportW. Gets every item, puts
// item * 10 into results, marks it done. The last task_done() waits until
// MainProcess has recorded that it is blocked in join().
void scnTaskWorker(const Args &a)
{
    JoinableQueue q = JoinableQueue::fromHandle(a.at(0).toInt());
    Queue results = Queue::fromHandle(a.at(1).toInt());
    const std::int64_t count = a.at(2).toInt();
    for (std::int64_t i = 0; i < count; ++i) {
        const Arg item = q.get();
        results.put(Arg(item.toInt() * 10));
        if (i == count - 1) {
            const bool parentWaits = awaitRecordOf(getppid(), [&](const TracedRecord &t) {
                return isQueueWait(t, RecordKind::QueueWaitBegin, q, QueueWait::Join);
            });
            writeLine(a.at(3).toInt(), std::string("parent_in_join=") + (parentWaits ? "1" : "0"));
        }
        q.task_done();
    }
}
PROCLAB_TARGET(scnTaskWorker);

void queueNowait(Report &r, Summary &)
{
    Queue q("q", 2);
    q.put_nowait(Arg(1));
    q.put_nowait(Arg(2));
    r.set("put_nowait_on_full", raisedBy([&] { q.put_nowait(Arg(3)); }));
    r.set("qsize_after_full", q.qsize());
    std::vector<std::int64_t> got;
    while (got.size() < 2)
        got.push_back(q.get_nowait().toInt());
    r.set("got", got);
    r.set("get_nowait_on_empty", raisedBy([&] { q.get_nowait(); }));
    r.set("qsize_after_empty", q.qsize());
    int putRecords = 0;
    for (const auto &t : slotRecords(kMainSlot))
        putRecords += t.record.kind == RecordKind::QueuePut;
    r.set("put_records", putRecords);
}

void queueTimeouts(Report &r, Summary &)
{
    Queue empty("empty", 2);
    double t0 = monotonicMs();
    r.set("get_timeout_on_empty", raisedBy([&] { empty.get(true, 0.05); }));
    r.set("get_waited_ms", std::int64_t(monotonicMs() - t0));
    Queue full("full", 1);
    full.put(Arg(1));
    t0 = monotonicMs();
    r.set("put_timeout_on_full", raisedBy([&] { full.put(Arg(2), true, 0.05); }));
    r.set("put_waited_ms", std::int64_t(monotonicMs() - t0));
    r.set("qsize_after_put_timeout", full.qsize());
    // timeout=0 is not "wait for ever": it raises at once, without a wait.
    r.set("get_timeout0_on_empty", raisedBy([&] { empty.get(true, 0.0); }));
    r.set("put_timeout0_on_full", raisedBy([&] { full.put(Arg(3), true, 0.0); }));
    int getWaits = 0, putWaits = 0;
    for (const auto &t : slotRecords(kMainSlot)) {
        getWaits += isQueueWait(t, RecordKind::QueueWaitEnd, empty, QueueWait::Get);
        putWaits += isQueueWait(t, RecordKind::QueueWaitEnd, full, QueueWait::Put);
    }
    r.set("get_waits_recorded", getWaits);
    r.set("put_waits_recorded", putWaits);
}

// The child's put can only return after MainProcess got an item: it says so
// on a pipe, and MainProcess looks at the pipe only after its get().
void queueBlockedPutInChild(Report &r, Summary &)
{
    Pipe report;
    Queue q("q", 1);
    q.put(Arg("first"));
    Process p(scnBlockedPut, Args{q.handle(), report.w});
    p.start();
    report.closeWrite();
    const pid_t pid = *p.pid();
    r.set("child_blocked_in_put", awaitRecordOf(pid, [&](const TracedRecord &t) {
              return isQueueWait(t, RecordKind::QueueWaitBegin, q, QueueWait::Put);
          }));
    r.set("returned_before_get", readable(report.r));
    r.set("alive_before_get", p.is_alive());
    r.set("got_first", q.get().toString());
    r.set("child_says", readLine(report.r).value_or("EOF"));
    p.join();
    r.set("exitcode", p.exitcode());
    r.set("got_second", q.get().toString());
    std::uint64_t parentGetAt = 0, childPutAt = 0;
    for (const auto &t : allSlotRecords()) {
        if (t.record.kind == RecordKind::QueueGet && t.record.pid == ::getpid() && !parentGetAt)
            parentGetAt = t.record.tNs;
        if (t.record.kind == RecordKind::QueuePut && t.record.pid == pid)
            childPutAt = t.record.tNs;
    }
    r.set("child_put_recorded_after_parent_get", parentGetAt && childPutAt > parentGetAt);
}

void queueFifo(Report &r, Summary &)
{
    const std::int64_t n = 200;
    Queue q("q", 3); // small: the producer blocks often
    Process p(scnPutRange, Args{q.handle(), std::int64_t(0), n});
    p.start();
    std::vector<std::int64_t> outOfOrder;
    for (std::int64_t i = 0; i < n; ++i)
        if (const std::int64_t v = q.get().toInt(); v != i)
            outOfOrder.push_back(v);
    p.join();
    r.set("out_of_order", outOfOrder);
    r.set("qsize_after", q.qsize());
    r.set("exitcode", p.exitcode());
}

void queueItemKinds(Report &r, Summary &)
{
    const std::vector<Arg> items = {Arg(42),
                                    Arg(-7),
                                    Arg(std::int64_t(INT64_MAX)),
                                    Arg("hello"),
                                    Arg(""),
                                    Arg(),
                                    Arg(std::string(Queue::kMaxItemBytes, 'x')),
                                    Arg("0")};
    Queue in("in", 3), out("out", 3);
    Process p(scnEcho, Args{in.handle(), out.handle(), std::int64_t(items.size())});
    p.start();
    std::vector<std::string> sent, echoed;
    for (std::size_t i = 0; i < items.size(); ++i) {
        in.put(items[i]);
        sent.push_back(items[i].encode());
        echoed.push_back(out.get().encode());
    }
    p.join();
    r.set("echoed_equals_sent", echoed == sent);
    r.set("echoed", echoed);
    r.set("exitcode", p.exitcode());
}

void queueItemTooLong(Report &r, Summary &)
{
    Queue q("q", 2);
    setError(r, errorOf([&] { q.put(Arg(std::string(Queue::kMaxItemBytes + 1, 'y'))); }));
    r.set("qsize_after", q.qsize());
    r.set("longest_still_fits",
          raisedBy([&] { q.put(Arg(std::string(Queue::kMaxItemBytes, 'y'))); }));
}

void queueSnapshots(Report &r, Summary &)
{
    Queue q("q", 2);
    auto snapshot = [&](const std::string &when) {
        r.set("qsize_" + when, q.qsize());
        r.set("empty_" + when, q.empty());
        r.set("full_" + when, q.full());
    };
    r.set("maxsize", q.maxsize());
    snapshot("new");
    q.put(Arg(1));
    snapshot("one");
    q.put(Arg(2));
    snapshot("two");
    q.get();
    snapshot("after_get");
}

// maxsize <= 0: unbounded. put_nowait raises Full where a put would block.
void queueUnbounded(Report &r, Summary &)
{
    for (const int maxsize : {0, -1}) {
        const std::string tag = maxsize == 0 ? "zero" : "negative";
        Queue q("q" + tag, maxsize);
        r.set(tag + "_maxsize", q.maxsize());
        std::int64_t refused = 0;
        for (int i = 0; i < 1000; ++i)
            refused += raisedBy([&] { q.put_nowait(Arg(i)); }) != "<no error>";
        r.set(tag + "_refused", refused);
        r.set(tag + "_qsize", q.qsize());
        r.set(tag + "_full", q.full());
        r.set(tag + "_first_out_is_first_in", q.get_nowait().toInt() == 0);
    }
}

void joinableTaskDoneTooMany(Report &r, Summary &)
{
    JoinableQueue q("jq", 4);
    r.set("task_done_on_new_queue", raisedBy([&] { q.task_done(); }));
    q.put(Arg(1));
    q.get();
    r.set("first_task_done", raisedBy([&] { q.task_done(); }));
    setError(r, errorOf([&] { q.task_done(); }));
    q.join(); // nothing unfinished: returns at once (a hang fails the row)
    // The refused call did not push the count below zero: one put needs one task_done.
    q.put(Arg(2));
    q.get();
    r.set("task_done_after_refusal", raisedBy([&] { q.task_done(); }));
    q.join();
    r.set("joined", true);
}

// join() returns only once the child's last task_done() ran: the child holds
// it back until MainProcess has recorded that it waits in join(), and every
// result was put before its item was marked done.
void joinableJoin(Report &r, Summary &)
{
    const std::int64_t n = 5;
    Pipe report;
    JoinableQueue q("jq", 8);
    Queue results("results", 8);
    for (std::int64_t i = 1; i <= n; ++i)
        q.put(Arg(i));
    Process p(scnTaskWorker, Args{q.handle(), results.handle(), n, report.w});
    p.start();
    report.closeWrite();
    q.join();
    r.set("results_after_join", results.qsize());
    r.set("qsize_after_join", q.qsize());
    p.join();
    r.set("child_saw_parent_in_join", valueOf(readLinesToEof(report.r), "parent_in_join") == "1");
    r.set("exitcode", p.exitcode());
    std::vector<std::int64_t> unfinished;
    std::uint64_t lastDoneAt = 0, joinEndAt = 0;
    for (const auto &t : allSlotRecords()) {
        if (t.record.kind == RecordKind::QueueTaskDone && queueOf(t.record.a) == q.handle()) {
            unfinished.push_back(depthOf(t.record.a));
            lastDoneAt = std::max(lastDoneAt, t.record.tNs);
        }
        if (isQueueWait(t, RecordKind::QueueWaitEnd, q, QueueWait::Join))
            joinEndAt = t.record.tNs;
    }
    r.set("unfinished_after_each_task_done", unfinished);
    r.set("join_ended_after_last_task_done", lastDoneAt && joinEndAt > lastDoneAt);
}

// Two producers and MainProcess's gets on a Queue(4): the depth every
// QueuePut/QueueGet recorded, in timestamp order over every slot, equals puts
// minus gets so far; each producer's items arrive in its own order.
void queueDepthTrace(Report &r, Summary &)
{
    const std::int64_t perProducer = 150, maxsize = 4;
    Queue q("q", int(maxsize));
    Process a(scnPutRange, Args{q.handle(), std::int64_t(0), perProducer});
    Process b(scnPutRange, Args{q.handle(), std::int64_t(1000), perProducer});
    a.start();
    b.start();
    std::int64_t lastA = -1, lastB = 999;
    bool ordered = true;
    for (std::int64_t i = 0; i < 2 * perProducer; ++i) {
        const std::int64_t v = q.get().toInt();
        std::int64_t &last = v < 1000 ? lastA : lastB;
        ordered = ordered && v == last + 1;
        last = v;
    }
    a.join();
    b.join();
    r.set("each_producer_in_order", ordered);
    r.set("exitcodes",
          std::vector<std::int64_t>{a.exitcode().value_or(-1000), b.exitcode().value_or(-1000)});

    auto records = allSlotRecords();
    std::stable_sort(
        records.begin(), records.end(),
        [](const TracedRecord &x, const TracedRecord &y) { return x.record.tNs < y.record.tNs; });
    std::int64_t puts = 0, gets = 0, mismatches = 0, maxDepth = 0;
    for (const auto &t : records) {
        const bool put = t.record.kind == RecordKind::QueuePut;
        if ((!put && t.record.kind != RecordKind::QueueGet) || queueOf(t.record.a) != q.handle())
            continue;
        (put ? puts : gets) += 1;
        mismatches += depthOf(t.record.a) != puts - gets;
        maxDepth = std::max(maxDepth, depthOf(t.record.a));
    }
    r.set("put_records", puts);
    r.set("get_records", gets);
    r.set("depth_mismatches", mismatches);
    r.set("depth_within_maxsize", maxDepth <= maxsize);
    r.set("stalls", ringStalls());
}

// ---- pipes and managers ------------------------------------------------------------

// Echoes every item it receives, then closes its end.
void scnPipeEcho(const Args &a)
{
    Connection c = Connection::fromHandle(a.at(0).toString());
    for (std::int64_t i = 0; i < a.at(1).toInt(); ++i)
        c.send(c.recv());
    c.close();
}
PROCLAB_TARGET(scnPipeEcho);

void pipeItemKinds(Report &r, Summary &)
{
    const std::vector<Arg> items = {Arg(42),
                                    Arg(-7),
                                    Arg("hello"),
                                    Arg(""),
                                    Arg(),
                                    Arg(std::vector<std::int64_t>{1, 2, 3}),
                                    Arg(std::vector<std::int64_t>{}),
                                    Arg(std::string(Connection::kMaxItemBytes, 'x'))};
    auto [mine, theirs] = proclab::Pipe(true, "p");
    Process p(scnPipeEcho, Args{theirs.handle(), std::int64_t(items.size())});
    p.start();
    theirs.close();
    std::vector<std::string> sent, echoed;
    for (const Arg &item : items) {
        mine.send(item);
        sent.push_back(item.encode());
        echoed.push_back(mine.recv().encode());
    }
    bool eof = false;
    try {
        mine.recv();
    } catch (const EOFError &) {
        eof = true;
    }
    p.join();
    r.set("echoed_equals_sent", echoed == sent);
    r.set("eof_after_child_closed", eof);
    r.set("too_long", errorOf([&] {
                          mine.send(Arg(std::string(Connection::kMaxItemBytes + 1, 'y')));
                      }).value_or("<no error>"));
    r.set("exitcode", p.exitcode());
}

// Sends `count` integers on a send end, then closes it.
void scnPipeSendRange(const Args &a)
{
    Connection c = Connection::fromHandle(a.at(0).toString());
    for (std::int64_t i = 0; i < a.at(1).toInt(); ++i)
        c.send(Arg(i));
    c.close();
}
PROCLAB_TARGET(scnPipeSendRange);

void pipeOneWay(Report &r, Summary &)
{
    auto [rd, wr] = proclab::Pipe(false, "p");
    r.set("receive_end", std::string(rd.readable() ? "r" : "-") + (rd.writable() ? "w" : "-"));
    r.set("send_end", std::string(wr.readable() ? "r" : "-") + (wr.writable() ? "w" : "-"));
    r.set("send_on_receive_end", errorOf([&] { rd.send(Arg(1)); }).value_or("<no error>"));
    r.set("recv_on_send_end", errorOf([&] { wr.recv(); }).value_or("<no error>"));
    Process p(scnPipeSendRange, Args{wr.handle(), std::int64_t(5)});
    p.start();
    p.join(); // every message is in the pipe and the child's end is closed
    std::vector<std::string> got;
    for (int i = 0; i < 5; ++i)
        got.push_back(rd.recv().encode());
    r.set("received", got);
    // Main still holds a copy of the send end: no EOF yet.
    r.set("eof_while_main_holds_send_end", rd.poll(0));
    wr.close();
    bool eof = false;
    try {
        rd.recv();
    } catch (const EOFError &) {
        eof = true;
    }
    r.set("eof_after_every_send_end_closed", eof);
    rd.close();
    r.set("recv_after_close", errorOf([&] { rd.recv(); }).value_or("<no error>"));
    r.set("exitcode", p.exitcode());
}

void pipeBrokenPipe(Report &r, Summary &)
{
    auto [rd, wr] = proclab::Pipe(false, "p");
    rd.close();
    r.set("error", errorOf([&] { wr.send(Arg(1)); }).value_or("<no error>"));
}

void scnManagerWrite(const Args &a)
{
    DictProxy d = DictProxy::fromHandle(a.at(0).toString());
    d.set("k" + std::to_string(a.at(1).toInt()), Arg(a.at(1).toInt() * 10));
    ListProxy l = ListProxy::fromHandle(a.at(2).toString());
    l.append(Arg(std::int64_t(::getpid())));
}
PROCLAB_TARGET(scnManagerWrite);

bool exists(const std::string &path)
{
    struct stat st
    {
    };
    return ::stat(path.c_str(), &st) == 0;
}

void managerAcrossProcesses(Report &r, Summary &)
{
    Manager m;
    DictProxy d = m.dict("d");
    ListProxy l = m.list("pids");
    const pid_t server = m.pid().value_or(0);
    std::vector<Process> children;
    for (int i = 0; i < 3; ++i)
        children.emplace_back(scnManagerWrite, Args{d.handle(), std::int64_t(i), l.handle()});
    std::vector<std::int64_t> childPids;
    for (auto &c : children) {
        c.start();
        childPids.push_back(*c.pid());
    }
    for (auto &c : children)
        c.join();
    std::vector<std::string> keys = d.keys();
    std::sort(keys.begin(), keys.end());
    r.set("keys", keys);
    std::vector<std::string> values;
    for (const auto &k : keys)
        values.push_back(d.get(k).encode());
    r.set("values", values);
    r.set("len", int(d.size()));
    std::vector<std::int64_t> appended;
    for (const Arg &a : l.copy())
        appended.push_back(a.toInt());
    std::sort(appended.begin(), appended.end());
    std::sort(childPids.begin(), childPids.end());
    r.set("list_holds_child_pids", appended == childPids);
    r.set("missing_key", errorOf([&] { d.get("nope"); }).value_or("<no error>"));
    r.set("index_out_of_range", errorOf([&] { l.at(99); }).value_or("<no error>"));

    d.set("l", Arg(std::vector<std::int64_t>{}));
    std::vector<std::int64_t> copy = d.get("l").toList();
    copy.push_back(1);
    r.set("after_inplace_append", d.get("l").repr());
    d.set("l", Arg(copy));
    r.set("after_reassign", d.get("l").repr());

    r.set("name", m.name());
    r.set("server_is_another_process",
          server > 0 && server != ::getpid() &&
              std::find(childPids.begin(), childPids.end(), server) == childPids.end());
    detail::ProcStat stat;
    r.set("server_parent_is_main", detail::readProcStat(server, &stat) && stat.ppid == ::getpid());
    r.set("socket_while_running", exists(m.address()));
    m.shutdown();
    r.set("socket_after_shutdown", exists(m.address()));
    r.set("server_gone_after_shutdown", ::kill(server, 0) != 0 && errno == ESRCH);
    r.set("call_after_shutdown", errorOf([&] { d.size(); }).has_value());
}

// ---- Barrier ------------------------------------------------------------------

// args: barrier, reportW, rounds. Waits at the barrier `rounds` times and
// reports each index it got, or "broken".
void scnBarrierWaiter(const Args &a)
{
    Barrier b = Barrier::fromHandle(a.at(0).toInt());
    const int out = int(a.at(1).toInt());
    for (std::int64_t round = 0; round < a.at(2).toInt(); ++round) {
        const auto error = errorOf([&] { writeLine(out, "index=" + std::to_string(b.wait())); });
        if (error) {
            writeLine(out, "error=" + *error);
            return;
        }
    }
}
PROCLAB_TARGET(scnBarrierWaiter);

// Busy-waits (no sleep) until `n` parties wait at `b`: they only ever block there.
void awaitWaiting(const Barrier &b, int n)
{
    while (b.n_waiting() != n)
        sched_yield();
}

// Three children and main, two rounds. Before main (the last party) arrives,
// no child has passed; then every child passes, with indexes 0..2 in some order.
void barrierRounds(Report &r, Summary &)
{
    constexpr int kChildren = 3, kRounds = 2;
    Pipe report;
    Barrier b(kChildren + 1, "b");
    std::vector<Process> ps;
    for (int i = 0; i < kChildren; ++i)
        ps.emplace_back(scnBarrierWaiter, Args{b.handle(), report.w, kRounds});
    for (auto &p : ps)
        p.start();
    report.closeWrite();
    bool passedEarly = false;
    std::vector<std::int64_t> mainIndexes, childIndexes;
    for (int round = 0; round < kRounds; ++round) {
        awaitWaiting(b, kChildren);
        passedEarly = passedEarly || readable(report.r);
        mainIndexes.push_back(b.wait());
        for (int i = 0; i < kChildren; ++i) {
            const std::string line = readLine(report.r).value_or("EOF");
            childIndexes.push_back(line.starts_with("index=") ? std::stoll(line.substr(6)) : -1);
        }
    }
    for (auto &p : ps)
        p.join();
    std::sort(childIndexes.begin(), childIndexes.end());
    r.set("parties", b.parties());
    r.set("a_child_passed_before_the_last_party", passedEarly);
    r.set("main_indexes", mainIndexes);
    r.set("child_indexes", childIndexes);
    r.set("broken", b.broken());
    int begins = 0, passed = 0, declared = 0;
    for (const auto &t : allSlotRecords()) {
        if (t.record.kind == RecordKind::ObjectDecl && t.record.a == b.handle() &&
            t.record.b == std::int64_t(ObjectType::Barrier) && t.text == "b")
            ++declared;
        if (t.record.kind == RecordKind::SyncWaitBegin && t.record.a == b.handle() &&
            t.record.b == std::int64_t(SyncWait::Barrier))
            ++begins;
        if (t.record.kind == RecordKind::SyncWaitEnd && t.record.a == b.handle() && t.record.b == 1)
            ++passed;
    }
    r.set("declared", declared);
    r.set("waits_recorded", begins);
    r.set("passes_recorded", passed);
    std::int64_t worst = 0;
    for (auto &p : ps)
        worst = std::max<std::int64_t>(worst, p.exitcode().value_or(-100) == 0 ? 0 : 1);
    r.set("children_failed", worst);
}

// A child waiting at `b` once, and the pipe it reports on: constructed once
// the child waits there.
struct BarrierWaiter
{
    Pipe report;
    Process child;
    explicit BarrierWaiter(const Barrier &b) : child(scnBarrierWaiter, Args{b.handle(), report.w, 1})
    {
        child.start();
        report.closeWrite();
        awaitWaiting(b, 1);
    }
    std::string says() { return readLine(report.r).value_or("EOF"); }
};

// A wait that times out breaks the barrier for everyone (Python: the waiter
// that timed out calls _break()); abort() does it at once.
void barrierBroken(Report &r, Summary &)
{
    Barrier b(3, "b");
    BarrierWaiter w(b);
    setError(r, errorOf([&] { b.wait(0.05); }));
    r.set("child_saw", w.says());
    r.set("broken", b.broken());
    r.set("n_waiting_after", b.n_waiting());
    r.set("wait_after_broken", errorOf([&] { b.wait(); }).value_or("<no error>"));
    w.child.join();
    r.set("exitcode", w.child.exitcode());

    Barrier b2(2, "b2");
    BarrierWaiter w2(b2);
    b2.abort();
    r.set("child_saw_abort", w2.says());
    w2.child.join();
    r.set("abort_exitcode", w2.child.exitcode());
    r.set("zero_parties", errorOf([] { Barrier none(0); }).value_or("<no error>"));
    int failedWaits = 0;
    for (const auto &t : allSlotRecords())
        if (t.record.kind == RecordKind::SyncWaitEnd && t.record.b == 0 &&
            (t.record.a == b.handle() || t.record.a == b2.handle()))
            ++failedWaits;
    r.set("broken_waits_recorded", failedWaits);
}

// The Manager is never shut down by the lab: MainProcess's exit does it.
void managerShutdownAtExit(Report &r, Summary &)
{
    auto *m = new Manager(); // leaked on purpose
    DictProxy d = m->dict("d");
    d.set("x", Arg(1));
    r.set("address", m->address());
    r.set("socket_existed", exists(m->address()));
    r.set("server_pid", std::int64_t(m->pid().value_or(0)));
}

const std::map<std::string, Scenario> &scenarios()
{
    static const std::map<std::string, Scenario> all = {
        {"start_twice", startTwice},
        {"lock_release_unlocked", lockReleaseUnlocked},
        {"rlock_rules", rlockRules},
        {"lock_held_elsewhere", lockHeldElsewhere},
        {"lock_wakes_only_for_sleepers", lockWakesOnlyForSleepers},
        {"lock_release_wakes_the_sleeper", lockReleaseWakesTheSleeper},
        {"join_before_start", joinBeforeStart},
        {"set_daemon_after_start", setDaemonAfterStart},
        {"daemon_starts_child", daemonStartsChild},
        {"spawn_unregistered_target", spawnUnregisteredTarget},
        {"exit_return", exitReturn},
        {"exit_seven", exitSeven},
        {"exit_throw", exitThrow},
        {"exit_terminate", exitTerminate},
        {"exit_kill", exitKill},
        {"join_timeout", joinTimeout},
        {"pid", pidBeforeAndAfterStart},
        {"join_twice", joinTwice},
        {"default_names", defaultNames},
        {"run_in_caller", runInCaller},
        {"isolation", isolation},
        {"exit_handler", exitHandler},
        {"zombie_join", zombieJoin},
        {"zombie_is_alive", zombieIsAlive},
        {"zombie_next_start", zombieNextStart},
        {"zombie_active_children", zombieActiveChildren},
        {"cap_last_slot", capLastSlot},
        {"cap_all_processes", capAllProcesses},
        {"trace_records", traceRecords},
        {"start_then_terminate", startThenTerminate},
        {"subclass", subclass},
        {"terminate_skips_cleanup", terminateSkipsCleanup},
        {"return_runs_cleanup", returnRunsCleanup},
        {"queue_nowait", queueNowait},
        {"queue_timeouts", queueTimeouts},
        {"queue_blocked_put_in_child", queueBlockedPutInChild},
        {"queue_fifo", queueFifo},
        {"queue_item_kinds", queueItemKinds},
        {"queue_item_too_long", queueItemTooLong},
        {"queue_snapshots", queueSnapshots},
        {"queue_unbounded", queueUnbounded},
        {"joinable_task_done_too_many", joinableTaskDoneTooMany},
        {"joinable_join", joinableJoin},
        {"queue_depth_trace", queueDepthTrace},
        {"pipe_item_kinds", pipeItemKinds},
        {"pipe_one_way", pipeOneWay},
        {"pipe_broken_pipe", pipeBrokenPipe},
        {"manager_across_processes", managerAcrossProcesses},
        {"manager_shutdown_at_exit", managerShutdownAtExit},
        {"barrier_rounds", barrierRounds},
        {"barrier_broken", barrierBroken},
    };
    return all;
}

#if defined(__x86_64__)
constexpr std::uint32_t kAuditArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr std::uint32_t kAuditArch = AUDIT_ARCH_AARCH64;
#else
#define PROCLAB_NO_SECCOMP_ARCH // denyPidfds() says ENOTSUP
#endif

// Makes pidfd_open and pidfd_send_signal fail with `err` in this process and
// every process it starts. Returns false (errno set) if the kernel refused.
bool denyPidfds(int err)
{
#ifdef PROCLAB_NO_SECCOMP_ARCH
    (void)err;
    errno = ENOTSUP;
    return false;
#else
    sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_pidfd_open, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_pidfd_send_signal, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (std::uint32_t(err) & SECCOMP_RET_DATA)),
    };
    sock_fprog program{static_cast<unsigned short>(sizeof filter / sizeof filter[0]), filter};
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
           prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0;
#endif
}

// The errno pidfd_open gives in this process now (0: it works).
int pidfdOpenErrno()
{
    const int fd = int(syscall(SYS_pidfd_open, ::getpid(), 0));
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    return errno;
}

void printLine(const std::string &json)
{
    const std::string line = json + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    if (isSpawnedChild(argc, argv))
        return runSpawnedChild(argc, argv);

    Report report;
    const auto it = argc > 1 ? scenarios().find(argv[1]) : scenarios().end();
    const std::string method = argc > 2 ? argv[2] : "fork";
    if (it == scenarios().end() || (method != "fork" && method != "spawn")) {
        report.set("client_error", "usage: runtime_scenarios SCENARIO [fork|spawn]");
        printLine(report.json());
        return 2;
    }

    if (const char *deny = std::getenv("PROCLAB_TEST_DENY_PIDFD"); deny && *deny) {
        const std::string name = deny;
        const int err = name == "ENOSYS" ? ENOSYS : name == "EPERM" ? EPERM : 0;
        if (!err || !denyPidfds(err)) {
            report.set("client_error", "PROCLAB_TEST_DENY_PIDFD must be ENOSYS or EPERM (got " +
                                           name + "), and seccomp must be available: " +
                                           std::strerror(errno));
            printLine(report.json());
            return 2;
        }
    }
    report.set("pidfd_open_errno", pidfdOpenErrno());

    TraceRing ring;
    const int ringFd = TraceRing::create(kRingSlots, 4096, &ring);
    if (ringFd < 0) {
        report.set("client_error",
                   std::string("cannot create the trace ring: ") + std::strerror(errno));
        printLine(report.json());
        return 3;
    }
    // Nobody drains this ring: writers drop instead of waiting, and scenarios
    // read the records in place (a slot holds far more than a scenario writes).
    ring.header()->discardWhenFull = 1;
    ring.header()->t0Ns = trace::nowNs();
    ring.header()->slotsClaimed.store(kMainSlot + 1);
    initMainProcess(ring, ringFd);
    set_start_method(method == "spawn" ? StartMethod::Spawn : StartMethod::Fork);

    Summary summary;
    int code = 0;
    try {
        it->second(report, summary);
    } catch (const std::exception &e) {
        // Said at once on stderr: finishing may still hang on a child.
        std::fprintf(stderr, "runtime_scenarios %s: %s\n", argv[1], e.what());
        report.set("client_error", e.what());
        code = 3;
    }
    code = finishMainProcess(code, summary);
    printLine(report.json());
    return code;
}
