// The free functions of runtime.h: Python's multiprocessing, os and time
// calls a lab makes besides Process.
#include "runtime.h"

#include "context.h"
#include "reaper.h"
#include "tracewriter.h"

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <unistd.h>

namespace proclab {

using detail::context;

const std::string &current_process_name()
{
    return context().name;
}
pid_t getpid_()
{
    return ::getpid();
}
pid_t getppid_()
{
    return ::getppid();
}
void set_start_method(StartMethod method)
{
    context().method = method;
}
StartMethod start_method()
{
    return context().method;
}

void sleep_ms(std::int64_t ms)
{
    trace::here(RecordKind::SleepBegin, ms);
    timespec until{};
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1'000'000;
    if (until.tv_nsec >= 1'000'000'000) {
        until.tv_sec += 1;
        until.tv_nsec -= 1'000'000'000;
    }
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) == EINTR) {
    }
    trace::here(RecordKind::SleepEnd, ms);
}

std::string run_dir()
{
    const char *d = std::getenv("PROCLAB_RUN_DIR");
    return d ? d : "/tmp";
}

void spin_us(std::int64_t us)
{
    if (us <= 0)
        return; // no pause: not even a clock read (counter-race's default window)
    const std::uint64_t until =
        trace::nowNs() + std::uint64_t(std::max<std::int64_t>(us, 0)) * 1000;
    while (trace::nowNs() < until) {
    }
}

void print_line(std::string_view text)
{
    trace::here(RecordKind::Stdout, 0, 0, text);
}

void exit(int code)
{
    throw SystemExit{code};
}

void os_exit(int code)
{
    trace::here(RecordKind::Exit, code, 0);
    _exit(code & 0xff);
}

void report_error(std::string_view message)
{
    trace::here(RecordKind::Error, 0, 0, message);
}

void report_error_on(pid_t lane, std::string_view message)
{
    trace::write(RecordKind::Error, lane, 0, 0, message);
}

int active_children()
{
    detail::reapFinishedChildren();
    return int(context().children.size());
}

} // namespace proclab
