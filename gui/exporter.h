#pragma once
// Writes what a run shows to files: the trace as JSON (TRACE-FORMAT.md) and
// the timeline as PNG, exactly as TimelineView draws it. Shared by the GUI's
// File menu and proclab-run. Every failure comes back as a message.

#include <QSize>
#include <QString>

namespace proclab {

class TraceModel;
class TimelineView;

class Exporter
{
public:
    static bool writeTrace(const TraceModel &model, const QString &path, QString *error);
    // `size` in logical pixels; scale 2 doubles the pixels (print).
    static bool writeTimelinePng(const TimelineView &view, const QString &path, QSize size,
                                 qreal scale, QString *error);
};

} // namespace proclab
