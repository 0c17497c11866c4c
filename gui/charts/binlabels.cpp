#include "binlabels.h"

#include <QFontMetrics>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace proclab::BinLabels {

namespace {

// The fewest decimals that write `step` (1, 2, 2.5 or 5 times a power of
// ten) exactly: every edge of such bins is a multiple of it.
int decimalsOf(double step)
{
    for (int d = 0; d < 15; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (scaled >= 0.5 && std::abs(scaled - std::round(scaled)) < 1e-6 * scaled)
            return d;
    }
    return 15;
}

QString range(const QString &lo, const QString &hi, bool twoLines)
{
    return lo + QChar(0x2013) + (twoLines ? QStringLiteral("<br>") : QString()) + hi;
}

QStringList labels(const QVector<HistogramBin> &bins, bool twoLines, int extra)
{
    QStringList out;
    for (const HistogramBin &b : bins) {
        const double step = b.hi - b.lo;
        if (step <= 0) { // one value, all runs alike: as it is, to six digits
            const int whole = b.lo == 0 ? 1 : int(std::floor(std::log10(std::abs(b.lo)))) + 1;
            out << number(b.lo, std::max(0, 6 - whole) + extra);
        } else if (b.integral && step <= 1) {
            out << number(b.lo, 0);
        } else if (b.integral && step >= 1000) {
            // Whole thousands (millions): 10 000 to 11 999 reads "10k–12k".
            const bool millions = step >= 1e6;
            const double unit = millions ? 1e6 : 1e3;
            const QString suffix = millions ? QStringLiteral("M") : QStringLiteral("k");
            const int d = decimalsOf(step / unit) + extra;
            out << range(b.lo == 0 ? QStringLiteral("0") : number(b.lo / unit, d) + suffix,
                         number(b.hi / unit, d) + suffix, twoLines);
        } else if (b.integral) {
            out << range(number(b.lo, 0), number(b.hi - 1, 0), twoLines);
        } else {
            const int d = decimalsOf(step) + extra;
            out << range(number(b.lo, d), number(b.hi, d), twoLines);
        }
    }
    return out;
}

} // namespace

QString number(double v, int decimals)
{
    if (!std::isfinite(v))
        return QStringLiteral("–");
    QString text = QString::number(std::abs(v), 'f', std::clamp(decimals, 0, 15));
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    const qsizetype point = text.indexOf(QLatin1Char('.'));
    const int digits = int(point < 0 ? text.size() : point);
    if (digits > 4) // 10 000: groups of three, split by a thin space
        for (int i = digits - 3; i > 0; i -= 3)
            text.insert(i, QChar(0x2009));
    const bool zero =
        text.count(QLatin1Char('0')) + text.count(QLatin1Char('.')) + text.count(QChar(0x2009)) ==
        text.size();
    return (v < 0 && !zero ? QStringLiteral("−") : QString()) + text;
}

int decimals(const QVector<HistogramBin> &bins)
{
    if (bins.isEmpty() || bins.first().integral || !(bins.first().hi > bins.first().lo))
        return 0;
    return decimalsOf(bins.first().hi - bins.first().lo);
}

QStringList of(const QVector<HistogramBin> &bins, bool twoLines)
{
    // The edges are multiples of the width, so its decimals tell every bin
    // apart; more only if doubles ever round two edges alike.
    QStringList out;
    for (int extra = 0; extra <= 6; ++extra) {
        out = labels(bins, twoLines, extra);
        if (QSet<QString>(out.begin(), out.end()).size() == out.size())
            break;
    }
    return out;
}

int width(const QString &label, const QFontMetrics &fm)
{
    int widest = 0;
    for (const QString &line : label.split(QStringLiteral("<br>")))
        widest = std::max(widest, fm.horizontalAdvance(line));
    return widest;
}

} // namespace proclab::BinLabels
