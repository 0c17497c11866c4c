// SPDX-License-Identifier: MIT
// The Output pane: lines in time order across processes, appended as a run
// drains (a line that arrives late goes to its place in time), the user's
// scroll position kept when they scrolled up, followed at the bottom, the
// filter and a new run showing everything again.
#include "consoleview.h"
#include "guitestsupport.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTest>
#include <QTextBlock>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr qint64 kMain = 100;
constexpr qint64 kChild = 201;

TraceEvent print(double ts, qint64 pid, const QString &text)
{
    return instant(ts, pid, ev::Stdout, {{QStringLiteral("text"), text}});
}

QStringList shownTexts(const ConsoleView &view)
{
    QStringList texts;
    for (const QString &line : view.text().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        texts << line.section(QLatin1Char(' '), -1); // the printed word is last
    return texts;
}

} // namespace

class TestConsoleView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendsInTimeOrderAsTheRunDrains()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        ConsoleView view;
        view.setModel(&model);
        model.setLive(true);
        model.append({meta(kMain, QStringLiteral("MainProcess"), 1, true),
                      meta(kChild, QStringLiteral("Process-1"), kMain), print(1000, kMain, "a"),
                      print(3000, kChild, "c")});
        QCOMPARE(shownTexts(view), (QStringList{"a", "c"}));
        const QTextBlock first = view.textEdit()->document()->firstBlock();
        // The next drain brings a later line of one process and an earlier
        // one of the other: each goes to its place, nothing shown is redone.
        model.append({print(4000, kChild, "d"), print(2000, kMain, "b")});
        QCOMPARE(shownTexts(view), (QStringList{"a", "b", "c", "d"}));
        QCOMPARE(view.textEdit()->document()->firstBlock(), first);
        // Two lines at the same time, one already shown: the other once.
        model.append({print(4000, kChild, "d2"), instant(5000, kChild, ev::Exit)});
        QCOMPARE(shownTexts(view), (QStringList{"a", "b", "c", "d", "d2"}));
    }

    void lateErrorOnAnotherLaneShowsOnceTheRunEnds()
    {
        TraceModel model;
        ConsoleView view;
        view.setModel(&model);
        model.setLive(true);
        model.append({meta(kMain, QStringLiteral("MainProcess"), 1, true),
                      print(1000, kMain, "a"), print(3000, kMain, "c")});
        // Recorded on MainProcess's lane, earlier than a line already shown.
        model.append({instant(2000, kMain, ev::Error,
                              {{QStringLiteral("message"), QStringLiteral("late")}})});
        model.setLive(false);
        QCOMPARE(shownTexts(view), (QStringList{"a", "late", "c"}));
    }

    void keepsTheScrollPositionUnlessAtTheBottom()
    {
        TraceModel model;
        ConsoleView view;
        view.resize(500, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setModel(&model);
        model.setLive(true);
        model.append({meta(kMain, QStringLiteral("MainProcess"), 1, true)});
        TraceEvents batch;
        for (int i = 0; i < 200; ++i)
            batch.push_back(print(1000.0 * (i + 1), kMain, QStringLiteral("l%1").arg(i)));
        model.append(batch);
        QScrollBar *bar = view.textEdit()->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum()); // followed to the bottom

        bar->setValue(10); // the user scrolled up to read
        model.append({print(500'000, kMain, "more"), print(500'001, kMain, "more2")});
        QCOMPARE(bar->value(), 10);
        QCOMPARE(shownTexts(view).last(), QStringLiteral("more2"));

        bar->setValue(bar->maximum()); // back at the bottom: followed again
        const int before = bar->maximum();
        TraceEvents more;
        for (int i = 0; i < 20; ++i)
            more.push_back(print(600'000.0 + i, kMain, QStringLiteral("m%1").arg(i)));
        model.append(more);
        QVERIFY(bar->maximum() > before);
        QCOMPARE(bar->value(), bar->maximum());
    }

    void aNewRunShowsOnlyItsOwnOutput()
    {
        TraceModel model;
        ConsoleView view;
        view.setModel(&model);
        model.append({meta(kMain, QStringLiteral("MainProcess"), 1, true),
                      meta(kChild, QStringLiteral("Process-1"), kMain), print(1000, kMain, "a"),
                      print(2000, kChild, "b")});
        QCOMPARE(shownTexts(view), (QStringList{"a", "b"}));
        model.clear();
        model.append({meta(kMain + 1, QStringLiteral("MainProcess"), 1, true),
                      print(1000, kMain + 1, "x")});
        QCOMPARE(shownTexts(view), QStringList{"x"});
    }

    void filterShowsOneProcess()
    {
        TraceModel model;
        ConsoleView view;
        view.setModel(&model);
        model.append({meta(kMain, QStringLiteral("MainProcess"), 1, true),
                      meta(kChild, QStringLiteral("Process-1"), kMain), print(1000, kMain, "a"),
                      print(2000, kChild, "b"), print(3000, kMain, "c")});
        auto *filter = view.findChild<QComboBox *>();
        QVERIFY(filter);
        filter->setCurrentIndex(filter->findData(kChild));
        QCOMPARE(shownTexts(view), QStringList{"b"});
        model.append({print(4000, kChild, "d"), print(5000, kMain, "e")});
        QCOMPARE(shownTexts(view), (QStringList{"b", "d"}));
        filter->setCurrentIndex(0);
        QCOMPARE(shownTexts(view), (QStringList{"a", "b", "c", "d", "e"}));
    }
};

QTEST_MAIN(TestConsoleView)
#include "tst_consoleview.moc"
