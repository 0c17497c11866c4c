// SPDX-License-Identifier: MIT
#pragma once
// What a program of tests/python/course (one per code example of the course)
// must show when the CPython engine runs it: its lanes, which events on which
// lane, exit codes, the run's status and the key outcome it prints, exact
// where the program is deterministic and as bounds where it races. `check`
// holds what the example is about beyond counts (the order of starts and
// joins, disjoint lock holds, where a sentinel went, ...).

#include "labsession.h"
#include "pyrun.h"

#include <QJsonObject>
#include <QMap>
#include <QMetaType>
#include <QStringList>
#include <QVector>
#include <functional>

namespace proclab::test {

// `lane` is a lane's name, or (starting with '^') a regular expression: then
// every lane it matches must have the event, and at least one must match.
// An event counts the markers and the intervals of that name on the lane.
struct EventExpect
{
    QString lane{};
    QString event{};
    int min = 1;
    int max = 1;
};
inline EventExpect exactly(const QString &lane, const QString &event, int n)
{
    return {lane, event, n, n};
}
inline EventExpect between(const QString &lane, const QString &event, int lo, int hi)
{
    return {lane, event, lo, hi};
}

// A key the program prints whose value races: lo <= value <= hi.
struct KeyRange
{
    QString key{};
    double lo = 0;
    double hi = 0;
};

struct CourseCase
{
    QString program{};               // under tests/python/course/
    QString example{};               // the course's example it mirrors
    QStringList lanes{};             // every lane, in any order
    QStringList helperLanes{};       // lanes Python itself may add (ResourceTracker)
    QMap<QString, int> exitcodes{};  // lane -> exit code; every lane of `lanes`
    LabSession::State state = LabSession::State::Finished;
    QVector<EventExpect> events{};
    QJsonObject keys{};              // printed by MainProcess, exact
    QVector<KeyRange> ranges{};      // printed by MainProcess, within bounds
    std::function<void(const PyRun &)> check{}; // the example's point, from the trace
};

QVector<CourseCase> courseCases();

// Queries the checks share.
QString coursePath(const QString &program); // absolute path of tests/python/course/<program>
int eventCount(const PyRun &r, const Lane &lane, const QString &name);
QJsonObject printedKeys(const PyRun &r, const Lane &lane); // its `key: value` lines
QVector<const Lane *> lanesMatching(const PyRun &r, const QString &pattern);
// The lanes' stdout lines merged in time order: how often the writer changes.
int writerSwitches(const PyRun &r, const QVector<const Lane *> &lanes);
bool disjoint(QVector<Interval> intervals); // no two overlap (closed ones only)
double timeOf(const PyRun &r, const Lane &lane, const QString &marker); // first one; -1 if none
// Items (unique, not None) whose get() is on the timeline before their put().
QStringList getsBeforeTheirPut(const PyRun &r);

} // namespace proclab::test

Q_DECLARE_METATYPE(proclab::test::CourseCase)
