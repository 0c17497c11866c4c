#include "wireframe.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/uio.h>
#include <unistd.h>

namespace proclab::wire {

namespace {

bool writeAll(int fd, const char *p, std::size_t n)
{
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= std::size_t(w);
    }
    return true;
}

// Reads exactly n bytes; returns how many arrived before EOF or an error.
std::size_t readAll(int fd, char *p, std::size_t n)
{
    std::size_t got = 0;
    while (got < n) {
        const ssize_t r = ::read(fd, p + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += std::size_t(r);
    }
    return got;
}

enum Kind : char
{
    KNone = 'n',
    KInt = 'i',
    KString = 's',
    KList = 'l'
};

} // namespace

bool writeFrame(int fd, std::string_view payload)
{
    // One write for small frames: a reader never sees half a header.
    std::string frame(4, '\0');
    const std::uint32_t len = std::uint32_t(payload.size());
    std::memcpy(frame.data(), &len, 4);
    frame.append(payload);
    return writeAll(fd, frame.data(), frame.size());
}

int pollBriefly(pollfd *fds, unsigned long n, int partnerCpu, detail::SpinBudget &budget)
{
    int r = 0;
    budget.lookAgain(
        partnerCpu,
        [&] {
            r = ::poll(fds, nfds_t(n), 0);
            return r > 0 || (r < 0 && errno != EINTR);
        },
        1);
    return r;
}

long readNoWait(int fd, char *p, std::size_t n)
{
    iovec v{p, n};
    for (;;) {
        const ssize_t r = ::preadv2(fd, &v, 1, -1, RWF_NOWAIT);
        if (r >= 0)
            return long(r);
        if (errno == EINTR)
            continue;
        return errno == EAGAIN ? kWouldWait : kCannotTry;
    }
}

ReadResult readFrame(int fd, std::string *payload, std::size_t maxBytes)
{
    char header[4];
    return finishFrame(fd, header, 0, payload, maxBytes);
}

ReadResult readReplyFrame(int fd, std::string *payload, std::size_t maxBytes)
{
    constexpr std::size_t kFirstRead = 4096;
    payload->resize(kFirstRead + 4);
    ssize_t r;
    do {
        r = ::read(fd, payload->data(), payload->size());
    } while (r < 0 && errno == EINTR);
    if (r == 0)
        return ReadResult::Eof;
    if (r < 0)
        return ReadResult::Error;
    std::size_t got = std::size_t(r);
    if (got < 4) {
        char header[4];
        std::memcpy(header, payload->data(), got);
        return finishFrame(fd, header, got, payload, maxBytes);
    }
    std::uint32_t len = 0;
    std::memcpy(&len, payload->data(), 4);
    if (len > maxBytes) {
        errno = EMSGSIZE;
        return ReadResult::Error;
    }
    if (got > 4 + std::size_t(len)) {
        errno = EPROTO;
        return ReadResult::Error;
    }
    payload->erase(0, 4);
    got -= 4;
    payload->resize(len);
    if (got < len && readAll(fd, payload->data() + got, len - got) != len - got) {
        errno = EPROTO;
        return ReadResult::Error;
    }
    return ReadResult::Ok;
}

ReadResult finishFrame(int fd, char header[4], std::size_t have, std::string *payload,
                       std::size_t maxBytes)
{
    const std::size_t got = have + readAll(fd, header + have, 4 - have);
    std::uint32_t len = 0;
    std::memcpy(&len, header, 4);
    if (got == 0)
        return ReadResult::Eof;
    if (got < 4) {
        errno = EPROTO;
        return ReadResult::Error;
    }
    if (len > maxBytes) {
        errno = EMSGSIZE;
        return ReadResult::Error;
    }
    payload->resize(len);
    if (readAll(fd, payload->data(), len) != len) {
        errno = EPROTO;
        return ReadResult::Error;
    }
    return ReadResult::Ok;
}

void putInt(std::int64_t v, std::string *out)
{
    out->append(reinterpret_cast<const char *>(&v), sizeof v);
}

void putString(std::string_view s, std::string *out)
{
    const std::uint32_t len = std::uint32_t(s.size());
    out->append(reinterpret_cast<const char *>(&len), sizeof len);
    out->append(s);
}

void putArg(const Arg &a, std::string *out)
{
    if (a.isNone()) {
        out->push_back(KNone);
    } else if (a.isInt()) {
        out->push_back(KInt);
        putInt(a.toInt(), out);
    } else if (a.isList()) {
        out->push_back(KList);
        putInt(std::int64_t(a.toList().size()), out);
        for (std::int64_t v : a.toList())
            putInt(v, out);
    } else {
        out->push_back(KString);
        putString(a.toString(), out);
    }
}

bool takeInt(std::string_view *in, std::int64_t *out)
{
    if (in->size() < sizeof *out)
        return false;
    std::memcpy(out, in->data(), sizeof *out);
    in->remove_prefix(sizeof *out);
    return true;
}

bool takeString(std::string_view *in, std::string *out)
{
    std::uint32_t len = 0;
    if (in->size() < sizeof len)
        return false;
    std::memcpy(&len, in->data(), sizeof len);
    in->remove_prefix(sizeof len);
    if (in->size() < len)
        return false;
    out->assign(in->data(), len);
    in->remove_prefix(len);
    return true;
}

bool takeArg(std::string_view *in, Arg *out)
{
    if (in->empty())
        return false;
    const char kind = in->front();
    in->remove_prefix(1);
    switch (kind) {
    case KNone:
        *out = Arg();
        return true;
    case KInt: {
        std::int64_t v = 0;
        if (!takeInt(in, &v))
            return false;
        *out = Arg(v);
        return true;
    }
    case KString: {
        std::string s;
        if (!takeString(in, &s))
            return false;
        *out = Arg(std::move(s));
        return true;
    }
    case KList: {
        std::int64_t n = 0;
        if (!takeInt(in, &n) || n < 0 || std::uint64_t(n) > in->size() / sizeof(std::int64_t))
            return false;
        std::vector<std::int64_t> list(std::size_t(n), 0);
        for (auto &v : list)
            takeInt(in, &v);
        *out = Arg(std::move(list));
        return true;
    }
    default:
        return false;
    }
}

} // namespace proclab::wire
