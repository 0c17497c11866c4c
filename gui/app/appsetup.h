#pragma once
// Process-wide preparation shared by proclab and proclab-run, done before the
// QApplication exists.

namespace proclab {

// Qt warns on every start when XDG_RUNTIME_DIR is unset (bare consoles, CI,
// Xvfb): give it the private directory it would fall back to anyway.
void ensureRuntimeDir();

} // namespace proclab
