#pragma once
// The name proclab-run gives a signal that ended its run or series.

#include <QString>
#include <csignal>

namespace proclab {

inline QString cliSignalName(int signal)
{
    switch (signal) {
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    case SIGINT:
        return QStringLiteral("SIGINT");
    case SIGHUP:
        return QStringLiteral("SIGHUP");
    default:
        return QStringLiteral("signal %1").arg(signal);
    }
}

} // namespace proclab
