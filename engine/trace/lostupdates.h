#pragma once
// Lost updates, found from the trace alone (no guessing).
//
// Every write of a shared value carries the value's write count (version);
// every read, the version it saw. A process's write W is based on its own
// latest read R of that object. Walking back from the final write — W, then
// the write R saw, and so on — gives the chain of writes the final value is
// made of. Each write the walk jumps over landed after some process read and
// before that process wrote: its update was overwritten. So the number of
// findings equals writes − chain length, which for counters is exactly
// expected − actual.

#include "traceevent.h"

#include <QString>
#include <QVector>

namespace proclab {

class TraceModel;

struct LostUpdate
{
    QString object;
    // The write whose update was lost.
    qint64 lostPid = 0;
    double lostTs = 0;
    int lostValue = 0;
    // The write that overwrote it, and the read that write was based on.
    qint64 overwriterPid = 0;
    double overwriterTs = 0;
    int overwriterValue = 0;
    double readTs = 0;
    int readValue = 0;
};

class LostUpdates
{
public:
    // Every lost update in `model`, in the order of the overwriting writes.
    static QVector<LostUpdate> find(const TraceModel &model);
    // `lost-update` instants on the overwriting writers' lanes (docs/TRACE-FORMAT.md).
    static TraceEvents toEvents(const QVector<LostUpdate> &found, const TraceModel &model);
    // "Process-2 read 41, Process-3 wrote 42, Process-2 wrote 42: Process-3's update is lost"
    static QString story(const LostUpdate &u, const TraceModel &model);
    // A `lost-update` marker (live or opened trace) on the lane of `pid`.
    static LostUpdate fromMarker(qint64 pid, const struct Marker &m);
};

} // namespace proclab
