// proclab [TRACE.json] [--lab ID] [--set key=value]... [--run [--repeat N]]
//         [--screenshot FILE] [--presentation] [--lang en|zh_CN]
// --run presses Run at start (with --repeat N: Run ×N, N 2–1000); --screenshot saves the window once that run has
// finished, then quits (handouts, docs, tests); --presentation turns projector
// mode on for this session (without changing the remembered choice); --lang
// picks the language for this session.
#include "appsetup.h"
#include "labcatalogue.h"
#include "labpage.h"
#include "language.h"
#include "mainwindow.h"
#include "parameterform.h"
#include "presentationmode.h"
#include "repeatcontrol.h"
#include "seriesrunner.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

int main(int argc, char **argv)
{
    proclab::ensureRuntimeDir();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ProcLab"));
    QApplication::setOrganizationName(QStringLiteral("ProcLab"));
    QApplication::setApplicationVersion(QStringLiteral(PROCLAB_VERSION));

    // --lang chooses for this start only; View > Language also remembers.
    QString langError;
    const QString lang = proclab::Language::fromArguments(app.arguments(), &langError);
    if (!langError.isEmpty()) {
        std::fprintf(stderr, "proclab: %s\n", qPrintable(langError));
        return 2;
    }
    proclab::Language::apply(lang.isEmpty() ? proclab::Language::saved() : lang);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "A visual lab for multiprocessing"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("trace"),
                                 QCoreApplication::translate("main", "A trace to open"),
                                 QStringLiteral("[trace.json]"));
    const QCommandLineOption lab(QStringLiteral("lab"),
                                 QCoreApplication::translate("main", "Lab to show"),
                                 QStringLiteral("id"));
    const QCommandLineOption set(QStringLiteral("set"),
                                 QCoreApplication::translate("main", "Parameter value"),
                                 QStringLiteral("key=value"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QCoreApplication::translate("main", "Run the lab at start"));
    const QCommandLineOption shot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save the window after the run, then quit"),
        QStringLiteral("file.png"));
    const QCommandLineOption presentation(
        QStringLiteral("presentation"),
        QCoreApplication::translate("main", "Projector mode: larger text, markers and lines (this "
                                            "session only)"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "Interface language: en or zh_CN"),
        QStringLiteral("lang"));
    const QCommandLineOption repeat(
        QStringLiteral("repeat"),
        QCoreApplication::translate("main", "With --run: run the lab N times (Run ×N, N 2–1000)"),
        QStringLiteral("N"));
    parser.addOptions({lab, set, run, repeat, shot, presentation, langOption});
    parser.process(app);
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

    proclab::MainWindow window;
    if (parser.isSet(presentation))
        window.presentation()->setOn(true, false);
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        QString error;
        if (!window.openTrace(parser.positionalArguments().first(), &error))
            qWarning("%s", qPrintable(error));
    }
    proclab::LabPage *page = window.page();
    if (parser.isSet(lab))
        window.catalogue()->select(parser.value(lab));
    for (const QString &kv : parser.values(set)) {
        const int eq = kv.indexOf(QLatin1Char('='));
        if (eq > 0)
            page->form()->setValue(kv.left(eq), kv.mid(eq + 1));
    }
    if (parser.isSet(shot)) {
        const QString file = parser.value(shot);
        auto save = [&window, file] {
            window.grab().save(file);
            QApplication::quit();
        };
        if (parser.isSet(run))
            QObject::connect(page, &proclab::LabPage::runningChanged, &window,
                             [save](bool running) {
                                 if (!running)
                                     QTimer::singleShot(100, save);
                             });
        else
            QTimer::singleShot(300, save);
    }
    if (parser.isSet(run) && repeatRuns > 0)
        QTimer::singleShot(0, page, [page, repeatRuns] {
            page->repeatControl()->setRuns(repeatRuns);
            page->runSeries(repeatRuns);
        });
    else if (parser.isSet(run))
        QTimer::singleShot(0, page, &proclab::LabPage::run);
    return app.exec();
}
