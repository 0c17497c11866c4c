#include "args.h"

#include <cerrno>
#include <cstdlib>

namespace proclab {

std::string Arg::encode() const
{
    if (m_isNone)
        return "n:";
    return m_isInt ? "i:" + std::to_string(m_int) : "s:" + m_text;
}

bool Arg::decode(std::string_view text, Arg *out)
{
    if (text.size() < 2 || text[1] != ':')
        return false;
    const std::string body(text.substr(2));
    if (text[0] == 'n') {
        *out = Arg();
        return true;
    }
    if (text[0] == 's') {
        *out = Arg(body);
        return true;
    }
    if (text[0] != 'i' || body.empty())
        return false;
    errno = 0;
    char *end = nullptr;
    const long long v = std::strtoll(body.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE)
        return false;
    *out = Arg(std::int64_t(v));
    return true;
}

} // namespace proclab
