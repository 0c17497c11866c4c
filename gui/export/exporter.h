#pragma once
// Writes what a run shows to files: the trace as JSON (docs/TRACE-FORMAT.md) or CSV,
// and any view (timeline, queue chart, race panel, whole page; see
// ViewRenderer) as PNG at 1x or 2x or as SVG (vector: text stays text).
// Shared by the GUI's File > Export menu, the views' export buttons and
// proclab-run. Files are written whole or not at all; every failure comes back
// as a message naming the path and the reason.

#include <QByteArray>
#include <QSize>
#include <QString>
#include <functional>

class QIODevice;

class QWidget;

namespace proclab {

class TraceModel;

enum class ImageFormat
{
    Png,
    Svg,
};

class Exporter
{
public:
    static bool writeTrace(const TraceModel &model, const QString &path, QString *error);
    static bool writeCsv(const TraceModel &model, const QString &path, QString *error); // CsvTrace

    // `view` rendered by ViewRenderer at `size` logical pixels (empty: the
    // view's own size). PNG: `scale` 1 or 2 multiplies the pixels (2 for
    // print); SVG ignores it.
    static bool writeImage(QWidget &view, const QString &path, ImageFormat format, qreal scale,
                           QSize size, QString *error);

    // Largest image side in pixels (after scaling).
    static constexpr int kMaxPixels = 16384;

    // What `produce` writes, streamed to `path` (gzip-compressed when it ends
    // in .gz), through QSaveFile: whole or not at all.
    static bool writeStreamed(const QString &path, QString *error,
                              const std::function<bool(QIODevice *, QString *)> &produce);
    // `bytes` to `path` through QSaveFile: whole or not at all.
    static bool writeFile(const QString &path, const QByteArray &bytes, QString *error);
    // "Cannot write PATH: REASON", the one wording for every failed save.
    static QString cannotWrite(const QString &path, const QString &reason);
};

} // namespace proclab
