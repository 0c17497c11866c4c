#pragma once
// Ring slots for processes that come and go: a traced Python program's
// processes reserve a slot before they fork (or spawn, or exec) and give it
// back when they are reaped, so at most kMaxPooledProcesses of them are alive
// (or zombies) at once and a program that starts thousands over its run never
// runs out. A slot's owner is its SlotHeader::pid: 0 free, -1 reserved by a
// parent about to fork, > 0 the process writing it. A reused slot goes on
// after its previous owner's records (that owner is dead: the host reads them
// first, in order), so nothing is lost and nothing is overwritten.
//
// Lock-free (one compare-and-swap per reservation) and allocation-free:
// usable between fork() and exec() and from the runner's reaping loop.

#include "tracering.h"

#include <cstdint>
#include <sys/types.h>

namespace proclab {

inline constexpr std::uint32_t kMaxPooledProcesses = 64;
// Pooled slots start after MainProcess's (slot 1).
inline constexpr std::uint32_t kFirstPooledSlot = 2;

// Reserves a free slot; -1 when all kMaxPooledProcesses are taken (counted in
// the ring header's processesRefused).
int reservePooledSlot(const TraceRing &ring);
// The reserving parent learnt the child's pid, or the child bound the slot.
void setSlotOwner(const TraceRing &ring, std::uint32_t slot, pid_t pid);
// Frees the slot `pid` owns (it was reaped). false if it owns none.
bool releaseSlotOf(const TraceRing &ring, pid_t pid);
// How many pooled slots are reserved or owned now.
std::uint32_t pooledSlotsInUse(const TraceRing &ring);

} // namespace proclab
