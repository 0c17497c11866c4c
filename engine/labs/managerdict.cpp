// Lab "manager-dict": a Manager's dict shared by every process, and the
// pitfall of changing a value you got out of it.
//
//   def worker(d, i):
//       d[f"worker-{i}"] = os.getpid()       # a request to the server
//   with Manager() as m:                     # starts SyncManager-1
//       d = m.dict()
//       ps = [Process(target=worker, args=(d, i)) for i in range(workers)]
//       ...start, join...
//       print(len(d))                        # every worker's key is there
//       d["numbers"] = []
//       d["numbers"].append(1)               # appends to a COPY: lost
//       tmp = d["numbers"]; tmp.append(1)
//       d["numbers"] = tmp                   # assigned back: stored
#include "labs.h"
#include "manager.h"
#include "runtime.h"
#include "translatable.h"

namespace proclab::labs {
namespace {

void dictWorker(const Args &a)
{
    DictProxy d = DictProxy::fromHandle(a.at(0).toString());
    d.set("worker-" + std::to_string(a.at(1).toInt()), Arg(std::int64_t(getpid_())));
}
PROCLAB_TARGET(dictWorker);

void mainFn(const ParamValues &p, Summary &summary)
{
    Manager manager;
    DictProxy d = manager.dict("d");
    std::vector<Process> workers;
    for (std::int64_t i = 0; i < p.integer("workers"); ++i)
        workers.emplace_back(dictWorker, Args{d.handle(), i});
    for (auto &w : workers)
        w.start();
    for (auto &w : workers)
        w.join();

    std::int64_t written = 0, matching = 0;
    for (std::size_t i = 0; i < workers.size(); ++i) {
        try {
            const Arg v = d.get("worker-" + std::to_string(i));
            ++written;
            matching += v.isInt() && v.toInt() == workers[i].pid().value_or(-1);
        } catch (const ProcessError &) {
            // KeyError: already recorded on this lane
        }
    }
    print("main reads", d.size(), "keys written by", workers.size(), "workers");

    d.set("numbers", Arg(std::vector<std::int64_t>{}));
    std::vector<std::int64_t> copy = d.get("numbers").toList();
    copy.push_back(1); // d["numbers"].append(1): the copy changes, the dict does not
    const Arg inplace = d.get("numbers");
    print("after d['numbers'].append(1):", inplace.repr());
    d.set("numbers", Arg(copy)); // tmp = d["numbers"]; tmp.append(1); d["numbers"] = tmp
    const Arg reassigned = d.get("numbers");
    print("after assigning it back:", reassigned.repr());

    summary.set(QT_TRANSLATE_NOOP("Summary", "keys_written"), written);
    summary.set(QT_TRANSLATE_NOOP("Summary", "keys_expected"), std::int64_t(workers.size()));
    summary.set(QT_TRANSLATE_NOOP("Summary", "values_match_writer_pid"), matching);
    summary.set(QT_TRANSLATE_NOOP("Summary", "list_after_inplace_append"), inplace.repr());
    summary.set(QT_TRANSLATE_NOOP("Summary", "list_after_reassign"), reassigned.repr());
    summary.set(QT_TRANSLATE_NOOP("Summary", "manager_name"), manager.name());
    summary.set(QT_TRANSLATE_NOOP("Summary", "manager_pid"),
                std::int64_t(manager.pid().value_or(0)));
    manager.shutdown(); // `with Manager()` ends here
}

} // namespace

const LabInfo &managerDict()
{
    static const LabInfo lab{
        "manager-dict",
        QT_TRANSLATE_NOOP("Lab", "Manager: a shared dict"),
        QT_TRANSLATE_NOOP("Lab", "4. Inter-process communication"),
        QT_TRANSLATE_NOOP(
            "Lab",
            "Workers write into a Manager dict served by its own process; a changed copy is not "
            "stored until it is assigned back."),
        {
            ParamSpec::integer("workers", 1, 16, 4,
                               QT_TRANSLATE_NOOP("Lab", "Worker processes writing one key each")),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
