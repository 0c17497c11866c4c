#pragma once
// One run of a lab by some engine, as a series sees it: start into a model,
// stop, and a signal when the run has ended (the model then holds the whole
// run, its runStatus() says how it ended). LabSessionEngine runs the C++ lab
// through LabSession; PythonLabEngine the lab's own Python program under
// CPython (also through LabSession); a series runner and the chart do not
// care which one made the runs.

#include <QMap>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace proclab {

class LabSession;
class TraceModel;

// What one run is: the same for every run of a series.
struct RunRequest
{
    QString labId;
    QMap<QString, QString> assignments; // parameter -> text, as the form or --set has them
    double timeoutSeconds = 0;          // 0: none
    QString interpreter;                // PythonLabEngine: empty = python3 from PATH
};

class RunEngine : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // Starts one run into `model` (cleared first). False with one message per
    // problem when nothing was started. Never blocks.
    virtual bool start(const RunRequest &request, TraceModel *model, QStringList *errors) = 0;
    virtual void stop() = 0; // ends the run's processes; finished() follows
    virtual bool isRunning() const = 0;
    virtual QString message() const = 0; // why the last run did not finish

Q_SIGNALS:
    void finished();
};

// The C++ labs: a fresh LabSession for each run's model.
class LabSessionEngine : public RunEngine
{
    Q_OBJECT
public:
    using RunEngine::RunEngine;
    bool start(const RunRequest &request, TraceModel *model, QStringList *errors) override;
    void stop() override;
    bool isRunning() const override;
    QString message() const override;

protected:
    // A fresh session for `model` (the previous one is kept a while, then deleted).
    LabSession *newSession(TraceModel *model);

private:
    LabSession *m_session = nullptr;
    QList<QPointer<LabSession>> m_finished; // kept a while for stray reaping
};

// The lab's own Python program (its Notes) under CPython with the request's
// parameters: the same N runs as the C++ lab, to chart side by side.
class PythonLabEngine : public LabSessionEngine
{
    Q_OBJECT
public:
    using LabSessionEngine::LabSessionEngine;
    bool start(const RunRequest &request, TraceModel *model, QStringList *errors) override;
};

} // namespace proclab
