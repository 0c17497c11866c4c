// Lost-update analysis on hand-built traces: each row is a small history of
// reads and writes of one counter (every write = the value read + 1), and the
// analysis must find exactly the writes that were overwritten — always
// expected − actual of them.
#include "lostupdates.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace proclab;

namespace {

// One access: process `pid` at time `t` reads, or writes `value` as write #version.
struct Access
{
    qint64 pid;
    double t;
    bool write;
    int value;
    qint64 version;
};

TraceEvents eventsOf(const QVector<Access> &accesses)
{
    TraceEvents out;
    QSet<qint64> named;
    for (const Access &a : accesses) {
        if (!named.contains(a.pid)) {
            named.insert(a.pid);
            out.push_back({0,
                           a.pid,
                           TraceEvent::Meta,
                           ev::ProcessName,
                           {{"name", QStringLiteral("Process-%1").arg(a.pid)}},
                           0});
        }
        out.push_back({a.t,
                       a.pid,
                       TraceEvent::Instant,
                       a.write ? ev::Write : ev::Read,
                       {{"object", "counter"}, {"value", a.value}, {"version", a.version}},
                       0});
    }
    return out;
}

// Each process increments: read (value, version) then write (value+1, next version).
// `steps` lists, in time order, which process reads (+pid) or writes (-pid).
QVector<Access> simulate(const QVector<int> &steps, int *finalValue, int *writes)
{
    int value = 0;
    qint64 version = 0;
    QHash<int, int> readValue;
    QVector<Access> out;
    double t = 0;
    for (int s : steps) {
        t += 10;
        if (s > 0) {
            readValue[s] = value;
            out.push_back({s, t, false, value, version});
        } else {
            value = readValue.value(-s) + 1;
            out.push_back({-s, t, true, value, ++version});
        }
    }
    *finalValue = value;
    *writes = int(version);
    return out;
}

} // namespace

class TestLostUpdates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findingsEqualExpectedMinusActual_data()
    {
        QTest::addColumn<QVector<int>>("steps");
        QTest::addColumn<int>("lost");
        QTest::newRow("no overlap") << QVector<int>{1, -1, 2, -2, 1, -1} << 0;
        QTest::newRow("one overlap") << QVector<int>{1, 2, -2, -1} << 1;
        QTest::newRow("overlap the other way round") << QVector<int>{1, 2, -1, -2} << 1;
        QTest::newRow("nested: one long read-modify-write over two short ones")
            << QVector<int>{1, 2, -2, 3, -3, -1} << 2;
        QTest::newRow("three-way: all read the same value")
            << QVector<int>{1, 2, 3, -1, -2, -3} << 2;
        QTest::newRow("chained overlaps") << QVector<int>{1, 2, -1, 3, -2, -3} << 1;
        QTest::newRow("an overwriter whose own write is lost later")
            << QVector<int>{1, 2, -2, 3, -1, -3} << 1;
        QTest::newRow("single process") << QVector<int>{1, -1, 1, -1, 1, -1} << 0;
        // Long seeded random schedules: runs of writes by one process (the
        // analysis walks those without its heap) between interleavings.
        for (const int processes : {2, 5}) {
            QVector<int> steps;
            QSet<int> reading;
            std::uint32_t seed = 12345u + std::uint32_t(processes);
            auto next = [&seed] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
            int p = 1;
            for (int i = 0; i < 4000; ++i) {
                if (next() % 4 == 0) // another process takes over (else the same goes on)
                    p = 1 + int(next() % std::uint32_t(processes));
                steps << (reading.contains(p) ? -p : p);
                if (reading.contains(p))
                    reading.remove(p);
                else
                    reading.insert(p);
            }
            for (int q : reading)
                steps << -q;
            int finalValue = 0, writes = 0;
            simulate(steps, &finalValue, &writes);
            QTest::addRow("random, %d processes, %d writes", processes, writes)
                << steps << writes - finalValue;
        }
    }
    void findingsEqualExpectedMinusActual()
    {
        QFETCH(QVector<int>, steps);
        QFETCH(int, lost);
        int finalValue = 0, writes = 0;
        const QVector<Access> accesses = simulate(steps, &finalValue, &writes);
        QCOMPARE(writes - finalValue, lost); // the row itself is right
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(eventsOf(accesses));
        const QVector<LostUpdate> found = LostUpdates::find(model);
        QCOMPARE(found.size(), lost);
        for (const LostUpdate &u : found) {
            QVERIFY(u.overwriterTs > u.lostTs); // the overwriting write came after
            QVERIFY(u.readTs < u.lostTs);       // ... and was based on a read before it
            QVERIFY(u.lostPid != u.overwriterPid);
            QCOMPARE(u.object, QStringLiteral("counter"));
        }
    }

    void storyNamesWhoLostWhat()
    {
        int finalValue = 0, writes = 0;
        TraceModel model;
        model.append(eventsOf(simulate({2, 3, -3, -2}, &finalValue, &writes)));
        const QVector<LostUpdate> found = LostUpdates::find(model);
        QCOMPARE(found.size(), 1);
        QCOMPARE(LostUpdates::story(found.first(), model),
                 QStringLiteral("Process-2 read 0, Process-3 wrote 1, Process-2 wrote 1: "
                                "Process-3's update is lost"));
    }

    void eventsGoOnTheOverwritersLane()
    {
        int finalValue = 0, writes = 0;
        TraceModel model;
        model.append(eventsOf(simulate({1, 2, -2, -1}, &finalValue, &writes)));
        const QVector<LostUpdate> found = LostUpdates::find(model);
        const TraceEvents events = LostUpdates::toEvents(found, model);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().name, ev::LostUpdate);
        QCOMPARE(events.first().pid, 1);
        QCOMPARE(events.first().args.value("lost_write_pid").toInteger(), 2);
        QCOMPARE(events.first().args.value("object").toString(), QStringLiteral("counter"));
        // Round trip through a marker gives the same finding back.
        model.append(events);
        const int row = model.rowOfPid(1);
        const auto &markers = model.lane(row).markers();
        const auto it = std::find_if(markers.begin(), markers.end(),
                                     [](const Marker &m) { return m.name == ev::LostUpdate; });
        QVERIFY(it != markers.end());
        const LostUpdate back = LostUpdates::fromMarker(1, *it);
        QCOMPARE(back.lostPid, found.first().lostPid);
        QCOMPARE(back.readValue, found.first().readValue);
        QCOMPARE(back.overwriterValue, found.first().overwriterValue);
    }

    void unversionedFilesAreNotAnalysed()
    {
        TraceModel model;
        model.append(eventsOf({{1, 10, false, 1, 0},
                               {2, 20, false, 1, 0},
                               {1, 30, true, 0, 0},
                               {2, 40, true, 0, 0}}));
        QVERIFY(LostUpdates::find(model).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLostUpdates)
#include "tst_lostupdates.moc"
