#pragma once
// Queue depth over time (the ONLY place that uses Qt Charts, which upstream
// deprecates in 6.10: replace it here alone). Live while the lab runs, in
// batches; the maxsize line; shaded spans where producers were blocked on a
// full queue and consumers on an empty one; put/get totals per process.
// Its time axis follows the timeline's window, and both show the shared
// TimeCursor.

#include "queuedepthseries.h"

#include <QTimer>
#include <QWidget>

class QChart;
class QChartView;
class QLineSeries;
class QAreaSeries;
class QValueAxis;
class QGraphicsLineItem;
class QTableWidget;

namespace proclab {

class TraceModel;
class TimeCursor;

class QueueDepthChart : public QWidget
{
    Q_OBJECT
public:
    explicit QueueDepthChart(QWidget *parent = nullptr);
    void setModel(TraceModel *model);
    void setCursor(TimeCursor *cursor);
    void setTimeWindow(double startUs, double endUs);

    bool hasQueues() const { return m_hadQueues; }
    const QueueDepthData &data() const { return m_data; }
    // Points the depth series holds now (after downsampling), for tests.
    int plottedPoints() const;
    QChart *chart() const { return m_chart; }

Q_SIGNALS:
    void hasQueuesChanged(bool has);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void refresh();
    void placeCursor();
    void applyTimeWindow();
    void retranslateUi();

    TraceModel *m_model = nullptr;
    TimeCursor *m_cursor = nullptr;
    QChart *m_chart;
    QChartView *m_view;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QVector<QLineSeries *> m_depth;
    QLineSeries *m_maxsize;
    QAreaSeries *m_putBlocked;
    QAreaSeries *m_getBlocked;
    QGraphicsLineItem *m_cursorLine;
    QTableWidget *m_totals;
    QTimer m_throttle; // live updates at most ~10 times a second
    QueueDepthData m_data;
    double m_windowStart = 0, m_windowEnd = -1;
    bool m_windowPending = false; // set while hidden; applied when shown
    bool m_hadQueues = false;
};

} // namespace proclab
