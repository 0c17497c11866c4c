// SPDX-License-Identifier: MIT
// proclab --screenshot FILE (WindowScreenshot): the image is the run's last
// frame (equal to the finished window, unlike a frame of the running one),
// taken without any timer; a file that cannot be written there is refused
// before anything runs (exit 2); a write that fails at the end is a message,
// exit 3 and no partial file; a run that does not start is exit 3. The real
// proclab binary is run for the exit statuses.
#include "guitestsupport.h"
#include "labcatalogue.h"
#include "labpage.h"
#include "mainwindow.h"
#include "processcensus.h"
#include "tracemodel.h"
#include "windowscreenshot.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr int kRunBoundMs = 30000; // runs that end in well under a second
const QSize kWindowSize(1280, 720);

QImage asRgb(const QImage &image)
{
    return image.convertToFormat(QImage::Format_RGB32);
}

struct AppResult
{
    int exitCode = -1;
    bool crashed = true;
    QString err;
    QString describe() const
    {
        return QStringLiteral("exit %1%2, stderr: %3")
            .arg(exitCode)
            .arg(crashed ? QStringLiteral(" (crashed or timed out)") : QString())
            .arg(err);
    }
};

// The real proclab, offscreen, with its settings in `home`; PROCLAB_RUNNER
// may be replaced (to see whether a runner was started at all). With a file
// size limit, writes past it fail (EFBIG) instead of raising SIGXFSZ.
AppResult runApp(const QStringList &args, const QString &home, const QString &runner = {},
                 rlim_t fileSizeLimit = 0)
{
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    if (!runner.isEmpty())
        env.insert(QStringLiteral("PROCLAB_RUNNER"), runner);
    app.setProcessEnvironment(env);
    if (fileSizeLimit > 0)
        app.setChildProcessModifier([fileSizeLimit] {
            signal(SIGXFSZ, SIG_IGN); // kept across exec
            const rlimit limit{fileSizeLimit, fileSizeLimit};
            setrlimit(RLIMIT_FSIZE, &limit);
        });
    app.start(qEnvironmentVariable("PROCLAB_APP"), args);
    AppResult r;
    if (!app.waitForFinished(kRunBoundMs)) {
        app.kill();
        app.waitForFinished();
        return r;
    }
    r.exitCode = app.exitCode();
    r.crashed = app.exitStatus() != QProcess::NormalExit;
    r.err = QString::fromLocal8Bit(app.readAllStandardError());
    return r;
}

// A stand-in runner that leaves a mark, then runs the real one.
QString markingRunner(const QTemporaryDir &dir, const QString &mark)
{
    const QString path = dir.filePath(QStringLiteral("marking-runner.sh"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral("#!/bin/sh\ntouch '%1'\nexec '%2' \"$@\"\n")
                .arg(mark, qEnvironmentVariable("PROCLAB_RUNNER"))
                .toLocal8Bit());
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    return path;
}

} // namespace

class TestScreenshot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        installWarningRecorder();
        QVERIFY2(QFileInfo(qEnvironmentVariable("PROCLAB_APP")).isExecutable(),
                 "PROCLAB_APP must name the proclab program");
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

    // The saved image is the finished window (grabbing it again gives the same
    // pixels) and not the running one (a frame taken while it ran differs).
    void savesTheRunsLastFrame()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("join.png"));
        MainWindow window;
        LabPage *page = window.page();
        QAbstractItemModelTester tester(page->model());
        window.resize(kWindowSize);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.catalogue()->select(QStringLiteral("join"));
        setParameters(*page, {{"n", "3"}, {"work_ms", "150"}});

        QImage whileRunning;
        connect(page, &LabPage::runningChanged, &window, [&](bool running) {
            if (running)
                whileRunning = asRgb(window.grab().toImage());
        });
        WindowScreenshot shot(&window, file);
        QSignalSpy finished(&shot, &WindowScreenshot::finished);
        shot.afterRun(page, [page] { return page->run(); });
        QVERIFY(finished.wait(kRunBoundMs));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toInt(), int(WindowScreenshot::Saved));
        QCOMPARE(finished.first().at(1).toString(), QString());
        QVERIFY(!page->isRunning());
        QCOMPARE(page->session()->state(), LabSession::State::Finished);
        QCOMPARE(page->model()->rowCount(), 4);

        const QImage saved = asRgb(QImage(file));
        QVERIFY2(!saved.isNull(), qPrintable(file));
        QVERIFY(!whileRunning.isNull());
        QCOMPARE(saved.size(), whileRunning.size());
        QVERIFY2(saved != whileRunning, "the screenshot shows the running window");
        QVERIFY2(saved == asRgb(window.grab().toImage()),
                 "the screenshot is not the finished window");
    }

    // Without a run: the window's first frame, a whole PNG of the window's size.
    void savesTheFirstFrameWithoutARun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("window.png"));
        MainWindow window;
        QAbstractItemModelTester tester(window.page()->model());
        window.resize(kWindowSize);
        window.show();
        WindowScreenshot shot(&window, file);
        QSignalSpy finished(&shot, &WindowScreenshot::finished);
        shot.afterNextFrame();
        QVERIFY(finished.wait(kRunBoundMs));
        QCOMPARE(finished.first().at(0).toInt(), int(WindowScreenshot::Saved));
        QCOMPARE(QImage(file).size(), window.grab().size());
    }

    // The real program: exit 0, the PNG written, no process left.
    void appSavesAfterItsRun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("daemon.png"));
        const AppResult r = runApp({QStringLiteral("--lab"), QStringLiteral("daemon"),
                                    QStringLiteral("--run"), QStringLiteral("--screenshot"), file},
                                   dir.path());
        QVERIFY2(!r.crashed && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(!QImage(file).isNull(), qPrintable(file));
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("daemon.png*")}, QDir::Files),
                 QStringList{QStringLiteral("daemon.png")});
    }

    void refusedBeforeAnythingRuns_data()
    {
        QTest::addColumn<QString>("name");   // under the temp dir
        QTest::addColumn<QString>("reason"); // in the message
        QTest::newRow("folder does not exist") << "missing/shot.png" << "does not exist";
        QTest::newRow("unknown format") << "shot.notaformat" << "unknown image format";
        QTest::newRow("a folder") << "." << "it is a folder";
    }
    void refusedBeforeAnythingRuns()
    {
        QFETCH(QString, name);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString mark = dir.filePath(QStringLiteral("runner-started"));
        const QString runner = markingRunner(dir, mark);
        QVERIFY(!runner.isEmpty());
        const QString file = dir.filePath(name);
        const AppResult r = runApp({QStringLiteral("--lab"), QStringLiteral("join"),
                                    QStringLiteral("--run"), QStringLiteral("--screenshot"), file},
                                   dir.path(), runner);
        QVERIFY2(!r.crashed && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(file) && r.err.contains(reason), qPrintable(r.err));
        QVERIFY2(!QFile::exists(mark), "a runner was started");
    }

    // The write itself fails (the file size limit): exit 3, the reason, and
    // neither the file nor a temporary one left.
    void failedWriteIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("shot.png"));
        const AppResult r = runApp({QStringLiteral("--screenshot"), file}, dir.path(), {}, 2048);
        QVERIFY2(!r.crashed && r.exitCode == 3, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(QStringLiteral("cannot write the screenshot ") + file),
                 qPrintable(r.err));
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("shot*")}, QDir::Files),
                 QStringList());
    }

    // A run the form refuses (workers × cpu_ms over its limit): the window,
    // which says why, is saved, and the exit status says it did not run.
    void refusedRunIsNotASuccess()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("refused.png"));
        const AppResult r = runApp(
            {QStringLiteral("--lab"), QStringLiteral("concurrency-parallelism"),
             QStringLiteral("--set"), QStringLiteral("workers=16"), QStringLiteral("--set"),
             QStringLiteral("cpu_ms=10000"), QStringLiteral("--run"),
             QStringLiteral("--screenshot"), file},
            dir.path());
        QVERIFY2(!r.crashed && r.exitCode == 3, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(QStringLiteral("the run did not start")), qPrintable(r.err));
        QVERIFY2(!QImage(file).isNull(), qPrintable(file));
    }
};

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
