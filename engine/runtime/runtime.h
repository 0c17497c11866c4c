#pragma once
// The calls a lab makes besides Process: what Python's multiprocessing,
// os and time modules give the course's programs. Everything is recorded in
// the trace on the calling process's lane.

#include "affinity.h"
#include "process.h"

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace proclab {

// multiprocessing.current_process().name and os.getpid() / os.getppid()
const std::string &current_process_name();
pid_t getpid_();
pid_t getppid_();

// multiprocessing.set_start_method(): used by every later start() of this process.
void set_start_method(StartMethod method);
StartMethod start_method();

// time.sleep(ms / 1000): traced as a `sleep` interval.
void sleep_ms(std::int64_t ms);

// print(...): the text is captured in the trace (per process, timestamped).
void print_line(std::string_view text);
template <typename... T> void print(const T &...parts)
{
    std::ostringstream out;
    bool first = true;
    ((out << (first ? "" : " ") << parts, first = false), ...);
    print_line(out.str());
}

// sys.exit(code) inside a process body: unwinds to the bootstrap, exitcode = code.
struct SystemExit
{
    int code;
};
[[noreturn]] void exit(int code);

// os._exit(code): ends the calling process AT ONCE. Unlike a return from the
// body or sys.exit(), Python's exit handler does not run: non-daemon children
// are NOT joined (they become orphans) and daemon children are not
// terminated. The exit is still recorded in the trace.
[[noreturn]] void os_exit(int code);

// Records a message the lab wants on its timeline as an `error` event: on the
// caller's lane, or on the lane of process `lane` (a child the caller judges).
void report_error(std::string_view message);
void report_error_on(pid_t lane, std::string_view message);

// The run's private directory: files a lab reads and writes live here; the
// runner removes it after the run.
std::string run_dir();

// Busy-waits `us` microseconds without leaving the CPU: a precise, short
// pause (sleep_ms cannot go below the scheduler's timer slack).
void spin_us(std::int64_t us);

// Reaps finished children (Python's active_children()) and returns how many still run.
int active_children();

} // namespace proclab
