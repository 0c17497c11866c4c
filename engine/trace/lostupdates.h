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
//
// It streams: one pass per lane over its reads and writes to learn which
// version each write was based on (4 bytes a version), the walk, then one
// pass over all lanes' writes in version order that hands out each lost
// update with both writes and the read. 64 processes × 1,000,000 increments
// (128 M events, tens of millions of lost updates) take a few hundred MB and
// seconds, with the store's chunks on disk.

#include "eventstore.h"

#include <QString>
#include <QVector>
#include <functional>

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
    struct Result
    {
        qint64 found = 0;         // lost updates
        bool anyVersioned = false; // some write of a shared value (files have none)
    };
    // Every lost update of `snapshot`, per object, each overwriting lane's in
    // time order: `emit(overwriterPid, row, objectName)` (row.object unset).
    static Result
    analyse(const StoreSnapshot &snapshot,
            const std::function<void(qint64, const LostRow &, const QString &)> &emit);
    // The same, appended to `store`'s lost-update tracks (the snapshot's store).
    static Result analyseInto(const StoreSnapshot &snapshot, EventStore &store);

    // Every lost update in `model`, in the order of the overwriting writes
    // (small runs and tests).
    static QVector<LostUpdate> find(const TraceModel &model);
    // `lost-update` instants on the overwriting writers' lanes (docs/TRACE-FORMAT.md).
    static TraceEvents toEvents(const QVector<LostUpdate> &found, const TraceModel &model);
    // "Process-2 read 41, Process-3 wrote 42, Process-2 wrote 42: Process-3's update is lost"
    static QString story(const LostUpdate &u, const TraceModel &model);
    // A `lost-update` marker (live or opened trace) on the lane of `pid`.
    static LostUpdate fromMarker(qint64 pid, const struct Marker &m);
    // A row of `lane`'s lost-update track.
    static LostUpdate fromRow(const Lane &lane, const store::Row &r);
    // The first `limit` lost updates of the snapshot by time, and how many there are.
    static QVector<LostUpdate> earliest(const StoreSnapshot &snapshot, int limit, qint64 *total);
};

} // namespace proclab
