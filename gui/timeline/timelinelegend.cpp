// SPDX-License-Identifier: MIT
#include "timelinelegend.h"

#include "eventstyle.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>

namespace proclab {

namespace {

// Swatches are this part of the palette's glyph width (22 px in the normal
// mode instead of 26, and thinner: half a text line high).
constexpr double kSwatch = 0.85;

QFont legendFont(const TimelinePalette &pal)
{
    QFont f;
    f.setPointSizeF(pal.fontPointSize);
    return f;
}

} // namespace

namespace {
bool shows(const EventStyle &s, const LegendFeatures &f)
{
    switch (s.group) {
    case LegendGroup::None:
    case LegendGroup::States: // listed by state below, in the run's order
        return false;
    case LegendGroup::Always:
        return true;
    case LegendGroup::Joins:
        return f.joins;
    case LegendGroup::Zombies:
        return f.zombies;
    case LegendGroup::Locks:
        return f.locks;
    case LegendGroup::Queues:
        return f.queues;
    case LegendGroup::Pipes:
        return f.pipes;
    case LegendGroup::Signalled:
        return f.signalled;
    case LegendGroup::Errors:
        return f.errors;
    case LegendGroup::Reparent:
        return f.reparent;
    case LegendGroup::Values:
        return f.values;
    case LegendGroup::CpuShares:
        return f.cpuShares;
    case LegendGroup::Present:
        return (f.present & eventkind::bit(s.kind)) != 0;
    }
    return false;
}
} // namespace

QVector<TimelineLegend::Item> TimelineLegend::items(LegendFeatures f) const
{
    // The entries of the event table (eventstyle.cpp) this run has, in its order.
    QVector<Item> out;
    for (const EventStyle &s : eventstyle::all())
        if (shows(s, f))
            out += {s.shortLabel(), s.fullLabel(), s.glyph, s.colourIn(m_palette)};
    // The sampled /proc states this run shows, as their letters (R, S, ...).
    if (f.states && !f.stateNames.isEmpty())
        out += {tr("/proc:"), tr("The thin band under the bars: the state read from /proc"),
                Glyph::Label, m_palette.text};
    for (const QString &state : f.stateNames) {
        const EventStyle &s = eventstyle::of(state);
        out += {s.shortLabel(), s.fullLabel(), Glyph::Band, s.colourIn(m_palette)};
    }
    return out;
}

double TimelineLegend::glyphSpace(const Item &it) const
{
    if (it.glyph == Glyph::Label || it.glyph == Glyph::More)
        return 0;
    return m_palette.glyphWidth * (kSwatch + 0.2);
}

QVector<TimelineLegend::Placed> TimelineLegend::place(LegendFeatures features, double width,
                                                      const QFontMetricsF &fm) const
{
    const QVector<Item> all = items(features);
    const double gap = fm.horizontalAdvance(QLatin1Char(' ')) * 2.2;
    const double left = 10, right = width - 6;
    const int maxLines = std::max(1, m_palette.legendMaxLines);
    auto widthOf = [&](const Item &it) { return glyphSpace(it) + fm.horizontalAdvance(it.name); };
    // "+N" for the rest, wide enough for two digits.
    const double moreWidth = fm.horizontalAdvance(QStringLiteral("+88"));

    QVector<Placed> out;
    double x = left;
    int line = 0;
    for (int i = 0; i < all.size(); ++i) {
        const double w = widthOf(all[i]);
        // A heading ("/proc:") goes on a line only with its first entry.
        const double need = all[i].glyph == Glyph::Label && i + 1 < all.size()
                                ? w + gap + widthOf(all[i + 1])
                                : w;
        // The last line keeps room for the chip unless this is the last item.
        const bool lastLine = line == maxLines - 1;
        const double reserve = lastLine && i + 1 < all.size() ? gap + moreWidth : 0;
        if (x + need + reserve > right && x > left) {
            if (!lastLine) {
                ++line;
                x = left;
            } else {
                const int rest = int(all.size()) - i;
                out += Placed{{QStringLiteral("+%1").arg(rest), tr("more: hover the legend"),
                               Glyph::More, m_palette.mutedText},
                              x,
                              line};
                return out;
            }
        }
        out += Placed{all[i], x, line};
        x += w + gap;
    }
    return out;
}

int TimelineLegend::lines(const TimelinePalette &palette, double width, LegendFeatures features)
{
    const QVector<Placed> placed =
        TimelineLegend(palette).place(features, width, QFontMetricsF(legendFont(palette)));
    return placed.isEmpty() ? 1 : placed.last().line + 1;
}

QString TimelineLegend::tooltip(LegendFeatures features) const
{
    QString html = QStringLiteral("<table cellspacing='2'>");
    for (const Item &it : items(features)) {
        const QString mark =
            it.glyph == Glyph::Label
                ? QString()
                : QStringLiteral("<span style='color:%1'>&#9632;</span>").arg(it.color.name());
        html += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td><td>%3</td></tr>")
                    .arg(mark, it.name.toHtmlEscaped(), it.full.toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

void TimelineLegend::paintGlyph(QPainter &p, const Item &it, const QRectF &box) const
{
    const double k = m_palette.markScale * 0.85;
    const double markPen = std::max(2.0, m_palette.markLineWidth * 0.8);
    const QPointF c = box.center();
    const double h = box.height();
    p.save();
    switch (it.glyph) {
    case Glyph::Swatch:
        p.fillRect(box, it.color);
        if (m_palette.barOutlineWidth > 0) {
            p.setPen(QPen(it.color.darker(150), m_palette.barOutlineWidth));
            p.drawRect(box);
        }
        break;
    case Glyph::Hatched:
        p.fillRect(box, it.color.lighter(135));
        p.fillRect(box, QBrush(it.color.darker(130), Qt::BDiagPattern));
        p.setPen(QPen(it.color.darker(140), std::max(1.0, m_palette.barOutlineWidth)));
        p.drawRect(box);
        break;
    case Glyph::Dot:
        p.setPen(Qt::NoPen);
        p.setBrush(it.color);
        p.drawEllipse(c, 4.5 * k, 4.5 * k);
        break;
    case Glyph::Bar:
        p.setPen(QPen(it.color, markPen));
        p.drawLine(c + QPointF(0, -h * 0.7), c + QPointF(0, h * 0.7));
        break;
    case Glyph::Cross:
        p.setPen(QPen(it.color, markPen));
        p.drawLine(c + QPointF(-5, -5) * k, c + QPointF(5, 5) * k);
        p.drawLine(c + QPointF(-5, 5) * k, c + QPointF(5, -5) * k);
        break;
    case Glyph::Triangle:
        p.setPen(Qt::NoPen);
        p.setBrush(it.color);
        p.drawPolygon(
            QPolygonF{c + QPointF(0, -7) * k, c + QPointF(7, 6) * k, c + QPointF(-7, 6) * k});
        break;
    case Glyph::Tick:
        p.setPen(QPen(it.color, markPen));
        p.drawLine(c + QPointF(-5, 0) * k, c + QPointF(-1, 5) * k);
        p.drawLine(c + QPointF(-1, 5) * k, c + QPointF(6, -6) * k);
        break;
    case Glyph::ReadWrite:
        p.fillRect(box, it.color);
        p.setPen(QPen(m_palette.readMark, 2 * k));
        p.drawLine(QPointF(box.left() + box.width() * 0.3, box.top()),
                   QPointF(box.left() + box.width() * 0.3, c.y()));
        p.setPen(QPen(m_palette.writeMark, 2 * k));
        p.drawLine(QPointF(box.left() + box.width() * 0.7, c.y()),
                   QPointF(box.left() + box.width() * 0.7, box.bottom()));
        break;
    case Glyph::Diamond:
        p.setPen(QPen(Qt::white, 1));
        p.setBrush(it.color);
        p.drawPolygon(QPolygonF{c + QPointF(0, -6) * k, c + QPointF(6, 0) * k,
                                c + QPointF(0, 6) * k, c + QPointF(-6, 0) * k});
        break;
    case Glyph::Lost:
        p.setPen(QPen(it.color, 2.5 * k));
        p.setBrush(m_palette.lostUpdateFill);
        p.drawEllipse(c, 6 * k, 6 * k);
        break;
    case Glyph::Band:
        p.fillRect(QRectF(box.left(), c.y() - h * 0.22, box.width(), h * 0.44), it.color);
        break;
    case Glyph::Dashed:
        p.setPen(QPen(it.color, 2, Qt::DashLine));
        p.drawLine(c + QPointF(0, -h * 0.7), c + QPointF(0, h * 0.7));
        break;
    case Glyph::Label:
    case Glyph::More:
        break;
    }
    p.restore();
}

void TimelineLegend::paint(QPainter &p, const QRectF &strip, LegendFeatures features) const
{
    if (strip.isEmpty())
        return;
    const QFontMetricsF fm(p.font());
    const QVector<Placed> placed = place(features, strip.width(), fm);
    const int lines = placed.isEmpty() ? 1 : placed.last().line + 1;
    const double lineH = strip.height() / lines;
    const double swatchW = m_palette.glyphWidth * kSwatch;
    const double swatchH = std::min(lineH * 0.5, fm.ascent() * 0.8);
    for (const Placed &pl : placed) {
        const double x = strip.left() + pl.x;
        const double cy = strip.top() + lineH * (pl.line + 0.5);
        paintGlyph(p, pl.item, QRectF(x, cy - swatchH / 2, swatchW, swatchH));
        p.setPen(pl.item.glyph == Glyph::More || pl.item.glyph == Glyph::Label
                     ? m_palette.mutedText
                     : m_palette.text);
        const double tx = x + glyphSpace(pl.item);
        p.drawText(QPointF(tx, cy + (fm.ascent() - fm.descent()) / 2), pl.item.name);
    }
}

void paintTimelineLegend(QPainter &p, const TimelineLayout &layout,
                         const TimelinePalette &palette)
{
    TimelineLegend(palette).paint(p, layout.legend, layout.features);
}

} // namespace proclab
