// SPDX-License-Identifier: MIT
#pragma once
// SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C in the terminal that
// started the GUI) end the event loop with 128 + the signal's number instead
// of ending the process on the spot, so the window closes as if the user had
// closed it: a run in progress is handed to its runner to end, and the run's
// directories are removed (docs/RELIABILITY.md). A second such signal while
// the first is handled ends the process as before.

class QCoreApplication;

namespace proclab {

void quitOnSignals(QCoreApplication *app);

} // namespace proclab
