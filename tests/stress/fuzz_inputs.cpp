// SPDX-License-Identifier: MIT
// fuzz_inputs: a mutation loop over real inputs, for the two places ProcLab
// reads what a user hands it. Build it with the `asan` preset (ASan + UBSan):
// a crash, an out-of-bounds access or undefined behaviour ends the process
// with the sanitizer's report.
//
//   fuzz_inputs --traces DIR --inputs N [--seed S]
//       each input: 1-8 mutations (bytes flipped, inserted, deleted, copied,
//       truncated; numbers, strings, phases and nesting changed) of one of the
//       ProcLab traces in DIR (*.json), read with ChromeTrace::read. A
//       refused input must come with a message; an accepted one must survive
//       being written and read again.
//   fuzz_inputs --params --inputs N [--seed S]
//       each input: `--set key=value` strings made from every lab's real
//       parameters (defaults, limits, choices), mutated, split at the first
//       '=' as proclab-run does, and resolved with LabSession::resolveLab
//       (the host's parser and its messages) and parseParam (the engine's).
//       A refusal must name the field (its key, or a parameter of the lab).
//
// Prints one JSON object; exits 0 when every refusal had its message.
#include "chrometrace.h"
#include "labs.h"
#include "labsession.h"
#include "tracemodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <cstdio>
#include <cstring>

using namespace proclab;

namespace {

constexpr qsizetype kMaxInputBytes = 1 << 20;

QByteArray randomBytes(QRandomGenerator &rng, int n)
{
    static const char interesting[] = "{}[]\",:\\0123456789eE.-+ ntfuaXBECMsfi\n\t\x00\xff\xc3";
    QByteArray out;
    for (int i = 0; i < n; ++i)
        out.append(rng.bounded(2) ? char(rng.bounded(256))
                                  : interesting[rng.bounded(int(sizeof interesting - 1))]);
    return out;
}

// Where a token of `what` starts, at random (or -1).
qsizetype randomOccurrence(const QByteArray &s, const QByteArray &what, QRandomGenerator &rng)
{
    if (s.isEmpty())
        return -1;
    const qsizetype from = rng.bounded(qsizetype(s.size()));
    qsizetype at = s.indexOf(what, from);
    return at >= 0 ? at : s.indexOf(what);
}

void mutateJson(QByteArray &s, QRandomGenerator &rng)
{
    static const char *numbers[] = {"0",    "-1",    "1e308", "-1e308",   "99999999999999999999999",
                                    "2147483648", "-0", "0.000001", "1e-400", "4294967296"};
    static const char *phases[] = {"X", "B", "E", "i", "C", "M", "s", "f", "Z", ""};
    static const char *keys[] = {"\"ts\"", "\"dur\"", "\"pid\"", "\"ph\"", "\"args\"", "\"name\"",
                                 "\"id\""};
    switch (rng.bounded(6)) {
    case 0: { // a number replaced by an extreme one
        for (qsizetype i = rng.bounded(qsizetype(std::max<qsizetype>(1, s.size()))); i < s.size();
             ++i)
            if ((s[i] >= '0' && s[i] <= '9') || s[i] == '-') {
                qsizetype j = i;
                while (j < s.size() && strchr("0123456789.-+eE", s[j]))
                    ++j;
                s.replace(i, j - i, numbers[rng.bounded(int(std::size(numbers)))]);
                return;
            }
        break;
    }
    case 1: { // another phase
        const qsizetype at = randomOccurrence(s, "\"ph\":\"", rng);
        if (at >= 0 && at + 7 < s.size())
            s.replace(at + 6, 1, phases[rng.bounded(int(std::size(phases)))]);
        break;
    }
    case 2: { // a key renamed or removed
        const QByteArray key = keys[rng.bounded(int(std::size(keys)))];
        const qsizetype at = randomOccurrence(s, key, rng);
        if (at >= 0)
            s.replace(at, key.size(), rng.bounded(2) ? QByteArray("\"x\"") : QByteArray());
        break;
    }
    case 3: { // deeper nesting around a value
        const qsizetype at = randomOccurrence(s, ":", rng);
        if (at >= 0) {
            const int depth = 1 + rng.bounded(100);
            s.insert(at + 1, QByteArray(depth, '['));
            const qsizetype end = s.indexOf(',', at + 1 + depth);
            s.insert(end < 0 ? s.size() : end, QByteArray(depth, ']'));
        }
        break;
    }
    case 4: { // a string value emptied or made long
        const qsizetype at = randomOccurrence(s, ":\"", rng);
        if (at >= 0) {
            const qsizetype end = s.indexOf('"', at + 2);
            if (end > at)
                s.replace(at + 2, end - at - 2,
                          rng.bounded(2) ? QByteArray() : QByteArray(1 + rng.bounded(5000), 'A'));
        }
        break;
    }
    default: { // an event duplicated (same pid, same ts)
        const qsizetype at = randomOccurrence(s, "{\"", rng);
        const qsizetype end = at >= 0 ? s.indexOf('}', at) : -1;
        if (end > at)
            s.insert(end + 1, "," + s.mid(at, end - at + 1));
        break;
    }
    }
}

void mutateBytes(QByteArray &s, QRandomGenerator &rng)
{
    const qsizetype n = s.size();
    switch (rng.bounded(6)) {
    case 0: // flip
        if (n)
            s[rng.bounded(n)] = char(s[rng.bounded(n)] ^ (1 << rng.bounded(8)));
        break;
    case 1: // insert
        s.insert(n ? rng.bounded(n + 1) : 0, randomBytes(rng, 1 + rng.bounded(16)));
        break;
    case 2: // delete a range
        if (n) {
            const qsizetype at = rng.bounded(n);
            s.remove(at, 1 + rng.bounded(std::min<qsizetype>(64, n - at)));
        }
        break;
    case 3: // copy a range elsewhere
        if (n) {
            const qsizetype at = rng.bounded(n);
            const QByteArray part = s.mid(at, 1 + rng.bounded(256));
            s.insert(rng.bounded(n + 1), part);
        }
        break;
    case 4: // truncate
        if (n)
            s.truncate(rng.bounded(n));
        break;
    default: // one byte set to something interesting
        if (n)
            s[rng.bounded(n)] = randomBytes(rng, 1)[0];
        break;
    }
}

struct Tally
{
    qint64 inputs = 0, accepted = 0, refused = 0, refusedWithoutMessage = 0, roundTripFailures = 0;
    QStringList examples; // of the problems, a few
    void note(const QString &what)
    {
        if (examples.size() < 10)
            examples << what;
    }
};

int fuzzTraces(const QString &dir, qint64 inputs, QRandomGenerator &rng, Tally &t)
{
    QList<QByteArray> seeds;
    for (const QString &f : QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile file(QDir(dir).filePath(f));
        if (file.open(QIODevice::ReadOnly))
            seeds << file.readAll();
    }
    if (seeds.isEmpty()) {
        std::fprintf(stderr, "fuzz_inputs: no *.json traces in %s\n", qPrintable(dir));
        return 2;
    }
    for (qint64 i = 0; i < inputs; ++i) {
        QByteArray s = seeds.at(rng.bounded(int(seeds.size())));
        const int mutations = 1 + rng.bounded(8);
        for (int m = 0; m < mutations; ++m)
            rng.bounded(2) ? mutateJson(s, rng) : mutateBytes(s, rng);
        s.truncate(kMaxInputBytes);
        ++t.inputs;
        TraceModel model;
        QString error;
        if (!ChromeTrace::read(s, &model, &error)) {
            ++t.refused;
            if (error.trimmed().isEmpty()) {
                ++t.refusedWithoutMessage;
                t.note(QStringLiteral("trace input %1 refused without a message").arg(i));
            }
            continue;
        }
        ++t.accepted;
        TraceModel again;
        QString againError;
        if (!ChromeTrace::read(ChromeTrace::write(model), &again, &againError)) {
            ++t.roundTripFailures;
            // PROCLAB_FUZZ_KEEP=DIR keeps the input, to replay it.
            if (const QString keep = qEnvironmentVariable("PROCLAB_FUZZ_KEEP"); !keep.isEmpty()) {
                QFile kept(QDir(keep).filePath(QStringLiteral("roundtrip-%1.json").arg(i)));
                if (kept.open(QIODevice::WriteOnly))
                    kept.write(s);
                QFile exported(QDir(keep).filePath(QStringLiteral("roundtrip-%1.out.json").arg(i)));
                if (exported.open(QIODevice::WriteOnly))
                    exported.write(ChromeTrace::write(model));
            }
            t.note(QStringLiteral("trace input %1 accepted, but its export is refused: %2")
                       .arg(i)
                       .arg(againError));
        }
    }
    return 0;
}

// Real `--set` strings: every parameter of every lab with its default, its
// limits, its choices.
QList<QPair<QString, QByteArray>> realSettings()
{
    QList<QPair<QString, QByteArray>> out;
    for (const LabInfo *lab : labs::all()) {
        const QString id = QString::fromStdString(lab->id);
        for (const ParamSpec &p : lab->params) {
            QList<std::string> values{p.defaultValue};
            if (p.type == ParamType::Int)
                values << std::to_string(p.min) << std::to_string(p.max);
            else if (p.type == ParamType::Bool)
                values << "true" << "false";
            else
                for (const std::string &c : p.choices)
                    values << c;
            for (const std::string &v : values)
                out.append({id, QByteArray::fromStdString(p.name + "=" + v)});
        }
    }
    return out;
}

// A refusal names what it refuses: the key as given, or a parameter of the lab.
bool namesAField(const std::string &message, const LabInfo *lab, const std::string &key)
{
    if (message.empty())
        return false;
    if (!key.empty() && message.find(key) != std::string::npos)
        return true;
    if (lab)
        for (const ParamSpec &p : lab->params)
            if (message.find(p.name) != std::string::npos)
                return true;
    return false;
}

int fuzzParams(qint64 inputs, QRandomGenerator &rng, Tally &t)
{
    const auto seeds = realSettings();
    static const char *extremes[] = {"99999999999999999999999", "-9223372036854775808", " 5",
                                     "+5",  "0x10", "1e3", "NaN", "", "TRUE", "５", "\xff\xfe",
                                     "1 2", "=", "\t"};
    for (qint64 i = 0; i < inputs; ++i) {
        const auto &[labId, seed] = seeds.at(rng.bounded(int(seeds.size())));
        QByteArray s = seed;
        QString lab = labId;
        const int mutations = 1 + rng.bounded(4);
        for (int m = 0; m < mutations; ++m) {
            if (rng.bounded(4) == 0) { // the value replaced by an extreme
                const qsizetype eq = s.indexOf('=');
                s = s.left(eq + 1) + extremes[rng.bounded(int(std::size(extremes)))];
            } else {
                mutateBytes(s, rng);
            }
        }
        if (rng.bounded(20) == 0) // another lab, or none that exists
            lab = rng.bounded(2) ? QString::fromStdString(labs::all().at(rng.bounded(
                                       int(labs::all().size())))->id)
                                 : lab + QLatin1Char('x');
        ++t.inputs;
        // An argument of a command line ends at its first NUL byte.
        if (const qsizetype nul = s.indexOf('\0'); nul >= 0)
            s.truncate(nul);
        // As proclab-run splits --set key=value: at the first '='.
        const qsizetype eq = s.indexOf('=');
        const QByteArray key = eq < 0 ? s : s.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : s.mid(eq + 1);
        QJsonObject params;
        QStringList errors;
        const bool ok = LabSession::resolveLab(
            lab, {{QString::fromUtf8(key), QString::fromUtf8(value)}}, &params, &errors);
        const LabInfo *info = labs::find(lab.toStdString());
        if (ok) {
            ++t.accepted;
        } else {
            ++t.refused;
            bool named = !errors.isEmpty();
            for (const QString &e : errors)
                named = named && !e.trimmed().isEmpty() &&
                        (!info || namesAField(e.toStdString(), info,
                                              QString::fromUtf8(key).toStdString()));
            if (!named) {
                ++t.refusedWithoutMessage;
                t.note(QStringLiteral("%1 --set %2: %3")
                           .arg(lab, QString::fromUtf8(s), errors.join(QStringLiteral(" | "))));
            }
        }
        // The engine's own parser, on the parameter named (if it exists).
        if (const ParamSpec *spec = info ? info->param(key.toStdString()) : nullptr) {
            std::string error;
            if (!parseParam(*spec, value.toStdString(), &error) &&
                !namesAField(error, info, spec->name)) {
                ++t.refusedWithoutMessage;
                t.note(QStringLiteral("parseParam(%1, '%2'): '%3'")
                           .arg(QString::fromStdString(spec->name), QString::fromUtf8(value),
                                QString::fromStdString(error)));
            }
        }
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser args;
    args.addOptions({
        {QStringLiteral("traces"), QStringLiteral("directory of ProcLab traces"),
         QStringLiteral("DIR")},
        {QStringLiteral("params"), QStringLiteral("fuzz the parameter parser")},
        {QStringLiteral("inputs"), QStringLiteral("number of inputs"), QStringLiteral("N"),
         QStringLiteral("1000")},
        {QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("S"),
         QStringLiteral("1")},
    });
    args.process(app);
    QRandomGenerator rng(args.value(QStringLiteral("seed")).toUInt());
    const qint64 inputs = args.value(QStringLiteral("inputs")).toLongLong();
    Tally t;
    QElapsedTimer clock;
    clock.start();
    const bool params = args.isSet(QStringLiteral("params"));
    const int rc = params ? fuzzParams(inputs, rng, t)
                          : fuzzTraces(args.value(QStringLiteral("traces")), inputs, rng, t);
    if (rc != 0)
        return rc;
    const QJsonObject report{
        {QStringLiteral("target"), params ? QStringLiteral("params") : QStringLiteral("traces")},
        {QStringLiteral("inputs"), t.inputs},
        {QStringLiteral("accepted"), t.accepted},
        {QStringLiteral("refused"), t.refused},
        {QStringLiteral("refused_without_message"), t.refusedWithoutMessage},
        {QStringLiteral("round_trip_failures"), t.roundTripFailures},
        {QStringLiteral("examples"), QJsonArray::fromStringList(t.examples)},
        {QStringLiteral("seconds"), double(clock.elapsed()) / 1000.0},
    };
    std::printf("%s\n", QJsonDocument(report).toJson(QJsonDocument::Compact).constData());
    return t.refusedWithoutMessage == 0 && t.roundTripFailures == 0 ? 0 : 1;
}
