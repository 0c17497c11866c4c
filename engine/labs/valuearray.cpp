// Lab "value-array": Array('i', n) is shared memory, a list is not
// (resources/notes/value-array.py).
//
//   def fill(k, workers, arr, plain):
//       for i in range(k, len(arr), workers):   # worker k takes every workers-th slot
//           arr[i] = i * i                       # shared memory: main sees it
//           plain[i] = i * i                     # this process's copy of the list
//   arr = Array("i", length); plain = [0] * length
//   ...start and join the workers...
//   print(sum(arr), sum(plain))                  # every square, and 0
//
// No two workers write the same slot, so no lock is needed; the array's own
// lock (arr.get_lock()) is for read-modify-write, as counter-race shows.
#include "labs.h"
#include "labutil.h"
#include "runtime.h"
#include "value.h"

#include <vector>

namespace proclab::labs {
namespace {

std::vector<std::int64_t> g_plain; // the list: copied into every child at fork

void arrayFill(const Args &a)
{
    auto [arr, k, workers] = unpack<Array, std::int64_t, std::int64_t>(a);
    std::int64_t slots = 0;
    for (std::int64_t i = k; i < arr.size(); i += workers, ++slots) {
        arr.set(i, std::int32_t(i * i));
        g_plain[std::size_t(i)] = i * i;
    }
    print(current_process_name(), "filled", slots, "slot(s)");
}
PROCLAB_TARGET(arrayFill);

void mainFn(const ParamValues &p, Summary &summary)
{
    const std::int64_t length = p.integer("length"), workers = p.integer("workers");
    Array arr("arr", length); // length ints in shared memory, all 0
    g_plain.assign(std::size_t(length), 0);
    std::vector<Process> ps;
    for (std::int64_t k = 0; k < workers; ++k)
        ps.emplace_back(arrayFill, Args{arr.handle(), k, workers});
    for (auto &proc : ps)
        proc.start();
    for (auto &proc : ps)
        proc.join();
    std::int64_t arraySum = 0, listSum = 0, expected = 0;
    std::string first;
    for (std::int64_t i = 0; i < length; ++i) {
        const std::int32_t v = arr.get(i);
        arraySum += v;
        listSum += g_plain[std::size_t(i)];
        expected += i * i;
        if (i < 8)
            first += (i ? ", " : "") + std::to_string(v);
    }
    print("arr[:8] =", "[" + first + "]");
    summary.set(QT_TRANSLATE_NOOP("Summary", "array_sum"), arraySum);
    summary.set(QT_TRANSLATE_NOOP("Summary", "list_sum"), listSum);
    summary.set(QT_TRANSLATE_NOOP("Summary", "expected_sum"), expected);
}

} // namespace

const LabInfo &valueArray()
{
    static const LabInfo lab{
        "value-array",
        QT_TRANSLATE_NOOP("Lab", "Shared memory: Array"),
        QT_TRANSLATE_NOOP("Lab", "4. Inter-process communication"),
        QT_TRANSLATE_NOOP("Lab", "Workers fill an Array('i', n) that main sees; their copies of "
                                 "a plain list stay in the workers."),
        {
            ParamSpec::integer("workers", 1, 16, 4,
                               QT_TRANSLATE_NOOP("Lab", "Worker processes filling the array"))
                .definesRun(),
            ParamSpec::integer("length", 1, 1000, 16,
                               QT_TRANSLATE_NOOP("Lab", "Array('i', length): how many ints"))
                .definesRun(),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
