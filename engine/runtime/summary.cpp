#include "summary.h"

#include <cmath>
#include <cstdio>

namespace proclab {

std::string jsonQuote(const std::string &s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}

void Summary::put(const std::string &key, std::string json)
{
    for (auto &f : m_fields)
        if (f.first == key) {
            f.second = std::move(json);
            return;
        }
    m_fields.emplace_back(key, std::move(json));
}

void Summary::set(const std::string &key, std::int64_t v)
{
    put(key, std::to_string(v));
}

void Summary::set(const std::string &key, double v)
{
    if (!std::isfinite(v))
        return put(key, "null");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    put(key, buf);
}

void Summary::set(const std::string &key, bool v)
{
    put(key, v ? "true" : "false");
}
void Summary::set(const std::string &key, const std::string &v)
{
    put(key, jsonQuote(v));
}

void Summary::set(const std::string &key, const std::vector<Summary> &rows)
{
    std::string out = "[";
    for (std::size_t i = 0; i < rows.size(); ++i)
        out += (i ? "," : "") + rows[i].toJson();
    put(key, out + "]");
}

void Summary::runAfterExit()
{
    auto fns = std::move(m_afterExit);
    for (auto &fn : fns)
        fn(*this);
}

std::string Summary::toJson() const
{
    std::string out = "{";
    for (const auto &[k, v] : m_fields)
        out += (out.size() > 1 ? "," : "") + jsonQuote(k) + ":" + v;
    return out + "}";
}

} // namespace proclab
