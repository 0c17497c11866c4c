// SPDX-License-Identifier: MIT
#pragma once
// SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C in the terminal that
// started the program) end the event loop with 128 + the signal's number
// instead of ending the process on the spot. `beforeQuit` runs first, on the
// event loop's thread (the GUI closes its windows there, as a user would: a
// run in progress is stopped). Once the loop has returned, main() destroys
// what owns the runs and calls RunnerEnding::waitForRunners(), so each runner
// stops its lab and the run's directories are removed before the process ends
// (docs/RELIABILITY.md). A second such signal ends the process at once (the
// default action); the runner then sees its host gone and cleans up itself.
//
// The handler only writes the signal's number into a pipe the event loop
// watches (async-signal-safe); a signal that arrives before the event loop
// runs is handled as soon as it does, even inside a modal dialog's loop
// (QCoreApplication::exit ends every loop of the thread).

#include <functional>

class QCoreApplication;

namespace proclab {

void quitOnSignals(QCoreApplication *app, std::function<void(int signal)> beforeQuit = {});

// The same handling, but the first signal only calls `handler` (on the event
// loop's thread); the handler decides when the loop ends (proclab-run stops
// its run, writes what it has, then exits with 128 + the signal). A second
// signal still ends the process at once.
void handleSignals(QCoreApplication *app, std::function<void(int signal)> handler);

} // namespace proclab
