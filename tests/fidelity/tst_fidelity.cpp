// Python is the reference: every lab, at its default parameters and at the
// edges that used to disagree, is run through the real CLI (proclab-run) and
// its Python program (resources/notes/LAB.py) under CPython with the same
// parameters. Their key outcomes must tell one story: equal where the outcome
// is deterministic, both in the possible range where it is a race or a time.
// Then every `# @event(role)` tag of the program must have its event on a lane
// of that role in the lab's trace, in at least one of the lab's runs.
// Skips (with a message) when python3 is not installed.
#include "labnotes.h"
#include "processcensus.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab;

namespace {

constexpr int kRunBoundMs = 120000; // the longest default run is ~10 s

QString notesFile(const QString &lab, const char *suffix)
{
    return QStringLiteral(PROCLAB_SOURCE_DIR "/resources/notes/") + lab + QLatin1String(suffix);
}

// What one side of a comparison reported: the lab's summary, or the
// `key: value` lines the Python program printed.
struct Outcome
{
    QJsonObject values;
    QString log; // for failure messages
};

// One lane of a lab's trace: its name, whether it is MainProcess, its events.
struct Lane
{
    QString name;
    bool main = false;
    QVector<QPair<QString, QJsonObject>> events; // name, args
    bool has(const QString &event) const
    {
        for (const auto &e : events)
            if (e.first == event)
                return true;
        return false;
    }
};

struct LabRun
{
    QJsonObject params;
    QVector<Lane> lanes;
};

// Every run of a lab this suite made, for the tag check at the end.
QMap<QString, QVector<LabRun>> &labRuns()
{
    static QMap<QString, QVector<LabRun>> runs;
    return runs;
}

// Every traced run of a lab's Python program (proclab-run LAB --engine python).
QMap<QString, QVector<LabRun>> &pythonRuns()
{
    static QMap<QString, QVector<LabRun>> runs;
    return runs;
}

QJsonValue pythonValue(const QString &text)
{
    if (text == QLatin1String("True"))
        return true;
    if (text == QLatin1String("False"))
        return false;
    bool ok = false;
    const double d = text.toDouble(&ok);
    if (ok)
        return d;
    return text;
}

QString shown(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 12);
    if (v.isUndefined())
        return QStringLiteral("(missing)");
    return QLatin1Char('\'') + v.toString() + QLatin1Char('\'');
}

bool sameValue(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

// "lost_updates == expected - actual", "cores_busy <= 1": sums and
// differences of summary numbers (flags count 0/1) and literals, compared.
bool evaluate(const QString &expr, const QJsonObject &values, QString *why)
{
    static const QStringList ops = {"==", "!=", ">=", "<=", ">", "<"};
    const QStringList tokens = expr.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    int opAt = -1;
    for (int i = 0; i < tokens.size(); ++i)
        if (ops.contains(tokens[i]))
            opAt = i;
    auto side = [&](int from, int to, double *out) {
        double sum = 0;
        int sign = 1;
        for (int i = from; i < to; ++i) {
            const QString &t = tokens[i];
            if (t == QLatin1String("+") || t == QLatin1String("-")) {
                sign = t == QLatin1String("+") ? 1 : -1;
                continue;
            }
            bool ok = false;
            double v = t.toDouble(&ok);
            if (!ok) {
                const QJsonValue j = values.value(t);
                if (j.isBool())
                    v = j.toBool() ? 1 : 0;
                else if (j.isDouble())
                    v = j.toDouble();
                else {
                    *why = QStringLiteral("%1 is %2").arg(t, shown(j));
                    return false;
                }
            }
            sum += sign * v;
            sign = 1;
        }
        *out = sum;
        return true;
    };
    double l = 0, r = 0;
    if (opAt <= 0 || !side(0, opAt, &l) || !side(opAt + 1, int(tokens.size()), &r))
        return false;
    const QString &op = tokens[opAt];
    const bool holds = op == QLatin1String("==")   ? l == r
                       : op == QLatin1String("!=") ? l != r
                       : op == QLatin1String(">=") ? l >= r
                       : op == QLatin1String("<=") ? l <= r
                       : op == QLatin1String(">")  ? l > r
                                                   : l < r;
    if (!holds)
        *why = QStringLiteral("%1 is false (%2 vs %3)").arg(expr).arg(l).arg(r);
    return holds;
}

} // namespace

class TestFidelity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void labAgreesWithPython_data();
    void labAgreesWithPython();
    void everyTagHasItsEventInTheLab_data();
    void everyTagHasItsEventInTheLab();
    void everyTagHasItsEventInPython_data() { everyTagHasItsEventInTheLab_data(); }
    void everyTagHasItsEventInPython();
    void questionsNameRealParameters();

private:
    Outcome runLab(const QString &lab, const QStringList &sets, LabRun *trace,
                   const QString &engine = QString());
    static QStringList missingTags(const QString &lab, const QVector<LabRun> &runs);
    Outcome runPython(const QString &lab, const QStringList &sets);
    static void killLeftovers();

    QString m_python;
    QTemporaryDir m_dir;
};

void TestFidelity::initTestCase()
{
    // Orphans of a run (the zombie-orphan lab makes one) come to us.
    QCOMPARE(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(qEnvironmentVariable("PROCLAB_RUN")).isExecutable(),
             qPrintable(qEnvironmentVariable("PROCLAB_RUN")));
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
}

void TestFidelity::cleanup()
{
    // Orphans adopted by us (Python's resource tracker after a spawn run, the
    // zombie-orphan lab's orphan under plain python3) are ours to reap.
    const bool clean = QTest::qWaitFor(
        [] {
            while (waitpid(-1, nullptr, WNOHANG) > 0) {
            }
            return test::descendantsOf(getpid()).isEmpty();
        },
        5000);
    const QString left = test::describe(test::descendantsOf(getpid()));
    if (!clean)
        killLeftovers();
    QVERIFY2(clean, qPrintable(QStringLiteral("processes left: ") + left));
}

void TestFidelity::killLeftovers()
{
    for (const test::ProcInfo &p : test::descendantsOf(getpid()))
        ::kill(p.pid, SIGKILL);
    (void)QTest::qWaitFor(
        [] {
            while (waitpid(-1, nullptr, WNOHANG) > 0) {
            }
            return test::descendantsOf(getpid()).isEmpty();
        },
        2000);
}

Outcome TestFidelity::runLab(const QString &lab, const QStringList &sets, LabRun *run,
                             const QString &engine)
{
    Outcome out;
    const QString trace = m_dir.filePath(lab + engine + QStringLiteral(".json"));
    QStringList args{lab, QStringLiteral("--json"), QStringLiteral("--trace"), trace};
    if (!engine.isEmpty())
        args << QStringLiteral("--engine") << engine;
    for (const QString &s : sets)
        args << QStringLiteral("--set") << s;
    QProcess p;
    p.start(qEnvironmentVariable("PROCLAB_RUN"), args);
    if (!p.waitForFinished(kRunBoundMs)) {
        p.kill();
        p.waitForFinished();
    }
    const QByteArray stdOut = p.readAllStandardOutput();
    out.log = QStringLiteral("proclab-run %1\n%2%3")
                  .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(stdOut),
                       QString::fromUtf8(p.readAllStandardError()));
    const QJsonObject result = QJsonDocument::fromJson(stdOut.trimmed().split('\n').last()).object();
    if (p.exitCode() != 0 || result.value(QLatin1String("status")) != QLatin1String("finished"))
        return out;
    out.values = result.value(QLatin1String("summary")).toObject();
    run->params = result.value(QLatin1String("params")).toObject();

    QFile f(trace);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QJsonArray events =
        QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("traceEvents")).toArray();
    QMap<qint64, int> laneOf;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(QLatin1String("name")) != QLatin1String("process_name"))
            continue;
        const QJsonObject a = e.value(QLatin1String("args")).toObject();
        laneOf.insert(e.value(QLatin1String("pid")).toInteger(), int(run->lanes.size()));
        run->lanes.push_back({a.value(QLatin1String("name")).toString(),
                              a.value(QLatin1String("main")).toBool(),
                              {}});
    }
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        const QString ph = e.value(QLatin1String("ph")).toString();
        const auto lane = laneOf.constFind(e.value(QLatin1String("pid")).toInteger());
        if (ph == QLatin1String("M") || ph == QLatin1String("C") || lane == laneOf.cend())
            continue;
        run->lanes[*lane].events.push_back(
            {e.value(QLatin1String("name")).toString(), e.value(QLatin1String("args")).toObject()});
    }
    return out;
}

Outcome TestFidelity::runPython(const QString &lab, const QStringList &sets)
{
    Outcome out;
    // Not `-u`: unbuffered, print() writes its text and its "\n" separately,
    // and a child still running (join: no-join) could print between the two,
    // cutting a summary line. Block-buffered, each process writes its lines
    // whole (multiprocessing flushes before fork); the values are all this
    // parses (print-lock counts its switches from its own file). So
    // PYTHONUNBUFFERED, which some machines set (this one does), is not
    // passed on: it is `-u`.
    QStringList args{notesFile(lab, ".py")};
    for (const QString &s : sets) {
        const int eq = s.indexOf(QLatin1Char('='));
        args << QStringLiteral("--") + s.left(eq) << s.mid(eq + 1);
    }
    QTemporaryDir cwd; // the programs write their files (tickets.json, ...) here
    QProcess p;
    p.setWorkingDirectory(cwd.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PYTHONUNBUFFERED"));
    p.setProcessEnvironment(env);
    p.start(m_python, args);
    if (!p.waitForFinished(kRunBoundMs)) {
        p.kill();
        p.waitForFinished();
    }
    const QString stdOut = QString::fromUtf8(p.readAllStandardOutput());
    out.log = QStringLiteral("python3 %1\n%2%3")
                  .arg(args.join(QLatin1Char(' ')), stdOut,
                       QString::fromUtf8(p.readAllStandardError()));
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return out;
    // Summary lines: "key: value" (MainProcess's; a child reports what only it sees).
    static const QRegularExpression line(QStringLiteral(R"(^([a-z_]+): ?(.*)$)"));
    for (const QString &l : stdOut.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = line.match(l);
        if (m.hasMatch())
            out.values.insert(m.captured(1), pythonValue(m.captured(2)));
    }
    return out;
}

void TestFidelity::labAgreesWithPython_data()
{
    QTest::addColumn<QString>("lab");
    QTest::addColumn<QStringList>("sets");
    // "=key": the same value on both sides. "expr": holds on each side.
    // "lab: expr" / "py: expr": holds on that side.
    QTest::addColumn<QStringList>("checks");

    auto row = [](const char *name, const char *lab, QStringList sets, QStringList checks) {
        QTest::newRow(name) << QString::fromLatin1(lab) << sets << checks;
    };
    row("start-processes", "start-processes", {},
        {"=processes_created", "=join_error", "elapsed_ms >= 1000", "elapsed_ms < 12000"});
    row("start-processes: run() only, then join() raises", "start-processes",
        {"n=2", "sleep_min_ms=100", "sleep_max_ms=100", "call=run"},
        {"=processes_created", "=join_error", "elapsed_ms >= 200"});
    row("start-processes: a subclass, spawned", "start-processes",
        {"n=2", "sleep_min_ms=100", "sleep_max_ms=200", "style=subclass", "method=spawn"},
        {"=processes_created", "=join_error"});
    row("join", "join", {},
        {"=expected_serial_ms", "=children_running_when_main_ended", "elapsed_ms >= 5000"});
    row("join: no-join", "join", {"n=3", "work_ms=400", "mode=no-join"},
        {"=expected_serial_ms", "=children_running_when_main_ended", "elapsed_ms < 400"});
    row("join: join-after-start", "join", {"n=3", "work_ms=300", "mode=join-after-start"},
        {"=children_running_when_main_ended", "elapsed_ms >= 300", "elapsed_ms < 900"});
    row("isolation", "isolation", {},
        {"=method", "=parent_value_after", "=child_value_seen_at_start", "=child_value_after"});
    row("isolation: spawn", "isolation", {"method=spawn", "value=7"},
        {"=parent_value_after", "=child_value_seen_at_start", "=child_value_after"});
    row("daemon", "daemon", {},
        {"=daemon", "=child_exitcode", "=child_terminated_by_main_exit"});
    // Not a daemon and still working when main's code ends: main's exit handler
    // joins it (the daemon=true runs may or may not join: see daemon.py).
    row("daemon: not a daemon", "daemon", {"daemon=false", "child_work_ms=700", "main_work_ms=200"},
        {"=daemon", "=child_exitcode", "=child_terminated_by_main_exit"});
    row("daemon: a daemon may not have children", "daemon",
        {"daemon_spawns_child=true", "child_work_ms=1000", "main_work_ms=200"},
        {"=child_exitcode", "=child_terminated_by_main_exit"});
    // Right after terminate() the child is usually still alive (in CPython nearly
    // always): whether the signal has been handled yet is a race on both sides.
    row("terminate", "terminate", {}, {"=alive_after_join", "=exitcode"});
    // A race: how many updates are lost differs run by run, on both sides.
    row("counter-race", "counter-race", {},
        {"=expected", "lost_updates == expected - actual", "lost_updates >= 0"});
    // A wider window between the read and the write: the workers (released
    // together by the start gate) overlap for certain, so both engines lose
    // updates (at the defaults a machine with one free CPU can still run them
    // one after another).
    row("counter-race: a wider window", "counter-race", {"window_us=20", "increments=2000"},
        {"=expected", "lost_updates == expected - actual", "lost_updates >= 1"});
    row("counter-race: with the lock", "counter-race", {"lock=true", "increments=20000"},
        {"=expected", "=actual", "=lost_updates"});
    row("ticket-race", "ticket-race", {},
        {"=tickets", "successes >= 1", "successes <= 10", "final_count_in_file >= 0"});
    row("ticket-race: a lock", "ticket-race", {"lock=on", "read_delay_ms=10", "write_delay_ms=10"},
        {"=tickets", "=successes", "=oversold", "=final_count_in_file"});
    row("ticket-race: serialized by join", "ticket-race",
        {"lock=serialize", "buyers=3", "read_delay_ms=5", "write_delay_ms=5"},
        {"=successes", "=oversold", "=final_count_in_file"});
    row("print-lock", "print-lock", {},
        {"=minimum_possible_switches", "switches >= minimum_possible_switches"});
    row("print-lock: with the lock", "print-lock", {"lock=true", "lines=50"},
        {"=minimum_possible_switches", "=switches"});
    row("lock-holder-killed", "lock-holder-killed", {},
        {"=holder_exitcode", "=waiter_exitcode", "=completed", "elapsed_ms >= 3000"});
    row("queue-basics", "queue-basics", {},
        {"=puts_done", "=full_raised", "=gets_done", "=empty_raised", "=max_depth"});
    row("queue-basics: block=False", "queue-basics", {"block=false"},
        {"=puts_done", "=full_raised", "=gets_done", "=empty_raised", "=max_depth"});
    row("queue-basics: timeout=0 raises at once", "queue-basics", {"timeout_ms=0"},
        {"=puts_done", "=full_raised", "=gets_done", "=empty_raised", "=max_depth"});
    row("queue-basics: timeout=0.3", "queue-basics", {"timeout_ms=300"},
        {"=puts_done", "=full_raised", "=gets_done", "=empty_raised", "=max_depth"});
    const QStringList pcAll{"=produced", "=consumed", "=unprocessed", "=consumers_hung",
                            "=producers_hung"};
    row("producer-consumer", "producer-consumer", {}, pcAll);
    row("producer-consumer: hot-dog preset", "producer-consumer",
        {"producers=3", "consumers=2", "items_per_producer=3", "stagger_ms=0"}, pcAll);
    // The issue's case: a busy consumer is not hung, and main does not spin.
    row("producer-consumer: one each, slow producer", "producer-consumer",
        {"producers=1", "consumers=1", "items_per_producer=4", "produce_ms_min=500",
         "produce_ms_max=500", "consume_ms_min=10", "consume_ms_max=10", "stagger_ms=0"},
        pcAll);
    const QStringList fast{"produce_ms_min=20", "produce_ms_max=20", "consume_ms_min=0",
                           "consume_ms_max=0"};
    row("producer-consumer: sentinel per producer", "producer-consumer",
        fast + QStringList{"shutdown=sentinel-per-producer", "stagger_ms=300"}, pcAll);
    row("producer-consumer: more consumers than sentinels", "producer-consumer",
        fast + QStringList{"shutdown=sentinel-per-producer", "producers=2", "consumers=4",
                           "stagger_ms=0"},
        pcAll);
    row("producer-consumer: no sentinel", "producer-consumer",
        fast + QStringList{"shutdown=none", "stagger_ms=0"}, pcAll);
    // Slow consumers: main's q.join() has work to wait for.
    row("producer-consumer: joinable", "producer-consumer",
        {"shutdown=joinable", "produce_ms_min=0", "produce_ms_max=0", "consume_ms_min=100",
         "consume_ms_max=100", "stagger_ms=0"},
        {"=produced", "=consumed", "=unprocessed", "=consumers_hung"});
    row("producer-consumer: a producer stuck on a full queue", "producer-consumer",
        {"shutdown=sentinel-per-producer", "items_per_producer=4", "maxsize=1",
         "produce_ms_min=10", "produce_ms_max=10", "consume_ms_min=0", "consume_ms_max=0",
         "stagger_ms=500"},
        pcAll);
    row("queue-join-deadlock", "queue-join-deadlock", {},
        {"=join_blocked", "=items_received", "=child_exitcode"});
    row("queue-join-deadlock: get, then join", "queue-join-deadlock", {"order=get-then-join"},
        {"=join_blocked", "=items_received", "=child_exitcode"});
    const QStringList pipeAll{"=duplex",       "=messages_sent", "=messages_received",
                              "=replies_in_order", "=eof_seen",  "=send_error",
                              "=recv_error",   "=child_exitcode"};
    row("pipe", "pipe", {}, pipeAll);
    row("pipe: duplex=False is one one-way pipe", "pipe", {"duplex=false"}, pipeAll);
    row("manager-dict", "manager-dict", {},
        {"=keys_written", "=keys_expected", "=values_match_writer_pid", "=appends_lost",
         "=appends_kept"});
    // Rates depend on the machine and its load; that the Manager (a server round
    // trip per message) is the slowest does not. In CPython the Queue (the Pipe
    // plus a feeder thread, pickling and locks, all Python code) is always well
    // behind the Pipe; compiled, that extra work costs less than the system calls.
    row("ipc-compare", "ipc-compare", {}, {"=slowest"});
    row("zombie-orphan", "zombie-orphan", {},
        {"=observed_state", "=orphan_state", "=parent_exitcode", "new_ppid != old_ppid"});
    row("zombie-orphan: the parent is terminated", "zombie-orphan",
        {"mode=orphan", "hold_ms=600", "parent_ends=terminate"},
        {"=orphan_state", "=parent_exitcode", "new_ppid != old_ppid"});
    // Pinned to one core from their fork: the workers' CPU time fits in the wall time
    // (Python's os.times() counts in 10 ms ticks).
    row("concurrency-parallelism", "concurrency-parallelism", {},
        {"=workers", "=cpus_allowed", "=pinned_cpu", "lab: cores_busy <= 1",
         "py: cores_busy <= 1.02", "workers_cpu_ms >= 3900"});
    row("concurrency-parallelism: io on all cores", "concurrency-parallelism",
        {"task=io", "cpu_ms=300", "cores=all"},
        {"=workers", "=pinned_cpu", "elapsed_ms < 1200"});
    row("value-array", "value-array", {}, {"=array_sum", "=list_sum", "=expected_sum"});
}

void TestFidelity::labAgreesWithPython()
{
    QFETCH(QString, lab);
    QFETCH(QStringList, sets);
    QFETCH(QStringList, checks);
    LabRun trace;
    const Outcome c = runLab(lab, sets, &trace);
    QVERIFY2(!c.values.isEmpty(), qPrintable(c.log));
    labRuns()[lab].push_back(trace);
    if (m_python.isEmpty())
        QSKIP("python3 is not installed: the lab ran, its Python program cannot");
    const Outcome py = runPython(lab, sets);
    QVERIFY2(!py.values.isEmpty(), qPrintable(py.log));
    const QString both = c.log + QStringLiteral("\n") + py.log;
    for (const QString &check : checks) {
        QString why;
        if (check.startsWith(QLatin1Char('='))) {
            const QString key = check.mid(1);
            QVERIFY2(sameValue(c.values.value(key), py.values.value(key)),
                     qPrintable(QStringLiteral("%1: lab %2, Python %3\n%4")
                                    .arg(key, shown(c.values.value(key)),
                                         shown(py.values.value(key)), both)));
        } else if (check.startsWith(QLatin1String("lab: "))) {
            QVERIFY2(evaluate(check.mid(5), c.values, &why),
                     qPrintable(QStringLiteral("lab: %1\n%2").arg(why, both)));
        } else if (check.startsWith(QLatin1String("py: "))) {
            QVERIFY2(evaluate(check.mid(4), py.values, &why),
                     qPrintable(QStringLiteral("Python: %1\n%2").arg(why, both)));
        } else {
            QVERIFY2(evaluate(check, c.values, &why),
                     qPrintable(QStringLiteral("lab: %1\n%2").arg(why, both)));
            QVERIFY2(evaluate(check, py.values, &why),
                     qPrintable(QStringLiteral("Python: %1\n%2").arg(why, both)));
        }
    }
    // Every key the program prints is one the lab reports (the same names).
    for (auto it = py.values.begin(); it != py.values.end(); ++it)
        QVERIFY2(c.values.contains(it.key()),
                 qPrintable(QStringLiteral("Python prints %1, the lab has no such key\n%2")
                                .arg(it.key(), both)));

    // The same program traced (the lab's "Run as Python"): the tracer must not
    // change what it computes, so what held for plain python3 holds here, and
    // the summary has every key the program printed.
    LabRun pyTrace;
    const Outcome traced = runLab(lab, sets, &pyTrace, QStringLiteral("python"));
    QVERIFY2(!traced.values.isEmpty(), qPrintable(traced.log));
    pythonRuns()[lab].push_back(pyTrace);
    const QString all = both + QStringLiteral("\n") + traced.log;
    for (const QString &check : checks) {
        if (check.startsWith(QLatin1Char('=')) || check.startsWith(QLatin1String("lab: ")))
            continue;
        QString why;
        QVERIFY2(evaluate(check.startsWith(QLatin1String("py: ")) ? check.mid(4) : check,
                          traced.values, &why),
                 qPrintable(QStringLiteral("traced Python: %1\n%2").arg(why, all)));
    }
    for (auto it = py.values.begin(); it != py.values.end(); ++it)
        QVERIFY2(traced.values.contains(it.key()),
                 qPrintable(QStringLiteral("traced Python has no %1\n%2").arg(it.key(), all)));
}

void TestFidelity::everyTagHasItsEventInTheLab_data()
{
    QTest::addColumn<QString>("lab");
    for (const QString &f :
         QDir(QStringLiteral(PROCLAB_SOURCE_DIR "/resources/notes")).entryList({"*.py"}))
        QTest::newRow(qPrintable(f.chopped(3))) << f.chopped(3);
}

// "@put(child)[sentinel=true]": a put event with sentinel=true on a child's
// lane, in some run of the lab that the condition does not rule out.
QStringList TestFidelity::missingTags(const QString &lab, const QVector<LabRun> &runs)
{
    QFile f(notesFile(lab, ".py"));
    if (!f.open(QIODevice::ReadOnly))
        return {QStringLiteral("cannot read ") + f.fileName()};
    const LabSnippet snippet = LabSnippet::parse(QString::fromUtf8(f.readAll()));
    if (snippet.tags.isEmpty())
        return {QStringLiteral("no @ tags in ") + f.fileName()};
    QStringList missing;
    for (const LabSnippet::Tag &tag : snippet.tags) {
        bool applies = false, found = false;
        for (const LabRun &run : runs) {
            const bool isParam = !tag.param.isEmpty() && run.params.contains(tag.param);
            if (isParam) {
                const QJsonValue v = run.params.value(tag.param);
                const QString text = v.isBool()     ? (v.toBool() ? "true" : "false")
                                     : v.isDouble() ? QString::number(v.toDouble())
                                                    : v.toString();
                if (text != tag.value)
                    continue;
            }
            applies = true;
            for (const Lane &lane : run.lanes) {
                bool roleOk = tag.role.isEmpty() || (tag.role == QLatin1String("main") && lane.main) ||
                              (tag.role == QLatin1String("child") && !lane.main) ||
                              tag.role == lane.name;
                if (tag.role.startsWith(QLatin1String("with:")))
                    roleOk = !lane.main && lane.has(tag.role.mid(5));
                if (!roleOk)
                    continue;
                for (const auto &[name, args] : lane.events) {
                    if (name != tag.event)
                        continue;
                    if (tag.param.isEmpty() || isParam) {
                        found = true;
                        break;
                    }
                    // An argument condition: [sentinel=true], [target=with:put].
                    const QJsonValue a = args.value(tag.param);
                    if (tag.value.startsWith(QLatin1String("with:"))) {
                        for (const Lane &other : run.lanes)
                            found = found || (other.name == a.toString() &&
                                              other.has(tag.value.mid(5)));
                    } else {
                        const QString text = a.isBool()     ? (a.toBool() ? "true" : "false")
                                             : a.isDouble() ? QString::number(a.toDouble())
                                                            : a.toString();
                        found = text == tag.value;
                    }
                    if (found)
                        break;
                }
                if (found)
                    break;
            }
            if (found)
                break;
        }
        if (!found) {
            QString t = QLatin1Char('@') + tag.event;
            if (!tag.role.isEmpty())
                t += QLatin1Char('(') + tag.role + QLatin1Char(')');
            if (!tag.param.isEmpty())
                t += QStringLiteral("[%1=%2]").arg(tag.param, tag.value);
            missing << QStringLiteral("line %1: %2%3")
                           .arg(tag.line + 1)
                           .arg(t, applies ? QString() : QStringLiteral(" (no run applies)"));
        }
    }
    return missing;
}

void TestFidelity::everyTagHasItsEventInTheLab()
{
    QFETCH(QString, lab);
    const QVector<LabRun> runs = labRuns().value(lab);
    if (runs.isEmpty())
        QSKIP("labAgreesWithPython did not run this lab (a filtered run?)");
    const QStringList missing = missingTags(lab, runs);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1.py tags without their event in the "
                                                          "lab's trace:\n  ")
                                               .arg(lab) +
                                           missing.join(QStringLiteral("\n  "))));
}

// Issue 11: the lab's own program, traced under CPython, shows what its tags
// promise too.
void TestFidelity::everyTagHasItsEventInPython()
{
    QFETCH(QString, lab);
    const QVector<LabRun> runs = pythonRuns().value(lab);
    if (runs.isEmpty())
        QSKIP("labAgreesWithPython did not run this program (a filtered run, or no python3)");
    // What only the lab draws. lock-holder-killed: the lab marks the stuck
    // waiter's lane with an error ("hung: waiting for a lock its terminated
    // holder never released"); the program can only print that from main.
    static const QMap<QString, QStringList> labOnly{
        {QStringLiteral("lock-holder-killed"), {QStringLiteral("@error(Process-2)")}}};
    QStringList missing;
    for (const QString &m : missingTags(lab, runs))
        if (!labOnly.value(lab).contains(m.section(QLatin1String(": "), 1)))
            missing << m;
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1.py tags without their event in its "
                                                          "traced Python run:\n  ")
                                               .arg(lab) +
                                           missing.join(QStringLiteral("\n  "))));
}

// A question asks about the values the student set: every {name} it uses is
// one of the lab's parameters, in both languages.
void TestFidelity::questionsNameRealParameters()
{
    for (const QString &f :
         QDir(QStringLiteral(PROCLAB_SOURCE_DIR "/resources/notes")).entryList({"*.py"})) {
        const QString lab = f.chopped(3);
        QFile py(notesFile(lab, ".py"));
        QVERIFY(py.open(QIODevice::ReadOnly));
        const QString program = QString::fromUtf8(py.readAll());
        QFile json(notesFile(lab, ".json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject q =
            QJsonDocument::fromJson(json.readAll()).object().value("question").toObject();
        QStringList names[2];
        for (int i = 0; i < 2; ++i) {
            LabQuestion question;
            question.text = q.value(i ? "zh_CN" : "en").toString();
            names[i] = question.parameterNames();
            for (const QString &name : names[i])
                QVERIFY2(program.contains(QStringLiteral("\"--%1\"").arg(name)) ||
                             program.contains(QStringLiteral("(\"%1\",").arg(name)),
                         qPrintable(QStringLiteral("%1: the question names {%2}, which is not a "
                                                   "parameter of its program")
                                        .arg(lab, name)));
        }
        names[0].sort();
        names[1].sort();
        QVERIFY2(names[0] == names[1], qPrintable(lab + QStringLiteral(": en and zh_CN differ")));
    }
}

QTEST_GUILESS_MAIN(TestFidelity)
#include "tst_fidelity.moc"
