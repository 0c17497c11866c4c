#pragma once
// What a run of a CPython program needs, checked before anything starts:
// the program (a file, or a lab's own program shipped with ProcLab), its
// arguments, the interpreter and where the tracer lives.

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace proclab {

struct PythonRun
{
    QString program;     // path of the .py file (empty when programText is set)
    QString programText; // a lab's own program: written into the run's directory
    QString programName; // file name for programText (e.g. "counter-race.py")
    QStringList args;    // the program's sys.argv[1:]
    QString interpreter; // empty: python3 from PATH
    QString workDir;     // empty: the program's directory (a lab's program: the run's directory)
    QString labId;       // the lab whose program this is; empty for a user's program
    QJsonObject params;  // shown with the run (a lab's parameters)

    // The problems that keep it from starting (empty: fine): the file is
    // missing, unreadable, not UTF-8 text; no usable interpreter.
    QStringList check() const;
    // The interpreter to run: `interpreter` if set (a path, or a name on PATH), else python3.
    QString resolvedInterpreter() const;

    // Where the tracer (sitecustomize.py + proclab_trace/) is: $PROCLAB_PYTHON_DIR, else
    // beside the executable (build tree: ../python; installed: ../lib/proclab/python).
    static QString tracerDir();
    // The lab's own Python program (the one its Notes show), empty if it has none.
    static QString labProgram(const QString &labId);
    // A lab's parameters as the program's arguments: --name value, in schema order.
    static QStringList labArguments(const QString &labId, const QJsonObject &params);
    // The run of lab `labId`'s own program with `params` (resolved, defaults in).
    // programText is empty when the lab has no Python program.
    static PythonRun forLab(const QString &labId, const QJsonObject &params);
};

} // namespace proclab
