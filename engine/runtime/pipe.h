#pragma once
// multiprocessing.Pipe(duplex) and its Connection ends, on real file
// descriptors: a socketpair when duplex (either end sends and receives), a
// pipe(2) otherwise (the first end only receives, the second only sends, as
// in Python). Messages are framed (4-byte length, then the item), so one
// send() is always one recv().
//
// Items are what Arg holds: integers, strings of at most kMaxItemBytes,
// None and lists of integers. Every send and recv is recorded (`send` /
// `recv` with the item) on the caller's lane; a recv() that has to wait is a
// `wait:recv` interval; close() and the EOF a reader meets are recorded too.
//
// Errors (ProcessError, with Python's message): send() on a receive-only end
// "connection is read-only", recv() on a send-only end "connection is
// write-only", any use after close() "handle is closed", send() to an end
// nobody can read any more "broken pipe". recv() on an end whose peer is
// closed (every copy, in every process) and that is drained throws EOFError.
//
// An end passes to a child as handle() (a string argument); the child makes
// its own Connection with fromHandle(). As in Python, a process should close
// the ends it does not use: a reader sees EOF only when every copy of the
// other end is closed.

#include "args.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace proclab {

struct EOFError : std::runtime_error
{
    EOFError() : std::runtime_error("EOFError") {}
};

namespace detail {
struct PipeShared;
}

class Connection
{
public:
    static constexpr std::size_t kMaxItemBytes = 4096;

    Connection() = default; // a closed end
    ~Connection();
    Connection(Connection &&o) noexcept;
    Connection &operator=(Connection &&o) noexcept;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    void send(const Arg &item);
    Arg recv();
    // True when recv() would not block (a message or EOF is there); waits up
    // to timeoutSeconds for one.
    bool poll(double timeoutSeconds = 0.0);
    void close();

    bool closed() const { return m_fd < 0; }
    bool readable() const { return m_readable; }
    bool writable() const { return m_writable; }

    // Passing an end to a child process: Process(fn, Args{conn.handle()}),
    // then Connection::fromHandle(args.at(0).toString()) in the child.
    std::string handle() const;
    static Connection fromHandle(const std::string &handle);

private:
    friend std::pair<Connection, Connection> Pipe(bool duplex, const std::string &name);
    Connection(int fd, bool readable, bool writable, std::int64_t id, int end);
    void checkOpen() const;

    int m_fd = -1;
    bool m_readable = false;
    bool m_writable = false;
    std::int64_t m_id = 0; // the pipe's shared-heap offset: its trace id
    int m_end = 0;         // 0 = first end returned by Pipe(), 1 = second
};

// Python: conn1, conn2 = Pipe(duplex=True); with duplex=False conn1 only
// receives and conn2 only sends. `name` labels the pipe in the trace.
std::pair<Connection, Connection> Pipe(bool duplex = true, const std::string &name = "pipe");

} // namespace proclab
