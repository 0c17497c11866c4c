// proclab_trace._native: the functions the Python side of the tracer calls.
#include "native.h"

#include "slotpool.h"
#include "tracewriter.h"

#include <csignal>
#include <unistd.h>

namespace proclab::pytrace {

NativeState &state()
{
    static NativeState s;
    return s;
}

namespace {

bool longArg(PyObject *const *args, Py_ssize_t n, Py_ssize_t i, long long *out)
{
    if (i >= n)
        return true; // optional, keeps its default
    *out = PyLong_AsLongLong(args[i]);
    return !(*out == -1 && PyErr_Occurred());
}

bool needArgs(Py_ssize_t n, Py_ssize_t min, Py_ssize_t max, const char *name)
{
    if (n >= min && n <= max)
        return true;
    PyErr_Format(PyExc_TypeError, "%s() takes %zd to %zd arguments (%zd given)", name, min, max,
                 n);
    return false;
}

PyObject *attach(PyObject *, PyObject *const *args, Py_ssize_t n)
{
    long long ringFd = -1, auxFd = -1;
    if (!needArgs(n, 2, 2, "attach") || !longArg(args, n, 0, &ringFd) ||
        !longArg(args, n, 1, &auxFd))
        return nullptr;
    NativeState &s = state();
    if (!s.ring.valid() && !TraceRing::attach(int(ringFd), &s.ring))
        return PyErr_SetFromErrno(PyExc_OSError);
    if (!s.aux.valid() && auxFd >= 0 && !s.aux.attach(int(auxFd)))
        return PyErr_SetFromErrno(PyExc_OSError);
    Py_RETURN_NONE;
}

PyObject *bind(PyObject *, PyObject *arg)
{
    const long slot = PyLong_AsLong(arg);
    if (slot == -1 && PyErr_Occurred())
        return nullptr;
    if (!state().ring.valid() || slot < 0 || std::uint32_t(slot) >= state().ring.header()->slotCount)
        return PyErr_Format(PyExc_ValueError, "no ring slot %ld", slot);
    trace::bind(state().ring, std::uint32_t(slot)); // also makes this pid the slot's owner
    Py_RETURN_NONE;
}

PyObject *reserveSlot(PyObject *, PyObject *)
{
    return PyLong_FromLong(reservePooledSlot(state().ring));
}

PyObject *setSlotOwnerPy(PyObject *, PyObject *const *args, Py_ssize_t n)
{
    long long slot = 0, pid = 0;
    if (!needArgs(n, 2, 2, "set_slot_owner") || !longArg(args, n, 0, &slot) ||
        !longArg(args, n, 1, &pid))
        return nullptr;
    setSlotOwner(state().ring, std::uint32_t(slot), pid_t(pid));
    Py_RETURN_NONE;
}

PyObject *releaseSlot(PyObject *, PyObject *arg)
{
    const long pid = PyLong_AsLong(arg);
    if (pid == -1 && PyErr_Occurred())
        return nullptr;
    return PyBool_FromLong(releaseSlotOf(state().ring, pid_t(pid)));
}

PyObject *slotsInUse(PyObject *, PyObject *)
{
    return PyLong_FromUnsignedLong(pooledSlotsInUse(state().ring));
}

bool textArg(PyObject *const *args, Py_ssize_t n, Py_ssize_t i, std::string_view *out)
{
    if (i >= n || args[i] == Py_None)
        return true;
    Py_ssize_t len = 0;
    const char *p = PyUnicode_AsUTF8AndSize(args[i], &len);
    if (!p)
        return false;
    *out = std::string_view(p, std::size_t(len));
    return true;
}

// write(kind, a=0, b=0, text=None, lane=0, located=1, t=0)
PyObject *writePy(PyObject *, PyObject *const *args, Py_ssize_t n)
{
    long long kind = 0, a = 0, b = 0, lane = 0, located = 1, t = 0;
    std::string_view text;
    if (!needArgs(n, 1, 7, "write") || !longArg(args, n, 0, &kind) || !longArg(args, n, 1, &a) ||
        !longArg(args, n, 2, &b) || !textArg(args, n, 3, &text) || !longArg(args, n, 4, &lane) ||
        !longArg(args, n, 5, &located) || !longArg(args, n, 6, &t))
        return nullptr;
    if (located)
        writeLocated(RecordKind(kind), pid_t(lane), a, b, text, std::uint64_t(t));
    else
        trace::write(RecordKind(kind), lane ? pid_t(lane) : trace::boundPid(), a, b, text,
                     std::uint64_t(t));
    Py_RETURN_NONE;
}

// write_at(file, line, kind, a=0, b=0, text=None, lane=0): located at a
// given line (an exception's, read from its traceback)
PyObject *writeAt(PyObject *, PyObject *const *args, Py_ssize_t n)
{
    long long file = 0, line = 0, kind = 0, a = 0, b = 0, lane = 0;
    std::string_view text;
    if (!needArgs(n, 3, 7, "write_at") || !longArg(args, n, 0, &file) ||
        !longArg(args, n, 1, &line) || !longArg(args, n, 2, &kind) || !longArg(args, n, 3, &a) ||
        !longArg(args, n, 4, &b) || !textArg(args, n, 5, &text) || !longArg(args, n, 6, &lane))
        return nullptr;
    if (!trace::bound())
        Py_RETURN_NONE;
    const pid_t l = lane ? pid_t(lane) : trace::boundPid();
    const std::uint64_t t = trace::nowNs();
    if (file != 0)
        trace::write(RecordKind::SourceLoc, l, line, file, {}, t);
    trace::write(RecordKind(kind), l, a, b, text, t);
    Py_RETURN_NONE;
}

// The run's time 0 becomes now: MainProcess calls it when the interpreter is
// up, so the timeline starts with the program, not with Python's start-up.
PyObject *startClock(PyObject *, PyObject *)
{
    if (state().ring.valid())
        state().ring.header()->t0Ns = trace::nowNs();
    Py_RETURN_NONE;
}

PyObject *now(PyObject *, PyObject *)
{
    return PyLong_FromUnsignedLongLong(trace::nowNs());
}

PyObject *auxAdd(PyObject *, PyObject *const *args, Py_ssize_t n)
{
    long long delta = 1;
    if (!needArgs(n, 1, 2, "aux_add") || !longArg(args, n, 1, &delta))
        return nullptr;
    const std::uint64_t key = PyLong_AsUnsignedLongLongMask(args[0]);
    if (PyErr_Occurred())
        return nullptr;
    return PyLong_FromLongLong(state().aux.add(key, delta));
}

PyObject *auxGet(PyObject *, PyObject *arg)
{
    const std::uint64_t key = PyLong_AsUnsignedLongLongMask(arg);
    if (PyErr_Occurred())
        return nullptr;
    return PyLong_FromLongLong(state().aux.get(key));
}

PyObject *auxSet(PyObject *, PyObject *const *args, Py_ssize_t n)
{
    long long value = 0;
    if (!needArgs(n, 2, 2, "aux_set") || !longArg(args, n, 1, &value))
        return nullptr;
    const std::uint64_t key = PyLong_AsUnsignedLongLongMask(args[0]);
    if (PyErr_Occurred())
        return nullptr;
    state().aux.set(key, value);
    Py_RETURN_NONE;
}

PyObject *location(PyObject *, PyObject *)
{
    int file = 0, line = 0;
    if (!userLocation(&file, &line))
        Py_RETURN_NONE;
    return Py_BuildValue("(ii)", file, line);
}

PyObject *setCallable(PyObject **slot, PyObject *fn)
{
    if (fn != Py_None && !PyCallable_Check(fn))
        return PyErr_Format(PyExc_TypeError, "expected a callable");
    Py_XDECREF(*slot);
    *slot = fn == Py_None ? nullptr : Py_NewRef(fn);
    Py_RETURN_NONE;
}

PyObject *setFileFilter(PyObject *, PyObject *fn)
{
    return setCallable(&state().fileFilter, fn);
}

PyObject *setValueKey(PyObject *, PyObject *fn)
{
    return setCallable(&state().valueKey, fn);
}

// A terminated process records its own exit, then dies of the same signal
// (exit code -15), as the C++ runtime's processes do. Python replaces this
// handler if the program installs its own with signal.signal().
// A fork child inherits this handler and its parent's binding: terminated
// before its tracer has bound its own slot (a daemon its parent ends at
// once), it must not write its exit on its parent's lane; its reaper
// records it.
void recordTermination(int sig)
{
    if (getpid() == trace::boundPid())
        trace::here(RecordKind::Exit, -sig, 0);
    signal(sig, SIG_DFL);
    raise(sig);
}

PyObject *installSigtermRecorder(PyObject *, PyObject *)
{
    struct sigaction old
    {
    };
    sigaction(SIGTERM, nullptr, &old);
    if (old.sa_handler == SIG_DFL) { // never override a handler the program (or its parent) chose
        struct sigaction sa
        {
        };
        sa.sa_handler = recordTermination;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGTERM, &sa, nullptr);
    }
    Py_RETURN_NONE;
}

PyMethodDef methods[] = {
    {"attach", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(attach)), METH_FASTCALL,
     "attach(ring_fd, aux_fd): map the run's trace ring and shared table"},
    {"bind", bind, METH_O, "bind(slot): this process writes into ring slot `slot`"},
    {"reserve_slot", reserveSlot, METH_NOARGS,
     "reserve a pooled slot for a process about to start; -1 at the limit"},
    {"set_slot_owner", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(setSlotOwnerPy)),
     METH_FASTCALL, "set_slot_owner(slot, pid)"},
    {"release_slot_of", releaseSlot, METH_O, "release_slot_of(pid): pid was reaped"},
    {"slots_in_use", slotsInUse, METH_NOARGS, "pooled slots reserved or owned now"},
    {"write", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(writePy)), METH_FASTCALL,
     "write(kind, a=0, b=0, text=None, lane=0, located=1, t=0)"},
    {"write_at", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(writeAt)),
     METH_FASTCALL, "write_at(file, line, kind, a=0, b=0, text=None, lane=0)"},
    {"now", now, METH_NOARGS, "CLOCK_MONOTONIC in ns (the records' clock)"},
    {"start_clock", startClock, METH_NOARGS, "the run's time 0 is now (MainProcess only)"},
    {"aux_add", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(auxAdd)), METH_FASTCALL,
     "aux_add(key, delta=1) -> new value"},
    {"aux_get", auxGet, METH_O, "aux_get(key) -> value (0 if unknown)"},
    {"aux_set", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(auxSet)), METH_FASTCALL,
     "aux_set(key, value)"},
    {"location", location, METH_NOARGS, "(file id, line) of the user's innermost frame, or None"},
    {"set_file_filter", setFileFilter, METH_O, "set_file_filter(fn): fn(filename) -> file id or 0"},
    {"set_value_key", setValueKey, METH_O, "set_value_key(fn): fn(synchronized) -> key"},
    {"install_sigterm_recorder", installSigtermRecorder, METH_NOARGS,
     "record the exit of a SIGTERMed process (-15) before it dies"},
    {nullptr, nullptr, 0, nullptr},
};

int exec(PyObject *module)
{
    PyObject *type = newValueDescriptorType(module);
    if (!type || PyModule_AddObject(module, "ValueDescriptor", type) != 0) {
        Py_XDECREF(type);
        return -1;
    }
    return 0;
}

PyModuleDef_Slot slots[] = {{Py_mod_exec, reinterpret_cast<void *>(exec)}, {0, nullptr}};

PyModuleDef moduleDef = {PyModuleDef_HEAD_INIT, "_native",
                         "ProcLab's tracer: writes trace records into the run's ring", 0,
                         methods, slots, nullptr, nullptr, nullptr};

} // namespace

} // namespace proclab::pytrace

extern "C" PyMODINIT_FUNC PyInit__native()
{
    return PyModuleDef_Init(&proclab::pytrace::moduleDef);
}
