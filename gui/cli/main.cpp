// proclab-run: run a lab headless (see CliOptions::usage()).
#include "appsetup.h"
#include "clioptions.h"
#include "clirun.h"
#include "cliseries.h"
#include "enginetext.h"
#include "labs.h"
#include "language.h"
#include "quitonsignal.h"
#include "runnerending.h"

#include <QApplication>
#include <cstdio>
#include <functional>

namespace {
QtMessageHandler g_previous = nullptr;
// While a run or a series is under way: stops it on a signal (true when it
// then ends the event loop itself).
std::function<bool(int)> g_stopRun;
// How long a run ended by a signal may take to end: the runner's stop grace
// (1 s, then it is killed) and a margin.
constexpr int kEndRunsBoundMs = 2000;
// The offscreen platform says this whenever a window with a layout is shown
// (the views --png/--svg render); it says nothing about the run.
void quietOffscreen(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message == QLatin1String("This plugin does not support propagateSizeHints()"))
        return;
    g_previous(type, context, message);
}

// --help and --version: printed by a QCoreApplication, before anything needs a
// platform plugin or a display (help2man runs this at build time).
int printHelpOrVersion(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString langError;
    const QString lang = proclab::Language::fromArguments(app.arguments(), &langError);
    if (!langError.isEmpty()) {
        std::fprintf(stderr, "proclab-run: %s\n", qPrintable(langError));
        return 2;
    }
    proclab::Language::apply(lang.isEmpty() ? QStringLiteral("en") : lang);
    if (app.arguments().contains(QLatin1String("--version")))
        std::printf("proclab-run %s\n", PROCLAB_VERSION);
    else
        std::printf("%s", qPrintable(proclab::CliOptions::usage()));
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    {
        QStringList args;
        for (int i = 1; i < argc; ++i)
            args << QString::fromLocal8Bit(argv[i]);
        if (proclab::CliOptions::asksForHelpOrVersion(args))
            return printHelpOrVersion(argc, argv);
    }
    // Headless by nature: render offscreen unless told otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    proclab::ensureRuntimeDir();
    g_previous = qInstallMessageHandler(quietOffscreen);
    QApplication app(argc, argv);
    // SIGTERM, SIGINT, SIGHUP: the run is ended as a Stop would end it, its
    // directories removed, and we exit with 128 + the signal's number
    // (quitonsignal.h), only once nothing of the run is left. A single run
    // first writes the files asked for from what it recorded (CliRun::
    // stopBySignal), a series those of the runs it completed (CliSeries::
    // stopBySignal); otherwise the loop ends at once.
    proclab::handleSignals(&app, [](int sig) {
        if (!(g_stopRun && g_stopRun(sig)))
            QCoreApplication::exit(128 + sig);
    });

    QString langError;
    const QString lang = proclab::Language::fromArguments(app.arguments(), &langError);
    if (!langError.isEmpty()) {
        std::fprintf(stderr, "proclab-run: %s\n", qPrintable(langError));
        std::fprintf(stderr, "%s", qPrintable(proclab::CliOptions::usage()));
        return 2;
    }
    // The command line's own choice only: a remembered GUI setting must not
    // change what scripts read.
    proclab::Language::apply(lang.isEmpty() ? QStringLiteral("en") : lang);

    proclab::CliOptions options;
    const QStringList problems = proclab::CliOptions::parse(app.arguments().mid(1), &options);
    if (!problems.isEmpty()) {
        for (const QString &p : problems)
            std::fprintf(stderr, "proclab-run: %s\n", qPrintable(p));
        std::fprintf(stderr, "%s", qPrintable(proclab::CliOptions::usage()));
        return 2;
    }
    if (options.list) {
        std::vector<std::pair<QString, QString>> labs;
        for (const proclab::LabInfo *lab : proclab::labs::all())
            labs.emplace_back(QString::fromStdString(lab->id), proclab::engineText::lab(lab->title));
        std::printf("%s", qPrintable(proclab::CliOptions::labList(labs)));
        return 0;
    }
    int code = 0;
    if (options.repeat > 0) {
        proclab::CliSeries series(options);
        if (!series.start())
            return series.exitCode();
        QObject::connect(&series, &proclab::CliSeries::done, &app, &QCoreApplication::exit);
        g_stopRun = [&series](int sig) { return series.stopBySignal(sig); };
        code = app.exec();
        g_stopRun = nullptr;
    } else {
        proclab::CliRun run(options);
        if (!run.start())
            return run.exitCode();
        QObject::connect(&run, &proclab::CliRun::done, &app, &QCoreApplication::exit);
        g_stopRun = [&run](int sig) { return run.stopBySignal(sig); };
        code = app.exec();
        g_stopRun = nullptr;
    }
    // Ended by a signal mid-run: the run's session has handed its runner on;
    // it stops the lab and removes the run's directories (within the stop
    // grace; past it they are killed).
    proclab::RunnerEnding::waitForRunners(kEndRunsBoundMs);
    return code;
}
