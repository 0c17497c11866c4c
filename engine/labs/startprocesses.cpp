// Lab "start-processes": the course's first program (resources/notes/start-processes.py).
//
//   def task(ms):
//       print(current_process().name, "pid", os.getpid(), "parent", os.getppid())
//       time.sleep(ms / 1000)
//   class Worker(Process):                  # style=subclass
//       def __init__(self, name, ms): super().__init__(); self.name = name; ...
//       def run(self): task(self.ms)
//   ps = [Process(target=task, name=f"task-{k + 1}", kwargs={"ms": ms}) ...]
//   for p in ps: p.start()                  # or p.run(): the body runs in MainProcess
//   for p in ps: p.join()                   # after run() alone: AssertionError
#include "labs.h"
#include "labutil.h"
#include "runtime.h"

#include <random>

namespace proclab::labs {
namespace {

void startTask(const Args &args)
{
    print(current_process_name(), "pid", getpid_(), "parent", getppid_());
    const auto [workMs] = unpack<std::int64_t>(args);
    sleep_ms(workMs);
    print(current_process_name(), "done");
}
PROCLAB_TARGET(startTask);

// The same work as a Process subclass overriding run(), the course's second
// style; its __init__ calls super().__init__() and sets self.name.
class StartWorker : public Process
{
public:
    explicit StartWorker(const Args &args, std::string name = {}) : Process(args, std::move(name))
    {
    }
    void run() override { startTask(args()); }

protected:
    const char *spawnClass() const override { return "StartWorker"; }
};
PROCLAB_PROCESS_CLASS(StartWorker);

void mainFn(const ParamValues &p, Summary &summary)
{
    set_start_method(p.is("method", "spawn") ? StartMethod::Spawn : StartMethod::Fork);
    std::mt19937 rng(std::random_device{}());
    std::uniform_int_distribution<std::int64_t> ms(p.integer("sleep_min_ms"),
                                                   p.integer("sleep_max_ms"));
    print("main pid", getpid_(), "parent", getppid_());
    std::vector<std::unique_ptr<Process>> processes;
    for (std::int64_t i = 0; i < p.integer("n"); ++i) {
        const Args args{ms(rng)};
        const std::string k = std::to_string(i + 1);
        if (p.is("style", "subclass"))
            processes.push_back(std::make_unique<StartWorker>(args, "Worker-" + k));
        else // Process(target=task, name=f"task-{k}", kwargs={"ms": ms})
            processes.push_back(std::make_unique<Process>(startTask, args, "task-" + k));
    }
    Stopwatch clock;
    const bool direct = p.is("call", "run");
    for (auto &proc : processes) {
        if (direct)
            proc->run(); // runs here, in MainProcess: same pid, one after another
        else
            proc->start();
    }
    print("all calls returned");
    std::string joinError;
    for (auto &proc : processes) {
        try {
            proc->join();
        } catch (const ProcessError &e) { // run() alone never started a process
            joinError = e.what();
        }
    }
    std::int64_t created = 0;
    for (auto &proc : processes)
        created += proc->pid().has_value();
    summary.set(QT_TRANSLATE_NOOP("Summary", "processes_created"), created);
    summary.set(QT_TRANSLATE_NOOP("Summary", "main_pid"), std::int64_t(getpid_()));
    summary.set(QT_TRANSLATE_NOOP("Summary", "elapsed_ms"), clock.elapsedMs());
    summary.set(QT_TRANSLATE_NOOP("Summary", "join_error"), joinError);
}

std::string check(const ParamValues &p)
{
    if (p.integer("sleep_min_ms") > p.integer("sleep_max_ms"))
        return fillPattern(
            QT_TRANSLATE_NOOP("Params", "%1 (%2) must not exceed %3 (%4)"),
            {"sleep_min_ms", p.text("sleep_min_ms"), "sleep_max_ms", p.text("sleep_max_ms")});
    return {};
}

} // namespace

const LabInfo &startProcesses()
{
    static const LabInfo lab{
        "start-processes",
        QT_TRANSLATE_NOOP("Lab", "Start processes"),
        QT_TRANSLATE_NOOP("Lab", "1. Processes"),
        QT_TRANSLATE_NOOP(
            "Lab", "Each child is a real process with its own pid; start() returns at once."),
        {
            ParamSpec::integer("n", 1, 64, 4,
                               QT_TRANSLATE_NOOP("Lab", "How many child processes to create"))
                .definesRun(),
            ParamSpec::integer("sleep_min_ms", 0, 60000, 1000,
                               QT_TRANSLATE_NOOP("Lab", "Shortest time a child works"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer("sleep_max_ms", 0, 60000, 4000,
                               QT_TRANSLATE_NOOP("Lab", "Longest time a child works"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::choice(
                "style", {"function", "subclass"}, "function",
                QT_TRANSLATE_NOOP("Lab", "Process(target=fn, name=..., kwargs=...) or a subclass "
                                         "whose __init__ sets self.name and that overrides run()")),
            ParamSpec::choice(
                "method", {"fork", "spawn"}, "fork",
                QT_TRANSLATE_NOOP(
                    "Lab", "Start method: copy the parent (fork) or a fresh program (spawn)"))
                .definesRun(),
            ParamSpec::choice(
                "call", {"start", "run"}, "start",
                QT_TRANSLATE_NOOP("Lab", "start() makes a new process; run() calls the body right "
                                         "here (and join() then raises)"))
                .definesRun(),
        },
        mainFn,
        check,
    };
    return lab;
}

} // namespace proclab::labs
