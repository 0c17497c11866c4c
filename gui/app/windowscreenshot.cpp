#include "windowscreenshot.h"

#include "labpage.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QImageWriter>
#include <QSaveFile>
#include <QTimer>
#include <QWidget>

namespace proclab {

WindowScreenshot::WindowScreenshot(QWidget *window, QString file, QObject *parent)
    : QObject(parent), m_window(window), m_file(std::move(file))
{
}

QString WindowScreenshot::check(const QString &file)
{
    const QFileInfo info(file);
    const QFileInfo dir(info.absolutePath());
    if (!dir.isDir())
        return tr("cannot write the screenshot %1: the folder %2 does not exist")
            .arg(file, QDir::toNativeSeparators(dir.filePath()));
    if (info.isDir())
        return tr("cannot write the screenshot %1: it is a folder").arg(file);
    const QByteArray format = info.suffix().toLower().toLatin1();
    if (!QImageWriter::supportedImageFormats().contains(format))
        return tr("cannot write the screenshot %1: unknown image format '%2' (use .png)")
            .arg(file, info.suffix());
    return {};
}

bool WindowScreenshot::save(QWidget *window, const QString &file, QString *error)
{
    if (const QString why = check(file); !why.isEmpty()) {
        *error = why;
        return false;
    }
    const QImage image = window->grab().toImage();
    QSaveFile out(file); // nothing but a whole image ever stands at `file`
    QImageWriter writer(&out, QFileInfo(file).suffix().toLower().toLatin1());
    if (!out.open(QIODevice::WriteOnly)) {
        *error = tr("cannot write the screenshot %1: %2").arg(file, out.errorString());
        return false;
    }
    if (!writer.write(image)) {
        *error = tr("cannot write the screenshot %1: %2").arg(file, writer.errorString());
        out.cancelWriting();
        return false;
    }
    if (!out.commit()) {
        *error = tr("cannot write the screenshot %1: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}

void WindowScreenshot::afterRun(LabPage *page, const std::function<bool()> &startRun)
{
    connect(page, &LabPage::runningChanged, this, [this](bool running) {
        if (!running)
            afterNextFrame();
    });
    // Queued: the window is shown and the event loop runs before the run starts.
    QTimer::singleShot(0, this, [this, startRun] {
        if (!startRun()) { // the window says why: save it, but do not call it a success
            m_refused = true;
            afterNextFrame();
        }
    });
}

void WindowScreenshot::afterNextFrame()
{
    if (m_done || m_waitingForFrame)
        return;
    m_waitingForFrame = true;
    // What the end of the run posted (the last snapshot's model signals, the
    // views' queued updates, and what those post in turn) is handled first:
    // two turns of the event loop, then the frame that shows it all.
    QTimer::singleShot(0, this, [this] {
        QTimer::singleShot(0, this, [this] {
            m_window->installEventFilter(this);
            m_window->update(); // a whole frame is drawn even if nothing else changed
        });
    });
}

bool WindowScreenshot::eventFilter(QObject *watched, QEvent *event)
{
    // The window draws a frame when it handles an UpdateRequest (and paints
    // itself within it): save once that has returned, the frame complete.
    const bool drawing = event->type() == QEvent::UpdateRequest || event->type() == QEvent::Paint;
    if (watched == m_window && drawing && m_waitingForFrame) {
        m_waitingForFrame = false;
        m_window->removeEventFilter(this);
        QMetaObject::invokeMethod(this, &WindowScreenshot::saveNow, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

void WindowScreenshot::saveNow()
{
    QString error;
    if (!save(m_window, m_file, &error))
        finish(Failed, error);
    else if (m_refused)
        finish(Failed, tr("the run did not start: %1 shows why").arg(m_file));
    else
        finish(Saved, {});
}

void WindowScreenshot::finish(int exitStatus, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(exitStatus, message);
}

} // namespace proclab
