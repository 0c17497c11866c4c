// Lab "manager-dict": a Manager's dict shared by every process, and the
// pitfall of changing a value you got out of it (resources/notes/manager-dict.py).
//
//   def worker(d, k):
//       key = f"worker-{k}"
//       d[key] = [os.getpid()]             # a request to the server
//       d[key].append(1)                   # appends to a COPY the server sent: lost
//       items = d[key]; items.append(2)
//       d[key] = items                     # assigned back: stored
//   with Manager() as m:                   # starts SyncManager-1
//       d = m.dict()
//       ...start and join the workers...
//       for key, value in sorted(d.items()): print(key, value)   # [pid, 2]
#include "labs.h"
#include "manager.h"
#include "runtime.h"
#include "translatable.h"

#include <algorithm>

namespace proclab::labs {
namespace {

void dictWorker(const Args &a)
{
    auto [d, index] = unpack<DictProxy, std::int64_t>(a);
    const std::string key = "worker-" + std::to_string(index);
    d.set(key, Arg(std::vector<std::int64_t>{getpid_()}));
    std::vector<std::int64_t> copy = d.get(key).toList();
    copy.push_back(1); // d[key].append(1): the copy changes, the stored list does not
    std::vector<std::int64_t> items = d.get(key).toList();
    items.push_back(2);
    d.set(key, Arg(items)); // assigned back: stored
}
PROCLAB_TARGET(dictWorker);

bool contains(const std::vector<std::int64_t> &list, std::int64_t v)
{
    return std::find(list.begin(), list.end(), v) != list.end();
}

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

    std::int64_t written = 0, matching = 0, lost = 0, kept = 0;
    std::vector<std::string> keys = d.keys();
    std::sort(keys.begin(), keys.end());
    for (const std::string &key : keys) {
        const Arg v = d.get(key);
        print(key, v.repr());
        const std::size_t k = std::size_t(std::stoll(key.substr(key.find('-') + 1)));
        const std::vector<std::int64_t> list = v.isList() ? v.toList() : std::vector<std::int64_t>{};
        ++written;
        matching += k < workers.size() && !list.empty() && list[0] == workers[k].pid().value_or(-1);
        lost += !contains(list, 1);
        kept += contains(list, 2);
    }
    print(d.size(), "keys read back");
    summary.set(QT_TRANSLATE_NOOP("Summary", "keys_written"), written);
    summary.set(QT_TRANSLATE_NOOP("Summary", "keys_expected"), std::int64_t(workers.size()));
    summary.set(QT_TRANSLATE_NOOP("Summary", "values_match_writer_pid"), matching);
    summary.set(QT_TRANSLATE_NOOP("Summary", "appends_lost"), lost);
    summary.set(QT_TRANSLATE_NOOP("Summary", "appends_kept"), kept);
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
            "Workers write into a Manager dict served by its own process; appending to a list "
            "got from it changes a copy, lost until it is assigned back."),
        {
            ParamSpec::integer("workers", 1, 16, 4,
                               QT_TRANSLATE_NOOP("Lab", "Worker processes writing one key each"))
                .definesRun(),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
