#include "pipe.h"

#include "process.h"
#include "sharedheap.h"
#include "tracewriter.h"
#include "wireframe.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace proclab {

namespace detail {
// Message counters of the two directions, shared by every copy of the ends:
// the nth message sent by end E is the nth one received from it.
// Sender and receiver each touch their own cache line (no line bouncing
// between them at every message).
struct PipeShared
{
    alignas(64) std::atomic<std::uint32_t> sent[2];
    alignas(64) std::atomic<std::uint32_t> received[2];
};
} // namespace detail

namespace {

detail::PipeShared *sharedOf(std::int64_t id)
{
    return static_cast<detail::PipeShared *>(SharedHeap::at(id));
}

PipeItem kindOf(const Arg &a)
{
    if (a.isNone())
        return PipeItem::None;
    if (a.isInt())
        return PipeItem::Int;
    return a.isList() ? PipeItem::List : PipeItem::String;
}

// The item as the trace carries it: integers in b, the rest as text.
std::string traceText(const Arg &a)
{
    if (a.isString())
        return a.toString();
    if (!a.isList())
        return {};
    std::string out;
    for (std::size_t i = 0; i < a.toList().size() && out.size() < 4000; ++i)
        out += (i ? "," : "") + std::to_string(a.toList()[i]);
    return out;
}

std::size_t payloadBytes(const Arg &a)
{
    return a.isList() ? a.toList().size() * sizeof(std::int64_t) : a.toString().size();
}

} // namespace

std::pair<Connection, Connection> Pipe(bool duplex, const std::string &name)
{
    // Python ignores SIGPIPE: a send to a closed reader raises instead of killing.
    signal(SIGPIPE, SIG_IGN);
    void *mem = SharedHeap::allocate(sizeof(detail::PipeShared), alignof(detail::PipeShared));
    new (mem) detail::PipeShared{};
    const std::int64_t id = SharedHeap::offsetOf(mem);
    // Not close-on-exec: a spawned child finds its end by number, as a forked one does.
    int fds[2];
    if (duplex ? socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0 : pipe(fds) != 0)
        throw ProcessError(std::string("Pipe() failed: ") + std::strerror(errno));
    trace::here(RecordKind::ObjectDecl, id, std::int64_t(ObjectType::Pipe), name);
    return {Connection(fds[0], true, duplex, id, 0), Connection(fds[1], duplex, true, id, 1)};
}

Connection::Connection(int fd, bool readable, bool writable, std::int64_t id, int end)
    : m_fd(fd), m_readable(readable), m_writable(writable), m_id(id), m_end(end)
{
}

Connection::~Connection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Connection::Connection(Connection &&o) noexcept
    : m_fd(std::exchange(o.m_fd, -1)), m_readable(o.m_readable), m_writable(o.m_writable),
      m_id(o.m_id), m_end(o.m_end)
{
}

Connection &Connection::operator=(Connection &&o) noexcept
{
    if (this != &o) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(o.m_fd, -1);
        m_readable = o.m_readable;
        m_writable = o.m_writable;
        m_id = o.m_id;
        m_end = o.m_end;
    }
    return *this;
}

void Connection::checkOpen() const
{
    if (m_fd < 0)
        throw ProcessError("handle is closed");
}

void Connection::send(const Arg &item)
{
    checkOpen();
    if (!m_writable)
        throw ProcessError("connection is read-only");
    if (payloadBytes(item) > kMaxItemBytes)
        throw ProcessError("pipe messages are at most " + std::to_string(kMaxItemBytes) +
                           " bytes, got " + std::to_string(payloadBytes(item)));
    std::string payload;
    wire::putArg(item, &payload);
    const std::uint32_t seq = sharedOf(m_id)->sent[m_end].fetch_add(1);
    // Recorded before the write: a waiting reader may record its recv first otherwise.
    if (trace::messageTracing())
        trace::here(RecordKind::PipeSend, packPipe(m_id, m_end, kindOf(item), seq),
                    item.isInt() ? item.toInt() : 0, traceText(item));
    if (!wire::writeFrame(m_fd, payload))
        throw ProcessError(errno == EPIPE ? std::string("broken pipe")
                                          : std::string("send failed: ") + std::strerror(errno));
}

bool Connection::poll(double timeoutSeconds)
{
    checkOpen();
    if (!m_readable)
        throw ProcessError("connection is write-only");
    pollfd p{m_fd, POLLIN, 0};
    const int ms = timeoutSeconds > 0 ? int(timeoutSeconds * 1000.0) : 0;
    int n;
    do
        n = ::poll(&p, 1, ms);
    while (n < 0 && errno == EINTR);
    return n > 0;
}

Arg Connection::recv()
{
    checkOpen();
    if (!m_readable)
        throw ProcessError("connection is write-only");
    // The frame's header, without waiting if it is there (one system call);
    // a recv() that has to wait is recorded as `wait:recv` around the wait.
    const bool traced = trace::messageTracing();
    char header[4];
    std::size_t have = 0;
    bool waiting = false;
    // Untraced, nothing is recorded around a wait: read as Python does.
    const long n = traced ? wire::readNoWait(m_fd, header, sizeof header) : wire::kCannotTry;
    if (n >= 0) {
        have = std::size_t(n);
        if (n == 0) { // end of stream
            trace::here(RecordKind::PipeEof, m_id, m_end);
            throw EOFError();
        }
    } else if (n == wire::kWouldWait) {
        waiting = traced;
    } else if (traced) { // cannot be read without waiting here: poll first
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, 0) == 0) {
            trace::here(RecordKind::PipeWait, m_id, 1);
            int r;
            do
                r = ::poll(&p, 1, -1);
            while (r < 0 && errno == EINTR);
            trace::here(RecordKind::PipeWait, m_id, 0);
        }
    }
    if (waiting) {
        trace::here(RecordKind::PipeWait, m_id, 1);
        // Blocks until the first bytes arrive (or the end of the stream).
        long r;
        do
            r = ::read(m_fd, header, sizeof header);
        while (r < 0 && errno == EINTR);
        trace::here(RecordKind::PipeWait, m_id, 0);
        if (r < 0)
            throw ProcessError(std::string("recv failed: ") + std::strerror(errno));
        if (r == 0) {
            trace::here(RecordKind::PipeEof, m_id, m_end);
            throw EOFError();
        }
        have = std::size_t(r);
    }
    std::string payload;
    switch (wire::finishFrame(m_fd, header, have, &payload, kMaxItemBytes + 64)) {
    case wire::ReadResult::Eof:
        trace::here(RecordKind::PipeEof, m_id, m_end);
        throw EOFError();
    case wire::ReadResult::Error:
        throw ProcessError(std::string("recv failed: ") + std::strerror(errno));
    case wire::ReadResult::Ok:
        break;
    }
    std::string_view in(payload);
    Arg item;
    if (!wire::takeArg(&in, &item))
        throw ProcessError("recv failed: a message that is not a ProcLab item");
    const int from = 1 - m_end;
    const std::uint32_t seq = sharedOf(m_id)->received[from].fetch_add(1);
    if (trace::messageTracing())
        trace::here(RecordKind::PipeRecv, packPipe(m_id, from, kindOf(item), seq),
                    item.isInt() ? item.toInt() : 0, traceText(item));
    return item;
}

void Connection::close()
{
    if (m_fd < 0)
        return;
    // Recorded first: the peer may see EOF (and record it) the moment the fd closes.
    trace::here(RecordKind::PipeClose, m_id, m_end);
    ::close(m_fd);
    m_fd = -1;
}

std::string Connection::handle() const
{
    checkOpen();
    return "pipe:" + std::to_string(m_fd) + ":" + (m_readable ? "r" : "-") +
           (m_writable ? "w" : "-") + ":" + std::to_string(m_id) + ":" + std::to_string(m_end);
}

Connection Connection::fromHandle(const std::string &handle)
{
    int fd = -1, end = 0;
    char mode[3] = {};
    long long id = 0;
    if (std::sscanf(handle.c_str(), "pipe:%d:%2[rw-]:%lld:%d", &fd, mode, &id, &end) != 4 ||
        fd < 0 || (end != 0 && end != 1))
        throw ProcessError("not a pipe handle: " + handle);
    return Connection(fd, mode[0] == 'r', mode[1] == 'w', id, end);
}

} // namespace proclab
