// SPDX-License-Identifier: MIT
// The table of tst_pycourse: one row per program of tests/python/course,
// each mirroring one code example of the course (in order of the course).
#include "coursecase.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace proclab::test {

namespace {

const QString kMain = u"MainProcess"_s;
const QString kChildren = u"^Process-\\d+"_s;

#define NEED_LANE(var, name)                                                                       \
    const Lane *var = r.lane(name);                                                                \
    QVERIFY2(var, qPrintable(u"no lane "_s + (name) + u" among "_s + r.laneNames().join(u", "_s)))

QStringList processes(int n)
{
    QStringList names{kMain};
    for (int i = 1; i <= n; ++i)
        names << u"Process-%1"_s.arg(i);
    return names;
}

QMap<QString, int> allExit(const QStringList &lanes, int code = 0)
{
    QMap<QString, int> m;
    for (const QString &l : lanes)
        m.insert(l, code);
    return m;
}

QString arg(const Marker &m, const char *key)
{
    return m.args.value(QLatin1String(key)).toString();
}

// MainProcess started `children` in this order, each at a `.start()` line.
void startedInOrder(const PyRun &r, const QStringList &children, const QString &method = u"fork"_s)
{
    NEED_LANE(main, kMain);
    const auto starts = r.markers(*main, ev::Start);
    QStringList names;
    for (const Marker &s : starts) {
        names << arg(s, "child");
        QCOMPARE(arg(s, "method"), method);
        QVERIFY2(s.args.value(u"line"_s).toInt() > 0, qPrintable(arg(s, "child")));
    }
    QCOMPARE(names, children);
}

// The program never calls join(): every join on MainProcess is Python's own at exit,
// after MainProcess's last line of output.
void joinsOnlyAtExit(const PyRun &r)
{
    NEED_LANE(main, kMain);
    const auto printed = r.markers(*main, ev::Stdout);
    QVERIFY(!printed.isEmpty());
    for (const Interval &j : r.intervals(*main, ev::Join)) {
        QVERIFY2(j.args.value(u"at_exit"_s).toBool(), qPrintable(j.args.value(u"target"_s).toString()));
        QVERIFY(j.t0 >= printed.last().t);
    }
}

// Each child is reaped before the next one starts: they ran one after the other.
void serial(const PyRun &r, const QStringList &children)
{
    for (int i = 1; i < children.size(); ++i) {
        NEED_LANE(before, children[i - 1]);
        NEED_LANE(after, children[i]);
        const double reaped = timeOf(r, *before, ev::Reaped);
        QVERIFY(reaped >= 0);
        QVERIFY2(after->firstTs >= reaped, qPrintable(children[i] + u" started before "_s +
                                                      children[i - 1] + u" was reaped"_s));
    }
}

// `program` mirrors a course example where tasks print blocks of lines.
void wholeBlocks(const PyRun &r, int lines)
{
    const auto tasks = lanesMatching(r, kChildren);
    QCOMPARE(tasks.size(), 3);
    for (const Lane *t : tasks)
        QCOMPARE(r.markers(*t, ev::Stdout).size(), lines);
    QCOMPARE(writerSwitches(r, tasks), 2); // three whole blocks
}

QVector<Marker> queueOps(const PyRun &r, const QString &lanePattern, const QString &op)
{
    QVector<Marker> out;
    for (const Lane *l : lanesMatching(r, lanePattern))
        out += r.markers(*l, op);
    return out;
}

int sentinels(const QVector<Marker> &ops)
{
    int n = 0;
    for (const Marker &m : ops)
        n += m.args.value(u"sentinel"_s).toBool();
    return n;
}

// Every consumer's last get() is a sentinel (None), and it got exactly one.
void consumersStopAtTheirSentinel(const PyRun &r, const QStringList &consumers)
{
    QCOMPARE(getsBeforeTheirPut(r), QStringList()); // nothing eaten before it was made
    for (const QString &c : consumers) {
        NEED_LANE(lane, c);
        const auto gets = r.markers(*lane, ev::Get);
        QVERIFY(!gets.isEmpty());
        QVERIFY2(gets.last().args.value(u"sentinel"_s).toBool(), qPrintable(c));
        QCOMPARE(sentinels(gets), 1);
    }
}

QVector<Marker> opensOf(const PyRun &r, const QString &lanePattern, const QString &path,
                        const QString &mode)
{
    QVector<Marker> out;
    for (const Lane *l : lanesMatching(r, lanePattern))
        for (const Marker &m : r.markers(*l, ev::Open))
            if (arg(m, "path").endsWith(path) && arg(m, "mode") == mode)
                out << m;
    return out;
}

int printedContaining(const PyRun &r, const QString &lanePattern, const QString &text)
{
    int n = 0;
    for (const Lane *l : lanesMatching(r, lanePattern))
        for (const QString &line : r.printed(*l))
            n += line.contains(text);
    return n;
}

QString errorText(const PyRun &r, const Lane &lane)
{
    QStringList all;
    for (const Marker &m : r.markers(lane, ev::Error))
        all << arg(m, "message");
    return all.join(u"\n"_s);
}

// ---- one function per part of the course -------------------------------------------

void startingProcesses(QVector<CourseCase> &t)
{
    const QStringList four = processes(4);
    t << CourseCase{
        .program = u"start_by_function.py"_s,
        .example = u"Process(target=function, args=(...,)): four children, no join"_s,
        .lanes = four,
        .exitcodes = allExit(four),
        .events = {exactly(kMain, ev::Start, 4), exactly(kChildren, ev::Stdout, 2),
                   exactly(kChildren, ev::Sleep, 1), exactly(kChildren, ev::Reaped, 1),
                   between(kMain, ev::Join, 0, 4)},
        .keys = {{u"children_started"_s, 4}},
        .check =
            [four](const PyRun &r) {
                startedInOrder(r, four.mid(1));
                joinsOnlyAtExit(r);
                for (const Lane *c : lanesMatching(r, kChildren)) {
                    QVERIFY(r.printed(*c).first().endsWith(u"sets off"_s));
                    QVERIFY(r.printed(*c).last().endsWith(u"is back"_s));
                }
            },
    };

    const QStringList named{kMain, u"ann"_s, u"bo"_s, u"cy"_s, u"di"_s};
    t << CourseCase{
        .program = u"start_by_subclass.py"_s,
        .example = u"class Piao(Process) with run(): four children, no join"_s,
        .lanes = named,
        .exitcodes = allExit(named),
        .events = {exactly(kMain, ev::Start, 4), exactly(u"^(ann|bo|cy|di)"_s, ev::Stdout, 2),
                   exactly(u"^(ann|bo|cy|di)"_s, ev::Sleep, 1)},
        .keys = {{u"children_started"_s, 4}},
        .check =
            [named](const PyRun &r) {
                startedInOrder(r, named.mid(1));
                joinsOnlyAtExit(r);
                NEED_LANE(ann, u"ann"_s);
                QCOMPARE(r.printed(*ann).first(), u"ann sets off"_s);
            },
    };
}

void joining(QVector<CourseCase> &t)
{
    const QStringList five = processes(5);
    t << CourseCase{
        .program = u"join_in_loop.py"_s,
        .example = u"join() (1): p.join() inside the loop that starts them"_s,
        .lanes = five,
        .exitcodes = allExit(five),
        .events = {exactly(kMain, ev::Start, 5), exactly(kMain, ev::Join, 5),
                   exactly(kChildren, ev::Stdout, 1)},
        .keys = {{u"children"_s, 5}, {u"children_alive_at_parent_line"_s, 0}},
        .check =
            [five](const PyRun &r) {
                startedInOrder(r, five.mid(1));
                serial(r, five.mid(1));
                NEED_LANE(main, kMain);
                const auto joins = r.intervals(*main, ev::Join);
                for (int i = 0; i < joins.size(); ++i) {
                    QCOMPARE(joins[i].args.value(u"target"_s).toString(), five[i + 1]);
                    QVERIFY(!joins[i].args.value(u"at_exit"_s).toBool());
                }
            },
    };

    t << CourseCase{
        .program = u"join_after_all_starts.py"_s,
        .example = u"join() (1), its commented line: [p.join() for p in p_lst] after all starts"_s,
        .lanes = five,
        .exitcodes = allExit(five),
        .events = {exactly(kMain, ev::Start, 5), exactly(kMain, ev::Join, 5),
                   exactly(kChildren, ev::Stdout, 1)},
        .keys = {{u"children"_s, 5}, {u"children_alive_at_parent_line"_s, 0}},
        .check =
            [five](const PyRun &r) {
                startedInOrder(r, five.mid(1));
                NEED_LANE(main, kMain);
                const auto starts = r.markers(*main, ev::Start);
                const auto joins = r.intervals(*main, ev::Join);
                QCOMPARE(joins.size(), 5);
                QVERIFY(joins.first().t0 > starts.last().t); // every start before any join
                QVERIFY(!joins.first().args.value(u"at_exit"_s).toBool());
                // The parent's line comes after the last join.
                QVERIFY(r.markers(*main, ev::Stdout).first().t > joins.last().t1);
            },
    };

    t << CourseCase{
        .program = u"no_join_parent_first.py"_s,
        .example = u"join() (2): the same children with the join commented out"_s,
        .lanes = five,
        .exitcodes = allExit(five),
        .events = {exactly(kMain, ev::Start, 5), between(kMain, ev::Join, 0, 5),
                   exactly(kChildren, ev::Stdout, 1)},
        .keys = {{u"children"_s, 5}},
        .ranges = {{u"children_alive_at_parent_line"_s, 0, 5}},
        .check = [](const PyRun &r) { joinsOnlyAtExit(r); },
    };

    const QStringList chat{kMain, u"ann"_s, u"bo"_s, u"cy"_s};
    t << CourseCase{
        .program = u"subclass_module_level.py"_s,
        .example = u"class MyProcess(Process) printing os.getpid(), started and joined at module level"_s,
        .lanes = chat,
        .exitcodes = allExit(chat),
        .events = {exactly(kMain, ev::Start, 3), exactly(kMain, ev::Join, 3),
                   exactly(u"^(ann|bo|cy)"_s, ev::Stdout, 2)},
        .keys = {{u"children_pids_distinct"_s, true}, {u"exitcodes"_s, u"0 0 0"_s}},
        .check =
            [chat](const PyRun &r) {
                startedInOrder(r, chat.mid(1));
                NEED_LANE(main, kMain);
                QCOMPARE(r.summary.value(u"main_pid"_s).toInteger(), main->pid);
                for (const QString &name : chat.mid(1)) { // each child printed its own pid
                    NEED_LANE(c, name);
                    QCOMPARE(printedKeys(r, *c).value(u"pid"_s).toInteger(), c->pid);
                }
            },
    };

    const QStringList started{kMain, u"ann"_s, u"cy"_s};
    t << CourseCase{
        .program = u"run_instead_of_start.py"_s,
        .example = u"the same class with p2.run() instead of p2.start() (the commented line)"_s,
        .lanes = started, // run() made no process: no lane "bo"
        .exitcodes = allExit(started),
        .events = {exactly(kMain, ev::Start, 2), exactly(kMain, ev::Error, 1),
                   exactly(kMain, ev::Join, 2)},
        .keys = {{u"join_error"_s, u"can only join a started process"_s},
                 {u"run_ran_in_main"_s, true},
                 {u"processes_started"_s, 2}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(main, kMain);
                // run()'s body printed on MainProcess's lane, with MainProcess's pid.
                QVERIFY(r.printed(*main).contains(u"bo is chatting"_s));
                QCOMPARE(r.summary.value(u"pid"_s).toInteger(), main->pid);
                const auto errors = r.markers(*main, ev::Error);
                QVERIFY(arg(errors[0], "message").contains(u"can only join a started process"_s));
                QCOMPARE(errors[0].args.value(u"line"_s).toInt(),
                         lineOf(coursePath(u"run_instead_of_start.py"_s), u"p2.join()"_s));
            },
    };

    const QStringList one = processes(1);
    t << CourseCase{
        .program = u"isolation_global.py"_s,
        .example = u"data isolation: the child sets global n = 0, the parent still has 100"_s,
        .lanes = one,
        .exitcodes = allExit(one),
        .events = {exactly(u"Process-1"_s, ev::Stdout, 1), exactly(kMain, ev::Join, 1)},
        .keys = {{u"main_n"_s, 100}, {u"main_n_after_join"_s, 100}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(child, u"Process-1"_s);
                QCOMPARE(printedKeys(r, *child).value(u"child_n"_s).toInteger(), 0);
            },
    };
}

void daemons(QVector<CourseCase> &t)
{
    const QStringList one = processes(1);
    t << CourseCase{
        .program = u"daemon_ends_with_main.py"_s,
        .example = u"daemon=True: the daemon ends when main's code ends"_s,
        .lanes = one,
        .exitcodes = {{kMain, 0}, {u"Process-1"_s, -15}},
        .events = {exactly(u"Process-1"_s, ev::DaemonTerminated, 1),
                   exactly(kMain, ev::Terminate, 1), between(u"Process-1"_s, ev::Stdout, 0, 1)},
        .keys = {{u"daemon"_s, true}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(main, kMain);
                NEED_LANE(d, u"Process-1"_s);
                // Terminated before its tracer started, a child never says it is a
                // daemon (the start record does not carry the flag): see the report.
                const bool begun = !r.intervals(*d, ev::Running).isEmpty();
                QVERIFY(d->daemon || !begun);
                QCOMPARE(printedContaining(r, u"Process-1"_s, u"finished"_s), 0);
                const auto terminate = r.markers(*main, ev::Terminate).first();
                QCOMPARE(arg(terminate, "target"), u"Process-1"_s);
                QVERIFY(terminate.t > r.markers(*main, ev::Stdout).last().t); // after main's code
            },
    };

    t << CourseCase{
        .program = u"daemon_no_children.py"_s,
        .example = u"a daemon may not have children (AssertionError)"_s,
        .lanes = one, // the helper was never started
        .exitcodes = {{kMain, 0}, {u"Process-1"_s, 1}},
        .events = {exactly(kMain, ev::Start, 1), between(u"Process-1"_s, ev::Error, 1, 2),
                   exactly(u"Process-1"_s, ev::Start, 0)},
        .keys = {{u"daemon_exitcode"_s, 1}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(d, u"Process-1"_s);
                QVERIFY(d->daemon);
                QVERIFY2(errorText(r, *d).contains(
                             u"daemonic processes are not allowed to have children"_s),
                         qPrintable(errorText(r, *d)));
                QCOMPARE(r.markers(*d, ev::Error).first().args.value(u"line"_s).toInt(),
                         lineOf(coursePath(u"daemon_no_children.py"_s),
                                u"Process(target=helper).start()"_s));
            },
    };
}

void locks(QVector<CourseCase> &t)
{
    const QStringList three = processes(3);
    t << CourseCase{
        .program = u"mutex_print_blocks.py"_s,
        .example = u"mutex: task1..3 print their lines holding one Lock; main prints over!"_s,
        .lanes = three,
        .exitcodes = allExit(three),
        .events = {exactly(kChildren, ev::HoldLock, 1), between(kChildren, ev::WaitLock, 0, 1)},
        .keys = {{u"lines_per_task"_s, 200}},
        .check =
            [](const PyRun &r) {
                wholeBlocks(r, 200);
                QVector<Interval> holds;
                for (const Lane *c : lanesMatching(r, kChildren)) {
                    const Interval hold = r.intervals(*c, ev::HoldLock).first();
                    QCOMPARE(hold.args.value(u"lock"_s).toString(), u"mutex"_s);
                    for (const Marker &line : r.markers(*c, ev::Stdout))
                        QVERIFY(line.t >= hold.t0 && line.t <= hold.t1);
                    holds << hold;
                }
                QVERIFY(disjoint(holds));
                joinsOnlyAtExit(r);
            },
    };

    t << CourseCase{
        .program = u"print_serial_by_join.py"_s,
        .example = u"mutex, the commented alternative: p1.start(); p1.join(); p2.start(); ..."_s,
        .lanes = three,
        .exitcodes = allExit(three),
        .events = {exactly(kChildren, ev::HoldLock, 0), exactly(kMain, ev::Join, 3)},
        .keys = {{u"lines_per_task"_s, 200}},
        .check =
            [three](const PyRun &r) {
                wholeBlocks(r, 200);
                serial(r, three.mid(1)); // and in the order of the code: a, b, c
                NEED_LANE(a, u"Process-1"_s);
                QCOMPARE(r.printed(*a).first(), u"aaaaa"_s);
            },
    };

    t << CourseCase{
        .program = u"print_without_lock.py"_s,
        .example = u"mutex, why: the same tasks without the lock"_s,
        .lanes = three,
        .exitcodes = allExit(three),
        .events = {exactly(kChildren, ev::Stdout, 200), exactly(kChildren, ev::HoldLock, 0),
                   exactly(kChildren, ev::WaitLock, 0)},
        .keys = {{u"lines_per_task"_s, 200}},
        .check =
            [](const PyRun &r) {
                // Interleaved or not is up to the scheduler; at least three blocks.
                const int switches = writerSwitches(r, lanesMatching(r, kChildren));
                QVERIFY2(switches >= 2 && switches <= 599, qPrintable(QString::number(switches)));
            },
    };

    const QStringList ten = processes(10);
    t << CourseCase{
        .program = u"tickets_no_lock.py"_s,
        .example = u"ticket race: 10 buyers, db.txt {\"count\": 1}, no lock"_s,
        .lanes = ten,
        .exitcodes = allExit(ten),
        .events = {exactly(kMain, ev::Start, 10), exactly(kChildren, ev::HoldLock, 0),
                   between(kChildren, ev::Sleep, 2, 3), between(kChildren, ev::Open, 2, 4)},
        .keys = {{u"buyers"_s, 10}, {u"tickets_at_start"_s, 1}, {u"tickets_left"_s, 0}},
        .ranges = {{u"tickets_sold"_s, 1, 10}},
        .check =
            [](const PyRun &r) {
                const qint64 sold = r.summary.value(u"tickets_sold"_s).toInteger();
                // Every buyer read db.txt twice; each sale wrote it once.
                QCOMPARE(opensOf(r, kChildren, u"db.txt"_s, u"r"_s).size(), 20);
                QCOMPARE(opensOf(r, kChildren, u"db.txt"_s, u"w"_s).size(), sold);
                QCOMPARE(printedContaining(r, kChildren, u"bought a ticket"_s), sold);
            },
    };

    t << CourseCase{
        .program = u"tickets_with_lock.py"_s,
        .example = u"ticket race with Lock: with lock: get(name)"_s,
        .lanes = ten,
        .exitcodes = allExit(ten),
        .events = {exactly(kMain, ev::Start, 10), exactly(kChildren, ev::HoldLock, 1),
                   between(kChildren, ev::WaitLock, 0, 1)},
        .keys = {{u"buyers"_s, 10},
                 {u"tickets_at_start"_s, 1},
                 {u"tickets_sold"_s, 1},
                 {u"tickets_left"_s, 0}},
        .check =
            [](const PyRun &r) {
                QVector<Interval> holds;
                for (const Lane *c : lanesMatching(r, kChildren))
                    holds += r.intervals(*c, ev::HoldLock);
                QVERIFY(disjoint(holds));
                // The one write of db.txt happened while its buyer held the lock.
                const auto writes = opensOf(r, kChildren, u"db.txt"_s, u"w"_s);
                QCOMPARE(writes.size(), 1);
                bool inside = false;
                for (const Interval &h : holds)
                    inside |= writes[0].t >= h.t0 && writes[0].t <= h.t1;
                QVERIFY(inside);
                QCOMPARE(printedContaining(r, kChildren, u"bought a ticket"_s), 1);
            },
    };
}

void managers(QVector<CourseCase> &t)
{
    const QStringList lanes{kMain, u"SyncManager-1"_s, u"Process-2"_s};
    t << CourseCase{
        .program = u"manager_dict.py"_s,
        .example = u"Manager().dict(): the child sets dic[\"name\"]; main sleeps, then prints"_s,
        .lanes = lanes,
        .exitcodes = allExit(lanes),
        .events = {exactly(kMain, ev::Start, 2), exactly(u"Process-2"_s, ev::ManagerCall, 1),
                   exactly(kMain, ev::Sleep, 1), between(kMain, ev::ManagerCall, 2, 3)},
        .ranges = {{u"has_name"_s, 0, 1}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(main, kMain);
                NEED_LANE(child, u"Process-2"_s);
                NEED_LANE(server, u"SyncManager-1"_s);
                const Interval set = r.intervals(*child, ev::ManagerCall).first();
                QCOMPARE(set.args.value(u"op"_s).toString(), u"__setitem__"_s);
                QCOMPARE(set.args.value(u"object"_s).toString(), u"dic"_s);
                QCOMPARE(set.args.value(u"key"_s).toString(), u"'name'"_s);
                int served = 0;
                for (const Marker &m : r.markers(*server, ev::ManagerServe))
                    served += arg(m, "op") == u"__setitem__"_s && arg(m, "client") == u"Process-2"_s;
                QCOMPARE(served, 1);
                // What main printed agrees with the order of the calls.
                Interval read;
                for (const Interval &c : r.intervals(*main, ev::ManagerCall))
                    if (c.args.value(u"op"_s).toString() == u"__repr__"_s ||
                        c.args.value(u"op"_s).toString() == u"__str__"_s)
                        read = c;
                QVERIFY(read.t1 > 0);
                const bool hasName = r.summary.value(u"has_name"_s).toBool();
                QCOMPARE(r.summary.value(u"dict_after_sleep"_s).toString(),
                         hasName ? u"{'name': 'ann'}"_s : u"{}"_s);
                if (set.t1 < read.t0)
                    QVERIFY(hasName);
                if (set.t0 > read.t1)
                    QVERIFY(!hasName);
            },
    };
}

void queues(QVector<CourseCase> &t)
{
    t << CourseCase{
        .program = u"queue_full_empty.py"_s,
        .example = u"Queue(3): put 1, 2, 3; full(); get x3; empty()"_s,
        .lanes = {kMain},
        .exitcodes = {{kMain, 0}},
        .events = {exactly(kMain, ev::Put, 3), exactly(kMain, ev::Get, 3),
                   exactly(kMain, ev::WaitPut, 0), exactly(kMain, ev::Error, 0)},
        .keys = {{u"full_after_3_puts"_s, true}, {u"got"_s, u"1 2 3"_s}, {u"empty_after_3_gets"_s, true}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(main, kMain);
                const auto puts = r.markers(*main, ev::Put);
                const auto gets = r.markers(*main, ev::Get);
                for (int i = 0; i < 3; ++i) {
                    QCOMPARE(puts[i].args.value(u"item"_s).toInteger(), i + 1);
                    QCOMPARE(puts[i].args.value(u"depth_after"_s).toInteger(), i + 1);
                    QCOMPARE(gets[i].args.value(u"item"_s).toInteger(), i + 1); // first in, first out
                    QCOMPARE(gets[i].args.value(u"depth_after"_s).toInteger(), 2 - i);
                    QCOMPARE(arg(puts[i], "queue"), u"q"_s);
                }
            },
    };

    t << CourseCase{
        .program = u"queue_get_blocks_when_empty.py"_s,
        .example = u"Queue(): put a str, a list, an int; get x4 (the fourth blocks)"_s,
        .lanes = {kMain},
        .exitcodes = {{kMain, 0}},
        .events = {exactly(kMain, ev::Put, 3), exactly(kMain, ev::Get, 3),
                   exactly(kMain, ev::WaitGet, 1), exactly(kMain, ev::Error, 1)},
        .keys = {{u"got"_s, u"'hello' ['1', '2', '3'] 1"_s},
                 {u"fourth_get"_s, u"blocked, then Empty"_s}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(main, kMain);
                const QJsonArray items{u"'hello'"_s, u"['1', '2', '3']"_s, 1};
                const auto gets = r.markers(*main, ev::Get);
                for (int i = 0; i < 3; ++i)
                    QCOMPARE(gets[i].args.value(u"item"_s), items[i]);
                QCOMPARE(arg(r.markers(*main, ev::Error).first(), "message"), u"queue.Empty"_s);
                // The fourth get() waited, after the third returned.
                QVERIFY(r.intervals(*main, ev::WaitGet).first().t0 > gets.last().t);
            },
    };

    t << CourseCase{
        .program = u"queue_nowait_full_empty.py"_s,
        .example = u"put(block=False) x4 on Queue(3): Full; get(block=False) x4: Empty"_s,
        .lanes = {kMain},
        .exitcodes = {{kMain, 0}},
        .events = {exactly(kMain, ev::Put, 3), between(kMain, ev::Get, 0, 3),
                   exactly(kMain, ev::WaitPut, 0), exactly(kMain, ev::WaitGet, 0)},
        .keys = {{u"fourth_put"_s, u"Full"_s}},
        .ranges = {{u"nonblocking_gets_ok"_s, 0, 3}, {u"empty_raised"_s, 1, 4}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(main, kMain);
                const qint64 ok = r.summary.value(u"nonblocking_gets_ok"_s).toInteger();
                const qint64 empty = r.summary.value(u"empty_raised"_s).toInteger();
                QCOMPARE(ok + empty, 4);
                QCOMPARE(r.markers(*main, ev::Get).size(), ok);
                int full = 0, empties = 0;
                for (const Marker &e : r.markers(*main, ev::Error)) {
                    full += arg(e, "message") == u"queue.Full"_s;
                    empties += arg(e, "message") == u"queue.Empty"_s;
                }
                QCOMPARE(full, 1);
                QCOMPARE(empties, empty);
            },
    };

    const QStringList one = processes(1);
    t << CourseCase{
        .program = u"queue_put_blocks_until_get.py"_s,
        .example = u"put() on a full Queue blocks until a get()"_s,
        .lanes = one,
        .exitcodes = allExit(one),
        .events = {exactly(kMain, ev::Put, 4), exactly(kMain, ev::WaitPut, 1),
                   exactly(u"Process-1"_s, ev::Get, 1)},
        .keys = {{u"fourth_put"_s, u"done"_s}, {u"left_in_queue"_s, 3}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(main, kMain);
                NEED_LANE(child, u"Process-1"_s);
                // The child gets only after its sleep; main's put waited for that get.
                const Interval wait = r.intervals(*main, ev::WaitPut).first();
                const Interval nap = r.intervals(*child, ev::Sleep).first();
                QVERIFY(wait.t1 >= nap.t1);
                QCOMPARE(arg(r.markers(*child, ev::Get).first(), "item"), u"'hello'"_s);
            },
    };
}

void producersConsumers(QVector<CourseCase> &t)
{
    const QStringList five = processes(5);
    const QString producers = u"^Process-[123]"_s;
    const QStringList consumers{u"Process-4"_s, u"Process-5"_s};
    t << CourseCase{
        .program = u"hotdog_sentinel_per_consumer.py"_s,
        .example = u"hot dogs: 3 stands, 2 eaters; main joins the stands, then q.put(None) x2"_s,
        .lanes = five,
        .exitcodes = allExit(five),
        .events = {exactly(producers, ev::Put, 3), exactly(kMain, ev::Put, 2),
                   exactly(kMain, ev::Join, 5), exactly(kMain, ev::Get, 0)},
        .keys = {{u"hotdogs_made"_s, 9},
                 {u"hotdogs_eaten"_s, 9},
                 {u"items_unprocessed"_s, 0},
                 {u"sentinels_left"_s, 0}},
        .check =
            [=](const PyRun &r) {
                QCOMPARE(sentinels(queueOps(r, producers, ev::Put)), 0);
                QCOMPARE(sentinels(queueOps(r, kMain, ev::Put)), 2);
                consumersStopAtTheirSentinel(r, consumers);
                QCOMPARE(queueOps(r, u"^Process-[45]"_s, ev::Get).size(), 11);
                // The Nones went in only after the three stands were joined.
                NEED_LANE(main, kMain);
                const auto joins = r.intervals(*main, ev::Join);
                QVERIFY(r.markers(*main, ev::Put).first().t > joins[2].t1);
            },
    };

    t << CourseCase{
        .program = u"hotdog_sentinel_per_producer.py"_s,
        .example = u"hot dogs, the commented variant: each stand puts None (3 Nones, 2 eaters)"_s,
        .lanes = five,
        .exitcodes = allExit(five),
        .events = {exactly(producers, ev::Put, 4), exactly(kMain, ev::Put, 0)},
        .keys = {{u"hotdogs_made"_s, 9}, {u"sentinels_left"_s, 1}},
        .ranges = {{u"items_unprocessed"_s, 0, 3}, {u"hotdogs_eaten"_s, 6, 9}},
        .check =
            [=](const PyRun &r) {
                for (const Lane *p : lanesMatching(r, producers))
                    QVERIFY(r.markers(*p, ev::Put).last().args.value(u"sentinel"_s).toBool());
                consumersStopAtTheirSentinel(r, consumers);
                const qint64 eaten = r.summary.value(u"hotdogs_eaten"_s).toInteger();
                const qint64 left = r.summary.value(u"items_unprocessed"_s).toInteger();
                QCOMPARE(eaten + left, 9);
                const auto eaterGets = queueOps(r, u"^Process-[45]"_s, ev::Get);
                QCOMPARE(eaterGets.size() - sentinels(eaterGets), eaten);
                // What main found left in the queue: the unprocessed hot dogs and one None.
                const auto mainGets = queueOps(r, kMain, ev::Get);
                QCOMPARE(mainGets.size(), left + 1);
                QCOMPARE(sentinels(mainGets), 1);
            },
    };

    const QStringList two = processes(2);
    t << CourseCase{
        .program = u"buns_one_producer_sentinel.py"_s,
        .example = u"buns: one producer (10 items, then None), one consumer"_s,
        .lanes = two,
        .exitcodes = allExit(two),
        .events = {exactly(u"Process-1"_s, ev::Put, 11), exactly(u"Process-2"_s, ev::Get, 11),
                   between(kMain, ev::Join, 0, 2)},
        .keys = {{u"buns_to_make"_s, 10}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(cook, u"Process-1"_s);
                NEED_LANE(eater, u"Process-2"_s);
                QVERIFY(r.markers(*cook, ev::Put).last().args.value(u"sentinel"_s).toBool());
                consumersStopAtTheirSentinel(r, {u"Process-2"_s});
                QCOMPARE(printedKeys(r, *eater).value(u"eaten"_s).toInteger(), 10);
                joinsOnlyAtExit(r);
            },
    };
}

void zombiesAndTerminate(QVector<CourseCase> &t)
{
    const QStringList one = processes(1);
    t << CourseCase{
        .program = u"zombie_until_join.py"_s,
        .example = u"zombie process: finished, not yet collected by its parent"_s,
        .lanes = one,
        .exitcodes = allExit(one),
        .events = {exactly(u"Process-1"_s, ev::Zombie, 1), exactly(u"Process-1"_s, ev::Reaped, 1),
                   exactly(kMain, ev::Join, 1)},
        .keys = {{u"child_state_before_join"_s, u"Z"_s},
                 {u"child_state_after_join"_s, u"gone"_s},
                 {u"exitcode"_s, 0}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(child, u"Process-1"_s);
                const Marker reaped = r.markers(*child, ev::Reaped).first();
                QCOMPARE(arg(reaped, "by"), kMain);
                QCOMPARE(arg(reaped, "proc_state"), u"Z"_s);
                // The runner's /proc samples saw it as a zombie too.
                bool sampledZombie = false;
                for (const Interval &s : child->states())
                    sampledZombie |= s.name == ev::StateZombie;
                QVERIFY(sampledZombie);
            },
    };

    const QStringList family{kMain, u"Process-1"_s, u"Process-1:1"_s};
    t << CourseCase{
        .program = u"terminate_orphans_grandchild.py"_s,
        .example = u"orphan process; terminate() leaves the terminated process's children behind"_s,
        .lanes = family,
        .exitcodes = {{kMain, 0}, {u"Process-1"_s, -15}, {u"Process-1:1"_s, 0}},
        .events = {exactly(kMain, ev::Terminate, 1), exactly(u"Process-1"_s, ev::Start, 1),
                   exactly(u"Process-1:1"_s, ev::Reparent, 1), exactly(u"Process-1:1"_s, ev::Send, 1),
                   exactly(kMain, ev::Recv, 1), exactly(kMain, ev::Eof, 1)},
        .keys = {{u"parent_exitcode"_s, -15},
                 {u"grandchild_orphaned"_s, true},
                 {u"adopted_by_main"_s, false},
                 {u"grandchild_gone"_s, true}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(parent, u"Process-1"_s);
                NEED_LANE(orphan, u"Process-1:1"_s);
                QCOMPARE(arg(r.markers(*orphan, ev::Reaped).first(), "by"), u"runner"_s);
                QVERIFY(timeOf(r, *orphan, ev::Reparent) >= timeOf(r, *parent, ev::Exit));
            },
    };

    t << CourseCase{
        .program = u"terminate_is_alive.py"_s,
        .example = u"terminate() and is_alive(): no clean-up, exit code -15"_s,
        .lanes = one,
        .exitcodes = {{kMain, 0}, {u"Process-1"_s, -15}},
        .events = {exactly(kMain, ev::Terminate, 1), exactly(u"Process-1"_s, ev::Open, 0),
                   exactly(kMain, ev::Join, 1)},
        .keys = {{u"alive_before_terminate"_s, true},
                 {u"alive_after_join"_s, false},
                 {u"exitcode"_s, -15},
                 {u"cleanup_ran"_s, false}},
        .ranges = {{u"alive_right_after_terminate"_s, 0, 1}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(main, kMain);
                const Marker term = r.markers(*main, ev::Terminate).first();
                QCOMPARE(arg(term, "target"), u"Process-1"_s);
                QCOMPARE(term.args.value(u"signal"_s).toInt(), 15);
                QCOMPARE(term.args.value(u"line"_s).toInt(),
                         lineOf(coursePath(u"terminate_is_alive.py"_s), u"p.terminate()"_s));
            },
    };

    t << CourseCase{
        .program = u"terminate_lock_never_released.py"_s,
        .example = u"terminate() while holding a Lock: never released (deadlock)"_s,
        .lanes = one,
        .exitcodes = {{kMain, 0}, {u"Process-1"_s, -15}},
        .events = {exactly(u"Process-1"_s, ev::HoldLock, 1), exactly(kMain, ev::WaitLock, 1),
                   exactly(kMain, ev::HoldLock, 0)},
        .keys = {{u"holder_exitcode"_s, -15}, {u"lock_acquired_after_terminate"_s, false}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(holder, u"Process-1"_s);
                NEED_LANE(main, kMain);
                // Nobody released the lock: the hold ends only with its holder.
                QCOMPARE(r.intervals(*holder, ev::HoldLock).first().t1, timeOf(r, *holder, ev::Exit));
                QVERIFY(r.intervals(*main, ev::WaitLock).first().t0 > timeOf(r, *holder, ev::Exit));
            },
    };
}

void pipes(QVector<CourseCase> &t)
{
    const QStringList one = processes(1);
    t << CourseCase{
        .program = u"pipe_send_recv.py"_s,
        .example = u"IPC through a pipe (the course names queues and pipes; no code)"_s,
        .lanes = one,
        .exitcodes = allExit(one),
        .events = {exactly(kMain, ev::Send, 3), exactly(kMain, ev::Recv, 3),
                   exactly(u"Process-1"_s, ev::Send, 3), exactly(u"Process-1"_s, ev::Recv, 3),
                   exactly(u"Process-1"_s, ev::Eof, 1)},
        .keys = {{u"results"_s, u"1 4 9"_s}, {u"child_exitcode"_s, 0}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(child, u"Process-1"_s);
                QCOMPARE(printedKeys(r, *child).value(u"child_handled"_s).toInteger(), 3);
                int arrows = 0;
                for (const Flow &f : r.model.flows())
                    arrows += f.name == ev::Send && f.toTs >= f.fromTs;
                QCOMPARE(arrows, 6);
            },
    };

    t << CourseCase{
        .program = u"pipe_one_way.py"_s,
        .example = u"a one-way pipe (Pipe(duplex=False))"_s,
        .lanes = one,
        .exitcodes = allExit(one),
        .events = {exactly(u"Process-1"_s, ev::Send, 3), exactly(kMain, ev::Recv, 3),
                   exactly(kMain, ev::Eof, 1), exactly(kMain, ev::Error, 1)},
        .keys = {{u"words"_s, u"ready steady go"_s},
                 {u"send_on_receive_end"_s, u"connection is read-only"_s}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(main, kMain);
                QVERIFY(errorText(r, *main).contains(u"read-only"_s));
            },
    };
}

void spawnGuard(QVector<CourseCase> &t)
{
    const QStringList lanes{kMain, u"SpawnProcess-1"_s};
    t << CourseCase{
        .program = u"spawn_needs_main_guard.py"_s,
        .example = u"\"on Windows, Process() must be under if __name__ == '__main__'\" (spawn)"_s,
        .lanes = lanes,
        .helperLanes = {u"ResourceTracker"_s},
        .exitcodes = {{kMain, 0}, {u"SpawnProcess-1"_s, 1}},
        .events = {between(kMain, ev::Start, 1, 2), between(u"SpawnProcess-1"_s, ev::Error, 1, 2)},
        .keys = {{u"child_exitcode"_s, 1}},
        .check =
            [](const PyRun &r) {
                NEED_LANE(child, u"SpawnProcess-1"_s);
                QVERIFY(child->spawned);
                QVERIFY2(errorText(r, *child).contains(u"bootstrapping phase"_s),
                         qPrintable(errorText(r, *child)));
                QCOMPARE(printedContaining(r, u"SpawnProcess-1"_s, u"hello from the child"_s), 0);
                NEED_LANE(main, kMain);
                const auto starts = r.markers(*main, ev::Start);
                QCOMPARE(arg(starts.first(), "child"), u"SpawnProcess-1"_s);
                QCOMPARE(arg(starts.first(), "method"), u"spawn"_s);
            },
    };
}

} // namespace

QVector<CourseCase> courseCases()
{
    QVector<CourseCase> t;
    startingProcesses(t);
    joining(t);
    daemons(t);
    locks(t);
    managers(t);
    zombiesAndTerminate(t);
    queues(t);
    producersConsumers(t);
    pipes(t);
    spawnGuard(t);
    return t;
}

} // namespace proclab::test
