#pragma once
// Length-prefixed frames on a stream file descriptor (pipe, socketpair, Unix
// socket), and the binary form of an Arg inside them. Pipe connections and the
// Manager's protocol use these: a frame is a 4-byte length, then the payload.
//
// Errors: writeFrame() returns false with errno set (EPIPE when the reader is
// gone); readFrame() tells a clean end of stream (Eof, nothing read) from a
// stream cut inside a frame or a frame over the limit (Error, errno set).

#include "args.h"
#include "spin.h"

#include <cstdint>
#include <poll.h>
#include <string>
#include <string_view>

namespace proclab::wire {

enum class ReadResult
{
    Ok,
    Eof,
    Error
};

bool writeFrame(int fd, std::string_view payload);
ReadResult readFrame(int fd, std::string *payload, std::size_t maxBytes);

// readFrame() for a request-reply stream, where the peer sends nothing more
// until it is answered: the header and a payload of up to 4 KiB arrive in one
// system call (readFrame makes two). Bytes beyond the frame break that rule:
// Error, EPROTO.
ReadResult readReplyFrame(int fd, std::string *payload, std::size_t maxBytes);

// Reads up to n bytes that are already there, never waiting (one system call,
// preadv2 RWF_NOWAIT): how many (0: end of stream), kWouldWait when nothing is
// there yet, kCannotTry when this descriptor cannot be read that way (kernels
// before 5.x for pipes): then the caller waits with poll() as before.
inline constexpr long kWouldWait = -1;
inline constexpr long kCannotTry = -2;
long readNoWait(int fd, char *p, std::size_t n);
// readFrame() for a frame whose first `have` header bytes (0-4) are in `header`.
ReadResult finishFrame(int fd, char header[4], std::size_t have, std::string *payload,
                       std::size_t maxBytes);

// poll() with a timeout of zero, again and again while `budget` allows
// (spin.h; not at all when the partner was last seen on this CPU,
// `partnerCpu`): whether some descriptor became ready (poll's count, revents
// filled in) or 0 when it did not; the caller then blocks as before.
// A request-reply partner (a Manager's server and its proxy) usually answers
// within a few microseconds from the other core.
int pollBriefly(pollfd *fds, unsigned long n, int partnerCpu, detail::SpinBudget &budget);

void putArg(const Arg &a, std::string *out);
void putInt(std::int64_t v, std::string *out);
void putString(std::string_view s, std::string *out);

// Readers consume from the front of `in`; false when it is malformed or short.
bool takeArg(std::string_view *in, Arg *out);
bool takeInt(std::string_view *in, std::int64_t *out);
bool takeString(std::string_view *in, std::string *out);

} // namespace proclab::wire
