#pragma once
// The Distribution tab: runs the lab N times (SeriesRunner), shows the
// progress, then a histogram of the lab's key outcome (or any numeric
// summary key) with min / median / max, and a list of the runs. Clicking a
// bar or a run loads that run's whole trace into the page's model, so the
// timeline above shows it. Saves the chart (PNG/SVG) and the runs (CSV).
// The runs are the C++ lab's, the lab's Python program's under CPython, or
// both (the lab's N, then CPython's N), charted side by side.

#include "seriesrunner.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace proclab {

class OutcomeHistogram;
class TraceModel;

class DistributionPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DistributionPanel(QWidget *parent = nullptr);

    // Where a run opened from the chart or the list is loaded.
    void setTarget(TraceModel *model) { m_target = model; }
    enum class Engines
    {
        Lab,          // the C++ lab
        Python,       // the lab's Python program under CPython
        LabAndPython, // both, one series after the other, side by side
    };

    // Starts `runs` runs of `labId` with `values` (per engine); false with
    // the problems when nothing was started.
    bool start(const QString &labId, const QMap<QString, QString> &values, int runs,
               QStringList *errors, Engines engines = Engines::Lab);
    void stop(); // ends the current run and the series
    void discard(); // forgets the series and their traces
    bool isRunning() const { return m_active >= 0; }
    bool hasSeries() const { return !allSeries().isEmpty(); }

    // Series `index` (0: the first engine's, 1: CPython's beside the lab's).
    SeriesRunner *runner(int index = 0) const { return m_runners[index]; }
    int seriesCount() const { return m_count; }
    QList<const OutcomeSeries *> allSeries() const;
    OutcomeHistogram *histogram() const { return m_chart; }
    QTreeWidget *runList() const { return m_list; }
    QComboBox *keyChooser() const { return m_key; }
    QString chartedKey() const;
    QString statusText() const;

    // Loads run `number` (1-based) of series `series` into the target model;
    // false with a message in the status line when it cannot. At the end of
    // a series the run nearest the median of the charted number is opened by
    // itself.
    bool openRun(int series, int number);
    bool openRun(int number) { return openRun(0, number); }
    int shownRun() const { return m_shown; } // 0: none
    int shownSeries() const { return m_shownSeries; }
    bool saveImage(const QString &path, QString *error);
    bool saveCsv(const QString &path, QString *error);

    // A run's status (the trace's word: finished, timed-out, ...) in the current language.
    static QString statusName(const QString &status);

    // Shows `key` of one or more series (same lab and parameters) in `chart`:
    // the title names the lab, the run count and the parameters.
    static void showInChart(OutcomeHistogram *chart, const QList<const OutcomeSeries *> &series,
                            const QString &key);

Q_SIGNALS:
    void busyChanged(bool busy);
    // The target model now holds it; `seriesName` is empty with one series.
    void runOpened(int number, int total, const QString &seriesName);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onRunFinished(int series, int number);
    void onSeriesFinished(int series);
    void onBarClicked(int series, int bin);
    void refreshKeys();
    void refreshChart();
    void refreshStatus();
    void addRunRow(int series, const SeriesRun &run);
    void refreshRunValues();
    void saveImageDialog();
    void saveCsvDialog();
    void retranslateUi();

    SeriesRunner *m_runners[2];
    int m_count = 1;   // series in use
    int m_active = -1; // the series running, -1: none
    bool m_stopped = false;
    SeriesRequest m_pending; // the second series' request, run after the first
    TraceModel *m_target = nullptr;
    QLabel *m_status;
    QProgressBar *m_progress;
    QLabel *m_keyLabel;
    QComboBox *m_key;
    QPushButton *m_saveImage;
    QPushButton *m_saveCsv;
    OutcomeHistogram *m_chart;
    QTreeWidget *m_list;
    void openMedianRun(); // at the end of the series: the first's run nearest the median
    int m_openWhenKept = 0; // the run (of the first series) to open once its trace is kept
    int m_shown = 0;        // the run now in the target model
    int m_shownSeries = 0;  // and its series
    QString m_chosenKey; // picked in the chooser (empty: the lab's key outcome)
    QString m_problem; // the last failure to open or save, shown in the status line
};

} // namespace proclab
