#include "managerprotocol.h"

#include "wireframe.h"

namespace proclab::detail {

std::string ManagerRequest::encode() const
{
    std::string out;
    wire::putInt(std::int64_t(op), &out);
    wire::putInt(object, &out);
    wire::putString(name, &out);
    wire::putString(key, &out);
    wire::putArg(value, &out);
    wire::putInt(traced ? 1 : 0, &out);
    wire::putInt(cpu, &out);
    return out;
}

bool ManagerRequest::decode(std::string_view in)
{
    std::int64_t o = 0, t = 0;
    if (!wire::takeInt(&in, &o) || !wire::takeInt(&in, &object) || !wire::takeString(&in, &name) ||
        !wire::takeString(&in, &key) || !wire::takeArg(&in, &value) || !wire::takeInt(&in, &t) ||
        !wire::takeInt(&in, &cpu))
        return false;
    op = ManagerOp(o);
    traced = t != 0;
    return true;
}

std::string ManagerResponse::encode() const
{
    std::string out;
    wire::putInt(std::int64_t(status), &out);
    wire::putInt(cpu, &out);
    wire::putString(message, &out);
    wire::putInt(std::int64_t(values.size()), &out);
    for (const Arg &v : values)
        wire::putArg(v, &out);
    return out;
}

bool ManagerResponse::decode(std::string_view in)
{
    std::int64_t s = 0, n = 0;
    if (!wire::takeInt(&in, &s) || !wire::takeInt(&in, &cpu) || !wire::takeString(&in, &message) ||
        !wire::takeInt(&in, &n) ||
        n < 0 || std::uint64_t(n) > in.size())
        return false;
    status = Status(s);
    values.assign(std::size_t(n), Arg());
    for (Arg &v : values)
        if (!wire::takeArg(&in, &v))
            return false;
    return true;
}

} // namespace proclab::detail
