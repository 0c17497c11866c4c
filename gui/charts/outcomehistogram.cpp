#include "outcomehistogram.h"

#include "binlabels.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
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

// A legend label in lines of at most `room` px where it can break: after its
// "n = N:" (in any language's colon), then after any " · " of the stats
// (which stays at the line's end, so the lines read back as the label).
QStringList wrapLabel(const QString &label, const QFontMetrics &fm, int room)
{
    if (fm.horizontalAdvance(label) <= room)
        return {label};
    static const QRegularExpression colon(QStringLiteral("[:\\x{FF1A}]"));
    const int at = int(label.indexOf(colon));
    QStringList lines;
    QString rest = label;
    if (at >= 0) {
        lines << label.left(at + 1);
        rest = label.mid(at + 1).trimmed();
    }
    const QString dot = QStringLiteral(" · ");
    const QStringList parts = rest.split(dot);
    QString line;
    for (int i = 0; i < parts.size(); ++i) {
        const QString part = parts[i] + (i + 1 < parts.size() ? dot.chopped(1) : QString());
        const QString longer = line.isEmpty() ? part : line + QLatin1Char(' ') + part;
        if (line.isEmpty() || fm.horizontalAdvance(longer) <= room) {
            line = longer;
        } else {
            lines << line;
            line = part;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}

// Room between two bin labels, so that they read as two.
constexpr int kLabelGap = 20;

// The widest label one bin per whole number would need ("000" at least).
QString widestSingle(const QVector<double> &values, const QFontMetrics &fm)
{
    QString widest = QStringLiteral("000");
    for (double v : values) {
        if (!std::isfinite(v) || v != std::floor(v))
            return widest; // not whole numbers: no such bins
    }
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    if (lo == values.end())
        return widest;
    for (double v : {*lo, *hi}) {
        const QString label = BinLabels::number(v, 0);
        if (fm.horizontalAdvance(label) > fm.horizontalAdvance(widest))
            widest = label;
    }
    return widest;
}

// Every k-th of `labels` (bars `slot` px apart), as few left out as can be:
// the others blank, so that those shown have room beside each other. Qt
// Charts hides a first or last label wider than its bar, so those show only
// when they fit it; the others, when they stay over the plot. A blank is an
// HTML comment (Qt Charts draws a category as rich text): it draws nothing
// and keeps the categories distinct.
QStringList thinned(const QStringList &labels, const QFontMetrics &fm, double slot)
{
    const int n = int(labels.size());
    QVector<int> widths;
    for (const QString &label : labels)
        widths << BinLabels::width(label, fm);
    const auto fitsAt = [&](int i) {
        if (i == 0 || i == n - 1)
            return widths[i] + kLabelGap <= slot;
        const double centre = (i + 0.5) * slot;
        return centre - widths[i] / 2.0 >= 0 && centre + widths[i] / 2.0 <= n * slot;
    };
    QVector<int> best;
    for (int k = 2; k <= std::max(2, n) && best.isEmpty(); ++k) {
        for (int first = 0; first < k; ++first) {
            QVector<int> shown;
            bool apart = true;
            for (int i = first; i < n; i += k) {
                if (!fitsAt(i))
                    continue;
                if (!shown.isEmpty()) {
                    const int j = shown.last();
                    apart = apart && (i - j) * slot >= (widths[i] + widths[j]) / 2.0 + kLabelGap;
                }
                shown << i;
            }
            if (apart && shown.size() > best.size())
                best = shown;
        }
    }
    QStringList out;
    for (int i = 0; i < n && !best.isEmpty(); ++i)
        out << (best.contains(i) ? labels[i] : QStringLiteral("<!--%1-->").arg(i));
    return out; // empty when not even one fits
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
    // The count axis is named level, above its numbers (m_countTitle): Qt
    // Charts turns its title on its side and cut a Chinese one to "⋮"
    // when the numbers were single digits.
    m_y->setTitleVisible(false);
    m_countTitle = new QGraphicsSimpleTextItem(m_chart);
    m_countTitle->setVisible(false);
    m_countTitle->setZValue(20); // over the chart's background
    if (QGraphicsLayout *legend = m_chart->legend()->layout()) {
        qreal left, top, right;
        legend->getContentsMargins(&left, &top, &right, &m_legendBottom);
    }
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_bars->attachAxis(m_x);
    m_bars->attachAxis(m_y);
    // The plot's width is known after the chart's layout: bins follow it.
    connect(m_chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        placeCountTitle(area);
        if (!m_series.isEmpty() && std::abs(int(area.width()) - m_plotWidth) > 4)
            QTimer::singleShot(0, this, [this] {
                if (std::abs(plotWidth() - m_plotWidth) > 4)
                    rebuild();
            });
    });
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    retranslate();
    applyFonts();
}

void OutcomeHistogram::retranslate()
{
    m_y->setTitleText(tr("runs"));
    m_countTitle->setText(m_y->titleText());
    reserveCountTitleRoom();
}

void OutcomeHistogram::reserveCountTitleRoom()
{
    // A band under the legend, as high as the count axis' name: the plot
    // starts below it.
    QGraphicsLayout *legend = m_chart->legend()->layout();
    if (!legend)
        return;
    qreal left, top, right, bottom;
    legend->getContentsMargins(&left, &top, &right, &bottom);
    const qreal band = m_legendBottom + QFontMetricsF(m_countTitle->font()).height() + 6;
    if (bottom != band)
        legend->setContentsMargins(left, top, right, band);
    placeCountTitle(m_chart->plotArea());
}

void OutcomeHistogram::placeCountTitle(const QRectF &plot)
{
    // Level with the count axis' numbers, over the top one (which stands
    // half its height above the plot).
    const QFontMetricsF numbers(m_y->labelsFont());
    const QFontMetricsF name(m_countTitle->font());
    const qreal numbersWidth = numbers.horizontalAdvance(QString::number(int(m_y->max())));
    const qreal x = std::max<qreal>(m_chart->margins().left(), plot.left() - numbersWidth - 8);
    m_countTitle->setPos(x, plot.top() - numbers.height() / 2 - name.height() - 4);
    m_countTitle->setVisible(!m_series.isEmpty() && plot.height() > 0);
}

QString OutcomeHistogram::formatValue(double v)
{
    return formatValues({v}).constFirst();
}

QStringList OutcomeHistogram::formatValues(const QVector<double> &values, int least)
{
    // Whole numbers without decimals; large ones (a median of 12 249.5 shows
    // as 12 250) with `least`, others to three digits (2.5, 0.97, 312.4 ->
    // 312) or `least` if more; digits in thin groups of three that read well
    // from the back of a room. Then more decimals for all of them while two
    // that differ read the same.
    const auto decimals = [least](double v) {
        if (!std::isfinite(v) || v == std::floor(v))
            return 0;
        if (std::abs(v) >= 1000)
            return least;
        return std::max(least, 2 - int(std::floor(std::log10(std::abs(v)))));
    };
    QStringList out;
    for (int extra = 0; extra <= 15; ++extra) {
        out.clear();
        for (double v : values)
            out << BinLabels::number(v, decimals(v) + extra);
        bool apart = true;
        for (int i = 0; i < values.size() && apart; ++i)
            for (int j = i + 1; j < values.size() && apart; ++j)
                apart = values[i] == values[j] || out[i] != out[j];
        if (apart)
            break;
    }
    return out;
}

void OutcomeHistogram::applyFonts()
{
    // Sized for a projector: the title, the axis names and the counts are
    // what the back of a room has to read.
    QFont base = font();
    // Full size from about 600 px high (an exported image, a projector);
    // down to 70 % in a low tab.
    m_fontScale = std::clamp(height() / 600.0, 0.7, 1.0);
    const qreal pt = (base.pointSizeF() > 0 ? base.pointSizeF() : 10) * m_fontScale;
    auto sized = [&](qreal factor, bool bold) {
        QFont f = base;
        f.setPointSizeF(pt * factor);
        f.setBold(bold);
        return f;
    };
    m_chart->setTitleFont(sized(1.8, true));
    for (auto *axis : {static_cast<QAbstractAxis *>(m_x), static_cast<QAbstractAxis *>(m_y)}) {
        axis->setTitleFont(sized(1.5, true));
        axis->setLabelsFont(sized(1.3, false));
    }
    m_countTitle->setFont(sized(1.5, true));
    m_countTitle->setBrush(m_x->titleBrush()); // as the other axis' name (the chart's theme)
    reserveCountTitleRoom();
    m_chart->legend()->setFont(sized(1.45, false));
    for (QBarSet *set : m_bars->barSets())
        set->setLabelFont(sized(1.3, true));
    fitLegend();
}

void OutcomeHistogram::fitLegend()
{
    const QList<QBarSet *> sets = m_bars->barSets();
    if (sets.isEmpty())
        return;
    // Qt Charts lays the legend out in one row at the top and elides what
    // does not fit (two series' stats, "C++ — n = 20: min … · max …", did
    // not in a Distribution tab at 1280x720); in a row too short it gives
    // each marker an equal share. Labels wider than that share are broken
    // into lines.
    const QFontMetrics fm(m_chart->legend()->font());
    // Less the chart's and the legend's margins, each marker and its spacing.
    const int room = (width() - 40) / int(sets.size()) - fm.height() - 24;
    for (int i = 0; i < sets.size(); ++i) {
        QStringList lines = wrapLabel(statsText(i), fm, std::max(room, 80));
        if (lines.size() > 1) // Qt Charts reads a label with markup as rich text
            for (QString &line : lines)
                line = line.toHtmlEscaped();
        const QString label = lines.join(QStringLiteral("<br>"));
        if (sets[i]->label() != label)
            sets[i]->setLabel(label);
    }
}

void OutcomeHistogram::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        if (!m_series.isEmpty())
            rebuild(); // the legend's stats
    }
    QWidget::changeEvent(event);
}

int OutcomeHistogram::plotWidth() const
{
    // Once laid out, the plot's own width; before, the widget's less the
    // count axis, its title and the margins.
    const int laidOut = int(m_chart->plotArea().width());
    return laidOut > 50 && m_width == width() ? laidOut : width() - 110;
}

int OutcomeHistogram::binsThatFit(const QString &widest, int most) const
{
    // Labels with a gap on either side, across the plot's width.
    const int label = QFontMetrics(m_x->labelsFont()).horizontalAdvance(widest) + kLabelGap;
    return std::clamp(plotWidth() / std::max(1, label), 4, most);
}

void OutcomeHistogram::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // New fonts: the bins' labels were measured in the old ones.
    const bool refont = std::clamp(height() / 600.0, 0.7, 1.0) != m_fontScale;
    if (refont) {
        applyFonts();
        applyTitle();
    }
    if ((refont || width() != m_width) && !m_series.isEmpty())
        rebuild();
}

void OutcomeHistogram::setSubtitle(const QString &subtitle)
{
    m_subtitle = subtitle;
    applyTitle();
}

void OutcomeHistogram::applyTitle()
{
    if (m_subtitle.isEmpty() || height() < 420) {
        m_chart->setTitle(m_title);
        return;
    }
    m_chart->setTitle(
        QStringLiteral("%1<br><span style='font-size:small; font-weight:normal'>%2</span>")
            .arg(m_title.toHtmlEscaped(), m_subtitle.toHtmlEscaped()));
}

void OutcomeHistogram::setData(const QString &title, const QString &axisTitle,
                               const QList<HistogramSeries> &series)
{
    m_series = series;
    m_title = title;
    applyTitle();
    m_x->setTitleText(axisTitle);
    rebuild();
}

void OutcomeHistogram::rebuild()
{
    const QList<HistogramSeries> &series = m_series;
    QVector<double> all;
    for (const HistogramSeries &s : series)
        all += s.values;
    const QFontMetrics fm(m_x->labelsFont());
    const int plot = plotWidth();
    m_width = width();
    m_plotWidth = plot;
    // The same bins for every series, so their bars stand side by side. One
    // bin per whole number while their labels fit side by side.
    m_maxSingles = binsThatFit(widestSingle(all, fm), 30);
    // As many bins as fit (at most 16): fewer, wider ones until every label
    // fits under its bar, on one line, else on two; else (a narrow tab)
    // only every k-th bar gets its label.
    const auto widest = [&fm](const QStringList &labels) {
        int w = 0;
        for (const QString &label : labels)
            w = std::max(w, BinLabels::width(label, fm));
        return w;
    };
    QStringList shown;
    bool fits = false;
    for (bool twoLines : {false, true}) {
        for (int most = 16; most >= 4 && !fits; --most) {
            m_bins = Histogram::bins(all, most, m_maxSingles);
            shown = BinLabels::of(m_bins, twoLines);
            fits = m_bins.isEmpty() || widest(shown) + kLabelGap <= plot / int(m_bins.size());
        }
        if (fits)
            break;
    }
    m_labels = BinLabels::of(m_bins);
    m_thinned = false;
    bool truncate = false;
    if (!fits) {
        const QStringList some =
            thinned(shown, fm, double(plot) / std::max<qsizetype>(1, m_bins.size()));
        m_thinned = !some.isEmpty();
        truncate = some.isEmpty(); // not even one fits: Qt Charts cuts them short
        if (m_thinned)
            shown = some;
    }
    // Qt Charts would cut a label to 1/(n + 2) of the axis (not 1/n): the
    // labels were measured against their bars here.
    m_x->setTruncateLabels(truncate);
    m_bars->clear();
    m_x->setCategories(shown);

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
        QFont lf = font();
        lf.setPointSizeF((lf.pointSizeF() > 0 ? lf.pointSizeF() : 10) * 1.3 * m_fontScale);
        lf.setBold(true);
        set->setLabelFont(lf);
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
    placeCountTitle(m_chart->plotArea());
    fitLegend();
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
    // As many decimals as the bins' labels (a max of 1.20018 is not "1.2002"
    // under a last bin "1.20016–1.20018"), more if that does not tell min,
    // median and max apart.
    const QStringList shown =
        formatValues({st.min, st.median, st.max}, BinLabels::decimals(m_bins));
    const QString stats =
        tr("n = %1: min %2 · median %3 · max %4").arg(st.count).arg(shown[0], shown[1], shown[2]);
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
