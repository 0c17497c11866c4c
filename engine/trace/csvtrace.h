#pragma once
// A run as CSV for spreadsheets and pandas: one row per event of the model,
// in time order. RFC 4180: fields holding a comma, a quote or a line break are
// quoted (quotes doubled); rows end in CRLF; UTF-8 without BOM.
//
// Columns (the header row names them):
//   time_ms      milliseconds since the run's start, 3 decimals (µs)
//   pid          the real OS pid of the process
//   process      its name (MainProcess, Process-1, ...)
//   event        the event name (docs/TRACE-FORMAT.md: start, sleep, put, stdout, ...)
//   phase        begin | end | interval | instant | counter | arrow-start | arrow-end
//   duration_ms  intervals only (phase "interval"), else empty
//   details      the event's args as compact JSON ({"ms":200}); arrows: {"id":N}

#include "tracemodel.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <functional>

class QIODevice;

namespace proclab {

class CsvTrace
{
public:
    // Small runs and tests: the whole file in memory.
    static QByteArray write(const TraceModel &model);
    // Streams the rows into `out` (every lane merged by time, a row at a
    // time). `progress(rowsDone, rowsTotal)` may cancel by returning false.
    static bool write(const TraceModel &model, QIODevice *out, QString *error,
                      const std::function<bool(qint64, qint64)> &progress = {});

    static QStringList columns();
    // One field, quoted if it must be.
    static QString field(const QString &text);
    static QString phaseName(TraceEvent::Phase ph);
};

} // namespace proclab
