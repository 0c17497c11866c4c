#include "outcomehistogram.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegendMarker>
#include <QValueAxis>
#include <QVBoxLayout>
#include <cmath>

namespace proclab {

namespace {

// Colour-blind safe (Okabe-Ito): blue, vermillion, then green, purple.
const QColor kSeriesColors[] = {QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00),
                                QColor(0x00, 0x9e, 0x73), QColor(0xcc, 0x79, 0xa7)};

// A round step (1, 2, 5 × 10^k, at least 1) giving about five ticks up to `top`.
int countStep(int top)
{
    const double raw = std::max(1.0, top / 5.0);
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade >= raw)
            return std::max(1, int(m * decade));
    return int(10 * decade);
}

} // namespace

OutcomeHistogram::OutcomeHistogram(QWidget *parent) : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(6, 6, 6, 6));
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_bars = new QBarSeries(this);
    m_bars->setLabelsVisible(true);
    m_bars->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    m_bars->setBarWidth(0.85);
    m_chart->addSeries(m_bars);
    m_x = new QBarCategoryAxis(this);
    m_y = new QValueAxis(this);
    m_y->setLabelFormat(QStringLiteral("%d"));
    m_y->setTitleText(tr("runs"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_bars->attachAxis(m_x);
    m_bars->attachAxis(m_y);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    applyFonts();
}

QString OutcomeHistogram::formatValue(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("–");
    if (v == std::floor(v) && std::abs(v) < 1e15) {
        // Thin groups of three digits read well from the back of a room.
        QString digits = QString::number(qint64(std::abs(v)));
        for (int i = int(digits.size()) - 3; i > 0; i -= 3)
            digits.insert(i, QChar(0x2009));
        return (v < 0 ? QStringLiteral("−") : QString()) + digits;
    }
    return QString::number(v, 'g', std::abs(v) >= 100 ? 5 : 3);
}

void OutcomeHistogram::applyFonts()
{
    // Large enough for a projector: the title and the axis names are what a
    // room reads first.
    QFont base = font();
    const qreal pt = base.pointSizeF() > 0 ? base.pointSizeF() : 10;
    QFont title = base;
    title.setPointSizeF(pt * 1.5);
    title.setBold(true);
    m_chart->setTitleFont(title);
    QFont axisTitle = base;
    axisTitle.setPointSizeF(pt * 1.25);
    axisTitle.setBold(true);
    QFont labels = base;
    labels.setPointSizeF(pt * 1.1);
    for (auto *axis : {static_cast<QAbstractAxis *>(m_x), static_cast<QAbstractAxis *>(m_y)}) {
        axis->setTitleFont(axisTitle);
        axis->setLabelsFont(labels);
    }
    QFont legend = base;
    legend.setPointSizeF(pt * 1.2);
    m_chart->legend()->setFont(legend);
}

void OutcomeHistogram::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QWidget::changeEvent(event);
}

void OutcomeHistogram::setData(const QString &title, const QString &axisTitle,
                               const QList<HistogramSeries> &series)
{
    m_series = series;
    QVector<double> all;
    for (const HistogramSeries &s : series)
        all += s.values;
    // The same bins for every series, so their bars stand side by side.
    m_bins = Histogram::bins(all);

    m_chart->setTitle(title);
    m_x->setTitleText(axisTitle);
    m_bars->clear();
    QStringList labels;
    for (const HistogramBin &b : m_bins)
        labels << b.label();
    m_x->setCategories(labels);

    int top = 1;
    for (int i = 0; i < series.size(); ++i) {
        auto *set = new QBarSet(statsText(i));
        const QVector<int> n = counts(i);
        for (int c : n) {
            set->append(c);
            top = std::max(top, c);
        }
        const QColor color = kSeriesColors[i % std::size(kSeriesColors)];
        set->setColor(color);
        set->setBorderColor(color.darker(130));
        set->setLabelColor(Qt::black);
        connect(set, &QBarSet::clicked, this, [this, i](int bin) { Q_EMIT barClicked(i, bin); });
        m_bars->append(set);
    }
    // Room above the tallest bar for its count.
    const int step = countStep(top);
    const int max = int(std::ceil((top + std::max(1.0, top * 0.08)) / step)) * step;
    m_y->setRange(0, max);
    m_y->setTickCount(max / step + 1);
    m_y->setMinorTickCount(0);
    m_chart->legend()->setVisible(!series.isEmpty());
}

QVector<int> OutcomeHistogram::counts(int series) const
{
    if (series < 0 || series >= m_series.size())
        return {};
    return Histogram::counts(m_bins, m_series[series].values);
}

QVector<int> OutcomeHistogram::indicesInBin(int series, int bin) const
{
    QVector<int> out;
    if (series < 0 || series >= m_series.size() || bin < 0 || bin >= m_bins.size())
        return out;
    const QVector<double> &values = m_series[series].values;
    for (int i = 0; i < values.size(); ++i)
        if (Histogram::binOf(m_bins, values[i]) == bin)
            out << i;
    return out;
}

QString OutcomeHistogram::statsText(int series) const
{
    if (series < 0 || series >= m_series.size())
        return {};
    const HistogramSeries &s = m_series[series];
    const OutcomeStats st = OutcomeStats::of(s.values);
    const QString stats = tr("n = %1: min %2 · median %3 · max %4")
                              .arg(st.count)
                              .arg(formatValue(st.min), formatValue(st.median),
                                   formatValue(st.max));
    return s.name.isEmpty() ? stats : tr("%1 — %2").arg(s.name, stats);
}

QPointF OutcomeHistogram::barCenter(int series, int bin) const
{
    const QVector<int> n = counts(series);
    if (bin < 0 || bin >= n.size())
        return {};
    // Bars of one bin share its width; each series gets an equal slice of it.
    const int sets = std::max(1, seriesCount());
    const double slot = m_bars->barWidth() / sets;
    const double x = bin - m_bars->barWidth() / 2 + slot * (series + 0.5);
    const QPointF scene = m_chart->mapToPosition(QPointF(x, n[bin] / 2.0), m_bars);
    const QPoint inView = m_view->mapFromScene(scene);
    return m_view->viewport()->mapTo(this, inView);
}

} // namespace proclab
