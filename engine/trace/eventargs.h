#pragma once
// An event's arguments from its compact row, and back: the one place that
// knows what a row's values mean for each kind (TRACE-FORMAT.md names the
// keys). Rows hold numbers and text ids; names (of processes, locks, queues,
// ...) are looked up when the arguments are built, in the snapshot's tables.
//
// A new kind: one case in begin()/marker() (and end() if its End carries
// arguments), one in RecordDecoder.

#include "eventstore.h"

#include <QJsonObject>

namespace proclab::eventargs {

// Row packing used by the decoder and read back here.
inline qint64 packText(quint32 textId, int low = 0)
{
    return (qint64(textId) << 1) | (low & 1);
}
inline quint32 textOf(qint64 b)
{
    return quint32(quint64(b) >> 1);
}
inline qint64 packServe(qint64 op, qint64 clientPid)
{
    return (clientPid << 8) | (op & 0xff);
}

// A Begin's arguments (interval rows: kind, a, b, flags of the Begin).
QJsonObject begin(EventKind k, qint64 a, qint64 b, quint8 flags, const StoreContext &ctx);
// What an End adds (join: returned_alive; manager:call: ok). Empty for most.
QJsonObject end(EventKind k, quint8 flags);
// An instant's arguments.
QJsonObject marker(EventKind k, qint64 a, qint64 b, quint8 flags, const StoreContext &ctx);
// A counter's arguments: state, cpu, cpu_share, queue depth.
QJsonObject counter(EventKind k, qint64 a);
// A lost-update marker's arguments.
QJsonObject lost(const LostRow &r, const StoreContext &ctx);

// The reverse, for events given with their arguments (hand-built or read
// from a file): true when `args` has exactly the shape begin()/marker() would
// build for this kind, so the compact form gives the same arguments back.
// Anything else keeps its arguments as JSON text (a generic row).
bool encodeBegin(EventKind k, const QJsonObject &args, EventStore &store, qint64 *a, qint64 *b,
                 quint8 *flags);
bool encodeMarker(EventKind k, const QJsonObject &args, EventStore &store, qint64 *a, qint64 *b,
                  quint8 *flags);
bool encodeCounter(EventKind k, const QJsonObject &args, qint64 *a);
bool encodeLost(const QJsonObject &args, EventStore &store, qint64 overwriterPid, LostRow *row);
// A synthetic shared-object id for an object known only by name.
qint64 objectId(EventStore &store, const QString &name, bool pipe = false);

} // namespace proclab::eventargs
