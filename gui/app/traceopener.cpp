#include "traceopener.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProgressDialog>
#include <QTimer>

namespace proclab {

TraceOpener::TraceOpener(QWidget *parent) : QObject(parent), m_parent(parent) {}

TraceOpener::~TraceOpener()
{
    m_cancel = true;
    if (m_thread.joinable())
        m_thread.join();
}

void TraceOpener::open(const QString &path)
{
    if (busy())
        return;
    m_path = path;
    m_cancel = false;
    m_done = 0;
    m_total = QFileInfo(path).size();
    m_dialog = new QProgressDialog(
        tr("Opening %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000, m_parent);
    m_dialog->setWindowTitle(tr("Open trace"));
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setMinimumDuration(400); // quick files open without a flash of a dialog
    m_dialog->setValue(0);
    connect(m_dialog, &QProgressDialog::canceled, this, [this] { m_cancel = true; });
    auto *timer = new QTimer(m_dialog);
    connect(timer, &QTimer::timeout, this, &TraceOpener::poll);
    timer->start(100);
    m_thread = std::thread([this, path] {
        m_ok = ChromeTrace::readFile(path, &m_file, &m_error,
                                     [this](qint64 done, qint64 total) {
                                         m_done = done;
                                         if (total > 0)
                                             m_total = total;
                                         return !m_cancel.load();
                                     });
        if (m_cancel.load() && m_ok) { // Cancel pressed as the last bytes were read
            m_ok = false;
            m_file = {};
            m_error = QObject::tr("cancelled");
        }
        QMetaObject::invokeMethod(this, &TraceOpener::finished, Qt::QueuedConnection);
    });
}

void TraceOpener::poll()
{
    if (!m_dialog)
        return;
    const qint64 total = m_total.load();
    m_dialog->setValue(total > 0 ? int(std::min<qint64>(999, m_done.load() * 1000 / total)) : 0);
}

void TraceOpener::finished()
{
    if (m_thread.joinable())
        m_thread.join();
    if (m_dialog) {
        m_dialog->reset();
        m_dialog->deleteLater();
    }
    const TraceFile file = std::move(m_file);
    m_file = {};
    Q_EMIT done(m_ok, file, m_error);
}

} // namespace proclab
