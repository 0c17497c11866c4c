#pragma once
// One finished run of a Python program under the CPython engine, for a test:
// started through LabSession::startPython (the product's own path), waited
// for within a bound, with the queries the Python suites share.

#include "labsession.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QStringList>
#include <functional>

namespace proclab::test {

struct PyRun
{
    static constexpr int kBoundMs = 60000;

    TraceModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    LabSession session{&model};
    QJsonObject summary;
    QStringList errors; // why it did not start
    bool started = false;
    bool ended = false; // finished, failed, stopped or timed out within the bound

    // Runs tests/python/<program> (or an absolute path) with `args`.
    // `whileRunning` is called once the run has started (e.g. to stop it).
    PyRun(const QString &program, const QStringList &args = {}, double timeoutSeconds = 0,
          const std::function<void(PyRun &)> &whileRunning = {});
    explicit PyRun(const PythonRun &run, double timeoutSeconds = 0);

    LabSession::State state() const { return session.state(); }
    qint64 value(const char *key) const { return summary.value(QLatin1String(key)).toInteger(); }
    const Lane *lane(const QString &name) const; // the first lane of that name
    const Lane *mainLane() const;
    QVector<Marker> markers(const Lane &lane, const QString &name) const;
    QVector<Interval> intervals(const Lane &lane, const QString &name) const;
    int count(const QString &name, bool intervals = false) const; // over every lane
    QStringList laneNames() const;
    // The text of every stdout marker of a lane, in order.
    QStringList printed(const Lane &lane) const;

private:
    void wait(const std::function<void(PyRun &)> &whileRunning);
};

// Path of a program under tests/python/.
QString programPath(const QString &relative);
// Line (1-based) of the first line of `file` containing `text`; 0 if none.
int lineOf(const QString &file, const QString &text);

} // namespace proclab::test
