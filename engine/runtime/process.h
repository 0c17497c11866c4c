#pragma once
// multiprocessing.Process for C++ lab code. Each call mirrors the Python one
// (docs/SEMANTICS.md) and records what it does in the trace.
//
// Errors: misuse throws ProcessError with Python's message ("cannot start a
// process twice", ...); the error is also recorded as an `error` event on the
// calling process's lane. System failures (fork refused, process cap reached)
// throw ProcessError too, naming the cause.

#include "args.h"
#include "tracerecord.h"

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/types.h>

namespace proclab {

// Thrown for every misuse and failure the runtime reports. Constructing one
// records it in the trace, so an error is visible even when a lab catches it.
class ProcessError : public std::runtime_error
{
public:
    explicit ProcessError(const std::string &message);
};

using TargetFn = void (*)(const Args &);

// Functions and Process subclasses that a spawned (fresh) image must find by
// name, as Python pickles a function by its qualified name. Register at
// namespace scope with PROCLAB_TARGET / PROCLAB_PROCESS_CLASS.
class Process;
using ProcessFactory = std::unique_ptr<Process> (*)(const Args &);
bool registerTarget(const char *name, TargetFn fn);
bool registerProcessClass(const char *name, ProcessFactory factory);

#define PROCLAB_TARGET(fn)                                                                         \
    [[maybe_unused]] static const bool proclab_target_##fn = ::proclab::registerTarget(#fn, &fn)
#define PROCLAB_PROCESS_CLASS(Cls)                                                                 \
    [[maybe_unused]] static const bool proclab_class_##Cls = ::proclab::registerProcessClass(      \
        #Cls, [](const ::proclab::Args &a) -> std::unique_ptr<::proclab::Process> {                \
            return std::make_unique<Cls>(a);                                                       \
        })

namespace detail {
struct ChildState;
}

class Process
{
public:
    // Python: Process(target=fn, args=(...), name=None, daemon=None)
    explicit Process(TargetFn target, Args args = {}, std::string name = {},
                     std::optional<bool> daemon = std::nullopt);
    virtual ~Process();
    Process(Process &&) noexcept;
    Process &operator=(Process &&) noexcept;
    Process(const Process &) = delete;
    Process &operator=(const Process &) = delete;

    void start();
    // Waits for the process to end, at most `timeoutSeconds`. Returns either
    // way: check exitcode() or is_alive() afterwards, as in Python.
    void join(std::optional<double> timeoutSeconds = std::nullopt);
    bool is_alive();
    void terminate(); // SIGTERM through a pidfd; does not wait
    void kill();      // SIGKILL through a pidfd; does not wait
    // The process's body. Called directly, it runs in the CALLING process.
    virtual void run();

    std::optional<pid_t> pid() const;
    // nullopt while running; polls (and so may reap) like Python's property.
    std::optional<int> exitcode();
    const std::string &name() const;
    void set_name(std::string name);
    bool daemon() const;
    void set_daemon(bool daemon); // ProcessError "process has already started" after start()

protected:
    // For subclasses that override run().
    explicit Process(Args args = {}, std::string name = {},
                     std::optional<bool> daemon = std::nullopt);
    const Args &args() const;
    // The name a subclass was registered under with PROCLAB_PROCESS_CLASS;
    // needed only to start it with the spawn method.
    virtual const char *spawnClass() const { return nullptr; }

private:
    friend int runSpawnedChild(int argc, char **argv);
    void markAsCurrent(); // in the child: this object describes the calling process
    pid_t startForked(std::uint32_t slot);
    pid_t startSpawned(std::uint32_t slot);

    TargetFn m_target = nullptr;
    Args m_args;
    std::shared_ptr<detail::ChildState> m_state;
};

namespace detail {
// For a spawned image (runSpawnedChild): a new object of the process class
// registered as `cls`, else one running the target registered as `target`;
// nullptr and *error naming what is missing when neither is registered.
std::unique_ptr<Process> makeRegistered(const std::string &cls, const std::string &target,
                                        const Args &args, std::string *error);
} // namespace detail

} // namespace proclab
