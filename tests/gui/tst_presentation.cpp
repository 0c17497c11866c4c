// Projector mode: the presentation palette is larger in every size and
// darker where the standard one is pale; painted marks really get thicker;
// View > Presentation enlarges the application's text, switches the
// timeline's palette, and is remembered for the next window (in a temporary
// settings location), while --presentation (setOn without remembering) is not.
#include "guitestsupport.h"
#include "labpage.h"
#include "mainwindow.h"
#include "presentationmode.h"
#include "timelinelayout.h"
#include "timelinepalette.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace proclab;
using namespace proclab::test;

namespace {

const QSize kSize(1280, 720);

// MainProcess starts Process-1, which is killed at 1 s and reaped at 1.6 s.
TraceEvents killedChildRun()
{
    return {
        meta(100, QStringLiteral("MainProcess"), 1, true),
        begin(0, 100, ev::Running),
        meta(201, QStringLiteral("Process-1"), 100),
        begin(10'000, 201, ev::Running),
        instant(1'000'000, 201, ev::Exit, {{"exitcode", -15}}),
        end(1'000'000, 201, ev::Running),
        begin(1'000'000, 201, ev::Zombie),
        end(1'600'000, 201, ev::Zombie),
        instant(1'600'000, 201, ev::Reaped, {{"by", "MainProcess"}}),
        end(1'700'000, 100, ev::Running),
    };
}

// Width in pixels of the dark vertical stroke crossing row y near x.
int strokeWidth(const QImage &image, double x, double y)
{
    int width = 0;
    for (int px = int(x) - 20; px <= int(x) + 20; ++px) {
        const QColor c = pixelAt(image, px, y);
        if (c.red() < 90 && c.green() < 90 && c.blue() < 90)
            ++width;
    }
    return width;
}

QLabel *titleOf(LabPage *page)
{
    for (QLabel *l : page->findChildren<QLabel *>())
        if (l->text() == QLatin1String("Start processes"))
            return l;
    return nullptr;
}

} // namespace

class TestPresentation : public QObject
{
    Q_OBJECT
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("ProcLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_presentation"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QVERIFY2(QSettings().fileName().startsWith(m_settings.path()),
                 qPrintable(QSettings().fileName()));
        installWarningRecorder();
    }
    void cleanupTestCase() { uninstallWarningRecorder(); }
    void init() { clearRecordedWarnings(); }
    void cleanup()
    {
        const QStringList warnings = recordedWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

    void paletteIsLargerAndDarker()
    {
        const TimelinePalette normal = TimelinePalette::standard();
        const TimelinePalette big = TimelinePalette::presentation();
        QVERIFY(big.fontPointSize >= normal.fontPointSize * 1.4);
        QVERIFY(big.markScale > normal.markScale);
        QVERIFY(big.markLineWidth > normal.markLineWidth);
        QVERIFY(big.lineWidth > normal.lineWidth);
        QVERIFY(big.arrowHead > normal.arrowHead);
        QVERIFY(big.gridWidth > normal.gridWidth);
        QVERIFY(big.accessTickWidth > normal.accessTickWidth);
        QVERIFY(big.glyphWidth > normal.glyphWidth);
        QVERIFY(big.laneMinHeight > normal.laneMinHeight);
        QVERIFY(big.laneMaxHeight > normal.laneMaxHeight);
        QVERIFY(big.labelWidth > normal.labelWidth);
        QCOMPARE(normal.barOutlineWidth, 0.0);
        QVERIFY(big.barOutlineWidth > 0);
        QVERIFY(big.grid.lightness() < normal.grid.lightness());
        QVERIFY(big.mutedText.lightness() < normal.mutedText.lightness());
        QVERIFY(big.laneStripe.lightness() < normal.laneStripe.lightness());
    }

    // The exit bar of a killed child, measured in the rendered image.
    void marksArePaintedThicker()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(killedChildRun());
        TimelineView view;
        view.resize(kSize);
        view.setModel(&model);
        int widths[2] = {};
        double laneHeights[2] = {};
        const TimelinePalette palettes[2] = {TimelinePalette::standard(),
                                             TimelinePalette::presentation()};
        for (int i = 0; i < 2; ++i) {
            view.setPalette(palettes[i]);
            view.fitAll();
            const QImage image = renderTimeline(view, kSize);
            const TimelineLayout layout = view.layoutFor(QRectF(QPointF(0, 0), kSize));
            QCOMPARE(model.lane(1).name, QStringLiteral("Process-1"));
            const double x = view.mapping().toX(1'000'000);
            const double y = layout.barTop(1, 0) - 1.5; // the bar sticks out above the lane's bar
            widths[i] = strokeWidth(image, x, y);
            laneHeights[i] = layout.laneHeight;
            QVERIFY2(widths[i] >= 2, qPrintable(QString::number(widths[i])));
        }
        QVERIFY2(widths[1] > widths[0],
                 qPrintable(QStringLiteral("%1 vs %2").arg(widths[1]).arg(widths[0])));
        QVERIFY(laneHeights[1] >= laneHeights[0]);
    }

    void menuSwitchesAndIsRemembered()
    {
        QSettings().remove(QStringLiteral("view/presentation"));
        const double normalFont = QApplication::font().pointSizeF();
        const TimelinePalette normal = TimelinePalette::standard();
        const TimelinePalette big = TimelinePalette::presentation();
        double titleSize = 0;
        {
            MainWindow window;
            auto *action = window.findChild<QAction *>(QStringLiteral("presentation"));
            QVERIFY(action && action->isCheckable());
            QVERIFY(!action->isChecked());
            QCOMPARE(window.page()->timeline()->timelinePalette().fontPointSize,
                     normal.fontPointSize);
            QLabel *title = titleOf(window.page());
            QVERIFY(title);
            titleSize = title->font().pointSizeF();

            action->trigger(); // View > Presentation
            QVERIFY(action->isChecked());
            QVERIFY(window.presentation()->isOn());
            QCOMPARE(window.page()->timeline()->timelinePalette().fontPointSize, big.fontPointSize);
            QCOMPARE(window.page()->timeline()->timelinePalette().markLineWidth, big.markLineWidth);
            QCOMPARE(QApplication::font().pointSizeF(), normalFont * PresentationMode::kFontScale);
            // A widget with a size of its own (the lab's title) grows as well.
            QVERIFY(title->font().pointSizeF() > titleSize * 1.2);
            QCOMPARE(QSettings().value(QStringLiteral("view/presentation")).toBool(), true);
        }
        {
            MainWindow again; // a new window: the choice was remembered
            auto *action = again.findChild<QAction *>(QStringLiteral("presentation"));
            QVERIFY(action->isChecked());
            QCOMPARE(again.page()->timeline()->timelinePalette().fontPointSize, big.fontPointSize);
            QCOMPARE(QApplication::font().pointSizeF(),
                     normalFont * PresentationMode::kFontScale); // not enlarged twice

            action->trigger(); // and off again
            QVERIFY(!action->isChecked());
            QCOMPARE(QApplication::font().pointSizeF(), normalFont);
            QCOMPARE(again.page()->timeline()->timelinePalette().fontPointSize,
                     normal.fontPointSize);
            QCOMPARE(titleOf(again.page())->font().pointSizeF(), titleSize);
            QCOMPARE(QSettings().value(QStringLiteral("view/presentation")).toBool(), false);
        }
        MainWindow third;
        QVERIFY(!third.findChild<QAction *>(QStringLiteral("presentation"))->isChecked());
        QCOMPARE(third.page()->timeline()->timelinePalette().fontPointSize, normal.fontPointSize);
    }

    // On a projector the timeline gets most of the page's height; off, the
    // tabs below get their share back.
    void timelineTakesTheRoom()
    {
        QSettings().remove(QStringLiteral("view/presentation"));
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto share = [&] {
            const QWidget *t = window.page()->timeline();
            return double(t->height()) / t->parentWidget()->height();
        };
        const double normal = share();
        window.findChild<QAction *>(QStringLiteral("presentation"))->trigger();
        QTRY_VERIFY2(share() > normal + 0.08, qPrintable(QString::number(share())));
        window.findChild<QAction *>(QStringLiteral("presentation"))->trigger();
        QTRY_VERIFY2(share() < normal + 0.04, qPrintable(QString::number(share())));
        QSettings().remove(QStringLiteral("view/presentation"));
    }

    // proclab --presentation: on for the session, the stored choice untouched.
    void sessionOnlySwitchIsNotRemembered()
    {
        QSettings().setValue(QStringLiteral("view/presentation"), false);
        MainWindow window;
        window.presentation()->setOn(true, false);
        QVERIFY(window.findChild<QAction *>(QStringLiteral("presentation"))->isChecked());
        QCOMPARE(window.page()->timeline()->timelinePalette().fontPointSize,
                 TimelinePalette::presentation().fontPointSize);
        QCOMPARE(QSettings().value(QStringLiteral("view/presentation")).toBool(), false);
        window.presentation()->setOn(false, false);
        QCOMPARE(QSettings().value(QStringLiteral("view/presentation")).toBool(), false);
    }
};

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"
