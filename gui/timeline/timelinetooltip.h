#pragma once
// What the timeline says about the point under the mouse: the lane's process
// (pid, ppid, exit code), and the nearest marker or the state interval there.
// hitAt() names that same thing, for a click that selects an event.

#include "timelinelayout.h"
#include "timelinemapping.h"

#include <QJsonObject>
#include <QPointF>
#include <QString>

namespace proclab {

class TraceModel;

// What a point of the timeline hits: a marker, else the innermost interval,
// else just the lane (name empty), else nothing (row -1).
struct TimelineHit
{
    int row = -1;
    qint64 pid = 0;
    bool onMain = false; // MainProcess's lane
    QString name;        // the event's name (ev::Start, ev::WaitLock, ...)
    double t = 0;        // µs: the marker's time, or the interval's start
    bool isMarker = false;
    int ordinal = 0;  // how many events of this name come before it on the lane
    QJsonObject args; // the event's arguments (exitcode, target, ...)

    bool isEvent() const { return row >= 0 && !name.isEmpty(); }
};

class TimelineTooltip
{
public:
    static TimelineHit hitAt(const TraceModel &model, const TimelineLayout &layout,
                             const TimelineMapping &map, QPointF pos);
    static QString textAt(const TraceModel &model, const TimelineLayout &layout,
                          const TimelineMapping &map, QPointF pos);
};

} // namespace proclab
