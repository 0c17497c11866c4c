#include "ticketfile.h"

#include "tracewriter.h"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <unistd.h>

namespace proclab::labs {

TicketFile::TicketFile(std::string path)
    : m_path(std::move(path)), m_id(std::int64_t(std::hash<std::string>{}(m_path)&0x7fffffff))
{
    trace::here(RecordKind::ObjectDecl, m_id, std::int64_t(ObjectType::File), "tickets.json");
}

std::int64_t TicketFile::read() const
{
    std::int64_t count = -1;
    const int fd = open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        char buf[128] = {};
        const ssize_t n = ::read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n > 0 &&
            std::sscanf(buf, " { \"count\" : %lld", reinterpret_cast<long long *>(&count)) != 1)
            count = -1;
    }
    trace::here(RecordKind::Read, packValue(std::int32_t(count), 0), m_id);
    return count;
}

void TicketFile::write(std::int64_t count) const
{
    char buf[64];
    const int len =
        std::snprintf(buf, sizeof buf, "{\"count\": %lld}\n", static_cast<long long>(count));
    const int fd = open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        (void)!::write(fd, buf, std::size_t(len));
        close(fd);
    }
    trace::here(RecordKind::Write, packValue(std::int32_t(count), 0), m_id);
}

} // namespace proclab::labs
