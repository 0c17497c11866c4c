// SPDX-License-Identifier: MIT
#include "quitonsignal.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace proclab {

namespace {

int g_pipe[2] = {-1, -1};
pid_t g_pid = 0;

// Async-signal-safe: one byte into a pipe the event loop watches. Only in
// this process (not in a child between fork and exec, which shares the
// handler until exec resets it).
void onSignal(int sig)
{
    if (getpid() != g_pid)
        return;
    const unsigned char b = static_cast<unsigned char>(sig);
    const ssize_t written = ::write(g_pipe[1], &b, 1);
    static_cast<void>(written);
}

} // namespace

void quitOnSignals(QCoreApplication *app)
{
    if (g_pipe[0] >= 0 || ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    g_pid = getpid();
    auto *notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [notifier] {
        unsigned char sig = 0;
        if (::read(g_pipe[0], &sig, 1) != 1)
            return;
        notifier->setEnabled(false);
        // Handled once: a second signal ends the process (the defaults again).
        for (int s : {SIGTERM, SIGINT, SIGHUP})
            std::signal(s, SIG_DFL);
        QCoreApplication::exit(128 + sig);
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        sigaction(s, &sa, nullptr);
}

} // namespace proclab
