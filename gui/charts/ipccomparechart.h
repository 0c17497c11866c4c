#pragma once
// ipc-compare's result as two horizontal bar charts side by side: messages
// per second and mean latency per channel (file + lock, Pipe, Queue,
// Manager), both on log scales (the channels differ by orders of magnitude),
// each channel's value written beside its name. Read from the model's summary ("methods" rows);
// the second place that uses Qt Charts (see queuedepthchart.h).

#include <QStringList>
#include <QWidget>

class QAbstractBarSeries;
class QHorizontalBarSeries;
class QChart;
class QChartView;
class QBarCategoryAxis;
class QLogValueAxis;

namespace proclab {

class TraceModel;

class IpcCompareChart : public QWidget
{
    Q_OBJECT
public:
    explicit IpcCompareChart(QWidget *parent = nullptr);
    void setModel(TraceModel *model);

    bool hasData() const { return !m_methods.isEmpty(); }
    QStringList methods() const { return m_methods; } // summary names, in order
    // One bar set each; bar i is methods()[count - 1 - i] (the first method on top).
    QAbstractBarSeries *rateSeries() const;
    QAbstractBarSeries *latencySeries() const;

    // "file" -> "file + lock" (translated), for axis labels.
    static QString methodTitle(const QString &name);

Q_SIGNALS:
    void hasDataChanged(bool has);

private:
    void refresh();

    TraceModel *m_model = nullptr;
    QStringList m_methods;
    QChart *m_rateChart;
    QChart *m_latencyChart;
    QHorizontalBarSeries *m_rate;
    QHorizontalBarSeries *m_latency;
    QBarCategoryAxis *m_rateX;
    QBarCategoryAxis *m_latencyX;
    QLogValueAxis *m_rateY;
    QLogValueAxis *m_latencyY;
};

} // namespace proclab
