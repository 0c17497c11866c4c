#pragma once
// Chrome Trace Event JSON (docs/TRACE-FORMAT.md): what "Export trace"
// and `proclab-run --trace` write, what Perfetto and File > Open trace read.

#include "tracemodel.h"

#include <QByteArray>
#include <QString>

namespace proclab {

class ChromeTrace
{
public:
    // The whole document for `model` (intervals still open end at model.now()).
    static QByteArray write(const TraceModel &model);

    // Limits on what read() accepts, so a hostile or broken file cannot
    // exhaust memory or the stack.
    static constexpr qint64 kMaxFileBytes = 256ll * 1024 * 1024;
    static constexpr int kMaxEvents = 5'000'000;
    static constexpr int kMaxNesting = 64;

    // Fills `model` from a ProcLab trace. On failure returns false, leaves the
    // model empty and sets `error` to a message a user can act on.
    static bool read(const QByteArray &json, TraceModel *model, QString *error);
    static bool readFile(const QString &path, TraceModel *model, QString *error);
};

} // namespace proclab
