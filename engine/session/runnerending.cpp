#include "runnerending.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QTimer>
#include <csignal>
#include <sys/wait.h>

namespace proclab {

namespace {
int g_pending = 0;
int g_runnersRunning = 0;         // handed-over runners that have not ended yet
QEventLoop *g_waiting = nullptr; // waitForRunners' loop, while it runs
constexpr int kReapIntervalMs = 20;
constexpr int kQuietPollsToFinish = 50; // 1 s without a group member to reap
} // namespace

RunnerEnding *RunnerEnding::takeOver(QProcess *runner, qint64 labGroup,
                                     std::unique_ptr<QTemporaryDir> runDir, int graceMs,
                                     const QString &spillDir)
{
    auto *ending = new RunnerEnding(runner, labGroup, std::move(runDir));
    ending->m_spillDir = spillDir;
    ending->m_escalation.start(graceMs);
    runner->terminate(); // the runner stops the lab like a Stop press
    return ending;
}

RunnerEnding::RunnerEnding(QProcess *runner, qint64 labGroup,
                           std::unique_ptr<QTemporaryDir> runDir)
    : QObject(QCoreApplication::instance()), m_runner(runner), m_group(labGroup),
      m_runDir(std::move(runDir))
{
    ++g_pending;
    ++g_runnersRunning;
    m_runner->setParent(this);
    connect(m_runner, &QProcess::finished, this, &RunnerEnding::onRunnerFinished);
    m_escalation.setSingleShot(true);
    connect(&m_escalation, &QTimer::timeout, this, &RunnerEnding::escalate);
    m_reaper.setInterval(kReapIntervalMs);
    connect(&m_reaper, &QTimer::timeout, this, &RunnerEnding::reapGroup);
}

RunnerEnding::~RunnerEnding()
{
    --g_pending;
    if (m_runner->state() != QProcess::NotRunning) {
        // The application is ending before the runner did: no event loop is
        // left to wait in, so kill and reap here. The runner dies before it
        // could remove the trace directory, so that is done here too.
        --g_runnersRunning;
        disconnect(m_runner, nullptr, this, nullptr);
        if (m_group > 0)
            ::kill(-pid_t(m_group), SIGKILL);
        m_runner->kill();
        m_runner->waitForFinished(1000);
        removeSpillDir();
    }
    if (m_group > 0) {
        siginfo_t info{};
        while (waitid(P_PGID, id_t(m_group), &info, WEXITED | WNOHANG) == 0 && info.si_pid != 0)
            info = {};
    }
}

void RunnerEnding::waitForRunners(int boundMs)
{
    if (g_runnersRunning == 0 || g_waiting)
        return;
    QEventLoop loop;
    QTimer::singleShot(boundMs, &loop, &QEventLoop::quit);
    g_waiting = &loop;
    loop.exec();
    g_waiting = nullptr;
}

void RunnerEnding::removeSpillDir()
{
    // The writers' spill files: every writer is gone (the runner reaps its
    // lab; a killed runner's lab was killed with it).
    if (!m_spillDir.isEmpty())
        QDir(m_spillDir).removeRecursively();
    m_spillDir.clear();
}

int RunnerEnding::pending()
{
    return g_pending;
}

void RunnerEnding::escalate()
{
    if (m_runner->state() == QProcess::NotRunning)
        return;
    // Killing by group is safe while members exist: Linux does not reuse a
    // pid that still names a process group.
    if (m_group > 0)
        ::kill(-pid_t(m_group), SIGKILL);
    m_runner->kill();
}

void RunnerEnding::onRunnerFinished()
{
    m_escalation.stop();
    m_runDir.reset(); // the runner is gone; nothing else writes there
    removeSpillDir();
    if (--g_runnersRunning == 0 && g_waiting)
        g_waiting->quit();
    if (m_group <= 0) {
        deleteLater();
        return;
    }
    reapGroup();
    m_reaper.start();
}

// Non-blocking: only lab processes re-parented to the host (the host is a
// child subreaper) are reaped here, never anything else of the host's.
void RunnerEnding::reapGroup()
{
    for (;;) {
        siginfo_t info{};
        if (waitid(P_PGID, id_t(m_group), &info, WEXITED | WNOHANG) != 0) {
            if (errno == ECHILD && ++m_quietPolls > kQuietPollsToFinish) {
                m_reaper.stop();
                deleteLater();
            }
            return;
        }
        if (info.si_pid == 0)
            return;
        m_quietPolls = 0;
    }
}

} // namespace proclab
