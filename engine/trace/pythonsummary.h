#pragma once
// The summary of a CPython program's run. A lab's Python program prints its
// key outcomes as lines `key: value` (the lab's own summary keys, e.g.
// `lost_updates: 17270`); MainProcess's lines of that form become summary
// entries, and so do a child's for keys MainProcess does not print (what only
// the child sees: the pipe lab's EOF, the isolation lab's values). What any run can tell from its trace is added when the program
// did not print it: MainProcess's exit code, processes, elapsed time, errors.

#include <QJsonObject>
#include <QString>

namespace proclab {

class TraceModel;

namespace PythonSummary {

// `key: value` -> (key, value as number, bool or text); false for other lines.
bool parseLine(const QString &line, QString *key, QJsonValue *value);
QJsonObject compute(const TraceModel &model);

} // namespace PythonSummary

} // namespace proclab
