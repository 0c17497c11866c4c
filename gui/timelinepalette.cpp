#include "timelinepalette.h"

#include "traceevent.h"

#include <QCoreApplication>

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
    return interval;
}

TimelinePalette TimelinePalette::standard() { return {}; }

} // namespace proclab
