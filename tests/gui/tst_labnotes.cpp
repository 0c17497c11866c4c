// Lab notes: every lab has them in both languages with a question, an answer
// key and a Python program whose tags point at real lines; the Python
// programs compile; after a real run the notes show the run's own answer;
// clicking a timeline event highlights its line; the language follows the UI.
#include "guitestsupport.h"
#include "labnotes.h"
#include "labnotespanel.h"
#include "labpage.h"
#include "labs.h"
#include "labsession.h"
#include "processcensus.h"
#include "pythoncodeview.h"
#include "summarypanel.h"
#include "timelinelayout.h"
#include "timelineview.h"
#include "tracemodel.h"
#include "language.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr int kRunBoundMs = 30000;

// Event names a tag may use: the stable names of traceevent.h, and the ones
// the labs being added on other branches are expected to emit.
QStringList knownEvents()
{
    return {ev::Running, ev::Sleep, ev::Join, ev::Zombie, ev::Start, ev::Terminate, ev::Kill,
            ev::Exit, ev::Reaped, ev::Reparent, ev::DaemonTerminated, ev::Error, ev::Stdout,
            ev::WaitLock, ev::HoldLock, ev::LockOwnerDied, ev::Read, ev::Write, ev::LostUpdate,
            ev::Put, ev::Get, ev::WaitPut, ev::WaitGet, ev::WaitJoinQueue, ev::TaskDone,
            ev::WaitBarrier,
            // upcoming (pipe, manager-dict, ipc-compare, zombie-orphan)
            QStringLiteral("wait:recv"), QStringLiteral("send"), QStringLiteral("recv"),
            QStringLiteral("close"), QStringLiteral("eof"), ev::ManagerCall, ev::ManagerServe};
}

QStringList labIdsWithNotes()
{
    QStringList ids;
    for (const LabInfo *lab : labs::all())
        ids << QString::fromStdString(lab->id);
    for (const QString &id : LabNotes::upcomingLabIds())
        if (!ids.contains(id))
            ids << id;
    return ids;
}

bool hasCjk(const QString &s)
{
    static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    return cjk.match(s).hasMatch();
}

const Lane *laneWith(const TraceModel &model, bool main, int *row)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.lane(r).isMain == main) {
            *row = r;
            return &model.lane(r);
        }
    return nullptr;
}

// Clicks the timeline on the first marker `name` of a lane (MainProcess's or
// a child's); false when there is no such marker on screen.
bool clickMarker(TimelineView &view, const QString &name, bool onMain)
{
    const TraceModel &model = *view.model();
    for (int row = 0; row < model.rowCount(); ++row) {
        const Lane &lane = model.lane(row);
        if (lane.isMain != onMain)
            continue;
        for (const Marker &m : lane.markers()) {
            if (m.name != name)
                continue;
            // Zoomed in around it, as a user would, so that an event a few µs
            // away (terminate, then the print right after it) is pixels away.
            view.setVisibleRange(m.t - 500, m.t + 500);
            const TimelineLayout layout = view.layoutFor(view.rect());
            const double x = view.mapping().toX(m.t);
            const double y = barMiddle(layout, row);
            if (x < layout.lanes.left() || x > layout.lanes.right() ||
                layout.laneRect(row).isEmpty())
                return false;
            QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(int(std::lround(x)), int(y)));
            view.fitAll();
            return true;
        }
    }
    return false;
}

} // namespace

class TestLabNotes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        installWarningRecorder();
        QVERIFY(Language::apply(QStringLiteral("en")));
        QVERIFY2(QFileInfo(LabSession::runnerPath()).isExecutable(),
                 qPrintable(LabSession::runnerPath()));
    }
    void cleanupTestCase() { uninstallWarningRecorder(); }
    void init() { clearRecordedWarnings(); }
    void cleanup()
    {
        QVERIFY(Language::apply(QStringLiteral("en")));
        QTRY_VERIFY2_WITH_TIMEOUT(descendantsOf(getpid()).isEmpty(),
                                  qPrintable(describeDescendants()), 5000);
        const QStringList warnings = recordedWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

    void everyLabHasCompleteNotes_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QString>("language");
        for (const QString &id : labIdsWithNotes())
            for (const QString &lang : LabNotes::languages())
                QTest::newRow(qPrintable(id + QLatin1Char('/') + lang)) << id << lang;
    }
    void everyLabHasCompleteNotes()
    {
        QFETCH(QString, lab);
        QFETCH(QString, language);
        QString error;
        const auto note = LabNotes::load(lab, language, &error);
        QVERIFY2(note, qPrintable(error));
        QCOMPARE(note->language, language);
        QVERIFY(!note->course.isEmpty());
        QVERIFY(note->explanation.size() > 80);
        QVERIFY2(note->lookFor.size() >= 2 && note->lookFor.size() <= 4,
                 qPrintable(QString::number(note->lookFor.size())));
        for (const QString &item : note->lookFor)
            QVERIFY(!item.trimmed().isEmpty());
        QVERIFY(!note->question.text.isEmpty());
        QVERIFY(note->question.text.contains(QLatin1Char('?')) ||
                note->question.text.contains(QChar(0xff1f))); // full-width question mark
        QVERIFY(!note->question.answerKey.isEmpty());
        // Chinese text is Chinese, English is not.
        const QString all =
            note->course + note->explanation + note->lookFor.join(QString()) + note->question.text;
        QCOMPARE(hasCjk(note->explanation), language == QLatin1String("zh_CN"));
        QCOMPARE(hasCjk(note->question.text), language == QLatin1String("zh_CN"));
        if (language == QLatin1String("en"))
            QVERIFY2(!hasCjk(note->explanation + note->lookFor.join(QString())), qPrintable(all));

        // The program: short, tagged, tags on real code lines, known event names.
        // (It parses the lab's parameters and prints its summary lines too.)
        const LabSnippet &s = note->snippet;
        QVERIFY2(s.lines.size() >= 10 && s.lines.size() <= 100,
                 qPrintable(QString::number(s.lines.size())));
        QVERIFY(!s.tags.isEmpty());
        bool hasStart = false;
        for (const LabSnippet::Tag &t : s.tags) {
            QVERIFY2(t.line >= 0 && t.line < s.lines.size(), qPrintable(t.event));
            const QString code = s.lines.at(t.line).trimmed();
            QVERIFY2(!code.isEmpty() && !code.startsWith(QLatin1Char('#')),
                     qPrintable(QStringLiteral("@%1 on line %2").arg(t.event).arg(t.line + 1)));
            QVERIFY2(knownEvents().contains(t.event), qPrintable(t.event));
            hasStart = hasStart || t.event == ev::Start;
        }
        QVERIFY(hasStart);
        for (const QString &line : s.lines)
            QVERIFY2(!line.contains(QStringLiteral("# @")), qPrintable(line)); // tags stripped
        // Every start tag points at a start() call (or a Manager(), which starts one).
        for (const LabSnippet::Tag &t : s.tags)
            if (t.event == ev::Start)
                QVERIFY2(s.lines.at(t.line).contains(QStringLiteral(".start()")) ||
                             s.lines.at(t.line).contains(QStringLiteral("Manager()")),
                         qPrintable(s.lines.at(t.line)));
        if (note->question.kind != LabQuestion::Kind::Number)
            QVERIFY(note->question.choices.size() >= 2);
    }

    // The summary key answering the question is one the lab reports.
    void answerKeysAreSummaryKeys_data()
    {
        QTest::addColumn<QString>("lab");
        for (const LabInfo *lab : labs::all())
            QTest::newRow(lab->id.c_str()) << QString::fromStdString(lab->id);
    }
    void answerKeysAreSummaryKeys()
    {
        QFETCH(QString, lab);
        const auto note = LabNotes::load(lab, QStringLiteral("en"));
        QVERIFY(note);
        // Every lab's source names its summary keys in summary.set("key", ...).
        const QString key = note->question.answerKey;
        bool found = false;
        QDir dir(QStringLiteral(PROCLAB_SOURCE_DIR "/engine/labs"));
        for (const QString &file : dir.entryList({QStringLiteral("*.cpp")})) {
            QFile f(dir.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            if (!text.contains(QStringLiteral("\"%1\",").arg(lab)))
                continue;
            // summary.set("key", ...) or, translatable, set(QT_TRANSLATE_NOOP("Summary", "key"),
            // ...)
            const QRegularExpression set(
                QStringLiteral("set\\((QT_TRANSLATE_NOOP\\(\"Summary\",\\s*)?\"%1\"")
                    .arg(QRegularExpression::escape(key)));
            found = found || text.contains(set);
        }
        QVERIFY2(found, qPrintable(lab + QStringLiteral(": no summary key ") + key));
    }

    void upcomingLabsHaveNotes()
    {
        for (const QString &id : LabNotes::upcomingLabIds())
            QVERIFY2(LabNotes::has(id), qPrintable(id));
        QVERIFY(!LabNotes::has(QStringLiteral("no-such-lab")));
        QString error;
        QVERIFY(!LabNotes::load(QStringLiteral("no-such-lab"), QStringLiteral("en"), &error));
        QVERIFY(error.contains(QStringLiteral("no-such-lab")));
    }

    void pythonProgramsCompile()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStringList files;
        for (const QString &id : labIdsWithNotes()) {
            const auto note = LabNotes::load(id, QStringLiteral("en"));
            QVERIFY(note);
            QFile f(dir.filePath(id + QStringLiteral(".py")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(note->snippet.lines.join(QLatin1Char('\n')).toUtf8() + "\n");
            files << f.fileName();
        }
        QProcess p;
        p.start(python,
                QStringList{QStringLiteral("-c"),
                            QStringLiteral("import ast, sys\n"
                                           "for f in sys.argv[1:]:\n"
                                           "    ast.parse(open(f).read(), f)\n"
                                           "    assert 'multiprocessing' in open(f).read(), f\n")} +
                    files);
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 p.readAllStandardError().constData());
    }

    void tagsParseRolesConditionsAndOrder()
    {
        const LabSnippet s =
            LabSnippet::parse(QStringLiteral("def work():  # @running\n"
                                             "    time.sleep(1)  # @sleep(child)\n"
                                             "    sys.exit(1)  # @exit[exitcode=1]\n"
                                             "    return  # @exit[exitcode=0]\n"
                                             "p.start()  # @start @flow-x\n"
                                             "time.sleep(0.5)  # @sleep(main)\n"
                                             "p.join()  # @join[mode=a] @sleep(main)\n"
                                             "q.put(x)  # not a tag\n"
                                             "    time.sleep(2)  # @sleep(Process-2)\n"
                                             "last = q.get()  # @get[sentinel=true]\n"
                                             "item = q.get()  # @get\n"
                                             "\n\n"));
        QCOMPARE(s.lines.size(), 11); // trailing blank lines dropped
        QCOMPARE(s.lines.at(4), QStringLiteral("p.start()"));
        QCOMPARE(s.lines.at(7), QStringLiteral("q.put(x)  # not a tag"));
        QCOMPARE(s.lineFor(ev::Start, true), 4);
        QCOMPARE(s.lineFor(ev::Running, false), 0);
        QCOMPARE(s.lineFor(ev::Sleep, false), 1);
        auto query = [](const QString &event, bool onMain, int ordinal,
                        const QJsonObject &context = {}, const QString &lane = {}) {
            return SnippetQuery{event, onMain, lane, {}, ordinal, context};
        };
        QCOMPARE(s.lineFor(query(ev::Sleep, true, 0)), 5);
        QCOMPARE(s.lineFor(query(ev::Sleep, true, 1)), 6);
        QCOMPARE(s.lineFor(query(ev::Sleep, true, 7)), 6); // the last stands for the rest
        QCOMPARE(s.lineFor(query(ev::Sleep, false, 0, {}, "Process-2")), 8);
        QCOMPARE(s.lineFor(query(ev::Sleep, false, 0, {}, "Process-1")), 1);
        QCOMPARE(s.lineFor(query(ev::Exit, false, 0, {{"exitcode", 0}})), 3);
        QCOMPARE(s.lineFor(query(ev::Exit, false, 0, {{"exitcode", 1}})), 2);
        QCOMPARE(s.lineFor(query(ev::Exit, false, 0)), -1); // a condition needs its argument
        QCOMPARE(s.lineFor(query(ev::Join, true, 0, {{"mode", "a"}})), 6);
        QCOMPARE(s.lineFor(query(ev::Join, true, 0, {{"mode", "b"}})), -1);
        QCOMPARE(s.lineFor(query(ev::Get, false, 0, {{"sentinel", true}})), 9);
        QCOMPARE(s.lineFor(query(ev::Get, false, 3)), 10);
        QCOMPARE(s.lineFor(ev::Put, true), -1);
        const LabSnippet pc =
            LabSnippet::parse(QStringLiteral("def producer():  # @running(with:put)\n"
                                             "def consumer():  # @running(with:get)\n"
                                             "main()  # @running\n"));
        SnippetQuery consumer{
            ev::Running, false, QStringLiteral("Process-4"), {ev::Running, ev::Get}, 0, {}};
        QCOMPARE(pc.lineFor(consumer), 1);
        consumer.laneEvents = QStringList{ev::Put};
        QCOMPARE(pc.lineFor(consumer), 0);
        consumer.onMain = true; // with: is for child lanes
        QCOMPARE(pc.lineFor(consumer), 2);
        const LabSnippet joins =
            LabSnippet::parse(QStringLiteral("p.join()  # @join[target=with:put]\n"
                                             "c.join()  # @join[target=with:get]\n"));
        SnippetQuery join{
            ev::Join, true, QStringLiteral("MainProcess"),
            {},       2,    {{"target", "Process-4"}, {"target_events", QJsonArray{ev::Get}}}};
        QCOMPARE(joins.lineFor(join), 1);
        join.context.insert(QStringLiteral("target_events"), QJsonArray{ev::Put});
        QCOMPARE(joins.lineFor(join), 0);
    }

    void predictionsCompare()
    {
        LabQuestion number;
        number.kind = LabQuestion::Kind::Number;
        using V = LabNotes::Verdict;
        QCOMPARE(LabNotes::compare(number, QString(), QJsonValue(3)), V::NoPrediction);
        QCOMPARE(LabNotes::compare(number, QStringLiteral("3"), QJsonValue()), V::NoAnswer);
        QCOMPARE(LabNotes::compare(number, QStringLiteral(" 3 "), QJsonValue(3)), V::Matched);
        QCOMPARE(LabNotes::compare(number, QStringLiteral("4"), QJsonValue(3)), V::Missed);
        QCOMPARE(LabNotes::compare(number, QStringLiteral("lots"), QJsonValue(3)), V::Missed);
        QCOMPARE(LabNotes::compare(number, QStringLiteral("40,000"), QJsonValue(40000)),
                 V::Matched);
        number.tolerance = 0.1;
        QCOMPARE(LabNotes::compare(number, QStringLiteral("1050"), QJsonValue(1000)), V::Matched);
        QCOMPARE(LabNotes::compare(number, QStringLiteral("1200"), QJsonValue(1000)), V::Missed);
        LabQuestion yesNo;
        yesNo.kind = LabQuestion::Kind::Boolean;
        QCOMPARE(LabNotes::compare(yesNo, QStringLiteral("True"), QJsonValue(true)), V::Matched);
        QCOMPARE(LabNotes::compare(yesNo, QStringLiteral("False"), QJsonValue(true)), V::Missed);
        LabQuestion choice;
        choice.kind = LabQuestion::Kind::Choice;
        choice.choices = {QStringLiteral("R"), QStringLiteral("Z")};
        QCOMPARE(LabNotes::compare(choice, QStringLiteral("Z"), QJsonValue(QStringLiteral("Z"))),
                 V::Matched);
        QCOMPARE(LabNotes::compare(choice, QStringLiteral("R"), QJsonValue(QStringLiteral("Z"))),
                 V::Missed);
    }

    // After a real run the notes show exactly the summary's value, and say
    // whether the prediction matched it.
    void answerAfterRealRun_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QString>("prediction");
        QTest::newRow("ticket-race") << "ticket-race"
                                     << "1";
        QTest::newRow("terminate") << "terminate"
                                   << "False";
    }
    void answerAfterRealRun()
    {
        QFETCH(QString, lab);
        QFETCH(QString, prediction);
        LabPage page;
        QVERIFY(showLab(page, lab));
        if (lab == QLatin1String("ticket-race"))
            setParameters(page,
                          {{"buyers", "4"}, {"read_delay_ms", "50"}, {"write_delay_ms", "50"}});
        else
            setParameters(
                page,
                {{"work_ms", "3000"}, {"terminate_after_ms", "100"}, {"join_after_ms", "100"}});
        LabNotesPanel *notes = page.notes();
        QVERIFY(notes && notes->note());
        QTabWidget *tabs = nullptr;
        for (QTabWidget *t : page.findChildren<QTabWidget *>())
            if (t->indexOf(notes) >= 0)
                tabs = t;
        QVERIFY(tabs);
        QCOMPARE(tabs->currentWidget(), notes); // the question shows before Run
        notes->setPrediction(prediction);
        QCOMPARE(notes->prediction(), prediction);
        QVERIFY(notes->shownAnswer().isEmpty());

        QString why;
        QVERIFY2(runToEnd(page, kRunBoundMs, &why), qPrintable(why));
        const QJsonValue actual = page.model()->summary().value(notes->note()->question.answerKey);
        QVERIFY2(!actual.isUndefined(), qPrintable(notes->note()->question.answerKey));
        QCOMPARE(notes->shownAnswer(), SummaryPanel::formatValue(actual));
        auto *answer = notes->findChild<QLabel *>(QStringLiteral("answer"));
        QVERIFY(answer && answer->isVisible());
        QCOMPARE(answer->text(), SummaryPanel::formatValue(actual));
        const auto expected = LabNotes::compare(notes->note()->question, prediction, actual);
        QVERIFY(expected == LabNotes::Verdict::Matched || expected == LabNotes::Verdict::Missed);
        QCOMPARE(notes->verdict(), expected);
        auto *verdict = notes->findChild<QLabel *>(QStringLiteral("verdict"));
        QVERIFY(verdict);
        QCOMPARE(verdict->text().startsWith(QChar(0x2713)), expected == LabNotes::Verdict::Matched);

        // A new run clears the old answer until it has its own.
        page.model()->clear();
        QVERIFY(notes->shownAnswer().isEmpty());
    }

    // Clicking the terminate marker highlights p.terminate(); the start
    // marker highlights p.start(); empty space clears the highlight.
    void selectingAnEventHighlightsItsLine()
    {
        LabPage page;
        QVERIFY(showLab(page, QStringLiteral("terminate")));
        setParameters(
            page, {{"work_ms", "3000"}, {"terminate_after_ms", "300"}, {"join_after_ms", "300"}});
        QString why;
        QVERIFY2(runToEnd(page, kRunBoundMs, &why), qPrintable(why));
        TimelineView *view = page.timeline();
        PythonCodeView *code = page.notes()->codeView();
        QCOMPARE(code->highlightedLine(), -1);

        // Main prints a few µs after terminate(): zoom in until the two marks
        // stand apart, or the click may land on the print's.
        int mainLaneRow = -1;
        const Lane *mainLane = laneWith(*page.model(), true, &mainLaneRow);
        QVERIFY(mainLane);
        double terminateAt = -1;
        for (const Marker &m : mainLane->markers())
            if (m.name == ev::Terminate)
                terminateAt = m.t;
        QVERIFY(terminateAt >= 0);
        view->setVisibleRange(terminateAt - 20, terminateAt + 20);
        QVERIFY(clickMarker(*view, ev::Terminate, true));
        QVERIFY(code->highlightedLine() >= 0);
        QCOMPARE(code->lineText(code->highlightedLine()).trimmed(),
                 QStringLiteral("p.terminate()"));
        view->fitAll();
        QVERIFY(clickMarker(*view, ev::Start, true));
        QCOMPARE(code->lineText(code->highlightedLine()).trimmed(), QStringLiteral("p.start()"));
        // Right after terminate() the child is usually still alive; when it already
        // died, that is_alive() reaped it and its reaped mark sits on its exit mark.
        if (page.model()->summary().value(QStringLiteral("alive_after_terminate")).toBool()) {
            QVERIFY(clickMarker(*view, ev::Reaped, false));
            QCOMPARE(code->lineText(code->highlightedLine()).trimmed(), QStringLiteral("p.join()"));
        }
        // MainProcess's second sleep is the one while the child is a zombie.
        int mainRow = -1;
        const Lane *main = laneWith(*page.model(), true, &mainRow);
        QVERIFY(main);
        QVector<const Interval *> sleeps;
        for (const Interval &iv : main->intervals())
            if (iv.name == ev::Sleep)
                sleeps << &iv;
        QCOMPARE(sleeps.size(), 2);
        const TimelineLayout layout = view->layoutFor(view->rect());
        const double y = layout.barTop(mainRow, 1) + layout.barHeight(1) / 2;
        const int firstLine = [&] {
            const double x = view->mapping().toX((sleeps[0]->t0 + sleeps[0]->t1) / 2);
            QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(int(x), int(y)));
            return code->highlightedLine();
        }();
        const double x2 = view->mapping().toX((sleeps[1]->t0 + sleeps[1]->t1) / 2);
        QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(int(x2), int(y)));
        QVERIFY(firstLine >= 0 && code->highlightedLine() > firstLine);
        QVERIFY(code->lineText(code->highlightedLine()).contains(QStringLiteral("time.sleep")));
        // A click outside every lane clears the highlight.
        QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(view->width() / 2, 2));
        QCOMPARE(code->highlightedLine(), -1);
        // So does a new run.
        QVERIFY(clickMarker(*view, ev::Terminate, true));
        QVERIFY(code->highlightedLine() >= 0);
        page.model()->clear();
        QCOMPARE(code->highlightedLine(), -1);
    }

    // The notes speak the interface's language and follow a switch.
    void notesFollowTheLanguage()
    {
        LabPage page;
        QVERIFY(showLab(page, QStringLiteral("ticket-race")));
        LabNotesPanel *notes = page.notes();
        QCOMPARE(Language::current(), QStringLiteral("en"));
        QCOMPARE(notes->note()->language, QStringLiteral("en"));
        notes->setPrediction(QStringLiteral("7"));
        auto *explanation = notes->findChild<QLabel *>(QStringLiteral("explanation"));
        QVERIFY(explanation && !hasCjk(explanation->text()));

        QVERIFY(Language::apply(QStringLiteral("zh_CN")));
        QCOMPARE(Language::current(), QStringLiteral("zh_CN"));
        QEvent change(QEvent::LanguageChange);
        QApplication::sendEvent(notes, &change);
        QCOMPARE(notes->note()->language, QStringLiteral("zh_CN"));
        QVERIFY(hasCjk(explanation->text()));
        QCOMPARE(notes->prediction(), QStringLiteral("7")); // kept across the switch

        // Another lab clears the prediction.
        page.setLab(QStringLiteral("terminate"));
        QCOMPARE(notes->note()->labId, QStringLiteral("terminate"));
        QVERIFY(notes->prediction().isEmpty());
        QVERIFY(notes->findChild<QComboBox *>(QStringLiteral("predictionChoice"))->isVisible());
    }
};

QTEST_MAIN(TestLabNotes)
#include "tst_labnotes.moc"
