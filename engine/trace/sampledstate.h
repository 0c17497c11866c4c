#pragma once
// The process states the runner samples from /proc/PID/stat, as the numbers
// the `state` counter carries in traces ({"state": N}) and the names views
// show. The numbers are part of the trace format: never renumber one.
//
//   0 gone (reaped: the lane's state track ends)   3 disk (D)
//   1 running (R)                                   4 stopped (T, t)
//   2 sleeping (S, I)                               5 zombie (Z)

#include "traceevent.h"

namespace proclab {

enum class SampledState : int
{
    Gone = 0,
    Running = 1,
    Sleeping = 2,
    Disk = 3,
    Stopped = 4,
    Zombie = 5,
};

inline SampledState sampledStateFromProc(char letter)
{
    switch (letter) {
    case 'R':
        return SampledState::Running;
    case 'S':
    case 'I':
        return SampledState::Sleeping;
    case 'D':
        return SampledState::Disk;
    case 'T':
    case 't':
        return SampledState::Stopped;
    case 'Z':
        return SampledState::Zombie;
    default:
        return SampledState::Gone; // X (dead) or unknown
    }
}

// Unknown numbers (a newer trace) read as Gone.
inline SampledState sampledStateFromCode(qint64 code)
{
    return code >= 0 && code <= 5 ? SampledState(code) : SampledState::Gone;
}

// ev::StateRunning, ... ; empty for Gone.
inline QString sampledStateName(SampledState s)
{
    switch (s) {
    case SampledState::Running:
        return ev::StateRunning;
    case SampledState::Sleeping:
        return ev::StateSleeping;
    case SampledState::Disk:
        return ev::StateDisk;
    case SampledState::Stopped:
        return ev::StateStopped;
    case SampledState::Zombie:
        return ev::StateZombie;
    case SampledState::Gone:
        break;
    }
    return {};
}

} // namespace proclab
