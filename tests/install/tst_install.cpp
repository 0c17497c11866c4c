// SPDX-License-Identifier: MIT
// The installed tree, as a lab administrator gets it: `cmake --install` into a
// scratch prefix, then everything is checked from there, never from the build
// tree: the staged proclab-run runs a real lab with the runner it finds in
// libexec/proclab (PROCLAB_RUNNER unset), both programs answer --help and
// --version with no display, the desktop file and the AppStream metainfo pass
// desktop-file-validate and appstreamcli, the icon comes in every size, the
// MIME type recognises a trace proclab-run exported, and the man pages are the
// programs' own --help.
#include "installpaths.h"
#include "labcatalogue.h"
#include "labpage.h"
#include "mainwindow.h"
#include "processcensus.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <sys/prctl.h>
#include <unistd.h>

using namespace proclab;

namespace {

constexpr int kBoundMs = 120000; // generous: CI machines are slow; nothing here should take 5 s
const QString kAppId = QStringLiteral(PROCLAB_APP_ID);

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    bool finished = false;
    QByteArray out;
    QByteArray err;
    QString describe() const
    {
        return QStringLiteral("exit %1%2\n--- stdout:\n%3\n--- stderr:\n%4")
            .arg(exitCode)
            .arg(status == QProcess::CrashExit ? QStringLiteral(" (crashed)") : QString())
            .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
    bool ok() const { return finished && status == QProcess::NormalExit && exitCode == 0; }
};

Run run(const QString &program, const QStringList &args, const QProcessEnvironment &env,
        const QString &workDir = {})
{
    Run r;
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    if (!p.waitForStarted(kBoundMs)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    r.finished = p.waitForFinished(kBoundMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(kBoundMs);
    }
    r.exitCode = p.exitCode();
    r.status = p.exitStatus();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// What a user's shell has: no hint where the build tree's runner is.
QProcessEnvironment userEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *var : {"PROCLAB_RUNNER", "PROCLAB_RUN", "PROCLAB_PYTHON_DIR"})
        env.remove(QString::fromLatin1(var));
    return env;
}

// No display at all, and a platform that needs one: only code that never
// creates a QGuiApplication can succeed.
QProcessEnvironment noDisplayEnvironment()
{
    QProcessEnvironment env = userEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    return env;
}

} // namespace

class TestInstall : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void installsEveryPart();
    void iconComesInEverySize();
    void stagedCliRunsALabWithItsInstalledRunner();
    void stagedCliNamesTheMissingRunner();
    void helpAndVersionNeedNoDisplay_data();
    void helpAndVersionNeedNoDisplay();
    void desktopFileIsValid();
    void desktopFileOffersProcLabForTracesAndPython();
    void metainfoIsValid();
    void exportedTraceHasTheProcLabMimeType();
    void manPagesAreTheProgramsHelp_data();
    void manPagesAreTheProgramsHelp();
    void pythonDirFollowsEnvironmentThenBuildTree();
    void windowOpensTracesAndPrograms();

private:
    QString staged(const QString &relative) const { return m_prefix + QLatin1Char('/') + relative; }
    // A trace exported by the staged proclab-run (made once).
    QString exportedTrace();

    QTemporaryDir m_dir;
    QString m_prefix;
    QString m_trace;
};

void TestInstall::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCOMPARE(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    m_prefix = m_dir.filePath(QStringLiteral("stage"));
    // QMimeDatabase reads XDG_DATA_DIRS once, at its first use: the staged
    // share/ first, so that the installed MIME package is seen.
    QString dataDirs = qEnvironmentVariable("XDG_DATA_DIRS");
    if (dataDirs.isEmpty())
        dataDirs = QStringLiteral("/usr/local/share:/usr/share");
    qputenv("XDG_DATA_DIRS", (staged(QStringLiteral("share")) + QLatin1Char(':') + dataDirs).toUtf8());

    const Run install =
        run(QStringLiteral(PROCLAB_CMAKE),
            {QStringLiteral("--install"), QStringLiteral(PROCLAB_BINARY_DIR),
             QStringLiteral("--prefix"), m_prefix},
            userEnvironment());
    QVERIFY2(install.ok(), qPrintable(install.describe()));
}

void TestInstall::cleanup()
{
    const auto left = test::descendantsOf(pid_t(QApplication::applicationPid()));
    QVERIFY2(left.isEmpty(), qPrintable("left behind: " + test::describe(left)));
}

void TestInstall::installsEveryPart()
{
    const QStringList executables{QStringLiteral("bin/proclab"), QStringLiteral("bin/proclab-run"),
                                  QStringLiteral("libexec/proclab/proclab-runner")};
    for (const QString &e : executables)
        QVERIFY2(QFileInfo(staged(e)).isExecutable(), qPrintable(e + " is not installed"));
    const QStringList files{
        QStringLiteral("share/proclab/notes/join.py"),
        QStringLiteral("share/proclab/notes/join.json"),
        QStringLiteral("share/proclab/translations/proclab_zh_CN.qm"),
        QStringLiteral("share/proclab/icons/proclab.svg"),
        QStringLiteral("share/applications/%1.desktop").arg(kAppId),
        QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId),
        QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(kAppId),
        QStringLiteral("share/mime/packages/%1.xml").arg(kAppId),
        QStringLiteral("share/man/man1/proclab.1.gz"),
        QStringLiteral("share/man/man1/proclab-run.1.gz"),
        QStringLiteral("share/doc/proclab/copyright"),
    };
    for (const QString &f : files)
        QVERIFY2(QFileInfo(staged(f)).isFile() && QFileInfo(staged(f)).size() > 0,
                 qPrintable(f + " is not installed"));
    // The Python tracer travels with the package: every file of
    // resources/python, and its extension module where the build made one.
    const QString tracer = staged(QStringLiteral("libexec/proclab/python/"));
    const QDir source(QStringLiteral(PROCLAB_SOURCE_DIR "/resources/python"));
    QDirIterator it(source.path(), {QStringLiteral("*.py")}, QDir::Files,
                    QDirIterator::Subdirectories);
    int pyFiles = 0;
    while (it.hasNext()) {
        const QString rel = source.relativeFilePath(it.next());
        QVERIFY2(QFileInfo::exists(tracer + rel), qPrintable(rel + " of the tracer is not installed"));
        ++pyFiles;
    }
    QVERIFY(pyFiles > 5);
    if (QFileInfo::exists(QStringLiteral(PROCLAB_BINARY_DIR "/python/proclab_trace/_native.abi3.so")))
        QVERIFY(QFileInfo::exists(tracer + QStringLiteral("proclab_trace/_native.abi3.so")));
    // Nothing of the build tree leaks in (test programs, the icon renderer).
    const QStringList bin = QDir(staged(QStringLiteral("bin"))).entryList(QDir::Files);
    QCOMPARE(bin, (QStringList{QStringLiteral("proclab"), QStringLiteral("proclab-run")}));
}

void TestInstall::iconComesInEverySize()
{
    const QStringList sizes = QStringLiteral(PROCLAB_ICON_SIZES).split(QLatin1Char(','));
    QVERIFY(sizes.size() >= 4);
    for (const QString &s : sizes) {
        const QString file =
            staged(QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(s, kAppId));
        const QImage icon(file);
        QVERIFY2(!icon.isNull(), qPrintable(file + " is missing or not a PNG"));
        QCOMPARE(icon.size(), QSize(s.toInt(), s.toInt()));
        // Drawn, not blank: the centre is opaque, a corner transparent (rounded).
        QCOMPARE(qAlpha(icon.pixel(icon.width() / 2, icon.height() / 2)), 255);
        QCOMPARE(qAlpha(icon.pixel(0, 0)), 0);
    }
}

QString TestInstall::exportedTrace()
{
    if (!m_trace.isEmpty())
        return m_trace;
    const QString png = m_dir.filePath(QStringLiteral("join.png"));
    const QString trace = m_dir.filePath(QStringLiteral("join.json"));
    const Run r = run(staged(QStringLiteral("bin/proclab-run")),
                      {QStringLiteral("join"), QStringLiteral("--set"), QStringLiteral("n=2"),
                       QStringLiteral("--set"), QStringLiteral("work_ms=50"),
                       QStringLiteral("--png"), png, QStringLiteral("--trace"), trace},
                      userEnvironment(), m_dir.path());
    if (!r.ok()) {
        qWarning("%s", qPrintable(r.describe()));
        return {};
    }
    m_trace = trace;
    return m_trace;
}

void TestInstall::stagedCliRunsALabWithItsInstalledRunner()
{
    const QString trace = exportedTrace();
    QVERIFY2(!trace.isEmpty(), "the staged proclab-run could not run the join lab");
    QFile f(trace);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(doc.value(QLatin1String("otherData")).toObject().value(QLatin1String("generator")),
             QJsonValue(QStringLiteral("proclab " PROCLAB_VERSION)));
    // Three real processes: MainProcess and its two children, each a lane.
    QSet<int> pids;
    for (const QJsonValue &e : doc.value(QLatin1String("traceEvents")).toArray())
        if (e.toObject().value(QLatin1String("name")) == QLatin1String("process_name"))
            pids.insert(e.toObject().value(QLatin1String("pid")).toInt());
    QCOMPARE(pids.size(), 3);
    const QImage png(m_dir.filePath(QStringLiteral("join.png")));
    QVERIFY(!png.isNull());
    // 1600 wide (the default) and, for three lanes, only as tall as they need.
    QCOMPARE(png.width(), 1600);
    QVERIFY2(png.height() >= 200 && png.height() < 900, qPrintable(QString::number(png.height())));
}

// Proof that the run above used libexec/proclab/proclab-runner (and not the
// build tree's): without it the staged CLI fails and names that place.
void TestInstall::stagedCliNamesTheMissingRunner()
{
    const QString runner = staged(QStringLiteral("libexec/proclab/proclab-runner"));
    const QString moved = runner + QStringLiteral(".away");
    QVERIFY(QFile::rename(runner, moved));
    const Run r = run(staged(QStringLiteral("bin/proclab-run")), {QStringLiteral("join")},
                      userEnvironment(), m_dir.path());
    QVERIFY(QFile::rename(moved, runner));
    QVERIFY2(r.finished && r.exitCode == 3, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QFileInfo(runner).absoluteFilePath().toUtf8()) ||
                 r.out.contains(QFileInfo(runner).absoluteFilePath().toUtf8()),
             qPrintable(r.describe()));
}

void TestInstall::helpAndVersionNeedNoDisplay_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    QTest::newRow("proclab --version") << "proclab" << "--version"
                                       << "ProcLab " PROCLAB_VERSION "\n";
    QTest::newRow("proclab --help") << "proclab" << "--help" << "--screenshot";
    QTest::newRow("proclab-run --version") << "proclab-run" << "--version"
                                           << "proclab-run " PROCLAB_VERSION "\n";
    QTest::newRow("proclab-run --help") << "proclab-run" << "--help" << "--trace";
}

void TestInstall::helpAndVersionNeedNoDisplay()
{
    QFETCH(QString, program);
    QFETCH(QString, option);
    QFETCH(QString, expected);
    const Run r = run(staged(QStringLiteral("bin/") + program), {option}, noDisplayEnvironment());
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    if (expected.endsWith(QLatin1Char('\n')))
        QCOMPARE(QString::fromUtf8(r.out), expected);
    else
        QVERIFY2(r.out.contains(expected.toUtf8()), qPrintable(r.describe()));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.describe()));

    // The control: the same environment really has no display for the GUI.
    if (program == QLatin1String("proclab") && option == QLatin1String("--version")) {
        const Run gui = run(staged(QStringLiteral("bin/proclab")), {}, noDisplayEnvironment());
        QVERIFY2(!gui.ok(), qPrintable(gui.describe()));
    }
}

void TestInstall::desktopFileIsValid()
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    QVERIFY2(!tool.isEmpty(), "desktop-file-validate is missing (package desktop-file-utils, "
                              "installed by bash .ci/deps)");
    const QString file = staged(QStringLiteral("share/applications/%1.desktop").arg(kAppId));
    const Run r = run(tool, {file}, userEnvironment());
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    // Errors make it fail; warnings do not, so none are accepted either.
    QVERIFY2(r.out.isEmpty() && r.err.isEmpty(), qPrintable(r.describe()));
}

void TestInstall::desktopFileOffersProcLabForTracesAndPython()
{
    // Key=value lines of [Desktop Entry] (QSettings would take ';' for a comment).
    QFile f(staged(QStringLiteral("share/applications/%1.desktop").arg(kAppId)));
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    QHash<QString, QString> entry;
    bool inEntry = false;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.startsWith(QLatin1Char('[')))
            inEntry = line == QLatin1String("[Desktop Entry]");
        else if (inEntry && line.contains(QLatin1Char('=')) && !line.startsWith(QLatin1Char('#')))
            entry.insert(line.section(QLatin1Char('='), 0, 0), line.section(QLatin1Char('='), 1));
    }
    const QStringList mime = entry.value(QStringLiteral("MimeType")).split(QLatin1Char(';'));
    for (const char *type : {"application/x-proclab-trace", "application/json", "text/x-python"})
        QVERIFY2(mime.contains(QLatin1String(type)),
                 qPrintable(QStringLiteral("MimeType=%1 lacks %2")
                                .arg(mime.join(QLatin1Char(';')), QLatin1String(type))));
    QCOMPARE(entry.value(QStringLiteral("Exec")), QStringLiteral("proclab %f"));
    QCOMPARE(entry.value(QStringLiteral("Icon")), kAppId);
    // The window's desktop file name (its Wayland app id) is this file's.
    QCOMPARE(QFileInfo(f.fileName()).completeBaseName(), kAppId);
}

void TestInstall::metainfoIsValid()
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
    QVERIFY2(!tool.isEmpty(), "appstreamcli is missing (package appstream, installed by bash "
                              ".ci/deps)");
    const QString file = staged(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId));
    const Run r = run(tool, {QStringLiteral("validate"), QStringLiteral("--no-net"), file},
                      userEnvironment());
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray xml = f.readAll();
    QVERIFY2(xml.contains("<release version=\"" PROCLAB_VERSION "\""), "no release notes for "
                                                                        "this version");
    QVERIFY(xml.contains("<screenshot type=\"default\">"));
    QVERIFY(xml.contains("<launchable type=\"desktop-id\">" + kAppId.toUtf8() + ".desktop<"));
}

void TestInstall::exportedTraceHasTheProcLabMimeType()
{
    const QString trace = exportedTrace();
    QVERIFY2(!trace.isEmpty(), "the staged proclab-run could not run the join lab");
    QFile f(trace);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray content = f.readAll();
    QMimeDatabase db;
    const QMimeType proclab = db.mimeTypeForName(QStringLiteral("application/x-proclab-trace"));
    QVERIFY2(proclab.isValid(), "the installed MIME package was not read");
    QVERIFY(proclab.inherits(QStringLiteral("application/json")));
    // By content (the magic: otherData.generator near the start) ...
    QCOMPARE(db.mimeTypeForData(content).name(), proclab.name());
    // ... and by name.
    const QString named = m_dir.filePath(QStringLiteral("join.proclab.json"));
    QVERIFY(QFile::copy(trace, named));
    QCOMPARE(db.mimeTypeForFile(named).name(), proclab.name());
    // join.json: the *.json glob may win over the magic (Qt 6.4 lets it): then
    // it is application/json, which the desktop file offers ProcLab for too.
    const QString plain = db.mimeTypeForFile(trace).name();
    QVERIFY2(plain == proclab.name() || plain == QLatin1String("application/json"),
             qPrintable(plain));
    // Any other JSON is never taken for a trace.
    const QByteArray other =
        "{\n    \"displayTimeUnit\": \"ms\",\n    \"otherData\": {\"generator\": \"x\"}\n}\n";
    QCOMPARE(db.mimeTypeForData(other).name() == proclab.name(), false);
    // A lab's Python program, which the desktop file also accepts.
    const QMimeType python = db.mimeTypeForFile(staged(QStringLiteral("share/proclab/notes/join.py")));
    QVERIFY2(python.name() == QLatin1String("text/x-python") ||
                 python.inherits(QStringLiteral("text/x-python")),
             qPrintable(python.name()));
}

void TestInstall::manPagesAreTheProgramsHelp_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("option"); // one the --help text names
    QTest::newRow("proclab-run") << "proclab-run" << "trace";
    QTest::newRow("proclab") << "proclab" << "screenshot";
}

void TestInstall::manPagesAreTheProgramsHelp()
{
    QFETCH(QString, program);
    QFETCH(QString, option);
    const Run r = run(QStringLiteral("gzip"),
                      {QStringLiteral("-dc"),
                       staged(QStringLiteral("share/man/man1/%1.1.gz").arg(program))},
                      userEnvironment());
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    const QString page = QString::fromUtf8(r.out);
    QVERIFY2(page.contains(QStringLiteral(".TH ") + program.toUpper() + QStringLiteral(" \"1\"")),
             qPrintable(page.left(600)));
    QVERIFY2(page.contains(QStringLiteral("\\-\\-") + option), qPrintable(page));
    QVERIFY2(page.contains(QStringLiteral(PROCLAB_VERSION)), qPrintable(page.left(600)));
    // Written from the program run by name, not from the build tree's path.
    QVERIFY2(!page.contains(QStringLiteral(PROCLAB_BINARY_DIR)), qPrintable(page));
}

void TestInstall::pythonDirFollowsEnvironmentThenBuildTree()
{
    const QByteArray saved = qgetenv("PROCLAB_PYTHON_DIR");
    qputenv("PROCLAB_PYTHON_DIR", m_dir.path().toUtf8() + "/elsewhere/");
    QCOMPARE(installPaths::pythonDir(), m_dir.path() + QStringLiteral("/elsewhere"));
    qunsetenv("PROCLAB_PYTHON_DIR");
    // This test program is in the build tree: no share/proclab beside it.
    QCOMPARE(installPaths::dataDir(), QString());
    // build/tests/install/tst_install: the build tree's tracer, with its extension.
    const QFileInfo built(QStringLiteral(PROCLAB_BINARY_DIR "/python"));
    QCOMPARE(installPaths::pythonDir(), built.canonicalFilePath());
    if (!saved.isEmpty())
        qputenv("PROCLAB_PYTHON_DIR", saved);
}

// What the desktop file's "proclab %f" hands the window.
void TestInstall::windowOpensTracesAndPrograms()
{
    MainWindow window;
    QString error;
    // Any Python program opens to be run (a student's homework, a lab's own).
    const QString homework = m_dir.filePath(QStringLiteral("homework.py"));
    QFile f(homework);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("print('hello')\n");
    f.close();
    QVERIFY2(window.openFile(homework, &error), qPrintable(error));
    QCOMPARE(window.page()->programPath(), QFileInfo(homework).absoluteFilePath());
    // A missing one is refused, by name.
    const QString missing = m_dir.filePath(QStringLiteral("missing.py"));
    QVERIFY(!window.openFile(missing, &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
    // A trace proclab-run exported opens its lab.
    const QString trace = exportedTrace();
    QVERIFY(!trace.isEmpty());
    QVERIFY2(window.openFile(trace, &error), qPrintable(error));
    QCOMPARE(window.catalogue()->currentLab(), QStringLiteral("join"));
    QCOMPARE(window.page()->programPath(), QString());
}

QTEST_MAIN(TestInstall)

#include "tst_install.moc"
