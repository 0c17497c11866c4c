#pragma once
// For labs with shared state: expected vs actual in large type, every lost
// update as a sentence (click one and the timeline zooms to it), and the
// history of each shared file's content.

#include <QWidget>

class QLabel;
class QListWidget;

namespace proclab {

class TraceModel;
class TimelineView;
class RaceVerdict;

class RacePanel : public QWidget
{
    Q_OBJECT
public:
    explicit RacePanel(QWidget *parent = nullptr);
    void setModel(TraceModel *model);
    void setTimeline(TimelineView *timeline) { m_timeline = timeline; }
    // Whether the run has anything for this panel (shared values or files).
    bool hasContent() const { return m_hasContent; }
    int listedLostUpdates() const;
    // The verdict in large type ("expected 40000 · got 28113"), one line.
    RaceVerdict *verdict() const { return m_verdict; }

    static constexpr int kMaxListed = 2000; // the count stays exact; the list stops here

Q_SIGNALS:
    void contentChanged(bool hasContent);
    // A run's verdict was just shown (at the end of a run, or a trace opened).
    void verdictShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void zoomTo(int row);

    TraceModel *m_model = nullptr;
    TimelineView *m_timeline = nullptr;
    RaceVerdict *m_verdict;
    QLabel *m_headline;
    QListWidget *m_lost;
    QLabel *m_filesTitle;
    QListWidget *m_files;
    bool m_hasContent = false;
    QString m_shownKey;
};

} // namespace proclab
