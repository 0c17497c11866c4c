// SPDX-License-Identifier: MIT
#include "histogramtext.h"

#include "outcomehistogram.h"
#include "textboxrecorder.h"

#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <algorithm>

namespace proclab::test {

namespace {

QString describe(const QVector<TextBox> &boxes)
{
    QStringList out;
    for (const TextBox &b : boxes)
        out << describe(b);
    return out.join(QStringLiteral(", "));
}

// One box per line of text: a line drawn in pieces (a run per font) is
// joined where its pieces meet.
QVector<TextBox> joinedLines(QVector<TextBox> boxes)
{
    std::sort(boxes.begin(), boxes.end(), [](const TextBox &a, const TextBox &b) {
        const double ya = a.rect.center().y(), yb = b.rect.center().y();
        return std::abs(ya - yb) > 2 ? ya < yb : a.rect.left() < b.rect.left();
    });
    QVector<TextBox> out;
    for (const TextBox &b : boxes) {
        if (!out.isEmpty()) {
            TextBox &last = out.last();
            if (std::abs(last.rect.center().y() - b.rect.center().y()) <= 2 &&
                std::abs(b.rect.left() - last.rect.right()) < 1.5) {
                last.text += b.text;
                last.rect |= b.rect;
                last.whole |= b.whole;
                continue;
            }
        }
        out << b;
    }
    return out;
}

QVector<TextBox> drawn(OutcomeHistogram &chart)
{
    TextBoxRecorder rec(chart.size());
    chart.render(&rec);
    return rec.boxes();
}

// Text as drawn may space differently (a thin space comes out as another
// space): compared without any.
QString unspaced(QString text)
{
    text.removeIf([](QChar c) { return c.isSpace(); });
    return text;
}

bool elided(const QString &text)
{
    return text.contains(QChar(0x2026)) || text.contains(QLatin1String("..."));
}

} // namespace

QString countTitleProblem(OutcomeHistogram &chart)
{
    const QString title = QCoreApplication::translate("proclab::OutcomeHistogram", "runs");
    const QVector<TextBox> boxes = joinedLines(drawn(chart));
    const auto it = std::find_if(boxes.begin(), boxes.end(), [&](const TextBox &b) {
        return unspaced(b.text) == unspaced(title);
    });
    if (it == boxes.end())
        return QStringLiteral("the count axis' name '%1' is not drawn whole; drawn: %2")
            .arg(title, describe(boxes));
    const TextBox &box = *it;
    if (box.isCut())
        return QStringLiteral("the count axis' name is cut: %1").arg(describe(box));
    const QRectF inside = QRectF(QPointF(0, 0), chart.size()).adjusted(-0.5, -0.5, 0.5, 0.5);
    if (!inside.contains(box.rect))
        return QStringLiteral("the count axis' name %1 is not inside the chart (%2x%3)")
            .arg(describe(box))
            .arg(chart.width())
            .arg(chart.height());
    for (const TextBox &other : boxes)
        if (&other != &box && TextBoxRecorder::intersect(box, other))
            return QStringLiteral("the count axis' name %1 is over %2")
                .arg(describe(box), describe(other));
    return {};
}

QString binLabelsProblem(OutcomeHistogram &chart)
{
    // The band under the plot, in the chart widget's coordinates.
    QChartView *view = chart.findChild<QChartView *>();
    const QRectF plotInScene = chart.chart()->mapRectToScene(chart.chart()->plotArea());
    const QRect plotInView = view->mapFromScene(plotInScene).boundingRect();
    const double bottom = view->viewport()->mapTo(&chart, plotInView.bottomLeft()).y();
    QVector<TextBox> band;
    for (const TextBox &b : joinedLines(drawn(chart)))
        if (b.rect.top() >= bottom - 1)
            band << b;
    for (const TextBox &b : band)
        if (elided(b.text))
            return QStringLiteral("elided under the plot: %1").arg(describe(b));

    const QStringList shown = chart.binAxis()->categories();
    if (shown.size() != chart.bins().size())
        return QStringLiteral("%1 bins, %2 labels on the axis")
            .arg(chart.bins().size())
            .arg(shown.size());
    QVector<TextBox> labels;
    QVector<bool> used(band.size(), false);
    int blanks = 0;
    for (int i = 0; i < shown.size(); ++i) {
        if (shown[i].startsWith(QLatin1String("<!--"))) {
            ++blanks;
            continue;
        }
        for (const QString &line : shown[i].split(QStringLiteral("<br>"))) {
            int found = -1;
            for (int j = 0; j < band.size() && found < 0; ++j)
                if (!used[j] && unspaced(band[j].text) == unspaced(line))
                    found = j;
            if (found < 0)
                return QStringLiteral("bin %1's label '%2' is not drawn whole; under the plot: %3")
                    .arg(i)
                    .arg(line, describe(band));
            used[found] = true;
            labels << band[found];
        }
    }
    if (blanks > 0 && !chart.labelsThinned())
        return QStringLiteral("%1 bins without a label, though not thinned").arg(blanks);
    if (labels.isEmpty())
        return QStringLiteral("no bin label drawn");
    for (const TextBox &b : labels) {
        if (b.isCut())
            return QStringLiteral("bin label cut: %1").arg(describe(b));
        if (b.rect.left() < -0.5 || b.rect.right() > chart.width() + 0.5)
            return QStringLiteral("bin label %1 past the chart's side (%2 wide)")
                .arg(describe(b))
                .arg(chart.width());
    }
    for (int a = 0; a < labels.size(); ++a)
        for (int b = a + 1; b < labels.size(); ++b)
            if (TextBoxRecorder::intersect(labels[a], labels[b]))
                return QStringLiteral("bin labels %1 and %2 overlap")
                    .arg(describe(labels[a]), describe(labels[b]));
    return {};
}

} // namespace proclab::test
