// SPDX-License-Identifier: MIT
#pragma once
// Where ProcLab's parts are, found from the running executable so that one
// binary works in the build tree, in a staged install and when installed:
//
//   installed   <prefix>/bin/proclab, proclab-run
//               <prefix>/libexec/proclab/proclab-runner
//               <prefix>/share/proclab/{python,notes,translations,icons}
//   build tree  build/gui/proclab (+ a proclab-runner link beside it),
//               build/engine/runner/proclab-runner, <source>/resources/python
//
// The relative routes come from CMake's install directories (GNUInstallDirs),
// so a --prefix chosen at install time needs no rebuild.

#include <QString>

namespace proclab::installPaths {

// proclab-runner: $PROCLAB_RUNNER, else beside this executable, else
// ../libexec/proclab/ relative to it, else the build tree's.
QString runner();

// The Python tracer (a directory holding proclab_trace/ and sitecustomize.py):
// $PROCLAB_PYTHON_DIR as given, else ../share/proclab/python relative to this
// executable, else the source tree's resources/python; empty if neither exists.
QString pythonDir();

// <prefix>/share/proclab of an installed ProcLab; empty in the build tree.
QString dataDir();

} // namespace proclab::installPaths
