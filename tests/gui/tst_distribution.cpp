// Run ×N in the window: the histogram draws its bars from the values it is
// given (one series, and two side by side on the same bins: the C++ lab and
// another engine), a click on a bar says which; each bin's label is its own,
// true and drawn whole (narrow ranges, whole numbers, one value, 1 234 567 ±
// a few, negative values, a huge range; wide to narrow charts), each value
// in the bin its label names, the legend's min / median / max told apart in
// a narrow range, the count axis' name whole in English and
// Chinese; the lab page runs a real series (no sleeps: signals), shows
// progress and the Distribution tab, opens a run's timeline from a bar or the
// list, saves PNG/SVG/CSV, discards the series (and its directory) with the
// lab; Stop in the middle leaves nothing running; the number of runs is
// remembered per lab.
#include "distributionpanel.h"
#include "guitestsupport.h"
#include "histogramrows.h"
#include "histogramtext.h"
#include "labnotespanel.h"
#include "labpage.h"
#include "language.h"
#include "outcomehistogram.h"
#include "processcensus.h"
#include "repeatcontrol.h"
#include "tracemodel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFontMetrics>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QValueAxis>
#include <cmath>
#include <limits>
#include <sys/prctl.h>
#include <unistd.h>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr int kSeriesBoundMs = 120000;
const QColor kFirst(0x00, 0x72, 0xb2);  // OutcomeHistogram's first series
const QColor kSecond(0xd5, 0x5e, 0x00); // and its second

// Pixels of exactly `c` in the column at widget x of `image` (a grab): a bar's height.
int columnHeight(const QImage &image, double x, const QColor &c)
{
    const int col = int(x * image.devicePixelRatio());
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        n += image.pixelColor(col, y).rgb() == c.rgb() ? 1 : 0;
    return n;
}

QList<qreal> setValues(const QBarSet *set)
{
    QList<qreal> out;
    for (int i = 0; i < set->count(); ++i)
        out << set->at(i);
    return out;
}

// The values [lo, hi] a bin's label names: "7", "100–199", "10k–12k",
// "1.2–1.25", "−0.5–0", "1 234 567.5–1 234 568". False if it is not one.
bool parseLabel(QString label, double *lo, double *hi)
{
    label.remove(QChar(0x2009));
    label.replace(QChar(0x2212), QLatin1Char('-'));
    const QStringList parts = label.split(QChar(0x2013));
    if (parts.size() > 2)
        return false;
    const auto value = [](QString s, bool *ok) {
        double unit = 1;
        if (s.endsWith(QLatin1Char('k')) || s.endsWith(QLatin1Char('M'))) {
            unit = s.endsWith(QLatin1Char('k')) ? 1e3 : 1e6;
            s.chop(1);
        }
        return s.toDouble(ok) * unit;
    };
    bool a = false, b = true;
    *lo = value(parts[0], &a);
    *hi = parts.size() == 2 ? value(parts[1], &b) : *lo;
    return a && b && *lo <= *hi;
}

// Values as runs give them: narrow ranges, whole numbers, one value alike,
// large numbers a few apart, negative values, a huge range.
void valueRows()
{
    QTest::addColumn<QVector<double>>("values");
    addHistogramValueRows();
    QTest::newRow("negative: -5.5 to -1.25") << spread(-5.5, 0.125, 35);
    QTest::newRow("negative integers -40 to -3") << spread(-40, 1, 38);
    QTest::newRow("huge: 0.001 to 3e12")
        << QVector<double>{0.001, 0.5, 17.25, 4e6 + 0.5, 2.9e11, 3e12};
}

// `text` with its "_" as the thin spaces between groups of three digits.
QString thin(QString text)
{
    return text.replace(QLatin1Char('_'), QChar(0x2009));
}

QTabWidget *tabsOf(LabPage &page)
{
    for (QTabWidget *t : page.findChildren<QTabWidget *>())
        if (t->indexOf(page.distribution()) >= 0 || t->indexOf(page.notes()) >= 0)
            return t;
    return nullptr;
}

} // namespace

class TestDistribution : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        prctl(PR_SET_CHILD_SUBREAPER, 1);
        QVERIFY(!test::usePrivateTempDir().isEmpty());
        QVERIFY(m_settings.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("ProcLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_distribution"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        test::installWarningRecorder();
    }

    void init()
    {
        test::clearRecordedWarnings();
        m_leftoversBefore = test::proclabLeftovers();
    }

    void cleanup()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(),
                                  qPrintable(test::describeDescendants()), 2000);
        QTRY_COMPARE_WITH_TIMEOUT(test::proclabLeftovers(), m_leftoversBefore, 5000);
        QVERIFY2(test::recordedWarnings().isEmpty(),
                 qPrintable(test::recordedWarnings().join('\n')));
    }

    void histogramDrawsTheBarsOfTheValues()
    {
        OutcomeHistogram h;
        h.resize(900, 560);
        h.show();
        QVERIFY(QTest::qWaitForWindowExposed(&h));
        h.setData(QStringLiteral("title"), QStringLiteral("lost updates"),
                  {HistogramSeries{QString(), {1, 1, 2, 3, 3, 3}}});
        // Small counts start at 0 (the bar that is not there tells too).
        QCOMPARE(h.binAxis()->categories(), (QStringList{"0", "1", "2", "3"}));
        QCOMPARE(h.binAxis()->titleText(), QStringLiteral("lost updates"));
        QCOMPARE(h.bars()->count(), 1);
        QCOMPARE(setValues(h.bars()->barSets().first()), (QList<qreal>{0, 2, 1, 3}));
        QVERIFY2(h.statsText(0).contains(QStringLiteral("min 1 · median 2.5 · max 3")),
                 qPrintable(h.statsText(0)));
        QCOMPARE(h.bars()->barSets().first()->label(), h.statsText(0));
        QVERIFY(h.countAxis()->max() >= 3);

        // What is painted: bar heights in pixels in the ratio of the counts.
        QApplication::processEvents();
        const QImage img = h.grab().toImage();
        QCOMPARE(columnHeight(img, h.barCenter(0, 0).x(), kFirst), 0);
        const int h1 = columnHeight(img, h.barCenter(0, 1).x(), kFirst);
        const int h2 = columnHeight(img, h.barCenter(0, 2).x(), kFirst);
        const int h3 = columnHeight(img, h.barCenter(0, 3).x(), kFirst);
        QVERIFY2(h2 > 10 && h1 > h2 && h3 > h1,
                 qPrintable(QStringLiteral("heights %1 %2 %3").arg(h1).arg(h2).arg(h3)));
        QVERIFY2(qAbs(double(h1) / h2 - 2.0) < 0.1 && qAbs(double(h3) / h2 - 3.0) < 0.1,
                 qPrintable(QStringLiteral("heights %1 %2 %3").arg(h1).arg(h2).arg(h3)));

        // Wide ranges of whole numbers: bins of a round width, as many as
        // their labels fit side by side (at most 16), each label unclipped.
        QVector<double> wide;
        for (int i = 0; i <= 30000; i += 97)
            wide << i;
        wide << 30000; // counter-race: 4 × 10 000 increments, up to 30 000 lost
        h.resize(1600, 900);
        h.setData(QStringLiteral("t"), QStringLiteral("x"), {HistogramSeries{QString(), wide}});
        QApplication::processEvents();
        QCOMPARE(h.bins().size(), 16);
        QCOMPARE(h.binAxis()->categories().first(), QStringLiteral("0–2k"));
        QCOMPARE(h.binAxis()->categories().last(), QStringLiteral("30k–32k"));
        int total = 0;
        for (int c : h.counts(0))
            total += c;
        QCOMPARE(total, int(wide.size()));
        for (QSize size : {QSize(1600, 900), QSize(700, 450)}) {
            h.resize(size);
            QApplication::processEvents();
            const QStringList labels = h.binAxis()->categories();
            QCOMPARE(labels.size(), h.bins().size());
            const double slot = h.chart()->plotArea().width() / labels.size();
            const QFontMetrics fm(h.binAxis()->labelsFont());
            for (const QString &label : labels)
                QVERIFY2(fm.horizontalAdvance(label) < slot,
                         qPrintable(QStringLiteral("%1 wide: '%2' in %3 px")
                                        .arg(size.width())
                                        .arg(label)
                                        .arg(slot)));
        }
        QVERIFY2(h.bins().size() < 16 && h.bins().size() >= 4, qPrintable(QString::number(h.bins().size())));
        total = 0;
        for (int c : h.counts(0))
            total += c;
        QCOMPARE(total, int(wide.size()));
    }

    void twoSeriesStandSideBySide()
    {
        OutcomeHistogram h;
        h.resize(900, 560);
        h.show();
        QVERIFY(QTest::qWaitForWindowExposed(&h));
        h.setData(QStringLiteral("counter-race"), QStringLiteral("lost updates"),
                  {HistogramSeries{QStringLiteral("C++"), {0, 0, 1}},
                   HistogramSeries{QStringLiteral("CPython"), {1, 1, 1, 2}}});
        QCOMPARE(h.seriesCount(), 2);
        QCOMPARE(h.binAxis()->categories(), (QStringList{"0", "1", "2"}));
        QCOMPARE(h.bars()->count(), 2);
        QCOMPARE(setValues(h.bars()->barSets()[0]), (QList<qreal>{2, 1, 0}));
        QCOMPARE(setValues(h.bars()->barSets()[1]), (QList<qreal>{0, 3, 1}));
        QVERIFY2(h.bars()->barSets()[0]->label().startsWith(QStringLiteral("C++ — n = 3: min 0 · median 0 · max 1")),
                 qPrintable(h.bars()->barSets()[0]->label()));
        QVERIFY2(h.bars()->barSets()[1]->label().contains(QStringLiteral("CPython — n = 4: min 1 · median 1 · max 2")),
                 qPrintable(h.bars()->barSets()[1]->label()));

        QApplication::processEvents();
        const QImage img = h.grab().toImage();
        // In bin 1 both stand side by side: C++ on the left, one run; CPython right, three.
        const QPointF a = h.barCenter(0, 1), b = h.barCenter(1, 1);
        QVERIFY2(a.x() + 5 < b.x(), qPrintable(QStringLiteral("%1 %2").arg(a.x()).arg(b.x())));
        const int ha = columnHeight(img, a.x(), kFirst);
        const int hb = columnHeight(img, b.x(), kSecond);
        QVERIFY2(ha > 10 && qAbs(double(hb) / ha - 3.0) < 0.15,
                 qPrintable(QStringLiteral("%1 %2").arg(ha).arg(hb)));
        QCOMPARE(columnHeight(img, a.x(), kSecond), 0);
        QCOMPARE(columnHeight(img, h.barCenter(0, 2).x(), kFirst), 0); // no C++ run gave 2
        QVERIFY(columnHeight(img, h.barCenter(1, 2).x(), kSecond) > 10);
        QCOMPARE(h.indicesInBin(1, 1), (QVector<int>{0, 1, 2}));
        QCOMPARE(h.indicesInBin(0, 0), (QVector<int>{0, 1}));
    }

    void clickingABarSaysWhichOne()
    {
        OutcomeHistogram h;
        h.resize(900, 560);
        h.show();
        QVERIFY(QTest::qWaitForWindowExposed(&h));
        h.setData(QStringLiteral("t"), QStringLiteral("x"),
                  {HistogramSeries{QStringLiteral("C++"), {5, 6, 6, 7, 7, 7}},
                   HistogramSeries{QStringLiteral("CPython"), {5, 5, 7}}});
        QApplication::processEvents();
        QSignalSpy clicked(&h, &OutcomeHistogram::barClicked);
        QWidget *viewport = h.findChild<QChartView *>()->viewport();
        QCOMPARE(h.binAxis()->categories().at(5), QStringLiteral("5"));
        QTest::mouseClick(viewport, Qt::LeftButton, {},
                          viewport->mapFrom(&h, h.barCenter(1, 5).toPoint()));
        QTest::mouseClick(viewport, Qt::LeftButton, {},
                          viewport->mapFrom(&h, h.barCenter(0, 7).toPoint()));
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked[0], (QVariantList{1, 5}));
        QCOMPARE(clicked[1], (QVariantList{0, 7}));
    }

    // Every bin has its own label, no two alike, each naming truly the
    // values in it (1.2001 and 1.2003 are not both "1.2"; 1 234 567.5 is not
    // "1.235e+06"), in order; no bin is dropped or merged with another.
    void binLabelsTellBinsApart_data() { valueRows(); }
    void binLabelsTellBinsApart()
    {
        QFETCH(QVector<double>, values);
        OutcomeHistogram h;
        h.show();
        QVERIFY(QTest::qWaitForWindowExposed(&h));
        for (QSize size : {QSize(900, 330), QSize(480, 290), QSize(1600, 900)}) {
            h.resize(size);
            h.setData(QStringLiteral("t"), QStringLiteral("x"),
                      {HistogramSeries{QString(), values}});
            QApplication::processEvents();
            const QString at = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
            const QStringList labels = h.binLabels();
            QCOMPARE(labels.size(), h.bins().size());
            QCOMPARE(h.binAxis()->categories().size(), h.bins().size());
            QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), labels.size());
            double previous = -std::numeric_limits<double>::infinity();
            for (int i = 0; i < labels.size(); ++i) {
                double lo = 0, hi = 0;
                QVERIFY2(parseLabel(labels[i], &lo, &hi),
                         qPrintable(at + QStringLiteral(": '%1'").arg(labels[i])));
                QVERIFY2(lo > previous, qPrintable(at + QStringLiteral(": '%1' after '%2'")
                                                            .arg(labels[i], labels.value(i - 1))));
                previous = lo;
            }
            int total = 0;
            for (int c : h.counts(0))
                total += c;
            QCOMPARE(total, int(values.size()));
            // Each value in the bin whose label names it: lo <= v < hi (the
            // last bin also v == hi; whole numbers "100–199", v <= 199), as
            // the label's decimals read, so 1.2 is in "1.2–1.20005", not in
            // "1.19995–1.2".
            for (double v : values) {
                const int bin = Histogram::binOf(h.bins(), v);
                QVERIFY(bin >= 0);
                double lo = 0, hi = 0;
                QVERIFY(parseLabel(labels[bin], &lo, &hi));
                const bool last = bin == labels.size() - 1;
                const QString wrong = at + QStringLiteral(": %1 in the bin labelled '%2'")
                                               .arg(v, 0, 'g', 17)
                                               .arg(labels[bin]);
                if (lo == hi) // one value: to six digits
                    QVERIFY2(std::abs(v - lo) <= 5e-6 * std::max(1.0, std::abs(v)),
                             qPrintable(wrong));
                else if (h.bins()[bin].integral) // "100–199", "10k–12k"
                    QVERIFY2(v >= lo && v <= hi, qPrintable(wrong));
                else
                    QVERIFY2(v >= lo && (v < hi || (last && v == hi)), qPrintable(wrong));
            }
        }
    }

    // The legend's min, median and max read apart when they differ, with
    // the fewest decimals that do (all three "1.2" said nothing); whole
    // numbers stay whole, large ones keep their groups of three digits.
    void legendTellsMinMedianMaxApart_data()
    {
        QTest::addColumn<QVector<double>>("values");
        QTest::addColumn<QString>("stats");
        QTest::newRow("narrow: 1.2001 to 1.2004")
            << QVector<double>{1.2001, 1.2002, 1.2004}
            << QStringLiteral("min 1.2001 · median 1.2002 · max 1.2004");
        QTest::newRow("narrow: 1.20000 to 1.20018")
            << QVector<double>{1.2, 1.20009, 1.20018}
            << QStringLiteral("min 1.2 · median 1.20009 · max 1.20018");
        QTest::newRow("two close values: 1.2 and 1.2001")
            << QVector<double>{1.2, 1.2, 1.2001}
            << QStringLiteral("min 1.2 · median 1.2 · max 1.2001");
        QTest::newRow("across zero")
            << QVector<double>{-0.0003, -0.00005, 0.0002}
            << QStringLiteral("min −0.0003 · median −0.00005 · max 0.0002");
        QTest::newRow("run times: three digits")
            << QVector<double>{2.16, 4.4567, 6.69}
            << QStringLiteral("min 2.16 · median 4.46 · max 6.69");
        QTest::newRow("integers, median between two")
            << QVector<double>{1, 2, 3, 3} << QStringLiteral("min 1 · median 2.5 · max 3");
        QTest::newRow("integers 1 234 564 to 1 234 570")
            << QVector<double>{1234564, 1234567, 1234570}
            << QStringLiteral("min 1_234_564 · median 1_234_567 · max 1_234_570");
        QTest::newRow("1 234 567.1 to 1 234 567.9")
            << QVector<double>{1234567.1, 1234567.5, 1234567.9}
            << QStringLiteral("min 1_234_567.1 · median 1_234_567.5 · max 1_234_567.9");
        QTest::newRow("large, far apart: no decimals")
            << QVector<double>{10000, 12249.25, 30000}
            << QStringLiteral("min 10_000 · median 12_249 · max 30_000");
        QTest::newRow("one value: 1.25")
            << QVector<double>(3, 1.25) << QStringLiteral("min 1.25 · median 1.25 · max 1.25");
        QTest::newRow("one value: 7")
            << QVector<double>(3, 7) << QStringLiteral("min 7 · median 7 · max 7");
    }
    void legendTellsMinMedianMaxApart()
    {
        QFETCH(QVector<double>, values);
        QFETCH(QString, stats);
        stats = thin(stats);
        OutcomeHistogram h;
        h.resize(900, 560);
        h.setData(QStringLiteral("t"), QStringLiteral("x"), {HistogramSeries{QString(), values}});
        QVERIFY2(h.statsText(0).endsWith(stats),
                 qPrintable(QStringLiteral("'%1', not '%2'").arg(h.statsText(0), stats)));
        // A run's value in the list: as before, three digits or whole.
        QCOMPARE(OutcomeHistogram::formatValue(1.2001), QStringLiteral("1.2"));
        QCOMPARE(OutcomeHistogram::formatValue(0.97), QStringLiteral("0.97"));
        QCOMPARE(OutcomeHistogram::formatValue(312.4), QStringLiteral("312"));
        QCOMPARE(OutcomeHistogram::formatValue(-1234567), thin(QStringLiteral("−1_234_567")));
    }

    // The bins' labels are drawn whole, never elided or cut, from a wide
    // chart down to a narrow tab: on one line, on two, or (narrowest) every
    // k-th of them, none over another.
    void binLabelsAreNotCut_data() { valueRows(); }
    void binLabelsAreNotCut()
    {
        QFETCH(QVector<double>, values);
        OutcomeHistogram h;
        h.show();
        QVERIFY(QTest::qWaitForWindowExposed(&h));
        for (QSize size : {QSize(900, 330), QSize(480, 290), QSize(400, 280)}) {
            h.resize(size);
            h.setData(QStringLiteral("t"), QStringLiteral("x"),
                      {HistogramSeries{QString(), values}});
            QApplication::processEvents();
            const QString problem = test::binLabelsProblem(h);
            QVERIFY2(
                problem.isEmpty(),
                qPrintable(
                    QStringLiteral("%1x%2: %3").arg(size.width()).arg(size.height()).arg(problem)));
        }
    }

    // The count axis' name is drawn whole in English and Chinese, also with
    // single-digit counts (Qt Charts' own title, turned on its side, was cut
    // to "⋮" in Chinese), and follows a change of language.
    void countAxisNameIsWhole_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QSize>("size");
        for (const char *lang : {"en", "zh_CN"})
            for (QSize size : {QSize(900, 330), QSize(480, 290)})
                QTest::addRow("%s %dx%d", lang, size.width(), size.height())
                    << QString::fromLatin1(lang) << size;
    }
    void countAxisNameIsWhole()
    {
        QFETCH(QString, lang);
        QFETCH(QSize, size);
        QVERIFY(Language::apply(lang));
        OutcomeHistogram h;
        h.resize(size);
        h.show();
        QVERIFY(QTest::qWaitForWindowExposed(&h));
        QString problem;
        for (const QVector<double> &values :
             {QVector<double>{1, 2, 2, 3}, QVector<double>(40, 5)}) {
            h.setData(QStringLiteral("t"), QStringLiteral("x"),
                      {HistogramSeries{QString(), values}});
            QApplication::processEvents();
            problem += test::countTitleProblem(h);
        }
        // Made in English, then the language changes.
        Language::apply(QStringLiteral("en"));
        OutcomeHistogram later;
        later.resize(size);
        later.show();
        QVERIFY(QTest::qWaitForWindowExposed(&later));
        later.setData(QStringLiteral("t"), QStringLiteral("x"),
                      {HistogramSeries{QString(), {1, 2}}});
        QVERIFY(Language::apply(lang));
        QApplication::processEvents();
        problem += test::countTitleProblem(later);
        Language::apply(QStringLiteral("en"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void labPageRunsASeriesAndOpensARun()
    {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        LabPage page;
        QVERIFY(test::showLab(page, QStringLiteral("counter-race")));
        test::setParameters(page, {{"workers", "2"}, {"increments", "3000"}});
        page.repeatControl()->setRuns(3);
        QCOMPARE(page.repeatControl()->button()->text(), QStringLiteral("Run ×3"));
        DistributionPanel *panel = page.distribution();
        QSignalSpy busy(panel, &DistributionPanel::busyChanged);
        QSignalSpy running(&page, &LabPage::runningChanged);
        QSignalSpy runFinished(panel->runner(), &SeriesRunner::runFinished);

        QTest::mouseClick(page.repeatControl()->button(), Qt::LeftButton);
        QCOMPARE(busy.count(), 1);
        QCOMPARE(busy[0][0].toBool(), true);
        QVERIFY(page.isRunning());
        QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("run"))->isEnabled());
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("stop"))->isEnabled());
        QVERIFY(!page.repeatControl()->isEnabled());
        QTabWidget *tabs = tabsOf(page);
        QVERIFY(tabs);
        QCOMPARE(tabs->currentWidget(), panel);
        QVERIFY2(panel->statusText().startsWith(QStringLiteral("Run 1 of 3")),
                 qPrintable(panel->statusText()));
        QVERIFY(!page.run()); // no single run beside the series

        QTRY_COMPARE_WITH_TIMEOUT(busy.count(), 2, kSeriesBoundMs);
        QCOMPARE(busy[1][0].toBool(), false);
        QCOMPARE(runFinished.count(), 3);
        QCOMPARE(running.count(), 2);
        QVERIFY(!page.isRunning());
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("run"))->isEnabled());
        QVERIFY(page.repeatControl()->isEnabled());
        QCOMPARE(panel->runList()->topLevelItemCount(), 3);
        QCOMPARE(panel->chartedKey(), QStringLiteral("lost_updates"));
        QCOMPARE(panel->histogram()->binAxis()->titleText(),
                 QStringLiteral("Lost updates (expected − actual)"));
        int total = 0;
        for (int c : panel->histogram()->counts(0))
            total += c;
        QCOMPARE(total, 3);
        QTRY_COMPARE_WITH_TIMEOUT(panel->runner()->pendingTraces(), 0, kSeriesBoundMs);

        // At the end the timeline shows the run nearest the median by itself.
        {
            const OutcomeSeries &s = panel->runner()->series();
            const double median = s.stats(QStringLiteral("lost_updates")).median;
            QVERIFY(panel->shownRun() >= 1 && panel->shownRun() <= 3);
            const double shown = *s.runs[panel->shownRun() - 1].value(QStringLiteral("lost_updates"));
            for (const SeriesRun &r : s.runs)
                QVERIFY(std::abs(shown - median) <= std::abs(*r.value(QStringLiteral("lost_updates")) - median));
            QCOMPARE(page.model()->summary(), s.runs[panel->shownRun() - 1].summary);
            QVERIFY2(panel->statusText().contains(
                         QStringLiteral("The timeline shows run %1.").arg(panel->shownRun())),
                     qPrintable(panel->statusText()));
        }

        // A bar opens the first run in it: the page's timeline now shows that run.
        const OutcomeSeries &series = panel->runner()->series();
        int bin = 0;
        while (panel->histogram()->counts(0).value(bin) == 0)
            ++bin;
        const int firstRun = panel->histogram()->indicesInBin(0, bin).first() + 1;
        QSignalSpy opened(panel, &DistributionPanel::runOpened);
        QWidget *viewport = panel->histogram()->findChild<QChartView *>()->viewport();
        QTest::mouseClick(viewport, Qt::LeftButton, {},
                          viewport->mapFrom(panel->histogram(),
                                            panel->histogram()->barCenter(0, bin).toPoint()));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened[0][0].toInt(), firstRun);
        QCOMPARE(page.model()->labId(), QStringLiteral("counter-race"));
        QCOMPARE(page.model()->rowCount(), 3);
        QCOMPARE(page.model()->summary(), series.runs[firstRun - 1].summary);

        // The list opens any run.
        QTreeWidgetItem *third = panel->runList()->topLevelItem(2);
        const QRect r = panel->runList()->visualItemRect(third);
        QTest::mouseClick(panel->runList()->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(opened.count(), 2);
        QCOMPARE(opened[1][0].toInt(), 3);
        QCOMPARE(page.model()->summary(), series.runs[2].summary);

        // Another number to chart: the run time.
        panel->keyChooser()->setCurrentIndex(panel->keyChooser()->findData(QStringLiteral("run_ms")));
        QCOMPARE(panel->histogram()->binAxis()->titleText(), QStringLiteral("Run time (ms)"));
        QCOMPARE(panel->runList()->headerItem()->text(1), QStringLiteral("Run time (ms)"));

        // Saved: CSV one row per run, the chart as PNG and SVG.
        QString error;
        const QString csv = out.filePath(QStringLiteral("runs.csv"));
        QVERIFY2(panel->saveCsv(csv, &error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[0].startsWith("run,lost_updates,run_ms,"), lines[0].constData());
        QVERIFY(lines[3].startsWith("3,") && lines[3].endsWith(",finished"));
        const QString png = out.filePath(QStringLiteral("chart.png"));
        QVERIFY2(panel->saveImage(png, &error), qPrintable(error));
        QVERIFY(!QImage(png).isNull());
        const QString svg = out.filePath(QStringLiteral("chart.svg"));
        QVERIFY2(panel->saveImage(svg, &error), qPrintable(error));
        QVERIFY(QFileInfo(svg).size() > 0);

        // Another lab: the series, its tab and its traces go.
        page.setLab(QStringLiteral("join"));
        QCOMPARE(tabs->indexOf(panel), -1);
        QVERIFY(panel->runner()->series().runs.isEmpty());
    }

    // Run as Python with Run ×N: the N runs are CPython's (the lab's own
    // program), one series named CPython; nothing to compare, so the box is off.
    void runAsPythonMakesCPythonsSeries()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("no python3 on PATH");
        LabPage page;
        QVERIFY(test::showLab(page, QStringLiteral("ticket-race")));
        test::setParameters(page, {{"buyers", "3"}});
        page.setRunAsPython(true, false);
        QVERIFY(!page.repeatControl()->compareBox()->isEnabled());
        DistributionPanel *panel = page.distribution();
        QSignalSpy busy(panel, &DistributionPanel::busyChanged);
        QVERIFY(page.runSeries(2));
        QTRY_COMPARE_WITH_TIMEOUT(busy.count(), 2, kSeriesBoundMs);
        QVERIFY2(test::descendantsOf(getpid()).isEmpty(), qPrintable(test::describeDescendants()));
        QCOMPARE(panel->seriesCount(), 1);
        const OutcomeSeries &s = panel->runner(0)->series();
        QCOMPARE(s.name, QStringLiteral("CPython"));
        QCOMPARE(s.completed(), 2);
        // The program's own summary line (PythonSummary) gave the key outcome.
        for (const SeriesRun &run : s.runs) {
            const auto sold = run.value(QStringLiteral("successes"));
            QVERIFY2(sold.has_value(), qPrintable(run.status));
            QVERIFY(*sold >= 1 && *sold <= 3);
        }
        QCOMPARE(panel->histogram()->bars()->count(), 1);
        page.setRunAsPython(false, false);
        QVERIFY(page.repeatControl()->compareBox()->isEnabled());
    }

    // A user's own program has no known key outcome: Run ×N cannot be
    // pressed there and a line under it says why; nothing is started.
    void aUsersProgramSaysRunTimesNIsForLabs()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.py"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("print('hello')\n");
        f.close();
        LabPage page;
        QVERIFY(test::showLab(page, QStringLiteral("join")));
        QString error;
        QVERIFY2(page.openProgram(path, &error), qPrintable(error));
        RepeatControl *repeat = page.repeatControl();
        QVERIFY(repeat->programMode());
        QVERIFY(repeat->note()->isVisibleTo(&page));
        QVERIFY(repeat->note()->text().contains(QStringLiteral("for labs")));
        QVERIFY(!repeat->button()->isEnabled());
        QVERIFY(!repeat->compareBox()->isVisibleTo(&page));
        QVERIFY(!page.runSeries(3));
        QVERIFY(!page.distribution()->isRunning());
        QVERIFY(test::descendantsOf(getpid()).isEmpty());
        // Back to a lab: Run ×N again, the note gone.
        QVERIFY(test::showLab(page, QStringLiteral("join")));
        QVERIFY(!repeat->programMode());
        QVERIFY(!repeat->note()->isVisibleTo(&page));
        QVERIFY(repeat->button()->isEnabled());
    }

    // "Compare with Python": the lab's runs, then its Python program's, both
    // in the chart (shared bins) and the list; a CPython run opens too.
    void compareWithPythonChartsBothSeries()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("no python3 on PATH");
        LabPage page;
        QVERIFY(test::showLab(page, QStringLiteral("counter-race")));
        test::setParameters(page, {{"workers", "2"}, {"increments", "2000"}});
        page.repeatControl()->compareBox()->setChecked(true);
        DistributionPanel *panel = page.distribution();
        QSignalSpy busy(panel, &DistributionPanel::busyChanged);
        QVERIFY(page.runSeries(2));
        QTRY_COMPARE_WITH_TIMEOUT(busy.count(), 2, kSeriesBoundMs);
        QVERIFY2(test::descendantsOf(getpid()).isEmpty(), qPrintable(test::describeDescendants()));
        QCOMPARE(panel->seriesCount(), 2);
        QCOMPARE(panel->runner(0)->series().name, QStringLiteral("C++"));
        QCOMPARE(panel->runner(1)->series().name, QStringLiteral("CPython"));
        QCOMPARE(panel->runner(0)->series().completed(), 2);
        QCOMPARE(panel->runner(1)->series().completed(), 2);
        QCOMPARE(panel->runList()->topLevelItemCount(), 4);
        QCOMPARE(panel->runList()->topLevelItem(3)->text(3), QStringLiteral("CPython"));
        QCOMPARE(panel->histogram()->bars()->count(), 2);
        QVERIFY(panel->histogram()->bars()->barSets()[1]->label().startsWith(QStringLiteral("CPython")));
        QTRY_VERIFY_WITH_TIMEOUT(panel->runner(0)->pendingTraces() == 0 &&
                                     panel->runner(1)->pendingTraces() == 0,
                                 kSeriesBoundMs);
        QSignalSpy opened(panel, &DistributionPanel::runOpened);
        QTreeWidgetItem *python = panel->runList()->topLevelItem(3);
        QTest::mouseClick(panel->runList()->viewport(), Qt::LeftButton, {},
                          panel->runList()->visualItemRect(python).center());
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened[0][2].toString(), QStringLiteral("CPython"));
        QVERIFY(page.model()->rowCount() >= 3);
        QString error;
        QTemporaryDir out;
        const QString csv = out.filePath(QStringLiteral("both.csv"));
        QVERIFY2(panel->saveCsv(csv, &error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith("series,run,"));
        QVERIFY(lines[4].startsWith("CPython,2,"));
    }

    void stopInTheMiddleOfASeriesLeavesNothingRunning()
    {
        LabPage page;
        QVERIFY(test::showLab(page, QStringLiteral("join")));
        test::setParameters(page, {{"n", "3"}, {"work_ms", "30000"}, {"mode", "join-after-start"}});
        QSignalSpy busy(page.distribution(), &DistributionPanel::busyChanged);
        QVERIFY(page.runSeries(5));
        QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(getpid()).size() >= 5, kSeriesBoundMs);
        const auto before = test::descendantsOf(getpid());
        page.stop();
        QTRY_COMPARE_WITH_TIMEOUT(busy.count(), 2, kSeriesBoundMs);
        QVERIFY(!page.isRunning());
        QVERIFY2(test::descendantsOf(getpid()).isEmpty(), qPrintable(test::describeDescendants()));
        for (const auto &p : before)
            QCOMPARE(test::procInfo(p.pid).state, '?');
        const OutcomeSeries &s = page.distribution()->runner()->series();
        QCOMPARE(s.runs.size(), 1);
        QCOMPARE(s.runs[0].status, QStringLiteral("stopped"));
        QVERIFY2(page.distribution()->statusText().startsWith(
                     QStringLiteral("Stopped after 1 of 5 runs.")),
                 qPrintable(page.distribution()->statusText()));
        QCOMPARE(page.distribution()->runList()->topLevelItem(0)->text(2),
                 QStringLiteral("stopped"));
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("run"))->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(page.distribution()->runner()->pendingTraces(), 0,
                                  kSeriesBoundMs);
    }

    void numberOfRunsIsRememberedPerLab()
    {
        QSettings().remove(QStringLiteral("series"));
        RepeatControl c;
        c.setLab(QStringLiteral("join"));
        QCOMPARE(c.runs(), RepeatControl::kDefaultRuns);
        c.setRuns(7);
        c.setLab(QStringLiteral("counter-race"));
        QCOMPARE(c.runs(), RepeatControl::kDefaultRuns);
        c.setRuns(50);
        QCOMPARE(c.button()->text(), QStringLiteral("Run ×50"));
        c.setLab(QStringLiteral("join"));
        QCOMPARE(c.runs(), 7);
        QCOMPARE(RepeatControl::rememberedRuns(QStringLiteral("counter-race")), 50);
        QCOMPARE(c.spinBox()->minimum(), 2);
        QCOMPARE(c.spinBox()->maximum(), 1000);
        QSpinBox *spin = c.spinBox();
        spin->setValue(5000); // clamped by the box
        QCOMPARE(c.runs(), 1000);
        QSignalSpy requested(&c, &RepeatControl::runRequested);
        QTest::mouseClick(c.button(), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested[0][0].toInt(), 1000);
    }

private:
    QTemporaryDir m_settings;
    QStringList m_leftoversBefore;
};

QTEST_MAIN(TestDistribution)
#include "tst_distribution.moc"
