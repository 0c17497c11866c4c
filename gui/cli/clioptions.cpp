#include "clioptions.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <cmath>

namespace proclab {

QString CliOptions::usage()
{
    return QCoreApplication::translate(
        "CliOptions",
        "usage: proclab-run --list\n"
        "       proclab-run LAB [--set key=value]... [--trace out.json] [--png out.png]\n"
        "                   [--size WxH] [--json] [--timeout SECONDS] [--lang en|zh_CN]\n"
        "Runs a ProcLab lab with real processes, prints its summary and writes the\n"
        "trace (Chrome/Perfetto JSON) and the timeline (PNG) if asked.\n"
        "Exit status: 0 success, 2 bad input, 3 the lab failed, stopped or timed out.\n");
}

QStringList CliOptions::parse(const QStringList &args, CliOptions *out)
{
    QStringList problems;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        auto value = [&](const QString &what) -> QString {
            if (i + 1 >= args.size()) {
                problems << QCoreApplication::translate("CliOptions", "%1 needs %2").arg(a, what);
                return {};
            }
            return args[++i];
        };
        if (a == QLatin1String("--list")) {
            out->list = true;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            out->help = true;
        } else if (a == QLatin1String("--lang")) {
            out->lang = value(QStringLiteral("en|zh_CN")); // checked by Language::fromArguments
        } else if (a.startsWith(QLatin1String("--lang="))) {
            out->lang = a.mid(7);
        } else if (a == QLatin1String("--json")) {
            out->json = true;
        } else if (a == QLatin1String("--set")) {
            const QString kv = value(QStringLiteral("key=value"));
            const int eq = kv.indexOf(QLatin1Char('='));
            if (eq <= 0 && !kv.isEmpty())
                problems << QCoreApplication::translate("CliOptions",
                                                        "--set needs key=value, got '%1'")
                                .arg(kv);
            else if (eq > 0)
                out->assignments.insert(kv.left(eq), kv.mid(eq + 1));
        } else if (a == QLatin1String("--trace")) {
            out->tracePath = value(QCoreApplication::translate("CliOptions", "a file name"));
        } else if (a == QLatin1String("--png")) {
            out->pngPath = value(QCoreApplication::translate("CliOptions", "a file name"));
        } else if (a == QLatin1String("--size")) {
            const QString s = value(QStringLiteral("WxH"));
            const auto m = QRegularExpression(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$")).match(s);
            const int w = m.hasMatch() ? m.captured(1).toInt() : 0;
            const int h = m.hasMatch() ? m.captured(2).toInt() : 0;
            if (w < 320 || h < 200 || w > 8192 || h > 8192)
                problems << QCoreApplication::translate(
                                "CliOptions", "--size must be WxH with W 320–8192 and H 200–8192, "
                                              "got '%1'")
                                .arg(s);
            else
                out->pngSize = QSize(w, h);
        } else if (a == QLatin1String("--timeout")) {
            const QString s = value(QCoreApplication::translate("CliOptions", "seconds"));
            bool ok = false;
            const double t = s.toDouble(&ok);
            if (!ok || !std::isfinite(t) || t <= 0 || t > 86400)
                problems << QCoreApplication::translate(
                                "CliOptions", "--timeout must be 0.1–86400 seconds, got '%1'")
                                .arg(s);
            else
                out->timeoutSeconds = std::max(0.1, t);
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
    if (!out->list && !out->help && out->lab.isEmpty() && problems.isEmpty())
        problems << QCoreApplication::translate("CliOptions",
                                                "no lab given (proclab-run --list shows them)");
    return problems;
}

} // namespace proclab
