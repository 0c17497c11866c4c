// Export of views and traces: PNG at 1x and 2x has the right pixels and the
// lanes' colours; SVG is XML whose <text> holds the lane names and renders
// back to the same colours; the queue chart, the race panel and the whole
// page export after real runs; a failed save names the path and the reason.

#include "exportactions.h"
#include "exporter.h"
#include "guitestsupport.h"
#include "labpage.h"
#include "queuedepthchart.h"
#include "racepanel.h"
#include "timelinelayout.h"
#include "timelinepalette.h"
#include "timelineview.h"
#include "tracemodel.h"
#include "traceopener.h"
#include "viewrenderer.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPainter>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <unistd.h>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr qint64 kMain = 100;
constexpr qint64 kChild = 201;
constexpr int kRunBoundMs = 60000;
const QSize kSize(900, 400);

void fillRun(TraceModel &m)
{
    m.setRunInfo(QStringLiteral("join"), {{QStringLiteral("n"), 1}});
    m.append({meta(kMain, QStringLiteral("MainProcess"), 1, true), begin(0, kMain, ev::Running),
              meta(kChild, QStringLiteral("Process-1"), kMain), begin(10'000, kChild, ev::Running),
              begin(20'000, kChild, ev::Sleep, {{QStringLiteral("ms"), 500}}),
              end(520'000, kChild, ev::Sleep), end(600'000, kChild, ev::Running),
              end(700'000, kMain, ev::Running)});
    m.setRunStatus(QStringLiteral("finished"));
}

struct Svg
{
    bool valid = false;
    QString error;
    QString viewBox;
    QStringList texts; // every <text> element's content
};

Svg parseSvg(const QString &path)
{
    Svg svg;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        svg.error = f.errorString();
        return svg;
    }
    QXmlStreamReader xml(&f);
    bool sawRoot = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (!sawRoot) {
            sawRoot = true;
            if (xml.name() != QLatin1String("svg")) {
                svg.error = QStringLiteral("root is <%1>").arg(xml.name());
                return svg;
            }
            svg.viewBox = xml.attributes().value(QStringLiteral("viewBox")).toString();
        } else if (xml.name() == QLatin1String("text")) {
            svg.texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
        }
    }
    if (xml.hasError())
        svg.error = xml.errorString();
    svg.valid = sawRoot && !xml.hasError();
    return svg;
}

// The SVG drawn back by Qt's own renderer. (It lacks SVG <pattern>, which the
// zombie hatching uses, and says so: those warnings are not ProcLab's.)
QImage renderSvg(const QString &path, QSize size)
{
    QLoggingCategory::setFilterRules(QStringLiteral("qt.svg.warning=false"));
    QSvgRenderer renderer(path);
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::magenta);
    if (renderer.isValid()) {
        QPainter p(&image);
        renderer.render(&p, QRectF(QPointF(0, 0), QSizeF(size)));
    }
    QLoggingCategory::setFilterRules(QString());
    return image;
}

bool textsContain(const QStringList &texts, const QString &word)
{
    for (const QString &t : texts)
        if (t.contains(word))
            return true;
    return false;
}

// The open "Export failed" box, if any.
QMessageBox *failureBox(QWidget *window)
{
    return window->findChild<QMessageBox *>(QStringLiteral("exportFailed"));
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { installWarningRecorder(); }
    void cleanupTestCase() { uninstallWarningRecorder(); }
    void init() { clearRecordedWarnings(); }
    void cleanup()
    {
        const QStringList warnings = recordedWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        QTRY_VERIFY_WITH_TIMEOUT(describeDescendants().isEmpty(), 5000);
    }

    void timelinePngHasItsPixels_data()
    {
        QTest::addColumn<int>("scale");
        QTest::newRow("1x") << 1;
        QTest::newRow("2x for print") << 2;
    }
    void timelinePngHasItsPixels()
    {
        QFETCH(int, scale);
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        fillRun(model);
        TimelineView view;
        view.setModel(&model);
        view.resize(kSize);
        view.fitAll();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("t.png"));
        QString error;
        QVERIFY2(Exporter::writeImage(view, path, ImageFormat::Png, scale, kSize, &error),
                 qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 0);
        QImage image(path);
        QCOMPARE(image.size(), kSize * scale);
        // Printed, both have the same physical size.
        QCOMPARE(qRound(image.dotsPerMeterX() / double(scale)),
                 QImage(1, 1, QImage::Format_RGB32).dotsPerMeterX());
        image.setDevicePixelRatio(scale);
        const TimelineLayout layout = view.layoutFor(QRectF(QPointF(0, 0), QSizeF(kSize)));
        const TimelinePalette palette = TimelinePalette::standard();
        const double left = layout.lanes.left(), right = layout.lanes.right();
        QVERIFY(lineHasColour(image, barMiddle(layout, 0), left, right, palette.running));
        QVERIFY(lineHasColour(image, barMiddle(layout, 1), left, right, palette.sleeping));
        QVERIFY(!lineHasColour(image, barMiddle(layout, 0), left, right, palette.sleeping));
    }

    void timelineSvgKeepsTextAsText()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        fillRun(model);
        TimelineView view;
        view.setModel(&model);
        view.resize(kSize);
        view.fitAll();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("t.svg"));
        QString error;
        QVERIFY2(Exporter::writeImage(view, path, ImageFormat::Svg, 1, kSize, &error),
                 qPrintable(error));
        const Svg svg = parseSvg(path);
        QVERIFY2(svg.valid, qPrintable(svg.error));
        QCOMPARE(svg.viewBox, QStringLiteral("0 0 900 400"));
        QVERIFY2(svg.texts.contains(QStringLiteral("MainProcess")),
                 qPrintable(svg.texts.join('|')));
        QVERIFY2(svg.texts.contains(QStringLiteral("Process-1")), qPrintable(svg.texts.join('|')));
        QVERIFY2(textsContain(svg.texts, QStringLiteral("sleep 500 ms")),
                 qPrintable(svg.texts.join('|')));

        // Drawn back, the bars have the lanes' colours where the PNG has them.
        const QImage image = renderSvg(path, kSize);
        const TimelineLayout layout = view.layoutFor(QRectF(QPointF(0, 0), QSizeF(kSize)));
        const TimelinePalette palette = TimelinePalette::standard();
        const double left = layout.lanes.left(), right = layout.lanes.right();
        QVERIFY(lineHasColour(image, barMiddle(layout, 0), left, right, palette.running));
        QVERIFY(lineHasColour(image, barMiddle(layout, 1), left, right, palette.sleeping));
        QVERIFY(!lineHasColour(image, 2, 0, kSize.width(), Qt::magenta)); // painted everywhere
    }

    void imageSizeLimits()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        fillRun(model);
        TimelineView view;
        view.setModel(&model);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("big.png"));
        QString error;
        QVERIFY(!Exporter::writeImage(view, path, ImageFormat::Png, 2, QSize(9000, 500), &error));
        QVERIFY2(error.contains(QStringLiteral("18000x1000")), qPrintable(error));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!Exporter::writeImage(view, path, ImageFormat::Png, 3, QSize(500, 500), &error));
        QVERIFY2(error.contains(QStringLiteral("must be 1 or 2, got 3")), qPrintable(error));
        QVERIFY(!QFileInfo::exists(path));
    }

    // A queue lab, then every view from the page, as the menu does it.
    void realQueueRunExportsEveryView()
    {
        LabPage page;
        QWidget &window = page; // dialogs and message boxes open over the page
        QVERIFY(showLab(page, QStringLiteral("queue-basics")));
        setParameters(page, {{"puts", "4"}, {"maxsize", "2"}, {"consumer_delay_ms", "20"}});
        QString why;
        QVERIFY2(runToEnd(page, kRunBoundMs, &why), qPrintable(why));
        QVERIFY(page.queueChart()->hasQueues());
        ExportActions actions(&page, &window);
        QSignalSpy saved(&actions, &ExportActions::saved);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        struct Case
        {
            ExportView view;
            QString mustShow; // a text the SVG holds
        };
        const QList<Case> cases{{ExportView::Timeline, QStringLiteral("MainProcess")},
                                {ExportView::Chart, QStringLiteral("items in q")},
                                {ExportView::Page, QStringLiteral("Queue: blocking put/get")}};
        for (const Case &c : cases) {
            const QString name = ViewRenderer::name(c.view);
            QWidget *w = actions.viewWidget(c.view);
            QVERIFY2(w && w->isVisible(), qPrintable(name));
            const QString png1 = dir.filePath(name + QStringLiteral("-1x.png"));
            const QString png2 = dir.filePath(name + QStringLiteral("-2x"));
            const QString svgPath = dir.filePath(name + QStringLiteral(".svg"));
            QVERIFY(actions.saveView(c.view, png1, ExportActions::imageFilters()[0]));
            // No extension: the filter decides (PNG, 2x).
            QVERIFY(actions.saveView(c.view, png2, ExportActions::imageFilters()[1]));
            QVERIFY(actions.saveView(c.view, svgPath));
            QCOMPARE(QImage(png1).size(), w->size());
            QCOMPARE(QImage(png2 + QStringLiteral(".png")).size(), w->size() * 2);
            const Svg svg = parseSvg(svgPath);
            QVERIFY2(svg.valid, qPrintable(name + QStringLiteral(": ") + svg.error));
            QVERIFY2(textsContain(svg.texts, c.mustShow),
                     qPrintable(name + QStringLiteral(": ") + svg.texts.join('|')));
            // The export buttons are for the screen, not the file.
            QVERIFY2(!renderSvg(svgPath, w->size()).isNull(), qPrintable(name));
        }
        QCOMPARE(saved.size(), 9);
        QVERIFY(!failureBox(&window));
        // The page's image shows the timeline's running colour and the chart's depth line.
        const QImage pageImage(dir.filePath(QStringLiteral("page-1x.png")));
        const QPoint timelineAt = page.timeline()->mapTo(&page, QPoint(0, 0));
        const TimelineLayout layout = page.timeline()->layoutFor(page.timeline()->rect());
        bool running = false; // somewhere in MainProcess's bar (deeper states cover its middle)
        for (double y = layout.barTop(0, 0); y < layout.barTop(0, 0) + layout.barHeight(0); ++y)
            running = running || lineHasColour(pageImage, timelineAt.y() + y,
                                               timelineAt.x() + layout.lanes.left(),
                                               timelineAt.x() + layout.lanes.right(),
                                               TimelinePalette::standard().running);
        QVERIFY(running);

        // The race panel has nothing for a queue lab: refused, with a message.
        QVERIFY(!actions.available(ExportView::Race));
        QSignalSpy failed(&actions, &ExportActions::failed);
        const QString racePath = dir.filePath(QStringLiteral("race.png"));
        QVERIFY(!actions.saveView(ExportView::Race, racePath));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(racePath),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!QFileInfo::exists(racePath));
        QTRY_VERIFY(failureBox(&window));
        failureBox(&window)->close();

        // Trace: JSON and CSV by extension.
        const QString json = dir.filePath(QStringLiteral("run.json"));
        const QString csv = dir.filePath(QStringLiteral("run.csv"));
        QVERIFY(actions.saveTrace(json));
        QVERIFY(actions.saveTrace(dir.filePath(QStringLiteral("run")), // the filter's extension
                                  ExportActions::traceFilters()[1]));
        QFile jf(json), cf(csv);
        QVERIFY(jf.open(QIODevice::ReadOnly) && cf.open(QIODevice::ReadOnly));
        QVERIFY(jf.readAll().trimmed().startsWith('{'));
        QVERIFY(cf.readLine().startsWith("time_ms,pid,process,event"));
    }

    void realRaceRunExportsThePanel()
    {
        LabPage page;
        QWidget &window = page;
        QVERIFY(showLab(page, QStringLiteral("counter-race")));
        setParameters(
            page,
            {{"workers", "2"}, {"increments", "40"}, {"window_us", "2000"}, {"lock", "false"}});
        QString why;
        QVERIFY2(runToEnd(page, kRunBoundMs, &why), qPrintable(why));
        ExportActions actions(&page, &window);
        QVERIFY(actions.available(ExportView::Race));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("race.png"));
        const QString svgPath = dir.filePath(QStringLiteral("race.svg"));
        QVERIFY(actions.saveView(ExportView::Race, png));
        QVERIFY(actions.saveView(ExportView::Race, svgPath));
        QCOMPARE(QImage(png).size(), page.racePanel()->size());
        const Svg svg = parseSvg(svgPath);
        QVERIFY2(svg.valid, qPrintable(svg.error));
        QVERIFY2(textsContain(svg.texts, QStringLiteral("expected 80")),
                 qPrintable(svg.texts.join('|')));
    }

    // A save that cannot happen says where and why, and the GUI shows it.
    void failedSaveNamesPathAndReason_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing directory") << QStringLiteral("/nonexistent-proclab-dir/t.png")
                                           << QStringLiteral("No such file or directory");
        QTest::newRow("disk full")
            << QStringLiteral("/dev/full") << QStringLiteral("No space left on device");
    }
    void failedSaveNamesPathAndReason()
    {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        if (path == QLatin1String("/dev/full") && QFileInfo(path).isFile())
            QSKIP("/dev/full is not the device here");
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        fillRun(model);
        TimelineView view;
        view.setModel(&model);
        view.resize(kSize);
        for (ImageFormat format : {ImageFormat::Png, ImageFormat::Svg}) {
            QString error;
            QVERIFY(!Exporter::writeImage(view, path, format, 1, kSize, &error));
            QVERIFY2(error.contains(path) && error.contains(reason), qPrintable(error));
        }
        QString error;
        QVERIFY(!Exporter::writeTrace(model, path, &error));
        QVERIFY2(error.contains(path) && error.contains(reason), qPrintable(error));
        QVERIFY(!Exporter::writeCsv(model, path, &error));
        QVERIFY2(error.contains(path) && error.contains(reason), qPrintable(error));

        // Through the GUI: a message box with the same words.
        QWidget window;
        LabPage page(&window);
        ExportActions actions(&page, &window);
        QSignalSpy failed(&actions, &ExportActions::failed);
        QVERIFY(!actions.saveTrace(path));
        QCOMPARE(failed.size(), 1);
        QMessageBox *box = failureBox(&window);
        QVERIFY(box);
        QVERIFY2(box->text().contains(path) && box->text().contains(reason),
                 qPrintable(box->text()));
        box->close();
        // Nothing was created beside it (an extension is added only to new files).
        for (const char *ext : {".png", ".svg", ".json", ".csv"})
            QVERIFY2(!QFileInfo::exists(path + QLatin1String(ext)), ext);
    }
    // File > Open trace reads on a thread of its own (TraceOpener): a .json.gz
    // written by the exporter comes back whole; a cancelled read says so and
    // shows nothing; a file that is not a trace gives its error.
    void traceOpenerReadsOnAThread()
    {
        TraceModel model;
        fillRun(model);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString gz = dir.filePath(QStringLiteral("run.json.gz"));
        QString error;
        QVERIFY2(Exporter::writeTrace(model, gz, &error), qPrintable(error));
        QFile raw(gz);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QCOMPARE(raw.read(2), QByteArray("\x1f\x8b")); // gzip magic
        raw.close();

        QWidget window;
        TraceOpener opener(&window);
        QSignalSpy done(&opener, &TraceOpener::done);
        opener.open(gz);
        QVERIFY(opener.busy());
        QVERIFY(done.wait(kRunBoundMs));
        QCOMPARE(done.size(), 1);
        QVERIFY2(done[0][0].toBool(), qPrintable(done[0][2].toString()));
        QVERIFY(!opener.busy());
        const auto file = done[0][1].value<TraceFile>();
        TraceModel back;
        file.applyTo(&back);
        QCOMPARE(back.labId(), QStringLiteral("join"));
        TraceModel direct; // what the reader gives on this thread
        QVERIFY2(ChromeTrace::readFile(gz, &direct, &error), qPrintable(error));
        QCOMPARE(back.eventCount(), direct.eventCount());
        QCOMPARE(back.eventCount(), model.eventCount() - 3); // a begin/end pair is one "X"
        QCOMPARE(back.runStatus(), QStringLiteral("finished"));

        // Cancelled before it reads a byte: no trace, an error, cancelled() set.
        opener.open(gz);
        opener.cancel();
        QVERIFY(done.wait(kRunBoundMs));
        QCOMPARE(done.size(), 2);
        QVERIFY(!done[1][0].toBool());
        QVERIFY(opener.cancelled());

        const QString junk = dir.filePath(QStringLiteral("junk.json"));
        QFile j(junk);
        QVERIFY(j.open(QIODevice::WriteOnly));
        j.write("[1, 2");
        j.close();
        opener.open(junk);
        QVERIFY(done.wait(kRunBoundMs));
        QCOMPARE(done.size(), 3);
        QVERIFY(!done[2][0].toBool());
        QVERIFY(!opener.cancelled());
        QVERIFY2(!done[2][2].toString().isEmpty(), "no error message");
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
