#pragma once
// The CPython extension `proclab_trace._native`: the tracer's fast path. It
// writes the runtime's own trace records (tracewriter.h) into this process's
// slot of the run's ring, so a Python run decodes with the host's existing
// code. Built against the limited C API (abi3, CPython >= 3.10); the tracer
// falls back to pure Python where it cannot be loaded.
//
// Every Python-visible function runs with the GIL held, which is what makes
// the single-writer slot safe in a multi-threaded Python process (the manager
// server's threads, a Queue's feeder thread).

#define Py_LIMITED_API 0x030A0000
#include <Python.h>

#include "auxtable.h"
#include "tracerecord.h"
#include "tracering.h"

#include <cstdint>
#include <string_view>
#include <sys/types.h>

namespace proclab::pytrace {

struct NativeState
{
    TraceRing ring;
    AuxTable aux;
    PyObject *fileFilter = nullptr; // callable(filename) -> file id (0: not the user's code)
    PyObject *valueKey = nullptr;   // callable(synchronized) -> key (also declares the object)
};
NativeState &state();

// The innermost frame of the user's program on the Python stack, skipping the
// standard library and the tracer. false when there is none.
bool userLocation(int *fileId, int *line);

// Writes a SourceLoc (when the user's code is on the stack) and the record,
// both stamped `tNs` (0: now). lane 0: this process's own lane.
void writeLocated(RecordKind kind, pid_t lane, std::int64_t a, std::int64_t b,
                  std::string_view text = {}, std::uint64_t tNs = 0);

// The descriptor installed as multiprocessing.sharedctypes.Synchronized.value.
PyObject *newValueDescriptorType(PyObject *module);

} // namespace proclab::pytrace
