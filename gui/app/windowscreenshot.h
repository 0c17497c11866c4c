#pragma once
// proclab --screenshot FILE: saves the window once the frame that shows the
// finished run has been drawn (or, with no run, the window's first frame),
// then reports how it went. No timer decides when: the save waits for the
// run's end (LabPage::runningChanged(false)) and then for the repaint that
// follows it, so the image is the run's last frame.
//
// A file that cannot be written is a message and a non-zero exit, never a
// silent success: check() refuses a missing directory or an unknown image
// format before anything runs; a write that fails at the end (disk full, file
// too large) leaves no partial file (QSaveFile) and is reported by finished().

#include <QObject>
#include <QString>
#include <functional>

class QWidget;

namespace proclab {

class LabPage;

class WindowScreenshot : public QObject
{
    Q_OBJECT
public:
    // Exit statuses, as proclab-run's: 0 saved, 2 bad input (nothing ran), 3
    // the run did not start or the file could not be written.
    enum Exit { Saved = 0, BadInput = 2, Failed = 3 };

    WindowScreenshot(QWidget *window, QString file, QObject *parent = nullptr);

    // Why `file` cannot be written (missing directory, not a directory,
    // unknown format), or an empty string when it can be tried.
    static QString check(const QString &file);
    // Writes `window` as it is now; false and *error on failure.
    static bool save(QWidget *window, const QString &file, QString *error);

    // Starts a run with `startRun` (false: it was refused) and saves after
    // `page`'s run has ended and its last frame has been drawn.
    void afterRun(LabPage *page, const std::function<bool()> &startRun);
    // Saves once the window's next frame has been drawn.
    void afterNextFrame();

Q_SIGNALS:
    // Once, with the process exit status; `message` says what went wrong.
    void finished(int exitStatus, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void saveNow();
    void finish(int exitStatus, const QString &message);

    QWidget *m_window;
    QString m_file;
    bool m_waitingForFrame = false;
    bool m_refused = false; // the run did not start
    bool m_done = false;
};

} // namespace proclab
