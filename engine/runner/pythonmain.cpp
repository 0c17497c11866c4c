#include "pythonmain.h"

#include "bootstrap.h"
#include "slotpool.h"
#include "tracewriter.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace proclab {

namespace {
// Where things are in the ring, for the tracer's pure-Python writer (the
// extension module uses these structs themselves).
std::string ringLayout(const TraceRing &ring)
{
    const char *base = reinterpret_cast<const char *>(ring.header());
    const SlotHeader *slot = ring.slot(0);
    const char *s = reinterpret_cast<const char *>(slot);
    auto field = [&](const char *name, std::ptrdiff_t v) {
        return std::string(name) + "=" + std::to_string(v) + " ";
    };
    return field("t0", reinterpret_cast<const char *>(&ring.header()->t0Ns) - base) +
           field("discard", reinterpret_cast<const char *>(&ring.header()->discardWhenFull) - base) +
           field("slot_headers", s - base) + field("slot_size", sizeof(SlotHeader)) +
           field("written", reinterpret_cast<const char *>(&slot->written) - s) +
           field("read", reinterpret_cast<const char *>(&slot->read) - s) +
           field("spilled", reinterpret_cast<const char *>(&slot->spilled) - s) +
           field("spills", reinterpret_cast<const char *>(&slot->spills) - s) +
           field("spill_dir", ring.header()->spillDir - base) +
           field("spill_dir_size", sizeof ring.header()->spillDir) +
           field("pid", reinterpret_cast<const char *>(&slot->pid) - s) +
           field("records", reinterpret_cast<const char *>(ring.records(0)) - base) +
           field("capacity", ring.header()->slotCapacity) +
           field("slots", ring.header()->slotCount) + field("first_pooled", kFirstPooledSlot) +
           field("max_pooled", kMaxPooledProcesses);
}
} // namespace

void execPythonMain(const PythonProgram &python, const TraceRing &ring, int ringFd, int auxFd)
{
    if (!python.tracerDir.empty()) {
        const char *old = std::getenv("PYTHONPATH");
        const std::string path = python.tracerDir + (old && *old ? std::string(":") + old : "");
        setenv("PYTHONPATH", path.c_str(), 1);
        setenv("PROCLAB_RING_FD", std::to_string(ringFd).c_str(), 1);
        setenv("PROCLAB_AUX_FD", std::to_string(auxFd).c_str(), 1);
        setenv("PROCLAB_SLOT", std::to_string(kMainSlot).c_str(), 1);
        setenv("PROCLAB_RING_LAYOUT", ringLayout(ring).c_str(), 1);
    }
    if (!python.workDir.empty() && chdir(python.workDir.c_str()) != 0) {
        const std::string why = "cannot enter " + python.workDir + ": " + std::strerror(errno);
        trace::bind(ring, kMainSlot);
        trace::here(RecordKind::ProcBegin, getppid(), ProcMain, "MainProcess");
        trace::here(RecordKind::Error, 0, 0, why);
        _exit(127);
    }
    std::vector<std::string> argv{python.interpreter, python.program};
    argv.insert(argv.end(), python.args.begin(), python.args.end());
    std::vector<char *> cargv;
    for (std::string &a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    execvp(python.interpreter.c_str(), cargv.data());

    const std::string why = "cannot run " + python.interpreter + ": " + std::strerror(errno);
    trace::bind(ring, kMainSlot);
    trace::here(RecordKind::ProcBegin, getppid(), ProcMain, "MainProcess");
    trace::here(RecordKind::Error, 0, 0, why);
    _exit(127);
}

} // namespace proclab
