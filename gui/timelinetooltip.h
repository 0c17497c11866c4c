#pragma once
// What the timeline says about the point under the mouse: the lane's process
// (pid, ppid, exit code), and the nearest marker or the state interval there.

#include "timelinelayout.h"
#include "timelinemapping.h"

#include <QPointF>
#include <QString>

namespace proclab {

class TraceModel;

class TimelineTooltip
{
public:
    static QString textAt(const TraceModel &model, const TimelineLayout &layout,
                          const TimelineMapping &map, QPointF pos);
};

} // namespace proclab
