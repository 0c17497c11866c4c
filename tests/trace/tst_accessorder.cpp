// AccessOrder on hand-built stores: access times that contradict the
// versions (a read timed after the next write, a write after a read of its
// value) move down to the later access's time, nothing else moves, and each
// lane's track stays in time order. A Python program's run and files
// (no versions) are left alone.
#include "accessorder.h"
#include "tracerecord.h"

#include <QTest>

using namespace proclab;

namespace {

constexpr qint64 kCounter = 64;
constexpr qint64 kP = 101, kQ = 102;

struct Step
{
    qint64 pid;
    double t; // as the process timed it
    bool write;
    int value;
    quint32 version;
};

void add(EventStore &store, const QVector<Step> &steps, qint64 object = kCounter)
{
    store.objectName(object, QStringLiteral("counter"));
    for (const Step &s : steps)
        store.instant(s.pid, s.t, s.write ? EventKind::Write : EventKind::Read,
                      packValue(s.value, s.version), object);
}

// pid -> the times of its bulk markers, in row order.
QMap<qint64, QVector<double>> times(const StoreSnapshot &snap)
{
    QMap<qint64, QVector<double>> out;
    for (const Lane &lane : snap.lanes)
        for (std::size_t i = 0; i < lane.tracks.bulk.size(); ++i)
            out[lane.pid].push_back(lane.tracks.bulk.t(i));
    return out;
}

} // namespace

class TestAccessOrder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timesFollowVersions()
    {
        // P read 0 (version 0) at about 10, but was interrupted right after
        // the release and timed it 45; Q read 0 at 20 and wrote 1 (v1) at 30;
        // P wrote 1 (v2) at 50, timed 50; Q read 1 (v2) timed 49, before the
        // write of what it read: both must come down.
        EventStore store;
        add(store, {{kP, 45, false, 0, 0},
                    {kQ, 20, false, 0, 0},
                    {kQ, 30, true, 1, 1},
                    {kQ, 49, false, 1, 2},
                    {kP, 50, true, 1, 2}});
        const qint64 moved = AccessOrder::repair(store.snapshot(), store);
        const auto t = times(store.snapshot());
        QCOMPARE(t.value(kP), (QVector<double>{30, 49})); // read 0: before Q's write of v1
        QCOMPARE(t.value(kQ), (QVector<double>{20, 30, 49})); // unchanged
        QCOMPARE(moved, 2);
        // The write of v2 (P, 50) came after Q's read of v2 (49): P's write
        // moves down to it, and P's own read stays before it.
    }

    void aMovedAccessTakesEarlierRowsOfItsProcessAlong()
    {
        EventStore store;
        store.instant(kP, 40, EventKind::Stdout); // printed before the read, timed 40
        add(store, {{kP, 45, false, 0, 0}, {kQ, 30, true, 1, 1}});
        QCOMPARE(AccessOrder::repair(store.snapshot(), store), 2);
        QCOMPARE(times(store.snapshot()).value(kP), (QVector<double>{30, 30}));
    }

    void ordersEveryObjectOnItsOwn()
    {
        EventStore store;
        add(store, {{kP, 45, false, 0, 0}, {kQ, 30, true, 1, 1}}, kCounter);
        add(store, {{kQ, 60, false, 0, 0}, {kP, 70, true, 5, 1}}, kCounter + 8); // in order
        QCOMPARE(AccessOrder::repair(store.snapshot(), store), 1);
        const auto t = times(store.snapshot());
        QCOMPARE(t.value(kP), (QVector<double>{30, 70}));
        QCOMPARE(t.value(kQ), (QVector<double>{30, 60}));
    }

    void leavesConsistentTimesFilesAndPythonRunsAlone()
    {
        {
            EventStore store; // already in order
            add(store, {{kP, 10, false, 0, 0}, {kQ, 20, false, 0, 0}, {kP, 30, true, 1, 1},
                        {kQ, 40, true, 1, 2}});
            QCOMPARE(AccessOrder::repair(store.snapshot(), store), 0);
        }
        {
            EventStore store; // a file: writes carry no version
            add(store, {{kP, 45, false, 0, 0}, {kQ, 30, true, 1, 0}});
            QCOMPARE(AccessOrder::repair(store.snapshot(), store), 0);
        }
        {
            EventStore store; // a Python program: timed inside the lock, lines keyed by time
            add(store, {{kP, 45, false, 0, 0}, {kQ, 30, true, 1, 1}});
            store.location(kP, 45, EventKind::Read, 7, store.text(QStringLiteral("prog.py")));
            QCOMPARE(AccessOrder::repair(store.snapshot(), store), 0);
            QCOMPARE(times(store.snapshot()).value(kP), (QVector<double>{45}));
        }
    }
};

QTEST_GUILESS_MAIN(TestAccessOrder)
#include "tst_accessorder.moc"
