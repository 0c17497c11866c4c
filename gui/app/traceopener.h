#pragma once
// File > Open trace for files of any size: reads on a thread of its own while
// a progress dialog shows how far it is and offers Cancel; the GUI thread
// only shows the result. Small files open the same way (the dialog appears
// only if reading takes longer than a moment).

#include "chrometrace.h"

#include <QObject>
#include <QPointer>
#include <atomic>
#include <memory>
#include <thread>

class QProgressDialog;
class QWidget;

namespace proclab {

class TraceOpener : public QObject
{
    Q_OBJECT
public:
    explicit TraceOpener(QWidget *parent);
    ~TraceOpener() override; // cancels and waits for a read still going

    // Starts reading `path`; done() comes when it has ended.
    void open(const QString &path);
    bool busy() const { return m_thread.joinable(); }
    void cancel() { m_cancel = true; }
    bool cancelled() const { return m_cancel.load(); }

Q_SIGNALS:
    // ok: `file` holds the trace; else `error` says why (cancelled included).
    void done(bool ok, const proclab::TraceFile &file, const QString &error);

private:
    void finished();
    void poll();

    QWidget *m_parent;
    std::thread m_thread;
    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_done{0}, m_total{0};
    QPointer<QProgressDialog> m_dialog;
    TraceFile m_file;
    QString m_error;
    bool m_ok = false;
    QString m_path;
};

} // namespace proclab
