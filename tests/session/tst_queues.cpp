// The queue labs on real processes, checked from the trace: the depth every
// put/get marker records equals puts minus gets so far, the "queue q" counter
// stays within maxsize, JoinableQueue and one sentinel per consumer leave no
// work undone, one sentinel per producer does (or leaves consumers hung), a
// full queue blocks or raises, and joining a child stuck in put() blocks.
#include "labrun.h"
#include "labsession.h"
#include "processcensus.h"
#include "processsuite.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <unistd.h>

using namespace proclab;
using test::Params;

namespace {

const QString kQueueCounter = ev::QueueCounterPrefix + QStringLiteral("q");

using Run = test::LabRun;

bool isSentinel(const Marker &m)
{
    return m.args.value(QLatin1String("sentinel")).toBool();
}

// At every put/get marker, across lanes in time order: depth_after == puts − gets so far.
void verifyDepthFollowsPutsAndGets(const Run &run)
{
    qint64 puts = 0, gets = 0;
    const QVector<Marker> ops = run.markers({ev::Put, ev::Get});
    QVERIFY(!ops.isEmpty());
    for (const Marker &m : ops) {
        (m.name == ev::Put ? puts : gets) += 1;
        const qint64 depth = m.args.value(QLatin1String("depth_after")).toInteger(-1);
        QVERIFY2(depth == puts - gets,
                 qPrintable(QStringLiteral("%1 at %2 µs: depth_after %3, puts − gets %4")
                                .arg(m.name)
                                .arg(m.t)
                                .arg(depth)
                                .arg(puts - gets)));
        QCOMPARE(m.args.value(QLatin1String("queue")).toString(), QStringLiteral("q"));
    }
}

// JoinableQueue: at every task_done marker, unfinished == puts − task_dones so
// far; MainProcess's q.join() (wait:join-queue, if it had to wait) ended only
// after the last one.
void verifyJoinWaitsForEveryTaskDone(const Run &run, qint64 items, bool mainMustWait)
{
    qint64 puts = 0, done = 0;
    double lastDoneAt = -1;
    for (const Marker &m : run.markers({ev::Put, ev::TaskDone})) {
        if (m.name == ev::Put) {
            ++puts;
            continue;
        }
        ++done;
        lastDoneAt = m.t;
        QCOMPARE(m.args.value(QLatin1String("unfinished")).toInteger(-1), puts - done);
    }
    QCOMPARE(done, items);
    QCOMPARE(puts - done, 0);
    const Lane *main = run.mainLane();
    QVERIFY(main);
    const QVector<Interval> joins = run.intervals(*main, ev::WaitJoinQueue);
    QVERIFY(joins.size() <= 1);
    if (mainMustWait)
        QCOMPARE(joins.size(), 1);
    for (const Interval &iv : joins) {
        QVERIFY(!iv.open());
        QVERIFY2(iv.t1 >= lastDoneAt,
                 qPrintable(QStringLiteral("join ended at %1 µs, last task_done at %2 µs")
                                .arg(iv.t1)
                                .arg(lastDoneAt)));
    }
}

// The "queue q" counter lives on MainProcess's lane only; its highest value.
qint64 counterMax(const Run &run)
{
    qint64 most = -1;
    for (int r = 0; r < run.model.rowCount(); ++r) {
        const Lane &l = run.model.lane(r);
        for (const TraceEvent &e : l.counterEvents()) {
            if (e.ph != TraceEvent::Counter || e.name != kQueueCounter)
                continue;
            if (!l.isMain)
                return -2;
            most = std::max(most, e.args.value(QLatin1String("depth")).toInteger());
        }
    }
    return most;
}

} // namespace

class TestQueues : public test::ProcessSuite
{
    Q_OBJECT
private Q_SLOTS:
    void producerConsumerFinishesAllWork_data()
    {
        QTest::addColumn<QString>("shutdown");
        QTest::addColumn<int>("maxsize");
        QTest::addColumn<int>("produceMax");
        QTest::addColumn<int>("consumeMin");
        // Fast producers, slow consumers: a bounded queue fills up, and when
        // the last producer is done, main's q.join() still has work to wait for.
        QTest::newRow("sentinel-per-consumer, Queue(2)") << "sentinel-per-consumer" << 2 << 0 << 10;
        QTest::newRow("joinable, Queue(2)") << "joinable" << 2 << 0 << 10;
        QTest::newRow("sentinel-per-consumer, unbounded") << "sentinel-per-consumer" << 0 << 5 << 0;
        QTest::newRow("joinable, unbounded") << "joinable" << 0 << 5 << 0;
    }
    void producerConsumerFinishesAllWork()
    {
        QFETCH(QString, shutdown);
        QFETCH(int, maxsize);
        QFETCH(int, produceMax);
        QFETCH(int, consumeMin);
        const int producers = 3, items = 6;
        Run run(QStringLiteral("producer-consumer"),
                {{"producers", QString::number(producers)},
                 {"consumers", "2"},
                 {"items_per_producer", QString::number(items)},
                 {"maxsize", QString::number(maxsize)},
                 {"produce_ms_min", "0"},
                 {"produce_ms_max", QString::number(produceMax)},
                 {"consume_ms_min", QString::number(consumeMin)},
                 {"consume_ms_max", QString::number(consumeMin + 5)},
                 {"shutdown", shutdown},
                 {"stagger_ms", "0"}});
        QVERIFY(run.ok);
        QCOMPARE(run.value("produced"), producers * items);
        QCOMPARE(run.value("consumed"), run.value("produced"));
        QCOMPARE(run.value("unprocessed"), 0);
        QCOMPARE(run.value("consumers_hung"), 0);
        verifyDepthFollowsPutsAndGets(run);
        if (QTest::currentTestFailed())
            return;
        const qint64 most = counterMax(run);
        QVERIFY2(most >= 0, "no \"queue q\" counter on MainProcess's lane only");
        QCOMPARE(most, run.value("max_depth"));
        if (maxsize > 0) {
            // Producers outrun consumers: the queue is full, and never more than full.
            QCOMPARE(most, qint64(maxsize));
            int producerWaits = 0;
            for (int r = 0; r < run.model.rowCount(); ++r)
                producerWaits += int(run.intervals(run.model.lane(r), ev::WaitPut).size());
            QVERIFY(producerWaits > 0);
        }
        const QVector<Marker> puts = run.markers({ev::Put});
        const qint64 sentinels = std::count_if(puts.begin(), puts.end(), isSentinel);
        QCOMPARE(sentinels, shutdown == QLatin1String("joinable") ? 0 : 2);
        if (shutdown == QLatin1String("joinable"))
            verifyJoinWaitsForEveryTaskDone(run, producers * items, maxsize > 0);
    }

    // Producer k starts k × 300 ms later: the first two sentinels stop both
    // consumers while producer 3 still has all its items to make.
    void producerStuckOnAFullQueueIsEndedNotWaitedForForever()
    {
        // Both consumers stop at the first two sentinels; the last producer
        // then fills Queue(1) and blocks in put() with nobody left to get.
        Run run(QStringLiteral("producer-consumer"), {{"shutdown", "sentinel-per-producer"},
                                                      {"producers", "3"},
                                                      {"consumers", "2"},
                                                      {"items_per_producer", "4"},
                                                      {"maxsize", "1"},
                                                      {"produce_ms_min", "10"},
                                                      {"produce_ms_max", "10"},
                                                      {"consume_ms_min", "0"},
                                                      {"consume_ms_max", "0"},
                                                      {"stagger_ms", "500"}});
        QVERIFY(run.ok);
        QCOMPARE(run.value("producers_hung"), 1);
        QCOMPARE(run.value("consumed") + run.value("unprocessed"), run.value("produced"));
        // The stuck producer's lane says so, and shows it blocked in put().
        int flagged = 0;
        for (int r = 0; r < run.model.rowCount(); ++r) {
            const Lane &l = run.model.lane(r);
            for (const Marker &m : l.markers())
                if (m.name == ev::Error && m.args.value("message").toString().startsWith(
                                               QStringLiteral("hung: blocked in put()"))) {
                    ++flagged;
                    QVERIFY(!run.intervals(l, ev::WaitPut).isEmpty());
                    QCOMPARE(l.exitcode.value_or(0), -15);
                }
        }
        QCOMPARE(flagged, 1);
    }

    void sentinelPerProducerLeavesItemsUnprocessed()
    {
        Run run(QStringLiteral("producer-consumer"), {{"shutdown", "sentinel-per-producer"},
                                                      {"producers", "3"},
                                                      {"consumers", "2"},
                                                      {"items_per_producer", "3"},
                                                      {"produce_ms_min", "20"},
                                                      {"produce_ms_max", "20"},
                                                      {"consume_ms_min", "0"},
                                                      {"consume_ms_max", "0"},
                                                      {"stagger_ms", "300"}});
        QVERIFY(run.ok);
        QCOMPARE(run.value("produced"), 9);
        QVERIFY2(run.value("unprocessed") > 0,
                 qPrintable(QString::number(run.value("unprocessed"))));
        QCOMPARE(run.value("consumed") + run.value("unprocessed"), run.value("produced"));
        QCOMPARE(run.value("consumers_hung"), 0);
        verifyDepthFollowsPutsAndGets(run);
        if (QTest::currentTestFailed())
            return;
        // One None per producer; both consumers took one, the third stays queued.
        int sentinelPuts = 0, sentinelGets = 0;
        for (const Marker &m : run.markers({ev::Put, ev::Get})) {
            if (!isSentinel(m))
                continue;
            QVERIFY2(m.args.contains(QLatin1String("item")) &&
                         m.args.value(QLatin1String("item")).isNull(),
                     qPrintable(m.args.value(QLatin1String("item")).toVariant().toString()));
            (m.name == ev::Put ? sentinelPuts : sentinelGets) += 1;
        }
        QCOMPARE(sentinelPuts, 3);
        QCOMPARE(sentinelGets, 2);
        const QVector<Marker> gets = run.markers({ev::Get});
        QCOMPARE(gets.size() - sentinelGets, run.value("consumed"));
    }

    void consumersHangWithoutEnoughSentinels_data()
    {
        QTest::addColumn<QString>("shutdown");
        QTest::addColumn<int>("producers");
        QTest::addColumn<int>("consumers");
        QTest::addColumn<int>("hung");
        QTest::newRow("sentinel-per-producer, 2 producers, 4 consumers")
            << "sentinel-per-producer" << 2 << 4 << 2;
        QTest::newRow("none") << "none" << 2 << 3 << 3;
    }
    void consumersHangWithoutEnoughSentinels()
    {
        QFETCH(QString, shutdown);
        QFETCH(int, producers);
        QFETCH(int, consumers);
        QFETCH(int, hung);
        Run run(QStringLiteral("producer-consumer"), {{"shutdown", shutdown},
                                                      {"producers", QString::number(producers)},
                                                      {"consumers", QString::number(consumers)},
                                                      {"items_per_producer", "3"},
                                                      {"produce_ms_min", "0"},
                                                      {"produce_ms_max", "2"},
                                                      {"consume_ms_min", "0"},
                                                      {"consume_ms_max", "2"},
                                                      {"stagger_ms", "0"}});
        QVERIFY(run.ok);
        QCOMPARE(run.value("consumers_hung"), hung);
        QCOMPARE(run.value("produced"), producers * 3);
        QCOMPARE(run.value("unprocessed"), 0);
        // Each hung consumer was still waiting in get() when it was terminated:
        // its exit closed that wait.
        int terminated = 0, endedWaiting = 0;
        for (int r = 0; r < run.model.rowCount(); ++r) {
            const Lane &l = run.model.lane(r);
            if (l.isMain || l.exitcode != -15)
                continue;
            ++terminated;
            const QVector<Interval> waits = run.intervals(l, ev::WaitGet);
            for (const Marker &m : l.markers())
                if (m.name == ev::Exit && !waits.isEmpty() && waits.last().t1 == m.t)
                    ++endedWaiting;
        }
        QCOMPARE(terminated, hung);
        QCOMPARE(endedWaiting, hung);
        verifyDepthFollowsPutsAndGets(run);
    }

    void queueBasicsBlocksOrRaises_data()
    {
        QTest::addColumn<Params>("params");
        QTest::addColumn<bool>("fullRaised");
        QTest::addColumn<int>("putsDone");
        // How long main's first put() waited; -1: Full was raised before any wait.
        QTest::addColumn<int>("mainPutWaitAtLeastMs");
        // Defaults: Queue(3), 4 puts, the consumer starts getting after 1 s.
        QTest::newRow("default: the 4th put blocks") << Params{} << false << 4 << 500;
        QTest::newRow("block=false: Full at once") << Params{{"block", "false"}} << true << 3 << -1;
        QTest::newRow("timeout 300 ms: Full after waiting")
            << Params{{"timeout_ms", "300"}, {"consumer_delay_ms", "1000"}} << true << 3 << 300;
    }
    void queueBasicsBlocksOrRaises()
    {
        QFETCH(Params, params);
        QFETCH(bool, fullRaised);
        QFETCH(int, putsDone);
        QFETCH(int, mainPutWaitAtLeastMs);
        Run run(QStringLiteral("queue-basics"), params);
        QVERIFY(run.ok);
        QCOMPARE(run.flag("full_raised"), fullRaised);
        QCOMPARE(run.value("puts_done"), putsDone);
        QCOMPARE(run.value("max_depth"), 3);
        const Lane *main = run.mainLane();
        QVERIFY(main);
        const QVector<Interval> waits = run.intervals(*main, ev::WaitPut);
        double fullAt = -1; // when main printed that put() raised Full
        for (const Marker &m : main->markers())
            if (m.name == ev::Stdout && m.args.value(QLatin1String("text"))
                                            .toString()
                                            .contains(QLatin1String("raised queue.Full")))
                fullAt = m.t;
        QCOMPARE(fullAt >= 0, fullRaised);
        if (mainPutWaitAtLeastMs < 0) {
            // put_nowait raised at once: main's only wait (for the final None) came later.
            for (const Interval &iv : waits)
                QVERIFY2(
                    iv.t0 > fullAt,
                    qPrintable(
                        QStringLiteral("wait:put at %1 µs, Full at %2 µs").arg(iv.t0).arg(fullAt)));
        } else {
            QVERIFY(!waits.isEmpty());
            const Interval &first = waits.first();
            QVERIFY(!first.open());
            QVERIFY2(first.t1 - first.t0 >= mainPutWaitAtLeastMs * 1000.0,
                     qPrintable(QStringLiteral("waited %1 µs").arg(first.t1 - first.t0)));
            QCOMPARE(first.args.value(QLatin1String("queue")).toString(), QStringLiteral("q"));
            if (fullRaised)
                QVERIFY(first.t1 <= fullAt); // the timed put waited, then raised
        }
        QVERIFY(counterMax(run) <= 3);
        verifyDepthFollowsPutsAndGets(run);
        if (QTest::currentTestFailed())
            return;
        // The consumer says "got <n>" once per item it got, never for a None.
        static const QRegularExpression gotNumber(QStringLiteral("^got -?\\d"));
        for (int r = 0; r < run.model.rowCount(); ++r) {
            const Lane &l = run.model.lane(r);
            if (l.isMain)
                continue;
            int said = 0, items = 0;
            for (const Marker &m : l.markers()) {
                said += m.name == ev::Stdout &&
                        gotNumber.match(m.args.value(QLatin1String("text")).toString()).hasMatch();
                items += m.name == ev::Get && !isSentinel(m);
            }
            QCOMPARE(said, items);
            QCOMPARE(items, run.value("gets_done"));
        }
    }

    void joinBeforeGetDeadlocks_data()
    {
        QTest::addColumn<QString>("order");
        QTest::addColumn<bool>("blocked");
        QTest::newRow("join-then-get") << "join-then-get" << true;
        QTest::newRow("get-then-join") << "get-then-join" << false;
    }
    void joinBeforeGetDeadlocks()
    {
        QFETCH(QString, order);
        QFETCH(bool, blocked);
        Run run(QStringLiteral("queue-join-deadlock"),
                {{"order", order}, {"join_timeout_ms", "200"}, {"items", "10"}, {"maxsize", "3"}});
        QVERIFY(run.ok);
        QCOMPARE(run.flag("join_blocked"), blocked);
        QCOMPARE(run.value("items_received"), 10);
        QCOMPARE(run.value("child_exitcode"), 0);
        const Lane *main = run.mainLane();
        QVERIFY(main);
        int joinsReturnedAlive = 0;
        for (const Interval &iv : run.intervals(*main, ev::Join))
            joinsReturnedAlive += iv.args.value(QLatin1String("returned_alive")).toBool();
        QCOMPARE(joinsReturnedAlive, blocked ? 1 : 0);
        int childPutWaits = 0;
        for (int r = 0; r < run.model.rowCount(); ++r)
            if (!run.model.lane(r).isMain)
                childPutWaits += int(run.intervals(run.model.lane(r), ev::WaitPut).size());
        if (blocked)
            QVERIFY(childPutWaits > 0); // stuck in put() while main sat in join()
        verifyDepthFollowsPutsAndGets(run);
    }

    void badParametersAreRefused_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<Params>("params");
        QTest::addColumn<QString>("message");
        QTest::newRow("produce range reversed")
            << "producer-consumer" << Params{{"produce_ms_min", "50"}, {"produce_ms_max", "10"}}
            << "produce_ms_min (50) must not exceed produce_ms_max (10)";
        QTest::newRow("consume range reversed")
            << "producer-consumer" << Params{{"consume_ms_min", "3000"}, {"consume_ms_max", "2999"}}
            << "consume_ms_min (3000) must not exceed consume_ms_max (2999)";
        QTest::newRow("no producers")
            << "producer-consumer" << Params{{"producers", "0"}} << "producers must be 1–32, got 0";
        QTest::newRow("unknown shutdown")
            << "producer-consumer" << Params{{"shutdown", "poison-pill"}}
            << "shutdown must be one of sentinel-per-consumer, sentinel-per-producer, joinable, "
               "none, got 'poison-pill'";
        QTest::newRow("join-deadlock items within maxsize")
            << "queue-join-deadlock" << Params{{"items", "3"}, {"maxsize", "3"}}
            << "items (3) must exceed maxsize (3) for put() to block";
    }
    void badParametersAreRefused()
    {
        QFETCH(QString, lab);
        QFETCH(Params, params);
        QFETCH(QString, message);
        test::verifyRefused(lab, params, message);
    }
};

QTEST_GUILESS_MAIN(TestQueues)
#include "tst_queues.moc"
