#pragma once
// Puts the times of shared-value accesses in the order the values prove.
//
// A lab process times a Value/Array access right after releasing the value's
// lock (timing it inside would lengthen the hold every other process waits
// on: 1.2-1.4x the untraced run instead of about 1.05x). Such a time is
// later than the access, a little (the clock read) or, if the process was
// interrupted or preempted just after the release, by microseconds or a whole
// time slice. The versions say the true order: a write of version v comes
// before every read of v, and every read of v before the write of v + 1.
// repair() walks each object's accesses from the last version back and moves
// every time that lies after a later access's down to it: each time is then
// an upper bound of its access that respects that order, and a process's own
// records keep their order.
//
// A C++ lab run only: a Python program's accesses are timed inside the lock
// (and their source lines are keyed by time); there it changes nothing.

#include "eventstore.h"

namespace proclab {

class AccessOrder
{
public:
    // Retimes the accesses of `snapshot`'s lanes in `store` (the snapshot's
    // store, final: no writer left). Returns how many times it moved.
    static qint64 repair(const StoreSnapshot &snapshot, EventStore &store);
};

} // namespace proclab
