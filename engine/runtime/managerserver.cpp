#include "managerserver.h"

#include "managerprotocol.h"
#include "process.h"
#include "tracewriter.h"
#include "wireframe.h"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace proclab::detail {

namespace {

struct SharedObject
{
    std::string name;
    bool isDict = true;
    std::vector<std::pair<std::string, Arg>> items; // a dict keeps insertion order
    std::vector<Arg> list;
};

class Server
{
public:
    ManagerResponse handle(const ManagerRequest &r);
    bool stopping() const { return m_stop; }

private:
    SharedObject *object(const ManagerRequest &r, bool dict, ManagerResponse *out);
    std::vector<SharedObject> m_objects;
    bool m_stop = false;
};

ManagerResponse failed(std::string message)
{
    ManagerResponse out;
    out.status = ManagerResponse::Failed;
    out.message = std::move(message);
    return out;
}

SharedObject *Server::object(const ManagerRequest &r, bool dict, ManagerResponse *out)
{
    if (r.object < 0 || r.object >= std::int64_t(m_objects.size())) {
        *out = failed("no shared object with id " + std::to_string(r.object));
        return nullptr;
    }
    SharedObject &o = m_objects[std::size_t(r.object)];
    if (o.isDict != dict) {
        *out = failed(std::string("'") + (o.isDict ? "dict" : "list") + "' object has no method " +
                      managerOpName(r.op));
        return nullptr;
    }
    return &o;
}

ManagerResponse Server::handle(const ManagerRequest &r)
{
    ManagerResponse out;
    switch (r.op) {
    case ManagerOp::CreateDict:
    case ManagerOp::CreateList:
        m_objects.push_back(SharedObject{r.name, r.op == ManagerOp::CreateDict, {}, {}});
        out.values.push_back(Arg(std::int64_t(m_objects.size() - 1)));
        break;
    case ManagerOp::SetItem:
        if (SharedObject *o = object(r, true, &out)) {
            for (auto &item : o->items)
                if (item.first == r.key) {
                    item.second = r.value;
                    return out;
                }
            o->items.emplace_back(r.key, r.value);
        }
        break;
    case ManagerOp::GetItem:
        if (r.object >= 0 && r.object < std::int64_t(m_objects.size()) &&
            !m_objects[std::size_t(r.object)].isDict) {
            const auto &list = m_objects[std::size_t(r.object)].list;
            const std::int64_t i = r.value.toInt();
            if (r.value.isInt() && i >= 0 && i < std::int64_t(list.size())) {
                out.values.push_back(list[std::size_t(i)]);
            } else {
                out.status = ManagerResponse::KeyError;
                out.message = "IndexError: list index out of range";
            }
        } else if (SharedObject *o = object(r, true, &out)) {
            for (const auto &item : o->items)
                if (item.first == r.key) {
                    out.values.push_back(item.second);
                    return out;
                }
            out.status = ManagerResponse::KeyError;
            out.message = "KeyError: '" + r.key + "'";
        }
        break;
    case ManagerOp::Keys:
        if (SharedObject *o = object(r, true, &out))
            for (const auto &item : o->items)
                out.values.push_back(Arg(item.first));
        break;
    case ManagerOp::Len:
        if (r.object >= 0 && r.object < std::int64_t(m_objects.size())) {
            const SharedObject &o = m_objects[std::size_t(r.object)];
            out.values.push_back(Arg(std::int64_t(o.isDict ? o.items.size() : o.list.size())));
        } else {
            out = failed("no shared object with id " + std::to_string(r.object));
        }
        break;
    case ManagerOp::Append:
        if (SharedObject *o = object(r, false, &out))
            o->list.push_back(r.value);
        break;
    case ManagerOp::Copy:
        if (SharedObject *o = object(r, false, &out))
            out.values = o->list;
        break;
    case ManagerOp::Shutdown:
        m_stop = true;
        break;
    default:
        out = failed("unknown manager request " + std::to_string(std::int64_t(r.op)));
    }
    return out;
}

pid_t peerPid(int fd)
{
    ucred cred{};
    socklen_t len = sizeof cred;
    return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 ? cred.pid : 0;
}

} // namespace

void proclabManagerServer(const Args &args)
{
    const int listenFd = int(args.at(0).toInt());
    const std::string path = args.at(1).toString();
    Server server;
    std::vector<pollfd> fds{{listenFd, POLLIN, 0}};
    std::vector<pid_t> peers{0};
    // Look again for the next request before sleeping (spin.h), unless the
    // last one came from this CPU: that client waits for us to give it up.
    detail::SpinBudget nextRequest(5'000, 50'000);
    std::int64_t lastClientCpu = -1;
    while (!server.stopping()) {
        if (wire::pollBriefly(fds.data(), fds.size(), int(lastClientCpu), nextRequest) == 0 &&
            ::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR)
                continue;
            throw ProcessError("manager server: poll failed");
        }
        for (std::size_t i = fds.size(); i-- > 1 && !server.stopping();) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            std::string payload;
            ManagerRequest request;
            if (wire::readReplyFrame(fds[i].fd, &payload, kManagerMaxFrame) !=
                    wire::ReadResult::Ok ||
                !request.decode(payload)) {
                ::close(fds[i].fd); // the proxy's process ended (or spoke nonsense)
                fds.erase(fds.begin() + std::ptrdiff_t(i));
                peers.erase(peers.begin() + std::ptrdiff_t(i));
                continue;
            }
            if (request.traced)
                trace::here(RecordKind::ManagerServe, std::int64_t(request.op), peers[i],
                            request.name + "\n" + request.key);
            ManagerResponse response = server.handle(request);
            response.cpu = currentCpu();
            lastClientCpu = request.cpu;
            wire::writeFrame(fds[i].fd, response.encode());
        }
        if (fds[0].revents & POLLIN) {
            const int client = accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) {
                fds.push_back({client, POLLIN, 0});
                peers.push_back(peerPid(client));
            }
        }
    }
    for (const pollfd &p : fds)
        ::close(p.fd);
    ::unlink(path.c_str());
}

// A spawned server finds its body by this name.
PROCLAB_TARGET(proclabManagerServer);

} // namespace proclab::detail
