// SPDX-License-Identifier: MIT
// stress_runs: consecutive runs with random valid parameters across every lab
// (and, with --python-dir, the Python programs there), each followed by the
// census of what it left: live processes, zombies, /dev/shm names, files in
// the temp dir. Two ways to run them:
//
//   --via cli      a new `proclab-run LAB --set ...` / `--python FILE` per run
//   --via session  one long-lived LabSession in this process, as the GUI
//                  holds it: its open fds and resident memory are read after
//                  run --mark (default 100) and after the last run
//   --heavy        the heaviest runs the labs allow (or that the host can hold),
//                  each event the labs must write counted in the decoded trace
//
//   stress_runs --via cli|session --runs N [--seed S] [--python-dir DIR]
//               [--python-share PERCENT] [--mark M] [--timeout S]
//   stress_runs --heavy [--increments N]
//
// Prints one JSON object (the figures) on stdout, each problem on stderr;
// exits 0 when every run was clean (and, --heavy, every count matched).
#include "labsession.h"
#include "pythonrun.h"
#include "stresssupport.h"
#include "tracemodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <malloc.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace proclab;
using namespace proclab::stress;

namespace {

constexpr int kRunBoundMs = 120'000; // a run that has not ended by then is a hang

// Lane's event lists are members today and accessors in the columnar model
// (issue 12): read them either way.
template <typename Lane> decltype(auto) markersOf(const Lane &l)
{
    if constexpr (requires { l.markers(); })
        return l.markers();
    else
        return (l.markers);
}

// Decoded instants named `name` in the whole run (`filter` may look at args).
template <typename Filter>
qint64 countMarkers(const TraceModel &model, const QString &name, Filter filter)
{
    qint64 n = 0;
    for (int r = 0; r < model.rowCount(); ++r)
        for (const auto &m : markersOf(model.lane(r)))
            n += m.name == name && filter(m);
    return n;
}
qint64 countMarkers(const TraceModel &model, const QString &name)
{
    return countMarkers(model, name, [](const auto &) { return true; });
}

void problem(const QString &text)
{
    std::fprintf(stderr, "stress_runs: %s\n", qPrintable(text));
}

// The host's resident memory with no run held: the last run's model cleared
// (the GUI clears it at the next Run) and freed heap returned to the system,
// so a figure that grows between run M and run N is memory the host kept.
qint64 settledResidentKiB(TraceModel &model)
{
    model.clear();
    malloc_trim(0);
    return residentKiB();
}

// Runs `spec` in `session`; false when it did not end within the bound.
bool runInSession(LabSession &session, const RunSpec &spec, double timeoutSeconds,
                  QString *status)
{
    QStringList errors;
    bool ok;
    if (!spec.python.isEmpty()) {
        PythonRun run;
        run.program = spec.python;
        run.args = spec.programArgs;
        ok = session.startPython(run, &errors, timeoutSeconds);
    } else {
        ok = session.start(spec.lab, spec.settings, &errors, timeoutSeconds);
    }
    if (!ok) {
        *status = QStringLiteral("refused: ") + errors.join(QStringLiteral("; "));
        return true;
    }
    QEventLoop loop;
    QObject::connect(&session, &LabSession::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(kRunBoundMs, &loop, &QEventLoop::quit);
    if (session.isRunning())
        loop.exec();
    if (session.isRunning()) {
        session.stop();
        *status = QStringLiteral("hang");
        return false;
    }
    *status = QString::fromLatin1(QMetaEnum::fromType<LabSession::State>().valueToKey(
                                      int(session.state())))
                  .toLower();
    return true;
}

// Exit status of proclab-run -> the run's end.
QString cliStatus(int exitCode)
{
    switch (exitCode) {
    case 0:
        return QStringLiteral("finished");
    case 2:
        return QStringLiteral("refused");
    case 3:
        return QStringLiteral("failed-or-timed-out");
    default:
        return QStringLiteral("exit-%1").arg(exitCode);
    }
}

bool runInCli(const RunSpec &spec, double timeoutSeconds, QString *status)
{
    QProcess cli;
    cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    cli.setStandardOutputFile(QProcess::nullDevice());
    cli.start(qEnvironmentVariable("PROCLAB_RUN"),
              QStringList{QStringLiteral("--timeout"), QString::number(timeoutSeconds)} +
                  spec.cliArgs());
    if (!cli.waitForFinished(kRunBoundMs)) {
        cli.kill();
        cli.waitForFinished();
        *status = QStringLiteral("hang");
        return false;
    }
    *status = cli.exitStatus() == QProcess::CrashExit ? QStringLiteral("crashed")
                                                      : cliStatus(cli.exitCode());
    return true;
}

int consecutiveRuns(const QCommandLineParser &args, bool privateShm)
{
    const bool viaCli = args.value(QStringLiteral("via")) == QLatin1String("cli");
    const int runs = args.value(QStringLiteral("runs")).toInt();
    const int mark = args.value(QStringLiteral("mark")).toInt();
    const int pythonShare = args.value(QStringLiteral("python-share")).toInt();
    const QString pythonDir = args.value(QStringLiteral("python-dir"));
    const double timeout = args.value(QStringLiteral("timeout")).toDouble();
    const bool verbose = args.isSet(QStringLiteral("verbose"));
    QRandomGenerator rng(args.value(QStringLiteral("seed")).toUInt());

    const QString tempDir = qEnvironmentVariable("TMPDIR");
    const QSet<QString> shmBaseline = shmNames();
    TraceModel model;
    LabSession session(&model);
    QMap<QString, int> statuses;
    int labRuns = 0, pythonRuns = 0, dirtyRuns = 0, hangs = 0, refused = 0;
    int fdsAtMark = -1, fdsAtEnd = -1;
    qint64 rssAtMark = -1, rssAtEnd = -1, slowestMs = 0;
    QJsonArray dirty;
    QElapsedTimer total;
    total.start();
    for (int i = 1; i <= runs; ++i) {
        const bool python = !pythonDir.isEmpty() && int(rng.bounded(100)) < pythonShare;
        const RunSpec spec = python ? randomPythonRun(rng, pythonDir) : randomLabRun(rng);
        (python ? pythonRuns : labRuns)++;
        QElapsedTimer clock;
        clock.start();
        QString status;
        const bool ended = viaCli ? runInCli(spec, timeout, &status)
                                  : runInSession(session, spec, timeout, &status);
        slowestMs = std::max(slowestMs, clock.elapsed());
        if (verbose)
            std::fprintf(stderr, "run %d: %s: %s, %lld ms\n", i, qPrintable(spec.describe()),
                         qPrintable(status), (long long)clock.elapsed());
        if (!ended) {
            ++hangs;
            problem(QStringLiteral("run %1 (%2) did not end").arg(i).arg(spec.describe()));
        }
        if (status.startsWith(QLatin1String("refused"))) {
            ++refused;
            problem(QStringLiteral("run %1 (%2) refused: %3").arg(i).arg(spec.describe(), status));
        }
        statuses[status.section(QLatin1Char(':'), 0, 0)]++;
        reapOurZombies();
        const Census c = census(shmBaseline, tempDir);
        if (!c.clean()) {
            ++dirtyRuns;
            problem(QStringLiteral("run %1 (%2) left %3").arg(i).arg(spec.describe(), c.describe()));
            dirty.append(QStringLiteral("%1: %2").arg(spec.describe(), c.describe()));
        }
        if (i == mark) {
            fdsAtMark = openFdCount();
            rssAtMark = settledResidentKiB(model);
        }
    }
    fdsAtEnd = openFdCount();
    rssAtEnd = settledResidentKiB(model);
    const Census end = census(shmBaseline, tempDir);
    QJsonObject st;
    for (auto it = statuses.begin(); it != statuses.end(); ++it)
        st.insert(it.key(), it.value());
    const QJsonObject report{
        {QStringLiteral("via"), viaCli ? QStringLiteral("cli") : QStringLiteral("session")},
        {QStringLiteral("runs"), runs},
        {QStringLiteral("private_dev_shm"), privateShm},
        {QStringLiteral("lab_runs"), labRuns},
        {QStringLiteral("python_runs"), pythonRuns},
        {QStringLiteral("statuses"), st},
        {QStringLiteral("hangs"), hangs},
        {QStringLiteral("refused"), refused},
        {QStringLiteral("dirty_runs"), dirtyRuns},
        {QStringLiteral("dirty"), dirty},
        {QStringLiteral("left_processes"), end.liveDescendants},
        {QStringLiteral("left_zombies"), end.zombies},
        {QStringLiteral("left_shm_names"), end.newShmNames.size()},
        {QStringLiteral("left_temp_entries"), end.tempEntries.size()},
        {QStringLiteral("mark"), mark},
        {QStringLiteral("host_fds_at_mark"), fdsAtMark},
        {QStringLiteral("host_fds_at_end"), fdsAtEnd},
        {QStringLiteral("host_rss_kib_at_mark"), rssAtMark},
        {QStringLiteral("host_rss_kib_at_end"), rssAtEnd},
        {QStringLiteral("slowest_run_ms"), slowestMs},
        {QStringLiteral("seconds"), double(total.elapsed()) / 1000.0},
    };
    std::printf("%s\n", QJsonDocument(report).toJson(QJsonDocument::Compact).constData());
    const bool clean = hangs == 0 && refused == 0 && dirtyRuns == 0 && end.clean();
    return clean ? 0 : 1;
}

// ---- heavy runs: events written by construction == events decoded ----------

struct HeavyCase
{
    QString name;
    RunSpec spec;
    // (what, expected, decoded)
    std::function<QList<std::tuple<QString, qint64, qint64>>(const TraceModel &)> counts;
};

QList<HeavyCase> heavyCases(qint64 increments, qint64 items)
{
    QList<HeavyCase> cases;
    const qint64 workers = 64;
    cases.append(
        {QStringLiteral("counter-race"),
         RunSpec{QStringLiteral("counter-race"),
                 {{QStringLiteral("workers"), QString::number(workers)},
                  {QStringLiteral("increments"), QString::number(increments)},
                  {QStringLiteral("lock"), QStringLiteral("false")},
                  {QStringLiteral("window_us"), QStringLiteral("0")}},
                 {},
                 {}},
         [=](const TraceModel &m) {
             // Each increment reads then writes; main reads the result once.
             return QList<std::tuple<QString, qint64, qint64>>{
                 {QStringLiteral("read"), workers * increments + 1, countMarkers(m, ev::Read)},
                 {QStringLiteral("write"), workers * increments, countMarkers(m, ev::Write)},
                 {QStringLiteral("stdout"), workers + 1, countMarkers(m, ev::Stdout)},
                 {QStringLiteral("exit"), workers + 1, countMarkers(m, ev::Exit)},
                 {QStringLiteral("reaped"), workers + 1, countMarkers(m, ev::Reaped)}};
         }});
    cases.append({QStringLiteral("start-processes"),
                  RunSpec{QStringLiteral("start-processes"),
                          {{QStringLiteral("n"), QStringLiteral("64")},
                           {QStringLiteral("sleep_min_ms"), QStringLiteral("0")},
                           {QStringLiteral("sleep_max_ms"), QStringLiteral("0")}},
                          {},
                          {}},
                  [](const TraceModel &m) {
                      return QList<std::tuple<QString, qint64, qint64>>{
                          {QStringLiteral("lanes"), 65, m.rowCount()},
                          {QStringLiteral("start"), 64, countMarkers(m, ev::Start)},
                          {QStringLiteral("exit"), 65, countMarkers(m, ev::Exit)},
                          {QStringLiteral("reaped"), 65, countMarkers(m, ev::Reaped)}};
                  }});
    const qint64 producers = 32;
    cases.append(
        {QStringLiteral("producer-consumer"),
         RunSpec{QStringLiteral("producer-consumer"),
                 {{QStringLiteral("producers"), QString::number(producers)},
                  {QStringLiteral("consumers"), QStringLiteral("32")},
                  {QStringLiteral("items_per_producer"), QString::number(items)},
                  {QStringLiteral("maxsize"), QStringLiteral("10")},
                  {QStringLiteral("produce_ms_min"), QStringLiteral("0")},
                  {QStringLiteral("produce_ms_max"), QStringLiteral("0")},
                  {QStringLiteral("consume_ms_min"), QStringLiteral("0")},
                  {QStringLiteral("consume_ms_max"), QStringLiteral("0")},
                  {QStringLiteral("shutdown"), QStringLiteral("joinable")}},
                 {},
                 {}},
         [=](const TraceModel &m) {
             auto item = [](const auto &marker) {
                 return !marker.args.value(QStringLiteral("sentinel")).toBool();
             };
             return QList<std::tuple<QString, qint64, qint64>>{
                 {QStringLiteral("put"), producers * items, countMarkers(m, ev::Put, item)},
                 {QStringLiteral("get"), producers * items, countMarkers(m, ev::Get, item)}};
         }});
    return cases;
}

int heavyRuns(const QCommandLineParser &args)
{
    const qint64 increments = args.value(QStringLiteral("increments")).toLongLong();
    TraceModel model;
    LabSession session(&model);
    QJsonArray rows;
    bool allMatch = true;
    for (const HeavyCase &c :
         heavyCases(increments, args.value(QStringLiteral("items")).toLongLong())) {
        QElapsedTimer clock;
        clock.start();
        QString status;
        const bool ended = runInSession(session, c.spec, 0, &status);
        const qint64 ms = clock.elapsed();
        QJsonArray counts;
        for (const auto &[what, expected, decoded] : c.counts(model)) {
            counts.append(QJsonObject{{QStringLiteral("event"), what},
                                      {QStringLiteral("written"), expected},
                                      {QStringLiteral("decoded"), decoded}});
            if (expected != decoded) {
                allMatch = false;
                problem(QStringLiteral("%1: %2 written %3, decoded %4")
                            .arg(c.spec.describe(), what)
                            .arg(expected)
                            .arg(decoded));
            }
        }
        allMatch = allMatch && ended && status == QLatin1String("finished");
        rows.append(QJsonObject{{QStringLiteral("run"), c.spec.describe()},
                                {QStringLiteral("status"), status},
                                {QStringLiteral("ms"), ms},
                                {QStringLiteral("records_read"), qint64(session.recordsRead())},
                                {QStringLiteral("writers_waited_ms"),
                                 double(session.traceStallNs()) / 1e6},
                                {QStringLiteral("host_rss_kib"), residentKiB()},
                                {QStringLiteral("counts"), counts}});
        model.clear();
        reapOurZombies();
    }
    std::printf("%s\n",
                QJsonDocument(QJsonObject{{QStringLiteral("heavy"), rows}})
                    .toJson(QJsonDocument::Compact)
                    .constData());
    return allMatch ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    const bool privateShm = isolateDevShm();
    QCoreApplication app(argc, argv);
    QCommandLineParser args;
    args.addOptions({
        {QStringLiteral("via"), QStringLiteral("cli or session"), QStringLiteral("how"),
         QStringLiteral("session")},
        {QStringLiteral("runs"), QStringLiteral("number of runs"), QStringLiteral("N"),
         QStringLiteral("20")},
        {QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("S"),
         QStringLiteral("1")},
        {QStringLiteral("python-dir"), QStringLiteral("Python programs to draw from"),
         QStringLiteral("DIR")},
        {QStringLiteral("python-share"), QStringLiteral("percent of runs that are Python"),
         QStringLiteral("P"), QStringLiteral("20")},
        {QStringLiteral("mark"), QStringLiteral("run after which fds and memory are read"),
         QStringLiteral("M"), QStringLiteral("100")},
        {QStringLiteral("timeout"), QStringLiteral("per-run timeout, seconds"),
         QStringLiteral("S"), QStringLiteral("30")},
        {QStringLiteral("verbose"), QStringLiteral("each run and its time on stderr")},
        {QStringLiteral("heavy"), QStringLiteral("the heaviest runs, events counted")},
        {QStringLiteral("items"), QStringLiteral("--heavy: producer-consumer items per producer"),
         QStringLiteral("N"), QStringLiteral("2000")},
        {QStringLiteral("increments"), QStringLiteral("--heavy: counter-race increments"),
         QStringLiteral("N"), QStringLiteral("20000")},
    });
    args.process(app);
    // Like the GUI: orphans of a dead runner come here to be reaped. TMPDIR
    // should be a directory of this driver's own (the census counts its entries).
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    return args.isSet(QStringLiteral("heavy")) ? heavyRuns(args) : consecutiveRuns(args, privateShm);
}
