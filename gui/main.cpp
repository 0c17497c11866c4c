#include "mainwindow.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ProcLab"));
    QApplication::setOrganizationName(QStringLiteral("ProcLab"));
    QApplication::setApplicationVersion(QStringLiteral(PROCLAB_VERSION));
    proclab::MainWindow window;
    window.show();
    for (const QString &arg : QApplication::arguments().mid(1)) {
        if (arg.endsWith(QLatin1String(".json"))) {
            QString error;
            if (!window.openTrace(arg, &error))
                qWarning("%s", qPrintable(error));
        }
    }
    return app.exec();
}
