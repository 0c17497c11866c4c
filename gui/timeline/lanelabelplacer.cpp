#include "lanelabelplacer.h"

#include <QFontMetricsF>
#include <QTextLayout>
#include <algorithm>
#include <cmath>

namespace proclab {

namespace {

// `text` cut to `width` with "…", never inside a number ("sleep 1372 ms" is
// "sleep …", not "sleep 13…"); empty if nothing is left.
QString elided(const QString &text, const QFontMetricsF &fm, double width)
{
    QString e = fm.elidedText(text, Qt::ElideRight, width);
    if (!e.endsWith(QChar(0x2026)) || e.size() < 2)
        return {};
    qsizetype n = e.size() - 1; // characters kept
    if (n < text.size() && text.at(n).isDigit())
        while (n > 0 && text.at(n - 1).isDigit())
            --n;
    while (n > 0 && text.at(n - 1).isSpace())
        --n;
    return n == 0 ? QString() : text.left(n) + QChar(0x2026);
}

} // namespace

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
        // The line is as high as the tallest form's.
        double ascent = 0, descent = 0;
        for (const QString &form : QStringList{c.text} + c.shorter) {
            const auto [a, d] = lineMetrics(form, c.font);
            ascent = std::max(ascent, a);
            descent = std::max(descent, d);
        }
        const double h = ascent + descent;
        const QFontMetricsF fm(c.font);
        const double w = fm.horizontalAdvance(c.text);
        auto put = [&](const QString &text, double left, double width, double top, bool shortened) {
            Placed p;
            p.text = text;
            p.box = QRectF(left, top, width, h);
            p.baseline = top + ascent;
            p.font = c.font;
            p.color = c.color;
            p.elided = shortened;
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
        // The slots as lines for a box `width` wide.
        auto linesFor = [&](double width) {
            QVector<Line> lines;
            if (h > c.bounds.height() + 0.01)
                return lines;
            for (const Slot &s : c.places) {
                const double top =
                    std::clamp(s.centreY - h / 2, c.bounds.top(), c.bounds.bottom() - h);
                double lo = 0, hi = 0;
                switch (s.side) {
                case Side::Right:
                    lo = s.anchor;
                    hi = s.anchor + s.maxSlide + width;
                    break;
                case Side::Left:
                    lo = s.anchor - s.maxSlide - width;
                    hi = s.anchor;
                    break;
                case Side::Centre:
                    lo = s.anchor - width / 2;
                    hi = s.anchor + width / 2;
                    break;
                }
                lines.push_back({top, std::max(lo, c.bounds.left()),
                                 std::min(hi, c.bounds.right()), s.side == Side::Left});
            }
            return lines;
        };
        bool done = false;
        // Whole: the first gap from the preferred end that holds it; then
        // each shorter form the same way.
        QStringList forms{c.text};
        forms += c.shorter;
        for (qsizetype f = 0; f < forms.size() && !done; ++f) {
            const double fw = fm.horizontalAdvance(forms[f]);
            for (const Line &l : linesFor(fw)) {
                const QVector<Gap> free = gaps(l.lo, l.hi, l.top, l.top + h);
                const Gap *g = nullptr;
                if (l.fromRight) {
                    for (auto it = free.crbegin(); it != free.crend() && !g; ++it)
                        if (it->right - it->left >= fw - 1e-9)
                            g = &*it;
                } else {
                    for (const Gap &gap : free)
                        if (gap.right - gap.left >= fw - 1e-9) {
                            g = &gap;
                            break;
                        }
                }
                if (g) {
                    put(forms[f], l.fromRight ? g->right - fw : g->left, fw, l.top, f > 0);
                    done = true;
                    break;
                }
            }
        }
        // Elided into the widest free stretch of the first slot that has one.
        const QVector<Line> lines = linesFor(w);
        for (qsizetype i = 0; !done && c.mayElide && i < lines.size(); ++i) {
            const Line &l = lines[i];
            const QVector<Gap> free = gaps(l.lo, l.hi, l.top, l.top + h);
            const Gap *best = nullptr;
            for (const Gap &g : free)
                if (!best || g.right - g.left > best->right - best->left)
                    best = &g;
            if (!best)
                continue;
            const QString text = elided(c.text, fm, best->right - best->left);
            if (text.size() - 1 < c.minChars)
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
