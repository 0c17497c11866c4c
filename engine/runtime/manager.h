#pragma once
// multiprocessing.Manager(): a SERVER process (its own lane, "SyncManager-1")
// that holds dicts and lists; proxies in any lab process talk to it over a
// Unix-domain socket in the run's directory. Every proxy call is recorded on
// the caller's lane as a `manager:call` interval (args op, object, key) and on
// the server's lane as a `manager:serve` marker.
//
// As in Python, a proxy returns COPIES: d.get("l") is a list value, and
// changing that copy does not change the dict until it is assigned back with
// d.set("l", copy).
//
// The server is an ordinary lab process: counted against the process cap, in
// the lab's process group, killed with it on Stop. It is shut down (and
// joined, and its socket file removed) by shutdown(), by the Manager's
// destructor, or at the latest when the process that started it exits,
// before that process joins its other children (Python's finalizer).
//
// Errors (ProcessError): a missing key "KeyError: 'key'"; a server that is
// gone "the manager's server process is not running"; the process cap as for
// any Process.

#include "args.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace proclab {

namespace detail {
struct ManagerState;
}

// A proxy's address: where the server listens and which object it means.
class ManagerProxy
{
public:
    std::string handle() const; // for Process args; the child calls fromHandle()

protected:
    ManagerProxy(std::string address, std::int64_t object, std::string name)
        : m_address(std::move(address)), m_object(object), m_name(std::move(name))
    {
    }
    static bool parseHandle(const std::string &handle, std::string *address, std::int64_t *object,
                            std::string *name);
    // One request and its answer; throws ProcessError for an error the server raised.
    std::vector<Arg> call(int op, const std::string &key = {}, const Arg &value = {}) const;

    std::string m_address;
    std::int64_t m_object;
    std::string m_name;
};

class DictProxy : public ManagerProxy
{
public:
    static DictProxy fromHandle(const std::string &handle);

    void set(const std::string &key, const Arg &value); // d[key] = value
    Arg get(const std::string &key) const;              // d[key]: a copy; KeyError if absent
    std::vector<std::string> keys() const;              // in insertion order
    std::int64_t size() const;                          // len(d)

private:
    friend class Manager;
    using ManagerProxy::ManagerProxy;
};

class ListProxy : public ManagerProxy
{
public:
    static ListProxy fromHandle(const std::string &handle);

    void append(const Arg &value);
    Arg at(std::int64_t index) const; // l[index]: a copy; "IndexError: ..." if out of range
    std::vector<Arg> copy() const;    // list(l)
    std::int64_t size() const;        // len(l)

private:
    friend class Manager;
    using ManagerProxy::ManagerProxy;
};

class Manager
{
public:
    Manager(); // starts the server process and returns once it accepts connections
    ~Manager();
    Manager(const Manager &) = delete;
    Manager &operator=(const Manager &) = delete;

    DictProxy dict(const std::string &name = "dict");
    ListProxy list(const std::string &name = "list");

    void shutdown(); // stops and joins the server, removes its socket; idempotent
    std::optional<pid_t> pid() const;
    const std::string &name() const;    // "SyncManager-1"
    const std::string &address() const; // the socket's path

private:
    std::shared_ptr<detail::ManagerState> m_state;
};

} // namespace proclab
