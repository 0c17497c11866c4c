#include "lanelabelplacer.h"

#include <QFontMetricsF>
#include <QTextLayout>
#include <algorithm>
#include <cmath>

namespace proclab {

std::pair<double, double> LaneLabelPlacer::lineMetrics(const QString &text, const QFont &font)
{
    const QString key = font.key() + QChar(0) + text;
    const auto it = m_metrics.constFind(key);
    if (it != m_metrics.constEnd())
        return *it;
    QTextLayout layout(text, font);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(1e6);
    layout.endLayout();
    const QFontMetricsF fm(font);
    const std::pair<double, double> m{std::max(fm.ascent(), line.ascent()),
                                      std::max(fm.descent(), line.descent())};
    m_metrics.insert(key, m);
    return m;
}

void LaneLabelPlacer::insert(const QRectF &r)
{
    if (r.isEmpty())
        return;
    const int first = int(std::floor(r.top() / kBand)), last = int(std::floor(r.bottom() / kBand));
    for (int b = first; b <= last; ++b)
        m_bands[b].push_back(r);
}

QVector<LaneLabelPlacer::Gap> LaneLabelPlacer::gaps(double lo, double hi, double top,
                                                    double bottom) const
{
    QVector<Gap> out;
    if (hi <= lo)
        return out;
    QVector<Gap> blocked;
    const int first = int(std::floor(top / kBand)), last = int(std::floor(bottom / kBand));
    for (int band = first; band <= last; ++band) {
        const auto it = m_bands.constFind(band);
        if (it == m_bands.constEnd())
            continue;
        for (const QRectF &r : *it) {
            if (r.bottom() <= top + 0.01 || r.top() >= bottom - 0.01)
                continue;
            if (r.right() + m_gap <= lo || r.left() - m_gap >= hi)
                continue;
            blocked.push_back({r.left() - m_gap, r.right() + m_gap});
        }
    }
    std::sort(blocked.begin(), blocked.end(),
              [](const Gap &a, const Gap &b) { return a.left < b.left; });
    double x = lo;
    for (const Gap &b : std::as_const(blocked)) {
        if (b.left > x)
            out.push_back({x, std::min(b.left, hi)});
        x = std::max(x, b.right);
        if (x >= hi)
            break;
    }
    if (x < hi)
        out.push_back({x, hi});
    return out;
}

QVector<LaneLabelPlacer::Placed> LaneLabelPlacer::place()
{
    std::stable_sort(m_candidates.begin(), m_candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.priority > b.priority; });
    QVector<Placed> out;
    m_dropped.clear();
    for (const Candidate &c : std::as_const(m_candidates)) {
        if (c.text.isEmpty())
            continue;
        const auto [ascent, descent] = lineMetrics(c.text, c.font);
        const double h = ascent + descent;
        const QFontMetricsF fm(c.font);
        const double w = fm.horizontalAdvance(c.text);
        auto put = [&](const QString &text, double left, double width, double top, bool elided) {
            Placed p;
            p.text = text;
            p.box = QRectF(left, top, width, h);
            p.baseline = top + ascent;
            p.font = c.font;
            p.color = c.color;
            p.elided = elided;
            p.backing = c.backing;
            p.tag = c.tag;
            out.push_back(p);
            insert(p.box);
        };
        struct Line
        {
            double top, lo, hi; // the box lies in [lo, hi]
            bool fromRight;
        };
        QVector<Line> lines;
        if (h <= c.bounds.height() + 0.01) {
            for (const Slot &s : c.places) {
                const double top = std::clamp(s.centreY - h / 2, c.bounds.top(), c.bounds.bottom() - h);
                double lo = 0, hi = 0;
                switch (s.side) {
                case Side::Right:
                    lo = s.anchor;
                    hi = s.anchor + s.maxSlide + w;
                    break;
                case Side::Left:
                    lo = s.anchor - s.maxSlide - w;
                    hi = s.anchor;
                    break;
                case Side::Centre:
                    lo = s.anchor - w / 2;
                    hi = s.anchor + w / 2;
                    break;
                }
                lines.push_back({top, std::max(lo, c.bounds.left()), std::min(hi, c.bounds.right()),
                                 s.side == Side::Left});
            }
        }
        bool done = false;
        // Whole: the first gap from the preferred end that holds it.
        for (const Line &l : std::as_const(lines)) {
            const QVector<Gap> free = gaps(l.lo, l.hi, l.top, l.top + h);
            const Gap *g = nullptr;
            if (l.fromRight) {
                for (auto it = free.crbegin(); it != free.crend() && !g; ++it)
                    if (it->right - it->left >= w - 1e-9)
                        g = &*it;
            } else {
                for (const Gap &f : free)
                    if (f.right - f.left >= w - 1e-9) {
                        g = &f;
                        break;
                    }
            }
            if (g) {
                put(c.text, l.fromRight ? g->right - w : g->left, w, l.top, false);
                done = true;
                break;
            }
        }
        // Shortened into the widest free stretch of the first slot that has one.
        for (int i = 0; !done && c.mayElide && i < lines.size(); ++i) {
            const Line &l = lines[i];
            const QVector<Gap> free = gaps(l.lo, l.hi, l.top, l.top + h);
            const Gap *best = nullptr;
            for (const Gap &f : free)
                if (!best || f.right - f.left > best->right - best->left)
                    best = &f;
            if (!best)
                continue;
            const QString text = fm.elidedText(c.text, Qt::ElideRight, best->right - best->left);
            if (text.size() - 1 < c.minChars || !text.endsWith(QChar(0x2026)))
                continue;
            const double ew = fm.horizontalAdvance(text);
            put(text, l.fromRight ? best->right - ew : best->left, ew, l.top, true);
            done = true;
        }
        if (!done)
            m_dropped.push_back(c.tag);
    }
    m_candidates.clear();
    return out;
}

} // namespace proclab
