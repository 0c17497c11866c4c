// runtime_scenarios SCENARIO [fork|spawn]
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

#include "bootstrap.h"
#include "lock.h"
#include "process.h"
#include "runtime.h"
#include "summary.h"
#include "tracering.h"
#include "tracewriter.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/prctl.h>
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

[[noreturn]] void fail(const std::string &why) { throw ScenarioFailed(why); }

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
            const char *chunk = reinterpret_cast<const char *>(&records[(i + 1 + c) & (capacity - 1)]);
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

std::vector<TracedRecord> recordsOf(const std::vector<TracedRecord> &all, RecordKind kind, pid_t lane)
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

void scnExitSeven(const Args &) { proclab::exit(7); }
PROCLAB_TARGET(scnExitSeven);

void scnThrow(const Args &) { throw std::runtime_error("scenario body failed"); }
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
void scnReportPid(const Args &a) { writeLine(a.at(0).toInt(), "pid=" + std::to_string(getpid_())); }
PROCLAB_TARGET(scnReportPid);

void scnRecordPid(const Args &) { g_ranInPid = ::getpid(); }
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
    writeLine(fd, std::string("initialised_here=") + (g_initialisedInPid == ::getpid() ? "1" : "0"));
    g_moduleValue = 7;
    writeLine(fd, "changed_to=" + std::to_string(g_moduleValue));
}
PROCLAB_TARGET(scnIsolation);

// args: readyW, holdR, holdW. Closes its copy of holdW and returns when holdR
// reaches EOF, i.e. once every other holder (the daemon) is gone.
void scnExitHandlerWorker(const Args &a)
{
    closeFd(a.at(2).toInt());
    writeLine(a.at(0).toInt(), "ready");
    closeFd(a.at(0).toInt());
    waitForEof(int(a.at(1).toInt()));
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
        proclab::exit(5);
    }

protected:
    const char *spawnClass() const override { return "ScnReporterProcess"; }
};
PROCLAB_PROCESS_CLASS(ScnReporterProcess);

// ---- scenarios ----------------------------------------------------------------

using Scenario = void (*)(Report &, Summary &);

template <typename F>
std::optional<std::string> errorOf(F &&f)
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

void scnReleaseLock(const Args &a) { Lock::fromHandle(a.at(0).toInt()).release(); }
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
void exitReturn(Report &r, Summary &) { exitCode(r, scnReturn); }
void exitSeven(Report &r, Summary &) { exitCode(r, scnExitSeven); }
void exitThrow(Report &r, Summary &) { exitCode(r, scnThrow); }

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
void exitTerminate(Report &r, Summary &) { exitBySignal(r, false); }
void exitKill(Report &r, Summary &) { exitBySignal(r, true); }

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
        r.set(t + "_begin_spawned_flag", !begin.empty() && (begin.front().record.b & ProcSpawned) != 0);
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
    r.set("main_lane_intact", recordsOf(slotRecords(kMainSlot), RecordKind::ProcBegin, self).size() == 1);
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
void terminateSkipsCleanup(Report &r, Summary &) { cleanupCase(r, true); }
void returnRunsCleanup(Report &r, Summary &) { cleanupCase(r, false); }

const std::map<std::string, Scenario> &scenarios()
{
    static const std::map<std::string, Scenario> all = {
        {"start_twice", startTwice},
        {"lock_release_unlocked", lockReleaseUnlocked},
        {"rlock_rules", rlockRules},
        {"lock_held_elsewhere", lockHeldElsewhere},
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
    };
    return all;
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

    TraceRing ring;
    const int ringFd = TraceRing::create(kRingSlots, 4096, &ring);
    if (ringFd < 0) {
        report.set("client_error", std::string("cannot create the trace ring: ") + std::strerror(errno));
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
