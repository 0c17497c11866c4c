#include "ipccomparechart.h"

#include "tracemodel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QJsonArray>
#include <QLogValueAxis>
#include <cmath>

namespace proclab {

namespace {

const QColor kRate(0x00, 0x72, 0xb2);
const QColor kLatency(0xd5, 0x5e, 0x00);

// 132366 -> "132 k", 9570 -> "9.6 k", 1830000 -> "1.8 M"
QString compact(double v)
{
    if (v >= 1e6)
        return QStringLiteral("%1 M").arg(v / 1e6, 0, 'f', v >= 1e7 ? 0 : 1);
    if (v >= 1e3)
        return QStringLiteral("%1 k").arg(v / 1e3, 0, 'f', v >= 1e4 ? 0 : 1);
    return QString::number(v, 'f', v >= 10 ? 0 : 1);
}

QString latencyText(double us)
{
    if (us >= 1e6)
        return IpcCompareChart::tr("%1 s").arg(us / 1e6, 0, 'f', 1);
    if (us >= 1e3)
        return IpcCompareChart::tr("%1 ms").arg(us / 1e3, 0, 'f', us >= 1e4 ? 0 : 1);
    return IpcCompareChart::tr("%1 µs").arg(us, 0, 'f', us >= 10 ? 0 : 1);
}

QChart *makeChart(const QString &title, QAbstractBarSeries *series, QBarCategoryAxis *x,
                  QLogValueAxis *y)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    QFont tf = chart->titleFont();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.2);
    chart->setTitleFont(tf);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->addSeries(series);
    QFont lf = x->labelsFont();
    lf.setBold(true); // (larger, Qt Charts elides them in a half-width tab)
    x->setLabelsFont(lf);
    // Horizontal bars: the channel names and values read on the left, unclipped.
    chart->addAxis(x, Qt::AlignLeft);
    y->setBase(10);
    y->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(y, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

// Decades around the values, so every bar starts at the bottom and none touches the top.
void fitDecades(QLogValueAxis *axis, const QList<qreal> &values)
{
    double lo = 1e300, hi = 0;
    for (qreal v : values)
        if (v > 0) {
            lo = std::min(lo, double(v));
            hi = std::max(hi, double(v));
        }
    if (hi <= 0) {
        axis->setRange(1, 10);
        return;
    }
    const double min = std::pow(10.0, std::floor(std::log10(lo)) - (lo == hi ? 1 : 0));
    const double max = std::pow(10.0, std::ceil(std::log10(hi * 1.5)));
    axis->setRange(min, max);
    axis->setMinorTickCount(-1);
}

} // namespace

IpcCompareChart::IpcCompareChart(QWidget *parent) : QWidget(parent)
{
    m_rate = new QHorizontalBarSeries(this);
    m_latency = new QHorizontalBarSeries(this);
    m_rateX = new QBarCategoryAxis(this);
    m_latencyX = new QBarCategoryAxis(this);
    m_rateY = new QLogValueAxis(this);
    m_latencyY = new QLogValueAxis(this);
    m_rateChart = makeChart(tr("Messages per second (more is faster)"), m_rate, m_rateX, m_rateY);
    m_latencyChart =
        makeChart(tr("Mean latency (less is better)"), m_latency, m_latencyX, m_latencyY);
    m_rateY->setTitleText(tr("messages/s (log scale)"));
    m_latencyY->setTitleText(tr("µs (log scale)"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QChart *chart : {m_rateChart, m_latencyChart}) {
        auto *view = new QChartView(chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        layout->addWidget(view, 1);
    }
}

QAbstractBarSeries *IpcCompareChart::rateSeries() const
{
    return m_rate;
}

QAbstractBarSeries *IpcCompareChart::latencySeries() const
{
    return m_latency;
}

QString IpcCompareChart::methodTitle(const QString &name)
{
    if (name == QLatin1String("file"))
        return tr("file+lock");
    if (name == QLatin1String("pipe"))
        return tr("Pipe");
    if (name == QLatin1String("queue"))
        return tr("Queue");
    if (name == QLatin1String("shared-memory"))
        return tr("Array");
    if (name == QLatin1String("manager"))
        return tr("Manager");
    return name;
}

void IpcCompareChart::setModel(TraceModel *model)
{
    m_model = model;
    connect(model, &TraceModel::changed, this, &IpcCompareChart::refresh);
    refresh();
}

void IpcCompareChart::refresh()
{
    if (!m_model)
        return;
    const QJsonArray rows = m_model->summary().value(QLatin1String("methods")).toArray();
    QStringList methods, rateLabels, latencyLabels;
    QList<qreal> rates, latencies;
    for (const QJsonValue &v : rows) {
        const QJsonObject row = v.toObject();
        const QString name = row.value(QLatin1String("name")).toString();
        const double rate = row.value(QLatin1String("msgs_per_s")).toDouble();
        const double latency = row.value(QLatin1String("latency_us")).toDouble();
        // Categories run bottom to top: prepend, so the first channel is on top.
        methods << name;
        rates.prepend(rate);
        latencies.prepend(latency);
        rateLabels.prepend(tr("%1: %2/s").arg(methodTitle(name), compact(rate)));
        latencyLabels.prepend(
            QStringLiteral("%1: %2").arg(methodTitle(name), latencyText(latency)));
    }
    if (methods == m_methods && !methods.isEmpty() && m_rate->count() == 1 &&
        m_rate->barSets().first()->count() == rates.size()) {
        bool same = true;
        for (int i = 0; i < rates.size(); ++i)
            same = same && m_rate->barSets().first()->at(i) == rates[i] &&
                   m_latency->barSets().first()->at(i) == latencies[i];
        if (same)
            return; // unchanged: the model changes on every live batch
    }
    const bool had = hasData();
    m_methods = methods;
    m_rate->clear();
    m_latency->clear();
    if (!methods.isEmpty()) {
        auto *rate = new QBarSet(tr("messages/s"));
        rate->append(rates);
        rate->setColor(kRate);
        m_rate->append(rate);
        auto *latency = new QBarSet(tr("latency"));
        latency->append(latencies);
        latency->setColor(kLatency);
        m_latency->append(latency);
    }
    m_rateX->setCategories(rateLabels);
    m_latencyX->setCategories(latencyLabels);
    fitDecades(m_rateY, rates);
    fitDecades(m_latencyY, latencies);
    if (had != hasData())
        Q_EMIT hasDataChanged(hasData());
}

} // namespace proclab
