#include "args.h"

#include <cerrno>
#include <cstdlib>

namespace proclab {

std::string Arg::encode() const
{
    if (m_isNone)
        return "n:";
    if (m_isList) {
        std::string out = "l:";
        for (std::size_t i = 0; i < m_list.size(); ++i)
            out += (i ? "," : "") + std::to_string(m_list[i]);
        return out;
    }
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
    auto parseInt = [](const std::string &t, std::int64_t *v) {
        if (t.empty())
            return false;
        errno = 0;
        char *end = nullptr;
        const long long n = std::strtoll(t.c_str(), &end, 10);
        if (*end != '\0' || errno == ERANGE)
            return false;
        *v = std::int64_t(n);
        return true;
    };
    if (text[0] == 'l') {
        std::vector<std::int64_t> list;
        std::size_t from = 0;
        while (from < body.size()) {
            std::size_t comma = body.find(',', from);
            if (comma == std::string::npos)
                comma = body.size();
            std::int64_t v = 0;
            if (!parseInt(body.substr(from, comma - from), &v))
                return false;
            list.push_back(v);
            from = comma + 1;
        }
        *out = Arg(std::move(list));
        return true;
    }
    std::int64_t v = 0;
    if (text[0] != 'i' || !parseInt(body, &v))
        return false;
    *out = Arg(v);
    return true;
}

std::string Arg::repr() const
{
    if (m_isNone)
        return "None";
    if (m_isInt)
        return std::to_string(m_int);
    if (m_isList) {
        std::string out = "[";
        for (std::size_t i = 0; i < m_list.size(); ++i)
            out += (i ? ", " : "") + std::to_string(m_list[i]);
        return out + "]";
    }
    return "'" + m_text + "'";
}

} // namespace proclab
