#pragma once
// What the stress drivers share: random VALID parameters for every lab and
// Python program (within ranges that keep a run short), and the census of
// what a run may leave behind (processes, zombies, /dev/shm names, files in
// the temp dir) and of what the host holds (open fds, resident memory).

#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QString>
#include <QStringList>
#include <sys/types.h>

namespace proclab::stress {

// One run to make: a lab with --set assignments, or a Python program with arguments.
struct RunSpec
{
    QString lab;                     // empty for a Python program
    QMap<QString, QString> settings; // lab parameters
    QString python;                  // path of a .py
    QStringList programArgs;
    QString describe() const;        // "counter-race workers=3 increments=120 ..."
    QStringList cliArgs() const;     // proclab-run's arguments for it
};

// A random lab (every lab equally likely) with random values that pass the
// lab's own validation. Integers stay within caps per kind of parameter
// (durations <= 150 ms, process counts <= 8 with an occasional one up to the
// lab's maximum, counts of items/messages small) so a run takes well under a
// second or two; choices and booleans cover their whole range.
// `durationCapMs` raises the cap on durations (a run to be killed midway
// should last a while).
RunSpec randomLabRun(QRandomGenerator &rng, qint64 durationCapMs = 150);
// A random program of `programDir` (*.py) with arguments it understands.
RunSpec randomPythonRun(QRandomGenerator &rng, const QString &programDir);

// What a run may leave behind.
struct Census
{
    int liveDescendants = 0; // processes below this one, not zombies
    int zombies = 0;         // zombie descendants
    QStringList newShmNames; // /dev/shm entries not there at the baseline
    QStringList tempEntries; // entries of the private temp dir
    QString describe() const;
    bool clean() const
    {
        return liveDescendants == 0 && zombies == 0 && newShmNames.isEmpty() &&
               tempEntries.isEmpty();
    }
};

QSet<QString> shmNames();
// Gives this process (and what it starts) a /dev/shm of its own, an empty
// tmpfs in a private mount namespace, so the census sees only this driver's
// runs, not what other programs on the machine create meanwhile. Needs root
// (CAP_SYS_ADMIN); false, and the shared /dev/shm is compared instead, without.
// Call it first thing in main, before any thread exists.
bool isolateDevShm();
// Reaps the zombie children of this process (it is a subreaper: orphans come
// here) except `keep`, which a QProcess still owns and will reap itself.
void reapOurZombies(pid_t keep = 0);
Census census(const QSet<QString> &shmBaseline, const QString &tempDir);

int openFdCount();       // of this process
qint64 residentKiB();    // VmRSS of this process
qint64 residentKiB(pid_t pid);

} // namespace proclab::stress
