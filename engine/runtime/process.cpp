// multiprocessing.Process: the object a lab creates, starts, joins and
// signals. Waiting and reaping live in reaper.cpp, what a new process does
// first and last in bootstrap.cpp.
#include "process.h"

#include "bootstrap.h"
#include "context.h"
#include "futex.h"
#include "reaper.h"
#include "runtime.h"
#include "sharedheap.h"
#include "tracewriter.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

namespace proclab {

namespace {
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

std::unique_ptr<Process> makeRegistered(const std::string &cls, const std::string &target,
                                        const Args &args, std::string *error)
{
    if (!cls.empty()) {
        const auto it = classes().find(cls);
        if (it != classes().end())
            return it->second(args);
        *error = "no process class named " + cls;
        return nullptr;
    }
    const auto it = targets().find(target);
    if (it != targets().end())
        return std::make_unique<Process>(it->second, args);
    *error = "no target named " + target;
    return nullptr;
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
    m_state->creatorPid = detail::selfPid();
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
    m_state->pid = detail::selfPid();
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
    if (m_state->creatorPid != detail::selfPid())
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
    m_state->started = true;
    trace::write(RecordKind::Start, detail::selfPid(), pid, std::int64_t(method), m_state->name, t);
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
    const pid_t parent = detail::selfPid();
    const pid_t pid = fork();
    if (pid < 0)
        throw ProcessError(std::string("fork failed: ") + std::strerror(errno));
    if (pid > 0)
        return pid;
    // Child: the runner and every lab process are single-threaded, so ordinary
    // C++ is safe here (docs/ARCHITECTURE.md, "Why a runner").
    detail::becomeProcess(m_state->name, m_state->identity, *m_state->daemon, slot, 0, parent);
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
    if (m_state->creatorPid != detail::selfPid())
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
    if (m_state->creatorPid != detail::selfPid())
        throw ProcessError("can only test a child process");
    return !detail::waitChild(*m_state, 0);
}

std::optional<int> Process::exitcode()
{
    if (m_state->started && !m_state->reaped && m_state->creatorPid == detail::selfPid())
        detail::waitChild(*m_state, 0);
    return m_state->exitcode;
}

void Process::terminate()
{
    if (!m_state->started || m_state->reaped)
        return; // Python: nothing to signal
    trace::here(RecordKind::Terminate, m_state->pid, SIGTERM);
    detail::signalChild(*m_state, SIGTERM); // ESRCH for an exited child is fine
}

void Process::kill()
{
    if (!m_state->started || m_state->reaped)
        return;
    trace::here(RecordKind::Kill, m_state->pid, SIGKILL);
    detail::signalChild(*m_state, SIGKILL);
}

} // namespace proclab
