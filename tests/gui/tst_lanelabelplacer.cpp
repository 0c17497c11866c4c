// SPDX-License-Identifier: MIT
// LaneLabelPlacer alone (issue 16): labels that would meet move, are
// shortened or are dropped; what it places never intersects another label or
// an obstacle, and stays inside its bounds. No window: geometry only.
#include "lanelabelplacer.h"

#include <QFontMetricsF>
#include <QTest>

using namespace proclab;
using Side = LaneLabelPlacer::Side;

namespace {

QFont labelFont()
{
    QFont f;
    f.setPointSizeF(12);
    f.setBold(true);
    return f;
}

LaneLabelPlacer::Candidate candidate(const QString &text, double x, double y, int priority,
                                     int tag, const QRectF &bounds = QRectF(0, 0, 1000, 40))
{
    LaneLabelPlacer::Candidate c;
    c.text = text;
    c.font = labelFont();
    c.priority = priority;
    c.bounds = bounds;
    c.tag = tag;
    c.places = {{y, x, Side::Right, 60}, {y, x, Side::Left, 60}};
    return c;
}

double width(const QString &text)
{
    return QFontMetricsF(labelFont()).horizontalAdvance(text);
}

bool meet(const QRectF &a, const QRectF &b)
{
    const QRectF i = a & b;
    return !i.isEmpty() && i.width() > 0.5 && i.height() > 0.5;
}

const LaneLabelPlacer::Placed *find(const QVector<LaneLabelPlacer::Placed> &v, int tag)
{
    for (const auto &p : v)
        if (p.tag == tag)
            return &p;
    return nullptr;
}

void noOverlaps(const QVector<LaneLabelPlacer::Placed> &v)
{
    for (int i = 0; i < v.size(); ++i)
        for (int j = i + 1; j < v.size(); ++j)
            QVERIFY2(!meet(v[i].box, v[j].box),
                     qPrintable(v[i].text + QStringLiteral(" x ") + v[j].text));
}

} // namespace

class TestLaneLabelPlacer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Alone, a label is where it asked to be, whole.
    void aloneStaysPut()
    {
        LaneLabelPlacer placer;
        placer.add(candidate(QStringLiteral("exit 0"), 100, 20, 1, 1));
        const auto placed = placer.place();
        QCOMPARE(placed.size(), 1);
        QCOMPARE(placed[0].text, QStringLiteral("exit 0"));
        QCOMPARE(placed[0].box.left(), 100.0);
        QVERIFY(!placed[0].elided);
        QVERIFY(qAbs(placed[0].box.center().y() - 20) < 1.0);
        QVERIFY(qAbs(placed[0].box.width() - width(QStringLiteral("exit 0"))) < 0.01);
    }

    // The exit label and the zombie bar's word start at the same x: the more
    // important one keeps its place, the other slides past it.
    void lowerPrioritySlides()
    {
        LaneLabelPlacer placer;
        LaneLabelPlacer::Candidate word = candidate(QStringLiteral("zombie"), 104, 20, 20, 2);
        word.places = {{20, 104, Side::Right, 1e9}};
        placer.add(word); // added first, placed second
        placer.add(candidate(QStringLiteral("exit 0"), 104, 20, 80, 1));
        const auto placed = placer.place();
        QCOMPARE(placed.size(), 2);
        const auto *exit = find(placed, 1), *zombie = find(placed, 2);
        QVERIFY(exit && zombie);
        QCOMPARE(exit->box.left(), 104.0);
        QVERIFY(zombie->box.left() >= exit->box.right());
        QCOMPARE(zombie->text, QStringLiteral("zombie"));
        noOverlaps(placed);
    }

    // No room right of the mark (an obstacle, the reaped tick): left of it.
    void obstacleSendsItLeft()
    {
        LaneLabelPlacer placer;
        placer.addObstacle(QRectF(104, 0, 200, 40));
        placer.add(candidate(QStringLiteral("exit 0"), 100, 20, 1, 1));
        const auto placed = placer.place();
        QCOMPARE(placed.size(), 1);
        QVERIFY(placed[0].box.right() <= 100.0 + 1e-6);
        QVERIFY(!meet(placed[0].box, QRectF(104, 0, 200, 40)));
        QCOMPARE(placed[0].text, QStringLiteral("exit 0"));
    }

    // Squeezed between two obstacles, it is shortened to the gap, not drawn over them.
    void shortenedToTheGap()
    {
        const QString text = QStringLiteral("daemon terminated at main's exit");
        LaneLabelPlacer placer(2);
        placer.addObstacle(QRectF(0, 0, 100, 40));
        placer.addObstacle(QRectF(200, 0, 800, 40));
        LaneLabelPlacer::Candidate c = candidate(text, 110, 20, 1, 1);
        c.places = {{20, 110, Side::Right, 0}};
        placer.add(c);
        const auto placed = placer.place();
        QCOMPARE(placed.size(), 1);
        QVERIFY(placed[0].elided);
        QVERIFY(placed[0].text.endsWith(QChar(0x2026)));
        QVERIFY(placed[0].text.size() < text.size());
        QVERIFY(placed[0].box.right() <= 198.0 + 1e-6);
        QVERIFY(placed[0].box.left() >= 102.0 - 1e-6);
    }

    // A shorter form whole before the text elided; never cut inside a number.
    void shorterFormThenNoCutNumbers()
    {
        const QString text = QStringLiteral("sleep 1372 ms");
        const double room = width(QStringLiteral("1372 ms")) + 1;
        LaneLabelPlacer placer(0);
        placer.addObstacle(QRectF(100 + room, 0, 900, 40));
        LaneLabelPlacer::Candidate c = candidate(text, 100, 20, 1, 1);
        c.shorter << QStringLiteral("1372 ms");
        c.places = {{20, 100, Side::Right, 0}};
        placer.add(c);
        auto placed = placer.place();
        QCOMPARE(placed.size(), 1);
        QCOMPARE(placed[0].text, QStringLiteral("1372 ms"));
        // Without it: room for "sleep 13…" gives "sleep…".
        LaneLabelPlacer plain(0);
        const double cut = width(QStringLiteral("sleep 13")) + width(QString(QChar(0x2026))) + 1;
        plain.addObstacle(QRectF(100 + cut, 0, 900, 40));
        c.shorter.clear();
        plain.add(c);
        placed = plain.place();
        QCOMPARE(placed.size(), 1);
        QCOMPARE(placed[0].text, QStringLiteral("sleep") + QChar(0x2026));
        QVERIFY(placed[0].elided);
    }

    // No room at all, or only for a stub: dropped (the tooltip tells), and said so.
    void droppedWhenNothingFits()
    {
        LaneLabelPlacer placer;
        placer.addObstacle(QRectF(0, 0, 1000, 40));
        placer.add(candidate(QStringLiteral("got None: stop"), 100, 20, 1, 7));
        LaneLabelPlacer::Candidate whole = candidate(QStringLiteral("CPU 3"), 300, 20, 0, 8);
        whole.mayElide = false;
        placer.add(whole);
        QVERIFY(placer.place().isEmpty());
        QCOMPARE(placer.droppedTags(), (QVector<int>{7, 8}));
    }

    // Taller than its lane: dropped, never drawn into the next lane.
    void staysInsideItsLane()
    {
        LaneLabelPlacer placer;
        placer.add(candidate(QStringLiteral("exit 0"), 100, 20, 1, 1, QRectF(0, 0, 1000, 8)));
        QVERIFY(placer.place().isEmpty());
        LaneLabelPlacer near;
        // Asked for near the lane's bottom: moved up into it.
        near.add(candidate(QStringLiteral("exit 0"), 100, 39, 1, 1));
        const auto placed = near.place();
        QCOMPARE(placed.size(), 1);
        QVERIFY(placed[0].box.bottom() <= 40.0 + 1e-6);
        QVERIFY(placed[0].box.top() >= 0.0);
        // At the right edge: left of its mark, not cut.
        LaneLabelPlacer edge;
        edge.add(candidate(QStringLiteral("exit 0"), 995, 20, 1, 1));
        const auto e = edge.place();
        QCOMPARE(e.size(), 1);
        QVERIFY(e[0].box.right() <= 1000.0);
        QCOMPARE(e[0].text, QStringLiteral("exit 0"));
    }

    // A crowd: a hundred labels on one lane, marks 7 px apart. Whatever is
    // placed does not overlap; the first (highest priority) is whole.
    void crowdNeverOverlaps()
    {
        LaneLabelPlacer placer;
        for (int i = 0; i < 100; ++i)
            placer.add(candidate(QStringLiteral("exit %1").arg(i), 50 + 7 * i, 20, i == 42 ? 9 : 1, i));
        const auto placed = placer.place();
        QVERIFY(placed.size() > 5);
        QVERIFY(placed.size() < 100);
        QCOMPARE(placed[0].tag, 42);
        QCOMPARE(placed[0].text, QStringLiteral("exit 42"));
        noOverlaps(placed);
        for (const auto &p : placed)
            QVERIFY(QRectF(0, 0, 1000, 40).contains(p.box));
        QCOMPARE(placed.size() + placer.droppedTags().size(), 100);
    }

    // Centred (a count above its mark): exactly there or not at all.
    void centredIsFixed()
    {
        LaneLabelPlacer placer;
        LaneLabelPlacer::Candidate a = candidate(QStringLiteral("×12"), 100, 10, 2, 1);
        a.places = {{10, 100, Side::Centre, 0}};
        a.mayElide = false;
        LaneLabelPlacer::Candidate b = a;
        b.tag = 2;
        b.places = {{10, 104, Side::Centre, 0}};
        placer.add(a);
        placer.add(b);
        const auto placed = placer.place();
        QCOMPARE(placed.size(), 1);
        QVERIFY(qAbs(placed[0].box.center().x() - 100) < 0.01);
        QCOMPARE(placer.droppedTags(), QVector<int>{2});
    }
};

QTEST_MAIN(TestLaneLabelPlacer)
#include "tst_lanelabelplacer.moc"
