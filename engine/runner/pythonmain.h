#pragma once
// MainProcess of a Python run: the runner's forked child becomes CPython
// running the user's program, with ProcLab's tracer loaded by sitecustomize
// (resources/python) and the run's ring, shared table and slot in its
// environment. The runner stays above it as subreaper, /proc sampler and
// the one who ends everything on Stop or timeout.

#include "tracering.h"

#include <string>
#include <vector>

namespace proclab {

struct PythonProgram
{
    std::string program;     // the .py file
    std::string interpreter; // python3, or a path
    std::string tracerDir;   // holds sitecustomize.py and proclab_trace/; empty: untraced
    std::string workDir;     // the program's working directory; empty: the runner's
    std::vector<std::string> args;
};

// Never returns: execs the interpreter, or records why it could not and exits 127.
[[noreturn]] void execPythonMain(const PythonProgram &python, const TraceRing &ring, int ringFd,
                                 int auxFd);

} // namespace proclab
