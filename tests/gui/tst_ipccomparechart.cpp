// IpcCompareChart: the summary's "methods" rows become one bar per channel in
// each chart (rate and latency), with the channel's value in its label; the
// lab page shows it as a tab only once a run has measured; a real
// ipc-compare run in a LabPage ends with four positive bars.
#include "guitestsupport.h"
#include "ipccomparechart.h"
#include "labpage.h"
#include "summarypanel.h"
#include "tracemodel.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace proclab;

namespace {

QJsonObject row(const char *name, double rate, double latency)
{
    return {{QStringLiteral("name"), QString::fromLatin1(name)},
            {QStringLiteral("msgs_per_s"), rate},
            {QStringLiteral("latency_us"), latency}};
}

QJsonObject fourMethods()
{
    return {{QStringLiteral("methods"),
             QJsonArray{row("file", 132000, 2700), row("pipe", 122000, 6100),
                        row("queue", 181000, 2250), row("manager", 9500, 178000)}}};
}

QList<qreal> values(const QAbstractBarSeries *series)
{
    QList<qreal> out;
    if (series->count() != 1)
        return out;
    const QBarSet *set = series->barSets().first();
    for (int i = 0; i < set->count(); ++i)
        out << set->at(i);
    return out;
}

QStringList categories(QAbstractBarSeries *series)
{
    for (QAbstractAxis *axis : series->attachedAxes())
        if (auto *c = qobject_cast<QBarCategoryAxis *>(axis))
            return c->categories();
    return {};
}

} // namespace

class TestIpcCompareChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::installWarningRecorder(); }
    void cleanupTestCase() { test::uninstallWarningRecorder(); }
    void summaryRowsBecomeBars();
    void noMethodsNoBars();
    void summaryPanelShowsWhatDiffers();
    void labPageShowsTheTabAfterARealRun();
};

// The summary panel's text for the rows: one line per channel with only the
// fields that differ between channels; large numbers rounded.
void TestIpcCompareChart::summaryPanelShowsWhatDiffers()
{
    QJsonArray rows;
    for (QJsonObject r : {row("file", 132000.4, 2700.25), row("pipe", 122000, 610.5)}) {
        r.insert(QStringLiteral("complete"), true);
        rows.append(r);
    }
    QCOMPARE(SummaryPanel::formatValue(rows),
             QStringLiteral("file: latency_us=2700, msgs_per_s=132000\n"
                            "pipe: latency_us=610.5, msgs_per_s=122000"));
    // An incomplete channel is news: "complete" shows on every line.
    QJsonObject broken = rows[1].toObject();
    broken.insert(QStringLiteral("complete"), false);
    rows[1] = broken;
    QVERIFY(SummaryPanel::formatValue(rows).endsWith(
        QStringLiteral("complete=False, latency_us=610.5, msgs_per_s=122000")));
}

void TestIpcCompareChart::summaryRowsBecomeBars()
{
    TraceModel model;
    IpcCompareChart chart;
    QSignalSpy has(&chart, &IpcCompareChart::hasDataChanged);
    chart.setModel(&model);
    QVERIFY(!chart.hasData());
    model.setSummary(fourMethods());
    QVERIFY(chart.hasData());
    QCOMPARE(has.count(), 1);
    QCOMPARE(chart.methods(), (QStringList{"file", "pipe", "queue", "manager"}));
    // Horizontal bars run bottom to top: the first channel is the last bar (on top).
    QCOMPARE(values(chart.rateSeries()), (QList<qreal>{9500, 181000, 122000, 132000}));
    QCOMPARE(values(chart.latencySeries()), (QList<qreal>{178000, 2250, 6100, 2700}));
    const QStringList rates = categories(chart.rateSeries());
    QCOMPARE(rates.size(), 4);
    QCOMPARE(rates.last(), QStringLiteral("file+lock: 132 k/s"));
    QCOMPARE(rates.first(), QStringLiteral("Manager: 9.5 k/s"));
    const QStringList latencies = categories(chart.latencySeries());
    QCOMPARE(latencies.first(), QStringLiteral("Manager: 178 ms"));
    QCOMPARE(latencies.at(1), QStringLiteral("Queue: 2.3 ms"));
    // The same summary again (every live batch re-sends it) changes nothing.
    model.setSummary(fourMethods());
    QCOMPARE(has.count(), 1);
    QCOMPARE(values(chart.rateSeries()).size(), 4);
}

void TestIpcCompareChart::noMethodsNoBars()
{
    TraceModel model;
    IpcCompareChart chart;
    chart.setModel(&model);
    model.setSummary(fourMethods());
    QSignalSpy has(&chart, &IpcCompareChart::hasDataChanged);
    model.setSummary({{QStringLiteral("keys_written"), 4}});
    QVERIFY(!chart.hasData());
    QCOMPARE(has.count(), 1);
    QCOMPARE(chart.rateSeries()->count(), 0);
}

void TestIpcCompareChart::labPageShowsTheTabAfterARealRun()
{
    LabPage page;
    QVERIFY(test::showLab(page, QStringLiteral("ipc-compare")));
    auto *tabs = page.findChild<QTabWidget *>();
    QVERIFY(tabs);
    QCOMPARE(tabs->indexOf(page.ipcChart()), -1);
    test::setParameters(page, {{"messages", "300"}, {"size_bytes", "16"}});
    QString why;
    QVERIFY2(test::runToEnd(page, 60000, &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(page.ipcChart()->hasData(), 10000);
    QCOMPARE(tabs->currentWidget(), page.ipcChart());
    const QList<qreal> rates = values(page.ipcChart()->rateSeries());
    const QList<qreal> latencies = values(page.ipcChart()->latencySeries());
    // file, pipe, queue, shared-memory, manager
    QCOMPARE(rates.size(), 5);
    QCOMPARE(latencies.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(rates[i] > 0);
        QVERIFY(latencies[i] > 0);
    }
    QVERIFY2(test::recordedWarnings().isEmpty(), qPrintable(test::recordedWarnings().join('\n')));
}

QTEST_MAIN(TestIpcCompareChart)
#include "tst_ipccomparechart.moc"
