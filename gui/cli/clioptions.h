#pragma once
// proclab-run's command line, parsed into a value; every problem named, each
// with the option and the values it allows, before anything is started.
// Options live in one table (clioptions.cpp): adding one is adding a row.

#include "viewrenderer.h"

#include <QMap>
#include <QSize>
#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace proclab {

struct CliOptions
{
    bool list = false;
    bool help = false;
    bool version = false;
    bool json = false;
    QString lab;
    QString lang; // --lang: en or zh_CN (empty: English)
    QString preset; // --preset: the lab's named values, under any --set
    QMap<QString, QString> assignments;
    QString tracePath; // Chrome/Perfetto JSON
    QString csvPath;   // one row per event
    QString pngPath;
    QString svgPath;
    ExportView view = ExportView::Timeline; // what --png / --svg show
    int scale = 1;                          // --png pixels per logical pixel (2: print)
    QSize pngSize{1600, 900};               // logical size of --png / --svg
    bool sizeGiven = false; // --size was on the command line (else a timeline is cut to its lanes)
    double timeoutSeconds = 300;
    bool eventTracing = true; // --no-trace: only process lives, output and summary recorded
    int repeat = 0;          // --repeat N: N runs and their distribution (0: one run)
    bool histogram = false;  // --view histogram (needs --repeat)
    bool viewGiven = false;  // --view was on the command line
    bool compare = false; // --compare: the --repeat runs also under CPython
    // The CPython engine: --python FILE runs a program; --engine python runs
    // LAB's own Python program with LAB's parameters.
    QString pythonFile;
    bool pythonEngine = false;
    QString interpreter;     // --python-interpreter
    QStringList programArgs; // after "--"

    bool wantsImage() const { return !pngPath.isEmpty() || !svgPath.isEmpty(); }

    // Returns the problems found (empty: fine).
    static QStringList parse(const QStringList &args, CliOptions *out);
    static QString usage();
    // --list: one lab per line, (id, title), the titles in one column.
    static QString labList(const std::vector<std::pair<QString, QString>> &labs);
    // Whether the arguments ask for --help/-h or --version (answered before the
    // QApplication exists: no platform plugin, no display).
    static bool asksForHelpOrVersion(const QStringList &args);
};

} // namespace proclab
