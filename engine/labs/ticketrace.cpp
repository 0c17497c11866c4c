// Lab "ticket-race": the ticket-grabbing example, on a real JSON file.
// Every buyer queries the count, then buys: read the file, check, wait, write
// count - 1. Without a lock, buyers that read the same count all "succeed".
//
//   def buy(name):
//       with lock:                                   # lock=on
//           count = json.load(open(path))["count"]
//           if count > 0:
//               time.sleep(write_delay)
//               json.dump({"count": count - 1}, open(path, "w"))
//   lock=serialize: start each buyer and join it before the next (join
//   serialises everything; a lock only the critical part)
#include "labs.h"
#include "labutil.h"
#include "lock.h"
#include "runtime.h"
#include "ticketfile.h"

#include <optional>

namespace proclab::labs {
namespace {

void ticketBuyer(const Args &a)
{
    // lockHandle -1: no lock
    auto [path, lockHandle, readDelay, writeDelay] =
        unpack<std::string, std::int64_t, std::int64_t, std::int64_t>(a);
    TicketFile file(path);
    const bool useLock = lockHandle >= 0;
    print(current_process_name(), "sees", file.read(), "ticket(s) left");
    sleep_ms(readDelay);
    std::optional<Lock> lock;
    std::optional<Lock::Guard> held; // `with lock:` around the whole purchase
    if (useLock) {
        lock.emplace(Lock::fromHandle(lockHandle));
        held.emplace(*lock);
    }
    const std::int64_t count = file.read();
    sleep_ms(readDelay);
    if (count <= 0) {
        print(current_process_name(), "found no ticket left");
        exit(1);
    }
    sleep_ms(writeDelay);
    file.write(count - 1);
    print(current_process_name(), "bought a ticket; the file now says", count - 1);
}
PROCLAB_TARGET(ticketBuyer);

void mainFn(const ParamValues &p, Summary &summary)
{
    const std::string path = run_dir() + "/tickets.json";
    TicketFile file(path);
    file.write(p.integer("tickets"));
    const bool serialize = p.is("lock", "serialize");
    Lock lock("ticket-lock");
    const std::int64_t lockHandle = p.is("lock", "on") ? lock.handle() : -1;

    std::vector<Process> buyers;
    for (std::int64_t i = 0; i < p.integer("buyers"); ++i)
        buyers.emplace_back(ticketBuyer, Args{path, lockHandle, p.integer("read_delay_ms"),
                                              p.integer("write_delay_ms")});
    Stopwatch clock;
    for (auto &b : buyers) {
        b.start();
        if (serialize)
            b.join();
    }
    int successes = 0;
    for (auto &b : buyers) {
        b.join();
        successes += b.exitcode() == 0 ? 1 : 0;
    }
    const std::int64_t tickets = p.integer("tickets");
    summary.set(QT_TRANSLATE_NOOP("Summary", "tickets"), tickets);
    summary.set(QT_TRANSLATE_NOOP("Summary", "successes"), successes);
    summary.set(QT_TRANSLATE_NOOP("Summary", "oversold"),
                std::max<std::int64_t>(0, successes - tickets));
    summary.set(QT_TRANSLATE_NOOP("Summary", "final_count_in_file"), file.read());
    summary.set(QT_TRANSLATE_NOOP("Summary", "elapsed_ms"), clock.elapsedMs());
}

} // namespace

const LabInfo &ticketRace()
{
    static const LabInfo lab{
        "ticket-race",
        QT_TRANSLATE_NOOP("Lab", "Ticket race (file)"),
        QT_TRANSLATE_NOOP("Lab", "2. Locks and races"),
        QT_TRANSLATE_NOOP("Lab", "Buyers read a JSON file, then write it: without a lock one "
                                 "ticket is sold many times."),
        {
            ParamSpec::integer("buyers", 1, 64, 10, QT_TRANSLATE_NOOP("Lab", "Buyer processes"))
                .definesRun(),
            ParamSpec::integer("tickets", 0, 1000, 1,
                               QT_TRANSLATE_NOOP("Lab", "Tickets in the file at the start"))
                .definesRun(),
            ParamSpec::choice(
                "lock", {"off", "on", "serialize"}, "off",
                QT_TRANSLATE_NOOP(
                    "Lab", "off: race; on: a Lock around buying; serialize: join each buyer"))
                .definesRun(),
            ParamSpec::integer("read_delay_ms", 0, 10000, 100,
                               QT_TRANSLATE_NOOP("Lab", "Time a read of the file takes"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer("write_delay_ms", 0, 10000, 100,
                               QT_TRANSLATE_NOOP("Lab", "Time before the write"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
        },
        mainFn,
        nullptr,
        {"successes", QT_TRANSLATE_NOOP("Lab", "Tickets sold (buyers who got one)")},
    };
    return lab;
}

} // namespace proclab::labs
