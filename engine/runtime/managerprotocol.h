#pragma once
// The Manager's wire protocol (internal to engine/runtime): one request frame
// from a proxy, one response frame from the server, on a Unix-domain stream
// socket (see wireframe.h for framing).

#include "args.h"
#include "tracerecord.h"

#include <cstdint>
#include <string>
#include <vector>

namespace proclab::detail {

struct ManagerRequest
{
    ManagerOp op = ManagerOp::Len;
    std::int64_t object = -1; // server-side id; -1 for CreateDict/CreateList/Shutdown
    std::string name;         // the object's name (for the trace)
    std::string key;
    Arg value;
    bool traced = true; // the server records this request (off while a lab measures)
    std::int64_t cpu = -1; // the sender's CPU: the server looks again for the next one only elsewhere

    std::string encode() const;
    bool decode(std::string_view in);
};

struct ManagerResponse
{
    enum Status : std::int64_t
    {
        Ok = 0,
        KeyError = 1,
        Failed = 2
    };
    Status status = Ok;
    std::string message;     // Python's exception text when status != Ok
    std::vector<Arg> values; // GetItem/Len/Create: one; Keys/Copy: all
    std::int64_t cpu = -1;   // the server's CPU (see ManagerRequest::cpu)

    std::string encode() const;
    bool decode(std::string_view in);
};

inline constexpr std::size_t kManagerMaxFrame = 1u << 20;

} // namespace proclab::detail
