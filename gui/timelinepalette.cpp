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
    return interval;
}

TimelinePalette TimelinePalette::standard() { return {}; }

} // namespace proclab
