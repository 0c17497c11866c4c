#include "timelinepalette.h"

#include "traceevent.h"

#include <QCoreApplication>
#include <cmath>

namespace proclab {

QColor TimelinePalette::colorFor(const QString &interval) const
{
    if (interval == ev::Running)
        return running;
    if (interval == ev::Sleep)
        return sleeping;
    if (interval == ev::Join)
        return blockedJoin;
    if (interval == ev::Zombie)
        return zombie;
    if (interval == ev::WaitLock)
        return waitLock;
    if (interval == ev::HoldLock)
        return holdLock;
    if (interval == ev::WaitPut)
        return waitPut;
    if (interval == ev::WaitGet)
        return waitGet;
    if (interval == ev::WaitJoinQueue)
        return blockedJoin;
    if (interval == ev::WaitRecv)
        return waitGet; // blocked on an empty channel, as get() on an empty queue
    return other;
}

QString TimelinePalette::legendName(const QString &interval) const
{
    if (interval == ev::Running)
        return QCoreApplication::translate("Timeline", "running");
    if (interval == ev::Sleep)
        return QCoreApplication::translate("Timeline", "sleeping");
    if (interval == ev::Join)
        return QCoreApplication::translate("Timeline", "blocked in join()");
    if (interval == ev::Zombie)
        return QCoreApplication::translate("Timeline", "zombie (exited, not reaped)");
    if (interval == ev::WaitLock)
        return QCoreApplication::translate("Timeline", "waiting for a lock");
    if (interval == ev::HoldLock)
        return QCoreApplication::translate("Timeline", "holding a lock");
    if (interval == ev::WaitPut)
        return QCoreApplication::translate("Timeline", "put() blocked: queue full");
    if (interval == ev::WaitGet)
        return QCoreApplication::translate("Timeline", "get() blocked: queue empty");
    if (interval == ev::WaitJoinQueue)
        return QCoreApplication::translate("Timeline", "blocked in queue.join()");
    if (interval == ev::WaitRecv)
        return QCoreApplication::translate("Timeline", "recv() blocked: pipe empty");
    return interval;
}

QColor TimelinePalette::colorForState(const QString &state) const
{
    if (state == ev::StateRunning)
        return procRunning;
    if (state == ev::StateSleeping)
        return procSleeping;
    if (state == ev::StateDisk)
        return procDisk;
    if (state == ev::StateZombie)
        return procZombie;
    if (state == ev::StateStopped)
        return procStopped;
    return other;
}

QString TimelinePalette::stateLegendName(const QString &state) const
{
    // The letter is what ps and /proc show; the word says what it means. R is
    // "runnable": on a CPU or waiting for one (four workers pinned to one core
    // are all R, each running a quarter of the time).
    if (state == ev::StateRunning)
        return QCoreApplication::translate("Timeline", "R running/ready");
    if (state == ev::StateSleeping)
        return QCoreApplication::translate("Timeline", "S sleeping");
    if (state == ev::StateDisk)
        return QCoreApplication::translate("Timeline", "D disk wait");
    if (state == ev::StateZombie)
        return QCoreApplication::translate("Timeline", "Z zombie");
    if (state == ev::StateStopped)
        return QCoreApplication::translate("Timeline", "T stopped");
    return state;
}

TimelinePalette TimelinePalette::standard()
{
    return {};
}

TimelinePalette TimelinePalette::presentation()
{
    TimelinePalette p;
    p.laneStripe = QColor(0xe4, 0xe8, 0xee);
    p.grid = QColor(0x9a, 0xa0, 0xa8);
    p.text = QColor(0x00, 0x00, 0x00);
    p.mutedText = QColor(0x22, 0x22, 0x22);
    p.stdoutMark = QColor(0x44, 0x44, 0x44);
    p.startArrow = QColor(0x00, 0x00, 0x00);
    p.labelWidth = 230;
    p.laneMaxHeight = 96;
    p.laneMinHeight = 30;
    p.fontPointSize = 15;
    p.markScale = 1.6;
    p.markLineWidth = 5;
    p.lineWidth = 3;
    p.arrowHead = 13;
    p.gridWidth = 1.5;
    p.accessTickWidth = 2;
    p.glyphWidth = 36;
    p.legendMaxLines = 1; // the lanes get the room
    p.barOutlineWidth = 1.5;
    return p;
}

TimelinePalette TimelinePalette::presentation(double scale)
{
    TimelinePalette p = presentation();
    if (!(scale > 1))
        return p;
    p.fontPointSize = int(std::lround(p.fontPointSize * scale));
    p.labelWidth = int(p.labelWidth * scale);
    p.laneMaxHeight = int(p.laneMaxHeight * scale);
    p.markScale *= scale;
    p.markLineWidth *= scale;
    p.lineWidth *= scale;
    p.arrowHead *= scale;
    p.glyphWidth *= scale;
    return p;
}

} // namespace proclab
