// proclab-run end to end: every lab through the real CLI, with the trace it
// writes (docs/TRACE-FORMAT.md), the PNG, the refusals of bad input and the
// timeout; after each test no process and no file is left (docs/RELIABILITY.md).
#include "processcensus.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <algorithm>
#include <climits>
#include <csignal>
#include <memory>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab;

namespace {

constexpr int kRunBoundMs = 60000;      // a run that should take ~1 s gets this long at most
constexpr int kBadInputBoundMs = 10000; // refusing input must not look like starting a lab
constexpr int kNoCheck = INT_MIN;

struct CliResult
{
    bool started = false;
    bool finished = false; // false: still running after kRunBoundMs, killed
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
    QList<test::ProcInfo> survivors; // our descendants right after proclab-run was reaped

    QString describe() const
    {
        return QStringLiteral("exit %1%2 after %3 ms\n--- stdout:\n%4\n--- stderr:\n%5")
            .arg(exitCode)
            .arg(exitStatus == QProcess::CrashExit ? QStringLiteral(" (crashed)") : QString())
            .arg(elapsedMs)
            .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

CliResult runCli(const QStringList &args,
                 const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    CliResult r;
    QProcess p;
    p.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    p.start(qEnvironmentVariable("PROCLAB_RUN"), args);
    r.started = p.waitForStarted(kRunBoundMs);
    if (!r.started) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    r.finished = p.waitForFinished(kRunBoundMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(kRunBoundMs);
    }
    r.elapsedMs = clock.elapsed();
    // Nothing may outlive the CLI: orphans would be re-parented to us (subreaper).
    r.survivors = test::descendantsOf(pid_t(QCoreApplication::applicationPid()));
    r.exitCode = p.exitCode();
    r.exitStatus = p.exitStatus();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// The --json summary is the last line of stdout (the lab's own prints come first).
QJsonObject jsonLine(const QByteArray &out, QString *problem)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(lines.last(), &err);
    if (!doc.isObject())
        *problem = QStringLiteral("last stdout line is not a JSON object (%1): %2")
                       .arg(err.errorString(), QString::fromUtf8(lines.last()));
    return doc.object();
}

QJsonObject readJsonFile(const QString &path, QString *problem)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("cannot open %1: %2").arg(path, f.errorString());
        return {};
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (!doc.isObject())
        *problem = QStringLiteral("%1 is not a JSON object: %2").arg(path, err.errorString());
    return doc.object();
}

// Numbers compare by value (an integer written as 600 may come back as 600.0).
bool sameJson(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

QString text(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
}

// How the trace spells a --set value: 3 for "3", true for "true", text otherwise.
QString asSetText(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toInteger());
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString();
}

// Every parameter of every lab, from engine/labs/*.cpp: the trace must name them all.
QStringList paramsOf(const QString &lab)
{
    static const QHash<QString, QStringList> params{
        {QStringLiteral("start-processes"),
         {QStringLiteral("n"), QStringLiteral("sleep_min_ms"), QStringLiteral("sleep_max_ms"),
          QStringLiteral("style"), QStringLiteral("method"), QStringLiteral("call")}},
        {QStringLiteral("join"),
         {QStringLiteral("n"), QStringLiteral("work_ms"), QStringLiteral("mode")}},
        {QStringLiteral("isolation"), {QStringLiteral("method"), QStringLiteral("value")}},
        {QStringLiteral("daemon"),
         {QStringLiteral("daemon"), QStringLiteral("child_work_ms"), QStringLiteral("main_work_ms"),
          QStringLiteral("daemon_spawns_child")}},
        {QStringLiteral("terminate"),
         {QStringLiteral("work_ms"), QStringLiteral("terminate_after_ms"),
          QStringLiteral("join_after_ms")}},
    };
    return params.value(lab);
}

qint64 pidMax()
{
    QFile f(QStringLiteral("/proc/sys/kernel/pid_max"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : (1 << 22);
}

// What the scenario checks need from a trace that passed verifyTrace().
struct TraceFacts
{
    QList<QJsonObject> events;
    QHash<qint64, QJsonObject> lanes; // pid -> process_name args
    qint64 mainPid = 0;

    QList<QJsonObject> named(const QString &name, const QString &ph, qint64 pid = 0) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &e : events)
            if (e.value(QLatin1String("name")).toString() == name &&
                e.value(QLatin1String("ph")).toString() == ph &&
                (pid == 0 || e.value(QLatin1String("pid")).toInteger() == pid))
                out << e;
        return out;
    }
};

// docs/TRACE-FORMAT.md, rule by rule. Fails the current test; callers check
// QTest::currentTestFailed() afterwards.
void verifyTrace(const QJsonObject &root, const QString &lab, const QJsonObject &summary,
                 const QString &status, TraceFacts *facts)
{
    QVERIFY2(root.value(QLatin1String("traceEvents")).isArray(), "traceEvents is not an array");
    const QString unit = root.value(QLatin1String("displayTimeUnit")).toString();
    QVERIFY2(unit == QLatin1String("ms") || unit == QLatin1String("ns"),
             qPrintable(QStringLiteral("displayTimeUnit: %1")
                            .arg(text(root.value(QLatin1String("displayTimeUnit"))))));

    const QJsonObject other = root.value(QLatin1String("otherData")).toObject();
    QVERIFY2(
        other.value(QLatin1String("generator")).toString().startsWith(QLatin1String("proclab")),
        qPrintable(text(other.value(QLatin1String("generator")))));
    QCOMPARE(other.value(QLatin1String("lab")).toString(), lab);
    QCOMPARE(other.value(QLatin1String("status")).toString(), status);
    const QJsonObject params = other.value(QLatin1String("params")).toObject();
    QStringList names = params.keys();
    QStringList expected = paramsOf(lab);
    names.sort();
    expected.sort();
    QCOMPARE(names, expected); // every parameter, defaults included, nothing else
    QVERIFY2(other.value(QLatin1String("summary")).toObject() == summary,
             qPrintable(QStringLiteral("trace summary %1 != --json summary %2")
                            .arg(text(other.value(QLatin1String("summary"))), text(summary))));

    const qint64 maxPid = pidMax();
    const QSet<QString> phases{QStringLiteral("M"), QStringLiteral("X"), QStringLiteral("i"),
                               QStringLiteral("C"), QStringLiteral("s"), QStringLiteral("f")};
    QHash<qint64, int> flowStarts, flowEnds;
    QHash<qint64, QList<QPair<double, double>>> slices; // pid -> [ts, end) of X events
    const QJsonArray events = root.value(QLatin1String("traceEvents")).toArray();
    QVERIFY2(!events.isEmpty(), "no trace events");
    for (qsizetype i = 0; i < events.size(); ++i) {
        QVERIFY2(events[i].isObject(), qPrintable(QStringLiteral("traceEvents[%1]").arg(i)));
        const QJsonObject e = events[i].toObject();
        const QString where = QStringLiteral("traceEvents[%1] %2").arg(i).arg(text(e));
        const QString ph = e.value(QLatin1String("ph")).toString();
        const QString name = e.value(QLatin1String("name")).toString();
        const QJsonObject args = e.value(QLatin1String("args")).toObject();
        QVERIFY2(phases.contains(ph), qPrintable(where));
        QVERIFY2(!name.isEmpty(), qPrintable(where));
        QVERIFY2(e.value(QLatin1String("pid")).isDouble(), qPrintable(where));
        const qint64 pid = e.value(QLatin1String("pid")).toInteger();
        QVERIFY2(sameJson(e.value(QLatin1String("tid")), e.value(QLatin1String("pid"))),
                 qPrintable(where + QStringLiteral(": tid must equal pid")));
        if (ph != QLatin1String("M")) {
            QVERIFY2(e.value(QLatin1String("ts")).isDouble(), qPrintable(where));
            QVERIFY2(e.value(QLatin1String("ts")).toDouble() >= 0, qPrintable(where));
        }
        if (ph == QLatin1String("M") && name == QLatin1String("process_name")) {
            QVERIFY2(!facts->lanes.contains(pid),
                     qPrintable(where + QStringLiteral(": second lane for one pid")));
            QVERIFY2(pid > 1 && pid <= maxPid,
                     qPrintable(where + QStringLiteral(": not a real pid")));
            QVERIFY2(pid != QCoreApplication::applicationPid(), qPrintable(where));
            QVERIFY2(!args.value(QLatin1String("name")).toString().isEmpty(), qPrintable(where));
            facts->lanes.insert(pid, args);
        } else if (ph == QLatin1String("X")) {
            QVERIFY2(e.value(QLatin1String("dur")).isDouble(), qPrintable(where));
            const double dur = e.value(QLatin1String("dur")).toDouble();
            QVERIFY2(dur >= 0, qPrintable(where));
            const double ts = e.value(QLatin1String("ts")).toDouble();
            slices[pid].append({ts, ts + dur});
        } else if (ph == QLatin1String("i")) {
            const QString scope = e.value(QLatin1String("s")).toString();
            QVERIFY2(scope == QLatin1String("p") || scope == QLatin1String("t"), qPrintable(where));
            if (name == QLatin1String("exit"))
                QVERIFY2(args.value(QLatin1String("exitcode")).isDouble(),
                         qPrintable(where + QStringLiteral(": exit without args.exitcode")));
        } else if (ph == QLatin1String("C")) {
            QVERIFY2(args.size() == 1, qPrintable(where + QStringLiteral(": one key per counter")));
        } else if (ph == QLatin1String("s") || ph == QLatin1String("f")) {
            QVERIFY2(e.value(QLatin1String("id")).isDouble(), qPrintable(where));
            const qint64 id = e.value(QLatin1String("id")).toInteger();
            if (ph == QLatin1String("f")) {
                QCOMPARE(e.value(QLatin1String("bp")).toString(), QStringLiteral("e"));
                ++flowEnds[id];
            } else {
                ++flowStarts[id];
            }
        }
        facts->events << e;
    }

    // Lanes: one per real process, exactly one MainProcess, every event on a lane.
    QList<qint64> mains;
    for (auto it = facts->lanes.cbegin(); it != facts->lanes.cend(); ++it)
        if (it.value().value(QLatin1String("name")).toString() == QLatin1String("MainProcess"))
            mains << it.key();
    QCOMPARE(mains.size(), 1);
    facts->mainPid = mains.first();
    for (const QJsonObject &e : std::as_const(facts->events))
        QVERIFY2(
            facts->lanes.contains(e.value(QLatin1String("pid")).toInteger()),
            qPrintable(QStringLiteral("event on a pid without process_name: %1").arg(text(e))));

    // Arrows: every flow has both ends, once each.
    QCOMPARE(flowStarts.keys().size(), flowStarts.size());
    for (auto it = flowStarts.cbegin(); it != flowStarts.cend(); ++it)
        QVERIFY2(it.value() == 1 && flowEnds.value(it.key()) == 1,
                 qPrintable(QStringLiteral("flow id %1: %2 start(s), %3 end(s)")
                                .arg(it.key())
                                .arg(it.value())
                                .arg(flowEnds.value(it.key()))));
    for (auto it = flowEnds.cbegin(); it != flowEnds.cend(); ++it)
        QVERIFY2(flowStarts.contains(it.key()),
                 qPrintable(QStringLiteral("flow id %1 ends but never starts").arg(it.key())));

    // Slices on one lane nest (Perfetto drops or misdraws overlapping ones).
    constexpr double kEpsUs = 0.01;
    for (auto it = slices.begin(); it != slices.end(); ++it) {
        auto &list = it.value();
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
            return a.first < b.first || (a.first == b.first && a.second > b.second);
        });
        QList<double> openEnds;
        for (const auto &[ts, end] : std::as_const(list)) {
            while (!openEnds.isEmpty() && openEnds.last() <= ts + kEpsUs)
                openEnds.removeLast();
            const double enclosingEnd = openEnds.isEmpty() ? end : openEnds.last();
            QVERIFY2(end <= enclosingEnd + kEpsUs,
                     qPrintable(QStringLiteral("pid %1: slice [%2, %3] overlaps one ending at %4")
                                    .arg(it.key())
                                    .arg(ts)
                                    .arg(end)
                                    .arg(enclosingEnd)));
            openEnds << end;
        }
    }

    // Each child lane was started by its parent: a `start` instant on the parent's lane.
    const QList<QJsonObject> starts = facts->named(QStringLiteral("start"), QStringLiteral("i"));
    for (const QJsonObject &s : starts) {
        const qint64 child =
            s.value(QLatin1String("args")).toObject().value(QLatin1String("child_pid")).toInteger();
        QVERIFY2(
            facts->lanes.contains(child) && child != s.value(QLatin1String("pid")).toInteger(),
            qPrintable(QStringLiteral("start of a process without its own lane: %1").arg(text(s))));
    }
    for (auto it = facts->lanes.cbegin(); it != facts->lanes.cend(); ++it) {
        if (it.key() == facts->mainPid)
            continue;
        QList<QJsonObject> mine;
        for (const QJsonObject &s : starts)
            if (s.value(QLatin1String("args"))
                    .toObject()
                    .value(QLatin1String("child_pid"))
                    .toInteger() == it.key())
                mine << s;
        QVERIFY2(mine.size() == 1,
                 qPrintable(QStringLiteral("lane %1 (%2): %3 start events")
                                .arg(it.key())
                                .arg(it.value().value(QLatin1String("name")).toString())
                                .arg(mine.size())));
        const qint64 parent = mine.first().value(QLatin1String("pid")).toInteger();
        if (it.value().contains(QLatin1String("ppid")))
            QCOMPARE(parent, it.value().value(QLatin1String("ppid")).toInteger());
    }
}

// The image proclab-run wrote: a PNG of the requested size with something drawn on it.
// The default timeline image: 1600 wide, as tall as its lanes need (at most 900).
constexpr QSize kFitted(1600, 0);

// `size` kFitted: the default size, where the lowest lane ends near the bottom.
void verifyPng(const QString &path, QSize size)
{
    QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    QImage image;
    QVERIFY2(image.load(path, "PNG"), qPrintable(path));
    if (size == kFitted) {
        QCOMPARE(image.width(), kFitted.width());
        QVERIFY2(image.height() >= 200 && image.height() <= 900,
                 qPrintable(QString::number(image.height())));
    } else {
        QCOMPARE(image.size(), size);
    }
    const QRgb first = image.pixel(0, 0);
    int lastDrawn = -1;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); x += 3)
            if (image.pixel(x, y) != first) {
                lastDrawn = y;
                break;
            }
    QVERIFY2(lastDrawn >= 0, "the timeline image is a single colour");
    if (size == kFitted)
        QVERIFY2(lastDrawn >= image.height() * 3 / 4,
                 qPrintable(QStringLiteral("nothing drawn below y=%1 of %2")
                                .arg(lastDrawn)
                                .arg(image.height())));
}

// The <text> contents of an SVG proclab-run wrote, and its viewBox; empty
// `problem` when the file is well-formed XML with an <svg> root.
QStringList svgTexts(const QString &path, QString *viewBox, QString *problem)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("cannot open %1: %2").arg(path, f.errorString());
        return {};
    }
    QXmlStreamReader xml(&f);
    QStringList texts;
    bool root = true;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (root && xml.name() != QLatin1String("svg"))
            *problem = QStringLiteral("root element is <%1>").arg(xml.name());
        if (root)
            *viewBox = xml.attributes().value(QStringLiteral("viewBox")).toString();
        root = false;
        if (xml.name() == QLatin1String("text"))
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    }
    if (xml.hasError())
        *problem = QStringLiteral("%1: %2").arg(path, xml.errorString());
    return texts;
}

// Rows of an RFC 4180 file whose fields hold no line breaks: counted by CRLF
// outside quotes.
int csvRows(const QByteArray &csv)
{
    int rows = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        if (csv[i] == '"')
            quoted = !quoted;
        else if (!quoted && csv[i] == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n')
            ++rows;
    }
    return rows;
}

QStringList setArgs(const QStringList &assignments)
{
    QStringList out;
    for (const QString &a : assignments)
        out << QStringLiteral("--set") << a;
    return out;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Orphans of a run come to us, so the census below sees any that escape.
        QCOMPARE(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
        // A private temp dir for us and every run (TMPDIR is inherited): the file
        // census then sees only this test's runs, not those of suites running beside it.
        const QString tempRoot = test::usePrivateTempDir();
        QVERIFY(!tempRoot.isEmpty());
        QCOMPARE(QDir::tempPath(), tempRoot);
        for (const char *var : {"PROCLAB_RUN", "PROCLAB_RUNNER"})
            QVERIFY2(QFileInfo(qEnvironmentVariable(var)).isExecutable(),
                     qPrintable(QStringLiteral("%1=%2").arg(QLatin1String(var),
                                                            qEnvironmentVariable(var))));
    }

    void init()
    {
        m_leftoversBefore = test::proclabLeftovers();
        QVERIFY2(test::descendantsOf(getpid()).isEmpty(),
                 qPrintable(test::describe(test::descendantsOf(getpid()))));
    }

    // After every test: no process and no shm/temp entry left behind.
    void cleanup()
    {
        // 2 s covers a CLI this test had to kill (a killed host's lab is gone within 1 s).
        const bool clean =
            QTest::qWaitFor([] { return test::descendantsOf(getpid()).isEmpty(); }, 2000);
        const QString left = test::describe(test::descendantsOf(getpid()));
        if (!clean)
            killOurLeftovers(); // so that one failure does not fail every later test
        QVERIFY2(clean, qPrintable(QStringLiteral("processes left: ") + left));
        QCOMPARE(test::proclabLeftovers(), m_leftoversBefore);
    }

    void listShowsEveryLab_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("title");
        QTest::newRow("start-processes") << "start-processes"
                                         << "Start processes";
        QTest::newRow("join") << "join"
                              << "join(): wait for children";
        QTest::newRow("isolation") << "isolation"
                                   << "Data isolation";
        QTest::newRow("daemon") << "daemon"
                                << "Daemon processes";
        QTest::newRow("terminate") << "terminate"
                                   << "terminate() and zombies";
    }
    void listShowsEveryLab()
    {
        QFETCH(QString, id);
        QFETCH(QString, title);
        const CliResult r = runCli({QStringLiteral("--list")});
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.describe()));
        // One line per lab, "id  title", nothing else (more labs may follow these five).
        const QStringList lines = QString::fromUtf8(r.out).trimmed().split(QLatin1Char('\n'));
        QSet<QString> ids;
        int matches = 0;
        for (const QString &line : lines) {
            const QString lineId = line.section(QLatin1Char(' '), 0, 0);
            QVERIFY2(!lineId.isEmpty() && !line.mid(lineId.size()).trimmed().isEmpty(),
                     qPrintable(QStringLiteral("not 'id title': '%1'").arg(line)));
            QVERIFY2(!ids.contains(lineId), qPrintable(QStringLiteral("%1 twice").arg(lineId)));
            ids.insert(lineId);
            if (lineId != id)
                continue;
            ++matches;
            QCOMPARE(line.mid(id.size()).trimmed(), title);
        }
        QVERIFY2(matches == 1, qPrintable(r.describe()));
    }

    // Long ids ("queue-join-deadlock") must not push their titles out of the column.
    void listAlignsTitles()
    {
        const CliResult r = runCli({QStringLiteral("--list")});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QStringList lines = QString::fromUtf8(r.out).trimmed().split(QLatin1Char('\n'));
        QVERIFY(lines.size() > 10);
        QSet<qsizetype> titleColumns;
        for (const QString &line : lines) {
            const qsizetype idEnd = line.indexOf(QLatin1Char(' '));
            qsizetype title = idEnd;
            while (title < line.size() && line.at(title) == QLatin1Char(' '))
                ++title;
            QVERIFY2(title - idEnd >= 2, qPrintable(QStringLiteral("cramped: '%1'").arg(line)));
            titleColumns.insert(title);
        }
        QVERIFY2(titleColumns.size() == 1, qPrintable(r.describe()));
    }

    // Values are read as Python's int() reads them: blanks and a '+' do not matter;
    // flags in any case. The run's parameters show what was understood.
    void equivalentValuesRunTheSame_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QStringList>("set");
        QTest::addColumn<QJsonObject>("params");
        QTest::newRow("' 2' is 2") << "join" << QStringList{"n= 2", "work_ms=0"}
                                   << QJsonObject{{"n", 2}, {"work_ms", 0}};
        QTest::newRow("'+2 ' is 2") << "join" << QStringList{"n=+2 ", "work_ms=0"}
                                    << QJsonObject{{"n", 2}, {"work_ms", 0}};
        QTest::newRow("' n' names n") << "join" << QStringList{" n=2", "work_ms=0"}
                                      << QJsonObject{{"n", 2}};
        QTest::newRow("daemon=TRUE") << "daemon"
                                     << QStringList{"daemon=TRUE", "child_work_ms=0",
                                                    "main_work_ms=0"}
                                     << QJsonObject{{"daemon", true}};
        // A preset fills in what --set does not say; --set wins.
        QTest::newRow("--preset hot-dog, quicker")
            << "producer-consumer"
            << QStringList{"items_per_producer=1", "produce_ms_min=0", "produce_ms_max=0",
                           "consume_ms_min=0", "consume_ms_max=0"}
            << QJsonObject{{"producers", 3},
                           {"consumers", 2},
                           {"items_per_producer", 1},
                           {"stagger_ms", 0},
                           {"shutdown", "sentinel-per-consumer"}};
        QTest::newRow("daemon=False, as Python writes it")
            << "daemon" << QStringList{"daemon=False", "child_work_ms=0", "main_work_ms=0"}
            << QJsonObject{{"daemon", false}};
    }
    void equivalentValuesRunTheSame()
    {
        QFETCH(QString, lab);
        QFETCH(QStringList, set);
        QFETCH(QJsonObject, params);
        QStringList args{lab, QStringLiteral("--json")};
        if (lab == QLatin1String("producer-consumer"))
            args << QStringLiteral("--preset") << QStringLiteral("hot-dog");
        const CliResult r = runCli(args + setArgs(set));
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject ran = QJsonDocument::fromJson(r.out).object().value("params").toObject();
        for (auto it = params.begin(); it != params.end(); ++it)
            QVERIFY2(ran.value(it.key()) == it.value(), qPrintable(r.describe()));
    }

    void helpPrintsUsage()
    {
        const CliResult r = runCli({QStringLiteral("--help")});
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("Usage: proclab-run"), qPrintable(r.describe()));
        QVERIFY2(r.out.contains("--timeout"), qPrintable(r.describe()));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.describe()));
    }

    // Printed before any platform plugin loads: xcb with no display still works.
    void versionPrintsVersionWithoutDisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        const CliResult r = runCli({QStringLiteral("--version")}, env);
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("proclab-run " PROCLAB_VERSION "\n"));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.describe()));
    }

    void labRunsEndToEnd_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<int>("lanes");
        QTest::addColumn<QJsonObject>("summary");  // fields with exactly these values
        QTest::addColumn<double>("minElapsedMs");  // summary.elapsed_ms bounds, -1: none
        QTest::addColumn<bool>("sideBySide");      // every child's sleep overlaps every other's
        QTest::addColumn<int>("childExitcode");    // every child's `exit` event, or kNoCheck
        QTest::addColumn<QString>("startMethod");  // args.method of every `start`, or empty
        QTest::addColumn<QString>("errorMessage"); // an `error` event that must be there

        const QString none;
        // start-processes: join() waits for the slowest child, so >= sleep_min_ms.
        QTest::newRow("start-processes: start() makes 3 real children")
            << "start-processes"
            << QStringList{"n=3", "sleep_min_ms=100", "sleep_max_ms=300", "call=start"} << 4
            << QJsonObject{{"processes_created", 3}} << 100.0 << false << 0 << "fork" << none;
        // run() calls the body in MainProcess, one after another: >= n * sleep_min_ms.
        QTest::newRow("start-processes: run() stays in MainProcess")
            << "start-processes"
            << QStringList{"n=3", "sleep_min_ms=100", "sleep_max_ms=300", "call=run"} << 1
            << QJsonObject{{"processes_created", 0}} << 300.0 << false << kNoCheck << none << none;
        QTest::newRow("start-processes: subclass started by spawn")
            << "start-processes"
            << QStringList{"n=2", "sleep_min_ms=100", "sleep_max_ms=200", "style=subclass",
                           "method=spawn"}
            << 3 << QJsonObject{{"processes_created", 2}} << 100.0 << false << 0 << "spawn" << none;

        // join: in the loop the children run one after another (>= n * work); after
        // all starts they run side by side (< 2 * work); no-join does not wait at all.
        QTest::newRow("join: join-in-loop serialises the children")
            << "join" << QStringList{"n=3", "work_ms=200", "mode=join-in-loop"} << 4
            << QJsonObject{{"expected_serial_ms", 600}, {"children_running_when_main_ended", 0}}
            << 600.0 << false << 0 << "fork" << none;
        QTest::newRow("join: join-after-start runs them side by side")
            << "join" << QStringList{"n=3", "work_ms=200", "mode=join-after-start"} << 4
            << QJsonObject{{"expected_serial_ms", 600}, {"children_running_when_main_ended", 0}}
            << 200.0 << true << 0 << "fork" << none;
        QTest::newRow("join: no-join lets main's code end first")
            << "join" << QStringList{"n=3", "work_ms=200", "mode=no-join"} << 4
            << QJsonObject{{"expected_serial_ms", 600}} << -1.0 << true << 0 << "fork" << none;

        // isolation: the child's write never reaches the parent; spawn re-runs the
        // module level (value = 100) instead of copying main's 7.
        QTest::newRow("isolation: fork copies main's value")
            << "isolation" << QStringList{"method=fork", "value=7"} << 2
            << QJsonObject{{"method", "fork"},
                           {"parent_value_after", 7},
                           {"child_value_after", 0},
                           {"child_value_seen_at_start", 7}}
            << -1.0 << false << 0 << "fork" << none;
        QTest::newRow("isolation: spawn starts from the module's value")
            << "isolation" << QStringList{"method=spawn", "value=7"} << 2
            << QJsonObject{{"method", "spawn"},
                           {"parent_value_after", 7},
                           {"child_value_after", 0},
                           {"child_value_seen_at_start", 100}}
            << -1.0 << false << 0 << "spawn" << none;

        // daemon: a daemonic child is terminated (SIGTERM, -15) when main's code ends.
        QTest::newRow("daemon: daemon=True dies with main's code")
            << "daemon" << QStringList{"daemon=true", "child_work_ms=3000", "main_work_ms=200"} << 2
            << QJsonObject{{"daemon", true},
                           {"child_exitcode", -15},
                           {"child_terminated_by_main_exit", true}}
            << -1.0 << false << -15 << "fork" << none;
        QTest::newRow("daemon: daemon=False is waited for")
            << "daemon" << QStringList{"daemon=false", "child_work_ms=400", "main_work_ms=100"} << 2
            << QJsonObject{{"daemon", false},
                           {"child_exitcode", 0},
                           {"child_terminated_by_main_exit", false}}
            << -1.0 << false << 0 << "fork" << none;
        QTest::newRow("daemon: a daemon may not have children")
            << "daemon"
            << QStringList{"daemon=true", "daemon_spawns_child=true", "child_work_ms=3000",
                           "main_work_ms=200"}
            << 2 // the grandchild is refused: no third process
            << QJsonObject{{"daemon", true},
                           {"child_exitcode", -15},
                           {"child_terminated_by_main_exit", true}}
            << -1.0 << false << -15 << "fork"
            << "daemonic processes are not allowed to have children";

        // terminate: SIGTERM ends the child (-15); after join() it is no longer alive.
        QTest::newRow("terminate: SIGTERM, then join reaps the child")
            << "terminate"
            << QStringList{"work_ms=5000", "terminate_after_ms=100", "join_after_ms=200"} << 2
            << QJsonObject{{"exitcode", -15}, {"alive_after_join", false}} << -1.0 << false << -15
            << "fork" << none;
    }
    void labRunsEndToEnd()
    {
        QFETCH(QString, lab);
        QFETCH(QStringList, params);
        QFETCH(int, lanes);
        QFETCH(QJsonObject, summary);
        QFETCH(double, minElapsedMs);
        QFETCH(bool, sideBySide);
        QFETCH(int, childExitcode);
        QFETCH(QString, startMethod);
        QFETCH(QString, errorMessage);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString tracePath = dir.filePath(QStringLiteral("trace.json"));
        const QString pngPath = dir.filePath(QStringLiteral("timeline.png"));
        const CliResult r = runCli(QStringList{lab} + setArgs(params) +
                                   QStringList{"--json", "--trace", tracePath, "--png", pngPath});
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.describe())); // no Qt warnings, no errors
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));

        QString problem;
        const QJsonObject json = jsonLine(r.out, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(r.out.trimmed().count('\n') == 0, "--json: stdout must be the JSON line only");
        QCOMPARE(json.value(QLatin1String("lab")).toString(), lab);
        QCOMPARE(json.value(QLatin1String("status")).toString(), QStringLiteral("finished"));
        QCOMPARE(json.value(QLatin1String("processes")).toInteger(), lanes);
        const QJsonObject got = json.value(QLatin1String("summary")).toObject();
        for (auto it = summary.constBegin(); it != summary.constEnd(); ++it)
            QVERIFY2(sameJson(got.value(it.key()), it.value()),
                     qPrintable(QStringLiteral("summary.%1 = %2, expected %3 in %4")
                                    .arg(it.key(), text(got.value(it.key())), text(it.value()),
                                         text(got))));
        if (minElapsedMs >= 0) {
            QVERIFY2(got.value(QLatin1String("elapsed_ms")).isDouble(), qPrintable(text(got)));
            const double elapsed = got.value(QLatin1String("elapsed_ms")).toDouble();
            QVERIFY2(
                elapsed >= minElapsedMs,
                qPrintable(QStringLiteral("elapsed_ms %1 < %2").arg(elapsed).arg(minElapsedMs)));
        }

        const QJsonObject root = readJsonFile(tracePath, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        TraceFacts trace;
        verifyTrace(root, lab, got, QStringLiteral("finished"), &trace);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject traced = root.value(QLatin1String("otherData"))
                                       .toObject()
                                       .value(QLatin1String("params"))
                                       .toObject();
        QCOMPARE(json.value(QLatin1String("params")).toObject(), traced);
        for (const QString &assignment : std::as_const(params)) {
            const QString key = assignment.section(QLatin1Char('='), 0, 0);
            QCOMPARE(asSetText(traced.value(key)), assignment.section(QLatin1Char('='), 1));
        }

        // One lane per real process; the lab's own view of main agrees with the trace.
        QCOMPARE(trace.lanes.size(), lanes);
        if (got.contains(QLatin1String("main_pid")))
            QCOMPARE(got.value(QLatin1String("main_pid")).toInteger(), trace.mainPid);
        const QList<QJsonObject> starts = trace.named(QStringLiteral("start"), QStringLiteral("i"));
        QCOMPARE(starts.size(), lanes - 1);
        if (sideBySide) {
            // Side by side: the last child falls asleep before the first wakes.
            double lastBegin = -1, firstEnd = 1e300;
            for (auto it = trace.lanes.constBegin(); it != trace.lanes.constEnd(); ++it) {
                if (it.key() == trace.mainPid)
                    continue;
                const auto sleeps =
                    trace.named(QStringLiteral("sleep"), QStringLiteral("X"), it.key());
                QCOMPARE(sleeps.size(), 1);
                const double ts = sleeps[0].value(QLatin1String("ts")).toDouble();
                lastBegin = std::max(lastBegin, ts);
                firstEnd =
                    std::min(firstEnd, ts + sleeps[0].value(QLatin1String("dur")).toDouble());
            }
            QVERIFY2(lastBegin < firstEnd,
                     qPrintable(QStringLiteral("children slept one after another: last began at "
                                               "%1 µs, first ended at %2 µs")
                                    .arg(lastBegin)
                                    .arg(firstEnd)));
        }
        for (const QJsonObject &s : starts) {
            if (!startMethod.isEmpty())
                QCOMPARE(s.value(QLatin1String("args"))
                             .toObject()
                             .value(QLatin1String("method"))
                             .toString(),
                         startMethod);
        }
        if (childExitcode != kNoCheck) {
            for (auto it = trace.lanes.cbegin(); it != trace.lanes.cend(); ++it) {
                if (it.key() == trace.mainPid)
                    continue;
                const QList<QJsonObject> exits =
                    trace.named(QStringLiteral("exit"), QStringLiteral("i"), it.key());
                QVERIFY2(
                    exits.size() == 1,
                    qPrintable(
                        QStringLiteral("pid %1: %2 exit events").arg(it.key()).arg(exits.size())));
                QCOMPARE(exits.first()
                             .value(QLatin1String("args"))
                             .toObject()
                             .value(QLatin1String("exitcode"))
                             .toInteger(),
                         childExitcode);
            }
        }
        if (!errorMessage.isEmpty()) {
            QStringList messages;
            for (const QJsonObject &e : trace.named(QStringLiteral("error"), QStringLiteral("i")))
                messages << e.value(QLatin1String("args"))
                                .toObject()
                                .value(QLatin1String("message"))
                                .toString();
            QVERIFY2(messages.contains(errorMessage),
                     qPrintable(messages.join(QLatin1String(" | "))));
        }
        if (lab == QLatin1String("terminate")) {
            // terminate() is a point on main's lane aimed at the child, with SIGTERM.
            const QList<QJsonObject> terms =
                trace.named(QStringLiteral("terminate"), QStringLiteral("i"), trace.mainPid);
            QCOMPARE(terms.size(), 1);
            const QJsonObject args = terms.first().value(QLatin1String("args")).toObject();
            QCOMPARE(args.value(QLatin1String("signal")).toInteger(), qint64(SIGTERM));
            QVERIFY2(args.contains(QLatin1String("target")), qPrintable(text(args)));
            // Dead but unreaped until join(): the child's lane shows it as a zombie.
            qint64 child = 0;
            for (auto it = trace.lanes.cbegin(); it != trace.lanes.cend(); ++it)
                if (it.key() != trace.mainPid)
                    child = it.key();
            const QList<QJsonObject> zombies =
                trace.named(QStringLiteral("zombie"), QStringLiteral("X"), child);
            QCOMPARE(zombies.size(), 1);
            QVERIFY2(zombies.first().value(QLatin1String("dur")).toDouble() > 0,
                     qPrintable(text(zombies.first())));
            const QList<QJsonObject> reaped =
                trace.named(QStringLiteral("reaped"), QStringLiteral("i"), child);
            QCOMPARE(reaped.size(), 1);
            QCOMPARE(reaped.first()
                         .value(QLatin1String("args"))
                         .toObject()
                         .value(QLatin1String("by"))
                         .toString(),
                     QStringLiteral("MainProcess"));
        }

        verifyPng(pngPath, kFitted);
    }

    void pngHasRequestedSize_data()
    {
        QTest::addColumn<QStringList>("sizeArgs");
        QTest::addColumn<QSize>("size");
        // No --size: 1600 wide, only as tall as 3 lanes need.
        QTest::newRow("default: fitted to the lanes") << QStringList{} << kFitted;
        QTest::newRow("--size 1280x720") << QStringList{"--size", "1280x720"} << QSize(1280, 720);
        QTest::newRow("--size smallest 320x200")
            << QStringList{"--size", "320x200"} << QSize(320, 200);
    }
    void pngHasRequestedSize()
    {
        QFETCH(QStringList, sizeArgs);
        QFETCH(QSize, size);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pngPath = dir.filePath(QStringLiteral("timeline.png"));
        const CliResult r = runCli(QStringList{"join"} + setArgs({"n=2", "work_ms=50"}) +
                                   QStringList{"--png", pngPath} + sizeArgs);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.describe()));
        verifyPng(pngPath, size);
        if (size == kFitted) {
            QImage image(pngPath);
            QVERIFY2(image.height() < 450, qPrintable(QString::number(image.height())));
        }
    }

    // Lanes that need more than 900 px: the default image is 1600x900.
    void pngDefaultIsAtMost900High()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pngPath = dir.filePath(QStringLiteral("timeline.png"));
        const CliResult r =
            runCli(QStringList{"start-processes"} +
                   setArgs({"n=16", "sleep_min_ms=0", "sleep_max_ms=0"}) +
                   QStringList{"--png", pngPath});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        verifyPng(pngPath, QSize(1600, 900));
    }

    // Every --view without a display: PNG (1x or 2x), SVG and CSV from one run.
    void exportsEveryViewWithoutADisplay_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<QString>("view");
        QTest::addColumn<int>("scale");
        QTest::addColumn<QString>("mustShow"); // a text the SVG holds
        const QStringList queue{"puts=4", "maxsize=2", "consumer_delay_ms=10"};
        QTest::newRow("timeline") << "queue-basics" << queue << "timeline" << 1 << "MainProcess";
        QTest::newRow("chart 2x") << "queue-basics" << queue << "chart" << 2 << "items in q";
        QTest::newRow("page 2x") << "queue-basics" << queue << "page" << 2
                                 << "Queue: blocking put/get";
        QTest::newRow("race") << "counter-race"
                              << QStringList{"workers=2", "increments=40", "window_us=2000",
                                             "lock=false"}
                              << "race" << 1 << "expected 80";
    }
    void exportsEveryViewWithoutADisplay()
    {
        QFETCH(QString, lab);
        QFETCH(QStringList, params);
        QFETCH(QString, view);
        QFETCH(int, scale);
        QFETCH(QString, mustShow);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("v.png"));
        const QString svg = dir.filePath(QStringLiteral("v.svg"));
        const QString csv = dir.filePath(QStringLiteral("t.csv"));
        const QString trace = dir.filePath(QStringLiteral("t.json"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *v : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(v)); // proclab-run must not need one
        const CliResult r = runCli(QStringList{lab} + setArgs(params) +
                                       QStringList{"--png", png, "--svg", svg, "--csv", csv,
                                                   "--trace", trace, "--view", view, "--scale",
                                                   QString::number(scale), "--size", "800x500"},
                                   env);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.describe()));
        verifyPng(png, QSize(800, 500) * scale);

        QString viewBox, problem;
        const QStringList texts = svgTexts(svg, &viewBox, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(viewBox, QStringLiteral("0 0 800 500"));
        QVERIFY2(texts.join(QLatin1Char('|')).contains(mustShow), qPrintable(texts.join('|')));

        // The CSV has a row per event: the JSON's, with each interval (one X)
        // as its begin and end rows.
        const QJsonObject json = readJsonFile(trace, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        int events = 0;
        for (const QJsonValue &e : json.value(QStringLiteral("traceEvents")).toArray()) {
            const QString ph = e.toObject().value(QStringLiteral("ph")).toString();
            events += ph == QLatin1String("M") ? 0 : ph == QLatin1String("X") ? 2 : 1;
        }
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("time_ms,pid,process,event,phase,duration_ms,details\r\n"));
        QCOMPARE(csvRows(bytes) - 1, events);
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));
    }

    // A view with nothing to show is an error after the run, and no image is written.
    void viewWithNothingToShowFails()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("chart.png"));
        const CliResult r = runCli(QStringList{"join"} + setArgs({"n=1", "work_ms=0"}) +
                                   QStringList{"--png", png, "--view", "chart"});
        QVERIFY2(r.finished && r.exitCode == 3, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.err).contains(
                     QStringLiteral("--view chart: this run of 'join' used no queue")),
                 qPrintable(r.describe()));
        QVERIFY(!QFileInfo::exists(png));
    }

    // A file that cannot be written after the run: the path and the reason, exit 3.
    void unwritableOutputIsReported()
    {
        if (QFileInfo(QStringLiteral("/dev/full")).isFile())
            QSKIP("/dev/full is not the device here");
        const CliResult r = runCli(QStringList{"join"} + setArgs({"n=1", "work_ms=0"}) +
                                   QStringList{"--csv", "/dev/full"});
        QVERIFY2(r.finished && r.exitCode == 3, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.err).contains(
                     QStringLiteral("Cannot write /dev/full: No space left on device")),
                 qPrintable(r.describe()));
        QVERIFY2(!QFileInfo(QStringLiteral("/dev/full")).isFile(), "/dev/full was replaced");
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("n zero") << QStringList{"join", "--set", "n=0"}
                                << QStringLiteral("n must be 1–64, got 0");
        QTest::newRow("fork bomb: n=100000") << QStringList{"start-processes", "--set", "n=100000"}
                                             << QStringLiteral("n must be 1–64, got 100000");
        QTest::newRow("n not a number")
            << QStringList{"join", "--set", "n=abc"}
            << QStringLiteral("n must be a whole number 1–64, got 'abc'");
        QTest::newRow("n empty") << QStringList{"join", "--set", "n="}
                                 << QStringLiteral("n must be a whole number 1–64, got ''");
        QTest::newRow("n beyond 64 bits")
            << QStringList{"join", "--set", "n=99999999999999999999"}
            << QStringLiteral("n must be a whole number 1–64, got '99999999999999999999'");
        QTest::newRow("work_ms negative") << QStringList{"join", "--set", "work_ms=-5"}
                                          << QStringLiteral("work_ms must be 0–60000, got -5");
        QTest::newRow("work_ms NaN")
            << QStringList{"join", "--set", "work_ms=NaN"}
            << QStringLiteral("work_ms must be a whole number 0–60000, got 'NaN'");
        QTest::newRow("unknown join mode")
            << QStringList{"join", "--set", "mode=sideways"}
            << QStringLiteral(
                   "mode must be one of join-in-loop, join-after-start, no-join, got 'sideways'");
        QTest::newRow("boolean that is not one")
            << QStringList{"daemon", "--set", "daemon=maybe"}
            << QStringLiteral("daemon must be true or false, got 'maybe'");
        QTest::newRow("unknown parameter")
            << QStringList{"join", "--set", "bogus=1"}
            << QStringLiteral("unknown parameter 'bogus' for lab 'join' (known: n, work_ms, mode)");
        QTest::newRow("unknown lab")
            << QStringList{"no-such-lab"}
            << QStringLiteral("unknown lab 'no-such-lab' (labs: start-processes, join, isolation, "
                              "daemon, terminate");
        QTest::newRow("--set without =") << QStringList{"join", "--set", "n"}
                                         << QStringLiteral("--set needs key=value, got 'n'");
        QTest::newRow("--set without a key") << QStringList{"join", "--set", "=3"}
                                             << QStringLiteral("--set needs key=value, got '=3'");
        QTest::newRow("--size too small")
            << QStringList{"join", "--size", "10x10"}
            << QStringLiteral("--size must be WxH with W 320–8192 and H 200–8192, got '10x10'");
        QTest::newRow("--scale 3") << QStringList{"join", "--scale", "3"}
                                   << QStringLiteral("--scale must be 1 or 2, got 3");
        QTest::newRow("--scale 1.5") << QStringList{"join", "--scale", "1.5"}
                                     << QStringLiteral("--scale must be 1 or 2, got 1.5");
        QTest::newRow("--view unknown")
            << QStringList{"join", "--view", "sideways"}
            << QStringLiteral(
                   "--view must be one of timeline, chart, race, page, histogram, got 'sideways'");
        QTest::newRow("--view without a value")
            << QStringList{"join", "--view"}
            << QStringLiteral("--view needs timeline|chart|race|page");
        QTest::newRow("--size 0x0")
            << QStringList{"join", "--size", "0x0"}
            << QStringLiteral("--size must be WxH with W 320–8192 and H 200–8192, got '0x0'");
        QTest::newRow("--size not WxH")
            << QStringList{"join", "--size", "big"}
            << QStringLiteral("--size must be WxH with W 320–8192 and H 200–8192, got 'big'");
        QTest::newRow("--svg into a missing directory")
            << QStringList{"join", "--svg", "/nonexistent-proclab/t.svg"}
            << QStringLiteral("--svg: cannot write /nonexistent-proclab/t.svg: directory "
                              "/nonexistent-proclab does not exist");
        QTest::newRow("--csv names a directory")
            << QStringList{"join", "--csv", "/tmp"}
            << QStringLiteral("--csv: /tmp is a directory, not a file");
        QTest::newRow("--csv and --svg into one file")
            << QStringList{"join", "--csv", "same.out", "--svg", "same.out"}
            << QStringLiteral("--csv and --svg name the same file same.out");
        QTest::newRow("--timeout negative")
            << QStringList{"join", "--timeout", "-1"}
            << QStringLiteral("--timeout must be 0.1–86400 seconds, got '-1'");
        QTest::newRow("--timeout not a number")
            << QStringList{"join", "--timeout", "soon"}
            << QStringLiteral("--timeout must be 0.1–86400 seconds, got 'soon'");
        QTest::newRow("--preset the lab does not have")
            << QStringList{"producer-consumer", "--preset", "pizza"}
            << QStringLiteral("--preset must be one of hot-dog, one-producer-one-consumer for lab "
                              "producer-consumer, got 'pizza'");
        QTest::newRow("--preset for a lab without presets")
            << QStringList{"join", "--preset", "hot-dog"}
            << QStringLiteral("--preset: lab join has no presets, got 'hot-dog'");
        QTest::newRow("--timeout below its minimum")
            << QStringList{"join", "--timeout", "0.05"}
            << QStringLiteral("--timeout must be 0.1–86400 seconds, got '0.05'");
        QTest::newRow("--set of one key twice")
            << QStringList{"join", "--set", "n=1", "--set", "n=2"}
            << QStringLiteral("--set n given twice ('1' and '2')");
        QTest::newRow("a sign and a blank inside a number")
            << QStringList{"join", "--set", "n=+ 5"}
            << QStringLiteral("n must be a whole number 1–64, got '+ 5'");
        QTest::newRow("a number with a unit")
            << QStringList{"join", "--set", "n=5ms"}
            << QStringLiteral("n must be a whole number 1–64, got '5ms'");
        QTest::newRow("sleep_min_ms above sleep_max_ms")
            << QStringList{"start-processes", "--set", "sleep_min_ms=500", "--set",
                           "sleep_max_ms=100"}
            << QStringLiteral("sleep_min_ms (500) must not exceed sleep_max_ms (100)");
        QTest::newRow("unknown option")
            << QStringList{"join", "--bogus"} << QStringLiteral("unknown option '--bogus'");
        QTest::newRow("two labs") << QStringList{"join", "daemon"}
                                  << QStringLiteral(
                                         "only one lab per run, got 'join' and 'daemon'");
        QTest::newRow("no lab") << QStringList{"--json"}
                                << QStringLiteral("no lab given (proclab-run --list shows them; --python FILE runs a program)");
    }
    void badInputChangesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString tracePath = dir.filePath(QStringLiteral("trace.json"));
        const QString pngPath = dir.filePath(QStringLiteral("timeline.png"));
        const QString marker = dir.filePath(QStringLiteral("runner-started"));
        const CliResult r = runCli(QStringList{"--trace", tracePath, "--png", pngPath} + args,
                                   recordingRunnerEnv(dir, marker));
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("proclab-run: ") + message),
                 qPrintable(r.describe()));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
        // Nothing started: the runner was never run, no file was written.
        QVERIFY2(!QFileInfo::exists(marker), "the lab runner was started");
        QVERIFY2(!QFileInfo::exists(tracePath), qPrintable(tracePath));
        QVERIFY2(!QFileInfo::exists(pngPath), qPrintable(pngPath));
        QVERIFY2(r.elapsedMs < kBadInputBoundMs, qPrintable(r.describe()));
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));
    }

    // The control for badInputChangesNothing: the recording runner does notice a start.
    void goodInputReachesTheRunner()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString marker = dir.filePath(QStringLiteral("runner-started"));
        const CliResult r =
            runCli({"join", "--set", "n=1", "--set", "work_ms=0"}, recordingRunnerEnv(dir, marker));
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(QFileInfo::exists(marker), "the recording runner did not record the run");
    }

    void timeoutStopsTheLabAndKeepsTheTrace()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString tracePath = dir.filePath(QStringLiteral("trace.json"));
        const QString pngPath = dir.filePath(QStringLiteral("timeline.png"));
        const int workMs = 10000;
        const CliResult r =
            runCli({"join", "--set", "n=2", "--set", QStringLiteral("work_ms=%1").arg(workMs),
                    "--set", "mode=join-after-start", "--timeout", "0.5", "--json", "--trace",
                    tracePath, "--png", pngPath});
        QVERIFY2(r.finished, qPrintable(r.describe()));
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("proclab-run: join: timed out")),
                 qPrintable(r.describe()));
        // Stopped at the timeout: not before it, and without waiting for the children's work.
        QVERIFY2(r.elapsedMs >= 500 && r.elapsedMs < workMs, qPrintable(r.describe()));
        // Nothing outlives the CLI, checked the moment it was reaped.
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));

        QString problem;
        const QJsonObject json = jsonLine(r.out, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(json.value(QLatin1String("status")).toString(), QStringLiteral("timed-out"));
        const QJsonObject root = readJsonFile(tracePath, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        TraceFacts trace;
        verifyTrace(root, QStringLiteral("join"), json.value(QLatin1String("summary")).toObject(),
                    QStringLiteral("timed-out"), &trace);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(trace.lanes.size(), 3); // main and both children had started
        verifyPng(pngPath, kFitted);
    }

private:
    // PROCLAB_RUNNER replaced by a script that notes each start, then runs the real one.
    static QProcessEnvironment recordingRunnerEnv(const QTemporaryDir &dir, const QString &marker)
    {
        const QString script = dir.filePath(QStringLiteral("recording-runner.sh"));
        QFile f(script);
        if (f.open(QIODevice::WriteOnly)) {
            f.write(QStringLiteral("#!/bin/sh\necho started >> '%1'\nexec '%2' \"$@\"\n")
                        .arg(marker, qEnvironmentVariable("PROCLAB_RUNNER"))
                        .toUtf8());
            f.close();
            f.setPermissions(f.permissions() | QFile::ExeOwner);
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PROCLAB_RUNNER"), script);
        return env;
    }

    // Only processes this test started (our descendants), by pid.
    static void killOurLeftovers()
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

    QStringList m_leftoversBefore;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
