#include "stresssupport.h"

#include "labs.h"
#include "processcensus.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <set>
#include <cerrno>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proclab::stress {

namespace {

bool endsWith(const std::string &s, const char *suffix)
{
    const std::string_view x(suffix);
    return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

// The largest value drawn for an integer parameter: short runs, small counts.
// Durations paid once per item, line or message: a tenth of the cap.
bool perItem(const std::string &lab, const std::string &n)
{
    static const std::set<std::string> names{"line_ms",        "produce_ms_min", "produce_ms_max",
                                             "consume_ms_min", "consume_ms_max", "read_delay_ms",
                                             "write_delay_ms", "consumer_delay_ms"};
    return names.count(n) || (lab == "pipe" && n == "work_ms");
}

std::int64_t capFor(const std::string &lab, const ParamSpec &spec, QRandomGenerator &rng,
                    qint64 durationCapMs)
{
    const std::string &n = spec.name;
    if (perItem(lab, n))
        return durationCapMs / 10;
    if (n == "join_timeout_ms")
        return std::max<qint64>(400, durationCapMs); // queue-join-deadlock hangs this long
    if (endsWith(n, "_ms"))
        return durationCapMs;
    if (endsWith(n, "_us"))
        return 300;
    if (n == "n" || n == "workers" || n == "buyers" || n == "producers" || n == "consumers")
        return rng.bounded(10) == 0 ? spec.max : 8; // sometimes as many processes as allowed
    if (n == "increments")
        return 20'000;
    if (n == "messages")
        return 300;
    if (n == "lines")
        return 60;
    return 30; // items, puts, tickets, maxsize, size_bytes, value, ...
}

QString valueFor(const std::string &lab, const ParamSpec &spec, QRandomGenerator &rng,
                 qint64 durationCapMs)
{
    switch (spec.type) {
    case ParamType::Bool:
        return rng.bounded(2) ? QStringLiteral("true") : QStringLiteral("false");
    case ParamType::Choice:
        return QString::fromStdString(spec.choices.at(rng.bounded(int(spec.choices.size()))));
    case ParamType::Int:
        break;
    }
    const std::int64_t hi = std::max(spec.min, std::min(spec.max, capFor(lab, spec, rng, durationCapMs)));
    return QString::number(spec.min + std::int64_t(rng.bounded(quint64(hi - spec.min + 1))));
}

} // namespace

QString RunSpec::describe() const
{
    if (!python.isEmpty())
        return QStringLiteral("python %1 %2").arg(QFileInfo(python).fileName(), programArgs.join(' '));
    QStringList parts{lab};
    for (auto it = settings.begin(); it != settings.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QLatin1Char(' '));
}

QStringList RunSpec::cliArgs() const
{
    QStringList args;
    if (!python.isEmpty()) {
        args << QStringLiteral("--python") << python;
        if (!programArgs.isEmpty())
            args << QStringLiteral("--") << programArgs;
        return args;
    }
    args << lab;
    for (auto it = settings.begin(); it != settings.end(); ++it)
        args << QStringLiteral("--set") << it.key() + QLatin1Char('=') + it.value();
    return args;
}

RunSpec randomLabRun(QRandomGenerator &rng, qint64 durationCapMs)
{
    const auto &all = labs::all();
    const LabInfo *lab = all.at(rng.bounded(int(all.size())));
    RunSpec spec;
    spec.lab = QString::fromStdString(lab->id);
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::map<std::string, std::string> values;
        for (const ParamSpec &p : lab->params)
            values[p.name] = valueFor(lab->id, p, rng, durationCapMs).toStdString();
        ParamValues resolved;
        if (!resolveParams(*lab, values, &resolved).empty())
            continue; // a cross-field check refused the combination: draw again
        for (const auto &[k, v] : values)
            spec.settings.insert(QString::fromStdString(k), QString::fromStdString(v));
        return spec;
    }
    return spec; // defaults (never reached for the labs as they are)
}

RunSpec randomPythonRun(QRandomGenerator &rng, const QString &programDir)
{
    QStringList programs =
        QDir(programDir).entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
    // A program that writes files in its working directory (the program's
    // own directory: here the source tree) is left to tst_pyengine, which
    // gives it a directory of its own.
    programs.removeAll(QStringLiteral("ticket_file.py"));
    RunSpec spec;
    if (programs.isEmpty())
        return spec;
    const QString name = programs.at(rng.bounded(int(programs.size())));
    spec.python = QDir(programDir).filePath(name);
    if (name == QLatin1String("race_counter.py")) { // increments per worker [, lock]
        spec.programArgs << QString::number(100 + rng.bounded(3000));
        if (rng.bounded(2))
            spec.programArgs << QStringLiteral("lock");
    }
    return spec;
}

QString Census::describe() const
{
    return QStringLiteral("%1 live, %2 zombies, shm [%3], temp [%4]")
        .arg(liveDescendants)
        .arg(zombies)
        .arg(newShmNames.join(QLatin1Char(' ')), tempEntries.join(QLatin1Char(' ')));
}

QSet<QString> shmNames()
{
    const QStringList names =
        QDir(QStringLiteral("/dev/shm")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    return QSet<QString>(names.begin(), names.end());
}

bool isolateDevShm()
{
    if (unshare(CLONE_NEWNS) != 0)
        return false;
    // Private propagation first, so the mount below stays in this namespace.
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return false;
    return mount("proclab-stress-shm", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV,
                 "size=256m,mode=1777") == 0;
}

void reapOurZombies(pid_t keep)
{
    const pid_t self = getpid();
    for (const test::ProcInfo &p : test::allProcesses())
        if (p.ppid == self && p.state == 'Z' && p.pid != keep)
            waitpid(p.pid, nullptr, WNOHANG);
}

Census census(const QSet<QString> &shmBaseline, const QString &tempDir)
{
    Census c;
    for (const test::ProcInfo &p : test::descendantsOf(getpid())) {
        if (p.state == 'Z')
            ++c.zombies;
        else
            ++c.liveDescendants;
    }
    for (const QString &n : shmNames())
        if (!shmBaseline.contains(n))
            c.newShmNames << n;
    if (!tempDir.isEmpty())
        c.tempEntries = QDir(tempDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    return c;
}

int openFdCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)
                   .size());
}

qint64 residentKiB(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

qint64 residentKiB()
{
    return residentKiB(getpid());
}

} // namespace proclab::stress
