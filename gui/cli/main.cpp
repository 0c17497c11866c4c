// proclab-run: run a lab headless (see CliOptions::usage()).
#include "clioptions.h"
#include "clirun.h"
#include "labs.h"

#include <QApplication>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    // Headless by nature: render offscreen unless told otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt warns when there is no runtime dir (a bare console or CI): give it one.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QByteArray dir = "/tmp/runtime-" + QByteArray::number(getuid());
        mkdir(dir.constData(), 0700);
        qputenv("XDG_RUNTIME_DIR", dir);
    }
    QApplication app(argc, argv);

    proclab::CliOptions options;
    const QStringList problems = proclab::CliOptions::parse(app.arguments().mid(1), &options);
    if (!problems.isEmpty()) {
        for (const QString &p : problems)
            std::fprintf(stderr, "proclab-run: %s\n", qPrintable(p));
        std::fprintf(stderr, "%s", qPrintable(proclab::CliOptions::usage()));
        return 2;
    }
    if (options.help) {
        std::printf("%s", qPrintable(proclab::CliOptions::usage()));
        return 0;
    }
    if (options.list) {
        for (const proclab::LabInfo *lab : proclab::labs::all())
            std::printf("%-18s %s\n", lab->id.c_str(), lab->title.c_str());
        return 0;
    }
    proclab::CliRun run(options);
    if (!run.start())
        return run.exitCode();
    QObject::connect(&run, &proclab::CliRun::done, &app, &QCoreApplication::exit);
    return app.exec();
}
