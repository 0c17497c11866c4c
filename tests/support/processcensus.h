#pragma once
// What a test leaves behind: its descendant processes (zombies included) and
// the process groups of lab runs. Tests snapshot it before and compare after.

#include <QList>
#include <QString>
#include <sys/types.h>

namespace proclab::test {

struct ProcInfo
{
    pid_t pid = 0;
    pid_t ppid = 0;
    pid_t pgrp = 0;
    char state = '?';
    QString comm;
};

QList<ProcInfo> allProcesses();
// Every process whose parent chain leads to `ancestor` (not `ancestor` itself).
QList<ProcInfo> descendantsOf(pid_t ancestor);
QList<ProcInfo> membersOfGroup(pid_t pgrp);
// Reads /proc/PID/stat; state '?' when the process does not exist.
ProcInfo procInfo(pid_t pid);
QString describe(const QList<ProcInfo> &procs); // "1234 Z proclab-runner, ..."
// Entries in /dev/shm and in the temp dir whose name mentions proclab.
QStringList proclabLeftovers();
// Points TMPDIR (and so QDir::tempPath(), and the runs this process starts)
// at a fresh directory of this test's own, removed at exit: what
// proclabLeftovers() finds there is this test's, not a test running beside it.
// Returns the directory, empty if it could not be made.
QString usePrivateTempDir();

} // namespace proclab::test
