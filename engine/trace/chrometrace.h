#pragma once
// Chrome Trace Event JSON (docs/TRACE-FORMAT.md): what "Export trace"
// and `proclab-run --trace` write, what Perfetto and File > Open trace read.
//
// Both directions stream: the writer produces the document event by event
// into a device (a file, or a gzip stream: out.json.gz), never the whole text
// in memory; the reader parses one event at a time into the compact store.
// Large files take a progress callback that may cancel.

#include "tracemodel.h"

#include <QByteArray>
#include <QString>
#include <functional>

class QIODevice;

namespace proclab {

// A trace read from a file, not yet shown: read on any thread, shown (applyTo)
// on the model's.
struct TraceFile
{
    StoreSnapshot snapshot;
    QString lab;
    QJsonObject params;
    QJsonObject summary;
    QString status;
    void applyTo(TraceModel *model) const;
};

class ChromeTrace
{
public:
    // Called now and then with the bytes done and the total (0: unknown);
    // return false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // The whole document for `model` (intervals still open end at model.now()).
    // Small runs and tests; files go through write(model, device).
    static QByteArray write(const TraceModel &model);
    // Streams the document into `out`. False with `error` set if writing failed.
    static bool write(const TraceModel &model, QIODevice *out, QString *error,
                      const Progress &progress = {});

    // Limits on what read() accepts, so a hostile or broken file cannot
    // exhaust memory or the stack.
    static constexpr qint64 kMaxFileBytes = 8192ll * 1024 * 1024; // uncompressed
    static constexpr qint64 kMaxEvents = 256'000'000;
    static constexpr int kMaxNesting = 64;

    // Fills `model` from a ProcLab trace. On failure returns false, leaves the
    // model empty and sets `error` to a message a user can act on.
    static bool read(const QByteArray &json, TraceModel *model, QString *error);
    // A file, plain or gzip-compressed (.json.gz).
    static bool readFile(const QString &path, TraceModel *model, QString *error,
                         const Progress &progress = {});
    static bool readFile(const QString &path, TraceFile *out, QString *error,
                         const Progress &progress = {});
    // `in` yields the JSON text; `totalBytes` (0: unknown) is for progress.
    static bool read(QIODevice *in, qint64 totalBytes, TraceFile *out, QString *error,
                     const Progress &progress = {});
};

} // namespace proclab
