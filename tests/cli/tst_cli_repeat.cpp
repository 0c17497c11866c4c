// proclab-run LAB --repeat N end to end: N real runs, one CSV row per run,
// statistics that agree with the rows, the histogram image, exit 3 when runs
// did not finish (the files still written), refusals of a bad N or of options
// that make no sense with --repeat (nothing started), and nothing left behind.
#include "processcensus.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab;

namespace {

constexpr int kRunBoundMs = 180000; // five ~0.3 s runs get this long at most

struct CliResult
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out, err;
    QList<test::ProcInfo> survivors; // our descendants right after proclab-run was reaped

    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout:\n%2\n--- stderr:\n%3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

CliResult runCli(const QStringList &args,
                 const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    CliResult r;
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("PROCLAB_RUN"), args);
    if (!p.waitForStarted(kRunBoundMs))
        return r;
    r.finished = p.waitForFinished(kRunBoundMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(kRunBoundMs);
    }
    r.survivors = test::descendantsOf(pid_t(QCoreApplication::applicationPid()));
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QJsonObject lastJsonLine(const QByteArray &out)
{
    return QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
}

struct Csv
{
    QStringList header;
    QList<QStringList> rows;
    int column(const QString &name) const { return int(header.indexOf(name)); }
};

Csv readCsv(const QString &path)
{
    Csv csv;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return csv;
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    csv.header = QString::fromUtf8(lines.value(0)).split(QLatin1Char(','));
    for (int i = 1; i < lines.size(); ++i)
        csv.rows << QString::fromUtf8(lines[i]).split(QLatin1Char(','));
    return csv;
}

double median(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    const qsizetype m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

} // namespace

class TestCliRepeat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(prctl(PR_SET_CHILD_SUBREAPER, 1), 0); // escaped orphans would come to us
        QVERIFY(!test::usePrivateTempDir().isEmpty());
        QVERIFY2(QFileInfo(qEnvironmentVariable("PROCLAB_RUN")).isExecutable(),
                 qPrintable(qEnvironmentVariable("PROCLAB_RUN")));
    }

    void init() { m_leftoversBefore = test::proclabLeftovers(); }

    void cleanup()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(),
                                  qPrintable(test::describe(test::descendantsOf(getpid()))), 2000);
        QCOMPARE(test::proclabLeftovers(), m_leftoversBefore);
    }

    void repeatFiveWritesOneRowPerRunAndConsistentStatistics()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csvPath = dir.filePath(QStringLiteral("runs.csv"));
        const QString pngPath = dir.filePath(QStringLiteral("histogram.png"));
        const CliResult r = runCli({"counter-race", "--set", "workers=2", "--set",
                                    "increments=3000", "--repeat", "5", "--csv", csvPath,
                                    "--png", pngPath, "--view", "histogram", "--size", "1280x720",
                                    "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));

        const QJsonObject json = lastJsonLine(r.out);
        QCOMPARE(json.value(QLatin1String("lab")).toString(), QStringLiteral("counter-race"));
        QCOMPARE(json.value(QLatin1String("repeat")).toInt(), 5);
        QCOMPARE(json.value(QLatin1String("runs_made")).toInt(), 5);
        QCOMPARE(json.value(QLatin1String("runs_finished")).toInt(), 5);
        QCOMPARE(json.value(QLatin1String("key_outcome")).toString(),
                 QStringLiteral("lost_updates"));
        QCOMPARE(json.value(QLatin1String("params")).toObject().value(QLatin1String("workers")).toInt(),
                 2);

        const Csv csv = readCsv(csvPath);
        QCOMPARE(csv.header.value(0), QStringLiteral("run"));
        QCOMPARE(csv.header.value(1), QStringLiteral("lost_updates"));
        QCOMPARE(csv.header.value(2), QStringLiteral("run_ms"));
        QCOMPARE(csv.header.last(), QStringLiteral("status"));
        for (const char *key : {"expected", "actual", "elapsed_ms"})
            QVERIFY2(csv.column(QLatin1String(key)) > 0, qPrintable(csv.header.join(',')));
        QCOMPARE(csv.rows.size(), 5);
        QVector<double> lost, runMs;
        for (int i = 0; i < csv.rows.size(); ++i) {
            const QStringList &row = csv.rows[i];
            QCOMPARE(row.size(), csv.header.size());
            QCOMPARE(row[0].toInt(), i + 1);
            QCOMPARE(row.last(), QStringLiteral("finished"));
            const double expected = row[csv.column(QStringLiteral("expected"))].toDouble();
            const double actual = row[csv.column(QStringLiteral("actual"))].toDouble();
            QCOMPARE(expected, 6000.0);
            QCOMPARE(row[1].toDouble(), expected - actual);
            lost << row[1].toDouble();
            runMs << row[2].toDouble();
        }
        // The statistics are those of the rows.
        const QJsonObject stats =
            json.value(QLatin1String("stats")).toObject().value(QLatin1String("lost_updates")).toObject();
        QCOMPARE(stats.value(QLatin1String("count")).toInt(), 5);
        QCOMPARE(stats.value(QLatin1String("min")).toDouble(), *std::min_element(lost.begin(), lost.end()));
        QCOMPARE(stats.value(QLatin1String("max")).toDouble(), *std::max_element(lost.begin(), lost.end()));
        QCOMPARE(stats.value(QLatin1String("median")).toDouble(), median(lost));
        QCOMPARE(json.value(QLatin1String("key_outcome_stats")).toObject(), stats);
        const QJsonObject runStats =
            json.value(QLatin1String("stats")).toObject().value(QLatin1String("run_ms")).toObject();
        QVERIFY(qAbs(runStats.value(QLatin1String("median")).toDouble() - median(runMs)) < 0.01);
        const QJsonArray runs = json.value(QLatin1String("runs")).toArray();
        QCOMPARE(runs.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(runs[i].toObject().value(QLatin1String("lost_updates")).toDouble(), lost[i]);

        const QImage png(pngPath);
        QVERIFY2(!png.isNull(), qPrintable(pngPath));
        QCOMPARE(png.size(), QSize(1280, 720));
    }

    // --engine python --repeat N: the lab's own Python program N times under
    // CPython; every run's key outcome comes from the program's own summary
    // lines and is consistent with its parameters (expected = actual + lost).
    void enginePythonRepeatsThePythonProgram()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("no python3 on PATH");
        const CliResult r = runCli({"counter-race", "--engine", "python", "--set", "workers=2",
                                    "--set", "increments=3000", "--repeat", "3", "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));
        // The program's own prints are in each run's trace, not in our output.
        QVERIFY2(!r.out.contains("lost_updates:") && !r.out.contains("did its"),
                 r.out.left(400).constData());
        QCOMPARE(r.out.trimmed().count('\n'), 0); // the distribution alone
        const QJsonObject json = lastJsonLine(r.out);
        QCOMPARE(json.value(QLatin1String("series")).toString(), QStringLiteral("CPython"));
        QCOMPARE(json.value(QLatin1String("key_outcome")).toString(),
                 QStringLiteral("lost_updates"));
        QCOMPARE(json.value(QLatin1String("runs_finished")).toInt(), 3);
        const QJsonArray runs = json.value(QLatin1String("runs")).toArray();
        QCOMPARE(runs.size(), 3);
        for (const QJsonValue &v : runs) {
            const QJsonObject run = v.toObject();
            QVERIFY2(run.contains(QLatin1String("lost_updates")),
                     qPrintable(QJsonDocument(run).toJson()));
            const double lost = run.value(QLatin1String("lost_updates")).toDouble();
            QVERIFY(lost >= 0 && lost < 6000);
            if (run.contains(QLatin1String("expected")) && run.contains(QLatin1String("actual")))
                QCOMPARE(run.value(QLatin1String("expected")).toDouble() -
                             run.value(QLatin1String("actual")).toDouble(),
                         lost);
        }
    }

    // The same N runs by the lab and by CPython, side by side: a series column
    // in the CSV, two series in the JSON and the chart.
    void compareMakesBothSeries()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("no python3 on PATH");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csvPath = dir.filePath(QStringLiteral("runs.csv"));
        const QString pngPath = dir.filePath(QStringLiteral("both.png"));
        const CliResult r = runCli({"counter-race", "--set", "workers=2", "--set",
                                    "increments=2000", "--repeat", "2", "--compare", "--csv",
                                    csvPath, "--png", pngPath, "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));
        const QJsonObject json = lastJsonLine(r.out);
        const QJsonArray series = json.value(QLatin1String("series")).toArray();
        QCOMPARE(series.size(), 2);
        QCOMPARE(series[0].toObject().value(QLatin1String("series")).toString(), QStringLiteral("C++"));
        QCOMPARE(series[1].toObject().value(QLatin1String("series")).toString(),
                 QStringLiteral("CPython"));
        for (const QJsonValue &v : series)
            QCOMPARE(v.toObject().value(QLatin1String("runs_finished")).toInt(), 2);
        const Csv csv = readCsv(csvPath);
        QCOMPARE(csv.header.value(0), QStringLiteral("series"));
        QCOMPARE(csv.header.value(1), QStringLiteral("run"));
        QCOMPARE(csv.rows.size(), 4);
        QStringList names;
        for (const QStringList &row : csv.rows)
            names << row.value(0) + QLatin1Char('#') + row.value(1);
        QCOMPARE(names, (QStringList{"C++#1", "C++#2", "CPython#1", "CPython#2"}));
        QVERIFY(!QImage(pngPath).isNull());
    }

    void textOutputHasALinePerRunAndMinMedianMax()
    {
        const CliResult r = runCli({"ticket-race", "--set", "buyers=3", "--set",
                                    "read_delay_ms=5", "--set", "write_delay_ms=5", "--repeat",
                                    "3"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QString out = QString::fromUtf8(r.out);
        for (int i = 1; i <= 3; ++i)
            QVERIFY2(out.contains(QStringLiteral("run %1/3: finished, successes ").arg(i)),
                     qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("lab ticket-race: 3 of 3 runs finished")),
                 qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral(
                     "successes \\(key outcome\\)\\s+[1-3]\\s+[1-3](\\.\\d+)?\\s+[1-3]\\n"))),
                 qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\\n  run_ms\\s+\\d"))),
                 qPrintable(out));
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));
    }

    void runsThatDoNotFinishExitThreeAndStillWrite()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csvPath = dir.filePath(QStringLiteral("runs.csv"));
        const QString svgPath = dir.filePath(QStringLiteral("histogram.svg"));
        const CliResult r =
            runCli({"join", "--set", "n=2", "--set", "work_ms=20000", "--set",
                    "mode=join-after-start", "--timeout", "0.3", "--repeat", "2", "--csv",
                    csvPath, "--svg", svgPath});
        QVERIFY2(r.finished && r.exitCode == 3, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("join: 0 of 2 runs finished")),
                 qPrintable(r.describe()));
        const Csv csv = readCsv(csvPath);
        QCOMPARE(csv.rows.size(), 2);
        for (const QStringList &row : csv.rows)
            QCOMPARE(row.last(), QStringLiteral("timed-out"));
        QVERIFY(QFileInfo(svgPath).size() > 0);
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));
    }

    void badInputStartsNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("N = 1") << QStringList{"join", "--repeat", "1"}
                               << "--repeat must be a whole number 2–1000, got '1'";
        QTest::newRow("N = 1001") << QStringList{"join", "--repeat", "1001"}
                                  << "--repeat must be a whole number 2–1000, got '1001'";
        QTest::newRow("N = 0") << QStringList{"join", "--repeat", "0"}
                               << "--repeat must be a whole number 2–1000, got '0'";
        QTest::newRow("N not a number") << QStringList{"join", "--repeat", "many"}
                                        << "--repeat must be a whole number 2–1000, got 'many'";
        QTest::newRow("N missing") << QStringList{"join", "--repeat"} << "--repeat needs N";
        QTest::newRow("--trace with --repeat")
            << QStringList{"join", "--repeat", "3", "--trace", "t.json"}
            << "--trace writes one run's trace and cannot be combined with --repeat";
        QTest::newRow("--view timeline with --repeat")
            << QStringList{"join", "--repeat", "3", "--view", "timeline"}
            << "--view timeline shows one run and cannot be combined with --repeat (use --view "
               "histogram)";
        QTest::newRow("--view histogram without --repeat")
            << QStringList{"join", "--view", "histogram"}
            << "--view histogram needs --repeat N (N 2–1000)";
        QTest::newRow("--compare without --repeat")
            << QStringList{"join", "--compare"}
            << "--compare needs --repeat N (N 2–1000)";
        QTest::newRow("--compare and --engine python")
            << QStringList{"join", "--repeat", "3", "--compare", "--engine", "python"}
            << "--compare adds CPython runs to the lab's; --engine python makes only "
               "CPython runs: use one";
        QTest::newRow("--repeat with --python FILE")
            << QStringList{"--python", "prog.py", "--repeat", "3"}
            << "--repeat runs a lab N times; give a lab, not --python FILE";
        QTest::newRow("bad parameter") << QStringList{"join", "--repeat", "3", "--set", "n=0"}
                                       << "n must be 1–64, got 0";
    }
    void badInputStartsNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString marker = dir.filePath(QStringLiteral("runner-started"));
        const QString csvPath = dir.filePath(QStringLiteral("runs.csv"));
        const QString script = dir.filePath(QStringLiteral("recording-runner.sh"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("#!/bin/sh\necho started >> '%1'\nexec '%2' \"$@\"\n")
                    .arg(marker, qEnvironmentVariable("PROCLAB_RUNNER"))
                    .toUtf8());
        f.close();
        f.setPermissions(f.permissions() | QFile::ExeOwner);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PROCLAB_RUNNER"), script);

        const CliResult r = runCli(QStringList{"--csv", csvPath} + args, env);
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("proclab-run: ") + message),
                 qPrintable(r.describe()));
        QVERIFY2(!QFileInfo::exists(marker), "the lab runner was started");
        QVERIFY2(!QFileInfo::exists(csvPath), "a CSV was written");
        QVERIFY2(r.survivors.isEmpty(), qPrintable(test::describe(r.survivors)));
    }

    // The control for badInputStartsNothing: a good --repeat does reach the runner.
    void goodRepeatStartsTheRunnerNTimes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString marker = dir.filePath(QStringLiteral("runner-started"));
        const QString script = dir.filePath(QStringLiteral("recording-runner.sh"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("#!/bin/sh\necho started >> '%1'\nexec '%2' \"$@\"\n")
                    .arg(marker, qEnvironmentVariable("PROCLAB_RUNNER"))
                    .toUtf8());
        f.close();
        f.setPermissions(f.permissions() | QFile::ExeOwner);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PROCLAB_RUNNER"), script);
        const CliResult r =
            runCli({"join", "--set", "n=1", "--set", "work_ms=0", "--repeat", "3"}, env);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QFile m(marker);
        QVERIFY(m.open(QIODevice::ReadOnly));
        QCOMPARE(m.readAll().count("started"), 3);
    }

private:
    QStringList m_leftoversBefore;
};

QTEST_GUILESS_MAIN(TestCliRepeat)
#include "tst_cli_repeat.moc"
