#pragma once
// Where the text on the timeline's lanes goes (issue 16): every label the
// lanes would draw (exit codes, terminate(), got None: stop, the words inside
// bars, CPU numbers, ×N counts) is a candidate with a priority and one or more
// places it may take. The placer takes them highest priority first and puts
// each in its first slot where it meets no label already placed and no
// obstacle (a drawn mark: reaped tick, exit bar, cross), sliding it along the
// slot; if the whole text fits nowhere, a shorter form may, else it is
// shortened (elided, never inside a number) to the widest free gap, and if even that is too short it is dropped: the tooltip explains
// the event under the cursor. Pure geometry, no painting: unit-tested alone
// (tst_lanelabelplacer), drawn by TimelinePainter.

#include <QColor>
#include <QFont>
#include <QHash>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>

namespace proclab {

class LaneLabelPlacer
{
public:
    // Where a label may go: on the line centred at `centreY`, beside `anchor`
    // (right of it, left of it, or centred on it), slid away from it by up to
    // `maxSlide` px to get past what is in the way. A label shortened on the
    // left of its anchor keeps its right edge there.
    enum class Side { Right, Left, Centre };
    struct Slot
    {
        double centreY = 0;
        double anchor = 0;
        Side side = Side::Right;
        double maxSlide = 0;
    };
    struct Candidate
    {
        QString text;
        QStringList shorter;   // shorter forms, tried whole before `text` is elided
        QFont font;
        QColor color;
        int priority = 0;      // higher is placed first
        QRectF bounds;         // the box stays inside (its lane, in the lanes' area)
        QVector<Slot> places;   // in order of preference
        bool mayElide = true;  // else whole or dropped
        int minChars = 3;      // visible characters an elided text keeps at least
        bool backing = false;  // drawn on a light background (readable over bars)
        int tag = -1;          // the caller's: which event, for tests
    };
    struct Placed
    {
        QString text; // as drawn (elided or not)
        QRectF box;   // ascent to descent, advance wide
        double baseline = 0;
        QFont font;
        QColor color;
        bool elided = false;
        bool backing = false;
        int tag = -1;
    };

    // Space kept free between two labels, and around obstacles.
    explicit LaneLabelPlacer(double gap = 2.0) : m_gap(gap) {}

    void addObstacle(const QRectF &r) { insert(r); }
    void add(Candidate c) { m_candidates.push_back(std::move(c)); }
    int candidateCount() const { return int(m_candidates.size()); }

    // Places every candidate added (stable: equal priorities keep their order).
    QVector<Placed> place();
    // Tags of the candidates place() dropped.
    const QVector<int> &droppedTags() const { return m_dropped; }

    // The height of a line of `text` in `font`, fallback fonts included (a
    // Chinese label is taller than its Latin font says): ascent, descent.
    std::pair<double, double> lineMetrics(const QString &text, const QFont &font);

private:
    struct Gap
    {
        double left, right;
    };
    // Free stretches of [lo, hi] on the line from `top` to `bottom`.
    QVector<Gap> gaps(double lo, double hi, double top, double bottom) const;

    // Obstacles and placed boxes, by bands of kBand px, so a label looks only
    // at what shares its line.
    static constexpr double kBand = 32;
    void insert(const QRectF &r);

    double m_gap;
    QHash<int, QVector<QRectF>> m_bands;
    QVector<Candidate> m_candidates;
    QVector<int> m_dropped;
    QHash<QString, std::pair<double, double>> m_metrics;
};

} // namespace proclab
