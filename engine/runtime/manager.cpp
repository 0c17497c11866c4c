#include "manager.h"

#include "context.h"
#include "futex.h"
#include "managerprotocol.h"
#include "managerserver.h"
#include "process.h"
#include "runtime.h"
#include "sharedheap.h"
#include "tracewriter.h"
#include "wireframe.h"

#include <cerrno>
#include <cstring>
#include <map>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace proclab {

namespace detail {

struct ManagerState
{
    std::unique_ptr<Process> process;
    std::string address;
    std::string name;
    pid_t creator = 0;
    bool running = false;

    void shutdown();
};

} // namespace detail

namespace {

// This process's connections, one per server. A forked child inherits its
// parent's sockets; it must not talk on them (the answers would go to either
// process), so it drops them and connects anew, as Python's proxies do.
struct Connections
{
    pid_t owner = 0;
    std::map<std::string, int> fds;

    std::map<std::string, int> &mine()
    {
        if (owner != detail::selfPid()) {
            for (auto &[address, fd] : fds)
                ::close(fd);
            fds.clear();
            owner = detail::selfPid();
        }
        return fds;
    }
};

Connections &connections()
{
    static Connections c;
    return c;
}

void dropConnection(const std::string &address)
{
    auto &fds = connections().mine();
    const auto it = fds.find(address);
    if (it != fds.end()) {
        ::close(it->second);
        fds.erase(it);
    }
}

int connectionTo(const std::string &address)
{
    auto &fds = connections().mine();
    const auto it = fds.find(address);
    if (it != fds.end())
        return it->second;
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::strncpy(sa.sun_path, address.c_str(), sizeof sa.sun_path - 1);
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0) {
        const int e = errno;
        if (fd >= 0)
            ::close(fd);
        throw ProcessError("the manager's server process is not running (" + address + ": " +
                           std::strerror(e) + ")");
    }
    fds[address] = fd;
    return fd;
}

std::vector<Arg> request(const std::string &address, detail::ManagerRequest r)
{
    // Look again for the answer before sleeping (spin.h), unless the server
    // last answered from this CPU: then it waits for us to give the CPU up.
    thread_local detail::SpinBudget replyBudget(5'000, 50'000);
    thread_local std::int64_t serverCpu = -1;
    r.cpu = detail::currentCpu();
    trace::here(RecordKind::ManagerCallBegin, std::int64_t(r.op), 0, r.name + "\n" + r.key);
    detail::ManagerResponse response;
    std::string payload;
    bool ok = false;
    try {
        const int fd = connectionTo(address);
        pollfd answer{fd, POLLIN, 0};
        ok = wire::writeFrame(fd, r.encode());
        if (ok)
            wire::pollBriefly(&answer, 1, int(serverCpu), replyBudget);
        ok = ok &&
             wire::readReplyFrame(fd, &payload, detail::kManagerMaxFrame) == wire::ReadResult::Ok &&
             response.decode(payload);
    } catch (const ProcessError &) {
        trace::here(RecordKind::ManagerCallEnd, std::int64_t(r.op), 1);
        throw;
    }
    serverCpu = ok ? response.cpu : -1;
    trace::here(RecordKind::ManagerCallEnd, std::int64_t(r.op),
                ok && response.status == detail::ManagerResponse::Ok ? 0 : 1);
    if (!ok) {
        dropConnection(address);
        throw ProcessError("the manager's server process is not running (no answer from " +
                           address + ")");
    }
    if (response.status != detail::ManagerResponse::Ok)
        throw ProcessError(response.message);
    return std::move(response.values);
}

} // namespace

// ---- proxies ----

std::string ManagerProxy::handle() const
{
    return "manager:" + std::to_string(m_object) + ":" + m_name + "|" + m_address;
}

bool ManagerProxy::parseHandle(const std::string &handle, std::string *address,
                               std::int64_t *object, std::string *name)
{
    const std::string prefix = "manager:";
    const auto colon = handle.find(':', prefix.size());
    const auto bar = handle.find('|', colon == std::string::npos ? 0 : colon);
    if (handle.rfind(prefix, 0) != 0 || colon == std::string::npos || bar == std::string::npos)
        return false;
    char *end = nullptr;
    const std::string id = handle.substr(prefix.size(), colon - prefix.size());
    *object = std::strtoll(id.c_str(), &end, 10);
    if (id.empty() || *end != '\0')
        return false;
    *name = handle.substr(colon + 1, bar - colon - 1);
    *address = handle.substr(bar + 1);
    return true;
}

std::vector<Arg> ManagerProxy::call(int op, const std::string &key, const Arg &value) const
{
    detail::ManagerRequest r;
    r.op = ManagerOp(op);
    r.object = m_object;
    r.name = m_name;
    r.key = key;
    r.value = value;
    r.traced = trace::messageTracing();
    return request(m_address, r);
}

DictProxy DictProxy::fromHandle(const std::string &handle)
{
    std::string address, name;
    std::int64_t object = 0;
    if (!parseHandle(handle, &address, &object, &name))
        throw ProcessError("not a manager proxy handle: " + handle);
    return DictProxy(address, object, name);
}

void DictProxy::set(const std::string &key, const Arg &value)
{
    call(int(ManagerOp::SetItem), key, value);
}

Arg DictProxy::get(const std::string &key) const
{
    auto v = call(int(ManagerOp::GetItem), key);
    return v.empty() ? Arg() : v.front();
}

std::vector<std::string> DictProxy::keys() const
{
    std::vector<std::string> out;
    for (const Arg &k : call(int(ManagerOp::Keys)))
        out.push_back(k.toString());
    return out;
}

std::int64_t DictProxy::size() const
{
    auto v = call(int(ManagerOp::Len));
    return v.empty() ? 0 : v.front().toInt();
}

ListProxy ListProxy::fromHandle(const std::string &handle)
{
    std::string address, name;
    std::int64_t object = 0;
    if (!parseHandle(handle, &address, &object, &name))
        throw ProcessError("not a manager proxy handle: " + handle);
    return ListProxy(address, object, name);
}

void ListProxy::append(const Arg &value)
{
    call(int(ManagerOp::Append), {}, value);
}

std::vector<Arg> ListProxy::copy() const
{
    return call(int(ManagerOp::Copy));
}

Arg ListProxy::at(std::int64_t index) const
{
    auto v = call(int(ManagerOp::GetItem), std::to_string(index), Arg(index));
    return v.empty() ? Arg() : v.front();
}

std::int64_t ListProxy::size() const
{
    auto v = call(int(ManagerOp::Len));
    return v.empty() ? 0 : v.front().toInt();
}

// ---- the manager ----

void detail::ManagerState::shutdown()
{
    if (!running || ::getpid() != creator)
        return;
    running = false;
    try {
        ManagerRequest r;
        r.op = ManagerOp::Shutdown;
        r.name = name;
        request(address, r);
    } catch (const ProcessError &) {
        // The server is gone already (killed): joining it below reaps it.
    }
    dropConnection(address);
    process->join();
    ::unlink(address.c_str()); // the server removes it; a killed one could not
}

Manager::Manager() : m_state(std::make_shared<detail::ManagerState>())
{
    static int managers = 0;
    m_state->address = run_dir() + "/manager-" + std::to_string(::getpid()) + "-" +
                       std::to_string(++managers) + ".sock";
    sockaddr_un sa{};
    if (m_state->address.size() >= sizeof sa.sun_path)
        throw ProcessError("the run directory's path is too long for a manager socket: " +
                           m_state->address);
    sa.sun_family = AF_UNIX;
    std::strncpy(sa.sun_path, m_state->address.c_str(), sizeof sa.sun_path - 1);
    // Bound and listening before the server starts: proxies may connect at
    // once. Not close-on-exec: a spawned server finds it by number.
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0 ||
        listen(fd, 128) != 0) {
        const int e = errno;
        if (fd >= 0)
            ::close(fd);
        ::unlink(m_state->address.c_str());
        throw ProcessError("Manager() cannot listen on " + m_state->address + ": " +
                           std::strerror(e));
    }
    auto process = std::make_unique<Process>(detail::proclabManagerServer,
                                             Args{std::int64_t(fd), m_state->address});
    // Python names the server after the manager's class and its identity.
    const std::string identity = process->name().substr(std::string("Process-").size());
    m_state->name = "SyncManager-" + identity;
    process->set_name(m_state->name);
    try {
        process->start();
    } catch (...) {
        ::close(fd);
        ::unlink(m_state->address.c_str());
        throw;
    }
    ::close(fd); // the server's now
    m_state->process = std::move(process);
    m_state->creator = ::getpid();
    m_state->running = true;
    trace::here(RecordKind::ObjectDecl, SharedHeap::offsetOf(SharedHeap::allocate(8)),
                std::int64_t(ObjectType::Manager), m_state->name);
    detail::context().finalizers.push_back([state = m_state] { state->shutdown(); });
}

Manager::~Manager()
{
    m_state->shutdown();
}

void Manager::shutdown()
{
    m_state->shutdown();
}

DictProxy Manager::dict(const std::string &name)
{
    detail::ManagerRequest r;
    r.op = ManagerOp::CreateDict;
    r.name = name;
    const auto v = request(m_state->address, r);
    return DictProxy(m_state->address, v.at(0).toInt(), name);
}

ListProxy Manager::list(const std::string &name)
{
    detail::ManagerRequest r;
    r.op = ManagerOp::CreateList;
    r.name = name;
    const auto v = request(m_state->address, r);
    return ListProxy(m_state->address, v.at(0).toInt(), name);
}

std::optional<pid_t> Manager::pid() const
{
    return m_state->process ? m_state->process->pid() : std::nullopt;
}

const std::string &Manager::name() const
{
    return m_state->name;
}

const std::string &Manager::address() const
{
    return m_state->address;
}

} // namespace proclab
