// SPDX-License-Identifier: MIT
// The window at the projector (issue 16): every lab, run for real, shown at
// 1280x720 and 1920x1080, normal and presentation, English and Chinese. In
// each: the timeline takes >= 60 % of the window in presentation mode, every
// lane is visible without scrolling, the legend takes at most two lines, the
// time axis has 4-10 labels (5-10 ticks), the title is not elided, the catalogue's names
// and the process tree's State column are whole, and no two pieces of text
// the legend, axis, title and lane names draw intersect (TextBoxRecorder).
// The text the painter draws on the lanes (end-of-lane labels, markers, the
// words inside bars, CPU numbers, counts) is checked too: LaneLabelPlacer
// places it with collision avoidance, so no two of those boxes intersect.
#include "distributionpanel.h"
#include "guitestsupport.h"
#include "histogramtext.h"
#include "labcatalogue.h"
#include "labpage.h"
#include "labs.h"
#include "language.h"
#include "mainwindow.h"
#include "outcomehistogram.h"
#include "parameterform.h"
#include "presentationmode.h"
#include "processtreemodel.h"
#include "racepanel.h"
#include "repeatcontrol.h"
#include "textboxrecorder.h"
#include "timeaxis.h"
#include "timelinelayout.h"
#include "timelinelegend.h"
#include "timelineview.h"
#include "tracemodel.h"
#include "viewrenderer.h"
#include "windowlayout.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace proclab;
using namespace proclab::test;

namespace {

// The lanes' text is part of the check (LaneLabelPlacer); the figures are
// printed either way.
constexpr bool kCheckLaneText = true;

struct Config
{
    QSize size;
    bool presentation;
    QString lang;
    QString name() const
    {
        return QStringLiteral("%1x%2 %3 %4")
            .arg(size.width())
            .arg(size.height())
            .arg(presentation ? QStringLiteral("presentation") : QStringLiteral("normal"), lang);
    }
};

QVector<Config> configs()
{
    QVector<Config> out;
    for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")})
        for (bool presentation : {false, true})
            for (QSize size : {QSize(1280, 720), QSize(1920, 1080)})
                out << Config{size, presentation, lang};
    return out;
}

struct Figures
{
    int boxes = 0;       // text boxes of the legend, axis, title and lane names
    int pairs = 0;       // pairs of them (and with any other text) compared
    int overlaps = 0;    // of those, intersecting
    int laneBoxes = 0;   // text on the lanes (the painter's labels and markers)
    int lanePairs = 0;   // pairs of them compared
    int laneOverlaps = 0;
    double share = 0; // of the window, the timeline's
    Figures &operator+=(const Figures &o)
    {
        boxes += o.boxes;
        pairs += o.pairs;
        overlaps += o.overlaps;
        laneBoxes += o.laneBoxes;
        lanePairs += o.lanePairs;
        laneOverlaps += o.laneOverlaps;
        return *this;
    }
};

Figures g_total;
int g_windows = 0;

// Shows `window` at `size`; false if it is never exposed.
bool showAt(MainWindow &window, QSize size)
{
    window.resize(size);
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

// Lines of text in `boxes`: their vertical centres, clustered.
int lineCount(QVector<TextBox> boxes)
{
    std::sort(boxes.begin(), boxes.end(), [](const TextBox &a, const TextBox &b) {
        return a.rect.center().y() < b.rect.center().y();
    });
    int lines = 0;
    double last = -1e9;
    for (const TextBox &b : boxes) {
        if (b.rect.center().y() - last > b.rect.height() / 2) {
            ++lines;
            last = b.rect.center().y();
        }
    }
    return lines;
}

QString joined(QVector<TextBox> boxes)
{
    std::sort(boxes.begin(), boxes.end(),
              [](const TextBox &a, const TextBox &b) { return a.rect.x() < b.rect.x(); });
    QString out;
    for (const TextBox &b : boxes)
        out += b.text;
    return out.remove(QLatin1Char(' '));
}

// The export button in the timeline's top right corner (on screen only).
QRectF exportButtonOf(const TimelineView &tl)
{
    const auto *b =
        tl.findChild<QToolButton *>(QString::fromLatin1(ViewRenderer::kExportButtonName));
    return b && b->isVisible() ? QRectF(b->geometry()) : QRectF();
}

// No text the timeline draws lies under its export button or runs past the
// view's left or right edge (a title under the button, a hint cut at both
// ends, as at 800 px).
bool textClearOfButtonAndEdges(const TimelineView &tl, const QVector<TextBox> &boxes, QString *why)
{
    const QRectF button = exportButtonOf(tl);
    if (button.isEmpty()) {
        *why = QStringLiteral("no export button on the timeline");
        return false;
    }
    for (const TextBox &b : boxes) {
        if (TextBoxRecorder::intersect(b, {button, QString()})) {
            *why = QStringLiteral("%1 under the export button (%2,%3 %4x%5)")
                       .arg(describe(b))
                       .arg(button.x())
                       .arg(button.y())
                       .arg(button.width())
                       .arg(button.height());
            return false;
        }
        if (b.isCut() || b.rect.left() < -0.5 || b.rect.right() > tl.width() + 0.5) {
            *why = QStringLiteral("%1 cut (whole: %2 px wide) or past the view's edge (0-%3)")
                       .arg(describe(b))
                       .arg(b.whole.width(), 0, 'f', 0)
                       .arg(tl.width());
            return false;
        }
    }
    return true;
}

// Everything the issue asks of one window; false with the first problem in
// `why`. `figures` gets the overlap check's counts.
bool checkWindow(MainWindow &window, const Config &c, Figures *figures, QString *why)
{
    LabPage *page = window.page();
    TimelineView *tl = page->timeline();
    const double share =
        double(tl->width() * tl->height()) / double(window.width() * window.height());
    if (c.presentation && share < 0.6) {
        *why = QStringLiteral("the timeline has %1 % of the window").arg(share * 100, 0, 'f', 1);
        return false;
    }
    const QRectF bounds(QPointF(0, 0), QSizeF(tl->size()));
    const TimelineLayout layout = tl->layoutFor(bounds);
    const int lanes = layout.laneCount;
    if (lanes == 0 || layout.firstLane != 0 || layout.visibleLanes() != lanes ||
        layout.laneRect(lanes - 1).bottom() > layout.lanes.bottom() + 0.5) {
        *why = QStringLiteral("%1 of %2 lanes visible (lane height %3 px)")
                   .arg(layout.visibleLanes())
                   .arg(lanes)
                   .arg(layout.laneHeight);
        return false;
    }

    TextBoxRecorder rec(tl->size());
    {
        QPainter p(&rec);
        tl->renderTo(p, bounds);
    }
    const QVector<TextBox> title = rec.boxesIn(layout.caption);
    const QString caption = tl->captionFor(bounds);
    if (!caption.startsWith(tl->caption()) || caption.contains(QChar(0x2026)) ||
        joined(title) != QString(caption).remove(QLatin1Char(' '))) {
        *why = QStringLiteral("title drawn as '%1', not '%2'").arg(joined(title), caption);
        return false;
    }
    const QVector<TextBox> legend = rec.boxesIn(layout.legend);
    if (legend.isEmpty() || lineCount(legend) > 2) {
        *why = QStringLiteral("legend in %1 lines").arg(lineCount(legend));
        return false;
    }
    // 5 to 10 ticks; the label beside one pushed inside at an edge may be
    // left out rather than touch it (TimelinePainter::paintAxis).
    const QVector<TextBox> axis = rec.boxesIn(layout.axis);
    if (axis.size() < 4 || axis.size() > 10) {
        *why = QStringLiteral("%1 axis labels").arg(axis.size());
        return false;
    }
    const QVector<TextBox> names = rec.boxesIn(layout.names);
    if (names.size() < lanes) {
        *why = QStringLiteral("%1 lane names for %2 lanes").arg(names.size()).arg(lanes);
        return false;
    }

    // Overlaps: what this window's title, legend, axis and lane names draw,
    // among themselves and against any other text; lane text among itself.
    QVector<TextBox> own = title + legend + axis + names;
    if (!textClearOfButtonAndEdges(*tl, own, why))
        return false;
    QVector<TextBox> other;
    for (const TextBox &b : rec.boxes())
        if (!own.contains(b))
            other << b;
    Figures f;
    f.share = share;
    f.boxes = own.size();
    f.laneBoxes = other.size();
    QStringList found;
    for (int i = 0; i < own.size(); ++i) {
        for (int j = i + 1; j < own.size(); ++j, ++f.pairs)
            if (TextBoxRecorder::intersect(own[i], own[j])) {
                ++f.overlaps;
                found << describe(own[i]) + QStringLiteral(" x ") + describe(own[j]);
            }
        for (const TextBox &o : other) {
            ++f.pairs;
            if (TextBoxRecorder::intersect(own[i], o)) {
                ++f.overlaps;
                found << describe(own[i]) + QStringLiteral(" x ") + describe(o);
            }
        }
    }
    QStringList laneFound;
    for (int i = 0; i < other.size(); ++i)
        for (int j = i + 1; j < other.size(); ++j, ++f.lanePairs)
            if (TextBoxRecorder::intersect(other[i], other[j])) {
                ++f.laneOverlaps;
                laneFound << describe(other[i]) + QStringLiteral(" x ") + describe(other[j]);
            }
    *figures = f;
    if (!found.isEmpty()) {
        *why = QStringLiteral("%1 overlapping text boxes: %2")
                   .arg(found.size())
                   .arg(found.mid(0, 4).join(QStringLiteral("; ")));
        return false;
    }
    if (kCheckLaneText && !laneFound.isEmpty()) {
        *why = QStringLiteral("lane text overlaps: ") + laneFound.mid(0, 4).join(QLatin1String("; "));
        return false;
    }

    if (!c.presentation) {
        // The catalogue: every lab's name whole (wrapped, never cut).
        LabCatalogue *cat = window.catalogue();
        for (QTreeWidgetItemIterator it(cat); *it; ++it) {
            const QModelIndex index = cat->indexFromItem(*it);
            const QRect rect = cat->visualRect(index);
            const QFontMetrics fm((*it)->font(0));
            const int width = cat->textWidth(index);
            const QRect need =
                fm.boundingRect(QRect(0, 0, width, 10000), Qt::TextWordWrap, (*it)->text(0));
            if (need.width() > width || need.height() > rect.height()) {
                *why = QStringLiteral("catalogue cuts '%1' (%2x%3 in %4x%5)")
                           .arg((*it)->text(0))
                           .arg(need.width())
                           .arg(need.height())
                           .arg(width)
                           .arg(rect.height());
                return false;
            }
        }
        // ... and each drawn once: no two pieces of its text intersect (the
        // delegate once let the style draw every name a second time, wrapped
        // at another width).
        TextBoxRecorder catText(cat->viewport()->size());
        cat->viewport()->render(&catText);
        const QVector<TextBox> &names = catText.boxes();
        for (int i = 0; i < names.size(); ++i)
            for (int j = i + 1; j < names.size(); ++j)
                if (TextBoxRecorder::intersect(names[i], names[j])) {
                    *why = QStringLiteral("catalogue draws '%1' over '%2'")
                               .arg(names[i].text, names[j].text);
                    return false;
                }
        // The process tree: the State column inside the view.
        auto *tree = window.findChild<QTreeView *>(QStringLiteral("processTree"));
        const QHeaderView *header = tree->header();
        const int right = header->sectionViewportPosition(ProcessTreeModel::StateColumn) +
                          header->sectionSize(ProcessTreeModel::StateColumn);
        if (right > tree->viewport()->width()) {
            *why = QStringLiteral("process tree: State ends at %1 of %2 px")
                       .arg(right)
                       .arg(tree->viewport()->width());
            return false;
        }
    }
    return true;
}

bool runLab(MainWindow &window, const QString &labId,
            std::initializer_list<std::pair<const char *, const char *>> values, QString *why)
{
    window.catalogue()->select(labId);
    if (window.page()->labId() != labId) {
        *why = QStringLiteral("lab not selected");
        return false;
    }
    setParameters(*window.page(), values);
    return runToEnd(*window.page(), 120'000, why);
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("ProcLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_layout"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        installWarningRecorder();
    }
    void cleanupTestCase()
    {
        Language::apply(QStringLiteral("en"));
        uninstallWarningRecorder();
        qInfo("layout check: %d windows, %d text boxes of title/legend/axis/lane names, %d pairs "
              "compared, %d overlaps; lane text (painter): %d boxes, %d pairs compared, %d overlaps%s",
              g_windows, g_total.boxes, g_total.pairs, g_total.overlaps, g_total.laneBoxes,
              g_total.lanePairs, g_total.laneOverlaps, kCheckLaneText ? "" : " (not checked yet)");
    }
    void init()
    {
        Language::apply(QStringLiteral("en"));
        clearRecordedWarnings();
    }
    void cleanup()
    {
        const QStringList warnings = recordedWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

    // The ticks: 1-2-5 steps, never closer than 50 px (the labels must not
    // touch), 5 to 10 labels from 500 px on, at any span.
    void axisTicks()
    {
        for (double width : {300.0, 500.0, 530.0, 800.0, 1200.0, 1700.0, 2500.0})
            for (double span : {40.0, 900.0, 7'000.0, 333'333.0, 1e6, 9e6, 9.3e6, 64e6, 3600e6})
                for (double start : {0.0, span * 0.37}) {
                    const TimelineMapping m(start, start + span, 0, width);
                    const double step = TimeAxis::stepFor(m);
                    const double mant = step / std::pow(10.0, std::floor(std::log10(step)));
                    QVERIFY2(qFuzzyCompare(mant, 1.0) || qFuzzyCompare(mant, 2.0) ||
                                 qFuzzyCompare(mant, 5.0),
                             qPrintable(QString::number(step)));
                    QVERIFY2(step / m.usPerPixel() >= 50,
                             qPrintable(QStringLiteral("ticks %1 px apart, span %2 µs at %3 px")
                                            .arg(step / m.usPerPixel())
                                            .arg(span)
                                            .arg(width)));
                    const int n = TimeAxis::ticks(m).size();
                    // An unaligned window may lose one: 4 only when 5 cannot be;
                    // below 500 px, 50 px apart may leave room for only 3.
                    const int least = width < 500 ? 3 : start == 0 ? 5 : 4;
                    QVERIFY2(n >= least && n <= 10,
                             qPrintable(QStringLiteral("%1 ticks, span %2 µs at %3 px")
                                            .arg(n)
                                            .arg(span)
                                            .arg(width)));
                }
        // Every span from 100 µs to 100 s on the timeline of a 1280x720
        // window (a value-array run of a few ms once drew its labels 43 px apart).
        for (double width : {500.0, 530.0, 610.0})
            for (int k = 0; k <= 600; ++k) {
                const TimelineMapping m(0, std::pow(10.0, 2 + k / 100.0), 0, width);
                const double px = TimeAxis::stepFor(m) / m.usPerPixel();
                const int n = TimeAxis::ticks(m).size();
                QVERIFY2(px >= 50 && n >= 5 && n <= 10,
                         qPrintable(QStringLiteral("%1 ticks %2 px apart, span %3 µs at %4 px")
                                        .arg(n)
                                        .arg(px)
                                        .arg(m.span())
                                        .arg(width)));
            }
        // The run of the issue: 9 s across a projector's timeline.
        const TimelineMapping nine(0, 9.3e6, 0, 1000);
        QCOMPARE(TimeAxis::ticks(nine).size(), 10);
        QCOMPARE(TimeAxis::ticks(nine).at(1).label, QStringLiteral("1 s"));
    }

    // The legend of the busiest run fits its lines, the rest goes to "+N".
    void legendFits()
    {
        LegendFeatures all;
        all.locks = all.values = all.queues = all.states = all.reparent = all.pipes = true;
        all.cpuShares = all.joins = all.zombies = all.signalled = all.errors = true;
        all.stateNames = {ev::StateRunning, ev::StateSleeping, ev::StateDisk, ev::StateZombie};
        for (const TimelinePalette &pal :
             {TimelinePalette::standard(), TimelinePalette::presentation()})
            for (double width : {600.0, 1000.0, 1900.0}) {
                const int lines = TimelineLegend::lines(pal, width, all);
                QVERIFY(lines >= 1 && lines <= pal.legendMaxLines);
            }
        LegendFeatures few; // running, sleep and the marks every run has
        QCOMPARE(TimelineLegend::lines(TimelinePalette::presentation(), 1000, few), 1);
        const QString tip = TimelineLegend(TimelinePalette::standard()).tooltip(all);
        QVERIFY(tip.contains(QStringLiteral("lost update")));
    }

    void everyLab_data()
    {
        QTest::addColumn<QString>("lab");
        for (const LabInfo *lab : labs::all())
            QTest::newRow(lab->id.c_str()) << QString::fromStdString(lab->id);
    }
    void everyLab()
    {
        QFETCH(QString, lab);
        MainWindow window;
        QVERIFY(showAt(window, QSize(1280, 720)));
        QString why;
        QVERIFY2(runLab(window, lab, {}, &why), qPrintable(why));
        for (const Config &c : configs()) {
            Language::apply(c.lang);
            window.presentation()->setOn(c.presentation, false);
            window.resize(c.size);
            settle();
            Figures f;
            const bool ok = checkWindow(window, c, &f, &why);
            g_total += f;
            ++g_windows;
            qInfo("%s %s: timeline %.0f %% of the window, %d text boxes, %d overlaps; lane text "
                  "%d boxes, %d overlaps",
                  qPrintable(lab), qPrintable(c.name()), f.share * 100, f.boxes, f.overlaps,
                  f.laneBoxes, f.laneOverlaps);
            QVERIFY2(ok, qPrintable(lab + QLatin1Char(' ') + c.name() + QStringLiteral(": ") + why));
        }
        Language::apply(QStringLiteral("en"));
        window.presentation()->setOn(false, false);
    }

    // About 800 px wide (the offscreen platform's default window): the empty
    // timeline's hint wraps inside the view, and after a run the title (with
    // a long lab name too) stops before the export button.
    void narrowWindow_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }
    void narrowWindow()
    {
        QFETCH(QString, lang);
        Language::apply(lang);
        MainWindow window;
        QVERIFY(showAt(window, QSize(800, 600)));
        QString why;
        for (const QString &lab : {QStringLiteral("counter-race"), QStringLiteral("ipc-compare")}) {
            window.catalogue()->select(lab);
            settle();
            TimelineView *tl = window.page()->timeline();
            QVERIFY2(tl->width() < 500, qPrintable(QString::number(tl->width())));
            const QRectF bounds(QPointF(0, 0), QSizeF(tl->size()));
            {
                const TimelineLayout layout = tl->layoutFor(bounds);
                QCOMPARE(layout.laneCount, 0);
                TextBoxRecorder rec(tl->size());
                {
                    QPainter p(&rec);
                    tl->renderTo(p, bounds);
                }
                const QVector<TextBox> hint = rec.boxesIn(layout.lanes.united(layout.names));
                QVERIFY2(!hint.isEmpty(), "no hint on the empty timeline");
                QVERIFY2(textClearOfButtonAndEdges(*tl, rec.boxes(), &why),
                         qPrintable(lab + QStringLiteral(" before the run: ") + why));
            }
            QVERIFY2(runLab(window, lab, {}, &why), qPrintable(why));
            settle();
            const TimelineLayout layout = tl->layoutFor(bounds);
            TextBoxRecorder rec(tl->size());
            {
                QPainter p(&rec);
                tl->renderTo(p, bounds);
            }
            const QVector<TextBox> title = rec.boxesIn(layout.caption);
            QVERIFY2(!title.isEmpty(), "no title");
            QVERIFY2(textClearOfButtonAndEdges(*tl, title + rec.boxesIn(layout.legend), &why),
                     qPrintable(lab + QStringLiteral(" after the run: ") + why));
        }
        Language::apply(QStringLiteral("en"));
    }

    // The race panel's verdict ("expected 40000 · got 28113", the number a
    // teacher points at) at 1280x720 right after a run, in English and
    // Chinese: the label with the number lies wholly inside the side
    // column's visible part (not scrolled to) and its text fits its width.
    // It once wrapped, and the number fell below the column's edge.
    void raceNumberInView_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QString>("lang");
        for (const char *lab : {"counter-race", "ticket-race"})
            for (const char *lang : {"en", "zh_CN"})
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(lab),
                                                                     QLatin1String(lang))))
                    << QString::fromLatin1(lab) << QString::fromLatin1(lang);
    }
    void raceNumberInView()
    {
        QFETCH(QString, lab);
        QFETCH(QString, lang);
        Language::apply(lang);
        MainWindow window;
        QVERIFY(showAt(window, QSize(1280, 720)));
        QString why;
        QVERIFY2(runLab(window, lab, {}, &why), qPrintable(why));
        settle();
        RacePanel *race = window.page()->racePanel();
        QVERIFY(race->isVisible());
        const QJsonObject summary = window.page()->model()->summary();
        const QString number =
            QString::number(summary.value(QLatin1String(lab == QLatin1String("counter-race")
                                                            ? "actual"
                                                            : "successes"))
                                .toInteger(-1));
        // The first label (in the panel's order) that shows the number.
        QLabel *shown = nullptr;
        for (QLabel *l : race->findChildren<QLabel *>())
            if (!shown && l->isVisible() &&
                QTextDocumentFragment::fromHtml(l->text()).toPlainText().contains(number))
                shown = l;
        QVERIFY2(shown, qPrintable(QStringLiteral("no label shows %1").arg(number)));
        QWidget *viewport = shown->parentWidget();
        while (viewport && !qobject_cast<QScrollArea *>(viewport->parentWidget()))
            viewport = viewport->parentWidget();
        QVERIFY(viewport);
        const QRect at(shown->mapTo(viewport, QPoint(0, 0)), shown->size());
        QVERIFY2(viewport->rect().contains(at),
                 qPrintable(QStringLiteral("'%1' at %2,%3 %4x%5, outside the visible %6x%7")
                                .arg(QTextDocumentFragment::fromHtml(shown->text()).toPlainText())
                                .arg(at.x())
                                .arg(at.y())
                                .arg(at.width())
                                .arg(at.height())
                                .arg(viewport->width())
                                .arg(viewport->height())));
        QTextDocument doc;
        doc.setDocumentMargin(0);
        doc.setDefaultFont(shown->font());
        doc.setHtml(shown->text());
        if (!shown->wordWrap())
            QVERIFY2(doc.idealWidth() <= shown->contentsRect().width(),
                     qPrintable(QStringLiteral("'%1' needs %2 px, has %3")
                                    .arg(doc.toPlainText())
                                    .arg(doc.idealWidth())
                                    .arg(shown->contentsRect().width())));
        Language::apply(QStringLiteral("en"));
    }

    // Run ×N at 1280x720: the Distribution tab's list of runs fits its width
    // (no horizontal scroll bar), with the Engine column of Compare with
    // Python too, in English and Chinese; a header cut short has a tooltip;
    // the chart's legend gives each series' stats whole (not elided), and
    // so are the count axis' name and the bins' labels, also in a narrow chart.
    void distributionRunsFit()
    {
        MainWindow window;
        QVERIFY(showAt(window, QSize(1280, 720)));
        window.catalogue()->select(QStringLiteral("counter-race"));
        LabPage *page = window.page();
        setParameters(*page, {{"workers", "2"}, {"increments", "2000"}});
        const bool compare = !QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty();
        page->repeatControl()->compareBox()->setChecked(compare);
        DistributionPanel *panel = page->distribution();
        QSignalSpy busy(panel, &DistributionPanel::busyChanged);
        QVERIFY(page->runSeries(3));
        QTRY_COMPARE_WITH_TIMEOUT(busy.count(), 2, 120'000);
        QTreeWidget *list = panel->runList();
        QCOMPARE(list->topLevelItemCount(), compare ? 6 : 3);
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            Language::apply(lang);
            for (const char *key : {"lost_updates", "run_ms", "detected_lost_updates"}) {
                panel->keyChooser()->setCurrentIndex(
                    panel->keyChooser()->findData(QString::fromLatin1(key)));
                settle();
                const QString where = lang + QLatin1Char(' ') + QLatin1String(key);
                const QHeaderView *header = list->header();
                QVERIFY2(list->isVisible() && list->viewport()->width() > 50, qPrintable(where));
                QVERIFY2(!list->horizontalScrollBar()->isVisible(),
                         qPrintable(QStringLiteral("%1: runs list scrolls sideways (%2 px of "
                                                   "columns in %3)")
                                        .arg(where)
                                        .arg(header->length())
                                        .arg(list->viewport()->width())));
                QVERIFY2(header->length() <= list->viewport()->width(), qPrintable(where));
                // The chart's legend: each series' stats drawn whole (Qt
                // Charts elides a label that does not fit in its row).
                OutcomeHistogram *chart = panel->histogram();
                QVERIFY2(chart->isVisible() && chart->seriesCount() == (compare ? 2 : 1),
                         qPrintable(where));
                TextBoxRecorder rec(chart->size());
                chart->render(&rec);
                QString drawn;
                for (const TextBox &b : rec.boxes())
                    drawn += b.text;
                drawn.remove(QLatin1Char(' '));
                for (int i = 0; i < chart->seriesCount(); ++i)
                    QVERIFY2(drawn.contains(chart->statsText(i).remove(QLatin1Char(' '))),
                             qPrintable(where + QStringLiteral(": legend '%1' not drawn whole in "
                                                               "'%2'")
                                                    .arg(chart->statsText(i), drawn)));
                // The count axis' name and the bins' labels whole, also with
                // the chart narrowed to 360 px (the list beside it wider).
                QSplitter *split = panel->findChild<QSplitter *>();
                const QList<int> sizes = split->sizes();
                for (int narrow : {0, 1}) {
                    if (narrow) {
                        split->setSizes({360, sizes[0] + sizes[1] - 360});
                        settle();
                        QVERIFY2(chart->width() <= 400,
                                 qPrintable(QString::number(chart->width())));
                    }
                    const QString at = where +
                                       (narrow ? QStringLiteral(" narrow ") : QStringLiteral(" ")) +
                                       QString::number(chart->width()) + QStringLiteral(" px");
                    const QString title = countTitleProblem(*chart);
                    QVERIFY2(title.isEmpty(), qPrintable(at + QStringLiteral(": ") + title));
                    const QString bins = binLabelsProblem(*chart);
                    QVERIFY2(bins.isEmpty(), qPrintable(at + QStringLiteral(": ") + bins));
                }
                split->setSizes(sizes);
                settle();
                // A header shorter than its text says it all in a tooltip.
                for (int c = 0; c < list->columnCount(); ++c) {
                    if (list->isColumnHidden(c))
                        continue;
                    const QString text = list->headerItem()->text(c);
                    const int need = header->fontMetrics().horizontalAdvance(text) + 12;
                    if (need > header->sectionSize(c))
                        QVERIFY2(
                            !list->headerItem()->toolTip(c).isEmpty(),
                            qPrintable(where +
                                       QStringLiteral(": header '%1' cut, no tooltip").arg(text)));
                }
            }
        }
        Language::apply(QStringLiteral("en"));
        // The status ("The timeline shows run 2. Click a bar ...") reads as
        // lines of words down to 1024x600: beside the controls it was once
        // squeezed into a column a word wide.
        const auto *status = panel->findChild<QLabel *>(QStringLiteral("seriesStatus"));
        QVERIFY(status);
        for (const QSize size : {QSize(1280, 720), QSize(1024, 600)}) {
            window.resize(size);
            settle();
            const int lines = status->height() / std::max(1, status->fontMetrics().lineSpacing());
            QVERIFY2(status->isVisible() && status->width() >= 180 && lines <= 4,
                     qPrintable(QStringLiteral("%1x%2: status %3 px wide, %4 lines: %5")
                                    .arg(size.width())
                                    .arg(size.height())
                                    .arg(status->width())
                                    .arg(lines)
                                    .arg(status->text())));
        }
    }

    // 12 processes at 1280x720 and 24 at 1920x1080: every lane on screen.
    void manyLanes_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("buyers");
        QTest::newRow("12 at 1280x720") << QSize(1280, 720) << QStringLiteral("11");
        QTest::newRow("24 at 1920x1080") << QSize(1920, 1080) << QStringLiteral("23");
    }
    void manyLanes()
    {
        QFETCH(QSize, size);
        QFETCH(QString, buyers);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(size);
        QString why;
        const QByteArray b = buyers.toLatin1();
        QVERIFY2(runLab(window, QStringLiteral("ticket-race"), {{"buyers", b.constData()}}, &why),
                 qPrintable(why));
        QCOMPARE(window.page()->model()->rowCount(), buyers.toInt() + 1);
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            Language::apply(lang);
            window.presentation()->setOn(true, false);
            settle();
            Figures f;
            QVERIFY2(checkWindow(window, {size, true, lang}, &f, &why), qPrintable(why));
            g_total += f;
            ++g_windows;
        }
        Language::apply(QStringLiteral("en"));
        window.presentation()->setOn(false, false);
    }

    // Projector mode: the panels collapse to a toolbar, each one click away;
    // F11 shows the timeline alone and brings everything back.
    void panelsAndTimelineOnly()
    {
        MainWindow window;
        QVERIFY(showAt(window, QSize(1280, 720)));
        LabPage *page = window.page();
        WindowLayout *wl = window.windowLayout();
        QVERIFY(!wl->toolBar()->isVisible());
        QVERIFY(page->panelShown(LabPage::Panel::Parameters));
        window.presentation()->setOn(true, false);
        settle();
        QVERIFY(wl->toolBar()->isVisible());
        QVERIFY(!window.catalogue()->isVisible());
        for (LabPage::Panel panel : {LabPage::Panel::Parameters, LabPage::Panel::Summary,
                                     LabPage::Panel::Processes, LabPage::Panel::Notes})
            QVERIFY(!page->panelShown(panel));
        // One click: the notes; again: gone.
        auto *notes = wl->toolBar()->findChild<QAction *>(QStringLiteral("showNotes"));
        QVERIFY(notes);
        notes->trigger();
        QVERIFY(page->panelShown(LabPage::Panel::Notes));
        notes->trigger();
        QVERIFY(!page->panelShown(LabPage::Panel::Notes));
        // F11: the timeline alone, then as before.
        const int before = page->timeline()->height();
        QTest::keyClick(&window, Qt::Key_F11);
        settle();
        QVERIFY(wl->timelineOnly());
        QVERIFY(!wl->toolBar()->isVisible());
        QVERIFY(page->timeline()->height() > before);
        QTest::keyClick(&window, Qt::Key_F11);
        settle();
        QVERIFY(!wl->timelineOnly());
        QVERIFY(wl->toolBar()->isVisible());
        // Back to normal: every panel again, no toolbar.
        window.presentation()->setOn(false, false);
        settle();
        QVERIFY(!wl->toolBar()->isVisible());
        QVERIFY(window.catalogue()->isVisible());
        QVERIFY(page->panelShown(LabPage::Panel::Notes));
    }

    // Geometry and splitter positions come back in the next window.
    void geometryRemembered()
    {
        QSettings().remove(QStringLiteral("window"));
        auto *first = new MainWindow;
        first->resize(1100, 650);
        first->show();
        QVERIFY(QTest::qWaitForWindowExposed(first));
        auto *body = first->findChild<QSplitter *>(QStringLiteral("bodySplitter"));
        QVERIFY(body);
        body->setSizes({420, 600});
        settle();
        const QList<int> sizes = body->sizes();
        first->close();
        delete first;
        MainWindow second;
        second.windowLayout()->restoreWindow();
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        settle();
        QCOMPARE(second.size(), QSize(1100, 650));
        QCOMPARE(second.findChild<QSplitter *>(QStringLiteral("bodySplitter"))->sizes(), sizes);
    }
};

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
