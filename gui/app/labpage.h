#pragma once
// One lab at work: its parameters, Run / Stop, the live timeline, the summary
// and what the processes printed. Owns the run (LabSession) and its model.

#include "labsession.h"

#include <QWidget>
#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace proclab {

class ConsoleView;
class DistributionPanel;
class LabNotesPanel;
class ParameterForm;
class ProcessTreeView;
class QueueDepthChart;
class IpcCompareChart;
class TimeCursor;
class RacePanel;
class RepeatControl;
class SummaryPanel;
class TimelineView;
class TraceModel;

class LabPage : public QWidget
{
    Q_OBJECT
public:
    explicit LabPage(QWidget *parent = nullptr);

    void setLab(const QString &labId);
    QString labId() const { return m_labId; }
    // Shows a user's Python program instead of a lab: its source in Notes,
    // an arguments field instead of the parameters; Run runs it under CPython.
    bool openProgram(const QString &path, QString *error);
    QString programPath() const { return m_program; }
    // Run the lab's own Python program instead of the C++ lab (remembered
    // unless `remember` is false: a command line's choice for one session).
    void setRunAsPython(bool on, bool remember = true);
    bool runsAsPython() const;
    bool run(); // false (with the reason shown) when the form is invalid
    void stop();
    bool isRunning() const;
    // Shows a run that was opened from a file instead of run here.
    void showOpenedTrace();
    // Shows the run now in model() (filled by someone else, e.g. proclab-run
    // rendering offscreen) with `status` as its status line.
    void showRun(std::function<QString()> status);

    TraceModel *model() const { return m_model; }
    TimelineView *timeline() const { return m_timeline; }
    QueueDepthChart *queueChart() const { return m_chart; }
    IpcCompareChart *ipcChart() const { return m_ipcChart; }
    ParameterForm *form() const { return m_form; }
    RacePanel *racePanel() const { return m_race; }
    ProcessTreeView *processTree() const { return m_processTree; }
    LabNotesPanel *notes() const { return m_notes; }
    LabSession *session() const { return m_session; }
    RepeatControl *repeatControl() const { return m_repeat; }
    DistributionPanel *distribution() const { return m_distribution; }
    // Runs the lab `runs` times (Run ×N); the Distribution tab shows the outcomes.
    bool runSeries(int runs);
    QString statusText() const;
    // Gives the timeline most of the height (projector: larger lanes and a
    // longer legend) or the usual share.
    void setTimelineFirst(bool on);

    // The panels around the timeline, each shown or collapsed (projector
    // mode collapses them to a toolbar, "timeline only" hides them all).
    enum class Panel
    {
        Parameters, // the form, Run / Stop
        Summary,    // the summary and the race panel
        Processes,  // the process tree
        Notes,      // the tabs under the timeline: notes, output, charts
    };
    void setPanelShown(Panel panel, bool on);
    bool panelShown(Panel panel) const;
    // The lab's title and blurb above everything (the timeline's own title
    // names the lab when they are hidden).
    void setHeaderShown(bool on);
    bool headerShown() const;
    // Splitters whose positions are remembered: body (side | timeline),
    // left (side | process tree), right (timeline | tabs).
    QList<QSplitter *> splitters() const;

Q_SIGNALS:
    void panelsChanged();

    void runningChanged(bool running);
    void runAsPythonChanged(bool on);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onFinished(LabSession::State state);
    void dropSeries(); // forgets the Run ×N series and closes its tab
    void retranslateUi();
    // The status is kept as a function so that it can be said again in
    // another language.
    void showStatus(std::function<QString()> text, bool problem);
    void updateCaption();
    bool startRun(QStringList *errors);
    void setProgramMode(bool on);

    QString m_labId;
    TraceModel *m_model;
    LabSession *m_session;
    QLabel *m_title;
    QLabel *m_blurb;
    ParameterForm *m_form;
    QPushButton *m_run;
    QPushButton *m_stop;
    QPushButton *m_fit;
    QCheckBox *m_asPython;    // Run as Python
    QLineEdit *m_programArgs; // a user's program: its arguments
    QString m_program;        // a user's program instead of a lab
    SummaryPanel *m_summary;
    RacePanel *m_race;
    TimelineView *m_timeline;
    QueueDepthChart *m_chart;
    IpcCompareChart *m_ipcChart;
    TimeCursor *m_cursor;
    ConsoleView *m_console;
    LabNotesPanel *m_notes;
    RepeatControl *m_repeat;
    DistributionPanel *m_distribution;
    QTabWidget *m_bottom;
    QSplitter *m_split; // timeline above, tabs below
    QSplitter *m_left;  // side column above, process tree below
    QSplitter *m_body;  // left | right
    QWidget *m_paramsBox;
    QWidget *m_summaryBox;
    QWidget *m_sideScroll;
    ProcessTreeView *m_processTree;
    std::function<QString()> m_status;
    bool m_statusProblem = false;
};

} // namespace proclab
