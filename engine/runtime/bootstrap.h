#pragma once
// How a program becomes a lab process. The runner uses initMainProcess /
// finishMainProcess around a lab's main; any executable that starts processes
// with the spawn method must let runSpawnedChild() handle its argv first:
//
//   int main(int argc, char **argv) {
//       if (proclab::isSpawnedChild(argc, argv)) return proclab::runSpawnedChild(argc, argv);
//       ...
//   }

#include "summary.h"
#include "tracering.h"

#include <cstdint>
#include <string>

namespace proclab {

// The most processes one run may create (MainProcess excluded). Checked before
// every fork, so a lab can never fork-bomb the machine.
inline constexpr std::uint32_t kMaxLabProcesses = 128;
// Slot 0 is the runner's, slot 1 MainProcess's.
inline constexpr std::uint32_t kRunnerSlot = 0;
inline constexpr std::uint32_t kMainSlot = 1;
inline constexpr std::uint32_t kRingSlots = kMaxLabProcesses + 2;

// Makes the calling process MainProcess: binds slot kMainSlot of the ring whose
// file descriptor is `ringFd`, records its lane and installs the SIGTERM
// recorder. `firstChildSlot` is where process slots are claimed from.
void initMainProcess(const TraceRing &ring, int ringFd);

// Python's exit handler (terminate daemonic children, join the rest), then
// completes and records the summary and the exit. Returns the exit code to use.
int finishMainProcess(int code, Summary &summary);

// Runs `body` as a process body: SystemExit -> its code, an uncaught error ->
// recorded, 1; otherwise 0.
int runBody(void (*body)(void *), void *data);

bool isSpawnedChild(int argc, char **argv);
int runSpawnedChild(int argc, char **argv);

} // namespace proclab
