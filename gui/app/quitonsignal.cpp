// SPDX-License-Identifier: MIT
#include "quitonsignal.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace proclab {

namespace {

int g_pipe[2] = {-1, -1};
pid_t g_pid = 0;
constexpr int kSignals[] = {SIGTERM, SIGINT, SIGHUP};
bool g_handled[NSIG] = {}; // the ones quitOnSignals took over

void restoreDefaults()
{
    for (int s : kSignals)
        if (g_handled[s])
            std::signal(s, SIG_DFL);
}

// Async-signal-safe only: getpid, write, signal, raise; errno kept for the
// code this interrupted.
void onSignal(int sig)
{
    const int savedErrno = errno;
    if (getpid() != g_pid) {
        // A child between fork and exec (it shares the handler until exec):
        // the signal was meant for it, so it gets the default action.
        std::signal(sig, SIG_DFL);
        raise(sig);
    } else {
        const unsigned char b = static_cast<unsigned char>(sig);
        const ssize_t written = ::write(g_pipe[1], &b, 1); // full pipe: one is already queued
        static_cast<void>(written);
    }
    errno = savedErrno;
}

} // namespace

void quitOnSignals(QCoreApplication *app, std::function<void(int)> beforeQuit)
{
    handleSignals(app, [beforeQuit = std::move(beforeQuit)](int sig) {
        if (beforeQuit)
            beforeQuit(sig);
        QCoreApplication::exit(128 + sig);
    });
}

void handleSignals(QCoreApplication *app, std::function<void(int)> handler)
{
    if (g_pipe[0] >= 0 || ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    g_pid = getpid();
    auto *notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app,
                     [notifier, handler = std::move(handler)] {
                         unsigned char sig = 0;
                         if (::read(g_pipe[0], &sig, 1) != 1)
                             return;
                         notifier->setEnabled(false);
                         // Handled once: a second signal ends the process.
                         restoreDefaults();
                         handler(sig);
                     });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int s : kSignals) {
        // One that was ignored when we were started (nohup, a shell's
        // background job and SIGINT) stays ignored.
        struct sigaction old = {};
        if (sigaction(s, nullptr, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        g_handled[s] = sigaction(s, &sa, nullptr) == 0;
    }
}

} // namespace proclab
