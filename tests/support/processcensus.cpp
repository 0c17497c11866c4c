#include "processcensus.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>

namespace proclab::test {

ProcInfo procInfo(pid_t pid)
{
    ProcInfo info;
    info.pid = pid;
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return info;
    const QByteArray line = f.readAll();
    const int open = line.indexOf('(');
    const int close = line.lastIndexOf(')');
    if (open < 0 || close < 0)
        return info;
    info.comm = QString::fromUtf8(line.mid(open + 1, close - open - 1));
    const QList<QByteArray> rest = line.mid(close + 2).split(' ');
    if (rest.size() < 3)
        return info;
    info.state = rest[0].isEmpty() ? '?' : rest[0][0];
    info.ppid = rest[1].toInt();
    info.pgrp = rest[2].toInt();
    return info;
}

QList<ProcInfo> allProcesses()
{
    QList<ProcInfo> out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &e : entries) {
        bool ok = false;
        const int pid = e.toInt(&ok);
        if (!ok)
            continue;
        ProcInfo p = procInfo(pid);
        if (p.state != '?')
            out << p;
    }
    return out;
}

QList<ProcInfo> descendantsOf(pid_t ancestor)
{
    const QList<ProcInfo> all = allProcesses();
    QHash<pid_t, pid_t> parent;
    for (const auto &p : all)
        parent.insert(p.pid, p.ppid);
    QList<ProcInfo> out;
    for (const auto &p : all) {
        pid_t up = p.ppid;
        for (int hops = 0; up > 1 && hops < 64; ++hops) {
            if (up == ancestor) {
                out << p;
                break;
            }
            up = parent.value(up, 0);
        }
    }
    return out;
}

QList<ProcInfo> membersOfGroup(pid_t pgrp)
{
    QList<ProcInfo> out;
    if (pgrp <= 0)
        return out;
    for (const auto &p : allProcesses())
        if (p.pgrp == pgrp)
            out << p;
    return out;
}

QString describe(const QList<ProcInfo> &procs)
{
    QStringList parts;
    for (const auto &p : procs)
        parts << QStringLiteral("%1 %2 %3 (ppid %4)")
                     .arg(p.pid)
                     .arg(QChar(p.state))
                     .arg(p.comm)
                     .arg(p.ppid);
    return parts.join(QStringLiteral(", "));
}

QString usePrivateTempDir()
{
    static QTemporaryDir dir(QDir::tempPath() + QLatin1Char('/') +
                             QCoreApplication::applicationName() + QStringLiteral("-tmp-XXXXXX"));
    if (!dir.isValid())
        return {};
    qputenv("TMPDIR", QFile::encodeName(dir.path()));
    return dir.path();
}

QStringList proclabLeftovers()
{
    QStringList out;
    for (const QString &dir : {QStringLiteral("/dev/shm"), QDir::tempPath()}) {
        const QStringList names = QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        for (const QString &n : names)
            if (n.contains(QLatin1String("proclab"), Qt::CaseInsensitive))
                out << dir + QLatin1Char('/') + n;
    }
    return out;
}

} // namespace proclab::test
