#include "runengine.h"

#include "labsession.h"

#include <QTimer>

namespace proclab {

namespace {
// A finished session is kept this long before it is deleted: after a crashed
// runner it still reaps the lab's re-parented processes for up to a second.
// At most kKeptSessions are kept (each holds its trace ring), so a series of
// fast runs does not pile them up.
constexpr int kKeepFinishedSessionMs = 3000;
constexpr int kKeptSessions = 3;
} // namespace

bool LabSessionEngine::start(const RunRequest &request, TraceModel *model, QStringList *errors)
{
    if (isRunning()) {
        errors->append(tr("A lab is already running: stop it first"));
        return false;
    }
    return newSession(model)->start(request.labId, request.assignments, errors,
                                    request.timeoutSeconds);
}

LabSession *LabSessionEngine::newSession(TraceModel *model)
{
    if (m_session) {
        // Idle now; deleted later (see kKeepFinishedSessionMs), with us at the latest.
        disconnect(m_session, nullptr, this, nullptr);
        QTimer::singleShot(kKeepFinishedSessionMs, m_session, &QObject::deleteLater);
        m_finished.append(m_session);
        while (m_finished.size() > kKeptSessions)
            delete m_finished.takeFirst().data(); // (null once deleted later)
    }
    m_session = new LabSession(model, this);
    m_session->setOutputForwarded(false); // one of many runs: its prints are in the trace
    connect(m_session, &LabSession::finished, this, &RunEngine::finished);
    return m_session;
}

bool PythonLabEngine::start(const RunRequest &request, TraceModel *model, QStringList *errors)
{
    if (isRunning()) {
        errors->append(tr("A lab is already running: stop it first"));
        return false;
    }
    QJsonObject params;
    if (!LabSession::resolveLab(request.labId, request.assignments, &params, errors))
        return false;
    PythonRun run = PythonRun::forLab(request.labId, params);
    if (run.programText.isEmpty()) {
        errors->append(tr("lab '%1' has no Python program").arg(request.labId));
        return false;
    }
    run.interpreter = request.interpreter;
    return newSession(model)->startPython(run, errors, request.timeoutSeconds);
}

void LabSessionEngine::stop()
{
    if (m_session)
        m_session->stop();
}

bool LabSessionEngine::isRunning() const
{
    return m_session && m_session->isRunning();
}

QString LabSessionEngine::message() const
{
    return m_session ? m_session->message() : QString();
}

} // namespace proclab
