#pragma once
// proclab-run's command line, parsed into a value; every problem named, each
// with the option and the values it allows, before anything is started.
// Options live in one table (clioptions.cpp): adding one is adding a row.

#include "viewrenderer.h"

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
    QString tracePath; // Chrome/Perfetto JSON
    QString csvPath;   // one row per event
    QString pngPath;
    QString svgPath;
    ExportView view = ExportView::Timeline; // what --png / --svg show
    int scale = 1;                          // --png pixels per logical pixel (2: print)
    QSize pngSize{1600, 900};               // logical size of --png / --svg
    double timeoutSeconds = 300;
    bool eventTracing = true; // --no-trace: only process lives, output and summary recorded

    bool wantsImage() const { return !pngPath.isEmpty() || !svgPath.isEmpty(); }

    // Returns the problems found (empty: fine).
    static QStringList parse(const QStringList &args, CliOptions *out);
    static QString usage();
};

} // namespace proclab
