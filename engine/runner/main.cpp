// proclab-runner LAB-ID [--set key=value]... [--ring-fd N] [--timeout S] [--host-pid P]
//                [--run-dir DIR]
// proclab-runner --python FILE [--interpreter PY] [--tracer-dir DIR] [--cwd DIR] [options]
//                [-- ARG...]
// The single-threaded helper that runs one lab (see supervisor.h).
#include "bootstrap.h"
#include "labs.h"
#include "supervisor.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

using namespace proclab;

namespace {

int usage(const char *why)
{
    std::fprintf(stderr,
                 "proclab-runner: %s\n"
                 "usage: proclab-runner LAB [--set key=value]... [--ring-fd N] [--timeout S]\n"
                 "This helper is started by proclab and proclab-run; use those instead.\n",
                 why);
    return RunnerBadInput;
}

} // namespace

int main(int argc, char **argv)
{
    if (isSpawnedChild(argc, argv))
        return runSpawnedChild(argc, argv);

    RunRequest request;
    PythonProgram python;
    python.interpreter = "python3";
    std::map<std::string, std::string> assignments;
    std::string labId;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--set" && hasValue) {
            const std::string kv = argv[++i];
            const auto eq = kv.find('=');
            if (eq == std::string::npos)
                return usage(("--set needs key=value, got '" + kv + "'").c_str());
            assignments[kv.substr(0, eq)] = kv.substr(eq + 1);
        } else if (a == "--ring-fd" && hasValue) {
            request.ringFd = std::atoi(argv[++i]);
        } else if (a == "--timeout" && hasValue) {
            request.timeoutSeconds = std::atof(argv[++i]);
        } else if (a == "--run-dir" && hasValue) {
            request.runDir = argv[++i];
        } else if (a == "--host-pid" && hasValue) {
            request.hostPid = std::atoi(argv[++i]);
        } else if (a == "--python" && hasValue) {
            python.program = argv[++i];
        } else if (a == "--interpreter" && hasValue) {
            python.interpreter = argv[++i];
        } else if (a == "--tracer-dir" && hasValue) {
            python.tracerDir = argv[++i];
        } else if (a == "--cwd" && hasValue) {
            python.workDir = argv[++i];
        } else if (a == "--") {
            python.args.assign(argv + i + 1, argv + argc);
            break;
        } else if (labId.empty() && a.rfind("--", 0) != 0) {
            labId = a;
        } else {
            return usage(("unexpected argument '" + a + "'").c_str());
        }
    }
    if (!python.program.empty()) {
        if (!labId.empty() || !assignments.empty())
            return usage("--python runs a program: no lab and no --set with it");
        request.python = python;
    } else {
        if (labId.empty())
            return usage("no lab given");
        request.lab = labs::find(labId);
        if (!request.lab)
            return usage(("unknown lab '" + labId + "'").c_str());
        const auto errors = resolveParams(*request.lab, assignments, &request.params);
        for (const auto &e : errors)
            std::fprintf(stderr, "%s\n", e.c_str());
        if (!errors.empty())
            return RunnerBadInput;
    }

    if (request.ringFd >= 0) {
        if (!TraceRing::attach(request.ringFd, &request.ring))
            return usage("--ring-fd is not a ProcLab trace ring");
    } else {
        // Standalone (debugging): nobody drains this ring, so writers drop.
        request.ringFd = TraceRing::create(kRingSlots, 4096, &request.ring);
        if (request.ringFd < 0)
            return RunnerInternalError;
        request.ring.header()->discardWhenFull = 1;
    }
    return supervise(request);
}
