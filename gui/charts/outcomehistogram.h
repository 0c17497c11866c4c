#pragma once
// How often each outcome came up over many runs of a lab: a histogram (runs
// per bin of the chosen value), one bar colour per series, so two series (the
// C++ lab and CPython running the same program) stand side by side on the
// same bins. The legend gives each series' min / median / max; clicking a bar
// says which series and bin, so the caller can open a run from it. Each bin
// has its own label (BinLabels), drawn whole: on one line, on two, or in a
// narrow chart only every k-th; the count axis is named level, above its
// numbers. Takes plain values: it knows nothing of runs or labs. Part of
// proclab_charts, the only library that uses Qt Charts.

#include "seriesstats.h"

#include <QPointF>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QBarCategoryAxis;
class QBarSeries;
class QChart;
class QChartView;
class QGraphicsSimpleTextItem;
class QValueAxis;

namespace proclab {

struct HistogramSeries
{
    QString name;           // "C++", "CPython"; may be empty when there is one series
    QVector<double> values; // one per run
};

class OutcomeHistogram : public QWidget
{
    Q_OBJECT
public:
    explicit OutcomeHistogram(QWidget *parent = nullptr);

    // `title` above the chart, `axisTitle` names the value (x axis).
    void setData(const QString &title, const QString &axisTitle,
                 const QList<HistogramSeries> &series);
    // A smaller line under the title (the lab's parameters); left out when
    // the chart is too low for it.
    void setSubtitle(const QString &subtitle);

    const QVector<HistogramBin> &bins() const { return m_bins; }
    // Each bin's label, whole and on one line; no two alike. The axis may
    // show them on two lines, or only every k-th of them (thinned) when the
    // chart is too narrow for all.
    const QStringList &binLabels() const { return m_labels; }
    bool labelsThinned() const { return m_thinned; }
    int seriesCount() const { return int(m_series.size()); }
    QVector<int> counts(int series) const; // runs per bin, as drawn
    // Indices into series[series].values of the values in `bin`.
    QVector<int> indicesInBin(int series, int bin) const;
    // The stats line of a series as the legend shows it (broken after
    // "n = N:" when the legend is narrow).
    QString statsText(int series) const;
    // Where bar (series, bin) is drawn, in this widget's coordinates.
    QPointF barCenter(int series, int bin) const;

    QChart *chart() const { return m_chart; }
    QBarSeries *bars() const { return m_bars; }
    QBarCategoryAxis *binAxis() const { return m_x; }
    QValueAxis *countAxis() const { return m_y; }

    // Value formatting shared with the panel: 1234567 -> "1 234 567", 1.25 -> "1.25",
    // 2.4567 -> "2.46" (three digits), 312.4 -> "312".
    static QString formatValue(double v);
    // `values` so formatted, but those that are not whole with at least
    // `decimals` decimals, and all with as many more as tell apart two that
    // differ: min 1.2001 · median 1.2002 · max 1.2004, not 1.2 three times.
    static QStringList formatValues(const QVector<double> &values, int decimals = 0);

Q_SIGNALS:
    void barClicked(int series, int bin);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyFonts();
    void applyTitle();
    void retranslate();
    void reserveCountTitleRoom();
    void placeCountTitle(const QRectF &plot);
    void rebuild();
    // Each series' legend label on one line, or on two when they do not all
    // fit side by side at this width.
    void fitLegend();
    // As many labels like `widest` as fit side by side at the current width
    // (at least 4, at most `most`).
    int binsThatFit(const QString &widest, int most) const;

    QChart *m_chart;
    QChartView *m_view;
    QBarSeries *m_bars;
    QBarCategoryAxis *m_x;
    QValueAxis *m_y;
    QGraphicsSimpleTextItem *m_countTitle;
    qreal m_legendBottom = 0; // the legend's own margin under it
    QList<HistogramSeries> m_series;
    QVector<HistogramBin> m_bins;
    QStringList m_labels;
    bool m_thinned = false;
    int m_maxSingles = 0;
    int m_width = -1;     // the widget's width the bins were made for
    int m_plotWidth = -1; // and the plot's
    int plotWidth() const;
    QString m_title, m_subtitle;
    qreal m_fontScale = 0; // text shrinks in a low chart (a tab) so the bars keep room
};

} // namespace proclab
