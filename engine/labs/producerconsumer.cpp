// Lab "producer-consumer": producers put items, consumers get them; the hard
// part is telling consumers to stop (resources/notes/producer-consumer.py).
//
//   def producer(q):  for i in range(n): make(); q.put(item)
//                     [sentinel-per-producer: q.put(None)]     # the course's bug
//   def consumer(q):  while (item := q.get()) is not None: eat(item)
//                     [joinable: while True: q.get(); eat(); q.task_done()]
//   sentinel-per-consumer: join producers, then one None per consumer (the fix)
//   joinable: JoinableQueue + daemon consumers; main: join producers, q.join()
//   A consumer still blocked in get() once nothing more will be put is hung:
//   main terminates it (and a producer blocked on a full queue nobody empties).
#include "labs.h"
#include "labutil.h"
#include "queue.h"
#include "runtime.h"

#include <random>

namespace proclab::labs {
namespace {

enum Shutdown
{
    PerConsumer,
    PerProducer,
    Joinable,
    None
};

std::int64_t between(std::mt19937 &rng, std::int64_t lo, std::int64_t hi)
{
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
}

void producer(const Args &a)
{
    auto [q, index, items, msMin, msMax, staggerMs, seed, mode] =
        unpack<Queue, std::int64_t, std::int64_t, std::int64_t, std::int64_t, std::int64_t,
               std::int64_t, Shutdown>(a);
    std::mt19937 rng(std::uint32_t(seed + index));
    sleep_ms(index * staggerMs); // producers come online one after another
    for (std::int64_t i = 0; i < items; ++i) {
        sleep_ms(between(rng, msMin, msMax));
        q.put(Arg(index * 1'000'000 + i));
    }
    if (mode == PerProducer) {
        q.put(Arg()); // None: "I am done" — but a consumer takes it as "stop"
        print(current_process_name(), "put its sentinel");
    }
}
PROCLAB_TARGET(producer);

void consumer(const Args &a)
{
    auto [q, msMin, msMax, mode, seed] =
        unpack<JoinableQueue, std::int64_t, std::int64_t, Shutdown, std::int64_t>(a);
    std::mt19937 rng(std::uint32_t(seed + 1000 + getpid_()));
    std::int64_t eaten = 0;
    for (;;) {
        const Arg item = q.get();
        if (item.isNone()) {
            print(current_process_name(), "got a sentinel and stops after", eaten, "item(s)");
            return;
        }
        sleep_ms(between(rng, msMin, msMax));
        ++eaten;
        if (mode == Joinable)
            q.task_done();
    }
}
PROCLAB_TARGET(consumer);

// join(), but end p once `stuck()` says it can never finish. Waits in joins
// of 100 ms: main sleeps in between, it never spins.
template <typename Stuck> bool joinUnlessStuck(Process &p, Stuck stuck)
{
    p.join(0.1);
    while (p.is_alive()) {
        if (stuck()) {
            p.terminate();
            p.join();
            return true;
        }
        p.join(0.1);
    }
    return false;
}

void mainFn(const ParamValues &p, Summary &summary)
{
    const std::string how = p.choice("shutdown");
    const Shutdown mode = how == "sentinel-per-consumer"   ? PerConsumer
                          : how == "sentinel-per-producer" ? PerProducer
                          : how == "joinable"              ? Joinable
                                                           : None;
    JoinableQueue q("q", int(p.integer("maxsize")));
    const std::int64_t seed = std::random_device{}();
    std::vector<Process> producers, consumers;
    for (std::int64_t i = 0; i < p.integer("producers"); ++i)
        producers.emplace_back(producer,
                               Args{q.handle(), i, p.integer("items_per_producer"),
                                    p.integer("produce_ms_min"), p.integer("produce_ms_max"),
                                    p.integer("stagger_ms"), seed, std::int64_t(mode)});
    for (std::int64_t i = 0; i < p.integer("consumers"); ++i)
        consumers.emplace_back(consumer,
                               Args{q.handle(), p.integer("consume_ms_min"),
                                    p.integer("consume_ms_max"), std::int64_t(mode), seed},
                               "", mode == Joinable);
    Stopwatch clock;
    for (auto &c : consumers)
        c.start();
    for (auto &pr : producers)
        pr.start();
    // A producer blocked in put() on a full queue that no consumer will ever
    // empty again (they all stopped at early sentinels) can never finish.
    int producersHung = 0;
    for (auto &pr : producers) {
        producersHung += joinUnlessStuck(pr, [&] {
            bool consumerLeft = false;
            for (auto &c : consumers)
                consumerLeft = consumerLeft || c.is_alive();
            if (consumerLeft || !q.full())
                return false;
            print(pr.name(), "is stuck in put(): the queue is full and no consumer is left");
            report_error_on(*pr.pid(), QT_TRANSLATE_NOOP("Lab", "hung: blocked in put() on a full "
                                                                "queue nobody empties"));
            return true;
        });
    }
    int hung = 0;
    if (mode == Joinable) {
        q.join(); // every item got and marked done; daemon consumers end with main
    } else {
        if (mode == PerConsumer)
            for (std::size_t i = 0; i < consumers.size(); ++i)
                q.put(Arg());
        // Nothing more will be put: a consumer blocked in get() on the empty
        // queue waits for ever. One still busy with an item is not hung.
        for (auto &c : consumers) {
            hung += joinUnlessStuck(c, [&] {
                if (!q.waiting_in_get(*c.pid()))
                    return false;
                print(c.name(), "waits in get() and nothing will ever come; terminating it");
                report_error_on(*c.pid(), QT_TRANSLATE_NOOP("Lab", "hung: waiting on get() for an "
                                                                   "item that never comes"));
                return true;
            });
        }
    }
    const double elapsed = clock.elapsedMs();
    const Queue::Totals t = q.totals();
    summary.set(QT_TRANSLATE_NOOP("Summary", "produced"), t.put);
    summary.set(QT_TRANSLATE_NOOP("Summary", "consumed"), t.got);
    summary.set(QT_TRANSLATE_NOOP("Summary", "unprocessed"), t.put - t.got);
    summary.set(QT_TRANSLATE_NOOP("Summary", "consumers_hung"), hung);
    summary.set(QT_TRANSLATE_NOOP("Summary", "producers_hung"), producersHung);
    summary.set(QT_TRANSLATE_NOOP("Summary", "max_depth"), t.maxDepth);
    summary.set(QT_TRANSLATE_NOOP("Summary", "elapsed_ms"), elapsed);
    summary.set(QT_TRANSLATE_NOOP("Summary", "items_per_s"),
                elapsed > 0 ? double(t.got) * 1000.0 / elapsed : 0.0);
}

std::string check(const ParamValues &p)
{
    for (const char *what : {"produce", "consume"}) {
        const std::string lo = std::string(what) + "_ms_min", hi = std::string(what) + "_ms_max";
        if (p.integer(lo) > p.integer(hi))
            return fillPattern(QT_TRANSLATE_NOOP("Params", "%1 (%2) must not exceed %3 (%4)"),
                               {lo, p.text(lo), hi, p.text(hi)});
    }
    if (p.integer("producers") * p.integer("items_per_producer") > 1'000'000)
        return fillPattern(
            QT_TRANSLATE_NOOP("Params", "producers × items_per_producer must be at most 1000000, "
                                        "got %1"),
            {std::to_string(p.integer("producers") * p.integer("items_per_producer"))});
    return {};
}

} // namespace

const LabInfo &producerConsumer()
{
    static const LabInfo lab{
        "producer-consumer",
        QT_TRANSLATE_NOOP("Lab", "Producers & consumers"),
        QT_TRANSLATE_NOOP("Lab", "3. Queues"),
        QT_TRANSLATE_NOOP(
            "Lab",
            "How do consumers know when to stop? One sentinel per producer leaves work undone."),
        {
            ParamSpec::integer("producers", 1, 32, 3,
                               QT_TRANSLATE_NOOP("Lab", "Producer processes"))
                .definesRun(),
            ParamSpec::integer("consumers", 1, 32, 2,
                               QT_TRANSLATE_NOOP("Lab", "Consumer processes"))
                .definesRun(),
            ParamSpec::integer("items_per_producer", 1, 100000, 3,
                               QT_TRANSLATE_NOOP("Lab", "Items each producer makes")),
            ParamSpec::integer("maxsize", 0, 10000, 0,
                               QT_TRANSLATE_NOOP("Lab", "Queue(maxsize); 0 = unbounded")),
            ParamSpec::integer("produce_ms_min", 0, 60000, 1000,
                               QT_TRANSLATE_NOOP("Lab", "Shortest time to make an item"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer("produce_ms_max", 0, 60000, 2000,
                               QT_TRANSLATE_NOOP("Lab", "Longest time to make an item"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer("consume_ms_min", 0, 60000, 1000,
                               QT_TRANSLATE_NOOP("Lab", "Shortest time to use an item"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::integer("consume_ms_max", 0, 60000, 2000,
                               QT_TRANSLATE_NOOP("Lab", "Longest time to use an item"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
            ParamSpec::choice(
                "shutdown", {"sentinel-per-consumer", "sentinel-per-producer", "joinable", "none"},
                "sentinel-per-consumer",
                QT_TRANSLATE_NOOP("Lab", "How consumers learn that the work is done"))
                .definesRun(),
            ParamSpec::integer(
                "stagger_ms", 0, 60000, 1500,
                QT_TRANSLATE_NOOP("Lab",
                                  "Producer k starts k × this later (makes the sentinel bug show)"),
                QT_TRANSLATE_NOOP("Lab", "ms")),
        },
        mainFn,
        check,
        {"unprocessed", QT_TRANSLATE_NOOP("Lab", "Items left unprocessed")},
        {
            // The course's program: three hot-dog shops, two customers; main
            // puts one None per customer after joining the shops.
            {"hot-dog",
             QT_TRANSLATE_NOOP("Lab", "The course's hot-dog shops (3 producers, 2 consumers)"),
             {{"producers", "3"},
              {"consumers", "2"},
              {"items_per_producer", "3"},
              {"maxsize", "0"},
              {"produce_ms_min", "1000"},
              {"produce_ms_max", "2000"},
              {"consume_ms_min", "1000"},
              {"consume_ms_max", "2000"},
              {"shutdown", "sentinel-per-consumer"},
              {"stagger_ms", "0"}}},
            // The course's second program: one cook, one eater; the cook's
            // own None ends the eater, which is right with one of each.
            {"one-producer-one-consumer",
             QT_TRANSLATE_NOOP("Lab", "One producer, one consumer: the producer puts the None"),
             {{"producers", "1"},
              {"consumers", "1"},
              {"items_per_producer", "10"},
              {"maxsize", "0"},
              {"produce_ms_min", "1000"},
              {"produce_ms_max", "3000"},
              {"consume_ms_min", "1000"},
              {"consume_ms_max", "3000"},
              {"shutdown", "sentinel-per-producer"},
              {"stagger_ms", "0"}}},
        },
    };
    return lab;
}

} // namespace proclab::labs
