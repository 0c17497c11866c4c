#include "clioptions.h"

#include "seriesrunner.h"
#include "labs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <cmath>
#include <functional>

namespace proclab {

namespace {

// One option: its name, what its value is called (empty: a flag) and what it does.
struct Option
{
    const char *name;
    const char *valueName;
    std::function<void(CliOptions *, const QString &value, QStringList *problems)> apply;
};

// Where an output file goes must be a writable directory; found before the lab starts.
void checkOutput(const QString &option, const QString &path, QStringList *problems)
{
    if (path.isEmpty()) {
        problems->append(
            QCoreApplication::translate("CliOptions", "%1 needs a file name").arg(option));
        return;
    }
    const QFileInfo file(path);
    const QFileInfo dir(file.absolutePath());
    if (file.isDir())
        problems->append(
            QCoreApplication::translate("CliOptions", "%1: %2 is a directory, not a file")
                .arg(option, path));
    else if (!dir.exists())
        problems->append(QCoreApplication::translate(
                             "CliOptions", "%1: cannot write %2: directory %3 does not exist")
                             .arg(option, path, dir.filePath()));
    else if (!dir.isDir())
        problems->append(
            QCoreApplication::translate("CliOptions", "%1: cannot write %2: %3 is not a directory")
                .arg(option, path, dir.filePath()));
    else if (!dir.isWritable() || (file.exists() && !file.isWritable()))
        problems->append(
            QCoreApplication::translate("CliOptions", "%1: cannot write %2: permission denied")
                .arg(option, path));
}

const std::vector<Option> &options()
{
    static const std::vector<Option> table{
        {"--list", nullptr, [](CliOptions *o, const QString &, QStringList *) { o->list = true; }},
        {"--help", nullptr, [](CliOptions *o, const QString &, QStringList *) { o->help = true; }},
        {"-h", nullptr, [](CliOptions *o, const QString &, QStringList *) { o->help = true; }},
        {"--version", nullptr,
         [](CliOptions *o, const QString &, QStringList *) { o->version = true; }},
        {"--json", nullptr, [](CliOptions *o, const QString &, QStringList *) { o->json = true; }},
        {"--no-trace", nullptr,
         [](CliOptions *o, const QString &, QStringList *) { o->eventTracing = false; }},
        {"--set", "key=value",
         [](CliOptions *o, const QString &kv, QStringList *problems) {
             const int eq = kv.indexOf(QLatin1Char('='));
             const QString key = kv.left(eq).trimmed();
             if (eq <= 0 || key.isEmpty())
                 problems->append(
                     QCoreApplication::translate("CliOptions", "--set needs key=value, got '%1'")
                         .arg(kv));
             else if (o->assignments.contains(key))
                 // Keeping the last silently would run something the user did not ask for.
                 problems->append(QCoreApplication::translate(
                                      "CliOptions", "--set %1 given twice ('%2' and '%3')")
                                      .arg(key, o->assignments.value(key), kv.mid(eq + 1)));
             else
                 o->assignments.insert(key, kv.mid(eq + 1));
         }},
        {"--preset", "name",
         [](CliOptions *o, const QString &v, QStringList *) { o->preset = v; }},
        {"--trace", "out.json",
         [](CliOptions *o, const QString &v, QStringList *p) {
             o->tracePath = v;
             checkOutput(QStringLiteral("--trace"), v, p);
         }},
        {"--csv", "out.csv",
         [](CliOptions *o, const QString &v, QStringList *p) {
             o->csvPath = v;
             checkOutput(QStringLiteral("--csv"), v, p);
         }},
        {"--png", "out.png",
         [](CliOptions *o, const QString &v, QStringList *p) {
             o->pngPath = v;
             checkOutput(QStringLiteral("--png"), v, p);
         }},
        {"--svg", "out.svg",
         [](CliOptions *o, const QString &v, QStringList *p) {
             o->svgPath = v;
             checkOutput(QStringLiteral("--svg"), v, p);
         }},
        {"--view", "timeline|chart|race|page|histogram",
         [](CliOptions *o, const QString &v, QStringList *problems) {
             o->viewGiven = true;
             o->histogram = v == QLatin1String("histogram");
             if (!o->histogram && !ViewRenderer::fromName(v, &o->view))
                 problems->append(
                     QCoreApplication::translate("CliOptions", "--view must be one of %1, got '%2'")
                         .arg((ViewRenderer::names() << QStringLiteral("histogram"))
                                  .join(QStringLiteral(", ")),
                              v));
         }},
        {"--compare", nullptr,
         [](CliOptions *o, const QString &, QStringList *) { o->compare = true; }},
        {"--repeat", "N",
         [](CliOptions *o, const QString &v, QStringList *problems) {
             bool ok = false;
             const int n = v.toInt(&ok);
             if (!ok || n < SeriesRunner::kMinRuns || n > SeriesRunner::kMaxRuns)
                 problems->append(QCoreApplication::translate(
                                      "CliOptions", "--repeat must be a whole number %1–%2, got '%3'")
                                      .arg(SeriesRunner::kMinRuns)
                                      .arg(SeriesRunner::kMaxRuns)
                                      .arg(v));
             else
                 o->repeat = n;
         }},
        {"--scale", "1|2",
         [](CliOptions *o, const QString &v, QStringList *problems) {
             if (v == QLatin1String("1") || v == QLatin1String("2"))
                 o->scale = v.toInt();
             else
                 problems->append(
                     QCoreApplication::translate("CliOptions", "--scale must be 1 or 2, got %1")
                         .arg(v));
         }},
        {"--size", "WxH",
         [](CliOptions *o, const QString &s, QStringList *problems) {
             const auto m = QRegularExpression(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$")).match(s);
             const int w = m.hasMatch() ? m.captured(1).toInt() : 0;
             const int h = m.hasMatch() ? m.captured(2).toInt() : 0;
             if (w < 320 || h < 200 || w > 8192 || h > 8192)
                 problems->append(QCoreApplication::translate(
                                      "CliOptions",
                                      "--size must be WxH with W 320–8192 and H 200–8192, got '%1'")
                                      .arg(s));
             else {
                 o->pngSize = QSize(w, h);
                 o->sizeGiven = true;
             }
         }},
        {"--python", "program.py",
         [](CliOptions *o, const QString &v, QStringList *) { o->pythonFile = v; }},
        {"--engine", "lab|python",
         [](CliOptions *o, const QString &v, QStringList *problems) {
             if (v == QLatin1String("python"))
                 o->pythonEngine = true;
             else if (v == QLatin1String("lab"))
                 o->pythonEngine = false;
             else
                 problems->append(
                     QCoreApplication::translate("CliOptions", "--engine must be lab or python, got '%1'")
                         .arg(v));
         }},
        {"--python-interpreter", "path",
         [](CliOptions *o, const QString &v, QStringList *) { o->interpreter = v; }},
        {"--lang", "en|zh_CN", // checked by Language::fromArguments
         [](CliOptions *o, const QString &v, QStringList *) { o->lang = v; }},
        {"--timeout", "seconds",
         [](CliOptions *o, const QString &s, QStringList *problems) {
             bool ok = false;
             const double t = s.toDouble(&ok);
             if (!ok || !std::isfinite(t) || t < 0.1 || t > 86400)
                 problems->append(QCoreApplication::translate(
                                      "CliOptions", "--timeout must be 0.1–86400 seconds, got '%1'")
                                      .arg(s));
             else
                 o->timeoutSeconds = t;
         }},
    };
    return table;
}

// --repeat makes N runs: options about one run's trace or views make no sense with it.
void checkRepeat(CliOptions &o, QStringList *problems)
{
    if (o.repeat == 0) {
        const auto needsRepeat = [problems](const char *option) {
            problems->append(
                QCoreApplication::translate("CliOptions", "%1 needs --repeat N (N %2–%3)")
                    .arg(QLatin1String(option))
                    .arg(SeriesRunner::kMinRuns)
                    .arg(SeriesRunner::kMaxRuns));
        };
        if (o.histogram)
            needsRepeat("--view histogram");
        if (o.compare)
            needsRepeat("--compare");
        return;
    }
    if (!o.pythonFile.isEmpty())
        problems->append(QCoreApplication::translate(
            "CliOptions", "--repeat runs a lab N times; give a lab, not --python FILE"));
    if (o.compare && o.pythonEngine)
        problems->append(QCoreApplication::translate(
            "CliOptions", "--compare adds CPython runs to the lab's; --engine python makes "
                          "only CPython runs: use one"));
    if (!o.tracePath.isEmpty())
        problems->append(QCoreApplication::translate(
            "CliOptions", "--trace writes one run's trace and cannot be combined with --repeat "
                          "(--csv writes one row per run)"));
    if (o.viewGiven && !o.histogram)
        problems->append(QCoreApplication::translate(
                             "CliOptions", "--view %1 shows one run and cannot be combined with "
                                           "--repeat (use --view histogram)")
                             .arg(ViewRenderer::name(o.view)));
    o.histogram = true; // what --png / --svg draw with --repeat
}

} // namespace

QString CliOptions::usage()
{
    return QCoreApplication::translate(
        "CliOptions",
        "Usage: proclab-run --list | --help | --version\n"
        "       proclab-run LAB [--preset NAME] [--set key=value]... [--engine lab|python]\n"
        "                   [--trace out.json] [--csv out.csv] [--png out.png] [--svg out.svg]\n"
        "                   [--view timeline|chart|race|page] [--scale 1|2] [--size WxH]\n"
        "                   [--json] [--timeout SECONDS] [--lang en|zh_CN] [--no-trace]\n"
        "       proclab-run --python PROGRAM.py [options above] [--python-interpreter PATH]\n"
        "                   [-- ARG...]\n"
        "       proclab-run LAB --repeat N [--set key=value]... [--engine lab|python]\n"
        "                   [--compare] [--csv runs.csv] [--json] [--png out.png]\n"
        "                   [--svg out.svg] [--view histogram] [--size WxH]\n"
        "Runs a ProcLab lab with real processes, prints its summary and writes, if asked:\n"
        "  --preset a lab's named set of values, e.g. producer-consumer --preset hot-dog\n"
        "           (a wrong name lists the lab's presets); --set overrides a value\n"
        "  --trace  the trace as Chrome/Perfetto JSON (File > Open trace reopens it)\n"
        "  --csv    the trace as CSV, one row per event (time in ms)\n"
        "  --png    an image of --view (default timeline); --scale 2 doubles the pixels\n"
        "  --svg    the same as a vector image (text stays text)\n"
        "  --size   the image's size in logical pixels (default 1600x900; a timeline\n"
        "           of a few processes is only as tall as its lanes need)\n"
        "  --no-trace  record only each process's life, output and the summary\n"
        "           (no per-event trace: the baseline for measuring tracing's cost)\n"
        "  --repeat runs the lab N times (2-1000) with the same parameters and prints\n"
        "           min/median/max of its key outcome and run time; --csv then writes one\n"
        "           row per run, --png/--svg the histogram, --json the distribution;\n"
        "           --compare also runs the lab's Python program N times under\n"
        "           CPython and charts both side by side\n"
        "--engine python runs the lab's own Python program (its Notes) under CPython with\n"
        "the lab's parameters; --python runs any Python program (yours), traced the same\n"
        "way: every process, lock, queue, pipe and shared value on the timeline.\n"
        "Exit status: 0 success, 2 bad input, 3 the lab or program failed (non-zero exit,\n"
        "uncaught exception), was stopped or timed out, or a file could not be written\n"
        "(with --repeat: 3 unless every run finished).\n");
}

QString CliOptions::labList(const std::vector<std::pair<QString, QString>> &labs)
{
    qsizetype width = 0;
    for (const auto &[id, title] : labs)
        width = std::max(width, id.size());
    QString out;
    for (const auto &[id, title] : labs)
        out += id.leftJustified(width + 2) + title + QLatin1Char('\n');
    return out;
}

bool CliOptions::asksForHelpOrVersion(const QStringList &args)
{
    for (const QString &a : args)
        if (a == QLatin1String("--help") || a == QLatin1String("-h") ||
            a == QLatin1String("--version"))
            return true;
    return false;
}

QStringList CliOptions::parse(const QStringList &args, CliOptions *out)
{
    QStringList problems;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        const auto &table = options();
        const auto opt = std::find_if(table.begin(), table.end(),
                                      [&](const Option &o) { return a == QLatin1String(o.name); });
        if (a == QLatin1String("--")) { // the rest is the Python program's
            out->programArgs = args.mid(i + 1);
            break;
        } else if (a.startsWith(QLatin1String("--lang="))) {
            out->lang = a.mid(7);
        } else if (opt != table.end()) {
            QString value;
            if (opt->valueName) {
                if (i + 1 >= args.size()) {
                    problems << QCoreApplication::translate("CliOptions", "%1 needs %2")
                                    .arg(a, QString::fromUtf8(opt->valueName));
                    continue;
                }
                value = args[++i];
            }
            opt->apply(out, value, &problems);
        } else if (a.startsWith(QLatin1String("-"))) {
            problems << QCoreApplication::translate("CliOptions", "unknown option '%1'").arg(a);
        } else if (out->lab.isEmpty()) {
            out->lab = a;
        } else {
            problems << QCoreApplication::translate("CliOptions",
                                                    "only one lab per run, got '%1' and '%2'")
                            .arg(out->lab, a);
        }
    }
    // Two outputs into one file would overwrite each other.
    const QList<QPair<const char *, QString>> outputs{{"--trace", out->tracePath},
                                                      {"--csv", out->csvPath},
                                                      {"--png", out->pngPath},
                                                      {"--svg", out->svgPath}};
    for (int i = 0; i < outputs.size(); ++i)
        for (int j = i + 1; j < outputs.size(); ++j)
            if (!outputs[i].second.isEmpty() && QFileInfo(outputs[i].second).absoluteFilePath() ==
                                                    QFileInfo(outputs[j].second).absoluteFilePath())
                problems << QCoreApplication::translate("CliOptions",
                                                        "%1 and %2 name the same file %3")
                                .arg(QString::fromLatin1(outputs[i].first),
                                     QString::fromLatin1(outputs[j].first), outputs[i].second);
    // A preset fills in what --set did not say.
    if (!out->preset.isEmpty() && !out->lab.isEmpty()) {
        const LabInfo *lab = labs::find(out->lab.toStdString());
        const LabPreset *preset = lab ? lab->preset(out->preset.toStdString()) : nullptr;
        if (lab && !preset) {
            QStringList names;
            for (const LabPreset &p : lab->presets)
                names << QString::fromStdString(p.id);
            problems << (names.isEmpty()
                             ? QCoreApplication::translate("CliOptions",
                                                           "--preset: lab %1 has no presets, got '%2'")
                                   .arg(out->lab, out->preset)
                             : QCoreApplication::translate(
                                   "CliOptions", "--preset must be one of %1 for lab %2, got '%3'")
                                   .arg(names.join(QStringLiteral(", ")), out->lab, out->preset));
        }
        for (const auto &[name, value] : preset ? preset->values : decltype(preset->values){})
            if (!out->assignments.contains(QString::fromStdString(name)))
                out->assignments.insert(QString::fromStdString(name),
                                        QString::fromStdString(value));
    }
    if (!out->pythonFile.isEmpty()) {
        if (!out->lab.isEmpty())
            problems << QCoreApplication::translate(
                            "CliOptions", "--python runs a program: give no lab with it (got '%1')")
                            .arg(out->lab);
        if (!out->assignments.isEmpty())
            problems << QCoreApplication::translate(
                "CliOptions", "--set is for labs; pass a program's own arguments after --");
        if (out->pythonEngine)
            problems << QCoreApplication::translate(
                "CliOptions", "--engine python runs a lab's program; --python runs yours: use one");
    } else if (!out->programArgs.isEmpty() && !out->pythonEngine) {
        problems << QCoreApplication::translate(
            "CliOptions", "arguments after -- are for a Python program (--python FILE)");
    } else if (!out->programArgs.isEmpty()) {
        problems << QCoreApplication::translate(
            "CliOptions", "--engine python passes the lab's parameters (--set); no arguments after --");
    }
    if (!out->interpreter.isEmpty() && out->pythonFile.isEmpty() && !out->pythonEngine)
        problems << QCoreApplication::translate(
            "CliOptions", "--python-interpreter needs --python FILE or --engine python");
    checkRepeat(*out, &problems);
    if (!out->list && !out->help && out->lab.isEmpty() && out->pythonFile.isEmpty() &&
        problems.isEmpty())
        problems << QCoreApplication::translate(
            "CliOptions", "no lab given (proclab-run --list shows them; --python FILE runs a program)");
    return problems;
}

} // namespace proclab
