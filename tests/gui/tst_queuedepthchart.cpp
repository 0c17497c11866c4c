// The queue-depth chart: its data (steps, downsampling, blocked spans, totals)
// computed from hand-built traces, and after a real producer/consumer run the
// plotted series holds exactly the trace's depth counter.
#include "guitestsupport.h"
#include "labpage.h"
#include "parameterform.h"
#include "processcensus.h"
#include "queuedepthchart.h"
#include "queuedepthseries.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <unistd.h>

using namespace proclab;

namespace {

TraceEvent counter(double ts, int depth)
{
    return {ts,
            1,
            TraceEvent::Counter,
            ev::QueueCounterPrefix + QStringLiteral("q"),
            {{"depth", depth}},
            0};
}

TraceEvent marker(double ts, qint64 pid, const QString &name)
{
    return {ts, pid, TraceEvent::Instant, name, {{"queue", "q"}}, 0};
}

} // namespace

class TestQueueDepthChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stepsFollowTheCounter()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append({{0,
                       1,
                       TraceEvent::Meta,
                       ev::ProcessName,
                       {{"name", "MainProcess"}, {"main", true}},
                       0},
                      counter(10, 1),
                      counter(20, 2),
                      counter(30, 1)});
        const QueueDepthData d = QueueDepthData::from(model);
        QCOMPARE(d.queues.size(), 1);
        QCOMPARE(d.queues[0].name, QStringLiteral("q"));
        QCOMPARE(d.queues[0].rawSamples, 3);
        QCOMPARE(d.queues[0].maxDepth, 2);
        // A step: the depth holds until the next sample, then jumps.
        const QVector<QPointF> expected{{10, 1}, {20, 1}, {20, 2}, {30, 2}, {30, 1}, {30, 1}};
        QCOMPARE(d.queues[0].steps, expected);
    }

    void downsamplingKeepsEveryPeak()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        TraceEvents events;
        for (int i = 0; i < 100000; ++i)
            events.push_back(counter(i * 10.0, i == 54321 ? 999 : i % 7));
        model.append(events);
        const QueueDepthData d = QueueDepthData::from(model, 4000);
        QCOMPARE(d.queues[0].rawSamples, 100000);
        QVERIFY(d.queues[0].steps.size() <= 4000);
        double peak = 0;
        for (const QPointF &p : d.queues[0].steps)
            peak = std::max(peak, p.y());
        QCOMPARE(peak, 999.0); // one spike among 100000 samples survives
        QCOMPARE(d.queues[0].maxDepth, 999);
    }

    void blockedSpansAreUnitedAcrossProcesses()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append({{10, 2, TraceEvent::Begin, ev::WaitPut, {}, 0},
                      {30, 2, TraceEvent::End, ev::WaitPut, {}, 0},
                      {20, 3, TraceEvent::Begin, ev::WaitPut, {}, 0},
                      {40, 3, TraceEvent::End, ev::WaitPut, {}, 0},
                      {50, 4, TraceEvent::Begin, ev::WaitGet, {}, 0},
                      {60, 4, TraceEvent::End, ev::WaitGet, {}, 0},
                      marker(5, 2, ev::Put),
                      marker(6, 2, ev::Put),
                      marker(7, 4, ev::Get)});
        const QueueDepthData d = QueueDepthData::from(model);
        QCOMPARE(d.putBlocked.size(), 1);
        QCOMPARE(d.putBlocked[0].t0, 10.0);
        QCOMPARE(d.putBlocked[0].t1, 40.0);
        QCOMPARE(d.getBlocked.size(), 1);
        QCOMPARE(d.totals.size(), 2);
        QCOMPARE(d.totals[0].puts, 2);
        QCOMPARE(d.totals[1].gets, 1);
    }

    void seriesEqualsTheTracesCounterAfterARealRun()
    {
        LabPage page;
        page.resize(1280, 720);
        page.show();
        page.setLab(QStringLiteral("producer-consumer"));
        test::setParameters(page, {{"producers", "2"},
                                   {"consumers", "2"},
                                   {"items_per_producer", "4"},
                                   {"maxsize", "2"},
                                   {"produce_ms_min", "0"},
                                   {"produce_ms_max", "5"},
                                   {"consume_ms_min", "5"},
                                   {"consume_ms_max", "20"},
                                   {"stagger_ms", "0"}});
        QString why;
        QVERIFY2(test::runToEnd(page, 60000, &why), qPrintable(why));
        QCOMPARE(page.session()->state(), LabSession::State::Finished);
        QVERIFY(page.queueChart()->hasQueues());

        // Every depth sample of the trace is a point of the plotted series.
        QList<QPointF> samples;
        const TraceModel &m = *page.model();
        for (int r = 0; r < m.rowCount(); ++r)
            for (const TraceEvent &e : m.lane(r).counterEvents())
                if (e.ph == TraceEvent::Counter && e.name.startsWith(ev::QueueCounterPrefix))
                    samples << QPointF(e.ts / 1e6, e.args.value("depth").toDouble());
        QCOMPARE(samples.size(), 8 + 8 + 2 + 2); // puts and gets of 8 items and of 2 sentinels
        QLineSeries *depth = nullptr;
        for (QAbstractSeries *s : page.queueChart()->chart()->series())
            if (s->name().startsWith(QStringLiteral("items in")))
                depth = qobject_cast<QLineSeries *>(s);
        QVERIFY(depth);
        const QList<QPointF> plotted = depth->points();
        for (const QPointF &s : samples)
            QVERIFY2(plotted.contains(s),
                     qPrintable(QStringLiteral("%1,%2").arg(s.x()).arg(s.y())));
        for (const QPointF &p : plotted)
            QVERIFY(p.y() <= 2); // never above maxsize
        QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(), 2000);
    }
};

QTEST_MAIN(TestQueueDepthChart)
#include "tst_queuedepthchart.moc"
