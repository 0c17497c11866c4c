// The process tree: built from hand-made events (parent/child structure,
// states over time, exit codes, zombies, reaping, re-parenting of an orphan
// to the runner, reported or inferred), as a Qt item model, and in a LabPage
// after a real run (its pids are the model's lanes; selecting frames a lane).
#include "guitestsupport.h"
#include "labpage.h"
#include "processtree.h"
#include "processtreemodel.h"
#include "processtreeview.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QTest>
#include <QTreeView>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr qint64 kRunner = 100, kMain = 200, kP1 = 300, kOrphan = 400, kP2 = 500;

QJsonObject code(int c)
{
    return {{QStringLiteral("exitcode"), c}};
}

// MainProcess starts Process-1 (which starts Process-1:1) and Process-2.
// Process-2 is terminated at 100 (zombie until 200, reaped by main);
// Process-1 leaves at 300 without joining its child, so Process-1:1 is
// orphaned and adopted by the runner; it ends at 600, reaped by the runner.
TraceEvents family(bool reportReparent)
{
    TraceEvents e{
        meta(kMain, QStringLiteral("MainProcess"), kRunner, true),
        begin(0, kMain, ev::Running),
        meta(kP1, QStringLiteral("Process-1"), kMain),
        begin(10, kP1, ev::Running),
        meta(kOrphan, QStringLiteral("Process-1:1"), kP1),
        begin(20, kOrphan, ev::Running),
        begin(25, kOrphan, ev::Sleep),
        meta(kP2, QStringLiteral("Process-2"), kMain),
        begin(30, kP2, ev::Running),
        begin(40, kMain, ev::Join, {{QStringLiteral("target_pid"), kP1}}),
        instant(100, kP2, ev::Exit, code(-15)),
        end(100, kP2, ev::Running),
        begin(100, kP2, ev::Zombie),
        end(200, kP2, ev::Zombie),
        instant(200, kP2, ev::Reaped),
        instant(300, kP1, ev::Exit, code(0)),
        end(300, kP1, ev::Running),
        begin(300, kP1, ev::Zombie),
        end(350, kP1, ev::Zombie),
        instant(350, kP1, ev::Reaped),
        end(350, kMain, ev::Join),
        end(600, kOrphan, ev::Sleep),
        instant(600, kOrphan, ev::Exit, code(3)),
        end(600, kOrphan, ev::Running),
        begin(600, kOrphan, ev::Zombie),
        end(610, kOrphan, ev::Zombie),
        instant(610, kOrphan, ev::Reaped),
        instant(700, kMain, ev::Exit, code(0)),
        end(700, kMain, ev::Running),
    };
    if (reportReparent)
        e.push_back(
            instant(305, kOrphan, ev::Reparent,
                    {{QStringLiteral("old_ppid"), kP1}, {QStringLiteral("new_ppid"), kRunner}}));
    return e;
}

const ProcessNode &node(const ProcessTree &t, qint64 pid)
{
    const int i = t.indexOfPid(pid);
    if (i < 0)
        qFatal("no node for pid %lld", pid);
    return t.nodes()[i];
}

qint64 parentPid(const ProcessTree &t, qint64 pid)
{
    const int p = node(t, pid).parent;
    return p < 0 ? -1 : t.nodes()[p].pid;
}

} // namespace

class TestProcessTree : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { installWarningRecorder(); }
    void cleanup()
    {
        const QStringList w = recordedWarnings();
        uninstallWarningRecorder();
        QVERIFY2(w.isEmpty(), qPrintable(w.join(QLatin1Char('\n'))));
    }

    void structureBeforeAnyoneExits()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(family(true));
        const ProcessTree t = ProcessTree::build(model, 50);
        QCOMPARE(t.nodes().size(), 5); // runner + 4 processes
        QVERIFY(t.nodes()[0].isRunner);
        QCOMPARE(t.nodes()[0].pid, kRunner);
        QCOMPARE(parentPid(t, kMain), kRunner);
        QCOMPARE(parentPid(t, kP1), kMain);
        QCOMPARE(parentPid(t, kP2), kMain);
        QCOMPARE(parentPid(t, kOrphan), kP1);
        // Children in start order.
        const ProcessNode &main = node(t, kMain);
        QCOMPARE(main.children.size(), 2);
        QCOMPARE(t.nodes()[main.children[0]].pid, kP1);
        QCOMPARE(t.nodes()[main.children[1]].pid, kP2);
        // States at 50: main blocked in join(), Process-2 running, the
        // grandchild in sleep(); nobody has an exit code or was re-parented.
        QCOMPARE(main.state.state, ProcessState::Sleeping);
        QCOMPARE(main.state.waitingIn, ev::Join);
        QCOMPARE(node(t, kP2).state.state, ProcessState::Running);
        QCOMPARE(node(t, kOrphan).state.state, ProcessState::Sleeping);
        QCOMPARE(node(t, kOrphan).state.waitingIn, ev::Sleep);
        for (qint64 pid : {kMain, kP1, kP2, kOrphan}) {
            QVERIFY(!node(t, pid).exitcode);
            QVERIFY(!node(t, pid).reparented);
        }
        // Before its first event a process has not started.
        QCOMPARE(ProcessTree::stateAt(model.lane(model.rowOfPid(kOrphan)), 15).state,
                 ProcessState::NotStarted);
    }

    void zombieThenReaped()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(family(true));
        const Lane &p2 = model.lane(model.rowOfPid(kP2));
        QCOMPARE(ProcessTree::stateAt(p2, 99).state, ProcessState::Running);
        QCOMPARE(ProcessTree::stateAt(p2, 150).state, ProcessState::Zombie);
        QCOMPARE(ProcessTree::stateAt(p2, 250).state, ProcessState::Reaped);
        const ProcessTree zombie = ProcessTree::build(model, 150);
        QCOMPARE(node(zombie, kP2).state.state, ProcessState::Zombie);
        QCOMPARE(node(zombie, kP2).exitcode, std::optional<int>(-15));
        const ProcessTree reaped = ProcessTree::build(model, 250);
        QCOMPARE(node(reaped, kP2).state.state, ProcessState::Reaped);
        QCOMPARE(node(reaped, kP2).exitcode, std::optional<int>(-15));
        QCOMPARE(parentPid(reaped, kP2), kMain); // reaping moves nothing
    }

    void exitedWithoutConfirmedZombie()
    {
        // An exit marker with no zombie interval (a killed process seen at
        // reap) and no reap yet: exited.
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append({meta(kMain, QStringLiteral("MainProcess"), kRunner, true),
                      begin(0, kMain, ev::Running), instant(50, kMain, ev::Exit, code(-9)),
                      end(50, kMain, ev::Running)});
        QCOMPARE(ProcessTree::stateAt(model.lane(0), 60).state, ProcessState::Exited);
        QCOMPARE(ProcessTree::build(model, 60).nodes()[1].exitcode, std::optional<int>(-9));
    }

    // The runner's /proc samples decide running / sleeping / zombie where the
    // events cannot see it; exits and reaps still come from the events.
    void sampledStatesTakePrecedence()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append({meta(kMain, QStringLiteral("MainProcess"), kRunner, true),
                      begin(0, kMain, ev::Running), counter(10, kMain, ev::State, 1), // R
                      counter(100, kMain, ev::State, 2),      // S, inside no event interval
                      begin(200, kMain, ev::Sleep),           // sleep(): S, and why
                      counter(300, kMain, ev::State, 5),      // Z before the exit arrives
                      instant(400, kMain, ev::Exit, code(0)), // the event says: exited
                      end(400, kMain, ev::Running), instant(500, kMain, ev::Reaped)});
        const Lane &lane = model.lane(0);
        QCOMPARE(ProcessTree::stateAt(lane, 50).state, ProcessState::Running);
        QCOMPARE(ProcessTree::tracedStateAt(lane, 150).state, ProcessState::Running);
        const ProcessStateAt s150 = ProcessTree::stateAt(lane, 150);
        QCOMPARE(s150.state, ProcessState::Sleeping);
        QCOMPARE(s150.waitingIn, ev::StateSleeping);
        const ProcessStateAt s250 = ProcessTree::stateAt(lane, 250);
        QCOMPARE(s250.state, ProcessState::Sleeping);
        QCOMPARE(s250.waitingIn, ev::Sleep);
        QCOMPARE(ProcessTree::stateAt(lane, 350).state, ProcessState::Zombie);
        QCOMPARE(ProcessTree::stateAt(lane, 450).state, ProcessState::Exited);
        QCOMPARE(ProcessTree::stateAt(lane, 550).state, ProcessState::Reaped);
    }

    void reportedReparentMovesUnderRunner()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(family(true));
        // Before the report, even though its parent has exited: the reported
        // event is what counts when a trace has one.
        const ProcessTree before = ProcessTree::build(model, 302);
        QCOMPARE(parentPid(before, kOrphan), kP1);
        QVERIFY(!node(before, kOrphan).reparented);
        const ProcessTree after = ProcessTree::build(model, 320);
        QCOMPARE(parentPid(after, kOrphan), kRunner);
        const auto &r = node(after, kOrphan).reparented;
        QVERIFY(r);
        QCOMPARE(r->fromPid, kP1);
        QCOMPARE(r->toPid, kRunner);
        QCOMPARE(r->t, 305.0);
        QVERIFY(!r->inferred);
        QVERIFY(!node(after, kP1).children.contains(after.indexOfPid(kOrphan)));
        QVERIFY(after.nodes()[0].children.contains(after.indexOfPid(kOrphan)));
        QCOMPARE(node(after, kP1).state.state, ProcessState::Zombie);
        QCOMPARE(node(after, kOrphan).state.state, ProcessState::Sleeping);
        // The end: reaped with its own exit code, still under the runner.
        const ProcessTree end = ProcessTree::build(model);
        QCOMPARE(end.time(), model.now());
        QCOMPARE(parentPid(end, kOrphan), kRunner);
        QCOMPARE(node(end, kOrphan).state.state, ProcessState::Reaped);
        QCOMPARE(node(end, kOrphan).exitcode, std::optional<int>(3));
        QCOMPARE(node(end, kMain).exitcode, std::optional<int>(0));
    }

    void inferredReparentWithoutEvent()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(family(false));
        QCOMPARE(parentPid(ProcessTree::build(model, 299), kOrphan), kP1);
        const ProcessTree t = ProcessTree::build(model, 301);
        QCOMPARE(parentPid(t, kOrphan), kRunner);
        QVERIFY(node(t, kOrphan).reparented);
        QVERIFY(node(t, kOrphan).reparented->inferred);
        QCOMPARE(node(t, kOrphan).reparented->fromPid, kP1);
        QCOMPARE(node(t, kOrphan).reparented->t, 300.0);
        // A child reaped before its parent exits is no orphan.
        QVERIFY(!node(t, kP2).reparented);
        QCOMPARE(parentPid(t, kP2), kMain);
    }

    void itemModel()
    {
        TraceModel model;
        QAbstractItemModelTester modelTester(&model);
        ProcessTreeModel tree;
        QAbstractItemModelTester tester(&tree,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        tree.setSource(&model);
        model.append(family(true));
        tree.setTime(320);
        QCOMPARE(tree.rowCount(), 1);
        const QModelIndex runner = tree.index(0, 0);
        QVERIFY(runner.data(ProcessTreeModel::IsRunnerRole).toBool());
        QVERIFY(runner.data().toString().contains(QLatin1String("subreaper")));
        const QModelIndex orphan = tree.indexOfPid(kOrphan);
        QVERIFY(orphan.isValid());
        QCOMPARE(orphan.parent(), runner);
        QVERIFY(orphan.data(ProcessTreeModel::ReparentedRole).toBool());
        QVERIFY(orphan.data().toString().contains(QLatin1String("re-parented from 300")));
        QCOMPARE(tree.indexOfPid(kP1, ProcessTreeModel::StateColumn).data().toString(),
                 ProcessTreeModel::stateText({ProcessState::Zombie, {}}));
        QCOMPARE(tree.indexOfPid(kP2, ProcessTreeModel::ExitCodeColumn).data().toString(),
                 ProcessTreeModel::exitCodeText(-15));
        QCOMPARE(tree.indexOfPid(kP2, ProcessTreeModel::PidColumn).data().toString(),
                 QString::number(kP2));
        // Back in time the orphan is under its first parent again.
        tree.setTime(50);
        QCOMPARE(tree.indexOfPid(kOrphan).parent(), tree.indexOfPid(kP1));
        QVERIFY(!tree.indexOfPid(kOrphan).data(ProcessTreeModel::ReparentedRole).toBool());
    }

    void realRunInLabPage()
    {
        LabPage page;
        QVERIFY(showLab(page, QStringLiteral("join")));
        setParameters(page, {{"n", "3"}, {"work_ms", "150"}});
        QString why;
        QVERIFY2(runToEnd(page, 60000, &why), qPrintable(why));
        TraceModel *model = page.model();
        ProcessTreeView *view = page.processTree();
        QVERIFY(view);
        QVERIFY(view->isVisible());
        const ProcessTree &tree = view->treeModel()->tree();
        QSet<qint64> lanes, nodes;
        for (int r = 0; r < model->rowCount(); ++r)
            lanes.insert(model->lane(r).pid);
        for (int i = 1; i < tree.nodes().size(); ++i)
            nodes.insert(tree.nodes()[i].pid);
        QCOMPARE(lanes.size(), 4); // MainProcess + 3
        QCOMPARE(nodes, lanes);
        QVERIFY(model->lane(0).isMain);
        QCOMPARE(tree.nodes()[0].pid, model->lane(0).ppid); // the runner
        QVERIFY(tree.nodes()[0].pid > 0);
        QCOMPARE(parentPid(tree, model->lane(0).pid), tree.nodes()[0].pid);
        for (int r = 1; r < model->rowCount(); ++r) {
            const ProcessNode &n = node(tree, model->lane(r).pid);
            QCOMPARE(parentPid(tree, n.pid), model->lane(0).pid);
            QCOMPARE(n.state.state, ProcessState::Reaped);
            QCOMPARE(n.exitcode, std::optional<int>(0));
            QVERIFY(!n.reparented);
        }
        // Pointing into a child's work: it sleeps, main waits in join().
        const Lane &child = model->lane(1);
        // Hovering the timeline moves the tree's instant (the shared time cursor).
        Q_EMIT page.timeline()->hovered(child.firstTs + 50'000);
        QCOMPARE(view->treeModel()->time(), child.firstTs + 50'000);
        QCOMPARE(node(view->treeModel()->tree(), child.pid).state.state, ProcessState::Sleeping);
        QCOMPARE(node(view->treeModel()->tree(), model->lane(0).pid).state.waitingIn, ev::Join);
        QVERIFY(view->headingText() != ProcessTreeView::tr("Processes at the end of the run"));
        Q_EMIT page.timeline()->hovered(-1); // the mouse left: back to the end
        QCOMPARE(view->treeModel()->time(), -1.0);
        QCOMPARE(view->headingText(), ProcessTreeView::tr("Processes at the end of the run"));
        // Selecting a process frames its lane in the timeline.
        view->selectPid(model->lane(2).pid);
        QCOMPARE(page.timeline()->highlightedPid(), model->lane(2).pid);
        QVERIFY(view->treeView()->currentIndex().isValid());
        // Neither the timeline nor the tree is squeezed below its minimum.
        QVERIFY(page.timeline()->width() >= page.timeline()->minimumSizeHint().width());
        QVERIFY(view->width() >= view->minimumSizeHint().width());
    }
};

QTEST_MAIN(TestProcessTree)
#include "tst_processtree.moc"
