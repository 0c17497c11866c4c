#include "process.h"

#include "bootstrap.h"
#include "context.h"
#include "futex.h"
#include "procstat.h"
#include "runtime.h"
#include "sharedheap.h"
#include "tracewriter.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proclab {

namespace {

// A child is waited for and signalled through a pidfd when the kernel gives
// one. pidfd_open() (Linux 5.3) fails with ENOSYS on older kernels and with
// EPERM under older container seccomp profiles: the child then has pidfd -1
// and is waited for with waitid() and SIGCHLD, and signalled with kill().
// Both are safe with a plain pid because the pid stays ours until we reap it.
int pidfdOpen(pid_t pid)
{
    return int(syscall(SYS_pidfd_open, pid, 0));
}

void signalChild(const detail::ChildState &child, int sig)
{
    if (child.pidfd >= 0 &&
        syscall(SYS_pidfd_send_signal, child.pidfd, sig, nullptr, 0) == 0)
        return;
    if (child.pidfd >= 0 && errno != ENOSYS && errno != EPERM)
        return; // ESRCH: it has exited already (not reaped: nothing to do)
    ::kill(child.pid, sig);
}

// True once `pid` has exited, without reaping it; `block` waits for that.
// A child that is no longer ours to wait for (ECHILD) counts as ended.
bool exitedUnreaped(pid_t pid, bool block)
{
    siginfo_t info{};
    int r;
    do
        r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT | (block ? 0 : WNOHANG));
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return errno == ECHILD;
    return info.si_pid == pid;
}

// Without a pidfd: waits up to `deadline` (trace clock) for `pid` to exit,
// woken by SIGCHLD. SIGCHLD is held back while waiting so that none is lost
// between the check and the wait (a blocked SIGCHLD stays pending even with
// its default, ignoring, action); any other child's SIGCHLD just checks again.
bool waitExitedUntil(pid_t pid, std::uint64_t deadline)
{
    sigset_t chld, saved;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &saved);
    bool exited = exitedUnreaped(pid, false);
    while (!exited) {
        const std::uint64_t now = trace::nowNs();
        if (now >= deadline)
            break;
        // At most 50 ms per wait: a SIGCHLD taken by someone else cannot stall us.
        const std::uint64_t left = std::min<std::uint64_t>(deadline - now, 50'000'000ull);
        const timespec ts{time_t(left / 1'000'000'000ull), long(left % 1'000'000'000ull)};
        sigtimedwait(&chld, nullptr, &ts);
        exited = exitedUnreaped(pid, false);
    }
    sigprocmask(SIG_SETMASK, &saved, nullptr);
    return exited;
}

std::map<std::string, TargetFn> &targets()
{
    static std::map<std::string, TargetFn> t;
    return t;
}

std::map<std::string, ProcessFactory> &classes()
{
    static std::map<std::string, ProcessFactory> c;
    return c;
}

const char *targetName(TargetFn fn)
{
    for (const auto &[name, f] : targets())
        if (f == fn)
            return name.c_str();
    return nullptr;
}

std::string childName(const std::string &identity)
{
    return "Process-" + identity;
}

} // namespace

ProcessError::ProcessError(const std::string &message) : std::runtime_error(message)
{
    trace::here(RecordKind::Error, 0, 0, message);
}

bool registerTarget(const char *name, TargetFn fn)
{
    targets()[name] = fn;
    return true;
}

bool registerProcessClass(const char *name, ProcessFactory factory)
{
    classes()[name] = factory;
    return true;
}

namespace detail {

ProcessContext &context()
{
    static ProcessContext c;
    return c;
}

namespace {
// A terminated process cannot record its own exit after the signal: record it
// in the handler, then die of the same signal so the exit status stays -15.
void recordTermination(int sig)
{
    trace::here(RecordKind::Exit, -sig, 0);
    signal(sig, SIG_DFL);
    raise(sig); // delivered as soon as the handler returns: nothing else runs
}
} // namespace

void becomeProcess(const std::string &name, const std::string &identity, bool daemon,
                   std::uint32_t slot, std::int64_t flags)
{
    setSelfPid(getpid());
    ProcessContext &c = context();
    c.name = name;
    c.identity = identity;
    c.daemon = daemon;
    c.childCounter = 0;
    c.children.clear(); // Python: a child starts with an empty _children set
    c.finalizers.clear();
    trace::bind(c.ring, slot);

    struct sigaction sa
    {
    };
    sa.sa_handler = recordTermination;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);

    trace::here(RecordKind::ProcBegin, getppid(),
                flags | (daemon ? std::int64_t(ProcDaemon) : std::int64_t(0)), name);
    // start() held SIGTERM back across fork/exec; one that came meanwhile is
    // delivered now, recorded on this process's own lane.
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigprocmask(SIG_UNBLOCK, &term, nullptr);
}

void reapChild(ChildState &child)
{
    if (child.reaped)
        return;
    ProcStat stat; // state 'Z': exited, not yet reaped
    readProcStat(child.pid, &stat);
    const char state = stat.state;
    int status = 0;
    pid_t r;
    do
        r = waitpid(child.pid, &status, 0);
    while (r < 0 && errno == EINTR);
    if (r != child.pid)
        return;
    if (WIFEXITED(status))
        child.exitcode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        child.exitcode = -WTERMSIG(status);
    if (WIFSIGNALED(status) && WTERMSIG(status) != SIGTERM)
        trace::write(RecordKind::Exit, child.pid, *child.exitcode, ExitSeenAtReap);
    trace::write(RecordKind::Reaped, child.pid, getpid(), state);
    child.reaped = true;
    if (child.pidfd >= 0)
        close(child.pidfd);
    child.pidfd = -1;
}

bool waitChild(ChildState &child, int timeoutMs)
{
    if (child.reaped)
        return true;
    const std::uint64_t deadline =
        trace::nowNs() + std::uint64_t(std::max(timeoutMs, 0)) * 1'000'000ull;
    if (child.pidfd < 0) { // no pidfd (see pidfdOpen)
        if (!(timeoutMs < 0 ? exitedUnreaped(child.pid, true)
                            : waitExitedUntil(child.pid, deadline)))
            return false;
        reapChild(child);
        return true;
    }
    pollfd p{child.pidfd, POLLIN, 0};
    for (;;) {
        int wait = -1;
        if (timeoutMs >= 0) {
            const std::uint64_t now = trace::nowNs();
            wait = now >= deadline ? 0 : int((deadline - now + 999'999) / 1'000'000);
        }
        const int n = poll(&p, 1, wait);
        if (n > 0)
            break;
        if (n == 0)
            return false;
        if (errno != EINTR)
            return false;
    }
    reapChild(child);
    return true;
}

void reapFinishedChildren()
{
    auto &children = context().children;
    for (auto &c : children)
        if (!c->reaped)
            waitChild(*c, 0);
    std::erase_if(children, [](const auto &c) { return c->reaped; });
}

void exitFunction()
{
    auto finalizers = std::move(context().finalizers);
    context().finalizers.clear();
    for (auto it = finalizers.rbegin(); it != finalizers.rend(); ++it)
        (*it)();
    reapFinishedChildren();
    const pid_t self = getpid();
    for (auto &c : context().children) {
        if (c->daemon.value_or(false) && !c->reaped) {
            trace::write(RecordKind::DaemonTerminated, c->pid, self);
            trace::here(RecordKind::Terminate, c->pid, SIGTERM);
            signalChild(*c, SIGTERM);
        }
    }
    for (auto &c : context().children) {
        if (c->reaped)
            continue;
        trace::here(RecordKind::JoinBegin, c->pid, -2); // -2: the implicit join at exit
        waitChild(*c, -1);
        trace::here(RecordKind::JoinEnd, c->pid, 0);
    }
    context().children.clear();
}

} // namespace detail

using detail::context;

Process::Process(TargetFn target, Args args, std::string name, std::optional<bool> daemon)
    : Process(std::move(args), std::move(name), daemon)
{
    m_target = target;
}

Process::Process(Args args, std::string name, std::optional<bool> daemon)
    : m_args(std::move(args)), m_state(std::make_shared<detail::ChildState>())
{
    auto &c = context();
    m_state->identity =
        (c.identity.empty() ? "" : c.identity + ":") + std::to_string(++c.childCounter);
    m_state->name = name.empty() ? childName(m_state->identity) : std::move(name);
    m_state->daemon = daemon;
    m_state->creatorPid = ::getpid();
}

Process::~Process() = default;
Process::Process(Process &&) noexcept = default;
Process &Process::operator=(Process &&) noexcept = default;

const Args &Process::args() const
{
    return m_args;
}
std::optional<pid_t> Process::pid() const
{
    return m_state->started ? std::optional<pid_t>(m_state->pid) : std::nullopt;
}
const std::string &Process::name() const
{
    return m_state->name;
}
void Process::set_name(std::string name)
{
    m_state->name = std::move(name);
}
bool Process::daemon() const
{
    return m_state->daemon.value_or(context().daemon);
}

void Process::set_daemon(bool daemon)
{
    if (m_state->started)
        throw ProcessError("process has already started");
    m_state->daemon = daemon;
}

void Process::markAsCurrent()
{
    // Inside its own body, as in Python, self.pid is this process's pid.
    m_state->pid = ::getpid();
    m_state->started = true;
}

void Process::run()
{
    if (m_target)
        m_target(m_args);
}

void Process::start()
{
    if (m_state->started)
        throw ProcessError("cannot start a process twice");
    if (m_state->creatorPid != ::getpid())
        throw ProcessError("can only start a process object created by current process");
    if (context().daemon)
        throw ProcessError("daemonic processes are not allowed to have children");
    detail::reapFinishedChildren(); // Python's start() calls _cleanup() first

    const TraceRing &ring = context().ring;
    if (!ring.valid())
        throw ProcessError("the runtime is not initialised: no trace ring");
    RingHeader *h = ring.header();
    const std::uint32_t slot = h->slotsClaimed.fetch_add(1);
    if (slot >= h->slotCount) {
        h->processesRefused.fetch_add(1);
        throw ProcessError("process limit reached: a lab may create at most " +
                           std::to_string(kMaxLabProcesses) + " processes");
    }
    m_state->daemon = daemon();
    const StartMethod method = context().method;
    const std::uint64_t t = trace::stamp();
    // Until the child has bound its own slot, a SIGTERM (terminate() right
    // after start()) would run the inherited handler on OUR slot and lane, or
    // after exec kill the child unrecorded: hold it back until becomeProcess().
    sigset_t term, saved;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigprocmask(SIG_BLOCK, &term, &saved);
    pid_t pid = -1;
    try {
        pid = method == StartMethod::Fork ? startForked(slot) : startSpawned(slot);
    } catch (...) {
        sigprocmask(SIG_SETMASK, &saved, nullptr);
        throw;
    }
    sigprocmask(SIG_SETMASK, &saved, nullptr);
    m_state->pid = pid;
    m_state->pidfd = pidfdOpen(pid); // the child is unreaped: this pid is certainly ours
                                     // (-1 without pidfd support: waitid/kill instead)
    m_state->started = true;
    trace::write(RecordKind::Start, ::getpid(), pid, std::int64_t(method), m_state->name, t);
    context().children.push_back(m_state);
}

namespace {
struct BodyCall
{
    Process *process;
};
} // namespace

pid_t Process::startForked(std::uint32_t slot)
{
    const pid_t pid = fork();
    if (pid < 0)
        throw ProcessError(std::string("fork failed: ") + std::strerror(errno));
    if (pid > 0)
        return pid;
    // Child: the runner and every lab process are single-threaded, so ordinary
    // C++ is safe here (see ARCHITECTURE.md).
    detail::becomeProcess(m_state->name, m_state->identity, *m_state->daemon, slot, 0);
    markAsCurrent();
    BodyCall call{this};
    int code = runBody([](void *d) { static_cast<BodyCall *>(d)->process->run(); }, &call);
    detail::exitFunction();
    trace::here(RecordKind::Exit, code, 0);
    _exit(code & 0xff);
}

pid_t Process::startSpawned(std::uint32_t slot)
{
    std::string what;
    if (const char *cls = spawnClass())
        what = std::string("--class=") + cls;
    else if (const char *fn = m_target ? targetName(m_target) : nullptr)
        what = std::string("--target=") + fn;
    else
        throw ProcessError("cannot spawn " + m_state->name +
                           ": its target is not registered with PROCLAB_TARGET");

    char exe[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        throw ProcessError("cannot find the program to spawn: /proc/self/exe unreadable");
    exe[n] = '\0';

    // Everything the fresh image needs, built before fork: nothing between
    // fork and exec allocates.
    std::vector<std::string> argv = {exe,
                                     "--proclab-spawn",
                                     "--ring-fd=" + std::to_string(context().ringFd),
                                     "--heap-fd=" + std::to_string(SharedHeap::fd()),
                                     "--slot=" + std::to_string(slot),
                                     "--name=" + m_state->name,
                                     "--identity=" + m_state->identity,
                                     std::string("--daemon=") + (*m_state->daemon ? "1" : "0"),
                                     what};
    for (const Arg &a : m_args)
        argv.push_back("--arg=" + a.encode());
    std::vector<char *> cargv;
    for (auto &s : argv)
        cargv.push_back(s.data());
    cargv.push_back(nullptr);

    int errPipe[2];
    if (pipe2(errPipe, O_CLOEXEC) != 0)
        throw ProcessError(std::string("pipe failed: ") + std::strerror(errno));
    const pid_t pid = fork();
    if (pid < 0) {
        close(errPipe[0]);
        close(errPipe[1]);
        throw ProcessError(std::string("fork failed: ") + std::strerror(errno));
    }
    if (pid == 0) {
        execv(exe, cargv.data());
        const int e = errno;
        (void)!write(errPipe[1], &e, sizeof e);
        _exit(127);
    }
    close(errPipe[1]);
    int childErrno = 0;
    ssize_t got;
    do
        got = read(errPipe[0], &childErrno, sizeof childErrno);
    while (got < 0 && errno == EINTR);
    close(errPipe[0]);
    if (got == sizeof childErrno) {
        waitpid(pid, nullptr, 0);
        throw ProcessError(std::string("spawn failed: cannot execute ") + exe + ": " +
                           std::strerror(childErrno));
    }
    return pid;
}

void Process::join(std::optional<double> timeoutSeconds)
{
    if (m_state->creatorPid != ::getpid())
        throw ProcessError("can only join a child process");
    if (!m_state->started)
        throw ProcessError("can only join a started process");
    int timeoutMs = -1;
    std::int64_t timeoutUs = -1;
    if (timeoutSeconds) {
        const double s = std::isfinite(*timeoutSeconds) ? std::max(0.0, *timeoutSeconds) : 0.0;
        timeoutMs = int(std::min(s * 1000.0, double(INT_MAX)));
        timeoutUs = std::int64_t(s * 1e6);
    }
    trace::here(RecordKind::JoinBegin, m_state->pid, timeoutUs);
    const bool done = detail::waitChild(*m_state, timeoutMs);
    trace::here(RecordKind::JoinEnd, m_state->pid, done ? 0 : 1);
    if (done)
        std::erase(context().children, m_state);
}

bool Process::is_alive()
{
    if (!m_state->started || m_state->reaped)
        return false;
    if (m_state->pid == detail::selfPid())
        return true; // Python: a process asking about itself is alive
    if (m_state->creatorPid != ::getpid())
        throw ProcessError("can only test a child process");
    return !detail::waitChild(*m_state, 0);
}

std::optional<int> Process::exitcode()
{
    if (m_state->started && !m_state->reaped && m_state->creatorPid == ::getpid())
        detail::waitChild(*m_state, 0);
    return m_state->exitcode;
}

void Process::terminate()
{
    if (!m_state->started || m_state->reaped)
        return; // Python: nothing to signal
    trace::here(RecordKind::Terminate, m_state->pid, SIGTERM);
    signalChild(*m_state, SIGTERM); // ESRCH for an exited child is fine
}

void Process::kill()
{
    if (!m_state->started || m_state->reaped)
        return;
    trace::here(RecordKind::Kill, m_state->pid, SIGKILL);
    signalChild(*m_state, SIGKILL);
}

// ---- free functions of runtime.h ----

const std::string &current_process_name()
{
    return context().name;
}
pid_t getpid_()
{
    return ::getpid();
}
pid_t getppid_()
{
    return ::getppid();
}
void set_start_method(StartMethod method)
{
    context().method = method;
}
StartMethod start_method()
{
    return context().method;
}

void sleep_ms(std::int64_t ms)
{
    trace::here(RecordKind::SleepBegin, ms);
    timespec until{};
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1'000'000;
    if (until.tv_nsec >= 1'000'000'000) {
        until.tv_sec += 1;
        until.tv_nsec -= 1'000'000'000;
    }
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) == EINTR) {
    }
    trace::here(RecordKind::SleepEnd, ms);
}

std::string run_dir()
{
    const char *d = std::getenv("PROCLAB_RUN_DIR");
    return d ? d : "/tmp";
}

void spin_us(std::int64_t us)
{
    if (us <= 0)
        return; // no pause: not even a clock read (counter-race's default window)
    const std::uint64_t until =
        trace::nowNs() + std::uint64_t(std::max<std::int64_t>(us, 0)) * 1000;
    while (trace::nowNs() < until) {
    }
}

void print_line(std::string_view text)
{
    trace::here(RecordKind::Stdout, 0, 0, text);
}

void exit(int code)
{
    throw SystemExit{code};
}

void os_exit(int code)
{
    trace::here(RecordKind::Exit, code, 0);
    _exit(code & 0xff);
}

void report_error(std::string_view message)
{
    trace::here(RecordKind::Error, 0, 0, message);
}

void report_error_on(pid_t lane, std::string_view message)
{
    trace::write(RecordKind::Error, lane, 0, 0, message);
}

int active_children()
{
    detail::reapFinishedChildren();
    return int(context().children.size());
}

// ---- bootstrap.h ----

int runBody(void (*body)(void *), void *data)
{
    try {
        body(data);
        return 0;
    } catch (const SystemExit &e) {
        return e.code;
    } catch (const ProcessError &) {
        return 1; // already recorded when it was thrown
    } catch (const std::exception &e) {
        report_error(std::string("uncaught error: ") + e.what());
        return 1;
    } catch (...) {
        // Never let anything unwind past a process body: a forked child would
        // go on running its parent's code after start().
        report_error("uncaught error of a type that is not std::exception");
        return 1;
    }
}

void initMainProcess(const TraceRing &ring, int ringFd)
{
    auto &c = context();
    c.ring = ring;
    c.ringFd = ringFd;
    detail::becomeProcess("MainProcess", "", false, kMainSlot, ProcMain);
    if (!SharedHeap::create())
        report_error("cannot create the shared heap: Lock and Value are unavailable");
}

int finishMainProcess(int code, Summary &summary)
{
    detail::exitFunction();
    summary.runAfterExit();
    trace::here(RecordKind::Summary, 0, 0, summary.toJson());
    trace::here(RecordKind::Exit, code, 0);
    return code;
}

bool isSpawnedChild(int argc, char **argv)
{
    return argc > 1 && std::strcmp(argv[1], "--proclab-spawn") == 0;
}

int runSpawnedChild(int argc, char **argv)
{
    int ringFd = -1, heapFd = -1;
    std::uint32_t slot = 0;
    std::string name, identity, target, cls;
    bool daemon = false;
    Args args;
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&](std::string_view key) -> std::optional<std::string> {
            if (a.substr(0, key.size()) == key)
                return std::string(a.substr(key.size()));
            return std::nullopt;
        };
        if (auto v = value("--ring-fd="))
            ringFd = std::atoi(v->c_str());
        else if (auto v = value("--heap-fd="))
            heapFd = std::atoi(v->c_str());
        else if (auto v = value("--slot="))
            slot = std::uint32_t(std::atoi(v->c_str()));
        else if (auto v = value("--name="))
            name = *v;
        else if (auto v = value("--identity="))
            identity = *v;
        else if (auto v = value("--daemon="))
            daemon = *v == "1";
        else if (auto v = value("--target="))
            target = *v;
        else if (auto v = value("--class="))
            cls = *v;
        else if (auto v = value("--arg=")) {
            Arg arg(0);
            if (!Arg::decode(*v, &arg))
                return 2;
            args.push_back(arg);
        }
    }
    auto &c = context();
    if (!TraceRing::attach(ringFd, &c.ring))
        return 2;
    c.ringFd = ringFd;
    if (heapFd >= 0 && !SharedHeap::attach(heapFd))
        return 2;
    detail::becomeProcess(name, identity, daemon, slot, ProcSpawned);

    std::unique_ptr<Process> process;
    if (!cls.empty()) {
        const auto it = classes().find(cls);
        if (it == classes().end()) {
            report_error("spawned child: no process class named " + cls);
            return 1;
        }
        process = it->second(args);
    } else {
        const auto it = targets().find(target);
        if (it == targets().end()) {
            report_error("spawned child: no target named " + target);
            return 1;
        }
        process = std::make_unique<Process>(it->second, args);
    }
    // The object above was built in this image: give it the name and identity its creator chose.
    process->set_name(name);
    process->markAsCurrent();
    c.childCounter = 0;
    const int code = runBody([](void *p) { static_cast<Process *>(p)->run(); }, process.get());
    detail::exitFunction();
    trace::here(RecordKind::Exit, code, 0);
    return code;
}

} // namespace proclab
