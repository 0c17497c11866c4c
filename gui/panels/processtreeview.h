#pragma once
// The process tree beside the timeline: every process of the run under its
// parent (orphans under the runner, marked "re-parented from PID"), with pid,
// state and exit code. Shows the instant the time cursor points at, else the
// live "now". Selecting a process asks the timeline to highlight its lane.

#include <QPointer>
#include <QWidget>

class QLabel;
class QTreeView;

namespace proclab {

class ProcessTreeModel;
class TimeCursor;
class TraceModel;

class ProcessTreeView : public QWidget
{
    Q_OBJECT
public:
    explicit ProcessTreeView(QWidget *parent = nullptr);

    void setModel(TraceModel *model);
    void setTimeCursor(TimeCursor *cursor);
    ProcessTreeModel *treeModel() const { return m_tree; }
    QTreeView *treeView() const { return m_view; }
    QString headingText() const;
    void selectPid(qint64 pid);

    QSize sizeHint() const override { return {380, 400}; }
    QSize minimumSizeHint() const override { return {240, 120}; }

Q_SIGNALS:
    void processSelected(qint64 pid); // -1: none

private:
    void showTime(double us);
    void afterReset();
    void updateHeading();

    QPointer<TraceModel> m_model;
    ProcessTreeModel *m_tree;
    QTreeView *m_view;
    QLabel *m_heading;
    qint64 m_selectedPid = -1;
};

} // namespace proclab
