#include "bootstrap.h"

#include "context.h"
#include "futex.h"
#include "process.h"
#include "reaper.h"
#include "runtime.h"
#include "sharedheap.h"
#include "tracewriter.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace proclab {

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
                   std::uint32_t slot, std::int64_t flags, pid_t parent)
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

    trace::here(RecordKind::ProcBegin, parent ? parent : getppid(),
                flags | (daemon ? std::int64_t(ProcDaemon) : std::int64_t(0)), name);
    // start() held SIGTERM back across fork/exec; one that came meanwhile is
    // delivered now, recorded on this process's own lane.
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigprocmask(SIG_UNBLOCK, &term, nullptr);
}

void exitFunction()
{
    auto finalizers = std::move(context().finalizers);
    context().finalizers.clear();
    for (auto it = finalizers.rbegin(); it != finalizers.rend(); ++it)
        (*it)();
    reapFinishedChildren();
    const pid_t self = selfPid();
    for (auto &c : context().children) {
        if (c->daemon.value_or(false) && !c->reaped) {
            trace::write(RecordKind::DaemonTerminated, c->pid, self);
            trace::here(RecordKind::Terminate, c->pid, SIGTERM);
            signalChild(*c, SIGTERM);
        }
    }
    // Python's second active_children(): a child that has ended by now (a
    // terminated daemon that died at once) is reaped here, without a join.
    reapFinishedChildren();
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

namespace {
// What Process::startSpawned put on the fresh image's command line.
struct SpawnRequest
{
    int ringFd = -1;
    int heapFd = -1;
    std::uint32_t slot = 0;
    std::string name, identity, target, cls;
    bool daemon = false;
    Args args;
};

bool parseSpawnRequest(int argc, char **argv, SpawnRequest *r)
{
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&](std::string_view key) -> std::optional<std::string> {
            if (a.substr(0, key.size()) == key)
                return std::string(a.substr(key.size()));
            return std::nullopt;
        };
        if (auto v = value("--ring-fd="))
            r->ringFd = std::atoi(v->c_str());
        else if (auto v = value("--heap-fd="))
            r->heapFd = std::atoi(v->c_str());
        else if (auto v = value("--slot="))
            r->slot = std::uint32_t(std::atoi(v->c_str()));
        else if (auto v = value("--name="))
            r->name = *v;
        else if (auto v = value("--identity="))
            r->identity = *v;
        else if (auto v = value("--daemon="))
            r->daemon = *v == "1";
        else if (auto v = value("--target="))
            r->target = *v;
        else if (auto v = value("--class="))
            r->cls = *v;
        else if (auto v = value("--arg=")) {
            Arg arg(0);
            if (!Arg::decode(*v, &arg))
                return false;
            r->args.push_back(arg);
        }
    }
    return true;
}
} // namespace

int runSpawnedChild(int argc, char **argv)
{
    SpawnRequest r;
    if (!parseSpawnRequest(argc, argv, &r))
        return 2;
    auto &c = context();
    if (!TraceRing::attach(r.ringFd, &c.ring))
        return 2;
    c.ringFd = r.ringFd;
    if (r.heapFd >= 0 && !SharedHeap::attach(r.heapFd))
        return 2;
    detail::becomeProcess(r.name, r.identity, r.daemon, r.slot, ProcSpawned);

    std::string error;
    std::unique_ptr<Process> process = detail::makeRegistered(r.cls, r.target, r.args, &error);
    if (!process) {
        report_error("spawned child: " + error);
        return 1;
    }
    // The object above was built in this image: give it the name and identity its creator chose.
    process->set_name(r.name);
    process->markAsCurrent();
    c.childCounter = 0;
    const int code = runBody([](void *p) { static_cast<Process *>(p)->run(); }, process.get());
    detail::exitFunction();
    trace::here(RecordKind::Exit, code, 0);
    return code;
}

} // namespace proclab
