#pragma once
// proclab-run's command line, parsed into a value; every problem named.

#include <QMap>
#include <QSize>
#include <QString>
#include <QStringList>

namespace proclab {

struct CliOptions
{
    bool list = false;
    bool help = false;
    bool json = false;
    QString lab;
    QString lang; // --lang: en or zh_CN (empty: English)
    QMap<QString, QString> assignments;
    QString tracePath;
    QString pngPath;
    QSize pngSize{1600, 900};
    double timeoutSeconds = 300;

    // Returns the problems found (empty: fine).
    static QStringList parse(const QStringList &args, CliOptions *out);
    static QString usage();
};

} // namespace proclab
