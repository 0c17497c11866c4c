#pragma once
// Every process below `ancestor` in the process tree, found from /proc (ppid
// chains). The runner is the child subreaper of a run, so every process a
// run ever started is below it until it is reaped, also one that left the
// lab's process group with setsid(): killing these and the group leaves
// nothing behind.

#include <sys/types.h>
#include <vector>

namespace proclab {

std::vector<pid_t> descendantsOf(pid_t ancestor);
// SIGKILLs them all; returns how many there were.
std::size_t killDescendants(pid_t ancestor);

} // namespace proclab
