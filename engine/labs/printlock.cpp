// Lab "print-lock": several processes write lines to one real file (and
// print them). Without a lock their lines interleave; with it each process's
// block stays whole.
//
//   def worker(lock, n):
//       with lock:                  # lock=on
//           for i in range(n):
//               f.write(f"{name} line {i}\n"); time.sleep(line_ms / 1000)
#include "labs.h"
#include "labutil.h"
#include "lock.h"
#include "runtime.h"

#include <fcntl.h>
#include <optional>
#include <sstream>
#include <unistd.h>

namespace proclab::labs {
namespace {

void printWorker(const Args &a)
{
    // lockHandle -1: no lock
    auto [path, lockHandle, lines, lineMs] =
        unpack<std::string, std::int64_t, std::int64_t, std::int64_t>(a);
    std::optional<Lock> lock;
    std::optional<Lock::Guard> held;
    if (lockHandle >= 0) {
        lock.emplace(Lock::fromHandle(lockHandle));
        held.emplace(*lock);
    }
    const int fd = open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    for (std::int64_t i = 0; i < lines; ++i) {
        const std::string line = current_process_name() + " line " + std::to_string(i);
        print(line);
        const std::string withNewline = line + "\n";
        (void)!write(fd, withNewline.data(), withNewline.size()); // O_APPEND: one whole line
        if (lineMs > 0)
            sleep_ms(lineMs);
    }
    close(fd);
}
PROCLAB_TARGET(printWorker);

// How often consecutive lines of the file come from different processes.
std::int64_t countSwitches(const std::string &path)
{
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    std::string all;
    char buf[65536];
    for (ssize_t n; fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0;)
        all.append(buf, std::size_t(n));
    if (fd >= 0)
        close(fd);
    std::istringstream in(all);
    std::string line, prev;
    std::int64_t switches = 0;
    while (std::getline(in, line)) {
        const std::string who = line.substr(0, line.find(' '));
        if (!prev.empty() && who != prev)
            ++switches;
        prev = who;
    }
    return switches;
}

void mainFn(const ParamValues &p, Summary &summary)
{
    const std::string path = run_dir() + "/output.txt";
    close(open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    Lock lock("print-lock");
    const std::int64_t handle = p.boolean("lock") ? lock.handle() : -1;
    std::vector<Process> ps;
    for (std::int64_t i = 0; i < p.integer("workers"); ++i)
        ps.emplace_back(printWorker, Args{path, handle, p.integer("lines"), p.integer("line_ms")});
    Stopwatch clock;
    for (auto &proc : ps)
        proc.start();
    for (auto &proc : ps)
        proc.join();
    const std::int64_t switches = countSwitches(path);
    print("consecutive lines from different processes:", switches);
    summary.set(QT_TRANSLATE_NOOP("Summary", "switches"), switches);
    summary.set(QT_TRANSLATE_NOOP("Summary", "minimum_possible_switches"),
                p.integer("workers") - 1);
    summary.set(QT_TRANSLATE_NOOP("Summary", "elapsed_ms"), clock.elapsedMs());
}

} // namespace

const LabInfo &printLock()
{
    static const LabInfo lab{
        "print-lock",
        QT_TRANSLATE_NOOP("Lab", "Interleaved output"),
        QT_TRANSLATE_NOOP("Lab", "2. Locks and races"),
        QT_TRANSLATE_NOOP(
            "Lab", "Processes writing one file mix their lines; a lock keeps each block whole."),
        {
            ParamSpec::integer("workers", 1, 16, 3,
                               QT_TRANSLATE_NOOP("Lab", "Processes writing lines"))
                .definesRun(),
            ParamSpec::integer("lines", 1, 2000, 200,
                               QT_TRANSLATE_NOOP("Lab", "Lines each process writes")),
            ParamSpec::boolean(
                "lock", false,
                QT_TRANSLATE_NOOP("Lab", "Hold a lock while writing the whole block"))
                .definesRun(),
            ParamSpec::integer("line_ms", 0, 100, 2,
                               QT_TRANSLATE_NOOP("Lab", "Pause after each line"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
        },
        mainFn,
        nullptr,
        {"switches", QT_TRANSLATE_NOOP("Lab", "Interleavings (a line from another process)")},
    };
    return lab;
}

} // namespace proclab::labs
