#pragma once
// One run of a lab by some engine, as a series sees it: start into a model,
// stop, and a signal when the run has ended (the model then holds the whole
// run, its runStatus() says how it ended). LabSessionEngine runs the C++ lab
// through LabSession; another engine (CPython running the lab's program)
// implements the same three calls, so a series runner and the chart do not
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

private:
    LabSession *m_session = nullptr;
    QList<QPointer<LabSession>> m_finished; // kept a while for stray reaping
};

} // namespace proclab
