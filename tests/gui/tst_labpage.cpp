// LabPage running real labs: one lane per real process, exit codes, the
// summary, the painted timeline; the form refusing bad combinations; Stop
// leaving no process behind; the main window's catalogue.
#include "guitestsupport.h"
#include "labcatalogue.h"
#include "labnotespanel.h"
#include "labpage.h"
#include "labs.h"
#include "labsession.h"
#include "mainwindow.h"
#include "parameterform.h"
#include "processcensus.h"
#include "summarypanel.h"
#include "timelinelayout.h"
#include "timelinepalette.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QFormLayout>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidgetItemIterator>
#include <memory>
#include <unistd.h>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr int kRunBoundMs = 20000; // a lab that should end in well under a second
const QSize kPageSize(1280, 720);

QPushButton *button(const LabPage &page, const char *name)
{
    return page.findChild<QPushButton *>(QLatin1String(name));
}

// The value the summary panel shows for `key`, or a null string.
QString summaryValue(const LabPage &page, const QString &key)
{
    auto *panel = page.findChild<SummaryPanel *>();
    auto *fields = panel ? panel->findChild<QFormLayout *>() : nullptr;
    if (!fields)
        return {};
    for (int r = 0; r < fields->rowCount(); ++r) {
        auto *label = fields->itemAt(r, QFormLayout::LabelRole);
        auto *field = fields->itemAt(r, QFormLayout::FieldRole);
        auto *name = label ? qobject_cast<QLabel *>(label->widget()) : nullptr;
        auto *value = field ? qobject_cast<QLabel *>(field->widget()) : nullptr;
        if (name && value && name->text() == key)
            return value->text();
    }
    return {};
}

} // namespace

class TestLabPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        installWarningRecorder();
        QVERIFY2(QFileInfo(LabSession::runnerPath()).isExecutable(),
                 qPrintable(LabSession::runnerPath()));
        QVERIFY2(descendantsOf(getpid()).isEmpty(), qPrintable(describeDescendants()));
    }
    void cleanupTestCase() { uninstallWarningRecorder(); }
    void init() { clearRecordedWarnings(); }
    void cleanup()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(descendantsOf(getpid()).isEmpty(),
                                  qPrintable(describeDescendants()), 2000);
        const QStringList warnings = recordedWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

    void joinRunShowsEveryRealProcess()
    {
        LabPage page;
        QAbstractItemModelTester tester(page.model());
        QVERIFY(showLab(page, QStringLiteral("join"), kPageSize));
        setParameters(page, {{"n", "3"}, {"work_ms", "200"}});
        QCOMPARE(page.form()->values().value(QStringLiteral("n")), QStringLiteral("3"));
        QCOMPARE(page.form()->values().value(QStringLiteral("mode")),
                 QStringLiteral("join-in-loop"));

        QSignalSpy finished(page.session(), &LabSession::finished);
        QSignalSpy running(&page, &LabPage::runningChanged);
        QVERIFY(page.run());
        QVERIFY(page.isRunning());
        QVERIFY(!button(page, "run")->isEnabled());
        QVERIFY(button(page, "stop")->isEnabled());
        QVERIFY(!page.form()->isEnabled());

        QVERIFY(finished.wait(kRunBoundMs));
        QCOMPARE(finished.first().first().value<LabSession::State>(), LabSession::State::Finished);
        QCOMPARE(running.count(), 2);
        QCOMPARE(running.last().first().toBool(), false);
        QVERIFY(button(page, "run")->isEnabled());
        QVERIFY(!button(page, "stop")->isEnabled());
        QVERIFY(page.form()->isEnabled());

        // One lane per real process: MainProcess and its three children, all exited with 0.
        TraceModel *model = page.model();
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->data(model->index(0), TraceModel::NameRole).toString(),
                 QStringLiteral("MainProcess"));
        QSet<qint64> pids;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex i = model->index(r);
            const QString name = model->data(i, TraceModel::NameRole).toString();
            QCOMPARE(model->data(i, TraceModel::ExitCodeRole), QVariant(0));
            QVERIFY2(model->data(i, TraceModel::PidRole).toLongLong() > 0, qPrintable(name));
            pids << model->data(i, TraceModel::PidRole).toLongLong();
        }
        QCOMPARE(pids.size(), 4); // four distinct processes
        QVERIFY2(page.statusText().startsWith(QLatin1String("Finished")),
                 qPrintable(page.statusText()));

        // The summary panel shows the measured time: three 200 ms children joined one by one.
        const QString elapsed = summaryValue(page, QStringLiteral("elapsed_ms"));
        bool ok = false;
        const double elapsedMs = elapsed.toDouble(&ok);
        QVERIFY2(ok, qPrintable(QStringLiteral("elapsed_ms shows '%1'").arg(elapsed)));
        QVERIFY2(elapsedMs >= 600, qPrintable(elapsed));
        QCOMPARE(elapsed,
                 SummaryPanel::formatValue(model->summary().value(QStringLiteral("elapsed_ms"))));

        // The timeline as drawn on screen: every lane shows its process alive,
        // children asleep (their work), MainProcess blocked in join().
        TimelineView *timeline = page.timeline();
        const QImage image = timeline->grab().toImage();
        QVERIFY(!image.isNull());
        const TimelinePalette pal = TimelinePalette::standard();
        const TimelineLayout layout = timeline->layoutFor(QRectF(timeline->rect()));
        QCOMPARE(layout.laneCount, 4);
        const double x0 = layout.lanes.left(), x1 = layout.lanes.right();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString name = model->lane(row).name;
            QVERIFY2(!layout.laneRect(row).isEmpty(), qPrintable(name));
            // The band of the outer (running) bar that nested bars leave uncovered.
            const double outer = (layout.barTop(row, 0) + layout.barTop(row, 1)) / 2;
            const double middle = barMiddle(layout, row);
            QVERIFY2(lineHasColour(image, outer, x0, x1, pal.running),
                     qPrintable(name + " running"));
            if (row == 0) {
                QVERIFY2(lineHasColour(image, middle, x0, x1, pal.blockedJoin),
                         qPrintable(name + " in join()"));
                QVERIFY2(!lineHasColour(image, middle, x0, x1, pal.sleeping),
                         qPrintable(name + " does not sleep"));
            } else {
                QVERIFY2(lineHasColour(image, middle, x0, x1, pal.sleeping),
                         qPrintable(name + " sleeping"));
                QVERIFY2(!lineHasColour(image, middle, x0, x1, pal.blockedJoin),
                         qPrintable(name + " joins nobody"));
            }
        }
    }

    void formRefusesBadCombination_data()
    {
        QTest::addColumn<QString>("minMs");
        QTest::addColumn<QString>("maxMs");
        QTest::addColumn<bool>("valid");
        QTest::newRow("min above max") << "5000"
                                       << "1000" << false;
        QTest::newRow("min one above max") << "1001"
                                           << "1000" << false;
        QTest::newRow("min equal to max") << "1000"
                                          << "1000" << true;
        QTest::newRow("min below max") << "1000"
                                       << "5000" << true;
    }
    void formRefusesBadCombination()
    {
        QFETCH(QString, minMs);
        QFETCH(QString, maxMs);
        QFETCH(bool, valid);
        LabPage page;
        QAbstractItemModelTester tester(page.model());
        QVERIFY(showLab(page, QStringLiteral("start-processes"), kPageSize));
        ParameterForm *form = page.form();
        QVERIFY(form->valid()); // the defaults run
        QSignalSpy validity(form, &ParameterForm::validityChanged);

        form->setValue(QStringLiteral("sleep_max_ms"), maxMs);
        form->setValue(QStringLiteral("sleep_min_ms"), minMs);
        QCOMPARE(form->values().value(QStringLiteral("sleep_min_ms")), minMs);
        QCOMPARE(form->values().value(QStringLiteral("sleep_max_ms")), maxMs);
        QVERIFY(!validity.isEmpty());
        QCOMPARE(validity.last().first().toBool(), valid);
        QCOMPARE(form->valid(), valid);
        QCOMPARE(button(page, "run")->isEnabled(), valid);

        const QString problems = form->problems().join(QLatin1Char('\n'));
        // The message shown beside the form is the same text.
        QLabel *shown = nullptr;
        for (QLabel *l : form->findChildren<QLabel *>())
            if (!problems.isEmpty() && l->text() == problems)
                shown = l;
        if (valid) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems));
            return;
        }
        QCOMPARE(form->problems().size(), 1);
        QCOMPARE(problems, QStringLiteral("sleep_min_ms (%1) must not exceed sleep_max_ms (%2)")
                               .arg(minMs, maxMs));
        QVERIFY2(shown && shown->isVisible(), "the problem is shown in the form");

        // Run refuses too (e.g. Ctrl+R) and starts nothing.
        QSignalSpy started(page.session(), &LabSession::started);
        QVERIFY(!page.run());
        QCOMPARE(started.count(), 0);
        QVERIFY(!page.isRunning());
        QVERIFY2(descendantsOf(getpid()).isEmpty(), qPrintable(describeDescendants()));

        // Fixing either field makes it runnable again.
        form->setValue(QStringLiteral("sleep_max_ms"), minMs);
        QVERIFY(form->valid());
        QCOMPARE(validity.last().first().toBool(), true);
        QVERIFY(button(page, "run")->isEnabled());
        QVERIFY(!shown->isVisible());
    }

    // The course's hot-dog program is one choice away, and the question to
    // predict asks about the values now in the form.
    void presetFillsTheFormAndTheQuestionFollows()
    {
        LabPage page;
        QVERIFY(showLab(page, QStringLiteral("producer-consumer"), kPageSize));
        ParameterForm *form = page.form();
        auto *presets = form->findChild<QComboBox *>(QStringLiteral("preset"));
        QVERIFY(presets);
        QCOMPARE(presets->count(), 3); // (defaults), hot-dog, one-producer-one-consumer
        auto *question = page.notes()->findChild<QLabel *>(QStringLiteral("question"));
        QVERIFY(question);
        QVERIFY2(question->text().startsWith(QStringLiteral("3 producer(s) make 3 item(s) each; 2 "
                                                            "consumer(s); shutdown=sentinel-per-"
                                                            "consumer.")),
                 qPrintable(question->text()));
        QCOMPARE(form->values().value(QStringLiteral("stagger_ms")), QStringLiteral("1500"));

        form->applyPreset(QStringLiteral("one-producer-one-consumer"));
        QCOMPARE(presets->currentData().toString(), QStringLiteral("one-producer-one-consumer"));
        QCOMPARE(form->values().value(QStringLiteral("producers")), QStringLiteral("1"));
        QCOMPARE(form->values().value(QStringLiteral("items_per_producer")), QStringLiteral("10"));
        QCOMPARE(form->values().value(QStringLiteral("shutdown")),
                 QStringLiteral("sentinel-per-producer"));
        QCOMPARE(form->values().value(QStringLiteral("stagger_ms")), QStringLiteral("0"));
        QVERIFY2(question->text().startsWith(QStringLiteral("1 producer(s) make 10 item(s) each; 1 "
                                                            "consumer(s); shutdown=sentinel-per-"
                                                            "producer.")),
                 qPrintable(question->text()));
        // A field changed by hand changes the question too.
        form->setValue(QStringLiteral("consumers"), QStringLiteral("4"));
        QVERIFY2(question->text().contains(QStringLiteral("4 consumer(s)")),
                 qPrintable(question->text()));
        form->resetToDefaults();
        QCOMPARE(presets->currentIndex(), 0);
        QCOMPARE(form->values().value(QStringLiteral("producers")), QStringLiteral("3"));
        // A lab without presets has no preset box.
        QVERIFY(showLab(page, QStringLiteral("join"), kPageSize));
        QVERIFY(!page.form()->findChild<QComboBox *>(QStringLiteral("preset")));
    }

    void stopEndsEveryProcess()
    {
        LabPage page;
        QAbstractItemModelTester tester(page.model());
        QVERIFY(showLab(page, QStringLiteral("join"), kPageSize));
        // Both children alive at once, so all three lanes appear without waiting 30 s.
        setParameters(page, {{"n", "2"}, {"work_ms", "30000"}, {"mode", "join-after-start"}});
        QCOMPARE(page.form()->values().value(QStringLiteral("mode")),
                 QStringLiteral("join-after-start"));

        QSignalSpy finished(page.session(), &LabSession::finished);
        QVERIFY(page.run());
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 3, kRunBoundMs);
        // Real processes: the runner, MainProcess and two children are running now.
        QVERIFY2(descendantsOf(getpid()).size() >= 4, qPrintable(describeDescendants()));
        QVERIFY(page.isRunning());
        QCOMPARE(finished.count(), 0);

        page.stop();
        QTRY_VERIFY2_WITH_TIMEOUT(descendantsOf(getpid()).isEmpty(),
                                  qPrintable(describeDescendants()), 1000);
        QVERIFY(finished.count() == 1 || finished.wait(kRunBoundMs));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(page.session()->state(), LabSession::State::Stopped);
        QCOMPARE(page.statusText(), QStringLiteral("Stopped: every lab process was ended"));
        QVERIFY(!page.isRunning());
        QVERIFY(button(page, "run")->isEnabled());
        QVERIFY(!button(page, "stop")->isEnabled());
        // The lanes stay for the student to read; none ended by itself with 0.
        QCOMPARE(page.model()->rowCount(), 3);
        for (int r = 1; r < page.model()->rowCount(); ++r)
            QVERIFY2(page.model()->lane(r).exitcode != std::optional<int>(0),
                     qPrintable(page.model()->lane(r).name));
    }

    // Quitting while a lab runs: the window goes away before the runner has
    // reported its end. Nothing may crash and no lab process may outlive it.
    void closingMidRunEndsTheLab_data()
    {
        QTest::addColumn<bool>("viaMainWindow");
        QTest::newRow("lab page destroyed") << false;
        QTest::newRow("main window closed, then destroyed") << true;
    }
    void closingMidRunEndsTheLab()
    {
        QFETCH(bool, viaMainWindow);
        std::unique_ptr<QWidget> top;
        LabPage *page = nullptr;
        if (viaMainWindow) {
            auto *window = new MainWindow;
            top.reset(window);
            page = window->page();
        } else {
            top = std::make_unique<LabPage>();
            page = static_cast<LabPage *>(top.get());
        }
        // Owned by the model, so it goes with the page.
        new QAbstractItemModelTester(page->model(), page->model());
        top->resize(kPageSize);
        top->show();
        QVERIFY(QTest::qWaitForWindowExposed(top.get()));
        page->setLab(QStringLiteral("join"));
        setParameters(*page, {{"n", "2"}, {"work_ms", "30000"}, {"mode", "join-after-start"}});
        QVERIFY(page->run());
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 3, kRunBoundMs);
        QVERIFY2(descendantsOf(getpid()).size() >= 4, qPrintable(describeDescendants()));

        if (viaMainWindow)
            QVERIFY(top->close());
        top.reset();
        QTRY_VERIFY2_WITH_TIMEOUT(descendantsOf(getpid()).isEmpty(),
                                  qPrintable(describeDescendants()), 1000);
    }

    void mainWindowListsTheLabs()
    {
        MainWindow window;
        QAbstractItemModelTester tester(window.page()->model());
        QAbstractItemModelTester catalogueTester(window.catalogue()->model());
        QStringList ids;
        for (QTreeWidgetItemIterator it(window.catalogue()); *it; ++it)
            if ((*it)->data(0, Qt::UserRole).isValid())
                ids << (*it)->data(0, Qt::UserRole).toString();
        // Every lab once, and the five of chapter 1 (processes) among them.
        QStringList expected;
        for (const LabInfo *lab : labs::all())
            expected << QString::fromStdString(lab->id);
        ids.sort();
        expected.sort();
        QCOMPARE(ids, expected);
        for (const char *id : {"start-processes", "join", "isolation", "daemon", "terminate"})
            QVERIFY2(ids.contains(QLatin1String(id)), id);
        // The first lab is open and ready to run.
        QCOMPARE(window.catalogue()->currentLab(), QStringLiteral("start-processes"));
        QCOMPARE(window.page()->labId(), QStringLiteral("start-processes"));
        QVERIFY(window.page()->form()->valid());
        // Picking another lab in the catalogue opens it in the page.
        window.catalogue()->select(QStringLiteral("join"));
        QCOMPARE(window.page()->labId(), QStringLiteral("join"));
        QVERIFY(window.page()->form()->values().contains(QStringLiteral("work_ms")));
    }
};

QTEST_MAIN(TestLabPage)
#include "tst_labpage.moc"
