#pragma once
// Turns ring records (read by RingReader, already joined with their text)
// into TraceEvents: lanes named, intervals opened and closed, arrows linked.
// Keeps what it must remember across batches (process names, open zombies).

#include "traceevent.h"
#include "tracerecord.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

namespace proclab {

struct RawRecord
{
    Record record;
    std::string text;
};

class RecordDecoder
{
public:
    explicit RecordDecoder(std::uint64_t t0Ns = 0) : m_t0Ns(t0Ns) {}
    void setT0(std::uint64_t t0Ns) { m_t0Ns = t0Ns; }
    void setRunnerPid(qint64 pid) { m_runnerPid = pid; }

    struct Batch
    {
        TraceEvents events;
        std::optional<QJsonObject> summary;
        std::optional<QString> runStatus;
        QStringList sharedNames; // /dev/shm names the program made (SharedName)
    };

    // Decodes one drained batch. Sorts it by time first: slots are drained
    // one after another, but a batch is a consistent snapshot of all of them.
    Batch decode(std::vector<RawRecord> records);

    static QString runStatusName(std::int64_t status);

private:
    QString nameOf(qint64 pid) const;
    QString objectName(const QString &ref) const; // "#id" (Python engine) -> declared name
    void decodeOne(const RawRecord &r, Batch &out);

    std::uint64_t m_t0Ns;
    qint64 m_runnerPid = 0;
    qint64 m_mainPid = 0; // queue depth counters live on MainProcess's lane
    QHash<qint64, QString> m_names;
    QHash<qint64, QString> m_objects; // shared object id -> the lab's name for it
    QHash<qint64, QString> m_sourceFiles; // file id -> path (Python programs' SourceLoc)
    struct PendingLoc
    {
        std::uint64_t tNs = 0;
        qint64 file = 0;
        qint64 line = 0;
    };
    QHash<qint64, PendingLoc> m_pendingLoc; // lane -> where its next record was caused
    QHash<qint64, QStringList> m_syncWaits; // lane -> its open Event/Condition/Barrier waits
    QSet<qint64> m_exited; // lanes whose exit is known: a later one (seen at reap) is dropped
    QSet<qint64> m_zombieOpen;
    QSet<qint64> m_stateOpen; // lanes with a sampled state not yet ended by their reap
    QSet<qint64> m_reaped;
};

} // namespace proclab
