// SPDX-License-Identifier: MIT
#pragma once
// Where ProcLab's parts are, found from the running executable so that one
// binary works in the build tree, in a staged install and when installed:
//
//   installed   <prefix>/bin/proclab, proclab-run
//               <prefix>/libexec/proclab/proclab-runner
//               <prefix>/libexec/proclab/python (the tracer, with its extension)
//               <prefix>/share/proclab/{notes,translations,icons}
//   build tree  build/gui/proclab (+ a proclab-runner link beside it),
//               build/engine/runner/proclab-runner, build/python
//
// The relative routes come from CMake's install directories (GNUInstallDirs),
// so a --prefix chosen at install time needs no rebuild.

#include <QString>

namespace proclab::installPaths {

// proclab-runner: $PROCLAB_RUNNER, else beside this executable, else
// ../libexec/proclab/ relative to it, else the build tree's.
QString runner();

// The Python tracer (a directory holding proclab_trace/ and sitecustomize.py):
// $PROCLAB_PYTHON_DIR as given, else the build tree's build/python, else
// ../libexec/proclab/python relative to this executable, else the source
// tree's resources/python (pure Python, no extension); empty if none has it.
QString pythonDir();

// <prefix>/share/proclab of an installed ProcLab; empty in the build tree.
QString dataDir();

} // namespace proclab::installPaths
