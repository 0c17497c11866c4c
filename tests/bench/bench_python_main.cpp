// MainProcess of bench_python: the cases run in a fresh image without Qt, as
// a lab's MainProcess runs in proclab-runner's (fork of the runner, which links
// no Qt). Forked from the Qt host instead, every start() would copy the host's
// mappings (Qt's libraries, its threads' stacks): a cost the product never pays.
//
// Run by bench_python only: bench_python_main --ring-fd=N --host=PID CASE
#include "bench_python_cases.h"

#include "bootstrap.h"
#include "summary.h"
#include "tracering.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <sys/prctl.h>
#include <unistd.h>

using namespace proclab;

int main(int argc, char **argv)
{
    if (isSpawnedChild(argc, argv))
        return runSpawnedChild(argc, argv);
    int ringFd = -1;
    pid_t host = 0;
    const char *name = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a.rfind("--ring-fd=", 0) == 0)
            ringFd = std::atoi(argv[i] + 10);
        else if (a.rfind("--host=", 0) == 0)
            host = pid_t(std::atoi(argv[i] + 7));
        else
            name = argv[i];
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (ringFd < 0 || !name || getppid() != host) {
        std::fprintf(stderr, "bench_python_main: run by bench_python only\n");
        return 3;
    }
    const bench::Case *c = nullptr;
    for (const bench::Case &k : bench::cases())
        if (std::strcmp(k.name, name) == 0)
            c = &k;
    TraceRing ring;
    if (!c || !TraceRing::attach(ringFd, &ring)) {
        std::fprintf(stderr, "bench_python_main: no case %s or no ring\n", name);
        return 3;
    }
    initMainProcess(ring, ringFd);
    bool ok = false;
    const double ms = c->run(&ok);
    Summary summary;
    const int code = finishMainProcess(ok ? 0 : 1, summary);
    std::printf("RESULT impl=proclab case=%s ms=%.3f ok=%d", c->name, ms, ok ? 1 : 0);
    std::fflush(stdout);
    _exit(code);
}
