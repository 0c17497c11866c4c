// proclab [TRACE.json] [--lab ID] [--set key=value]... [--run [--repeat N [--compare]]]
//         [--screenshot FILE] [--presentation] [--lang en|zh_CN]
// --run presses Run at start (with --repeat N: Run ×N, N 2–1000); --screenshot
// saves the window once that run's (or series') last frame is drawn, then
// quits (handouts, docs, tests): 0 saved, 2 the file cannot be written there
// (nothing runs), 3 the run did not start or the save failed
// (windowscreenshot.h); --presentation turns projector
// mode on for this session (without changing the remembered choice); --lang
// picks the language for this session. --help and --version print and exit
// without a display. SIGTERM, SIGINT or SIGHUP close the window as a user
// would (a run is stopped, its files removed), then exit 128 + the signal.
#include "appsetup.h"
#include "labcatalogue.h"
#include "labpage.h"
#include "language.h"
#include "mainwindow.h"
#include "parameterform.h"
#include "presentationmode.h"
#include "quitonsignal.h"
#include "windowlayout.h"
#include "repeatcontrol.h"
#include "runnerending.h"
#include "seriesrunner.h"
#include "windowscreenshot.h"

#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QTimer>
#include <cstdio>
#include <cstring>
#include <functional>

namespace {

// The command line, described once for the display-less --help and the app.
struct Options
{
    QCommandLineParser parser;
    QCommandLineOption lab{QStringLiteral("lab"),
                           QCoreApplication::translate("main", "Lab to show"),
                           QStringLiteral("id")};
    QCommandLineOption set{QStringLiteral("set"),
                           QCoreApplication::translate("main", "Parameter value"),
                           QStringLiteral("key=value")};
    QCommandLineOption run{QStringLiteral("run"),
                           QCoreApplication::translate("main", "Run the lab at start")};
    QCommandLineOption shot{
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save the window after the run, then quit"),
        QStringLiteral("file.png")};
    QCommandLineOption presentation{
        QStringLiteral("presentation"),
        QCoreApplication::translate("main", "Projector mode: larger text, markers and lines (this "
                                            "session only)")};
    QCommandLineOption repeat{
        QStringLiteral("repeat"),
        QCoreApplication::translate("main", "With --run: run the lab N times (Run ×N, N 2–1000)"),
        QStringLiteral("N")};
    QCommandLineOption compare{
        QStringLiteral("compare"),
        QCoreApplication::translate("main", "With --repeat: also the same runs of the lab's Python "
                                            "program under CPython, side by side (Compare with "
                                            "Python)")};
    QCommandLineOption engine{
        QStringLiteral("engine"),
        QCoreApplication::translate("main", "Run labs as lab (C++) or python (their own Python "
                                            "program under CPython), this session only"),
        QStringLiteral("lab|python")};
    QCommandLineOption lang{QStringLiteral("lang"),
                            QCoreApplication::translate("main", "Interface language: en or zh_CN"),
                            QStringLiteral("lang")};

    Options()
    {
        parser.setApplicationDescription(
            QCoreApplication::translate("main", "A visual lab for multiprocessing"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("trace"),
                                     QCoreApplication::translate(
                                         "main", "A trace to open, or a Python program to run"),
                                     QStringLiteral("[trace.json|program.py]"));
        parser.addOptions({lab, set, run, repeat, compare, shot, presentation, engine, lang});
    }
};

void setNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("ProcLab"));
    QCoreApplication::setOrganizationName(QStringLiteral("ProcLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROCLAB_VERSION));
}

// Applies --lang (else the remembered language); false after a bad --lang.
bool applyLanguage(const QStringList &arguments)
{
    QString langError;
    const QString lang = proclab::Language::fromArguments(arguments, &langError);
    if (!langError.isEmpty()) {
        std::fprintf(stderr, "proclab: %s\n", qPrintable(langError));
        return false;
    }
    proclab::Language::apply(lang.isEmpty() ? proclab::Language::saved() : lang);
    return true;
}

bool asksForHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char *flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
    return false;
}

// The window, from its start to the event loop's end (its runs handed on).
int runWindow(QApplication &app, Options &options, int repeatRuns);

// How long the runs the window handed on may take to end once its event loop
// has returned: the runner's stop grace (1 s, then they are killed) and a margin.
constexpr int kEndRunsBoundMs = 2000;

} // namespace

int main(int argc, char **argv)
{
    proclab::ensureRuntimeDir();
    if (asksForHelpOrVersion(argc, argv)) {
        // A QApplication needs a display; printing help or the version must not.
        QCoreApplication app(argc, argv);
        setNames();
        if (!applyLanguage(app.arguments()))
            return 2;
        Options options;
        options.parser.process(app); // prints, then exits with 0
        return 0;
    }
    QApplication app(argc, argv);
    setNames();
    // SIGTERM, SIGINT, SIGHUP: the windows close as if the user closed them
    // (a run in progress is stopped), then the event loop ends with 128 + the
    // signal's number (quitonsignal.h).
    proclab::quitOnSignals(&app, [](int) {
        QGuiApplication::setQuitOnLastWindowClosed(false); // exit() says how it ended
        QApplication::closeAllWindows();
    });
    // The desktop file (Wayland app id, taskbar) and its icon, when installed.
    QGuiApplication::setDesktopFileName(QStringLiteral(PROCLAB_APP_ID));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(PROCLAB_APP_ID)));

    // --lang chooses for this start only; View > Language also remembers.
    if (!applyLanguage(app.arguments()))
        return 2;

    Options options;
    QCommandLineParser &parser = options.parser;
    parser.process(app);
    const QCommandLineOption &shot = options.shot;
    const QCommandLineOption &repeat = options.repeat;
    int repeatRuns = 0;
    if (parser.isSet(repeat)) {
        bool ok = false;
        repeatRuns = parser.value(repeat).toInt(&ok);
        if (!ok || repeatRuns < proclab::SeriesRunner::kMinRuns ||
            repeatRuns > proclab::SeriesRunner::kMaxRuns) {
            std::fprintf(stderr, "proclab: %s\n",
                         qPrintable(QCoreApplication::translate(
                                        "main", "--repeat must be a whole number %1–%2, got '%3'")
                                        .arg(proclab::SeriesRunner::kMinRuns)
                                        .arg(proclab::SeriesRunner::kMaxRuns)
                                        .arg(parser.value(repeat))));
            return 2;
        }
    }

    if (parser.isSet(shot)) {
        if (const QString why = proclab::WindowScreenshot::check(parser.value(shot));
            !why.isEmpty()) {
            std::fprintf(stderr, "proclab: %s\n", qPrintable(why));
            return proclab::WindowScreenshot::BadInput;
        }
    }
    const int code = runWindow(app, options, repeatRuns);
    // The window's sessions have handed their runs on (LabSession's
    // destructor): let each runner end its lab and remove the run's
    // directories before the application object goes (all within the stop
    // grace, docs/RELIABILITY.md; past it they are killed).
    proclab::RunnerEnding::waitForRunners(kEndRunsBoundMs);
    return code;
}

namespace {

int runWindow(QApplication &app, Options &options, int repeatRuns)
{
    QCommandLineParser &parser = options.parser;
    const QCommandLineOption &lab = options.lab;
    const QCommandLineOption &set = options.set;
    const QCommandLineOption &run = options.run;
    const QCommandLineOption &shot = options.shot;
    const QCommandLineOption &presentation = options.presentation;
    proclab::MainWindow window;
    // The screen's size the first time, else the last session's geometry.
    window.windowLayout()->restoreWindow();
    if (parser.isSet(presentation))
        window.presentation()->setOn(true, false);
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        // A trace, or a lab's Python program, opened from a file manager.
        const QString file = parser.positionalArguments().first();
        QString error;
        if (!window.openFile(file, &error)) {
            qWarning("%s", qPrintable(error));
            if (!parser.isSet(shot))
                QTimer::singleShot(0, &window, [&window, error] {
                    QMessageBox::warning(&window, proclab::MainWindow::tr("Cannot open file"),
                                         error);
                });
        }
    }
    proclab::LabPage *page = window.page();
    if (parser.isSet(options.engine)) {
        const QString engine = parser.value(options.engine);
        if (engine != QLatin1String("lab") && engine != QLatin1String("python")) {
            std::fprintf(stderr, "proclab: --engine must be lab or python, got '%s'\n",
                         qPrintable(engine));
            return 2;
        }
        page->setRunAsPython(engine == QLatin1String("python"), false);
    }
    if (parser.isSet(lab))
        window.catalogue()->select(parser.value(lab));
    for (const QString &kv : parser.values(set)) {
        const int eq = kv.indexOf(QLatin1Char('='));
        if (eq > 0)
            page->form()->setValue(kv.left(eq), kv.mid(eq + 1));
    }
    // Run, or Run ×N (its end is the series' end: runningChanged(false)).
    const std::function<bool()> start = [page, repeatRuns,
                                         compare = parser.isSet(options.compare)] {
        if (repeatRuns <= 0)
            return page->run();
        page->repeatControl()->setRuns(repeatRuns);
        page->repeatControl()->compareBox()->setChecked(compare);
        return page->runSeries(repeatRuns);
    };
    if (parser.isSet(shot)) {
        auto *screenshot = new proclab::WindowScreenshot(&window, parser.value(shot), &window);
        QObject::connect(screenshot, &proclab::WindowScreenshot::finished, &app,
                         [](int exitStatus, const QString &message) {
                             if (!message.isEmpty())
                                 std::fprintf(stderr, "proclab: %s\n", qPrintable(message));
                             QCoreApplication::exit(exitStatus);
                         });
        if (parser.isSet(run))
            screenshot->afterRun(page, start);
        else
            screenshot->afterNextFrame();
    } else if (parser.isSet(run)) {
        QTimer::singleShot(0, page, [start] { start(); });
    }
    return app.exec();
}

} // namespace
